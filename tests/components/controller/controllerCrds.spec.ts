import * as assert from "assert";
import * as path from "path";
import * as k8s from "@pulumi/kubernetes";
import { AlbIngressController, InvalidArgumentsError } from "../../../components/index";
import { PATCH_FORCE_ANNOTATION, crdInputs, crdResourceName } from "../../../components/controller/controllerCrds";
import { crdsOf } from "../../../components/controller/crds";
import { CONTROLLER_VERSIONS } from "../../../components/controller/versions";
import { decide } from "../../../plan/lifecycle/diff";
import { LiveWorld } from "../../../plan/lifecycle/live";
import { runbookWorld } from "../../../plan/lifecycle/runbook";
import { loadScenarios, runScenario } from "../../../plan/lifecycle/scenarios";
import { type StateResource, type Step, cloneWorld, destroy, emptyWorld, up } from "../../../plan/lifecycle/world";
import { type StackFiles, loadStackFiles } from "../../../plan/stackFiles";
import { one, ofType, waitsFor } from "../../harness/graph";
import { controllerArgs } from "../../harness/fixtures";
import { type Recorded, recorded, settle } from "../../harness/mocks";

const CRD = "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const POLICY = "aws:iam/policy:Policy";
const ROOT = path.resolve(__dirname, "..", "..", "..");

/** `files` with the controller config patched. */
function withController(files: StackFiles, patch: Record<string, unknown>): StackFiles {
    const key = `${files.project}:controller`;
    const controller = { ...(JSON.parse(files.config[key]) as Record<string, unknown>), ...patch };
    return { ...files, config: { ...files.config, [key]: JSON.stringify(controller) } };
}

const crdSteps = (steps: readonly Step[]) => steps.filter((s) => s.type === CRD);

describe("AlbIngressController: the chart's CRDs", () => {
    for (const version of ["v2.7.0", "v3.5.0"]) {
        it(`applies each CRD of ${version} as its own resource, server-side and forced, before the policy and the release`, async () => {
            new AlbIngressController("lbc", controllerArgs({ version }));
            await settle();
            const expected = crdsOf(version);
            assert.deepStrictEqual(
                ofType(CRD)
                    .map((r) => r.name)
                    .sort(),
                expected.map((c) => crdResourceName("lbc", c)).sort(),
            );
            const [release, policy] = [one(RELEASE, "lbc-release"), one(POLICY)];
            for (const crd of expected) {
                const r = one(CRD, crdResourceName("lbc", crd));
                // upstream's manifest, verbatim, plus the annotation that forces server-side apply conflicts
                assert.deepStrictEqual(r.inputs.spec, crd.manifest.spec);
                assert.strictEqual(r.inputs.metadata.name, crd.name);
                assert.strictEqual(r.inputs.metadata.annotations[PATCH_FORCE_ANNOTATION], "true");
                assert.ok(waitsFor(release, r), `the release waits for ${crd.name}`);
                assert.ok(waitsFor(policy, r), `the IAM policy waits for ${crd.name}`);
            }
        });
    }

    it("installs the release with skipCrds: Helm would apply crds/ on first install only", async () => {
        new AlbIngressController("lbc", controllerArgs());
        await settle();
        assert.strictEqual(one(RELEASE, "lbc-release").inputs.skipCrds, true);
    });

    it("keeps the CRDs on destroy by default, and deletes them only with deleteCrdsOnDestroy", async () => {
        new AlbIngressController("kept", controllerArgs());
        new AlbIngressController("gone", controllerArgs({ deleteCrdsOnDestroy: true }));
        await settle();
        const crds = ofType(CRD);
        assert.ok(crds.length > 0);
        for (const r of crds) assert.strictEqual(r.options.retainOnDelete, r.name.startsWith("kept-"), r.name);
    });

    it("applies the CRDs with crdProvider, and everything else with the component's provider", async () => {
        const main = new k8s.Provider("main", {});
        const crdProvider = new k8s.Provider("crds", { upsertExistingObjects: true });
        new AlbIngressController("lbc", controllerArgs({ crdProvider }), { providers: { kubernetes: main } });
        await settle();
        for (const r of ofType(CRD)) assert.match(r.provider ?? "", /::crds::/, r.name);
        assert.match(one(RELEASE, "lbc-release").provider ?? "", /::main::/);
    });

    it("refuses a crdProvider that is not a provider, and a non-boolean deleteCrdsOnDestroy", () => {
        const bad = {
            crdProvider: "kubeconfig" as unknown as k8s.Provider,
            deleteCrdsOnDestroy: "no" as unknown as boolean,
        };
        assert.throws(
            () => new AlbIngressController("lbc", controllerArgs(bad)),
            (e: unknown) =>
                e instanceof InvalidArgumentsError &&
                e.problems.some((p) => p.startsWith("`crdProvider` must be a Kubernetes provider")) &&
                e.problems.some((p) => p.startsWith("`deleteCrdsOnDestroy`")),
        );
        assert.strictEqual(recorded.length, 0, "nothing registered on bad input");
    });
});

