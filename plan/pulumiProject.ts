/**
 * `Pulumi.yaml` as the Pulumi CLI reads it: the project's name, where its stack files live, and its `config:`
 * declarations, checked by the CLI's own rules (pulumi/pulumi `sdk/go/common/workspace`): `loaders.go`
 * LoadProjectBytes → `project.go` ValidateProject (the `project.json` schema), RewriteConfigPathIntoStackConfigDir,
 * RewriteShorthandConfigValues and `(*Project).Validate`. Messages are the CLI's own where it has one.
 */
import { isPlainObject } from "../components/common/json";
import type { ConfigTypeName } from "../stack/config";

const TYPE_NAMES: readonly string[] = ["string", "integer", "boolean", "array", "object"];

/** The `items` of an array type (`project.json` configItemsType). */
export interface ConfigItemsType {
    readonly type: ConfigTypeName;
    readonly items?: ConfigItemsType;
}

/** One declared key (`project.go` ProjectConfigType). */
export interface ProjectConfigType {
    readonly type?: ConfigTypeName;
    readonly items?: ConfigItemsType;
    readonly description?: string;
    readonly default?: unknown;
    readonly value?: unknown;
    readonly secret?: boolean;
}

/** What the plan needs of a project. */
export interface Project {
    readonly name: string;
    /** Folder of the stack files, relative to Pulumi.yaml (`stackConfigDir`, or the deprecated string `config`). */
    readonly stackConfigDir: string;
    /** The declared keys, as written (`clusterName`, `aws:region`), after the shorthand rewrite. */
    readonly config: ReadonlyMap<string, ProjectConfigType>;
}

/** `project.go` configKeyIsNamespacedByProject. */
export const configKeyIsNamespacedByProject = (project: string, key: string): boolean =>
    !key.includes(":") || key.startsWith(`${project}:`);

/** `project.go` InferFullTypeName: `array<array<string>>` and the like. */
export function inferFullTypeName(type: string, items?: ConfigItemsType): string {
    return items !== undefined ? `array<${inferFullTypeName(items.type, items.items)}>` : type;
}

const INT64 = BigInt("9223372036854775807");

/** Go's strconv.Atoi (64-bit): an optional sign and decimal digits, within int64. */
const atoi = (s: string): boolean => /^[+-]?\d+$/.test(s) && BigInt(s) <= INT64 && BigInt(s) >= -INT64 - BigInt(1);

/**
 * `project.go` ValidateConfigValue: whether `value` (a YAML/JSON value, or the string the engine holds for a
 * scalar) is of the declared type. Integers and booleans may be strings ("3", "true"), as stack files give them.
 */
export function validateConfigValue(type: string, items: ConfigItemsType | undefined, value: unknown): boolean {
    switch (type) {
        case "string":
            return typeof value === "string";
        case "integer":
            return (typeof value === "number" && Number.isInteger(value)) || (typeof value === "string" && atoi(value));
        case "boolean":
            return typeof value === "boolean" || value === "true" || value === "false";
        case "object":
            return isPlainObject(value);
    }
    if (!Array.isArray(value) || items === undefined) return false;
    return value.every((item) => validateConfigValue(items.type, items.items, item));
}

/** The `project.json` configItemsType schema; returns a problem or undefined. */
function itemsProblem(items: unknown, where: string): string | undefined {
    if (!isPlainObject(items) || typeof items.type !== "string" || !TYPE_NAMES.includes(items.type))
        return `${where}.type must be one of ${TYPE_NAMES.join(", ")}`;
    if (items.type === "array" && items.items === undefined) return `${where}.items is required for an array`;
    return items.items === undefined ? undefined : itemsProblem(items.items, `${where}.items`);
}

const DECLARATION_KEYS = ["type", "items", "description", "secret", "default", "value"];

/** A primitive for RewriteShorthandConfigValues (`project.go` isPrimitiveValue: string, int, bool). */
const isPrimitive = (v: unknown) =>
    typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isInteger(v));

