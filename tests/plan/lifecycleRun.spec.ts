import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { NO_OPTIONS } from "../../plan/engine";
import { dangersOf, nextId } from "../../plan/lifecycle/run";
import { runScenario } from "../../plan/lifecycle/scenarios";
import {
    type StateResource,
    type Step,
    type UpResult,
    type World,
    cloneWorld,
    emptyWorld,
    kubernetesKey,
    up,
} from "../../plan/lifecycle/world";
import type { StackFiles } from "../../plan/stackFiles";
import { PROJECT as P, smallStack } from "../harness/stackFiles";

/** One `up` against a world: the ids, outputs and steps the engine would give, what a replace does first. */

const RELEASE = "kubernetes:helm.sh/v3:Release";

/** A small stack on the existing cluster "demo": the controller with IRSA and one ip-target app. */
const stack = (apps?: unknown[]): StackFiles => smallStack({ apps });

const named = (steps: readonly Step[], name: string) => {
    const s = steps.find((x) => x.name === name);
    assert.ok(s, `no step for ${name}`);
    return s;
};
const byName = (world: World, name: string) => [...world.state.values()].find((r) => r.name === name)!;

/** `world` with the state of resource `name` changed as `change` says (a checkpoint an older program wrote). */
function withState(world: World, name: string, change: (r: StateResource) => StateResource): World {
    const next = cloneWorld(world);
    const r = byName(next, name);
    next.state.set(r.urn, change(r));
    return next;
}

describe("lifecycle: the rules of a step", () => {
    it("flags replaces and deletes of shared objects, a release replaced create-before-delete and a replaced policy", () => {
        const NS = "kubernetes:core/v1:Namespace";
        assert.deepStrictEqual(dangersOf("delete", NS, false), [
            "delete of a shared object: deleting a Namespace deletes everything in it",
        ]);
        assert.deepStrictEqual(dangersOf("replace", NS, true), [
            "replace of a shared object: deleting a Namespace deletes everything in it",
        ]);
        for (const op of ["same", "create", "update", "import"] as const)
            assert.deepStrictEqual(dangersOf(op, NS, false), [], op);
        assert.deepStrictEqual(dangersOf("replace", RELEASE, false), [
            "Helm release replaced create-before-delete: the new install meets the old release's cluster-scoped objects",
        ]);
        assert.deepStrictEqual(dangersOf("replace", RELEASE, true), []);
        assert.deepStrictEqual(dangersOf("update", RELEASE, false), []);
        assert.deepStrictEqual(dangersOf("delete", RELEASE, false), []);
        assert.deepStrictEqual(dangersOf("replace", "aws:iam/policy:Policy", false), [
            "IAM policy replaced instead of updated (a new ARN; roles lose it until re-attached)",
        ]);
        assert.deepStrictEqual(dangersOf("update", "aws:iam/policy:Policy", false), []);
        assert.deepStrictEqual(dangersOf("delete", "aws:iam/policy:Policy", false), []);
        assert.deepStrictEqual(dangersOf("replace", "aws:iam/role:Role", false), []);
    });

    it("gives a replacement a new id, counting the replacements", () => {
        assert.strictEqual(nextId("lbc-policy-attachment-id", "x"), "lbc-policy-attachment-id-r1");
        assert.strictEqual(nextId("lbc-policy-attachment-id-r1", "x"), "lbc-policy-attachment-id-r2");
        assert.strictEqual(nextId("att-r9", "x"), "att-r10");
        assert.strictEqual(nextId("att-r10", "x"), "att-r11");
        assert.strictEqual(nextId("team-r2-attachment-id", "x"), "team-r2-attachment-id-r1");
        assert.strictEqual(nextId("att-rx", "x"), "att-rx-r1");
        assert.strictEqual(nextId(undefined, "fresh-id"), "fresh-id");
        assert.strictEqual(nextId("", "fresh-id"), "fresh-id");
    });
});

