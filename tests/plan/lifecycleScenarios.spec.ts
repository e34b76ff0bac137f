import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { applyStep, loadScenarios, scenarioProblem, unexpected } from "../../plan/lifecycle/scenarios";
import type { Step } from "../../plan/lifecycle/world";
import type { StackFiles } from "../../plan/stackFiles";

/** Scenario files as users write them (plan/scenarios/*.yaml): reading, validating, applying a step, judging it. */

const P = "eks-alb-ingress";

function dirWith(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scenarios-"));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
}

const problem = (doc: unknown) => scenarioProblem(doc);
const valid = (step: Record<string, unknown>) => ({ stack: "dev", steps: [{ name: "one", ...step }] });

describe("lifecycle scenarios: reading the files", () => {
    it("reads every .yaml file of the folder in name order, and nothing from a folder that does not exist", () => {
        const dir = dirWith({
            "b.yaml": "stack: dev\nsteps:\n  - name: one\n",
            "a.yaml":
                "description: first\nstack: gateway\nsteps: [{ name: x, patch: { controller: { version: v3.5.0 } } }]\n",
            "notes.md": "not a scenario",
        });
        assert.deepStrictEqual(loadScenarios(dir), [
            {
                file: "a.yaml",
                description: "first",
                stack: "gateway",
                steps: [{ name: "x", patch: { controller: { version: "v3.5.0" } } }],
            },
            { file: "b.yaml", description: "b.yaml", stack: "dev", steps: [{ name: "one" }] },
        ]);
        assert.deepStrictEqual(loadScenarios(path.join(dir, "missing")), []);
        // in the same order on every file system: libuv sorts by bytes on Unix only (and not at all on Windows)
        const mixed = dirWith({
            "\u{1F600}.yaml": "stack: a\nsteps: [{ name: x }]\n",
            "\uE000.yaml": "stack: b\nsteps: [{ name: x }]\n",
        });
        assert.deepStrictEqual(
            loadScenarios(mixed).map((s) => s.stack),
            ["a", "b"],
        );
    });

    it("refuses a file that is no scenario, naming the file and the field", () => {
        const dir = dirWith({ "s.yaml": "stack: dev\nsteps:\n  - name: one\n    patches: { controller: {} }\n" });
        assert.throws(
            () => loadScenarios(dir),
            (e: Error) =>
                e.message ===
                "s.yaml: unknown field `steps[0].patches` (known: name, config, patch, append, removeNamed, expect)",
        );
    });

    it("needs a stack and a non-empty list of named steps", () => {
        const needs = "a scenario needs `stack` (a stack name) and a non-empty `steps` list";
        for (const doc of [null, [], "dev", { steps: [{ name: "x" }] }, { stack: 1, steps: [{ name: "x" }] }])
            assert.strictEqual(problem(doc), needs, JSON.stringify(doc));
        for (const steps of [undefined, [], { name: "x" }])
            assert.strictEqual(problem({ stack: "dev", steps }), needs, JSON.stringify(steps));
        assert.strictEqual(problem({ stack: "dev", steps: [{ name: "x" }, "y"] }), "steps[1] needs a `name`");
        assert.strictEqual(problem({ stack: "dev", steps: [{ patch: {} }] }), "steps[0] needs a `name`");
        assert.strictEqual(problem({ stack: "dev", steps: [{ name: 2 }] }), "steps[0] needs a `name`");
    });

    it("refuses unknown fields at every level and a description that is not text", () => {
        assert.strictEqual(
            problem({ stack: "dev", step: [], steps: [{ name: "x" }] }),
            "unknown field `step` (known: description, stack, steps)",
        );
        assert.strictEqual(problem({ ...valid({}), description: ["x"] }), "`description` must be a string");
        assert.strictEqual(
            problem(valid({ expect: [{ resource: "web-ns", dangers: "x" }] })),
            "unknown field `steps[0].expect[0].dangers` (known: resource, danger, error)",
        );
    });

    it("needs mappings for config, patch, append and removeNamed, and lists of items and names in them", () => {
        for (const k of ["config", "patch", "append", "removeNamed"]) {
            assert.strictEqual(problem(valid({ [k]: ["x"] })), `\`steps[0].${k}\` must be a mapping of config keys`);
            assert.strictEqual(problem(valid({ [k]: "x" })), `\`steps[0].${k}\` must be a mapping of config keys`);
        }
        assert.strictEqual(
            problem(valid({ append: { apps: { name: "x" } } })),
            "`steps[0].append.apps` must be a list of items to append",
        );
        assert.strictEqual(
            problem(valid({ removeNamed: { apps: "web" } })),
            "`steps[0].removeNamed.apps` must be a list of item names",
        );
        assert.strictEqual(
            problem(valid({ removeNamed: { apps: ["web", { name: "api" }] } })),
            "`steps[0].removeNamed.apps` must be a list of item names",
        );
    });

    it("needs each expectation to name a resource and exactly one danger or error text", () => {
        assert.strictEqual(
            problem(valid({ expect: { resource: "x" } })),
            "`steps[0].expect` must be a list of expectations",
        );
        assert.strictEqual(problem(valid({ expect: ["web-ns"] })), "`steps[0].expect[0]` must be a mapping");
        const needs = (j: number) =>
            `\`steps[0].expect[${j}]\` needs \`resource\` (a logical name) and one of \`danger\` or \`error\` (text)`;
        const ok = { resource: "web-ns", danger: "deleting a Namespace" };
        for (const e of [
            { resource: "web-ns" },
            { danger: "x" },
            { resource: 1, error: "x" },
            { resource: "web-ns", danger: "x", error: "y" },
            { resource: "web-ns", error: 3 },
        ])
            assert.strictEqual(problem(valid({ expect: [ok, e] })), needs(1), JSON.stringify(e));
    });

    it("accepts every field a scenario may use, and the shipped scenarios", () => {
        const step = {
            name: "all",
            config: { apps: [] },
            patch: { controller: { version: "v3.5.0" } },
            append: { apps: [{ name: "extra" }] },
            removeNamed: { apps: ["extra"] },
            expect: [
                { resource: "extra-ns", danger: "deleting a Namespace" },
                { resource: "lbc-release", error: "cannot re-use" },
            ],
        };
        assert.strictEqual(problem({ description: "d", stack: "dev", steps: [{ name: "x" }, step] }), undefined);
        assert.ok(loadScenarios(path.join(__dirname, "..", "..", "plan", "scenarios")).length > 0);
    });
});

