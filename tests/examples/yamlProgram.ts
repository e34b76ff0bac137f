/**
 * Reads a Pulumi YAML program (pulumi/pulumi-yaml `pkg/pulumiyaml/ast/template.go`: `config`, `variables`,
 * `resources`, `outputs`; `${name.path}` interpolations; `fn::` builtins) into what programCheck.ts checks.
 */
import type { OutputRead, ProgramResource, Value } from "./programCheck";

/** A Pulumi YAML program, as far as the check reads it. */
export interface YamlProgram {
    readonly packages?: Record<string, unknown>;
    readonly config?: Record<string, unknown>;
    readonly variables?: Record<string, unknown>;
    readonly resources?: Record<string, { type: string; properties?: Record<string, unknown> }>;
    readonly outputs?: Record<string, unknown>;
}

const INTERPOLATION = /\$\{([^}]+)\}/g;

/** The references `${root.path...}` in a string: root name and first property. */
function references(text: string): { root: string; property?: string }[] {
    return [...text.matchAll(INTERPOLATION)].map((m) => {
        const [, root, property] = /^([^.[]+)(?:\.([A-Za-z0-9_]+))?/.exec(m[1].trim()) ?? [];
        return { root, property };
    });
}

/** Every string in a YAML value. */
function strings(node: unknown): string[] {
    if (typeof node === "string") return [node];
    if (Array.isArray(node)) return node.flatMap(strings);
    if (node !== null && typeof node === "object") return Object.values(node).flatMap(strings);
    return [];
}

/** The program's resources of `token` prefix `pkg:`, and every output of them it reads. */
export function readYamlProgram(
    program: YamlProgram,
    pkg: string,
): { resources: ProgramResource[]; reads: OutputRead[] } {
    const declared = program.resources ?? {};
    const ours = new Set(Object.keys(declared).filter((k) => declared[k].type.startsWith(`${pkg}:`)));
    // Variables (in order) that depend on a resource's outputs.
    const derived = new Set<string>();
    const dependsOnOutputs = (node: unknown) =>
        strings(node).some((s) => references(s).some((r) => r.root in declared || derived.has(r.root)));
    for (const [name, value] of Object.entries(program.variables ?? {})) {
        if (dependsOnOutputs(value)) derived.add(name);
    }

    const toValue = (node: unknown): Value => {
        if (typeof node === "string") {
            const whole = /^\$\{([^}]+)\}$/.exec(node);
            const refs = references(node);
            if (whole && refs.length === 1) {
                const { root, property } = refs[0];
                if (root in declared && property === undefined) return { kind: "resource", name: root };
                if (ours.has(root) && property !== undefined) return { kind: "output", resource: root, property };
            }
            if (refs.length > 0) return { kind: "expr", outputs: dependsOnOutputs(node) };
            return { kind: "literal", value: node };
        }
        if (Array.isArray(node)) return { kind: "list", items: node.map(toValue) };
        if (node !== null && typeof node === "object") {
            const keys = Object.keys(node);
            if (keys.length === 1 && keys[0].startsWith("fn::"))
                return { kind: "expr", outputs: dependsOnOutputs(node) };
            return { kind: "map", entries: Object.fromEntries(Object.entries(node).map(([k, v]) => [k, toValue(v)])) };
        }
        return { kind: "literal", value: node };
    };

    const resources = [...ours].map((name) => ({
        where: `resources.${name}`,
        name,
        token: declared[name].type,
        properties: Object.fromEntries(
            Object.entries(declared[name].properties ?? {}).map(([k, v]) => [k, toValue(v)]),
        ),
    }));
    const reads: OutputRead[] = [];
    const collect = (where: string, node: unknown) => {
        for (const s of strings(node)) {
            for (const r of references(s)) {
                if (ours.has(r.root) && r.property !== undefined)
                    reads.push({ where, resource: r.root, property: r.property });
            }
        }
    };
    for (const section of ["variables", "resources", "outputs"] as const) {
        for (const [name, node] of Object.entries(program[section] ?? {})) collect(`${section}.${name}`, node);
    }
    return { resources, reads };
}
