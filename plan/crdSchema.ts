/**
 * Custom resources (Gateway API objects, the controller's gateway.k8s.aws and elbv2.k8s.aws kinds) checked against
 * the OpenAPI v3 schema of their CustomResourceDefinition, as the API server checks them:
 * - the CRD is the one the plan applies itself when it has it (the recorded CustomResourceDefinition resources),
 *   else the bundled copy of the upstream CRDs (`components/data/gateway-api/v1.6.0/`, the controller's
 *   `data/crds/` of its newest release); the object's version must be one the CRD serves
 *   (kubernetes apiextensions-apiserver `pkg/apiserver/customresource_handler.go` serves `spec.versions[].served`);
 * - the schema's keywords as kube-openapi's validator applies them to a structural schema (apiextensions-apiserver
 *   `pkg/apiserver/validation/validation.go` NewSchemaValidator; `pkg/apis/apiextensions/validation` allows only
 *   these in a structural schema): type (with `nullable`, `x-kubernetes-int-or-string`), properties, required,
 *   additionalProperties, items, enum, pattern, min/maxLength, minimum/maximum (and exclusive), min/maxItems,
 *   uniqueItems, min/maxProperties, allOf/anyOf/oneOf/not, and `x-kubernetes-list-type: map|set` keys unique;
 * - a field the schema does not know is reported: the API server prunes it silently
 *   (apiextensions-apiserver `pkg/apiserver/schema/pruning/algorithm.go`), so it never reaches the controller;
 * - `metadata` is the API server's (plan/apiServer.ts checks it); the CEL rules (`x-kubernetes-validations`) are
 *   not evaluated here: the components and plan/apiServer.ts carry the ones this project's objects can break.
 */
import { parseAllDocuments } from "yaml";
import * as fs from "fs";
import * as path from "path";
import { isPlainObject } from "../components/common/json";
import { DATA_DIR } from "../components/common/dataDir";

/** An OpenAPI v3 schema of a CRD version (apiextensions.k8s.io/v1 JSONSchemaProps), as written. */
export type Schema = Record<string, any>;

/** A CustomResourceDefinition manifest (only what the check reads). */
export interface CrdManifest {
    readonly spec?: {
        readonly group?: string;
        readonly names?: { readonly kind?: string };
        readonly versions?: readonly {
            readonly name?: string;
            readonly served?: boolean;
            readonly schema?: { readonly openAPIV3Schema?: Schema };
        }[];
    };
}

type Problems = string[];

/** A Unicode-aware length, as Go counts runes (kube-openapi validate `MaxLength` uses utf8.RuneCountInString). */
const runes = (s: string) => [...s].length;

function typeOk(schema: Schema, value: unknown): boolean {
    if (value === null) return schema.nullable === true;
    if (schema["x-kubernetes-int-or-string"] === true) return typeof value === "string" || Number.isInteger(value);
    switch (schema.type) {
        case undefined:
            return true;
        case "object":
            return isPlainObject(value);
        case "array":
            return Array.isArray(value);
        case "string":
            return typeof value === "string";
        case "integer":
            return typeof value === "number" && Number.isInteger(value);
        case "number":
            return typeof value === "number";
        case "boolean":
            return typeof value === "boolean";
        default:
            return false;
    }
}

const shown = (v: unknown) => JSON.stringify(v);

