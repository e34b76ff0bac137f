import * as assert from "assert";
import { NO_OPTIONS } from "../../plan/engine";
import { deleteOrder } from "../../plan/lifecycle/run";
import {
    type StateResource,
    type Step,
    type World,
    cloneWorld,
    destroy,
    emptyWorld,
    kubernetesKey,
    noChanges,
} from "../../plan/lifecycle/world";

/** The world as a value, and `destroy`: what it deletes, in which order, what it refuses and what it leaves. */

const NS = "kubernetes:core/v1:Namespace";

function res(name: string, more: Partial<StateResource> = {}, type = "kubernetes:apps/v1:Deployment"): StateResource {
    return {
        urn: `urn:pulumi:test::p::${type}::${name}`,
        type,
        name,
        custom: true,
        inputs: { metadata: { name, namespace: "web" } },
        outputs: {},
        options: NO_OPTIONS,
        dependencies: [],
        ...more,
    };
}

function worldOf(...resources: StateResource[]): World {
    const world = emptyWorld();
    for (const r of resources) world.state.set(r.urn, r);
    return world;
}

describe("lifecycle world: a value", () => {
    it("starts empty: no state and nothing in the account or the cluster", () => {
        const w = emptyWorld();
        assert.deepStrictEqual([w.state.size, w.external.oidcProviders.size, w.external.kubernetes.size], [0, 0, 0]);
        assert.deepStrictEqual(
            [w.external.helmReleases.size, w.external.iam.size, w.external.cluster],
            [0, 0, undefined],
        );
        assert.ok(!("cluster" in w.external));
    });

    it("copies deeply: changing the copy leaves the original alone, with or without a cluster answer", () => {
        const w = worldOf(res("web"));
        w.external.kubernetes.set("k", { metadata: { name: "x" } });
        w.external.oidcProviders.set("arn", { url: "u", clientIdLists: ["a"], tags: {} });
        w.external.helmReleases.set("ns/r", { chart: "c", version: "1" });
        w.external.iam.set("role", { name: "role" });
        const copy = cloneWorld(w);
        assert.deepStrictEqual(copy, w);
        assert.ok(!("cluster" in copy.external));
        (copy.state.get(res("web").urn)!.inputs.metadata as Record<string, unknown>).name = "changed";
        copy.external.kubernetes.get("k")!.metadata = {};
        copy.external.oidcProviders.get("arn")!.clientIdLists.push("b");
        copy.external.iam.get("role")!.name = "other";
        copy.external.helmReleases.clear();
        assert.deepStrictEqual(w.state.get(res("web").urn)!.inputs, { metadata: { name: "web", namespace: "web" } });
        assert.deepStrictEqual(w.external.kubernetes.get("k"), { metadata: { name: "x" } });
        assert.deepStrictEqual(w.external.oidcProviders.get("arn")!.clientIdLists, ["a"]);
        assert.deepStrictEqual(w.external.iam.get("role"), { name: "role" });
        assert.strictEqual(w.external.helmReleases.size, 1);

        w.external.cluster = { identity: { oidc: { issuer: "https://x" } } };
        const withCluster = cloneWorld(w);
        assert.deepStrictEqual(withCluster.external.cluster, w.external.cluster);
        (withCluster.external.cluster!.identity as Record<string, unknown>).oidc = {};
        assert.deepStrictEqual(w.external.cluster, { identity: { oidc: { issuer: "https://x" } } });
    });

    it("keys a Kubernetes object <apiVersion>/<kind>/<namespace or _>/<name>", () => {
        assert.strictEqual(kubernetesKey("v1", "Secret", "kube-system", "tls"), "v1/Secret/kube-system/tls");
        assert.strictEqual(kubernetesKey("v1", "Namespace", undefined, "web"), "v1/Namespace/_/web");
        assert.strictEqual(kubernetesKey("v1", "Namespace", "", "web"), "v1/Namespace/_/web");
    });

    it("no changes means every step is same", () => {
        const s = (op: Step["op"]) => ({ op }) as Step;
        assert.ok(noChanges([]));
        assert.ok(noChanges([s("same"), s("same")]));
        for (const op of ["create", "update", "replace", "delete", "import"] as const)
            assert.ok(!noChanges([s("same"), s(op)]), op);
    });
});

