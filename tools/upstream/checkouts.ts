/**
 * Reads one controller release from local checkouts of the two upstream repositories, laid out as they are on
 * GitHub:
 * - kubernetes-sigs/aws-load-balancer-controller at the release tag: `docs/install/iam_policy*.json` (one per
 *   partition), `helm/aws-load-balancer-controller/{Chart.yaml,values.yaml,crds/}`, and
 *   `docs/guide/ingress/annotations.md`;
 * - aws/eks-charts at the commit that published the chart: `stable/aws-load-balancer-controller/{Chart.yaml,
 *   values.yaml,crds/}`, and optionally the published Helm repository index `index.yaml` (branch gh-pages, which
 *   https://aws.github.io/eks-charts serves).
 * Every missing file or mismatch is an {@link UpstreamError}: nothing is guessed.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { compareVersions } from "../../components/controller/versions";

/** A refusal: the message says which file or value is wrong and what to do. */
export class UpstreamError extends Error {}

/** Upstream's policy file for each partition of `components/controller/partitions.ts` (`docs/install/` at the tag). */
export const PARTITION_POLICY_FILES: Readonly<Record<string, string>> = {
    aws: "iam_policy.json",
    "aws-cn": "iam_policy_cn.json",
    "aws-us-gov": "iam_policy_us-gov.json",
    "aws-eusc": "iam_policy_eusc.json",
    "aws-iso": "iam_policy_iso.json",
    "aws-iso-b": "iam_policy_isob.json",
    "aws-iso-e": "iam_policy_isoe.json",
    "aws-iso-f": "iam_policy_isof.json",
};

export const CONTROLLER_CHART_DIR = "helm/aws-load-balancer-controller";
export const EKS_CHARTS_CHART_DIR = "stable/aws-load-balancer-controller";
export const ANNOTATIONS_DOC = "docs/guide/ingress/annotations.md";

/** Everything `add` imports for one release. File contents are kept as bytes, to be written verbatim. */
export interface UpstreamRelease {
    readonly controllerVersion: string;
    /** `docs/install/<file>` bytes by partition. */
    readonly policies: ReadonlyMap<string, Buffer>;
    /** `version` and `appVersion` of the controller repository's own Chart.yaml at the tag. */
    readonly inRepoChart: { readonly version: string; readonly appVersion: string };
    /** `version` of eks-charts' Chart.yaml (its `appVersion` is checked to be the tag). */
    readonly publishedChart: string;
    /** Chart versions the index publishes with `appVersion` = the tag, oldest first; `undefined` without index. */
    readonly indexedCharts?: readonly string[];
    /** The published chart's values.yaml. */
    readonly values: Buffer;
    /** `crds/crds.yaml` and, when the chart has one, `crds/gateway-crds.yaml`. */
    readonly crds: Buffer;
    readonly gatewayCrds?: Buffer;
    /** Annotation names in the table of `docs/guide/ingress/annotations.md`. */
    readonly annotationNames: readonly string[];
}

function read(root: string, file: string, what: string): Buffer {
    const full = path.join(root, file);
    if (!fs.existsSync(full)) {
        throw new UpstreamError(`${what}: ${file} is missing in ${root}; is it a checkout of the right tag?`);
    }
    return fs.readFileSync(full);
}

function chartYaml(root: string, file: string, what: string): { version: string; appVersion: string } {
    const doc = parse(read(root, file, what).toString("utf8")) as Record<string, unknown> | null;
    const version = doc?.version;
    const appVersion = doc?.appVersion;
    if (typeof version !== "string" || typeof appVersion !== "string") {
        throw new UpstreamError(`${what}: ${file} has no string version and appVersion`);
    }
    return { version, appVersion };
}

/** Chart versions the Helm repository index publishes with `appVersion` = `tag`, oldest first. */
function indexedCharts(charts: string, tag: string): string[] | undefined {
    const file = path.join(charts, "index.yaml");
    if (!fs.existsSync(file)) return undefined;
    const index = parse(fs.readFileSync(file, "utf8")) as { entries?: Record<string, unknown> } | null;
    const entries = index?.entries?.["aws-load-balancer-controller"];
    if (!Array.isArray(entries)) {
        throw new UpstreamError(`--charts: index.yaml has no entries for aws-load-balancer-controller`);
    }
    return entries
        .filter((e: { appVersion?: unknown }) => e.appVersion === tag)
        .map((e: { version?: unknown }) => String(e.version))
        .sort(compareVersions);
}

