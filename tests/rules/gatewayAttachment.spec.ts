import * as assert from "assert";
import type { RuleProblem } from "../../rules/ingressRules";
import {
    attachedListeners,
    attachmentProblems,
    listenerConfigurationProblems,
    parentRefsOf,
} from "../../rules/gatewayAttachment";
import { CERT_ARN as CERT } from "../harness/fixtures";

const keys = (ps: RuleProblem[]) => ps.map((p) => `${p.key} ${p.effect}`);

const http = { name: "http", protocol: "HTTP", port: 80 };
const https = { name: "https", protocol: "HTTPS", port: 443 };
const gateway = (listeners: unknown[], namespace = "apps") => ({
    metadata: { name: "gw", namespace },
    spec: { gatewayClassName: "alb", listeners },
});
const route = (parentRefs: unknown[], o: { namespace?: string; hostnames?: string[] } = {}) => ({
    metadata: { name: "web", namespace: o.namespace ?? "apps" },
    spec: { parentRefs, hostnames: o.hostnames, rules: [{ backendRefs: [{ name: "web", port: 80 }] }] },
});
const lbc = (listenerConfigurations: unknown[], extra: Record<string, unknown> = {}) => ({
    metadata: { name: "cfg", namespace: "apps" },
    spec: { listenerConfigurations, ...extra },
});

