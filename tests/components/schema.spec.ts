/**
 * The schema other languages get from `pulumi package add` (components/schema.json): generated from the sources
 * the way the plugin host does (tools/schema/packageSchema.ts), checked in, documented, with an enum for every
 * closed set of values, and nothing of an argument interface that the schema cannot carry.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { PackageSpec, Property } from "@pulumi/pulumi/provider/experimental/schema";
import { InvalidArgumentsError } from "../../components/index";
import { ARGUMENT_NAMES as CONTROLLER_ARGUMENTS } from "../../components/controller/controllerArgs";
import { ARGUMENT_NAMES as APP_ARGUMENTS } from "../../components/app/ingressAppArgs";
import {
    PACKAGE_DIR,
    REGENERATE,
    SCHEMA_FILE,
    packageComponents,
    packageExports,
    packageSchema,
    renderSchema,
} from "../../tools/schema/packageSchema";
import { schemaProblems } from "../../tools/schema/schemaProblems";
import { SourceArgs } from "../../tools/schema/sourceArgs";
import { COMPONENT_ARGS, token } from "../examples/componentArgs";

const PREFIX = "eks-alb-ingress:index:";

/** Paths at which two JSON values differ (at most `limit`). */
function differences(a: unknown, b: unknown, at = "", out: string[] = [], limit = 10): string[] {
    if (out.length >= limit) return out;
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
        if (JSON.stringify(a) !== JSON.stringify(b)) out.push(at || "(root)");
        return out;
    }
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
        differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}/${k}`, out, limit);
    }
    return out;
}

/** The enum type an input refers to, if any. */
function enumOf(schema: PackageSpec, property: Property): string[] | undefined {
    const ref = "$ref" in property ? property.$ref : undefined;
    const type = ref?.startsWith(`#/types/${PREFIX}`) ? schema.types[ref.slice("#/types/".length)] : undefined;
    return type?.enum?.map((e) => String(e.value));
}

/** Why the package's TypeScript-only exports need no schema counterpart. */
const MATRIX =
    "a fact of the package's version matrix for TypeScript programs and tooling; the components apply it in every language";
const HELPER = "a pure TypeScript helper; a source-based component package offers other languages its components only";
const DEFAULTS =
    "the defaults as a TypeScript constant; the schema cannot carry defaults (see the arguments' descriptions)";
const TYPESCRIPT_ONLY: Readonly<Record<string, string>> = {
    crdProviderArgs: "settings of a TypeScript k8s.Provider; other languages set them on their Kubernetes provider",
    InvalidArgumentsError: "an error class; other languages get its message as the construct error",
    CERT_MANAGER_KUBERNETES: MATRIX,
    CONTROLLER_VERSIONS: MATRIX,
    DEFAULT_CONTROLLER_VERSION: MATRIX,
    findRelease: MATRIX,
    GATEWAY_API_VERSION: MATRIX,
    MIN_GATEWAY_CONTROLLER_VERSION: MATRIX,
    lbcApiVersion: MATRIX,
    GATEWAY_LISTENERS: "the listener names AlbGateway creates, for TypeScript callers; documented for every language",
    CONTROLLER_DEFAULTS: DEFAULTS,
    INGRESS_APP_DEFAULTS: DEFAULTS,
    ALB_GATEWAY_DEFAULTS: DEFAULTS,
    appUrl: HELPER,
    ingressAnnotations: HELPER,
    isCidr: HELPER,
};

/** A value no argument accepts. */
const NOT_A_VALUE = "§not-a-value§";

let constructed = 0;
/** The problems a component reports for `arg` (and its fields) when constructed with `args`. */
function problemsOf(component: string, args: Record<string, unknown>, arg: string): string[] {
    const Class = packageComponents().find((c) => c.name === component);
    assert.ok(Class, component);
    try {
        new Class(`closed-set-${++constructed}`, args);
        return [];
    } catch (e) {
        if (!(e instanceof InvalidArgumentsError)) throw e;
        return e.problems.filter((p) => p.startsWith(`\`${arg}\``) || p.startsWith(`\`${arg}.`));
    }
}

