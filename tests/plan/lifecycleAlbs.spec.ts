import * as assert from "assert";
import { albFates, albOf, ingressesOf } from "../../plan/lifecycle/albs";
import { type StateResource, emptyWorld, kubernetesKey } from "../../plan/lifecycle/world";
import { NO_OPTIONS } from "../../plan/engine";

const A = "alb.ingress.kubernetes.io/";

function ingress(namespace: string | undefined, name: string, annotations: Record<string, string> = {}) {
    return { metadata: { name, ...(namespace ? { namespace } : {}), annotations } };
}

// kubernetes-sigs/aws-load-balancer-controller pkg/deploy/tracking/provider.go (stack tag = the IngressGroup id),
// pkg/ingress/group.go (GroupID.String), pkg/deploy/elbv2/load_balancer_synthesizer.go (replace on scheme change).
describe("lifecycle: which ALB an Ingress gets", () => {
    describe("albOf", () => {
        it("an Ingress alone: its <namespace>/<name>; no scheme unless it states one", () => {
            assert.deepStrictEqual(albOf(ingress("apps", "web")), { stack: "apps/web" });
            assert.deepStrictEqual(albOf(ingress(undefined, "web")), { stack: "default/web" });
        });

        it("a member of an explicit IngressGroup: the group name; the scheme annotation", () => {
            const member = ingress("apps", "web", { [`${A}group.name`]: "shared", [`${A}scheme`]: "internet-facing" });
            assert.deepStrictEqual(albOf(member), { stack: "shared", scheme: "internet-facing" });
        });

        it("an Ingress without metadata annotations reads no group", () => {
            assert.deepStrictEqual(albOf({ metadata: { namespace: "a", name: "b" } }), { stack: "a/b" });
            assert.deepStrictEqual(albOf({}), { stack: "default/undefined" });
        });
    });

    describe("albFates", () => {
        const facing = { [`${A}scheme`]: "internet-facing" };

        it("kept when an Ingress of the same stack keeps the scheme", () => {
            assert.deepStrictEqual(albFates([ingress("a", "web", facing)], [ingress("a", "web", facing)]), [
                { stack: "a/web", fate: "kept", reason: "found by its tags and updated in place (same DNS name)" },
            ]);
        });

        it("replaced when the scheme changes, naming both schemes", () => {
            assert.deepStrictEqual(albFates([ingress("a", "web", facing)], [ingress("a", "web")]), [
                {
                    stack: "a/web",
                    fate: "replaced",
                    reason: "scheme internet-facing becomes internal: the controller replaces the ALB (a new DNS name)",
                },
            ]);
        });

        it("deleted when no Ingress of the stack remains (renamed, moved to a group, or gone)", () => {
            const deleted = {
                stack: "a/web",
                fate: "deleted",
                reason: "no Ingress of stack a/web remains: the controller deletes its ALB; a new Ingress gets a new ALB (a new DNS name)",
            };
            assert.deepStrictEqual(albFates([ingress("a", "web")], []), [deleted]);
            assert.deepStrictEqual(albFates([ingress("a", "web")], [ingress("a", "web2")]), [deleted]);
            assert.deepStrictEqual(
                albFates([ingress("a", "web")], [ingress("a", "web", { [`${A}group.name`]: "g" })]),
                [deleted],
            );
        });

        it("an ALB's scheme is the one a member states, else internal (buildLoadBalancerScheme)", () => {
            const group = { [`${A}group.name`]: "g" };
            const stated = { ...group, ...facing };
            // the member that states the scheme leaves; the other one states nothing: internal, a new ALB
            assert.deepStrictEqual(
                albFates([ingress("a", "one", stated), ingress("a", "two", group)], [ingress("a", "two", group)]).map(
                    (f) => f.reason,
                ),
                ["scheme internet-facing becomes internal: the controller replaces the ALB (a new DNS name)"],
            );
            // a member that states nothing does not change the group's scheme, whatever the order
            const kept = albFates(
                [ingress("a", "two", group), ingress("a", "one", stated)],
                [ingress("a", "one", stated), ingress("a", "two", group), ingress("b", "three", group)],
            );
            assert.deepStrictEqual(
                kept.map((f) => `${f.stack} ${f.fate}`),
                ["g kept"],
            );
        });

        it("one fate per existing ALB, in order; another member of the group keeps the group's ALB", () => {
            const group = { [`${A}group.name`]: "g" };
            const fates = albFates(
                [ingress("a", "one", group), ingress("b", "two"), ingress("c", "also", group)],
                [ingress("a", "other", group), ingress("b", "two")],
            );
            assert.deepStrictEqual(
                fates.map((f) => `${f.stack} ${f.fate}`),
                ["g kept", "b/two kept"],
            );
        });
    });

    describe("ingressesOf", () => {
        it("the stack's Ingresses and the cluster's others, nothing else", () => {
            const world = emptyWorld();
            const resource = (type: string, name: string): StateResource => ({
                urn: `urn:${name}`,
                type,
                name,
                custom: true,
                inputs: ingress("apps", name),
                outputs: {},
                options: NO_OPTIONS,
                dependencies: [],
            });
            world.state.set("urn:web", resource("kubernetes:networking.k8s.io/v1:Ingress", "web"));
            world.state.set("urn:svc", resource("kubernetes:core/v1:Service", "svc"));
            world.state.set("urn:role", resource("aws:iam/role:Role", "role"));
            world.state.set("urn:class", resource("kubernetes:networking.k8s.io/v1:IngressClass", "class"));
            world.external.kubernetes.set(
                kubernetesKey("networking.k8s.io/v1", "Ingress", "old", "runbook"),
                ingress("old", "runbook"),
            );
            world.external.kubernetes.set(kubernetesKey("v1", "Service", "old", "runbook"), ingress("old", "svc"));
            world.external.kubernetes.set(
                kubernetesKey("networking.k8s.io/v1", "IngressClass", undefined, "alb"),
                ingress(undefined, "alb"),
            );
            assert.deepStrictEqual(
                ingressesOf(world).map((i) => albOf(i).stack),
                ["apps/web", "old/runbook"],
            );
        });
    });
});
