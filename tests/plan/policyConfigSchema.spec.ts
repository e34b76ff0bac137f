/**
 * What `npm run plan --policy-pack-config <file>` refuses or accepts beyond the pack's own schemas: the file's shape
 * (pulumi/pulumi pkg/resource/analyzer/config.go parsePolicyPackConfig), and the JSON-schema keywords a policy's
 * configSchema may use, validated as the engine does before any policy runs (validatePolicyConfig, gojsonschema).
 * A policy author relies on each keyword being enforced, not silently ignored.
 */
import * as assert from "assert";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import {
    PolicyConfigError,
    parsePolicyPackConfig,
    reconcilePolicyPackConfig,
    schemaProblems,
    unknownPolicies,
} from "../../plan/policyConfig";
import { policies } from "../../policy-pack/policies";

const refusal = (text: string): PolicyConfigError => {
    try {
        parsePolicyPackConfig(text, "cfg.json");
    } catch (e) {
        assert.ok(e instanceof PolicyConfigError, String(e));
        return e;
    }
    assert.fail(`cfg.json was accepted: ${text}`);
};

/** A policy of the author's with this configSchema (never run: only its config is validated). */
const policy = (name: string, configSchema?: ResourceValidationPolicy["configSchema"]): ResourceValidationPolicy => ({
    name,
    description: name,
    enforcementLevel: "advisory",
    configSchema,
    validateResource: () => undefined,
});

describe("policy config file, what the CLI refuses", () => {
    it("names the file on each problem, one line each, as a PolicyConfigError", () => {
        const e = refusal(`{"a": "warn", "b": 1}`);
        assert.strictEqual(e.name, "PolicyConfigError");
        assert.strictEqual(e.file, "cfg.json");
        assert.deepStrictEqual(e.message.split("\n"), [
            `cfg.json: parsing enforcement level for "a": "warn" is not a valid enforcement level`,
            `cfg.json: parsing "b": 1 is not a valid value; must be a string or object`,
        ]);
    });

    it("reports text that is no JSON with the parser's message, and JSON that is no object as such", () => {
        const notJson = refusal(`{"a": `);
        assert.strictEqual(notJson.problems.length, 1);
        assert.match(notJson.problems[0], /JSON/);
        assert.doesNotMatch(notJson.problems[0], /must be a JSON object/);
        for (const text of [`["a"]`, `"advisory"`, `null`])
            assert.deepStrictEqual(refusal(text).problems, ["must be a JSON object of policy names"]);
    });

    it("refuses ESC `environments`, which need the Pulumi Cloud backend", () => {
        assert.match(refusal(`{"environments": ["dev"]}`).problems.join("\n"), /"environments".*Pulumi Cloud/);
    });

    it("quotes an unknown enforcementLevel string given in an object", () => {
        assert.deepStrictEqual(refusal(`{"a": {"enforcementLevel": "warn"}}`).problems, [
            `parsing enforcement level for "a": "warn" is not a valid enforcement level`,
        ]);
    });

    it("keeps an object entry with a level or properties, and drops an empty one", () => {
        const parsed = parsePolicyPackConfig(`{"a": {"enforcementLevel": "disabled"}, "b": {"x": 1}, "c": {}}`, "f");
        assert.deepStrictEqual(
            [...parsed],
            [
                ["a", { enforcementLevel: "disabled", properties: {} }],
                ["b", { enforcementLevel: undefined, properties: { x: 1 } }],
            ],
        );
    });

    it("names only the keys that match no policy of the pack", () => {
        const file = parsePolicyPackConfig(`{"workload-min-replicas": "advisory", "nope": "advisory"}`, "f");
        assert.deepStrictEqual(unknownPolicies(policies, file), ["nope"]);
    });
});

