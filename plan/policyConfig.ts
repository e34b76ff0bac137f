/**
 * Policy pack configuration as `pulumi preview --policy-pack <dir> --policy-pack-config <file>` takes it
 * (pulumi/pulumi `pkg/resource/analyzer/config.go`, loaded by `pkg/engine/update.go` for local packs):
 * - the file (parsePolicyPackConfig): a JSON object; empty content is no config; `environments` names ESC
 *   environments; every other key is a policy name, or `all`, mapped to an enforcement level string or to an
 *   object of `enforcementLevel` plus the policy's config properties;
 * - reconciling (ReconcilePolicyPackConfig): each policy's configSchema defaults and its own level, then `all`'s
 *   level for every policy, then each policy's entry (level replaced, properties merged over the defaults);
 * - validation (validatePolicyPackConfig/validatePolicyConfig): each policy with a configSchema validates its
 *   properties against `{type: object, properties, required}` (gojsonschema; its messages, `field: description`),
 *   and the engine fails with `validating policy config: <pack> <version>  <policy>: <message>`.
 * The plan names the file in every message.
 */
import type { EnforcementLevel, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { isPlainObject } from "../components/common/json";

/** `apitype.EnforcementLevel` IsValid. */
export const ENFORCEMENT_LEVELS: readonly string[] = ["advisory", "mandatory", "remediate", "disabled"];

/** One policy's configuration: its level and its properties (what `getConfig()` returns). */
export interface PolicyConfig {
    readonly enforcementLevel?: EnforcementLevel;
    readonly properties: Record<string, unknown>;
}

type Policy = ResourceValidationPolicy | StackValidationPolicy;

/** A policy config file that the CLI refuses: the problems, each one line. */
export class PolicyConfigError extends Error {
    constructor(
        public readonly file: string,
        public readonly problems: readonly string[],
    ) {
        super(problems.map((p) => `${file}: ${p}`).join("\n"));
        this.name = "PolicyConfigError";
    }
}

const isLevel = (v: unknown): v is EnforcementLevel => typeof v === "string" && ENFORCEMENT_LEVELS.includes(v);

/** parsePolicyPackConfig: the file's text → config by policy name (`all` included), or the CLI's error. */
export function parsePolicyPackConfig(text: string, file: string): Map<string, PolicyConfig> {
    const result = new Map<string, PolicyConfig>();
    if (text.trim() === "") return result;
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (e) {
        throw new PolicyConfigError(file, [(e as Error).message]);
    }
    if (!isPlainObject(doc)) throw new PolicyConfigError(file, ["must be a JSON object of policy names"]);
    const problems: string[] = [];
    for (const [name, value] of Object.entries(doc)) {
        if (name === "environments") {
            problems.push(`"environments" (ESC environments) need the Pulumi Cloud backend; the offline plan has none`);
        } else if (typeof value === "string") {
            if (isLevel(value)) result.set(name, { enforcementLevel: value, properties: {} });
            else problems.push(`parsing enforcement level for "${name}": "${value}" is not a valid enforcement level`);
        } else if (isPlainObject(value)) {
            const { enforcementLevel, ...properties } = value;
            if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) {
                problems.push(
                    typeof enforcementLevel === "string"
                        ? `parsing enforcement level for "${name}": "${enforcementLevel}" is not a valid enforcement level`
                        : `parsing enforcement level for "${name}": ${JSON.stringify(enforcementLevel)} is not a valid enforcement level; must be a string`,
                );
            } else if (enforcementLevel !== undefined || Object.keys(properties).length > 0) {
                result.set(name, { enforcementLevel: enforcementLevel as EnforcementLevel | undefined, properties });
            }
        } else {
            problems.push(
                `parsing "${name}": ${JSON.stringify(value)} is not a valid value; must be a string or object`,
            );
        }
    }
    if (problems.length > 0) throw new PolicyConfigError(file, problems);
    return result;
}

/** The JSON type gojsonschema reports for a value. */
function typeOf(v: unknown): string {
    if (v === null) return "null";
    if (Array.isArray(v)) return "array";
    if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
    return typeof v === "object" ? "object" : typeof v;
}

const IGNORED = ["default", "description", "title", "examples", "$comment"];

