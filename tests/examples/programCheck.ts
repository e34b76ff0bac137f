/**
 * Checks what a program in another language passes to the package's components against the schema
 * (components/schema.json): type tokens, input names (as that language spells them), required inputs, enum values,
 * nested types, and outputs read. An input the schema marks `plain` must not receive a resource's output: a
 * generated SDK takes a plain input as a prompt value, and the component would get an Output where its TypeScript
 * type promises a value.
 */
import type { PackageSpec, Property } from "@pulumi/pulumi/provider/experimental/schema";

/** A value in a program, as far as the check needs it. */
export type Value =
    | { readonly kind: "literal"; readonly value: unknown }
    | { readonly kind: "list"; readonly items: readonly Value[] }
    | { readonly kind: "map"; readonly entries: Readonly<Record<string, Value>> }
    /** A resource itself (a resource reference). */
    | { readonly kind: "resource"; readonly name: string }
    /** An output of a resource of the package. */
    | { readonly kind: "output"; readonly resource: string; readonly property: string }
    /** Anything else; `outputs` when it depends on a resource's outputs. */
    | { readonly kind: "expr"; readonly outputs: boolean };

/** A resource the program declares. */
export interface ProgramResource {
    /** Where it is (file:line or resource name), for messages. */
    readonly where: string;
    /** The program's name for it (variable or resource key). */
    readonly name: string;
    readonly token: string;
    readonly properties: Readonly<Record<string, Value>>;
}

/** An output of a resource read somewhere in the program. */
export interface OutputRead {
    readonly where: string;
    readonly resource: string;
    readonly property: string;
}

/** How the program's language spells schema names. */
export interface Spelling {
    /** A component's input (constructor keyword). */
    input(name: string): string;
    /** A property of a nested type, or an output. */
    property(name: string): string;
}

const TYPE_REF = "#/types/";

/** Maps a program's spelling back to the schema's names. */
function byProgramName(names: Iterable<string>, spell: (n: string) => string): Map<string, string> {
    return new Map([...names].map((n) => [spell(n), n]));
}

const dependsOnOutputs = (v: Value): boolean =>
    v.kind === "output" ||
    (v.kind === "expr" && v.outputs) ||
    (v.kind === "list" && v.items.some(dependsOnOutputs)) ||
    (v.kind === "map" && Object.values(v.entries).some(dependsOnOutputs));

/** Problems of `value` passed where the schema has `property`. */
function valueProblems(schema: PackageSpec, property: Property, value: Value, at: string, spell: Spelling): string[] {
    if (property.plain && dependsOnOutputs(value)) {
        return [
            `${at} is a plain input: it cannot take a resource's output (the value must be known before deployment)`,
        ];
    }
    if (value.kind === "expr" || value.kind === "output") return [];
    const ref = "$ref" in property ? property.$ref : undefined;
    if (ref === "pulumi.json#/Any") return [];
    if (ref?.startsWith("/")) {
        return value.kind === "resource" ? [] : [`${at} takes a resource (${ref}), got ${value.kind}`];
    }
    if (ref?.startsWith(TYPE_REF)) {
        const type = schema.types[ref.slice(TYPE_REF.length)];
        if (!type) return [`${at}: the schema has no type ${ref}`];
        if (type.enum) {
            const allowed = type.enum.map((e) => e.value);
            return value.kind === "literal" && allowed.includes(value.value as string | number)
                ? []
                : [`${at} must be one of ${allowed.join(", ")}, got ${JSON.stringify(value)}`];
        }
        if (value.kind !== "map") return [`${at} takes an object (${ref}), got ${value.kind}`];
        return objectProblems(
            schema,
            type.properties ?? {},
            type.required ?? [],
            value.entries,
            at,
            spell.property,
            spell,
        );
    }
    const type = "type" in property ? property.type : undefined;
    switch (type) {
        case "string":
        case "number":
        case "integer":
        case "boolean": {
            const expected = type === "integer" ? "number" : type;
            return value.kind === "literal" && typeof value.value === expected
                ? []
                : [`${at} takes a ${type}, got ${JSON.stringify(value)}`];
        }
        case "array":
            if (value.kind !== "list") return [`${at} takes a list, got ${value.kind}`];
            return value.items.flatMap((item, i) => valueProblems(schema, property.items!, item, `${at}[${i}]`, spell));
        case "object":
            if (value.kind !== "map") return [`${at} takes a map, got ${value.kind}`];
            return Object.entries(value.entries).flatMap(([k, v]) =>
                valueProblems(schema, property.additionalProperties!, v, `${at}.${k}`, spell),
            );
        default:
            return [`${at}: cannot check schema property ${JSON.stringify(property)}`];
    }
}

/** Problems of the `given` properties of an object with schema `properties`. */
function objectProblems(
    schema: PackageSpec,
    properties: Record<string, Property>,
    required: readonly string[],
    given: Readonly<Record<string, Value>>,
    at: string,
    spellName: (n: string) => string,
    spell: Spelling,
): string[] {
    const names = byProgramName(Object.keys(properties), spellName);
    const problems: string[] = [];
    for (const [programName, value] of Object.entries(given)) {
        const name = names.get(programName);
        if (name === undefined) {
            problems.push(`${at}: no input \`${programName}\` (there are ${[...names.keys()].join(", ")})`);
        } else {
            problems.push(...valueProblems(schema, properties[name], value, `${at}.${programName}`, spell));
        }
    }
    const missing = required.filter((r) => !(spellName(r) in given));
    if (missing.length > 0) problems.push(`${at}: required ${missing.map(spellName).join(", ")} not given`);
    return problems;
}

/** Every problem of the package's resources a program declares, and of the outputs it reads. */
export function programProblems(
    schema: PackageSpec,
    resources: readonly ProgramResource[],
    reads: readonly OutputRead[],
    spell: Spelling,
): string[] {
    const problems: string[] = [];
    const tokens = new Map<string, string>();
    for (const r of resources) {
        const resource = schema.resources[r.token];
        if (!resource) {
            problems.push(`${r.where}: the schema has no resource ${r.token}`);
            continue;
        }
        tokens.set(r.name, r.token);
        const inputs = resource.inputProperties ?? {};
        problems.push(
            ...objectProblems(schema, inputs, resource.requiredInputs ?? [], r.properties, r.where, spell.input, spell),
        );
    }
    for (const read of reads) {
        const token = tokens.get(read.resource);
        if (token === undefined) continue; // a resource of another package
        const outputs = byProgramName(Object.keys(schema.resources[token].properties ?? {}), spell.property);
        if (!outputs.has(read.property) && read.property !== "urn") {
            problems.push(`${read.where}: ${token} has no output \`${read.property}\``);
        }
    }
    return problems;
}