/**
 * Checks a parsed `Pulumi.yaml` by the CLI's rules and returns the project, or every problem found (the CLI
 * stops at the first; the plan lists them all). Problems read `Pulumi.yaml: <message>` once prefixed.
 */
export function readProject(doc: unknown): { project?: Project; problems: string[] } {
    const problems: string[] = [];
    if (!isPlainObject(doc)) return { problems: [`expected project to be an object`] };
    if (typeof doc.name !== "string" || doc.name === "")
        return { problems: ["project is missing a non-empty string 'name' attribute"] };
    const name = doc.name;
    let stackConfigDir = typeof doc.stackConfigDir === "string" ? doc.stackConfigDir : "";
    let config: Record<string, unknown> = {};
    if (typeof doc.config === "string") {
        // RewriteConfigPathIntoStackConfigDir: the deprecated `config: <dir>`.
        if (doc.stackConfigDir !== undefined)
            problems.push(
                "Should not use both config and stackConfigDir to define the stack directory. Use only stackConfigDir instead.",
            );
        stackConfigDir = doc.config;
    } else if (isPlainObject(doc.config)) {
        config = doc.config;
    } else if (doc.config !== undefined && doc.config !== null) {
        problems.push("#/config: expected object, string or null");
    }
    const declared = new Map<string, ProjectConfigType>();
    for (const [key, raw] of Object.entries(config)) {
        // The project.json schema: a shorthand value (string, integer, boolean, array) or a declaration.
        if (isPrimitive(raw) || Array.isArray(raw)) {
            // RewriteShorthandConfigValues: a project key's shorthand is its default, another namespace's its value.
            declared.set(key, configKeyIsNamespacedByProject(name, key) ? { default: raw } : { value: raw });
            continue;
        }
        if (!isPlainObject(raw)) {
            problems.push(`#/config/${key}: expected string, integer, boolean, array or a config type declaration`);
            continue;
        }
        const stray = Object.keys(raw).filter((k) => !DECLARATION_KEYS.includes(k));
        if (stray.length > 0)
            problems.push(
                `#/config/${key}: additionalProperties ${stray.map((s) => `'${s}'`).join(", ")} not allowed; the allowed attributes are ${DECLARATION_KEYS.map((k) => `'${k}'`).join(", ")}`,
            );
        if (raw.type !== undefined && (typeof raw.type !== "string" || !TYPE_NAMES.includes(raw.type)))
            problems.push(`#/config/${key}/type: must be one of ${TYPE_NAMES.map((t) => `"${t}"`).join(", ")}`);
        const itemsError = raw.items === undefined ? undefined : itemsProblem(raw.items, `#/config/${key}/items`);
        if (itemsError) problems.push(itemsError);
        declared.set(key, raw as ProjectConfigType);
    }
    for (const [key, t] of declared) problems.push(...validateDeclaration(name, key, t));
    return problems.length > 0 ? { problems } : { project: { name, stackConfigDir, config: declared }, problems };
}

/** `(*Project).Validate` for one declared key. */
function validateDeclaration(project: string, key: string, t: ProjectConfigType): string[] {
    const has = (v: unknown) => v !== undefined && v !== null;
    if (has(t.default) && has(t.value))
        return [`project config '${key}' cannot have both a 'default' and 'value' attribute`];
    if (configKeyIsNamespacedByProject(project, key)) {
        if (t.type === "array" && t.items === undefined)
            return [
                `The configuration key '${key}' declares an array but does not specify the underlying type via the 'items' attribute`,
            ];
        if (t.type !== undefined && has(t.default) && !validateConfigValue(t.type, t.items, t.default))
            return [
                `The default value specified for configuration key '${key}' is not of the expected type '${inferFullTypeName(t.type, t.items)}'`,
            ];
        return [];
    }
    if (t.type !== undefined)
        return [`Configuration key '${key}' is not namespaced by the project and should not define a type`];
    if (has(t.default))
        return [
            `Configuration key '${key}' is not namespaced by the project and should not define a default value. Did you mean to use the 'value' attribute instead of 'default'?`,
        ];
    if (!has(t.value)) return [`Configuration key '${key}' is namespaced and must provide an attribute 'value'`];
    return [];
}