const files = (config: Record<string, string>, values?: Record<string, unknown>): StackFiles => ({
    project: P,
    stack: "test",
    file: "Pulumi.test.yaml",
    config,
    ...(values ? { values } : {}),
});

describe("lifecycle scenarios: applying a step to the stack's config", () => {
    const base = files(
        {
            "aws:region": "us-west-2",
            [`${P}:clusterName`]: "demo",
            [`${P}:controller`]: JSON.stringify({
                version: "v2.7.0",
                identity: "irsa",
                namespace: "kube-system",
                helmValues: { replicaCount: 2, nodeSelector: { os: "linux" } },
            }),
            [`${P}:apps`]: JSON.stringify([{ name: "web" }, { name: "api" }]),
        },
        { [`${P}:clusterName`]: "demo" },
    );

    it("config replaces whole values, under the project unless the key names its namespace; null removes", () => {
        const next = applyStep(base, {
            name: "s",
            config: { clusterName: "other", "aws:region": "eu-west-1", apps: [], controller: null },
        });
        assert.deepStrictEqual(next.config, {
            "aws:region": "eu-west-1",
            [`${P}:clusterName`]: "other",
            [`${P}:apps`]: "[]",
        });
        assert.deepStrictEqual(next.values, {
            [`${P}:clusterName`]: "other",
            "aws:region": "eu-west-1",
            [`${P}:apps`]: [],
        });
        assert.deepStrictEqual(base.config[`${P}:clusterName`], "demo", "the base is left as it was");
    });

    it("patch deep-merges into object values: null removes a key, lists and text are replaced", () => {
        const next = applyStep(base, {
            name: "s",
            patch: {
                controller: { version: "v3.5.0", identity: null, helmValues: { replicaCount: 3, tolerations: [] } },
                clusterName: { name: "x" },
                newKey: { a: 1 },
            },
        });
        assert.deepStrictEqual(JSON.parse(next.config[`${P}:controller`]), {
            version: "v3.5.0",
            namespace: "kube-system",
            helmValues: { replicaCount: 3, nodeSelector: { os: "linux" }, tolerations: [] },
        });
        assert.strictEqual(next.config[`${P}:clusterName`], '{"name":"x"}');
        assert.deepStrictEqual(next.values?.[`${P}:newKey`], { a: 1 });
        const removed = applyStep(base, { name: "s", patch: { controller: null, missing: null } });
        assert.ok(!(`${P}:controller` in removed.config) && !(`${P}:missing` in removed.config));
        assert.strictEqual(applyStep(base, { name: "s", patch: { clusterName: "b" } }).config[`${P}:clusterName`], "b");
    });

    it("append adds items to a list value (a missing one starts empty); removeNamed takes items out by name", () => {
        const next = applyStep(base, {
            name: "s",
            append: { apps: [{ name: "extra" }], more: ["a"] },
            removeNamed: { apps: ["api"] },
        });
        assert.deepStrictEqual(JSON.parse(next.config[`${P}:apps`]), [{ name: "web" }, { name: "extra" }]);
        assert.deepStrictEqual(next.values?.[`${P}:more`], ["a"]);
        assert.deepStrictEqual(applyStep(base, { name: "s", removeNamed: { none: [] } }).config[`${P}:none`], "[]");
    });

    it("refuses to append to or remove from a value that is not a list, or an item that is not there", () => {
        assert.throws(
            () => applyStep(base, { name: "s", append: { controller: [1] } }),
            (e: Error) => e.message === "append: config controller is not a list",
        );
        assert.throws(
            () => applyStep(base, { name: "s", removeNamed: { clusterName: ["x"] } }),
            (e: Error) => e.message === "removeNamed: config clusterName is not a list",
        );
        assert.throws(
            () => applyStep(base, { name: "s", removeNamed: { apps: ["web", "gone", "lost"] } }),
            (e: Error) => e.message === "removeNamed: config apps has no item named gone, lost",
        );
    });

    it("updates the values the stack file sets only where the config changed", () => {
        const next = applyStep(files({ [`${P}:a`]: "1", [`${P}:b`]: "x" }), { name: "s", config: { b: "y" } });
        assert.deepStrictEqual(next.values, { [`${P}:b`]: "y" });
        assert.deepStrictEqual(applyStep(base, { name: "no change" }), { ...base, values: base.values });
    });
});

