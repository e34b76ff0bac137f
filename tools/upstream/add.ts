/**
 * `npm run upstream -- add <version>`: adds one controller release to the package's closed version matrix from
 * checkouts of the upstream repositories. Everything is checked before anything is written; what the release
 * changes is returned as lines to review.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { type ChartCrd, parseCrds } from "../../components/controller/crds";
import { renderControllerPolicy } from "../../components/controller/iamPolicy";
import { PARTITION_NAMES } from "../../components/controller/partitions";
import { type ControllerRelease, type PolicyDocument, compareVersions } from "../../components/controller/versions";
import { canonicalStatements, crdChanges, listChanges, policyActions, valuesChanges } from "./changes";
import { PARTITION_POLICY_FILES, type UpstreamRelease, UpstreamError, readUpstream } from "./checkouts";
import {
    ANNOTATION_CATALOGUE,
    type CrdIndexRow,
    type DataFolder,
    type MatrixRow,
    listData,
    readData,
    readDataFolder,
    sameContent,
    serializeCrdIndex,
    serializeMatrix,
} from "./dataFolder";

/** What `add` is asked to do. */
export interface AddOptions {
    /** The release tag, `vX.Y.Z`. */
    readonly version: string;
    /** Checkout of kubernetes-sigs/aws-load-balancer-controller at the tag. */
    readonly controller: string;
    /** Checkout of aws/eks-charts at the commit that published the chart. */
    readonly charts: string;
    /** The data folder to update (the package's `components/data`). */
    readonly data: string;
}

/** The files to write (`Buffer`) or delete (`null`), relative to the data folder, and the review lines. */
export interface AddPlan {
    readonly writes: ReadonlyMap<string, Buffer | null>;
    readonly report: readonly string[];
}

function parsePolicy(bytes: Buffer, what: string): PolicyDocument {
    try {
        const doc = JSON.parse(bytes.toString("utf8")) as PolicyDocument;
        if (!Array.isArray(doc.Statement)) throw new Error("no Statement list");
        return doc;
    } catch (e) {
        throw new UpstreamError(`${what} is not an IAM policy: ${(e as Error).message}`);
    }
}

/** Checks that every partition's upstream policy is what the package renders from the commercial one. */
function checkPartitions(up: UpstreamRelease, policy: PolicyDocument): void {
    const unknown = PARTITION_NAMES.filter((p) => PARTITION_POLICY_FILES[p] === undefined);
    if (unknown.length > 0) {
        throw new UpstreamError(`no upstream policy file known for partition ${unknown.join(", ")} (checkouts.ts)`);
    }
    for (const partition of PARTITION_NAMES.filter((p) => p !== "aws")) {
        const file = `docs/install/${PARTITION_POLICY_FILES[partition]}`;
        const theirs = parsePolicy(up.policies.get(partition)!, `--controller: ${file}`);
        const ours = renderControllerPolicy({ policy } as ControllerRelease, partition);
        const diff = listChanges(canonicalStatements(ours), canonicalStatements(theirs));
        if (diff.length > 0) {
            throw new UpstreamError(
                `--controller: ${file} is not iam_policy.json rewritten for ${partition} as components/controller/partitions.ts ` +
                    `does it (actions ${listChanges(policyActions(ours), policyActions(theirs)).join(", ") || "equal"}; ` +
                    "statements differ): update the partition rules first",
            );
        }
    }
}

function chartSource(up: UpstreamRelease): Pick<MatrixRow, "chartVersion" | "chartVersionSource" | "notes"> {
    const v = up.controllerVersion;
    const published = up.indexedCharts ?? [up.publishedChart];
    const index = up.indexedCharts === undefined ? "" : " and eks-charts gh-pages index.yaml";
    const inRepo = up.inRepoChart;
    const agrees = inRepo.appVersion === v && published.includes(inRepo.version);
    const chartVersion = agrees ? inRepo.version : up.publishedChart;
    const notes = [
        ...(agrees
            ? []
            : [
                  `in-repo helm/aws-load-balancer-controller/Chart.yaml at ${v} says version ${inRepo.version} ` +
                      `(not bumped/typo); the chart actually published for appVersion ${v} is ${chartVersion}`,
              ]),
        ...(published.length > 1
            ? [`also published with appVersion ${v}: ${published.filter((c) => c !== chartVersion).join(", ")}`]
            : []),
    ];
    return {
        chartVersion,
        chartVersionSource: agrees
            ? "controller repo helm/aws-load-balancer-controller/Chart.yaml at tag (agrees with aws/eks-charts " +
              `stable/aws-load-balancer-controller/Chart.yaml${index})`
            : "aws/eks-charts stable/aws-load-balancer-controller/Chart.yaml history (chart whose appVersion == tag)" +
              `${index === "" ? "" : ", confirmed in eks-charts gh-pages index.yaml"}; in-repo Chart.yaml at tag disagrees`,
        ...(notes.length > 0 ? { notes } : {}),
    };
}