describe("policy configSchema keywords, validated as the engine does", () => {
    const check = (schema: Record<string, unknown>, value: unknown) => schemaProblems(schema, value, "v");

    it("refuses a keyword it does not implement instead of ignoring it", () => {
        assert.throws(() => check({ oneOf: [] }, 1), /does not implement the JSON schema keyword "oneOf"/);
        for (const keyword of ["enum", "items", "minItems", "maxItems", "uniqueItems", "minimum", "maximum"])
            assert.doesNotThrow(() => check({ [keyword]: keyword === "enum" || keyword === "items" ? [] : 1 }, []));
        for (const keyword of ["minLength", "maxLength", "pattern", "additionalProperties", "description"])
            assert.doesNotThrow(() => check({ [keyword]: keyword === "pattern" ? "" : 1 }, "s"));
    });

    it("names the JSON type given: null, boolean, object, integer, number", () => {
        const given = (value: unknown) => check({ type: "string" }, value);
        assert.deepStrictEqual(
            [null, true, {}, 2, 2.5, []].map((v) => given(v)[0]),
            ["null", "boolean", "object", "integer", "number", "array"].map(
                (t) => `v: Invalid type. Expected: string, given: ${t}`,
            ),
        );
        assert.deepStrictEqual(check({ type: ["string", "null"] }, 1), [
            "v: Invalid type. Expected: string,null, given: integer",
        ]);
    });

    it("accepts an integer for a number and each type listed", () => {
        assert.deepStrictEqual(check({ type: "number", minimum: 1 }, 3), []);
        assert.deepStrictEqual(check({ type: ["string", "null"] }, null), []);
        assert.deepStrictEqual(check({ type: "integer" }, 1), []);
        assert.deepStrictEqual(check({ type: "number" }, "3"), ["v: Invalid type. Expected: number, given: string"]);
    });

    it("enum: only the listed values, named in the message", () => {
        assert.deepStrictEqual(check({ enum: ["a", 1] }, 1), []);
        assert.deepStrictEqual(check({ enum: ["a", 1] }, "b"), [`v: v must be one of the following: "a", 1`]);
    });

    it("minimum and maximum are inclusive bounds of numbers", () => {
        const s = { minimum: 1, maximum: 3 };
        assert.deepStrictEqual(
            [1, 3].flatMap((v) => check(s, v)),
            [],
        );
        assert.deepStrictEqual(check(s, 0), ["v: Must be greater than or equal to 1"]);
        assert.deepStrictEqual(check(s, 4), ["v: Must be less than or equal to 3"]);
        assert.deepStrictEqual(check(s, "9"), []);
    });

    it("minLength, maxLength and pattern apply to strings only", () => {
        const s = { minLength: 2, maxLength: 3, pattern: "^a" };
        assert.deepStrictEqual(
            ["ab", "abc"].flatMap((v) => check(s, v)),
            [],
        );
        assert.deepStrictEqual(check(s, "a"), ["v: String length must be greater than or equal to 2"]);
        assert.deepStrictEqual(check(s, "abcd"), ["v: String length must be less than or equal to 3"]);
        assert.deepStrictEqual(check(s, "bc"), ["v: Does not match pattern '^a'"]);
        assert.deepStrictEqual(check(s, 5), []);
        assert.deepStrictEqual(check(s, ["b", "c", "d", "e"]), []);
    });

    it("minItems, maxItems, uniqueItems and items apply to arrays, each item named by index", () => {
        const s = { minItems: 1, maxItems: 2, uniqueItems: true, items: { type: "string" } };
        assert.deepStrictEqual(
            [["a"], ["a", "b"]].flatMap((v) => check(s, v)),
            [],
        );
        assert.deepStrictEqual(check(s, []), ["v: Array must have at least 1 items"]);
        assert.deepStrictEqual(check(s, ["a", "b", "c"]), ["v: Array must have at most 2 items"]);
        assert.deepStrictEqual(check(s, ["a", "a"]), ["v: array items must be unique"]);
        assert.deepStrictEqual(check(s, ["a", 1]), ["v.1: Invalid type. Expected: string, given: integer"]);
        assert.deepStrictEqual(check(s, "abc"), []);
        assert.deepStrictEqual(check({ uniqueItems: false }, ["a", "a"]), []);
    });

    it("objects: required, nested properties by path, additionalProperties: false", () => {
        const s = { required: ["a"], properties: { a: { properties: { b: { type: "string" } } } } };
        assert.deepStrictEqual(check(s, { a: { b: 1 }, extra: 1 }), [
            "v.a.b: Invalid type. Expected: string, given: integer",
        ]);
        assert.deepStrictEqual(check(s, {}), ["v: a is required"]);
        assert.deepStrictEqual(check({ additionalProperties: false }, { x: 1 }), [
            "v: Additional property x is not allowed",
        ]);
        assert.deepStrictEqual(check({ additionalProperties: false }, "xy"), []);
        assert.deepStrictEqual(check({ required: ["length"] }, "xy"), []);
    });
});

describe("reconciling an author's policies with the file", () => {
    const pol = policy("p", {
        properties: {
            name: { type: "string", pattern: "^(root): " },
            size: { type: "number", default: 2 },
            nested: { type: "object", properties: { inner: { type: "string" } } },
        },
        required: ["name"],
    });

    it("fills only the properties that have a default, and keeps levels of policies the file names", () => {
        const { config } = reconcilePolicyPackConfig(
            [pol, policy("q")],
            parsePolicyPackConfig(`{"q": "disabled"}`, "f"),
        );
        assert.deepStrictEqual(config.p, { enforcementLevel: "advisory", properties: { size: 2 } });
        assert.deepStrictEqual(config.q, { enforcementLevel: "disabled", properties: {} });
    });

    it("prints each problem as `<policy>: <field>: <description>`, sorted, the pattern quoted as written", () => {
        const file = parsePolicyPackConfig(
            JSON.stringify({ p: { name: "x", nested: { inner: 1 } }, a: { name: 1 } }),
            "f",
        );
        const { errors } = reconcilePolicyPackConfig([pol, policy("a", pol.configSchema)], file);
        assert.deepStrictEqual(errors, [
            "a: name: Invalid type. Expected: string, given: integer",
            "p: name: Does not match pattern '^(root): '",
            "p: nested.inner: Invalid type. Expected: string, given: integer",
        ]);
        assert.deepStrictEqual(reconcilePolicyPackConfig([pol], new Map()).errors, ["p: name is required"]);
    });
});