describe("multi-language schema (components/schema.json)", function () {
    this.timeout(180000);
    let schema: PackageSpec;
    before(async () => {
        schema = await packageSchema();
    });

    it(`is checked in as the sources generate it (after an API change: \`${REGENERATE}\`)`, async () => {
        assert.ok(fs.existsSync(SCHEMA_FILE), `components/schema.json is missing: run \`${REGENERATE}\``);
        const text = fs.readFileSync(SCHEMA_FILE, "utf8");
        const changed = differences(JSON.parse(text), schema);
        assert.deepStrictEqual(changed, [], `components/schema.json is out of date: run \`${REGENERATE}\``);
        assert.strictEqual(text, await renderSchema(schema), `components/schema.json: run \`${REGENERATE}\``);
    });

    it("documents every component, input, output and type property", () => {
        assert.deepStrictEqual(schemaProblems(schema), []);
    });

    it("carries every argument of every component and nested type, and nothing the schema cannot represent", () => {
        const source = new SourceArgs(PACKAGE_DIR);
        const problems: string[] = [];
        const compare = (what: string, iface: string | undefined, properties: Record<string, unknown> = {}) => {
            const members = iface ? source.membersOf(iface) : undefined;
            if (!members) return void problems.push(`${what}: cannot find its interface ${iface} in the source`);
            for (const m of members.methods) problems.push(`${what}: method ${m} (other languages cannot pass one)`);
            for (const u of members.unread) problems.push(`${what}: member or base ${u} (not a plain property)`);
            const missing = members.properties.filter((p) => !(p in properties));
            if (missing.length > 0) problems.push(`${what}: not in the schema: ${missing.join(", ")}`);
        };
        for (const [t, resource] of Object.entries(schema.resources)) {
            const component = t.slice(PREFIX.length);
            compare(`${component} args`, source.argsInterfaceOf(component), resource.inputProperties);
            for (const m of source.publicMethodsOf(component)) {
                problems.push(`${component}: method ${m} (other languages cannot call it)`);
            }
        }
        for (const [t, type] of Object.entries(schema.types)) {
            if (!type.enum) compare(t.slice(PREFIX.length), t.slice(PREFIX.length), type.properties);
        }
        assert.deepStrictEqual(problems, []);
    });

    it("reads argument interfaces with their methods, inherited properties and unreadable bases", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-alb-ingress-args-"));
        try {
            fs.writeFileSync(
                path.join(dir, "foo.ts"),
                [
                    "export interface BaseArgs { readonly a: string }",
                    "export interface FooArgs extends BaseArgs { readonly b?: number; onReady?(): void }",
                    "export interface BarArgs extends Partial<BaseArgs> { readonly c: string }",
                    "export class Foo extends ComponentResource {",
                    "    constructor(name: string, args: FooArgs) { super('x:index:Foo', name) }",
                    "    url(): string { return '' }",
                    "    private hidden(): void {}",
                    "}",
                ].join("\n"),
            );
            const source = new SourceArgs(dir);
            assert.strictEqual(source.argsInterfaceOf("Foo"), "FooArgs");
            assert.deepStrictEqual(source.membersOf("FooArgs"), {
                properties: ["a", "b"],
                methods: ["onReady"],
                unread: [],
            });
            assert.deepStrictEqual(source.membersOf("BarArgs")?.unread, ["Partial<BaseArgs>"]);
            assert.deepStrictEqual(source.publicMethodsOf("Foo"), ["url"]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("takes every argument of AlbIngressController and IngressApp by its TypeScript name", () => {
        const inputs = (c: string) => Object.keys(schema.resources[token(c)].inputProperties ?? {}).sort();
        assert.deepStrictEqual(inputs("AlbIngressController"), [...CONTROLLER_ARGUMENTS].sort());
        assert.deepStrictEqual(inputs("IngressApp"), [...APP_ARGUMENTS].sort());
    });

    it("offers every export to other languages (component or enum) or lists it as TypeScript-only, with why", () => {
        // The annotation catalogue and readings (eks-alb-ingress-rules) serve TypeScript programs and the policy
        // pack; the components apply them whatever the language.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const rules = new Set(Object.keys(require("eks-alb-ingress-rules")));
        const exported = Object.keys(packageExports()).filter((k) => !rules.has(k));
        const offered = (k: string) => `${PREFIX}${k}` in schema.resources || schema.types[`${PREFIX}${k}`]?.enum;
        assert.deepStrictEqual(
            exported.filter((k) => !offered(k) && !(k in TYPESCRIPT_ONLY)),
            [],
            "exports other languages do not get: offer them, or add them to TYPESCRIPT_ONLY with the reason",
        );
        assert.deepStrictEqual(
            Object.keys(TYPESCRIPT_ONLY).filter((k) => !exported.includes(k)),
            [],
            "TYPESCRIPT_ONLY names what the package no longer exports",
        );
    });

    it("offers every closed set of values as an enum (no string argument is refused with 'must be one of')", () => {
        assert.deepStrictEqual(closedStringInputs(schema), []);
        // The check itself: an enum argument declared as a plain string is reported.
        const doctored = structuredClone(schema);
        doctored.resources[token("IngressApp")].inputProperties!.targetType = { type: "string" };
        assert.deepStrictEqual(
            closedStringInputs(doctored).map((c) => c.split(":")[0]),
            ["IngressApp.targetType"],
        );
    });

    it("lists in each enum exactly the values the component accepts", () => {
        const { enums, mismatches } = enumMismatches(schema);
        assert.ok(enums >= 5, "expected the enums of identity, webhookCertificates, targetType, scheme, pathType");
        assert.deepStrictEqual(mismatches, []);
        // The check itself: an enum that misses a value, or lists one too many, is reported.
        const doctored = structuredClone(schema);
        const targetType = doctored.types[`${PREFIX}TargetType`].enum!;
        targetType.splice(
            targetType.findIndex((e) => e.value === "ip"),
            1,
            { name: "Pod", value: "pod" },
        );
        assert.deepStrictEqual(
            enumMismatches(doctored).mismatches.map((m) => m.split(":")[0]),
            ["IngressApp.targetType refuses pod", "IngressApp.targetType accepts ip, which the enum lacks"],
        );
    });
});

/** String inputs a component refuses with "must be one of": closed sets the schema does not offer as enums. */
function closedStringInputs(schema: PackageSpec): string[] {
    const closed: string[] = [];
    for (const [component, args] of Object.entries(COMPONENT_ARGS)) {
        for (const [arg, property] of Object.entries(schema.resources[token(component)].inputProperties ?? {})) {
            if (!("type" in property) || property.type !== "string") continue;
            const problems = problemsOf(component, { ...args, [arg]: NOT_A_VALUE }, arg);
            if (problems.some((p) => /must be one of/.test(p))) closed.push(`${component}.${arg}: ${problems}`);
        }
    }
    return closed;
}

/** Enum inputs whose values differ from what the component accepts (from its "must be one of" message). */
function enumMismatches(schema: PackageSpec): { enums: number; mismatches: string[] } {
    const mismatches: string[] = [];
    let enums = 0;
    for (const [component, args] of Object.entries(COMPONENT_ARGS)) {
        for (const [arg, property] of Object.entries(schema.resources[token(component)].inputProperties ?? {})) {
            const values = enumOf(schema, property);
            if (!values) continue;
            enums++;
            for (const v of values) {
                const problems = problemsOf(component, { ...args, [arg]: v }, arg);
                if (problems.length > 0) mismatches.push(`${component}.${arg} refuses ${v}: ${problems}`);
            }
            const refused = problemsOf(component, { ...args, [arg]: NOT_A_VALUE }, arg).join(" ");
            const allowed = /must be one of (.*), got/.exec(refused)?.[1];
            if (allowed === undefined) {
                mismatches.push(`${component}.${arg}: no "must be one of" for ${NOT_A_VALUE}: ${refused}`);
                continue;
            }
            for (const [, accepted] of allowed.matchAll(/"([^"]*)"/g)) {
                if (!values.includes(accepted)) {
                    mismatches.push(`${component}.${arg} accepts ${accepted}, which the enum lacks: ${refused}`);
                }
            }
        }
    }
    return { enums, mismatches };
}