describe("AlbIngressController: CRDs are never replaced", () => {
    /** A CRD's state as the engine keeps it, from the inputs the component gives it at `version`. */
    function stateOf(template: Recorded, inputs: Record<string, unknown>): StateResource {
        return { ...template, id: String((inputs.metadata as { name: string }).name), outputs: inputs, inputs };
    }

    it("every change of version, up or down, updates each CRD in place (the providers' own replace rules)", async () => {
        new AlbIngressController("lbc", controllerArgs());
        await settle();
        const template = ofType(CRD)[0];
        let pairs = 0;
        for (const from of CONTROLLER_VERSIONS) {
            for (const to of CONTROLLER_VERSIONS) {
                const before = new Map(crdsOf(from).map((c) => [c.name, crdInputs(c)]));
                for (const crd of crdsOf(to)) {
                    const old = before.get(crd.name);
                    if (old === undefined) continue; // a CRD the older release did not have: a create
                    const d = decide(stateOf(template, old), { ...template, inputs: crdInputs(crd) }, new Set());
                    assert.ok(d.op === "same" || d.op === "update", `${from} → ${to} ${crd.name}: ${d.op}`);
                    pairs++;
                }
            }
        }
        assert.ok(pairs > 1000);
    });

    it("(control) a changed metadata.name would replace the CRD, delete-before-replace", async () => {
        new AlbIngressController("lbc", controllerArgs());
        await settle();
        const template = ofType(CRD)[0];
        const inputs = crdInputs(crdsOf("v3.5.0")[0]);
        const renamed = { ...inputs, metadata: { ...(inputs.metadata as object), name: "other.example.com" } };
        const d = decide(stateOf(template, inputs), { ...template, inputs: renamed }, new Set());
        assert.strictEqual(d.op, "replace");
        assert.deepStrictEqual(d.replaceKeys, ["metadata.name"]);
    });
});