/** gojsonschema's checks for the keywords policy config schemas use; another keyword is refused, not ignored. */
export function schemaProblems(schema: Record<string, any>, value: unknown, field: string): string[] {
    const out: string[] = [];
    const at = (description: string) => out.push(`${field}: ${description}`);
    for (const keyword of Object.keys(schema)) {
        if (
            !IGNORED.includes(keyword) &&
            ![
                "type",
                "enum",
                "items",
                "minItems",
                "maxItems",
                "uniqueItems",
                "minimum",
                "maximum",
                "minLength",
                "maxLength",
                "pattern",
                "properties",
                "required",
                "additionalProperties",
            ].includes(keyword)
        ) {
            throw new Error(
                `the plan's policy config validator does not implement the JSON schema keyword "${keyword}"`,
            );
        }
    }
    if (schema.type !== undefined) {
        const types: string[] = [].concat(schema.type);
        const given = typeOf(value);
        if (!types.includes(given) && !(given === "integer" && types.includes("number"))) {
            at(`Invalid type. Expected: ${types.join(",")}, given: ${given}`);
            return out;
        }
    }
    if (schema.enum && !schema.enum.some((e: unknown) => JSON.stringify(e) === JSON.stringify(value)))
        at(`${field} must be one of the following: ${schema.enum.map((e: unknown) => JSON.stringify(e)).join(", ")}`);
    if (typeof value === "number") {
        if (schema.minimum !== undefined && value < schema.minimum)
            at(`Must be greater than or equal to ${schema.minimum}`);
        if (schema.maximum !== undefined && value > schema.maximum)
            at(`Must be less than or equal to ${schema.maximum}`);
    }
    if (typeof value === "string") {
        if (schema.minLength !== undefined && value.length < schema.minLength)
            at(`String length must be greater than or equal to ${schema.minLength}`);
        if (schema.maxLength !== undefined && value.length > schema.maxLength)
            at(`String length must be less than or equal to ${schema.maxLength}`);
        if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value))
            at(`Does not match pattern '${schema.pattern}'`);
    }
    if (Array.isArray(value)) {
        if (schema.minItems !== undefined && value.length < schema.minItems)
            at(`Array must have at least ${schema.minItems} items`);
        if (schema.maxItems !== undefined && value.length > schema.maxItems)
            at(`Array must have at most ${schema.maxItems} items`);
        if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length)
            at(`array items must be unique`);
        if (isPlainObject(schema.items))
            value.forEach((v, i) => out.push(...schemaProblems(schema.items, v, `${field}.${i}`)));
    }
    if (isPlainObject(value)) out.push(...objectProblems(schema, value, field));
    return out;
}

function objectProblems(schema: Record<string, any>, value: Record<string, unknown>, field: string): string[] {
    const out: string[] = [];
    const child = (k: string) => (field === "(root)" ? k : `${field}.${k}`);
    for (const r of schema.required ?? []) if (!(r in value)) out.push(`${field}: ${r} is required`);
    for (const [k, v] of Object.entries(value)) {
        const sub = schema.properties?.[k];
        if (isPlainObject(sub)) out.push(...schemaProblems(sub, v, child(k)));
        else if (schema.additionalProperties === false) out.push(`${field}: Additional property ${k} is not allowed`);
    }
    return out;
}

/**
 * ReconcilePolicyPackConfig for the pack's `policies` and the file's config: every policy's level and properties
 * (schema defaults under the file's values), and the validation errors the engine would print and fail on.
 */
export function reconcilePolicyPackConfig(
    policies: readonly Policy[],
    fileConfig: ReadonlyMap<string, PolicyConfig>,
): { config: Record<string, PolicyConfig>; errors: string[] } {
    const result: Record<string, PolicyConfig> = {};
    for (const p of policies) {
        const defaults = Object.entries(p.configSchema?.properties ?? {}).filter(
            ([, s]) => isPlainObject(s) && "default" in s,
        );
        result[p.name] = {
            enforcementLevel: p.enforcementLevel,
            properties: Object.fromEntries(defaults.map(([k, s]) => [k, structuredClone((s as any).default)])),
        };
    }
    const all = fileConfig.get("all")?.enforcementLevel;
    if (all !== undefined) {
        for (const name of Object.keys(result)) result[name] = { ...result[name], enforcementLevel: all };
    }
    for (const [name, given] of fileConfig) {
        const current = result[name] ?? { properties: {} };
        result[name] = {
            enforcementLevel: given.enforcementLevel ?? current.enforcementLevel,
            properties: { ...current.properties, ...given.properties },
        };
    }
    const errors: string[] = [];
    for (const p of policies) {
        if (p.configSchema === undefined) continue;
        const schema = { type: "object", properties: p.configSchema.properties, required: p.configSchema.required };
        for (const e of schemaProblems(schema, result[p.name].properties, "(root)"))
            errors.push(`${p.name}: ${e.replace(/^\(root\): /, "").replace(/^\(root\)\./, "")}`);
    }
    return { config: result, errors: errors.sort() };
}

/** Keys of the file that name no policy of the pack (the CLI accepts them silently). */
export const unknownPolicies = (policies: readonly Policy[], fileConfig: ReadonlyMap<string, PolicyConfig>) =>
    [...fileConfig.keys()].filter((k) => k !== "all" && !policies.some((p) => p.name === k));