/** The problems of `value` at `at` against `schema`. */
export function validateAgainst(schema: Schema, value: unknown, at: string, out: Problems = []): Problems {
    if (!typeOk(schema, value)) {
        out.push(`${at}: must be of type ${schema.type ?? "int-or-string"}, got ${shown(value)}`);
        return out;
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((e: unknown) => JSON.stringify(e) === JSON.stringify(value)))
        out.push(`${at}: must be one of ${schema.enum.map(shown).join(", ")}, got ${shown(value)}`);
    // kube-openapi checks a null (in a nullable field) against the type and enum only (validate/schema.go `Validate`)
    if (value === null) return out;
    if (typeof value === "string") {
        if (schema.maxLength !== undefined && runes(value) > schema.maxLength)
            out.push(`${at}: must be at most ${schema.maxLength} characters, got ${runes(value)}`);
        if (schema.minLength !== undefined && runes(value) < schema.minLength)
            out.push(`${at}: must be at least ${schema.minLength} characters, got ${shown(value)}`);
        if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value))
            out.push(`${at}: must match ${schema.pattern}, got ${shown(value)}`);
    }
    if (typeof value === "number") {
        const { maximum, minimum, exclusiveMaximum, exclusiveMinimum } = schema;
        if (maximum !== undefined && (exclusiveMaximum ? value >= maximum : value > maximum))
            out.push(`${at}: must be ${exclusiveMaximum ? "less than" : "at most"} ${maximum}, got ${value}`);
        if (minimum !== undefined && (exclusiveMinimum ? value <= minimum : value < minimum))
            out.push(`${at}: must be ${exclusiveMinimum ? "more than" : "at least"} ${minimum}, got ${value}`);
    }
    if (Array.isArray(value)) arrayProblems(schema, value, at, out);
    if (isPlainObject(value)) objectProblems(schema, value, at, out);
    for (const sub of schema.allOf ?? []) validateAgainst(sub, value, at, out);
    if (Array.isArray(schema.anyOf) && !schema.anyOf.some((s: Schema) => validateAgainst(s, value, at).length === 0))
        out.push(`${at}: must match at least one of the schema's anyOf alternatives`);
    if (Array.isArray(schema.oneOf)) {
        const matching = schema.oneOf.filter((s: Schema) => validateAgainst(s, value, at).length === 0).length;
        if (matching !== 1) out.push(`${at}: must match exactly one of the schema's oneOf alternatives (${matching})`);
    }
    if (schema.not && validateAgainst(schema.not, value, at).length === 0)
        out.push(`${at}: must not match the schema's "not" alternative`);
    return out;
}

function arrayProblems(schema: Schema, value: unknown[], at: string, out: Problems): void {
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
        out.push(`${at}: must have at most ${schema.maxItems} items, got ${value.length}`);
    if (schema.minItems !== undefined && value.length < schema.minItems)
        out.push(`${at}: must have at least ${schema.minItems} items, got ${value.length}`);
    if (isPlainObject(schema.items)) value.forEach((v, i) => validateAgainst(schema.items, v, `${at}[${i}]`, out));
    const listType = schema["x-kubernetes-list-type"];
    const keys: string[] | undefined =
        listType === "map"
            ? schema["x-kubernetes-list-map-keys"]
            : listType === "set" || schema.uniqueItems
              ? []
              : undefined;
    if (keys === undefined) return;
    const seen = new Map<string, number>();
    value.forEach((v, i) => {
        const key = JSON.stringify(keys.length === 0 ? v : keys.map((k) => (isPlainObject(v) ? v[k] : undefined)));
        const first = seen.get(key);
        if (first !== undefined)
            out.push(
                `${at}[${i}]: duplicates ${at}[${first}]${keys.length > 0 ? ` (list map keys ${keys.join(", ")})` : ""}`,
            );
        else seen.set(key, i);
    });
}

/**
 * The object as the API server validates it: a null in a field that is not `nullable` is dropped when the field has
 * no default, else replaced by the default (apiextensions-apiserver `pkg/apiserver/schema/defaulting/prunenulls.go`
 * `PruneNonNullableNullsWithoutDefaults`, then `algorithm.go` `Default`, both before validation).
 */
function withNullsPruned(schema: Schema, value: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
        const field: Schema | undefined =
            schema.properties?.[key] ??
            (isPlainObject(schema.additionalProperties) ? schema.additionalProperties : undefined);
        if (v !== null || field === undefined || field.nullable === true) out[key] = v;
        else if (field.default !== undefined) out[key] = field.default;
    }
    return out;
}

function objectProblems(schema: Schema, given: Record<string, unknown>, at: string, out: Problems): void {
    const properties: Record<string, Schema> = schema.properties ?? {};
    const value = withNullsPruned(schema, given);
    for (const key of schema.required ?? []) {
        if (value[key] === undefined) out.push(`${at}.${key}: is required`);
    }
    const count = Object.keys(value).length;
    if (schema.maxProperties !== undefined && count > schema.maxProperties)
        out.push(`${at}: must have at most ${schema.maxProperties} entries, got ${count}`);
    if (schema.minProperties !== undefined && count < schema.minProperties)
        out.push(`${at}: must have at least ${schema.minProperties} entries, got ${count}`);
    for (const [key, v] of Object.entries(value)) {
        if (v === undefined) continue;
        const where = `${at}.${key}`;
        if (properties[key]) validateAgainst(properties[key], v, where, out);
        else if (isPlainObject(schema.additionalProperties))
            validateAgainst(schema.additionalProperties, v, where, out);
        else if (schema.additionalProperties === true || schema["x-kubernetes-preserve-unknown-fields"] === true)
            continue;
        else if (schema.properties !== undefined || schema.additionalProperties === false)
            out.push(`${where}: unknown field (the API server prunes it: the schema has no such property)`);
    }
}

