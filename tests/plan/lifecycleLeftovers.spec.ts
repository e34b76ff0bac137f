import * as assert from "assert";
import * as k8s from "@pulumi/kubernetes";
import { installMocks, settle } from "../../plan/engine";
import type { StackProgram } from "../../plan/lifecycle/run";
import { type World, cloneWorld, emptyWorld, kubernetesKey, up } from "../../plan/lifecycle/world";
import type { StackFiles } from "../../plan/stackFiles";
import { smallStack } from "../harness/stackFiles";

/**
 * `up` on the cases the shipped program never meets but a changed program would: ids across a replace and a
 * later update, an import that replaces, and a checkpoint written in another order.
 */

/** A small stack on the existing cluster "demo": the controller with IRSA and one ip-target app. */
const STACK: StackFiles = smallStack();

/** A program of its own: a Kubernetes provider (`context`, `namespace`) and a ConfigMap it manages. */
function providerProgram(context: string, namespace: string): StackProgram {
    return async (files) => {
        installMocks(files.project, files.stack);
        const provider = new k8s.Provider("cluster", { context, namespace });
        new k8s.core.v1.ConfigMap("settings", { metadata: { name: "settings", namespace: "default" } }, { provider });
        await settle();
        return { providerId: provider.id };
    };
}

/** A program of its own: ConfigMap `settings` named `name`, imported from `importId` when set. */
function configMapProgram(name: string, importId?: string): StackProgram {
    return async (files) => {
        installMocks(files.project, files.stack);
        const metadata = { name, namespace: "default" };
        new k8s.core.v1.ConfigMap("settings", { metadata }, importId ? { import: importId } : {});
        await settle();
        return {};
    };
}

const resource = (world: World, name: string) => [...world.state.values()].find((r) => r.name === name)!;

describe("lifecycle: up on cases only a changed program meets", function () {
    this.timeout(120000);

    it("an update keeps the id the replace before it gave (and so the provider reference of what it manages)", async () => {
        const first = await up(emptyWorld(), STACK, providerProgram("a", "x"));
        // another cluster: pulumi-kubernetes DiffConfig replaces the provider, and so what it manages
        const moved = await up(first.world, STACK, providerProgram("b", "x"));
        const replacedId = resource(moved.world, "cluster").id;
        assert.deepStrictEqual(
            moved.steps.map((s) => [s.op, s.name]),
            [
                ["replace", "cluster"],
                ["replace", "settings"],
            ],
        );
        assert.notStrictEqual(replacedId, resource(first.world, "cluster").id);
        // another default namespace: an update, which keeps the id (pulumi/pulumi step.go UpdateStep.Apply:
        // `s.new.ID = s.old.ID`); the ConfigMap's provider reference `<urn>::<id>` does not move
        const updated = await up(moved.world, STACK, providerProgram("b", "y"));
        assert.deepStrictEqual(
            updated.steps.map((s) => [s.op, s.name]),
            [
                ["update", "cluster"],
                ["same", "settings"],
            ],
        );
        assert.strictEqual(resource(updated.world, "cluster").id, replacedId);
        assert.strictEqual(updated.outputs.providerId, replacedId);
        const ref = resource(updated.world, "settings").provider;
        assert.strictEqual(ref, resource(moved.world, "settings").provider);
        assert.ok(ref?.endsWith(`::${replacedId}`), ref);
    });

    it("an import that replaces adopts the object it names, and fails when the cluster does not hold it", async () => {
        const first = await up(emptyWorld(), STACK, configMapProgram("settings"));
        assert.strictEqual(resource(first.world, "settings").id, "default/settings");
        const world = cloneWorld(first.world);
        const key = kubernetesKey("v1", "ConfigMap", "default", "handmade");
        world.external.kubernetes.set(key, { metadata: { name: "handmade", namespace: "default" } });
        // another import id than the state's: an import-replacement (pulumi/pulumi step_generator.go), which reads
        // the object instead of creating it, so an object that exists is no AlreadyExists
        const adopted = await up(world, STACK, configMapProgram("handmade", "default/handmade"));
        const step = adopted.steps.find((s) => s.name === "settings")!;
        assert.deepStrictEqual([step.op, step.replaceKeys, step.errors], ["replace", ["id"], []]);
        assert.strictEqual(resource(adopted.world, "settings").id, "default/handmade");
        assert.ok(!adopted.world.external.kubernetes.has(key), "the stack owns the adopted object now");
        // and one the cluster does not hold cannot be read
        const missing = await up(first.world, STACK, configMapProgram("handmade", "default/handmade"));
        assert.deepStrictEqual(missing.steps.find((s) => s.name === "settings")!.errors, [
            `import: ${key} does not exist in the cluster`,
        ]);
    });

    it("keeps managing the OIDC provider it created when the checkpoint lists other resources first", async () => {
        const first = await up(emptyWorld(), STACK);
        // the same checkpoint, the provider written last (as an older program that created it later would)
        const world = cloneWorld(first.world);
        const oidc = [...world.state.values()].find(
            (r) => r.type === "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
        )!;
        world.state.delete(oidc.urn);
        world.state.set(oidc.urn, oidc);
        assert.notStrictEqual([...world.state.values()][0]!.urn, oidc.urn);
        // its look-up reads the stack's owner tag from the state, so the second up is still a no-op
        const second = await up(world, STACK);
        assert.deepStrictEqual(
            second.steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.name}`),
            [],
        );
        assert.strictEqual(second.steps.find((s) => s.name === "demo-oidc")?.op, "same");
    });
});
