import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { StackFileError, loadStackFiles } from "../../plan/stackFiles";

const ROOT = path.resolve(__dirname, "..", "..");

/** A project dir with `project` (or this project's Pulumi.yaml) and one stack file holding `config`. */
function projectWith(config: unknown, project?: Record<string, unknown>, stack = "s"): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stackfiles-"));
    if (project) fs.writeFileSync(path.join(dir, "Pulumi.yaml"), stringify(project));
    else fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), config === undefined ? "" : stringify({ config }));
    return dir;
}

/** The problems `loadStackFiles` reports for `dir`'s stack `s`, without the file prefix. */
function problems(dir: string, stack = "s"): readonly string[] {
    try {
        loadStackFiles(dir, stack);
    } catch (e) {
        if (e instanceof StackFileError) return e.problems;
        throw e;
    }
    return [];
}

const project = (config: Record<string, unknown>) => ({ name: "p", runtime: "nodejs", config });

describe("stack files, read by the Pulumi CLI's rules", () => {
    describe("with this project's Pulumi.yaml", () => {
        it("accepts the shipped dev stack and fills every default", () => {
            const files = loadStackFiles(ROOT, "dev");
            assert.deepStrictEqual(
                [files.config["eks-alb-ingress:kubernetesVersion"], files.config["eks-alb-ingress:nodeCount"]],
                ["", "2"],
            );
        });

        it("names, for every image the dev stack ships, where its tag is confirmed", () => {
            const text = fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8");
            const images = JSON.parse(loadStackFiles(ROOT, "dev").config["eks-alb-ingress:apps"]).map(
                (a: { image: string }) => a.image,
            );
            const header = text.slice(0, text.indexOf("\nconfig:"));
            for (const image of images)
                assert.match(header, new RegExp(`#\\s+${image.replace(/[.]/g, "\\.")} - \\S`), image);
        });

        it("asks a new, empty stack for clusterName only", () => {
            assert.deepStrictEqual(problems(projectWith(undefined)), [
                "Stack 's' is missing configuration value 'clusterName'",
            ]);
        });

        it("runs a new stack that sets clusterName, with the declared defaults as the engine passes them", () => {
            const files = loadStackFiles(projectWith({ "eks-alb-ingress:clusterName": "c" }), "s");
            assert.deepStrictEqual(
                [files.config["eks-alb-ingress:apps"], files.config["eks-alb-ingress:controller"]],
                ["[]", "{}"],
            );
        });

        it("checks every declared type, naming each key as the CLI does", () => {
            const dir = projectWith({
                clusterName: "c",
                "eks-alb-ingress:nodeCount": "two",
                "eks-alb-ingress:apps": { web: {} },
                "eks-alb-ingress:controller": "irsa",
            });
            assert.deepStrictEqual(problems(dir), [
                "Stack 's' with configuration key 'apps' must be of type 'array<object>'",
                "Stack 's' with configuration key 'controller' must be of type 'object'",
                "Stack 's' with configuration key 'nodeCount' must be of type 'integer'",
            ]);
        });

        it("takes integers written as strings and numbers, as the CLI does", () => {
            assert.deepStrictEqual(problems(projectWith({ clusterName: "c", nodeCount: "3" })), []);
            assert.deepStrictEqual(problems(projectWith({ clusterName: "c", nodeCount: 3 })), []);
        });

        it("refuses a key it cannot parse", () => {
            assert.match(
                problems(projectWith({ clusterName: "c", "a:b:c": 1 }))[0],
                /could not parse a:b:c as a configuration key/,
            );
        });
    });

    it("lists several missing keys sorted, as the CLI formats them", () => {
        const dir = projectWith({}, project({ c: { type: "string" }, a: { type: "string" }, b: {}, d: "shorthand" }));
        assert.deepStrictEqual(problems(dir), ["Stack 's' is missing configuration values 'a', 'b' and 'c'"]);
    });

    it("does not require declared keys of another namespace, which carry a value", () => {
        const files = loadStackFiles(projectWith({}, project({ "aws:region": { value: "eu-west-1" } })), "s");
        assert.strictEqual(files.config["aws:region"], "eu-west-1");
    });

    it("requires a secret key to be encrypted", () => {
        const dir = projectWith({ token: "plain" }, project({ token: { type: "string", secret: true } }));
        assert.deepStrictEqual(problems(dir), [
            "Stack 's' with configuration key 'token' must be encrypted as it's secret",
        ]);
        assert.deepStrictEqual(
            problems(
                projectWith({ token: { secure: "v1:abc" } }, project({ token: { type: "string", secret: true } })),
            ),
            [],
        );
    });

    const invalidProjects: [string, Record<string, unknown>, RegExp][] = [
        [
            "an array without items",
            { xs: { type: "array" } },
            /The configuration key 'xs' declares an array but does not specify the underlying type via the 'items' attribute/,
        ],
        [
            "a default of the wrong type",
            { n: { type: "integer", default: "many" } },
            /The default value specified for configuration key 'n' is not of the expected type 'integer'/,
        ],
        [
            "both default and value",
            { n: { default: 1, value: 2 } },
            /project config 'n' cannot have both a 'default' and 'value' attribute/,
        ],
        [
            "a type on another namespace's key",
            { "aws:region": { type: "string", value: "x" } },
            /Configuration key 'aws:region' is not namespaced by the project and should not define a type/,
        ],
        [
            "a default on another namespace's key",
            { "aws:region": { default: "x" } },
            /should not define a default value. Did you mean to use the 'value' attribute/,
        ],
        [
            "an unknown type",
            { n: { type: "number" } },
            /#\/config\/n\/type: must be one of "string", "integer", "boolean", "array", "object"/,
        ],
        [
            "an unknown attribute",
            { n: { type: "string", required: true } },
            /#\/config\/n: additionalProperties 'required' not allowed/,
        ],
    ];
    for (const [what, config, message] of invalidProjects) {
        it(`refuses a Pulumi.yaml with ${what}`, () => {
            assert.throws(
                () => loadStackFiles(projectWith({}, project(config)), "s"),
                (e: unknown) => e instanceof StackFileError && e.file === "Pulumi.yaml" && message.test(e.message),
            );
        });
    }

    it("reads stack files from stackConfigDir", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stackfiles-"));
        fs.writeFileSync(
            path.join(dir, "Pulumi.yaml"),
            stringify({ name: "p", runtime: "nodejs", stackConfigDir: "stacks" }),
        );
        fs.mkdirSync(path.join(dir, "stacks"));
        fs.writeFileSync(path.join(dir, "stacks", "Pulumi.s.yaml"), stringify({ config: { k: "v" } }));
        assert.strictEqual(loadStackFiles(dir, "s").config["p:k"], "v");
    });

    it("keeps encrypted values out of the values it type-checks and lists them", () => {
        const files = loadStackFiles(projectWith({ "aws:secretKey": { secure: "v1:abc" } }, project({})), "s");
        assert.deepStrictEqual(files.secureKeys, ["aws:secretKey"]);
    });
});
