import * as assert from "assert";
import { gatewayRouteAttachment, gatewayRouteParent } from "../../policy-pack/policies/gatewayRoutes";
import { runStackPolicy } from "../harness/policies";
import { HTTP, HTTPS, albClass, gateway, gatewayClass, nlbClass, route } from "./gatewayFixtures";

describe("gateway route policies", () => {
    describe("gateway-route-parent", () => {
        it("is mandatory", () => assert.strictEqual(gatewayRouteParent.enforcementLevel, "mandatory"));
        it("reports a route that names a Gateway the stack does not hold", async () => {
            const r = await runStackPolicy(gatewayRouteParent, [
                albClass(),
                gateway("gw"),
                route("HTTPRoute", "web", [{ name: "gateway" }]),
            ]);
            assert.strictEqual(r.violations.length, 1);
            assert.match(
                r.violations[0].message,
                /HTTPRoute apps\/web names Gateway apps\/gateway in spec\.parentRefs, which the stack does not hold.*externalGateways/,
            );
            assert.strictEqual(
                r.violations[0].urn,
                "urn:pulumi:test::proj::kubernetes:gateway.networking.k8s.io/v1:HTTPRoute::route-web",
            );
        });
        it("reports a parentRef whose namespace defaults to the route's, not the Gateway's", async () => {
            const r = await runStackPolicy(gatewayRouteParent, [
                albClass(),
                gateway("gw", { namespace: "infra" }),
                route("HTTPRoute", "web", [{ name: "gw" }]),
            ]);
            assert.match(r.violations[0]?.message ?? "", /names Gateway apps\/gw/);
            const fixed = await runStackPolicy(gatewayRouteParent, [
                albClass(),
                gateway("gw", { namespace: "infra" }),
                route("HTTPRoute", "web", [{ name: "gw", namespace: "infra" }]),
            ]);
            assert.deepStrictEqual(fixed.violations, []);
        });
        it("reports a route without parentRefs", async () => {
            const r = await runStackPolicy(gatewayRouteParent, [route("TCPRoute", "db", undefined)]);
            assert.match(r.violations[0].message, /TCPRoute apps\/db has no spec\.parentRefs/);
        });
        it("accepts a route with at least one parent it can attach to", async () => {
            const refs = [{ name: "gateway" }, { name: "gw" }];
            const r = await runStackPolicy(gatewayRouteParent, [
                albClass(),
                gateway("gw"),
                route("HTTPRoute", "web", refs),
            ]);
            assert.deepStrictEqual([r.violations, r.applicable], [[], true]);
        });
        it("accepts Gateways outside the stack listed in externalGateways, or all with *", async () => {
            const fakes = [route("HTTPRoute", "web", [{ name: "shared", namespace: "infra" }])];
            assert.deepStrictEqual(
                (await runStackPolicy(gatewayRouteParent, fakes, { externalGateways: ["infra/shared"] })).violations,
                [],
            );
            assert.deepStrictEqual(
                (await runStackPolicy(gatewayRouteParent, fakes, { externalGateways: ["*"] })).violations,
                [],
            );
            assert.strictEqual(
                (await runStackPolicy(gatewayRouteParent, fakes, { externalGateways: ["apps/shared"] })).violations
                    .length,
                1,
            );
        });
        it("leaves routes of Gateways of other controllers, meshes and unknown ListenerSets alone", async () => {
            const fakes = [
                gatewayClass("istio", "istio.io/gateway-controller"),
                gateway("mesh", { className: "istio" }),
                route("HTTPRoute", "a", [{ name: "mesh" }]),
                route("HTTPRoute", "b", [{ group: "", kind: "Service", name: "web" }]),
                route("HTTPRoute", "c", [{ kind: "ListenerSet", name: "elsewhere" }]),
            ];
            assert.deepStrictEqual((await runStackPolicy(gatewayRouteParent, fakes)).violations, []);
        });
        it("follows a ListenerSet of the stack to its parent Gateway", async () => {
            const set = (parent: string) => ({
                type: "kubernetes:gateway.networking.k8s.io/v1:ListenerSet",
                name: "ls",
                props: {
                    metadata: { name: "ls", namespace: "apps" },
                    spec: { parentRef: { name: parent }, listeners: [HTTP] },
                },
            });
            const r = route("HTTPRoute", "web", [{ kind: "ListenerSet", name: "ls" }]);
            assert.deepStrictEqual(
                (await runStackPolicy(gatewayRouteParent, [albClass(), gateway("gw"), set("gw"), r])).violations,
                [],
            );
            assert.strictEqual(
                (await runStackPolicy(gatewayRouteParent, [albClass(), gateway("gw"), set("nope"), r])).violations
                    .length,
                1,
            );
        });
        it("is not applicable to a stack without routes", async () => {
            const r = await runStackPolicy(gatewayRouteParent, [albClass(), gateway("gw")]);
            assert.deepStrictEqual([r.violations, r.applicable], [[], false]);
        });
    });

    describe("gateway-route-attachment", () => {
        it("is mandatory", () => assert.strictEqual(gatewayRouteAttachment.enforcementLevel, "mandatory"));
        it("reports an L4 route on an ALB gateway and an L7 route on an NLB gateway", async () => {
            const fakes = [
                albClass(),
                nlbClass(),
                gateway("web-gw"),
                gateway("tcp-gw", { className: "nlb", listeners: [{ name: "tcp", protocol: "TCP", port: 5432 }] }),
                route("TCPRoute", "db", [{ name: "web-gw" }]),
                route("HTTPRoute", "web", [{ name: "tcp-gw" }]),
            ];
            const messages = (await runStackPolicy(gatewayRouteAttachment, fakes)).violations.map((v) => v.message);
            assert.strictEqual(messages.length, 2, messages.join("\n"));
            assert.match(
                messages[0],
                /TCPRoute apps\/db spec\.parentRefs\[0\] names Gateway apps\/web-gw, an ALB gateway, which never loads a TCPRoute/,
            );
            assert.match(
                messages[1],
                /HTTPRoute apps\/web spec\.parentRefs\[0\] names Gateway apps\/tcp-gw, an NLB gateway/,
            );
        });
        it("reports a sectionName that names no listener and a namespace the listener does not allow", async () => {
            const fakes = [
                albClass(),
                gateway("gw", { listeners: [HTTP, HTTPS] }),
                route("HTTPRoute", "a", [{ name: "gw", sectionName: "web" }]),
                route("HTTPRoute", "b", [{ name: "gw", namespace: "apps" }], { namespace: "team" }),
            ];
            const messages = (await runStackPolicy(gatewayRouteAttachment, fakes)).violations.map((v) => v.message);
            assert.strictEqual(messages.length, 2, messages.join("\n"));
            assert.match(messages[0], /sectionName web of Gateway apps\/gw, which has no such listener/);
            assert.match(
                messages[1],
                /is refused by every listener .*listener http allows routes from its own namespace apps only/,
            );
        });
        it("reads the layer of a GatewayClass outside the stack from albGatewayClasses / nlbGatewayClasses", async () => {
            const fakes = [gateway("gw", { className: "shared-nlb" }), route("HTTPRoute", "web", [{ name: "gw" }])];
            assert.strictEqual((await runStackPolicy(gatewayRouteAttachment, fakes)).applicable, false);
            const r = await runStackPolicy(gatewayRouteAttachment, fakes, { nlbGatewayClasses: ["shared-nlb"] });
            assert.match(r.violations[0].message, /an NLB gateway, which never loads a HTTPRoute/);
        });
        it("lets a GatewayClass of the stack override albGatewayClasses (a class alb of another controller)", async () => {
            const fakes = [
                gatewayClass("alb", "istio.io/gateway-controller"),
                gateway("gw"),
                route("TCPRoute", "db", [{ name: "gw" }]),
            ];
            const r = await runStackPolicy(gatewayRouteAttachment, fakes);
            assert.deepStrictEqual([r.violations, r.applicable], [[], false]);
        });
        it("accepts routes that attach (the guide's step-by-step example is in gatewayCorpus.spec.ts)", async () => {
            const fakes = [
                albClass(),
                gateway("gw", { listeners: [HTTP, HTTPS] }),
                route("HTTPRoute", "web", [{ name: "gw", sectionName: "https" }]),
                route("GRPCRoute", "api", [{ name: "gw" }]),
            ];
            const r = await runStackPolicy(gatewayRouteAttachment, fakes);
            assert.deepStrictEqual([r.violations, r.applicable], [[], true]);
        });
    });
});
