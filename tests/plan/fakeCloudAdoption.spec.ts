/**
 * What the fake cloud's outputs mean across runs of the lifecycle world (plan/lifecycle/): the id a created object
 * gets is read from them (plan/lifecycle/ids.ts, as pulumi-kubernetes `fqObjName` forms it: `<namespace>/<name>`, or
 * the name alone for a cluster-scoped object), and an `import` id is compared with it (pulumi/pulumi
 * step_generator.go `isImport`).
 */
import * as assert from "assert";
import { emptyWorld, up } from "../../plan/lifecycle/world";
import type { StackFiles } from "../../plan/stackFiles";
import { WEB_APP, smallStack } from "../harness/stackFiles";

/** A stack on the existing cluster "demo" with one app in its own namespace `shop`, adopting `adopt`. */
function stack(adopt?: Record<string, string[]>): StackFiles {
    return smallStack({
        apps: [{ ...WEB_APP, namespace: "shop", createNamespace: true }],
        config: adopt ? { adopt: JSON.stringify(adopt) } : {},
    });
}

describe("fake cloud across runs: ids of cluster-scoped objects", function () {
    this.timeout(120000);

    it("a Namespace the stack created is in state under its name, so adopting it by name is no import-replacement", async () => {
        const first = await up(emptyWorld(), stack());
        const ns = [...first.world.state.values()].find((r) => r.type === "kubernetes:core/v1:Namespace");
        assert.ok(ns, "the app's namespace is created");
        assert.strictEqual(ns.id, "shop", "a cluster-scoped object's id is its name (no `default/`)");
        const second = await up(first.world, stack({ namespaces: ["shop"] }));
        const step = second.steps.find((s) => s.urn === ns.urn);
        assert.ok(step);
        // adopted in place: only the patchForce annotation adoption adds (stack/migration.ts), no import-replacement
        assert.deepStrictEqual([step.op, step.diffs, step.replaceKeys, step.errors], ["update", ["metadata"], [], []]);
    });
});
