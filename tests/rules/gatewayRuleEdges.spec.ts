/**
 * The edges of the single-object gateway rules (gatewayRules.ts): which values each rule judges and which it leaves
 * alone, and that every finding says what is wrong and where upstream the controller does it. Cases found by the
 * mutation run of issue 11; the upstream functions are cited in each test name (kubernetes-sigs/
 * aws-load-balancer-controller v3.5.0, pkg/gateway/routeutils/*).
 */
import * as assert from "assert";
import type { RuleProblem } from "../../rules/ingressRules";
import {
    gatewayClassProblems,
    gatewayLayerOf,
    gatewayProblems,
    hostnameProblem,
    routeProblems,
} from "../../rules/gatewayRules";
import { assertExplained } from "./explained";

const keys = (ps: RuleProblem[]) => ps.map((p) => `${p.key} ${p.effect}`);
const gateway = (listeners: unknown[], spec: Record<string, unknown> = {}) => ({
    metadata: { name: "gw", namespace: "apps" },
    spec: { gatewayClassName: "alb", listeners, ...spec },
});
const http = { name: "http", protocol: "HTTP", port: 80 };
const route = (rule: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({
    metadata: { name: "web", namespace: "apps" },
    spec: { parentRefs: [{ name: "gw" }], rules: [{ backendRefs: [{ name: "web", port: 80 }], ...rule }], ...spec },
});
const lrc = { type: "ExtensionRef", extensionRef: { group: "gateway.k8s.aws", kind: "ListenerRuleConfiguration" } };

describe("gateway rule edges (issue 11 mutation run)", () => {
    it("serves only the two controller names, and reads no non-string controllerName", () => {
        assert.strictEqual(gatewayLayerOf(["gateway.k8s.aws/alb"]), undefined);
        assert.strictEqual(gatewayLayerOf({ toString: () => "gateway.k8s.aws/alb" }), undefined);
    });
    it("serves no controllerName that merely names an Object.prototype member (a policy crashed on it)", () => {
        for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
            assert.strictEqual(gatewayLayerOf(name), undefined, name);
            const cls = { spec: { controllerName: name, parametersRef: { name: "x" } } };
            assert.deepStrictEqual(gatewayClassProblems(cls), [], name);
        }
    });

    it("hostnames: IPs only as net.ParseIP reads them; empty labels refused (IsHostNameInValidFormat)", () => {
        for (const ok of ["web.10.0.0.1", "10.0.0.1.nip.io", "*.example.com"]) {
            assert.strictEqual(hostnameProblem(ok), undefined, ok);
        }
        assert.strictEqual(hostnameProblem("::1"), "must not be an IP address");
        assert.strictEqual(hostnameProblem("a..example.com"), "must have labels of 1 to 63 characters");
        assertExplained(gatewayProblems(gateway([{ ...http, hostname: "10.0.0.1" }]), "alb"));
    });

    describe("GatewayClass and Gateway parametersRef (group and kind both)", () => {
        const refs = [
            { group: "gateway.k8s.aws", kind: "TargetGroupConfiguration", name: "c" },
            { group: "example.com", kind: "LoadBalancerConfiguration", name: "c" },
        ];
        it("refuses a ref of the controller's group but another kind, or of the right kind in another group", () => {
            for (const ref of refs) {
                const ps = gatewayClassProblems({
                    spec: {
                        controllerName: "gateway.k8s.aws/alb",
                        parametersRef: { ...ref, namespace: "kube-system" },
                    },
                });
                assert.deepStrictEqual(keys(ps), ["spec.parametersRef rejected"]);
                assert.ok(ps[0].message.includes(`got ${ref.group}/${ref.kind}`), ps[0].message);
                const gw = gatewayProblems(gateway([http], { infrastructure: { parametersRef: ref } }), "alb");
                assert.deepStrictEqual(keys(gw), ["spec.infrastructure.parametersRef rejected"]);
                assert.ok(gw[0].message.includes(`got ${ref.group}/${ref.kind}`), gw[0].message);
                assertExplained([...ps, ...gw]);
            }
        });
        it("says got / for a ref with neither group nor kind, and explains a missing namespace", () => {
            const ps = gatewayClassProblems({
                spec: { controllerName: "gateway.k8s.aws/alb", parametersRef: { name: "c" } },
            });
            assert.deepStrictEqual(keys(ps), ["spec.parametersRef rejected", "spec.parametersRef.namespace rejected"]);
            assert.match(ps[0].message, /got \/:/);
            const gw = gatewayProblems(gateway([http], { infrastructure: { parametersRef: { name: "c" } } }), "alb");
            assert.match(gw[0].message, /got \/:/);
            assertExplained([...ps, ...gw]);
        });
        it("reads a null parametersRef as none", () => {
            assert.deepStrictEqual(
                gatewayClassProblems({ spec: { controllerName: "gateway.k8s.aws/alb", parametersRef: null } }),
                [],
            );
        });
    });

    describe("listeners (validateListenerList)", () => {
        it("names the layer and the GatewayClass the other protocols need", () => {
            const [alb] = gatewayProblems(gateway([{ name: "tcp", protocol: "TCP", port: 9000 }]), "alb");
            assert.match(
                alb.message,
                /must be HTTP, HTTPS on an ALB gateway, got TCP.*controllerName gateway\.k8s\.aws\/nlb/,
            );
            const [nlb] = gatewayProblems(gateway([http]), "nlb");
            assert.match(
                nlb.message,
                /must be TCP, UDP, TLS on an NLB gateway, got HTTP.*controllerName gateway\.k8s\.aws\/alb/,
            );
            const kinds = { ...http, allowedRoutes: { kinds: [{ kind: "TCPRoute" }, { kind: "UDPRoute" }] } };
            const [k] = gatewayProblems(gateway([kinds]), "alb");
            assert.match(k.message, /on an ALB gateway, got TCPRoute, UDPRoute/);
            assertExplained([alb, nlb, k]);
        });
        it("does not judge allowedRoutes.kinds entries without a kind, nor listeners without protocol or port", () => {
            const noKind = { ...http, allowedRoutes: { kinds: [{ kind: "HTTPRoute" }, { group: "x" }] } };
            assert.deepStrictEqual(gatewayProblems(gateway([noKind]), "alb"), []);
            assert.deepStrictEqual(gatewayProblems(gateway([http, { name: "later", port: 80 }]), "alb"), []);
            const unknownPorts = [
                { name: "a", protocol: "HTTP" },
                { name: "b", protocol: "HTTPS" },
            ];
            assert.deepStrictEqual(gatewayProblems(gateway(unknownPorts), "alb"), []);
        });
        it("lets UDP and TCP share a port in either order (ProtocolConflict spares TCP+UDP)", () => {
            const udpFirst = [
                { name: "u", protocol: "UDP", port: 53 },
                { name: "t", protocol: "TCP", port: 53 },
            ];
            assert.deepStrictEqual(gatewayProblems(gateway(udpFirst), "nlb"), []);
            const clash = gatewayProblems(gateway([http, { name: "s", protocol: "HTTPS", port: 80 }]), "alb");
            assert.match(clash[0].message, /listener s conflicts with another listener on port 80 \(HTTP\)/);
            const dup = { ...http, hostname: "a.example.com" };
            const again = gatewayProblems(gateway([dup, { ...dup, name: "again" }]), "alb");
            assert.match(again[0].message, /listener again repeats a\.example\.com on port 80/);
            assertExplained([...clash, ...again]);
        });
        it("names the listener's own protocol and port in the certificateRefs advice; empty tls.options are fine", () => {
            const tls = { name: "tls", protocol: "TLS", port: 8443, tls: { certificateRefs: [{ name: "s" }] } };
            const [p] = gatewayProblems(gateway([tls]), "nlb");
            assert.match(p.message, /certificates for TLS:8443/);
            const noPort = { name: "x", protocol: "HTTPS", tls: { certificateRefs: [{ name: "s" }] } };
            assert.match(gatewayProblems(gateway([noPort]), "alb")[0].message, /HTTPS:<port>/);
            const noProtocol = { name: "x", port: 443, tls: { certificateRefs: [{ name: "s" }] } };
            assert.match(gatewayProblems(gateway([noProtocol]), "alb")[0].message, /HTTPS:443/);
            const emptyOptions = { name: "s", protocol: "HTTPS", port: 443, tls: { options: {} } };
            assert.deepStrictEqual(gatewayProblems(gateway([emptyOptions]), "alb"), []);
            const options = gatewayProblems(gateway([{ ...emptyOptions, tls: { options: { a: "b" } } }]), "alb");
            const ignored = gatewayProblems(gateway([http], { tls: {}, defaultScope: "All" }), "alb");
            assertExplained([p, ...options, ...ignored]);
        });
    });

    describe("routes", () => {
        it("accepts a backend weight of 999, the largest (backend.go maxWeight)", () => {
            const ok = route({ backendRefs: [{ name: "web", port: 80, weight: 999 }] });
            assert.deepStrictEqual(routeProblems("HTTPRoute", ok), []);
            const bad = route({
                backendRefs: [
                    { name: "w", port: 80, weight: 1000, filters: [{}] },
                    { name: "b" },
                    { kind: "X", name: "x" },
                ],
            });
            const ps = routeProblems("HTTPRoute", bad);
            assert.match(
                ps.find((p) => p.key.endsWith(".kind"))!.message,
                /must be Service, TargetGroupName, Gateway, got X/,
            );
            assertExplained(ps);
        });
        it("counts only ExtensionRef filters to gateway.k8s.aws/ListenerRuleConfiguration as rule configurations", () => {
            const otherGroup = { type: "ExtensionRef", extensionRef: { ...lrc.extensionRef, group: "example.com" } };
            const otherKind = { type: "ExtensionRef", extensionRef: { ...lrc.extensionRef, kind: "Other" } };
            const notExtension = { type: "URLRewrite", extensionRef: lrc.extensionRef };
            const ps = routeProblems("HTTPRoute", route({ filters: [lrc, otherGroup, otherKind, notExtension] }));
            assert.deepStrictEqual(keys(ps), [
                "spec.rules[0].filters[1].extensionRef ignored",
                "spec.rules[0].filters[2].extensionRef ignored",
            ]);
            const two = routeProblems("HTTPRoute", route({ filters: [lrc, lrc] }));
            assert.match(two[0].message, /refer to 2 ListenerRuleConfigurations/);
            assertExplained([...ps, ...two]);
        });
        it("GRPCRoute: refuses RequestRedirect and URLRewrite, and filters after them too (no redirect on gRPC)", () => {
            const ps = routeProblems(
                "GRPCRoute",
                route({ filters: [{ type: "RequestRedirect" }, { type: "URLRewrite" }, { type: "CORS" }] }),
            );
            assert.deepStrictEqual(keys(ps), [
                "spec.rules[0].filters[0].type rejected",
                "spec.rules[0].filters[1].type rejected",
                "spec.rules[0].filters[2].type rejected",
            ]);
            assert.match(ps[0].source, /buildRedirectRoutingAction; l7gateway\.md GRPCRoute table/);
            assert.match(ps[0].message, /\(ExtensionRef are\)/);
        });
        it("HTTPRoute: only filters after the first RequestRedirect are ignored, those before it are refused", () => {
            const ps = routeProblems(
                "HTTPRoute",
                route({
                    filters: [{ type: "URLRewrite" }, { type: "CORS" }, { type: "RequestRedirect" }, { type: "CORS" }],
                }),
            );
            assert.deepStrictEqual(keys(ps), [
                "spec.rules[0].filters[1].type rejected",
                "spec.rules[0].filters[3].type ignored",
            ]);
            assert.match(ps[0].message, /\(RequestRedirect, URLRewrite, ExtensionRef are\)/);
            assert.match(ps[0].source, /buildHttpRuleRedirectActionsBasedOnFilter; l7gateway\.md HTTPRoute table/);
            assert.match(ps[1].message, /^CORS after a RequestRedirect is not applied/);
            assertExplained(ps);
            const noRedirect = routeProblems(
                "HTTPRoute",
                route({ filters: [{ type: "URLRewrite" }, { type: "URLRewrite" }, { type: "CORS" }] }),
            );
            assert.deepStrictEqual(keys(noRedirect), ["spec.rules[0].filters[2].type rejected"]);
        });
        it("does not judge a filter without a type", () => {
            assert.deepStrictEqual(routeProblems("HTTPRoute", route({ filters: [{ urlRewrite: {} }] })), []);
        });
        it("RequestRedirect: reads requestRedirect of RequestRedirect filters only; a null port is no port change", () => {
            const prefixOnly = { path: { type: "ReplacePrefixMatch", replacePrefixMatch: "/v2" } };
            const stray = route({ filters: [{ type: "URLRewrite", requestRedirect: prefixOnly }] });
            assert.deepStrictEqual(routeProblems("HTTPRoute", stray), []);
            const nullPort = route({
                filters: [{ type: "RequestRedirect", requestRedirect: { ...prefixOnly, port: null } }],
            });
            assert.deepStrictEqual(keys(routeProblems("HTTPRoute", nullPort)), [
                "spec.rules[0].filters[0].requestRedirect.path.replacePrefixMatch rejected",
            ]);
            const host = route({
                filters: [{ type: "RequestRedirect", requestRedirect: { ...prefixOnly, hostname: "b.example.com" } }],
            });
            assert.deepStrictEqual(routeProblems("HTTPRoute", host), []);
            const wild = route({
                filters: [
                    {
                        type: "RequestRedirect",
                        requestRedirect: { scheme: "https", path: { replacePrefixMatch: "/a*" } },
                    },
                ],
            });
            const ps = routeProblems("HTTPRoute", wild);
            assert.match(ps[0].message, /got "\/a\*"/);
            assertExplained([...ps, ...routeProblems("HTTPRoute", nullPort)]);
        });
        it("reads path matches and query parameters on HTTPRoutes only (GRPCRoute matches have neither)", () => {
            const matches = [
                { path: { type: "PathPrefix", value: "/x*" }, queryParams: [{ type: "RegularExpression", name: "q" }] },
            ];
            assert.deepStrictEqual(routeProblems("GRPCRoute", route({ matches })), []);
            const ps = routeProblems("HTTPRoute", route({ matches }));
            assert.strictEqual(ps.length, 2);
            assertExplained(ps);
        });
        it("judges route hostnames of HTTP, gRPC and TLS routes, and no hostname that is not a string", () => {
            for (const kind of ["GRPCRoute", "TLSRoute"]) {
                const ps = routeProblems(kind, route({}, { hostnames: ["10.0.0.1"] }));
                assert.deepStrictEqual(keys(ps), ["spec.hostnames[0] ignored"], kind);
                assertExplained(ps);
            }
            assert.deepStrictEqual(routeProblems("UDPRoute", route({}, { hostnames: ["10.0.0.1"] })), []);
            assert.deepStrictEqual(routeProblems("HTTPRoute", route({}, { hostnames: [3, null] })), []);
        });
        it("gives TCP, UDP and TLS routes the backend rules only", () => {
            const r = route({ filters: [{ type: "CORS" }], timeouts: { request: "1s" } });
            assert.deepStrictEqual(routeProblems("TCPRoute", r), []);
        });
        it("judges nothing of a kind the controller does not load, not even backends or useDefaultGateways", () => {
            const r = route({ backendRefs: [{ name: "no-port" }] }, { useDefaultGateways: "All" });
            assert.deepStrictEqual(routeProblems("Ingress", r), []);
            const http = routeProblems("HTTPRoute", route({ timeouts: {} }, { useDefaultGateways: "All" }));
            assert.match(http[1].source, /l7gateway\.md HTTPRoute table \(HTTPRouteTimeouts\)/);
            assertExplained(http);
        });
    });
});
