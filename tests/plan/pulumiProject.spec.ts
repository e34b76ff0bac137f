/**
 * Pulumi.yaml and config values as `npm run plan` checks them, by the Pulumi CLI's rules (pulumi/pulumi
 * sdk/go/common/workspace/project.go: Validate, ValidateConfigValue, RewriteShorthandConfigValues,
 * RewriteConfigPathIntoStackConfigDir; project.json schema). A user sees these as `Pulumi.yaml: <problem>`.
 */
import * as assert from "assert";
import { readProject, validateConfigValue } from "../../plan/pulumiProject";

const TYPES = `"string", "integer", "boolean", "array", "object"`;

/** The problems of a project `p` declaring `config`. */
const problemsOf = (config: unknown) => readProject({ name: "p", runtime: "nodejs", config }).problems;

describe("Pulumi.yaml, checked as the CLI does", () => {
    it("refuses a document that is no map, and a project without a non-empty string name", () => {
        assert.deepStrictEqual(readProject(["x"]), { problems: ["expected project to be an object"] });
        for (const name of [undefined, "", 7])
            assert.deepStrictEqual(readProject({ name, runtime: "nodejs" }), {
                problems: ["project is missing a non-empty string 'name' attribute"],
            });
    });

    it("takes the deprecated `config: <dir>` as the stack folder, but not together with stackConfigDir", () => {
        assert.strictEqual(readProject({ name: "p", config: "stacks" }).project?.stackConfigDir, "stacks");
        assert.strictEqual(readProject({ name: "p", stackConfigDir: "s2" }).project?.stackConfigDir, "s2");
        assert.deepStrictEqual(readProject({ name: "p", config: "a", stackConfigDir: "b" }).problems, [
            "Should not use both config and stackConfigDir to define the stack directory. Use only stackConfigDir instead.",
        ]);
    });

    it("takes config as a map or null, and refuses anything else", () => {
        assert.deepStrictEqual(problemsOf(null), []);
        assert.deepStrictEqual(problemsOf(3), ["#/config: expected object, string or null"]);
    });

    it("rewrites shorthand values: the project's keys get a default, another namespace's a value", () => {
        const project = readProject({
            name: "p",
            config: { a: "x", b: true, c: 2, d: ["l"], "p:e": "y", "aws:region": "eu-west-1" },
        }).project;
        assert.deepStrictEqual(Object.fromEntries(project?.config ?? []), {
            a: { default: "x" },
            b: { default: true },
            c: { default: 2 },
            d: { default: ["l"] },
            "p:e": { default: "y" },
            "aws:region": { value: "eu-west-1" },
        });
    });

    it("refuses a value that is neither shorthand nor a declaration", () => {
        for (const raw of [1.5, null])
            assert.deepStrictEqual(problemsOf({ k: raw }), [
                "#/config/k: expected string, integer, boolean, array or a config type declaration",
            ]);
    });

    it("names every attribute it does not allow, and the allowed ones", () => {
        assert.deepStrictEqual(problemsOf({ k: { type: "string", required: true, x: 1 } }), [
            "#/config/k: additionalProperties 'required', 'x' not allowed; the allowed attributes are 'type', 'items', 'description', 'secret', 'default', 'value'",
        ]);
    });

    it("refuses a type that is no type name, at any depth of items", () => {
        assert.deepStrictEqual(problemsOf({ k: { type: 3 } }), [`#/config/k/type: must be one of ${TYPES}`]);
        const items = (i: unknown) => problemsOf({ k: { type: "array", items: i } });
        assert.deepStrictEqual(items("string"), [
            "#/config/k/items.type must be one of string, integer, boolean, array, object",
        ]);
        assert.deepStrictEqual(items({ type: "number" }), [
            "#/config/k/items.type must be one of string, integer, boolean, array, object",
        ]);
        assert.deepStrictEqual(items({ type: "array" }), ["#/config/k/items.items is required for an array"]);
        assert.deepStrictEqual(items({ type: "array", items: { type: "float" } }), [
            "#/config/k/items.items.type must be one of string, integer, boolean, array, object",
        ]);
        assert.deepStrictEqual(items({ type: "array", items: { type: "string" } }), []);
    });

    it("treats `<project>:<key>` as the project's own key and another namespace's key as needing a value", () => {
        assert.deepStrictEqual(problemsOf({ "p:k": { type: "string" } }), []);
        assert.deepStrictEqual(problemsOf({ "aws:x": {} }), [
            "Configuration key 'aws:x' is namespaced and must provide an attribute 'value'",
        ]);
        assert.deepStrictEqual(problemsOf({ "aws:x": { value: "v", default: null } }), []);
        assert.deepStrictEqual(problemsOf({ k: { default: null, value: "v" } }), []);
    });
});

describe("config values against a declared type, as ValidateConfigValue", () => {
    it("string: only strings", () => {
        assert.deepStrictEqual(
            [validateConfigValue("string", undefined, "3"), validateConfigValue("string", undefined, 3)],
            [true, false],
        );
    });

    it("integer: whole numbers, or decimal text within int64 (Go's strconv.Atoi)", () => {
        const ok = (v: unknown) => validateConfigValue("integer", undefined, v);
        for (const v of [3, "3", "42", "+3", "-3", "9223372036854775807", "-9223372036854775808"])
            assert.ok(ok(v), String(v));
        for (const v of [1.5, "1.5", "3x", "x3", "9223372036854775808", "-9223372036854775809", [3], true, null])
            assert.ok(!ok(v), String(v));
    });

    it("boolean: true/false, as values or text", () => {
        const ok = (v: unknown) => validateConfigValue("boolean", undefined, v);
        assert.deepStrictEqual([true, "true", "false", "yes", 1].map(ok), [true, true, true, false, false]);
    });

    it("array: every item of the items type; no items type, no array", () => {
        assert.ok(validateConfigValue("array", { type: "integer" }, [1, "2"]));
        assert.ok(!validateConfigValue("array", { type: "integer" }, [1, "x"]));
        assert.ok(!validateConfigValue("array", undefined, []));
    });
});