describe("lifecycle: up against a world", function () {
    this.timeout(120_000);
    let first: UpResult;
    before(async () => {
        first = await up(emptyWorld(), stack());
    });

    it("resolves the stack outputs, and leaves the process's config as it found it", async () => {
        assert.deepStrictEqual(first.outputs, {
            loadBalancing: "controller",
            controllerRoleArn: "arn:aws:iam::123456789012:role/lbc-role-a1b2c3d",
            appUrls: { web: "http://k8s-web-web-0123456789.us-west-2.elb.amazonaws.com/" },
            gatewayUrls: {},
        });
        const saved = pulumi.runtime.allConfig();
        pulumi.runtime.setAllConfig({ "other:key": "kept" });
        try {
            await up(first.world, stack());
            assert.deepStrictEqual(pulumi.runtime.allConfig(), { "other:key": "kept" });
        } finally {
            pulumi.runtime.setAllConfig(saved);
        }
    });

    it("runs one up at a time: the mock engine is one per process", async () => {
        const running = up(first.world, stack());
        await assert.rejects(
            up(first.world, stack()),
            (e: Error) => e.message === "lifecycle up: another up is running on the mock engine; await it first",
        );
        await running;
    });

    it("frees the engine when the program fails, for the next up", async () => {
        const broken = { ...stack(), config: { ...stack().config, [`${P}:apps`]: "[{" } };
        await assert.rejects(up(first.world, broken));
        assert.ok((await up(first.world, stack())).steps.length > 0);
    });

    it("replaces create-before-delete with a new id, and keeps the ids of same and updated resources", async () => {
        const drifted = withState(first.world, "lbc-policy-attachment", (r) => ({
            ...r,
            inputs: { ...r.inputs, role: "old-role" },
        }));
        const once = await up(drifted, stack());
        const step = named(once.steps, "lbc-policy-attachment");
        assert.deepStrictEqual(
            [step.op, step.replaceKeys, step.deleteBeforeReplace, step.errors],
            ["replace", ["role"], false, []],
        );
        assert.strictEqual(byName(once.world, "lbc-policy-attachment").id, "lbc-policy-attachment-id-r1");
        const same = await up(once.world, stack());
        assert.strictEqual(named(same.steps, "lbc-policy-attachment").op, "same");
        assert.strictEqual(byName(same.world, "lbc-policy-attachment").id, "lbc-policy-attachment-id-r1", "kept");
        const twice = await up(
            withState(once.world, "lbc-policy-attachment", (r) => ({ ...r, inputs: { ...r.inputs, role: "x" } })),
            stack(),
        );
        assert.strictEqual(byName(twice.world, "lbc-policy-attachment").id, "lbc-policy-attachment-id-r2");
        for (const name of ["lbc-role", "lbc-policy", "web-ns", "lbc-release"])
            assert.strictEqual(byName(twice.world, name).id, byName(first.world, name).id, name);
        // an update keeps the id too
        const updated = await up(
            withState(first.world, "web-ns", (r) => ({ ...r, inputs: { ...r.inputs, x: 1 } })),
            stack(),
        );
        assert.strictEqual(named(updated.steps, "web-ns").op, "update");
        assert.strictEqual(byName(updated.world, "web-ns").id, "web");
    });

    it("replaces a resource `pulumi state protect` protected when the program does not protect it", async () => {
        const protectedState = withState(first.world, "lbc-policy-attachment", (r) => ({
            ...r,
            inputs: { ...r.inputs, role: "old-role" },
            options: { ...r.options, protect: true },
        }));
        const run = await up(protectedState, stack());
        const step = named(run.steps, "lbc-policy-attachment");
        assert.deepStrictEqual([step.op, step.errors], ["replace", []]);
    });

    it("a release replaced delete-before-replace is uninstalled before the new install meets its objects", async () => {
        const renamed = withState(first.world, "lbc-release", (r) => ({
            ...r,
            inputs: { ...r.inputs, name: "old-lbc" },
            outputs: { ...r.outputs, name: "old-lbc" },
            id: "kube-system/old-lbc",
        }));
        const run = await up(renamed, stack());
        const step = named(run.steps, "lbc-release");
        assert.deepStrictEqual(
            [step.op, step.replaceKeys, step.deleteBeforeReplace, step.dangers, step.errors],
            ["replace", ["name"], true, [], []],
        );
        assert.strictEqual(byName(run.world, "lbc-release").id, "kube-system/aws-load-balancer-controller");
        assert.deepStrictEqual([...run.world.external.helmReleases.keys()], [], "nothing left of the old release");
    });

    it("a create-before-delete replacement creates its new object, which may collide", async () => {
        const renamed = withState(first.world, "web-ns", (r) => ({
            ...r,
            id: "old-web",
            inputs: { ...r.inputs, metadata: { name: "old-web" } },
        }));
        renamed.external.kubernetes.set(kubernetesKey("v1", "Namespace", "", "web"), { metadata: { name: "web" } });
        const run = await up(renamed, stack());
        const step = named(run.steps, "web-ns");
        assert.deepStrictEqual(
            [step.op, step.replaceKeys, step.deleteBeforeReplace],
            ["replace", ["metadata.name"], false],
        );
        assert.match(step.errors.join(), /namespaces "web" already exists/);
        assert.deepStrictEqual(step.dangers, [
            "replace of a shared object: deleting a Namespace deletes everything in it",
        ]);
    });

    it("imports what the adopt block lists, and fails to import what the cluster does not hold", async () => {
        const adopting = {
            ...stack(),
            config: { ...stack().config, [`${P}:adopt`]: JSON.stringify({ namespaces: ["web"] }) },
        };
        const missing = await up(emptyWorld(), adopting);
        const step = named(missing.steps, "web-ns");
        assert.deepStrictEqual(
            [step.op, step.errors],
            ["import", ["import: v1/Namespace/_/web does not exist in the cluster"]],
        );
        assert.strictEqual(byName(missing.world, "web-ns").id, "web");
        const world = emptyWorld();
        world.external.kubernetes.set(kubernetesKey("v1", "Namespace", "", "web"), { metadata: { name: "web" } });
        assert.deepStrictEqual(named((await up(world, adopting)).steps, "web-ns").errors, []);
    });

    it("an update reports what the API server refuses: CRDs that drop a stored version", async () => {
        const down = {
            ...stack(),
            config: { ...stack().config, [`${P}:controller`]: JSON.stringify({ version: "v3.4.3", identity: "irsa" }) },
        };
        const run = await up(first.world, down);
        const crd = named(run.steps, "lbc-crd-targetgroupconfigurations.gateway.k8s.aws");
        assert.strictEqual(crd.op, "update");
        assert.match(
            crd.errors.join(),
            /status.storedVersions\[0\]: Invalid value: "v1": must appear in spec.versions/,
        );
    });

    it("adopts an existing object through a provider that upserts (the CRDs), and fails a plain create over one", async () => {
        const world = emptyWorld();
        const crd = kubernetesKey(
            "apiextensions.k8s.io/v1",
            "CustomResourceDefinition",
            "",
            "targetgroupbindings.elbv2.k8s.aws",
        );
        world.external.kubernetes.set(crd, { metadata: { name: "targetgroupbindings.elbv2.k8s.aws" } });
        world.external.kubernetes.set(kubernetesKey("v1", "Namespace", "", "web"), { metadata: { name: "web" } });
        const run = await up(world, stack());
        assert.deepStrictEqual(named(run.steps, "lbc-crd-targetgroupbindings.elbv2.k8s.aws").errors, []);
        assert.match(named(run.steps, "web-ns").errors.join(), /namespaces "web" already exists/);
    });

    it("deletes what the program no longer registers after its registrations, dependents first", async () => {
        const run = await up(first.world, stack([]));
        const deletes = run.steps.filter((s) => s.op !== "same");
        assert.deepStrictEqual(
            deletes.map((s) => `${s.op} ${s.name}`),
            ["delete web-deploy", "delete web-ing", "delete web-svc", "delete web-ns", "delete web"],
        );
        assert.deepStrictEqual(named(run.steps, "web-ns").dangers, [
            "delete of a shared object: deleting a Namespace deletes everything in it",
        ]);
        assert.ok(run.steps.slice(0, run.steps.length - 5).every((s) => s.op === "same"));
        assert.ok(![...run.world.state.values()].some((r) => r.name.startsWith("web")));
    });

    it("a scenario step whose second up is no no-op fails, naming the step the engine would take again", async () => {
        const world = withState(first.world, "web-ns", (r) => ({ ...r, options: { ...NO_OPTIONS, protect: true } }));
        const scenario = {
            file: "s.yaml",
            description: "d",
            stack: "test",
            steps: [{ name: "remove web", config: { apps: [] } }],
        };
        const [outcome] = await runScenario(scenario, stack(), world);
        assert.deepStrictEqual(
            outcome.rerun.map((s) => `${s.op} ${s.name}`),
            ["delete web-ns"],
        );
        assert.deepStrictEqual(outcome.failures, [
            `unexpected error on delete web-ns: resource "${byName(world, "web-ns").urn}" cannot be deleted because it is protected`,
            "second up is not a no-op: delete web-ns",
        ]);
    });

    it("runs each scenario step on the config and the world the previous step left", async () => {
        const scenario = {
            file: "s.yaml",
            description: "d",
            stack: "test",
            steps: [
                {
                    name: "add",
                    append: { apps: [{ name: "api", image: "nginx:1.27", containerPort: 80, targetType: "ip" }] },
                },
                {
                    name: "remove web",
                    removeNamed: { apps: ["web"] },
                    expect: [{ resource: "web-ns", danger: "deleting a Namespace" }],
                },
            ],
        };
        const outcomes = await runScenario(scenario, stack(), first.world);
        assert.deepStrictEqual(
            outcomes.map((o) => [
                o.step.name,
                o.steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.name}`),
                o.rerun,
                o.failures,
            ]),
            [
                [
                    "add",
                    ["create api", "create api-ns", "create api-svc", "create api-ing", "create api-deploy"],
                    [],
                    [],
                ],
                [
                    "remove web",
                    ["delete web-deploy", "delete web-ing", "delete web-svc", "delete web-ns", "delete web"],
                    [],
                    [],
                ],
            ],
        );
    });
});