describe("gateway attachment (route_listener_mapper.go, listener_attachment_helper.go)", () => {
    describe("parentRefsOf", () => {
        it("defaults kind to Gateway and namespace to the route's, and skips refs without a name", () => {
            const refs = parentRefsOf(
                route([
                    { name: "gw", sectionName: "https" },
                    { kind: "ListenerSet", name: "ls", namespace: "infra", port: 8080 },
                    { kind: "Gateway" },
                ]),
            );
            assert.deepStrictEqual(refs, [
                {
                    index: 0,
                    group: "gateway.networking.k8s.io",
                    kind: "Gateway",
                    name: "gw",
                    namespace: "apps",
                    sectionName: "https",
                    port: undefined,
                },
                {
                    index: 1,
                    group: "gateway.networking.k8s.io",
                    kind: "ListenerSet",
                    name: "ls",
                    namespace: "infra",
                    sectionName: undefined,
                    port: 8080,
                },
            ]);
        });
    });

    describe("attachmentProblems", () => {
        it("refuses an L4 route on an ALB gateway and an L7 route on an NLB gateway (no L4/L7 mix)", () => {
            const tcp = attachmentProblems("TCPRoute", route([{ name: "gw" }]), gateway([http]), "alb");
            assert.deepStrictEqual(keys(tcp), ["spec.parentRefs[0] rejected"]);
            assert.match(tcp[0].message, /never loads a TCPRoute.*gateway\.k8s\.aws\/nlb/);
            const web = attachmentProblems(
                "HTTPRoute",
                route([{ name: "gw" }]),
                gateway([{ name: "t", protocol: "TCP", port: 80 }]),
                "nlb",
            );
            assert.match(web[0].message, /never loads a HTTPRoute.*gateway\.k8s\.aws\/alb/);
        });
        it("refuses a sectionName or port that names no listener (NoMatchingParent)", () => {
            const ps = attachmentProblems(
                "HTTPRoute",
                route([
                    { name: "gw", sectionName: "https" },
                    { name: "gw", port: 8080 },
                ]),
                gateway([http]),
                "alb",
            );
            assert.deepStrictEqual(keys(ps), ["spec.parentRefs[0] rejected", "spec.parentRefs[1] rejected"]);
            assert.match(ps[0].message, /sectionName https .*no such listener/);
        });
        it("refuses a route from another namespace on a listener that allows its own only (default Same)", () => {
            const ps = attachmentProblems(
                "HTTPRoute",
                route([{ name: "gw", namespace: "apps" }], { namespace: "team" }),
                gateway([http]),
                "alb",
            );
            assert.deepStrictEqual(keys(ps), ["spec.parentRefs[0] rejected"]);
            assert.match(
                ps[0].message,
                /listener http allows routes from its own namespace apps only .* the route is in team/,
            );
            const all = gateway([{ ...http, allowedRoutes: { namespaces: { from: "All" } } }]);
            assert.deepStrictEqual(
                attachmentProblems(
                    "HTTPRoute",
                    route([{ name: "gw", namespace: "apps" }], { namespace: "team" }),
                    all,
                    "alb",
                ),
                [],
            );
        });
        it("refuses a GRPCRoute on an HTTP listener without allowedRoutes.kinds (DefaultProtocolToRouteKindMap)", () => {
            const ps = attachmentProblems(
                "GRPCRoute",
                route([{ name: "gw", sectionName: "http" }]),
                gateway([http, https]),
                "alb",
            );
            assert.match(ps[0].message, /accepts HTTPRoute \(the default for protocol HTTP\), not GRPCRoute/);
            assert.deepStrictEqual(
                attachmentProblems("GRPCRoute", route([{ name: "gw" }]), gateway([http, https]), "alb"),
                [],
                "attaches to https",
            );
            const kinds = gateway([{ ...http, allowedRoutes: { kinds: [{ kind: "GRPCRoute" }] } }]);
            assert.deepStrictEqual(attachmentProblems("GRPCRoute", route([{ name: "gw" }]), kinds, "alb"), []);
        });
        it("refuses a route whose hostnames match no listener hostname (NoMatchingListenerHostname)", () => {
            const gw = gateway([{ ...https, hostname: "*.example.com" }]);
            const ps = attachmentProblems(
                "HTTPRoute",
                route([{ name: "gw" }], { hostnames: ["web.other.org"] }),
                gw,
                "alb",
            );
            assert.match(
                ps[0].message,
                /serves hostname \*\.example\.com, which matches none of the route's hostnames web\.other\.org/,
            );
            assert.deepStrictEqual(
                attachmentProblems("HTTPRoute", route([{ name: "gw" }], { hostnames: ["web.example.com"] }), gw, "alb"),
                [],
            );
        });
        it("ignores parentRefs to other Gateways, other namespaces and ListenerSets", () => {
            const refs = [
                { name: "other" },
                { name: "gw", namespace: "elsewhere" },
                { kind: "ListenerSet", name: "gw" },
            ];
            assert.deepStrictEqual(attachmentProblems("TCPRoute", route(refs), gateway([http]), "alb"), []);
        });
        it("lists the listeners a route attaches to", () => {
            const gw = gateway([http, https]);
            assert.deepStrictEqual(attachedListeners("HTTPRoute", route([{ name: "gw" }]), gw, "alb"), [http, https]);
            assert.deepStrictEqual(
                attachedListeners("HTTPRoute", route([{ name: "gw", sectionName: "https" }]), gw, "alb"),
                [https],
            );
            assert.deepStrictEqual(attachedListeners("TCPRoute", route([{ name: "gw" }]), gw, "alb"), []);
        });
    });

    describe("listenerConfigurationProblems", () => {
        const web = { kind: "HTTPRoute", route: route([{ name: "gw", sectionName: "https" }]) };
        it("refuses an HTTPS listener with routes but neither a certificate nor a hostname (buildCertificates)", () => {
            const ps = listenerConfigurationProblems(gateway([https]), "alb", { complete: true }, [web]);
            assert.deepStrictEqual(keys(ps), ["spec.listeners rejected"]);
            assert.match(ps[0].message, /HTTPS:443 has no certificate .*No hostnames found for TLS cert discovery/);
        });
        it("accepts it with a certificate from the Gateway's or the GatewayClass's configuration", () => {
            const withCert = lbc([{ protocolPort: "HTTPS:443", defaultCertificate: CERT }]);
            assert.deepStrictEqual(
                listenerConfigurationProblems(gateway([https]), "alb", { gateway: withCert, complete: true }, [web]),
                [],
            );
            assert.deepStrictEqual(
                listenerConfigurationProblems(gateway([https]), "alb", { gatewayClass: withCert, complete: true }, [
                    web,
                ]),
                [],
            );
        });
        it("lets the GatewayClass's configuration win for one protocolPort unless its mergingMode is prefer-gateway", () => {
            const noCert = lbc([{ protocolPort: "HTTPS:443", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" }]);
            const cert = lbc([{ protocolPort: "HTTPS:443", defaultCertificate: CERT }]);
            const classWins = listenerConfigurationProblems(
                gateway([https]),
                "alb",
                { gatewayClass: noCert, gateway: cert, complete: true },
                [web],
            );
            assert.deepStrictEqual(keys(classWins), ["spec.listeners rejected"]);
            const preferGateway = lbc(noCert.spec.listenerConfigurations, { mergingMode: "prefer-gateway" });
            assert.deepStrictEqual(
                listenerConfigurationProblems(
                    gateway([https]),
                    "alb",
                    { gatewayClass: preferGateway, gateway: cert, complete: true },
                    [web],
                ),
                [],
            );
        });
        it("accepts it with a hostname on the listener or the attached route, and without routes", () => {
            const named = gateway([{ ...https, hostname: "web.example.com" }]);
            assert.deepStrictEqual(listenerConfigurationProblems(named, "alb", { complete: true }, [web]), []);
            const host = { kind: "HTTPRoute", route: route([{ name: "gw" }], { hostnames: ["web.example.com"] }) };
            assert.deepStrictEqual(
                listenerConfigurationProblems(gateway([https]), "alb", { complete: true }, [host]),
                [],
            );
            assert.deepStrictEqual(listenerConfigurationProblems(gateway([https]), "alb", { complete: true }, []), []);
        });
        it("stays silent on certificates when a configuration is unknown", () => {
            assert.deepStrictEqual(
                listenerConfigurationProblems(gateway([https]), "alb", { complete: false }, [web]),
                [],
            );
        });
        it("reports the Gateway's listener configurations that match no listener, and its mergingMode, as ignored", () => {
            const own = lbc([{ protocolPort: "HTTPS:8443", defaultCertificate: CERT }, { protocolPort: "HTTP:80" }], {
                mergingMode: "prefer-gateway",
            });
            const ps = listenerConfigurationProblems(gateway([http]), "alb", { gateway: own, complete: true }, []);
            assert.deepStrictEqual(keys(ps), [
                "spec.listenerConfigurations[0].protocolPort ignored",
                "spec.mergingMode ignored",
            ]);
            assert.match(ps[0].message, /HTTPS:8443 matches no listener of Gateway gw \(HTTP:80\)/);
        });
        it("matches TCP and UDP on one port as TCP_UDP, and passthrough TLS as TCP", () => {
            const gw = gateway([
                { name: "t", protocol: "TCP", port: 80 },
                { name: "u", protocol: "UDP", port: 80 },
                { name: "p", protocol: "TLS", port: 443, tls: { mode: "Passthrough" } },
            ]);
            const own = lbc([{ protocolPort: "TCP_UDP:80" }, { protocolPort: "TCP:443" }]);
            assert.deepStrictEqual(listenerConfigurationProblems(gw, "nlb", { gateway: own, complete: true }, []), []);
        });
    });
});