const step = (name: string, op: Step["op"], dangers: string[], errors: string[] = []): Step => ({
    op,
    urn: `urn:${name}`,
    type: "t",
    name,
    diffs: [],
    replaceKeys: [],
    deleteBeforeReplace: false,
    dangers,
    errors,
});

describe("lifecycle scenarios: judging a step against its expectations", () => {
    const steps = [
        step("web-ns", "delete", ["delete of a shared object: deleting a Namespace deletes everything in it"]),
        step("lbc-release", "update", [], ["cannot re-use a name that is still in use"]),
    ];

    it("passes when exactly the declared dangers and errors occur (by resource and contained text)", () => {
        assert.deepStrictEqual(
            unexpected(steps, [
                { resource: "web-ns", danger: "deleting a Namespace" },
                { resource: "lbc-release", error: "re-use a name" },
            ]),
            [],
        );
    });

    it("names each danger or error nobody expected, and each expectation that did not occur", () => {
        assert.deepStrictEqual(unexpected(steps), [
            "unexpected danger on delete web-ns: delete of a shared object: deleting a Namespace deletes everything in it",
            "unexpected error on update lbc-release: cannot re-use a name that is still in use",
        ]);
        assert.deepStrictEqual(
            unexpected(steps, [
                { resource: "web-ns", error: "deleting a Namespace" },
                { resource: "lbc-release", danger: "cannot re-use" },
                { resource: "api-ns", danger: "deleting" },
                { resource: "web-ns", danger: "replace of" },
            ]),
            [
                "unexpected danger on delete web-ns: delete of a shared object: deleting a Namespace deletes everything in it",
                "unexpected error on update lbc-release: cannot re-use a name that is still in use",
                'expected error "deleting a Namespace" on web-ns did not occur',
                'expected danger "cannot re-use" on lbc-release did not occur',
                'expected danger "deleting" on api-ns did not occur',
                'expected danger "replace of" on web-ns did not occur',
            ],
        );
        assert.deepStrictEqual(unexpected([step("x", "same", [])], []), []);
        // a danger expectation never matches an error, even one whose text holds "undefined"
        assert.deepStrictEqual(
            unexpected([step("x", "create", [], ["value is undefined"])], [{ resource: "x", danger: "none" }]),
            ["unexpected error on create x: value is undefined", 'expected danger "none" on x did not occur'],
        );
    });
});
