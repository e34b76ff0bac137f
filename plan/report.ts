/** What the plan prints: the resource tree as `pulumi preview` shows it, counts, and create/delete waves. */
import type { Recorded } from "./engine";

/** The resource tree, one line per resource, children indented below their parent, in registration order. */
export function resourceTree(resources: readonly Recorded[], rootName: string): string[] {
    const rows: [string, string][] = [["pulumi:pulumi:Stack", rootName]];
    const children = (parent: string | undefined) =>
        resources.filter(
            (r) =>
                r.parent === parent ||
                (parent === undefined && r.parent !== undefined && !resources.some((p) => p.urn === r.parent)),
        );
    const walk = (parent: string | undefined, prefix: string) => {
        const list = children(parent);
        list.forEach((r, i) => {
            const last = i === list.length - 1;
            rows.push([`${prefix}${last ? "└─ " : "├─ "}${r.type}`, r.name]);
            walk(r.urn, `${prefix}${last ? "   " : "│  "}`);
        });
    };
    walk(undefined, "");
    const width = Math.max(...rows.map(([t]) => t.length)) + 2;
    return [`${"Type".padEnd(width)}Name`, ...rows.map(([t, n]) => `${t.padEnd(width)}${n}`)];
}

/** Resources counted by type, most frequent first. */
export function countByType(resources: readonly Recorded[]): [string, number][] {
    const counts = new Map<string, number>();
    for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The URN of a provider reference `<urn>::<id>` (the engine creates the provider before what uses it). */
export function providerUrn(reference: string): string {
    const at = reference.lastIndexOf("::");
    return at < 0 ? reference : reference.slice(0, at);
}

/**
 * Create waves: wave 1 holds the custom resources that wait for nothing, wave n+1 those whose dependencies are
 * all in earlier waves — explicit and input dependencies, and the provider a resource is created through; a wave's
 * resources can be created in parallel. Deleting runs the waves in reverse.
 */
export function createWaves(resources: readonly Recorded[]): Recorded[][] {
    const custom = resources.filter((r) => r.custom);
    const byUrn = new Map(custom.map((r) => [r.urn, r]));
    const level = new Map<string, number>();
    const levelOf = (r: Recorded, stack: Set<string>): number => {
        const known = level.get(r.urn);
        if (known !== undefined) return known;
        if (stack.has(r.urn)) throw new Error(`dependency cycle through ${r.urn}`);
        stack.add(r.urn);
        const deps = [...r.dependencies, ...(r.provider ? [providerUrn(r.provider)] : [])]
            .map((u) => byUrn.get(u))
            .filter((d): d is Recorded => d !== undefined && d.urn !== r.urn);
        const l = 1 + Math.max(0, ...deps.map((d) => levelOf(d, stack)));
        stack.delete(r.urn);
        level.set(r.urn, l);
        return l;
    };
    const waves: Recorded[][] = [];
    for (const r of custom) {
        const l = levelOf(r, new Set());
        (waves[l - 1] ??= []).push(r);
    }
    return waves.map((w) => w ?? []);
}

/** Prints waves as numbered lines of `type name` entries. */
export function formatWaves(waves: readonly Recorded[][], label: string): string[] {
    return waves.map((w, i) => `  ${label} ${String(i + 1).padStart(2)}: ${w.map((r) => r.name).join(", ")}`);
}