function crdsIn(root: string, files: readonly (string | null)[]): ChartCrd[] {
    return files
        .filter((f): f is string => f !== null)
        .flatMap((f) => parseCrds(readData(root, path.join("crds", f)).toString("utf8"), f));
}

/** What each step of {@link planAdd} reads and adds to. */
interface Step {
    readonly version: string;
    readonly root: string;
    readonly data: DataFolder;
    /** The newest release already in the matrix: what the new one is compared with. */
    readonly newest: MatrixRow;
    readonly up: UpstreamRelease;
    readonly writes: Map<string, Buffer | null>;
    readonly report: string[];
}

/** The commercial policy verbatim (deduplicated by content); the other partitions are checked, not stored. */
function importPolicy(step: Step): Pick<MatrixRow, "policyFile" | "policySha256"> {
    const { up, data, newest, writes } = step;
    const bytes = up.policies.get("aws")!;
    const policy = parsePolicy(bytes, "--controller: docs/install/iam_policy.json");
    checkPartitions(up, policy);
    const policySha256 = createHash("sha256").update(bytes).digest("hex");
    const policyFile =
        data.matrix.find((r) => r.policySha256 === policySha256)?.policyFile ?? `iam_policy-${step.version}.json`;
    const added = !data.matrix.some((r) => r.policyFile === policyFile);
    if (added) writes.set(`iam-policy/${policyFile}`, bytes);
    const old = parsePolicy(readData(step.root, `iam-policy/${newest.policyFile}`), newest.policyFile);
    const actions = listChanges(policyActions(old), policyActions(policy));
    step.report.push(
        `IAM policy: ${added ? "new file " : ""}${policyFile} (all ${PARTITION_NAMES.length} partitions as upstream ` +
            "publishes them)",
        ...(actions.length > 0 ? actions : ["no action added or removed"]).map((l) => `  ${l}`),
    );
    return { policyFile, policySha256 };
}

/** The published chart version, and its values.yaml (only the newest of each chart line is kept). */
function importChart(step: Step): ReturnType<typeof chartSource> {
    const { root, writes } = step;
    const chart = chartSource(step.up);
    const clash = step.data.matrix.find((r) => r.chartVersion === chart.chartVersion);
    if (clash !== undefined) {
        throw new UpstreamError(
            `--charts: chart ${chart.chartVersion} is already the chart of ${clash.controllerVersion}: ` +
                "the published chart cannot be matched to the release",
        );
    }
    const versionOf = (file: string) => file.slice("chart-values-".length, -".yaml".length);
    const valuesFiles = listData(root, "chart")
        .filter((f) => /^chart-values-\d+\.\d+\.\d+\.yaml$/.test(f))
        .sort((a, b) => compareVersions(versionOf(a), versionOf(b)));
    const sameLine = valuesFiles.filter((f) => f.startsWith(`chart-values-${chart.chartVersion.split(".")[0]}.`));
    const previous = (sameLine.length > 0 ? sameLine : valuesFiles).at(-1);
    const valuesFile = `chart-values-${chart.chartVersion}.yaml`;
    for (const f of sameLine) writes.set(`chart/${f}`, null);
    writes.set(`chart/${valuesFile}`, step.up.values);
    const before: unknown = previous === undefined ? {} : parse(readData(root, `chart/${previous}`).toString());
    const values = valuesChanges(before, parse(step.up.values.toString("utf8")));
    step.report.push(
        `Chart ${chart.chartVersion} (image ${step.version}), values ${valuesFile}` +
            (previous === undefined ? ":" : ` compared with ${previous}:`),
        ...(values.length > 0 ? values : ["no values key added or removed"]).map((l) => `  ${l}`),
    );
    return chart;
}

