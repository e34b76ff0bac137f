/**
 * What a new upstream release changes, as lines for the maintainer to review: IAM actions, chart values keys,
 * CRDs. Pure functions of parsed documents.
 */
import { type ChartCrd, diffCrds } from "../../components/controller/crds";
import { isPlainObject, stableStringify } from "../../components/common/json";
import type { PolicyDocument } from "../../components/controller/versions";

/** Every action an IAM policy allows or denies, sorted. */
export function policyActions(doc: PolicyDocument): string[] {
    const actions = doc.Statement.flatMap((s) => (typeof s.Action === "string" ? [s.Action] : [...s.Action]));
    return [...new Set(actions)].sort();
}

/** A policy's statements in a canonical form (actions sorted, keys sorted, statements sorted) for comparison. */
export function canonicalStatements(doc: PolicyDocument): string[] {
    return doc.Statement.map((s) =>
        stableStringify({ ...s, Action: (typeof s.Action === "string" ? [s.Action] : [...s.Action]).sort() }),
    ).sort();
}

/** `before` → `after` of two sorted string lists, as `+ x` / `- x` lines. */
export function listChanges(before: readonly string[], after: readonly string[]): string[] {
    return [
        ...after.filter((x) => !before.includes(x)).map((x) => `+ ${x}`),
        ...before.filter((x) => !after.includes(x)).map((x) => `- ${x}`),
    ];
}

/**
 * Dotted leaf paths of a values.yaml and their defaults. Empty maps and lists are leaves (the method of the
 * reference's `chart-values-keydiff.md`); keys that only appear in comments are not seen.
 */
export function valueLeaves(values: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
    if (isPlainObject(values) && Object.keys(values).length > 0) {
        for (const [key, value] of Object.entries(values)) valueLeaves(value, `${prefix}${key}.`, out);
    } else if (prefix !== "") {
        out.set(prefix.slice(0, -1), JSON.stringify(values ?? null));
    }
    return out;
}

/** Keys added and removed, and defaults changed, between two parsed values.yaml. */
export function valuesChanges(before: unknown, after: unknown): string[] {
    const [old, now] = [valueLeaves(before), valueLeaves(after)];
    const lines = listChanges([...old.keys()].sort(), [...now.keys()].sort());
    for (const [key, value] of [...now].sort(([a], [b]) => a.localeCompare(b))) {
        const prev = old.get(key);
        if (prev !== undefined && prev !== value) lines.push(`~ ${key}: ${prev} → ${value}`);
    }
    return lines;
}

/** Property paths of an OpenAPI v3 schema (`spec.foo`, `spec.rules[].bar`), sorted. */
export function schemaPaths(schema: unknown, prefix = "", out: string[] = []): string[] {
    if (!isPlainObject(schema)) return out;
    if (isPlainObject(schema.properties)) {
        for (const [key, sub] of Object.entries(schema.properties)) {
            out.push(`${prefix}${key}`);
            schemaPaths(sub, `${prefix}${key}.`, out);
        }
    }
    if (isPlainObject(schema.items)) schemaPaths(schema.items, `${prefix.replace(/\.$/, "")}[].`, out);
    return prefix === "" ? out.sort() : out;
}

function versionSchema(crd: ChartCrd, version: string): unknown {
    const versions = (crd.manifest.spec as { versions: { name: string; schema?: { openAPIV3Schema?: unknown } }[] })
        .versions;
    return versions.find((v) => v.name === version)?.schema?.openAPIV3Schema;
}

/** The CRD changes between two releases, as review lines. */
export function crdChanges(before: readonly ChartCrd[], after: readonly ChartCrd[]): string[] {
    const diff = diffCrds(before, after);
    const lines = [...diff.added.map((n) => `+ ${n}`), ...diff.removed.map((n) => `- ${n} (REMOVED)`)];
    const old = new Map(before.map((c) => [c.name, c]));
    for (const change of diff.changed) {
        const parts: string[] = [];
        if (change.servedAdded.length > 0) parts.push(`serves ${change.servedAdded.join(", ")}`);
        if (change.servedRemoved.length > 0) parts.push(`NO LONGER SERVES ${change.servedRemoved.join(", ")}`);
        if (change.storage !== undefined) parts.push(`storage ${change.storage.from} → ${change.storage.to}`);
        const crd = after.find((c) => c.name === change.name)!;
        for (const v of change.schemaChanged) {
            const fields = listChanges(
                schemaPaths(versionSchema(old.get(change.name)!, v)),
                schemaPaths(versionSchema(crd, v)),
            ).map((l) => l.replace(" ", ""));
            parts.push(`schema ${v} ${fields.length > 0 ? fields.join(" ") : "(validation or descriptions only)"}`);
        }
        lines.push(`~ ${change.name}: ${parts.join("; ")}`);
    }
    return lines;
}