describe("AlbIngressController: CRDs across the lifecycle", function () {
    this.timeout(600_000);
    const dev = loadStackFiles(ROOT, "dev");
    const scenario = (file: string) =>
        loadScenarios(path.join(ROOT, "plan", "scenarios")).find((s) => s.file === file)!;

    it("oldest → newest: CRDs and the IAM policy change before the release, nothing is replaced", async () => {
        const outcomes = await runScenario(scenario("controller-upgrade.yaml"), dev);
        for (const o of outcomes) assert.deepStrictEqual(o.failures, [], o.step.name);
        const upgrade = outcomes[1].steps;
        assert.deepStrictEqual(
            upgrade.filter((s) => s.op === "replace" || s.op === "delete").map((s) => s.name),
            [],
        );
        const ops = new Map(crdSteps(upgrade).map((s) => [s.name.replace(/^lbc-crd-/, ""), s.op]));
        const old = new Set(crdsOf("v2.7.0").map((c) => c.name));
        for (const crd of crdsOf("v3.5.0"))
            assert.strictEqual(ops.get(crd.name), old.has(crd.name) ? "update" : "create");
        assert.strictEqual(upgrade.find((s) => s.name === "lbc-policy")?.op, "update");
        assert.strictEqual(upgrade.find((s) => s.name === "lbc-release")?.op, "update");
        // the engine runs a step after the steps of everything it depends on
        const first = await up(emptyWorld(), withController(dev, { version: "v3.5.0" }));
        const state = [...first.world.state.values()];
        const release = state.find((r) => r.name === "lbc-release")!;
        const policy = state.find((r) => r.type === POLICY)!;
        for (const crd of state.filter((r) => r.type === CRD)) {
            assert.ok(release.dependencies.includes(crd.urn), `release after ${crd.name}`);
            assert.ok(policy.dependencies.includes(crd.urn), `policy after ${crd.name}`);
        }
    });

    it("newest → v3.4.3 is refused at the CRDs that would stop serving gateway.k8s.aws/v1, nothing replaced", async () => {
        const outcomes = await runScenario(scenario("controller-downgrade.yaml"), dev);
        for (const o of outcomes) assert.deepStrictEqual(o.failures, [], o.step.name);
        const downgrade = outcomes[1].steps;
        assert.deepStrictEqual(
            downgrade
                .filter((s) => s.errors.length > 0)
                .map((s) => s.name)
                .sort(),
            [
                "lbc-crd-listenerruleconfigurations.gateway.k8s.aws",
                "lbc-crd-loadbalancerconfigurations.gateway.k8s.aws",
                "lbc-crd-targetgroupconfigurations.gateway.k8s.aws",
            ],
        );
        assert.ok(downgrade.every((s) => s.op !== "replace"));
    });

    it("destroy keeps the CRDs (listed as retained) unless deleteCrdsOnDestroy", async () => {
        const kept = await destroy((await up(emptyWorld(), dev)).world);
        const crds = crdsOf("v3.5.0").map((c) => c.name);
        assert.deepStrictEqual(
            kept.retained
                .filter((r) => r.type === CRD)
                .map((r) => (r.inputs.metadata as { name: string }).name)
                .sort(),
            [...crds].sort(),
        );
        assert.ok(
            crdSteps(kept.steps).every((s) => s.op === "delete" && s.retained === true && s.dangers.length === 0),
        );
        const inCluster = [...kept.world.external.kubernetes.keys()].filter((k) =>
            crds.some((name) => k.endsWith(`/CustomResourceDefinition/_/${name}`)),
        );
        assert.strictEqual(inCluster.length, crds.length);

        const optedIn = withController(dev, { deleteCrdsOnDestroy: true });
        const gone = await destroy((await up(emptyWorld(), optedIn)).world);
        assert.deepStrictEqual(
            gone.retained.filter((r) => r.type === CRD),
            [],
        );
        assert.ok(
            crdSteps(gone.steps).every(
                (s) => s.retained !== true && s.dangers.some((d) => d.includes("CustomResourceDefinition")),
            ),
        );
    });

    it("adopts the CRDs a Helm install left (the runbook's cluster) instead of failing with AlreadyExists", async () => {
        const world = runbookWorld();
        const { steps } = await up(world, dev);
        const crds = crdSteps(steps);
        assert.strictEqual(crds.length, crdsOf("v3.5.0").length);
        assert.deepStrictEqual(
            crds.filter((s) => s.errors.length > 0).map((s) => `${s.name}: ${s.errors}`),
            [],
        );
        // (control) the same create through a provider without upsertExistingObjects fails as pulumi-kubernetes does
        const live = new LiveWorld(cloneWorld(world));
        const r = {
            urn: "urn:crd",
            type: CRD,
            name: "x",
            custom: true,
            inputs: crdInputs(crdsOf("v3.5.0").find((c) => c.name === "targetgroupbindings.elbv2.k8s.aws")!),
            outputs: {},
            dependencies: [],
        } as unknown as StateResource;
        assert.match(
            live.create(r, false, false).join(),
            /customresourcedefinitions "targetgroupbindings.elbv2.k8s.aws" already exists/,
        );
        assert.deepStrictEqual(new LiveWorld(cloneWorld(world)).create(r, false, true), []);
    });
});