/** The chart's crds.yaml and gateway-crds.yaml, each deduplicated by content. */
function importCrds(step: Step, chartVersion: string): CrdIndexRow {
    const { root, writes, newest, up, version } = step;
    const last = step.data.crdIndex.find((r) => r.controllerVersion === newest.controllerVersion);
    if (last === undefined) throw new UpstreamError(`--data: crds/index.json has no ${newest.controllerVersion}`);
    if (last["gateway-crds.yaml"] !== null && up.gatewayCrds === undefined) {
        throw new UpstreamError(
            "--controller: helm/aws-load-balancer-controller/crds/gateway-crds.yaml is missing " +
                `(${newest.controllerVersion} has one)`,
        );
    }
    const crdFile = (prefix: string, content: Buffer): string => {
        const existing = sameContent(root, "crds", `${prefix}-v`, content);
        if (existing !== undefined) return existing;
        const file = `${prefix}-${version}.yaml`;
        writes.set(`crds/${file}`, content);
        return file;
    };
    const row: CrdIndexRow = {
        controllerVersion: version,
        chartVersion,
        "crds.yaml": crdFile("crds", up.crds),
        "gateway-crds.yaml": up.gatewayCrds === undefined ? null : crdFile("gateway-crds", up.gatewayCrds),
    };
    const files = [row["crds.yaml"], row["gateway-crds.yaml"]].filter((f): f is string => f !== null);
    const crds = files.flatMap((f) => {
        try {
            return parseCrds((writes.get(`crds/${f}`) ?? readData(root, `crds/${f}`)).toString("utf8"), f);
        } catch (e) {
            throw new UpstreamError(`--controller: the chart's CRDs (${f}): ${(e as Error).message}`);
        }
    });
    const changes = crdChanges(crdsIn(root, [last["crds.yaml"], last["gateway-crds.yaml"]]), crds);
    step.report.push(
        `CRDs ${files.join(", ")} compared with ${newest.controllerVersion}:`,
        ...(changes.length > 0 ? changes : ["no CRD change"]).map((l) => `  ${l}`),
    );
    return row;
}

/** The annotation catalogue is a hand-written summary of the docs: only its names can be compared. */
function compareAnnotations(step: Step): void {
    const catalogue = JSON.parse(fs.readFileSync(ANNOTATION_CATALOGUE, "utf8")) as {
        name: string;
    }[];
    const docs = step.up.annotationNames;
    const names = listChanges(catalogue.map((a) => a.name).sort(), [...docs].sort());
    step.report.push(
        `Annotations (${docs.length} in docs/guide/ingress/annotations.md, ${catalogue.length} catalogued):`,
        ...(names.length > 0
            ? [
                  ...names,
                  "rules/data/annotations/ingress-annotations.json is a summary: edit it by hand (type, values, merge)",
              ]
            : ["no annotation added or removed"]
        ).map((l) => `  ${l}`),
    );
}

/** Plans adding release `options.version`; throws {@link UpstreamError} (and writes nothing) on any problem. */
export function planAdd(options: AddOptions): AddPlan {
    const { version, data: root } = options;
    if (!/^v\d+\.\d+\.\d+$/.test(version)) {
        throw new UpstreamError(`version must be a release tag like v3.6.0, got "${version}"`);
    }
    const data = readDataFolder(root);
    const newest = data.matrix[data.matrix.length - 1];
    if (data.matrix.some((r) => r.controllerVersion === version)) {
        throw new UpstreamError(`${version} is already in the version matrix (matrix.json)`);
    }
    if (compareVersions(version, newest.controllerVersion) <= 0) {
        throw new UpstreamError(
            `${version} is older than the newest release of the matrix, ${newest.controllerVersion}: files are named ` +
                "by the first release that has their content, so releases are added in order",
        );
    }
    const up = readUpstream(version, options.controller, options.charts);
    const step: Step = { version, root, data, newest, up, writes: new Map(), report: [] };
    const policy = importPolicy(step);
    const chart = importChart(step);
    const crdRow = importCrds(step, chart.chartVersion);
    compareAnnotations(step);
    const row: MatrixRow = {
        controllerVersion: version,
        chartVersion: chart.chartVersion,
        imageTag: version, // readUpstream checked values.yaml image.tag
        policySha256: policy.policySha256,
        policyFile: policy.policyFile,
        chartVersionSource: chart.chartVersionSource,
        inRepoChartYaml: { version: up.inRepoChart.version, appVersion: up.inRepoChart.appVersion },
        publishedChartVersions: up.indexedCharts ?? [up.publishedChart],
        ...(chart.notes === undefined ? {} : { notes: chart.notes }),
    };
    step.writes.set("matrix.json", Buffer.from(serializeMatrix([...data.matrix, row])));
    step.writes.set("crds/index.json", Buffer.from(serializeCrdIndex([...data.crdIndex, crdRow])));
    return { writes: step.writes, report: step.report };
}