/** `<group>/<version>` and kind of an object. */
const split = (apiVersion: string) =>
    apiVersion.includes("/") ? apiVersion.split("/") : (["", apiVersion] as [string, string]);

/** The CRD among `crds` that defines `kind` in `group`. */
export function crdFor(crds: readonly CrdManifest[], group: string, kind: string): CrdManifest | undefined {
    return crds.find((c) => c.spec?.group === group && c.spec?.names?.kind === kind);
}

/**
 * The problems of a custom object against its CRD in `crds`, or `undefined` when none of them defines its kind.
 * `metadata` is left to the API server's rules (plan/apiServer.ts).
 */
export function customResourceProblems(
    object: { apiVersion: string; kind: string } & Record<string, unknown>,
    crds: readonly CrdManifest[],
): string[] | undefined {
    const [group, version] = split(object.apiVersion);
    const crd = crdFor(crds, group, object.kind);
    if (!crd) return undefined;
    const versions = crd.spec?.versions ?? [];
    const served = versions.filter((v) => v.served === true);
    const entry = served.find((v) => v.name === version);
    if (!entry)
        return [
            `${object.apiVersion} ${object.kind} is not served by its CRD (served: ${served.map((v) => `${group}/${v.name}`).join(", ") || "none"})`,
        ];
    const schema = entry.schema?.openAPIV3Schema;
    if (!schema) return [];
    // metadata is the API server's own (ObjectMeta), checked by plan/apiServer.ts: here an empty object stands in
    const withoutMetadata = { ...schema, properties: { ...schema.properties, metadata: { type: "object" } } };
    return validateAgainst(withoutMetadata, { ...object, metadata: {} }, object.kind);
}

/** Every CustomResourceDefinition in the YAML files of `dir` (other documents skipped). */
function crdsIn(dir: string, only?: (file: string) => boolean): CrdManifest[] {
    if (!fs.existsSync(dir)) return [];
    return fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".yaml") && (only?.(f) ?? true))
        .sort()
        .flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(dir, f), "utf8")).map((d) => d.toJS() as unknown))
        .filter((d): d is CrdManifest => isPlainObject(d) && d.kind === "CustomResourceDefinition");
}

/**
 * The CRDs bundled in a data folder laid out as the package's (`components/data/`): every CRD of the YAML files of
 * `gateway-api/v1.6.0/` (the Gateway API standard channel), then those of the controller's chart CRDs and gateway CRDs
 * of its newest release in `crds/` (`crds/index.json`, the last entry naming each file); each folder's files in name
 * order. Read on every call: {@link bundledCrds} keeps the package's own.
 */
export function readBundledCrds(dataDir: string): CrdManifest[] {
    const index = JSON.parse(fs.readFileSync(path.join(dataDir, "crds", "index.json"), "utf8")) as Record<
        string,
        string | null
    >[];
    const newest = (key: string) => [...index].reverse().find((r) => typeof r[key] === "string")?.[key] as string;
    const files = new Set([newest("crds.yaml"), newest("gateway-crds.yaml")]);
    return [
        ...crdsIn(path.join(dataDir, "gateway-api", "v1.6.0")),
        ...crdsIn(path.join(dataDir, "crds"), (f) => files.has(f)),
    ];
}

let bundled: CrdManifest[] | undefined;

/**
 * The bundled CRDs: the Gateway API standard channel v1.6.0, the controller's gateway CRDs and chart CRDs of its
 * newest bundled release (data/crds/index.json, last entry with each file); read once per process.
 */
export function bundledCrds(): readonly CrdManifest[] {
    bundled ??= readBundledCrds(DATA_DIR);
    return bundled;
}
