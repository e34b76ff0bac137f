/**
 * How `npm run plan` reads a stack's values and refuses stack files, as the Pulumi CLI does
 * (pulumi/pulumi sdk/go/common/resource/config: object.go, key.go; pkg/cmd/pulumi stack selection; config.go
 * mergeConfig/validateStackConfigValues): every message names the file, and the key where there is one.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { StackFileError, loadStackFiles } from "../../plan/stackFiles";

/** A folder with a Pulumi.yaml of project `p` declaring `config`, and stack files (name → raw YAML text). */
function folder(config: Record<string, unknown>, stacks: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stackvalues-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), stringify({ name: "p", runtime: "nodejs", config }));
    for (const [stack, text] of Object.entries(stacks)) fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), text);
    return dir;
}

const withConfig = (declared: Record<string, unknown>, config: Record<string, unknown>) =>
    folder(declared, { s: stringify({ config }) });

function refusal(dir: string, stack = "s"): StackFileError {
    try {
        loadStackFiles(dir, stack);
    } catch (e) {
        assert.ok(e instanceof StackFileError, String(e));
        return e;
    }
    assert.fail("the stack was accepted");
}

describe("stack files: values and refusals, as the Pulumi CLI", () => {
    it("prefixes every problem with the file, one line each", () => {
        const e = refusal(withConfig({ a: { type: "integer" }, b: { type: "boolean" } }, { a: "x", b: "y" }));
        assert.strictEqual(e.name, "StackFileError");
        assert.deepStrictEqual(e.message.split("\n"), [
            "Pulumi.s.yaml: Stack 's' with configuration key 'a' must be of type 'integer'",
            "Pulumi.s.yaml: Stack 's' with configuration key 'b' must be of type 'boolean'",
        ]);
    });

    it("refuses a folder without Pulumi.yaml, and YAML it cannot parse, naming the file", () => {
        const empty = fs.mkdtempSync(path.join(os.tmpdir(), "stackvalues-"));
        assert.deepStrictEqual(refusal(empty).message, `Pulumi.yaml: not found in ${empty}`);
        const e = refusal(folder({}, { s: "config: [\n" }));
        assert.strictEqual(e.file, "Pulumi.s.yaml");
        assert.match(e.message, /^Pulumi\.s\.yaml: is not valid YAML: \S.{8,}$/);
        assert.doesNotMatch(e.message, /\n/);
    });

    it("refuses a stack with no file or a name the CLI does not allow, listing the stacks there", () => {
        const dir = folder({}, { b: "", a: "", "x y": "" });
        for (const other of ["notes.yaml", "Pulumi.old.yaml.bak", "copy-of-Pulumi.x.yaml"])
            fs.writeFileSync(path.join(dir, other), "");
        assert.strictEqual(refusal(dir, "c").message, "Pulumi.c.yaml: no such stack (stacks here: a, b, x y)");
        assert.match(refusal(dir, "x y").message, /^Pulumi\.x y\.yaml: no such stack/);
        assert.strictEqual(refusal(folder({}, {}), "c").message, "Pulumi.c.yaml: no such stack (stacks here: none)");
    });

    it("refuses a stack file that is no map, or whose config is no map", () => {
        for (const text of ["- a\n", "config: [1]\n"])
            assert.deepStrictEqual(refusal(folder({}, { s: text })).problems, ["must be a map with a `config:` map"]);
    });

    it("reads `<project>:config:<key>` as the key, and refuses a key written twice", () => {
        assert.strictEqual(loadStackFiles(withConfig({}, { "p:config:k": "v" }), "s").config["p:k"], "v");
        assert.deepStrictEqual(refusal(withConfig({}, { k: "a", "p:k": "b" })).problems, [
            "config p:k is set twice (as p:k and another spelling of the same key)",
        ]);
        assert.match(refusal(withConfig({}, { "p:config:a:b": 1 })).problems[0], /could not parse p:config:a:b/);
    });

    it("passes numbers and booleans as their text, valid for a string key", () => {
        const files = loadStackFiles(
            withConfig({ n: { type: "string" }, f: { type: "string" } }, { n: 3, f: true }),
            "s",
        );
        assert.deepStrictEqual([files.config["p:n"], files.config["p:f"]], ["3", "true"]);
        assert.deepStrictEqual(files.secureKeys, []);
    });

    it("passes declared defaults as the engine does: primitives as text, the rest as JSON", () => {
        const files = loadStackFiles(
            withConfig(
                {
                    on: { type: "boolean", default: false },
                    name: { type: "string", default: "web" },
                    xs: { type: "array", items: { type: "string" }, default: ["a"] },
                },
                {},
            ),
            "s",
        );
        assert.deepStrictEqual(
            [files.config["p:on"], files.config["p:name"], files.config["p:xs"]],
            ["false", "web", `["a"]`],
        );
        assert.deepStrictEqual(files.secureKeys, []);
    });

    it("takes a declared default or value of null as none: the key is missing", () => {
        assert.deepStrictEqual(refusal(withConfig({ k: { default: null }, a: { value: null } }, {})).problems, [
            "Stack 's' is missing configuration values 'a' and 'k'",
        ]);
    });

    it("reports type problems in key order, whatever order Pulumi.yaml declares them in", () => {
        const e = refusal(withConfig({ z: { type: "integer" }, a: { type: "integer" } }, { z: "x", a: "x" }));
        assert.deepStrictEqual(e.problems, [
            "Stack 's' with configuration key 'a' must be of type 'integer'",
            "Stack 's' with configuration key 'z' must be of type 'integer'",
        ]);
    });

    it("lists exactly the keys that are, or hold, encrypted values", () => {
        const files = loadStackFiles(
            withConfig(
                {},
                {
                    token: { secure: "v1:abc" },
                    list: [1, { secure: "v1:x" }],
                    nested: { a: 1, b: { c: { secure: "v1:y" } } },
                    notSecret: { secure: "v1:z", note: "two keys" },
                    notText: { secure: 1 },
                    plain: [1, 2],
                },
            ),
            "s",
        );
        assert.deepStrictEqual(files.secureKeys, ["p:token", "p:list", "p:nested"]);
        assert.strictEqual(files.config["p:token"], "v1:abc");
        assert.strictEqual(files.config["p:plain"], "[1,2]");
    });

    it("cannot type-check an encrypted integer or boolean, but refuses an encrypted scalar for an object", () => {
        const declared = { n: { type: "integer" }, f: { type: "boolean" }, o: { type: "object" } };
        const secret = { secure: "v1:abc" };
        assert.doesNotThrow(() => loadStackFiles(withConfig(declared, { n: secret, f: secret, o: {} }), "s"));
        assert.deepStrictEqual(refusal(withConfig(declared, { n: 1, f: true, o: secret })).problems, [
            "Stack 's' with configuration key 'o' must be of type 'object'",
        ]);
    });
});
