/**
 * The files the plan writes under `--out` (default out/<stack>/): every Kubernetes object as YAML under
 * kubernetes/<namespace or _cluster>/<Kind>-<name>.yaml, each IAM role's trust policy and each policy's document under
 * iam/, each Helm release's values under helm/. Secrets are redacted; the folder is replaced whole (plan/outDir.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { stableStringify } from "../components/common/json";
import type { Recorded } from "./engine";
import { commitOutDir, dropStaging, stagingDir } from "./outDir";
import type { KubernetesObject } from "./validate";

/** Replaces private keys below a secret object with a marker, keeping the rest readable. */
function redactKeys(value: unknown): unknown {
    if (typeof value === "string") return /PRIVATE KEY/.test(value) ? "[secret]" : value;
    if (Array.isArray(value)) return value.map(redactKeys);
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactKeys(v)]));
    }
    return value;
}

/**
 * Redacts secrets for the files the plan writes: a secret scalar becomes "[secret]"; a secret object (such as Helm
 * values holding a TLS key) stays readable with its private keys redacted.
 */
export function redact(inputs: Record<string, unknown>, secretPaths: readonly string[]): Record<string, unknown> {
    const copy = structuredClone(inputs);
    for (const p of secretPaths) {
        const keys = p.split(".");
        let node: Record<string, unknown> = copy;
        for (const k of keys.slice(0, -1)) node = (node?.[k] ?? {}) as Record<string, unknown>;
        const last = keys[keys.length - 1];
        if (node && last in node) {
            const v = node[last];
            node[last] = v !== null && typeof v === "object" ? redactKeys(v) : "[secret]";
        }
    }
    return copy;
}

function write(file: string, text: string): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
}

/**
 * Writes the plan's files for `resources` (with their Kubernetes `objects`) to a staging folder and moves it into
 * place at `out` once all are written; `summary` goes into the folder's marker. Returns the files written (their
 * staging paths).
 */
export function writePlanFiles(
    out: string,
    summary: (count: number) => string,
    resources: readonly Recorded[],
    objects: readonly { resource: Recorded; object: KubernetesObject }[],
): string[] {
    const staging = stagingDir(out);
    const written: string[] = [];
    try {
        for (const { resource, object } of objects) {
            const ns = object.metadata?.namespace ?? "_cluster";
            const file = path.join(
                staging,
                "kubernetes",
                ns,
                `${object.kind}-${object.metadata?.name ?? resource.name}.yaml`,
            );
            write(file, stringify(redact(object as unknown as Record<string, unknown>, resource.secretInputs)));
            written.push(file);
        }
        for (const r of resources.filter((x) => x.type === "aws:iam/role:Role" || x.type === "aws:iam/policy:Policy")) {
            const role = r.type === "aws:iam/role:Role";
            const doc = role ? r.inputs.assumeRolePolicy : r.inputs.policy;
            const file = path.join(staging, "iam", `${r.name}.${role ? "trust" : "policy"}.json`);
            write(file, `${stableStringify(typeof doc === "string" ? JSON.parse(doc) : doc, 2)}\n`);
            written.push(file);
        }
        for (const r of resources.filter((x) => x.type === "kubernetes:helm.sh/v3:Release")) {
            const file = path.join(staging, "helm", `${r.name}.values.yaml`);
            write(file, stringify(redact(r.inputs, r.secretInputs).values ?? {}));
            written.push(file);
        }
        commitOutDir(staging, out, summary(written.length));
    } finally {
        dropStaging(staging);
    }
    return written;
}