describe("lifecycle world: destroy", () => {
    it("deletes dependents before what they depend on, whatever order the state lists them in", () => {
        const provider = res("k8s", { id: "p1" }, "pulumi:providers:kubernetes");
        const ns = res("ns", {}, NS);
        const component = res("app", { custom: false }, "eks-alb-ingress:index:IngressApp");
        const deploy = res("deploy", {
            dependencies: [ns.urn],
            parent: component.urn,
            provider: `${provider.urn}::p1`,
        });
        const names = (rs: readonly StateResource[]) => rs.map((r) => r.name);
        assert.deepStrictEqual(names(deleteOrder([provider, ns, component, deploy])), ["deploy", "app", "ns", "k8s"]);
        assert.deepStrictEqual(names(deleteOrder([deploy, component, ns, provider])), ["deploy", "k8s", "ns", "app"]);
        assert.deepStrictEqual(names(deleteOrder([deploy, provider])), ["deploy", "k8s"]);
        const child = res("child", { parent: component.urn });
        assert.deepStrictEqual(names(deleteOrder([component, child].reverse())), ["child", "app"]);
        const managed = res("managed", { provider: `${provider.urn}::p1` });
        assert.deepStrictEqual(names(deleteOrder([managed, provider])), ["managed", "k8s"]);
        // a dependency cycle (never in a real state) still deletes each resource once
        const a = res("a", { dependencies: [res("b").urn] });
        const b = res("b", { dependencies: [a.urn] });
        assert.deepStrictEqual(names(deleteOrder([a, b])).sort(), ["a", "b"]);
    });

    it("empties the state, flags shared objects, and keeps a retained resource in the cloud", async () => {
        const role = res(
            "role",
            { options: { ...NO_OPTIONS, retainOnDelete: true }, inputs: { name: "r" }, outputs: { arn: "arn:role/r" } },
            "aws:iam/role:Role",
        );
        const kept = res(
            "kept",
            { options: { ...NO_OPTIONS, retainOnDelete: true }, inputs: { metadata: { name: "kept" } } },
            NS,
        );
        const world = worldOf(role, res("ns", { inputs: { metadata: { name: "web" } } }, NS), kept);
        const gone = await destroy(world);
        assert.deepStrictEqual(gone.steps[0], {
            urn: kept.urn,
            type: NS,
            name: "kept",
            op: "delete",
            diffs: [],
            replaceKeys: [],
            deleteBeforeReplace: false,
            dangers: [],
            errors: [],
            retained: true,
        });
        assert.deepStrictEqual(
            gone.steps.map((s) => [s.op, s.name, s.retained, s.dangers, s.errors]),
            [
                ["delete", "kept", true, [], []],
                [
                    "delete",
                    "ns",
                    false,
                    ["delete of a shared object: deleting a Namespace deletes everything in it"],
                    [],
                ],
                ["delete", "role", true, [], []],
            ],
        );
        assert.deepStrictEqual(
            gone.retained.map((r) => r.name),
            ["kept", "role"],
        );
        assert.strictEqual(gone.world.state.size, 0);
        assert.deepStrictEqual([...gone.world.external.iam], [["arn:role/r", { arn: "arn:role/r" }]]);
        assert.deepStrictEqual(
            [...gone.world.external.kubernetes.keys()],
            [kubernetesKey("v1", "Namespace", "", "kept")],
        );
        assert.strictEqual(world.state.size, 3, "the world given is left alone");
    });

    it("refuses to delete a protected resource, which stays in state, and deletes the rest", async () => {
        const locked = res("locked", { options: { ...NO_OPTIONS, protect: true } }, NS);
        const gone = await destroy(worldOf(locked, res("deploy")));
        assert.deepStrictEqual(
            gone.steps.map((s) => [s.name, s.errors]),
            [
                ["deploy", []],
                ["locked", [`resource "${locked.urn}" cannot be deleted because it is protected`]],
            ],
        );
        assert.deepStrictEqual([...gone.world.state.keys()], [locked.urn]);
        assert.deepStrictEqual(gone.steps[1].dangers, [], "nothing was deleted");
    });
});