/** The `alb.ingress.kubernetes.io/*` names of the annotation table (`|[name](#anchor)|type|…`), in order. */
export function annotationNamesOf(markdown: string): string[] {
    const names: string[] = [];
    for (const line of markdown.split("\n")) {
        const m = /^\|\s*\[(alb\.ingress\.kubernetes\.io\/[^\]]+)\]\(#[^)]*\)\s*\|/.exec(line);
        if (m !== null && !names.includes(m[1])) names.push(m[1]);
    }
    return names;
}

/** Reads release `version` from the two checkouts; throws {@link UpstreamError} on anything missing. */
export function readUpstream(version: string, controller: string, charts: string): UpstreamRelease {
    for (const [flag, dir] of [
        ["--controller", controller],
        ["--charts", charts],
    ]) {
        if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
            throw new UpstreamError(`${flag}: ${dir} is not a directory`);
        }
    }
    const policies = new Map<string, Buffer>();
    for (const [partition, file] of Object.entries(PARTITION_POLICY_FILES)) {
        policies.set(partition, read(controller, `docs/install/${file}`, `--controller (${partition} policy)`));
    }
    const inRepoChart = chartYaml(controller, `${CONTROLLER_CHART_DIR}/Chart.yaml`, "--controller");
    const published = chartYaml(charts, `${EKS_CHARTS_CHART_DIR}/Chart.yaml`, "--charts");
    if (published.appVersion !== version) {
        throw new UpstreamError(
            `--charts: ${EKS_CHARTS_CHART_DIR}/Chart.yaml is chart ${published.version} for appVersion ` +
                `${published.appVersion}, not ${version}: check out the aws/eks-charts commit that published ${version} ` +
                `(git log -p -- ${EKS_CHARTS_CHART_DIR}/Chart.yaml)`,
        );
    }
    const indexed = indexedCharts(charts, version);
    if (indexed !== undefined && !indexed.includes(published.version)) {
        throw new UpstreamError(
            `--charts: index.yaml publishes ${indexed.length === 0 ? "no chart" : `chart ${indexed.join(", ")}`} ` +
                `for appVersion ${version}, but ${EKS_CHARTS_CHART_DIR}/Chart.yaml says ${published.version}: ` +
                "the published chart cannot be matched to the release",
        );
    }
    // The chart as published must be the chart at the tag: values.yaml and the CRDs the package applies.
    const values = read(charts, `${EKS_CHARTS_CHART_DIR}/values.yaml`, "--charts");
    const crds = read(controller, `${CONTROLLER_CHART_DIR}/crds/crds.yaml`, "--controller");
    const gatewayFile = `${CONTROLLER_CHART_DIR}/crds/gateway-crds.yaml`;
    const gatewayCrds = fs.existsSync(path.join(controller, gatewayFile))
        ? read(controller, gatewayFile, "--controller")
        : undefined;
    const same: [string, Buffer | undefined][] = [
        ["values.yaml", read(controller, `${CONTROLLER_CHART_DIR}/values.yaml`, "--controller")],
        ["crds/crds.yaml", crds],
        ["crds/gateway-crds.yaml", gatewayCrds],
    ];
    for (const [file, ours] of same) {
        const theirs = path.join(charts, EKS_CHARTS_CHART_DIR, file);
        const published = fs.existsSync(theirs) ? fs.readFileSync(theirs) : undefined;
        if (file === "values.yaml" ? !ours!.equals(values) : published !== undefined && !ours?.equals(published)) {
            throw new UpstreamError(
                `--charts: ${EKS_CHARTS_CHART_DIR}/${file} differs from ${CONTROLLER_CHART_DIR}/${file} at ${version}: ` +
                    "the published chart cannot be matched to the release; check out both repositories at the release",
            );
        }
    }
    const imageTag = (parse(values.toString("utf8")) as { image?: { tag?: unknown } } | null)?.image?.tag;
    if (imageTag !== version) {
        throw new UpstreamError(`--charts: values.yaml image.tag is ${String(imageTag)}, not ${version}`);
    }
    const annotationNames = annotationNamesOf(read(controller, ANNOTATIONS_DOC, "--controller").toString("utf8"));
    if (annotationNames.length === 0) {
        throw new UpstreamError(`--controller: ${ANNOTATIONS_DOC} has no annotation table`);
    }
    return {
        controllerVersion: version,
        policies,
        inRepoChart,
        publishedChart: published.version,
        ...(indexed === undefined ? {} : { indexedCharts: indexed }),
        values,
        crds,
        ...(gatewayCrds === undefined ? {} : { gatewayCrds }),
        annotationNames,
    };
}
