/**
 * Fake upstream checkouts for `npm run upstream`, laid out like kubernetes-sigs/aws-load-balancer-controller at a
 * tag and aws/eks-charts (with its gh-pages `index.yaml`), built from the project's reference data
 * (`../shared/reference`): the verbatim v3.5.0 policies (all partitions), Chart.yaml, values.yaml and CRDs; the
 * annotation table and the Helm repository index are rebuilt from the reference's summaries.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { REFERENCE, referenceJson } from "../harness/fixtures";

export const DATA = path.resolve(__dirname, "..", "..", "components", "data");

interface Row {
    controllerVersion: string;
    chartVersion: string;
    policyFile: string;
    publishedChartVersions: string[];
}
interface CrdRow {
    controllerVersion: string;
    "crds.yaml": string;
    "gateway-crds.yaml": string | null;
}

const created: string[] = [];

/** A new temporary folder, removed by {@link removeTempDirs}. */
export function tempDir(prefix: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `eks-alb-ingress-${prefix}-`));
    created.push(dir);
    return dir;
}

/** Removes the folders {@link tempDir} made. */
export function removeTempDirs(): void {
    for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Every file under `root` (relative paths, sorted) with its bytes. */
export function snapshot(root: string): Map<string, Buffer> {
    const files = new Map<string, Buffer>();
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
            const rel = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(rel);
            else files.set(rel, fs.readFileSync(path.join(root, rel)));
        }
    };
    walk("");
    return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

/** A copy of the package's data folder. */
export function copyData(): string {
    const copy = path.join(tempDir("data"), "data");
    fs.cpSync(DATA, copy, { recursive: true });
    return copy;
}

/**
 * Removes the newest release from a copy of the data folder, as it was before that release was added: its
 * matrix and CRD index rows, the files only it uses, and the values.yaml of its chart. Returns its version.
 */
export function removeNewest(data: string): string {
    const matrix = JSON.parse(fs.readFileSync(path.join(data, "matrix.json"), "utf8")) as Row[];
    const index = JSON.parse(fs.readFileSync(path.join(data, "crds", "index.json"), "utf8")) as CrdRow[];
    const newest = matrix.pop()!;
    const crds = index.pop()!;
    assert(crds.controllerVersion === newest.controllerVersion, "index.json and matrix.json end alike");
    fs.writeFileSync(path.join(data, "matrix.json"), `${JSON.stringify(matrix, undefined, 2)}\n`);
    fs.writeFileSync(path.join(data, "crds", "index.json"), JSON.stringify(index, undefined, 1));
    for (const file of [crds["crds.yaml"], crds["gateway-crds.yaml"]]) {
        if (file !== null && !index.some((r) => r["crds.yaml"] === file || r["gateway-crds.yaml"] === file)) {
            fs.rmSync(path.join(data, "crds", file));
        }
    }
    if (!matrix.some((r) => r.policyFile === newest.policyFile)) {
        fs.rmSync(path.join(data, "iam-policy", newest.policyFile));
    }
    fs.rmSync(path.join(data, "chart", `chart-values-${newest.chartVersion}.yaml`));
    return newest.controllerVersion;
}

function assert(ok: boolean, what: string): void {
    if (!ok) throw new Error(`fixture: ${what}`);
}

function write(root: string, file: string, content: string | Buffer): void {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
}

/** The annotation table of `docs/guide/ingress/annotations.md`, one row per name. */
export function annotationsDoc(names: readonly string[]): string {
    const rows = names.map((n) => `|[${n}](#${n.split("/")[1]})|string|N/A|Ingress|N/A|`);
    return [
        "# Ingress annotations",
        "",
        "## Annotations",
        "|Name | Type |Default|Location|MergeBehavior|",
        "|---|---|---|---|---|",
        ...rows,
        "",
    ].join("\n");
}

/** The two checkouts of controller release v3.5.0 (the newest of the reference), under a new folder. */
export function fakeCheckouts(): { controller: string; charts: string } {
    const root = tempDir("upstream");
    const controller = path.join(root, "aws-load-balancer-controller");
    const charts = path.join(root, "eks-charts");
    const matrix = referenceJson<Row[]>("matrix", "matrix.json");
    const row = matrix.find((r) => r.controllerVersion === "v3.5.0")!;
    const crds = referenceJson<CrdRow[]>("crds", "index.json").find((r) => r.controllerVersion === "v3.5.0")!;
    const ref = (...parts: string[]) => fs.readFileSync(path.join(REFERENCE, ...parts));

    write(controller, "docs/install/iam_policy.json", ref("matrix", row.policyFile));
    for (const p of ["cn", "us-gov", "eusc", "iso", "isob", "isoe", "isof", "acm_certs"]) {
        write(controller, `docs/install/iam_policy_${p}.json`, ref("matrix", "partition", `iam_policy_${p}.json`));
    }
    const names = referenceJson<{ name: string }[]>("annotations", "ingress-annotations.json").map((a) => a.name);
    write(controller, "docs/guide/ingress/annotations.md", annotationsDoc(names));
    for (const [repo, dir] of [
        [controller, "helm/aws-load-balancer-controller"],
        [charts, "stable/aws-load-balancer-controller"],
    ]) {
        write(repo, `${dir}/Chart.yaml`, ref("chart", "Chart-3.5.0.yaml"));
        write(repo, `${dir}/values.yaml`, ref("chart", "chart-values-3.5.0.yaml"));
        write(repo, `${dir}/crds/crds.yaml`, ref("crds", crds["crds.yaml"]));
        write(repo, `${dir}/crds/gateway-crds.yaml`, ref("crds", crds["gateway-crds.yaml"]!));
        write(repo, `${dir}/crds/kustomization.yaml`, "resources:\n- crds.yaml\n- gateway-crds.yaml\n");
    }
    const entries = matrix.flatMap((r) =>
        r.publishedChartVersions.map((v) => ({ version: v, appVersion: r.controllerVersion })),
    );
    write(
        charts,
        "index.yaml",
        stringify({ apiVersion: "v1", entries: { "aws-load-balancer-controller": entries.reverse() } }),
    );
    return { controller, charts };
}
