import * as assert from "assert";
import type { RuleProblem } from "../../rules/ingressRules";
import {
    gatewayClassProblems,
    gatewayLayerOf,
    gatewayProblems,
    routeLayerOf,
    routeProblems,
} from "../../rules/gatewayRules";

/** `key effect` of each finding, for compact assertions. */
const keys = (ps: RuleProblem[]) => ps.map((p) => `${p.key} ${p.effect}`);

const gatewayClass = (parametersRef?: unknown) => ({
    metadata: { name: "alb" },
    spec: { controllerName: "gateway.k8s.aws/alb", parametersRef },
});
const gateway = (listeners: unknown[], spec: Record<string, unknown> = {}) => ({
    metadata: { name: "gw", namespace: "apps" },
    spec: { gatewayClassName: "alb", listeners, ...spec },
});
const http = { name: "http", protocol: "HTTP", port: 80 };
const https = { name: "https", protocol: "HTTPS", port: 443 };
/** An HTTPRoute with one rule made of `rule`. */
const httpRoute = (rule: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({
    metadata: { name: "web", namespace: "apps" },
    spec: { parentRefs: [{ name: "gw" }], rules: [{ backendRefs: [{ name: "web", port: 80 }], ...rule }], ...spec },
});
const LBC_REF = { group: "gateway.k8s.aws", kind: "LoadBalancerConfiguration", name: "cfg" };

describe("gateway rules (controller v3.5.0 pkg/gateway)", () => {
    describe("layers", () => {
        it("reads the GatewayClass controller names the controller serves (gateway.k8s.aws/alb, /nlb)", () => {
            assert.deepStrictEqual(
                ["gateway.k8s.aws/alb", "gateway.k8s.aws/nlb", "eks.amazonaws.com/alb", "ingress.k8s.aws/alb", 3].map(
                    gatewayLayerOf,
                ),
                ["alb", "nlb", undefined, undefined, undefined],
            );
        });
        it("loads HTTPRoute and GRPCRoute on ALBs, TCP/UDP/TLS routes on NLBs (loader.go route filters)", () => {
            assert.deepStrictEqual(
                ["HTTPRoute", "GRPCRoute", "TCPRoute", "UDPRoute", "TLSRoute", "Ingress", "constructor"].map(
                    routeLayerOf,
                ),
                ["alb", "alb", "nlb", "nlb", "nlb", undefined, undefined],
            );
        });
    });

    describe("gatewayClassProblems", () => {
        it("refuses a parametersRef without namespace (gateway_class_controller.go InvalidParametersRef)", () => {
            assert.deepStrictEqual(keys(gatewayClassProblems(gatewayClass(LBC_REF))), [
                "spec.parametersRef.namespace rejected",
            ]);
        });
        it("refuses a parametersRef to something other than a LoadBalancerConfiguration", () => {
            const ps = gatewayClassProblems(gatewayClass({ group: "", kind: "ConfigMap", name: "x", namespace: "a" }));
            assert.deepStrictEqual(keys(ps), ["spec.parametersRef rejected"]);
            assert.match(
                ps[0].message,
                /must name a LoadBalancerConfiguration \(group gateway\.k8s\.aws\), got \/ConfigMap/,
            );
        });
        it("accepts a namespaced LoadBalancerConfiguration, no parametersRef, and classes of other controllers", () => {
            assert.deepStrictEqual(gatewayClassProblems(gatewayClass({ ...LBC_REF, namespace: "kube-system" })), []);
            assert.deepStrictEqual(gatewayClassProblems(gatewayClass()), []);
            const istio = { spec: { controllerName: "istio.io/gateway-controller", parametersRef: { name: "x" } } };
            assert.deepStrictEqual(gatewayClassProblems(istio), []);
        });
    });

    describe("gatewayProblems", () => {
        it("refuses listener protocols of the other layer (validateListenerList UnsupportedProtocol)", () => {
            const tcp = { name: "tcp", protocol: "TCP", port: 9000 };
            assert.deepStrictEqual(keys(gatewayProblems(gateway([http, tcp]), "alb")), [
                "spec.listeners[1].protocol rejected",
            ]);
            assert.deepStrictEqual(keys(gatewayProblems(gateway([http, tcp]), "nlb")), [
                "spec.listeners[0].protocol rejected",
            ]);
            assert.match(gatewayProblems(gateway([tcp]), "alb")[0].message, /gateway\.k8s\.aws\/nlb/);
        });
        it("refuses allowedRoutes.kinds of the other layer (getSupportedKinds InvalidRouteKinds)", () => {
            const l = { ...http, allowedRoutes: { kinds: [{ kind: "HTTPRoute" }, { kind: "TCPRoute" }] } };
            const ps = gatewayProblems(gateway([l]), "alb");
            assert.deepStrictEqual(keys(ps), ["spec.listeners[0].allowedRoutes.kinds rejected"]);
            assert.match(ps[0].message, /must be HTTPRoute or GRPCRoute .* got TCPRoute/);
        });
        it("refuses two protocols on one port, except TCP with UDP (ProtocolConflict)", () => {
            const conflict = gatewayProblems(gateway([http, { ...https, name: "h2", port: 80 }]), "alb");
            assert.deepStrictEqual(keys(conflict), ["spec.listeners[1].protocol rejected"]);
            const tcpUdp = [
                { name: "t", protocol: "TCP", port: 80 },
                { name: "u", protocol: "UDP", port: 80 },
            ];
            assert.deepStrictEqual(gatewayProblems(gateway(tcpUdp), "nlb"), []);
        });
        it("refuses one hostname twice on a port (HostnameConflict), accepts it on two ports", () => {
            const a = { ...http, hostname: "a.example.com" };
            assert.deepStrictEqual(keys(gatewayProblems(gateway([a, { ...a, name: "again" }]), "alb")), [
                "spec.listeners[1].hostname rejected",
            ]);
            assert.deepStrictEqual(gatewayProblems(gateway([a, { ...https, hostname: "a.example.com" }]), "alb"), []);
        });
        it("refuses listener hostnames the CRD pattern allows but the controller does not: IPs, labels over 63", () => {
            const ip = { ...http, hostname: "10.0.0.1" };
            const long = { ...https, hostname: `${"a".repeat(64)}.example.com` };
            const ps = gatewayProblems(gateway([ip, long]), "alb");
            assert.deepStrictEqual(keys(ps), [
                "spec.listeners[0].hostname rejected",
                "spec.listeners[1].hostname rejected",
            ]);
            assert.match(ps[0].message, /must not be an IP address, got "10\.0\.0\.1"/);
            const fine = { ...http, hostname: `*.${"a".repeat(63)}.example.com` };
            assert.deepStrictEqual(gatewayProblems(gateway([fine]), "alb"), []);
        });
        it("reports tls.certificateRefs and tls.options as ignored: certificates come from ACM (#4494)", () => {
            const l = {
                ...https,
                tls: { mode: "Terminate", certificateRefs: [{ name: "tls-secret" }], options: { k: "v" } },
            };
            const ps = gatewayProblems(gateway([l]), "alb");
            assert.deepStrictEqual(keys(ps), [
                "spec.listeners[0].tls.certificateRefs ignored",
                "spec.listeners[0].tls.options ignored",
            ]);
            assert.match(ps[0].message, /LoadBalancerConfiguration .*defaultCertificate .* HTTPS:443.*#4494/);
        });
        it("reports spec.tls and spec.defaultScope as ignored (l7gateway.md Gateway table)", () => {
            const ps = gatewayProblems(gateway([http], { tls: { frontend: {} }, defaultScope: "All" }), "alb");
            assert.deepStrictEqual(keys(ps), ["spec.tls ignored", "spec.defaultScope ignored"]);
        });
        it("refuses an infrastructure.parametersRef that is not a LoadBalancerConfiguration", () => {
            const bad = gateway([http], {
                infrastructure: { parametersRef: { group: "", kind: "ConfigMap", name: "c" } },
            });
            assert.deepStrictEqual(keys(gatewayProblems(bad, "alb")), ["spec.infrastructure.parametersRef rejected"]);
            const good = gateway([http], { infrastructure: { parametersRef: LBC_REF } });
            assert.deepStrictEqual(gatewayProblems(good, "alb"), []);
        });
        it("accepts the guide's ALB and NLB listeners", () => {
            assert.deepStrictEqual(gatewayProblems(gateway([http, https]), "alb"), []);
            const tls = { name: "tls", protocol: "TLS", port: 443, tls: { mode: "Passthrough" } };
            assert.deepStrictEqual(
                gatewayProblems(gateway([{ name: "t", protocol: "TCP", port: 8080 }, tls]), "nlb"),
                [],
            );
        });
        it("reads any shape without throwing", () => {
            for (const v of [undefined, null, 3, "x", [], { spec: { listeners: [null, 3, { tls: 3 }] } }]) {
                assert.ok(Array.isArray(gatewayProblems(v, "alb")));
                assert.ok(Array.isArray(gatewayClassProblems(v)));
                assert.ok(Array.isArray(routeProblems("HTTPRoute", v)));
            }
        });
    });

    describe("routeProblems", () => {
        for (const type of [
            "RequestHeaderModifier",
            "ResponseHeaderModifier",
            "RequestMirror",
            "CORS",
            "ExternalAuth",
        ]) {
            it(`refuses the HTTPRoute filter ${type} (buildHttpRuleRedirectActionsBasedOnFilter)`, () => {
                const ps = routeProblems("HTTPRoute", httpRoute({ filters: [{ type }] }));
                assert.deepStrictEqual(keys(ps), ["spec.rules[0].filters[0].type rejected"]);
                assert.match(ps[0].message, /not supported by the ALB .*rules after it are not created/);
            });
        }
        it("reports an unsupported filter after a RequestRedirect as ignored (the loop returns at the redirect)", () => {
            const rule = {
                filters: [
                    { type: "RequestRedirect", requestRedirect: { scheme: "https" } },
                    { type: "RequestHeaderModifier" },
                ],
            };
            assert.deepStrictEqual(keys(routeProblems("HTTPRoute", httpRoute(rule))), [
                "spec.rules[0].filters[1].type ignored",
            ]);
        });
        it("refuses GRPCRoute filters other than ExtensionRef (buildRedirectRoutingAction)", () => {
            const route = httpRoute({
                filters: [
                    { type: "RequestHeaderModifier" },
                    {
                        type: "ExtensionRef",
                        extensionRef: { group: "gateway.k8s.aws", kind: "ListenerRuleConfiguration", name: "r" },
                    },
                ],
            });
            assert.deepStrictEqual(keys(routeProblems("GRPCRoute", route)), ["spec.rules[0].filters[0].type rejected"]);
        });
        it("accepts RequestRedirect, URLRewrite and ExtensionRef to a ListenerRuleConfiguration", () => {
            const rule = {
                filters: [
                    { type: "URLRewrite", urlRewrite: { hostname: "b.example.com" } },
                    {
                        type: "ExtensionRef",
                        extensionRef: { group: "gateway.k8s.aws", kind: "ListenerRuleConfiguration", name: "r" },
                    },
                    { type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } },
                ],
            };
            assert.deepStrictEqual(routeProblems("HTTPRoute", httpRoute(rule)), []);
        });
        it("refuses two ListenerRuleConfigurations on one rule, ignores ExtensionRefs to other kinds", () => {
            const lrc = (name: string) => ({
                type: "ExtensionRef",
                extensionRef: { group: "gateway.k8s.aws", kind: "ListenerRuleConfiguration", name },
            });
            const other = { type: "ExtensionRef", extensionRef: { group: "example.com", kind: "Thing", name: "t" } };
            assert.deepStrictEqual(
                keys(routeProblems("HTTPRoute", httpRoute({ filters: [lrc("a"), lrc("b"), other] }))),
                ["spec.rules[0].filters rejected", "spec.rules[0].filters[2].extensionRef ignored"],
            );
        });
        it("refuses a path-only ReplacePrefixMatch redirect (a loop the ALB refuses), accepts it with a scheme", () => {
            const redirect = (extra: Record<string, unknown>) =>
                httpRoute({
                    filters: [
                        {
                            type: "RequestRedirect",
                            requestRedirect: {
                                path: { type: "ReplacePrefixMatch", replacePrefixMatch: "/new" },
                                ...extra,
                            },
                        },
                    ],
                });
            assert.deepStrictEqual(keys(routeProblems("HTTPRoute", redirect({}))), [
                "spec.rules[0].filters[0].requestRedirect.path.replacePrefixMatch rejected",
            ]);
            assert.deepStrictEqual(routeProblems("HTTPRoute", redirect({ scheme: "https" })), []);
            assert.deepStrictEqual(routeProblems("HTTPRoute", redirect({ port: 8443 })), []);
        });
        it("refuses wildcards in redirect paths and PathPrefix matches, accepts them in Exact and RegularExpression", () => {
            const wild = httpRoute({
                filters: [
                    {
                        type: "RequestRedirect",
                        requestRedirect: { path: { type: "ReplaceFullPath", replaceFullPath: "/a*" } },
                    },
                ],
                matches: [{ path: { type: "PathPrefix", value: "/x?" } }, { path: { value: "/y*" } }],
            });
            assert.deepStrictEqual(keys(routeProblems("HTTPRoute", wild)), [
                "spec.rules[0].filters[0].requestRedirect.path rejected",
                "spec.rules[0].matches[0].path.value rejected",
                "spec.rules[0].matches[1].path.value rejected",
            ]);
            const fine = httpRoute({
                matches: [
                    { path: { type: "Exact", value: "/a*" } },
                    { path: { type: "RegularExpression", value: "/b?/c" } },
                ],
            });
            assert.deepStrictEqual(routeProblems("HTTPRoute", fine), []);
        });
        it("reports a RegularExpression query parameter match as ignored (compared literally)", () => {
            const route = httpRoute({
                matches: [{ queryParams: [{ name: "q", type: "RegularExpression", value: "a.*" }] }],
            });
            assert.deepStrictEqual(keys(routeProblems("HTTPRoute", route)), [
                "spec.rules[0].matches[0].queryParams[0].type ignored",
            ]);
        });
        it("refuses unknown backend kinds, Service backends without port, and weights above 999", () => {
            const route = httpRoute({
                backendRefs: [
                    { kind: "ServiceImport", name: "a", port: 80 },
                    { name: "b" },
                    { name: "c", port: 80, weight: 1000 },
                    { kind: "TargetGroupName", name: "tg" },
                    { kind: "Gateway", name: "inner" },
                ],
            });
            assert.deepStrictEqual(keys(routeProblems("TCPRoute", route)), [
                "spec.rules[0].backendRefs[0].kind rejected",
                "spec.rules[0].backendRefs[1].port rejected",
                "spec.rules[0].backendRefs[2].weight rejected",
            ]);
        });
        it("reports timeouts, retry, sessionPersistence, backend filters and useDefaultGateways as ignored", () => {
            const route = httpRoute(
                {
                    timeouts: { request: "10s" },
                    retry: { attempts: 2 },
                    sessionPersistence: { type: "Cookie" },
                    backendRefs: [{ name: "web", port: 80, filters: [{ type: "RequestHeaderModifier" }] }],
                },
                { useDefaultGateways: "All" },
            );
            assert.deepStrictEqual(keys(routeProblems("HTTPRoute", route)), [
                "spec.useDefaultGateways ignored",
                "spec.rules[0].backendRefs[0].filters ignored",
                "spec.rules[0].timeouts ignored",
                "spec.rules[0].retry ignored",
                "spec.rules[0].sessionPersistence ignored",
            ]);
        });
        it("reports route hostnames that are IP addresses as ignored (hostnameCheck skips them)", () => {
            const route = httpRoute({}, { hostnames: ["web.example.com", "192.168.0.1"] });
            assert.deepStrictEqual(keys(routeProblems("HTTPRoute", route)), ["spec.hostnames[1] ignored"]);
        });
        it("judges no kind the controller does not load", () => {
            assert.deepStrictEqual(routeProblems("Ingress", httpRoute({ filters: [{ type: "CORS" }] })), []);
        });
    });
});
