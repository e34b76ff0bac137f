/**
 * The edges of the gateway configuration and attachment rules (gatewayConfigRules.ts, gatewayAttachment.ts) and of
 * the Auto Mode TargetGroupBinding/IngressClassParams readings (autoMode.ts): which values each rule judges, which it
 * leaves alone, and that every finding explains itself. Cases found by the mutation run of issue 11.
 */
import * as assert from "assert";
import { autoModeIngressClassParamsProblems, autoModeTargetGroupBindingProblems } from "../../rules/autoMode";
import {
    attachedListeners,
    attachmentProblems,
    listenerConfigurationProblems,
    parentRefsOf,
} from "../../rules/gatewayAttachment";
import { loadBalancerConfigurationProblems, targetGroupConfigurationProblems } from "../../rules/gatewayConfigRules";
import type { RuleProblem } from "../../rules/ingressRules";
import { assertExplained } from "./explained";
import { CERT_ARN as CERT } from "../harness/fixtures";

const keys = (ps: RuleProblem[]) => ps.map((p) => `${p.key} ${p.effect}`);
const lbc = (spec: Record<string, unknown>) => ({ metadata: { name: "cfg", namespace: "apps" }, spec });
const listenerConfig = (lc: Record<string, unknown>) => lbc({ listenerConfigurations: [lc] });
const http = { name: "http", protocol: "HTTP", port: 80 };
const https = { name: "https", protocol: "HTTPS", port: 443 };
const gateway = (listeners: unknown[]) => ({
    metadata: { name: "gw", namespace: "apps" },
    spec: { gatewayClassName: "alb", listeners },
});
const route = (parentRefs: unknown[], hostnames?: unknown[], namespace = "apps") => ({
    metadata: { name: "web", namespace },
    spec: { parentRefs, hostnames, rules: [{ backendRefs: [{ name: "web", port: 80 }] }] },
});
const to = (ref: Record<string, unknown> = {}) => [{ name: "gw", ...ref }];

describe("gateway configuration and attachment edges (issue 11 mutation run)", () => {
    describe("LoadBalancerConfiguration listenerConfigurations", () => {
        it("reports a protocolPort that is not PROTOCOL:PORT as ignored, whatever the layer", () => {
            for (const protocolPort of [":443", "HTTPS", undefined]) {
                const ps = loadBalancerConfigurationProblems(listenerConfig({ protocolPort }));
                assert.deepStrictEqual(keys(ps), ["spec.listenerConfigurations[0].protocolPort ignored"], protocolPort);
                assert.ok(ps[0].message.includes(`got ${JSON.stringify(protocolPort ?? "")}`), ps[0].message);
                assertExplained(ps);
            }
        });
        it("refuses quicEnabled on a TCP listener even when the layer is not known", () => {
            const ps = loadBalancerConfigurationProblems(listenerConfig({ protocolPort: "TCP:80", quicEnabled: true }));
            assert.deepStrictEqual(keys(ps), ["spec.listenerConfigurations[0].quicEnabled rejected"]);
            assertExplained(ps);
        });
        it("names the protocols of the layer when a protocolPort is of the other one", () => {
            const ps = loadBalancerConfigurationProblems(listenerConfig({ protocolPort: "TCP:80" }), "alb");
            assert.match(ps[0].message, /TCP:80 is not a listener protocol of an ALB \(L7\) gateway \(HTTP, HTTPS\)/);
            assertExplained(ps);
        });
        it("reports every TLS setting on a plain listener, and refuses bad ARNs in certificates too", () => {
            const plain = loadBalancerConfigurationProblems(
                listenerConfig({ protocolPort: "HTTP:80", certificates: [CERT], mutualAuthentication: {} }),
                "alb",
            );
            assert.deepStrictEqual(keys(plain), [
                "spec.listenerConfigurations[0].certificates ignored",
                "spec.listenerConfigurations[0].mutualAuthentication ignored",
            ]);
            const bad = loadBalancerConfigurationProblems(
                listenerConfig({ protocolPort: "HTTPS:443", certificates: [CERT, "my-cert"] }),
            );
            assert.deepStrictEqual(keys(bad), ["spec.listenerConfigurations[0].certificates rejected"]);
            assertExplained([...plain, ...bad]);
        });
        it("leaves alpnPolicy and targetGroupStickiness alone on NLBs, mutualAuthentication on ALBs", () => {
            const lc = { protocolPort: "TLS:443", alpnPolicy: "HTTP2Only", targetGroupStickiness: { enabled: true } };
            assert.deepStrictEqual(loadBalancerConfigurationProblems(listenerConfig(lc), "nlb"), []);
            const alb = { protocolPort: "HTTPS:443", defaultCertificate: CERT, mutualAuthentication: { mode: "off" } };
            assert.deepStrictEqual(loadBalancerConfigurationProblems(listenerConfig(alb), "alb"), []);
            const wrong = [
                ...loadBalancerConfigurationProblems(listenerConfig({ ...lc, protocolPort: "HTTPS:443" }), "alb"),
                ...loadBalancerConfigurationProblems(listenerConfig(alb), "nlb"),
            ];
            assert.strictEqual(wrong.length, 4, keys(wrong).join());
            assertExplained(wrong);
        });
    });

    describe("LoadBalancerConfiguration spec", () => {
        it("does not judge tag values and source ranges that are not strings", () => {
            assert.deepStrictEqual(
                loadBalancerConfigurationProblems(lbc({ tags: { team: 3, owner: {} }, sourceRanges: [3] })),
                [],
            );
        });
        it("keeps IPv6 source ranges of a dualstack-without-public-ipv4 load balancer", () => {
            const spec = { sourceRanges: ["2001:db8::/32"], ipAddressType: "dualstack-without-public-ipv4" };
            assert.deepStrictEqual(loadBalancerConfigurationProblems(lbc(spec), "alb"), []);
            const ipv4 = loadBalancerConfigurationProblems(lbc({ sourceRanges: ["2001:db8::/32"] }));
            assert.match(ipv4[0].message, /^"2001:db8::\/32" is IPv6 but the load balancer is IPv4-only/);
            assertExplained(ipv4);
        });
        it("explains name, tag, range, layer and subnet findings", () => {
            const ps = loadBalancerConfigurationProblems(
                lbc({
                    loadBalancerName: "internal-x",
                    tags: { "aws:x": "y" },
                    sourceRanges: ["10.0.0.0/33", "2001:db8::/32"],
                    ipAddressType: "dualstack-without-public-ipv4",
                    wafV2: { webACL: "arn" },
                }),
                "nlb",
            );
            assert.ok(ps.length >= 5, keys(ps).join());
            assert.match(ps.find((p) => p.key === "spec.sourceRanges[0]")!.message, /got "10\.0\.0\.0\/33"/);
            const subnets = loadBalancerConfigurationProblems(
                lbc({ loadBalancerSubnets: [{ identifier: "s", privateIPv4Allocation: "10.0.0.5" }] }),
                "alb",
            );
            assertExplained([...ps, ...subnets]);
        });
    });

    describe("TargetGroupConfiguration", () => {
        const tgc = (spec: Record<string, unknown>) => ({ metadata: { name: "tg", namespace: "apps" }, spec });
        it("accepts targetControlPort on HTTPS target groups and a grpcCode matcher alone", () => {
            const props = {
                protocol: "HTTPS",
                targetType: "ip",
                targetControlPort: 3000,
                healthCheckConfig: { matcher: { grpcCode: "0" } },
            };
            assert.deepStrictEqual(targetGroupConfigurationProblems(tgc({ defaultConfiguration: props }), "alb"), []);
        });
        it("does not judge a route configuration without a route kind", () => {
            const spec = { routeConfigurations: [{ routeIdentifier: { name: "web" }, targetGroupProps: {} }] };
            assert.deepStrictEqual(targetGroupConfigurationProblems(tgc(spec)), []);
        });
        it("names the allowed kinds and explains every finding", () => {
            const ps = targetGroupConfigurationProblems(
                tgc({
                    targetReference: { kind: "Pod", name: "x" },
                    defaultConfiguration: {
                        protocol: "TCP",
                        targetType: "instance",
                        targetControlPort: 3000,
                        healthCheckConfig: { matcher: { httpCode: "200", grpcCode: "0" } },
                    },
                    routeConfigurations: [{ routeIdentifier: { kind: "Ingress" } }],
                }),
                "alb",
            );
            assert.strictEqual(ps.length, 6, keys(ps).join());
            assert.match(ps[0].message, /must be Service or Gateway, got Pod/);
            assert.match(ps[5].message, /\(HTTPRoute, GRPCRoute, TCPRoute, UDPRoute, TLSRoute\), got Ingress/);
            assertExplained(ps);
        });
    });

    describe("attachment", () => {
        it("reads the parentRef's group, with the Gateway API's as default, and the route's namespace as default", () => {
            const [own, other] = parentRefsOf({ spec: { parentRefs: [{ name: "a" }, { name: "b", group: "x.io" }] } });
            assert.deepStrictEqual(
                [own.group, own.namespace, other.group],
                ["gateway.networking.k8s.io", "default", "x.io"],
            );
        });
        it("reads a parentRef port only when it is a finite number", () => {
            const refs = parentRefsOf({
                spec: { parentRefs: ["8080", NaN, Infinity, 8080].map((port, i) => ({ name: `g${i}`, port })) },
            });
            assert.deepStrictEqual(
                refs.map((r) => r.port),
                [undefined, undefined, undefined, 8080],
            );
        });
        it("matches hostnames as getCompatibleHostname does: equal, or a *. wildcard on either side", () => {
            const gw = (hostname: string) => gateway([{ ...http, hostname }]);
            const attaches = (listener: string, hosts: unknown[]) =>
                attachedListeners("HTTPRoute", route(to(), hosts), gw(listener), "alb").length === 1;
            assert.ok(attaches("web.example.com", ["web.example.com"]));
            assert.ok(attaches("web.example.com", ["*.example.com"]));
            assert.ok(attaches("*.example.com", ["web.example.com"]));
            assert.ok(attaches("web.example.com", ["other.org", "web.example.com"]));
            assert.ok(attaches("web.example.com", [3]));
            assert.ok(!attaches("a.example.com", ["b.example.com"]));
            assert.ok(!attaches("web.example.com", ["*.other.org"]));
            assert.ok(!attaches("web.example.com", ["example.com*."]));
            assert.ok(attachedListeners("HTTPRoute", route(to()), gw("web.example.com"), "alb").length === 1);
        });
        it("checks hostnames for gRPC and TLS routes too", () => {
            const grpc = gateway([{ ...https, hostname: "a.example.com" }]);
            assert.strictEqual(attachmentProblems("GRPCRoute", route(to(), ["b.example.com"]), grpc, "alb").length, 1);
            const tls = gateway([{ name: "tls", protocol: "TLS", port: 443, hostname: "a.example.com" }]);
            assert.strictEqual(attachmentProblems("TLSRoute", route(to(), ["b.example.com"]), tls, "nlb").length, 1);
        });
        it("refuses every namespace with allowedRoutes from: None, and says so", () => {
            const none = gateway([{ ...http, allowedRoutes: { namespaces: { from: "None" } } }]);
            const [p] = attachmentProblems("HTTPRoute", route(to()), none, "alb");
            assert.match(p.message, /allows routes from no namespace \(allowedRoutes\.namespaces\.from: None\)/);
            assertExplained([p]);
        });
        it("reads allowedRoutes.kinds entries with a kind only, and names the kinds a listener accepts", () => {
            const noKind = gateway([{ ...http, allowedRoutes: { kinds: [{ group: "gateway.networking.k8s.io" }] } }]);
            assert.deepStrictEqual(attachmentProblems("HTTPRoute", route(to()), noKind, "alb"), []);
            const grpcOnly = gateway([{ ...https, allowedRoutes: { kinds: [{ kind: "GRPCRoute" }] } }]);
            const [k] = attachmentProblems("HTTPRoute", route(to()), grpcOnly, "alb");
            assert.match(k.message, /accepts GRPCRoute \(allowedRoutes\.kinds\), not HTTPRoute/);
            const tls = gateway([{ name: "tls", protocol: "TLS", port: 443 }]);
            const [d] = attachmentProblems("UDPRoute", route(to()), tls, "nlb");
            assert.match(d.message, /accepts TLSRoute, TCPRoute \(the default for protocol TLS\), not UDPRoute/);
            const [n] = attachmentProblems("HTTPRoute", route(to()), gateway([{ name: "x", port: 80 }]), "alb");
            assert.match(n.message, /accepts no route kind/);
        });
        it("lists only listeners of the Gateway the route names, that accept it, of the layer that loads it", () => {
            assert.deepStrictEqual(attachedListeners("HTTPRoute", route(to()), gateway([http]), "nlb"), []);
            assert.deepStrictEqual(
                attachedListeners("HTTPRoute", route([{ name: "other" }]), gateway([http]), "alb"),
                [],
            );
            assert.deepStrictEqual(attachedListeners("HTTPRoute", route(to(), [], "web"), gateway([http]), "alb"), []);
        });
        it("says which sectionName or port names no listener, and every listener that refuses", () => {
            const [port] = attachmentProblems("HTTPRoute", route(to({ port: 8080 })), gateway([http]), "alb");
            assert.match(port.message, /names port 8080 of Gateway apps\/gw, which has no such listener/);
            const both = attachmentProblems(
                "HTTPRoute",
                route(to({ sectionName: "http", port: 81 })),
                gateway([http]),
                "alb",
            );
            assert.match(both[0].message, /names sectionName http and port 81 of Gateway/);
            const [any] = attachmentProblems("HTTPRoute", route(to()), gateway([]), "alb");
            assert.match(any.message, /names any listener of Gateway apps\/gw/);
            const two = gateway([
                { ...http, hostname: "a.example.com" },
                { ...https, hostname: "a.example.com" },
            ]);
            const [refused] = attachmentProblems("HTTPRoute", route(to(), ["b.example.com"]), two, "alb");
            assert.match(refused.message, /listener http serves .*; listener https serves/);
            const hosts = attachmentProblems("HTTPRoute", route(to(), ["b.example.com", "c.example.com"]), two, "alb");
            assert.match(hosts[0].message, /matches none of the route's hostnames b\.example\.com, c\.example\.com/);
            const unnamed = gateway([{ protocol: "HTTP", port: 80, hostname: "a.example.com" }]);
            const [u] = attachmentProblems("HTTPRoute", route(to(), ["b.example.com"]), unnamed, "alb");
            assert.match(u.message, /listener \? serves hostname a\.example\.com/);
            const [layer] = attachmentProblems("TCPRoute", route(to()), gateway([http]), "alb");
            assertExplained([port, ...both, any, refused, layer]);
        });
    });

    describe("listener configurations of a Gateway", () => {
        const own = (...protocolPorts: unknown[]) =>
            lbc({ listenerConfigurations: protocolPorts.map((protocolPort) => ({ protocolPort })) });
        const unmatched = (gw: unknown, config: unknown, layer: "alb" | "nlb" = "alb") =>
            listenerConfigurationProblems(gw, layer, { gateway: config, complete: true }, []);
        it("keys listeners as the controller does: skips those without port or protocol, TLS passthrough as TCP", () => {
            const ps = unmatched(
                gateway([http, { name: "x", protocol: "HTTPS" }, { name: "y", port: 81 }]),
                own("HTTP:8080"),
            );
            assert.match(ps[0].message, /HTTP:8080 matches no listener of Gateway gw \(HTTP:80\)/);
            const passthrough = { name: "p", protocol: "TLS", port: 443, tls: { mode: "Passthrough" } };
            assert.deepStrictEqual(unmatched(gateway([passthrough]), own("TCP:443"), "nlb"), []);
            const terminate = { name: "t", protocol: "TLS", port: 443, tls: { mode: "Terminate" } };
            assert.deepStrictEqual(unmatched(gateway([terminate]), own("TLS:443"), "nlb"), []);
            assert.deepStrictEqual(unmatched(gateway([{ ...http, tls: { mode: "Passthrough" } }]), own("HTTP:80")), []);
        });
        it("keeps one protocol for two listeners of that protocol on one port", () => {
            const two = gateway([
                { ...http, hostname: "a.example.com" },
                { ...http, name: "b", hostname: "b.example.com" },
            ]);
            assert.deepStrictEqual(unmatched(two, own("HTTP:80")), []);
        });
        it("skips entries without protocolPort, and says none when the Gateway has no listener", () => {
            assert.deepStrictEqual(unmatched(gateway([http]), own(undefined)), []);
            const ps = unmatched(gateway([]), own("HTTP:80"), "alb");
            assert.match(ps[0].message, /\(none\)/);
            const two = unmatched(gateway([http, https]), own("HTTP:8080"));
            assert.match(two[0].message, /\(HTTP:80, HTTPS:443\)/);
            const merging = unmatched(gateway([http]), lbc({ mergingMode: "prefer-gateway" }));
            assertExplained([...ps, ...merging]);
        });
        const attached = () => [{ kind: "HTTPRoute", route: route(to()) }];
        it("takes certificates from a certificates list, for the listener's own protocol:port only", () => {
            const certList = lbc({ listenerConfigurations: [{ protocolPort: "HTTPS:443", certificates: [CERT] }] });
            const gw = gateway([https]);
            assert.deepStrictEqual(
                listenerConfigurationProblems(gw, "alb", { gateway: certList, complete: true }, attached()),
                [],
            );
            const otherPort = lbc({
                listenerConfigurations: [{ protocolPort: "HTTPS:8443", defaultCertificate: CERT }],
            });
            for (const configs of [
                { gateway: otherPort, complete: true },
                { gatewayClass: otherPort, complete: true },
            ]) {
                const ps = listenerConfigurationProblems(gw, "alb", configs, attached());
                assert.deepStrictEqual(
                    keys(ps).filter((k) => k.startsWith("spec.listeners")),
                    ["spec.listeners rejected"],
                );
                assertExplained(ps);
            }
        });
        it("needs a certificate only on ports whose listeners have routes, with hostnames of that port only", () => {
            const httpOnly = { ...http, allowedRoutes: { kinds: [{ kind: "HTTPRoute" }] } };
            const gw = gateway([httpOnly, { ...https, allowedRoutes: { kinds: [{ kind: "GRPCRoute" }] } }]);
            assert.deepStrictEqual(listenerConfigurationProblems(gw, "alb", { complete: true }, attached()), []);
            const both = gateway([http, https]);
            const ps = listenerConfigurationProblems(both, "alb", { complete: true }, attached());
            assert.deepStrictEqual(keys(ps), ["spec.listeners rejected"]);
            const namedHttp = gateway([{ ...http, hostname: "web.example.com" }, https]);
            const stillMissing = listenerConfigurationProblems(namedHttp, "alb", { complete: true }, [
                { kind: "HTTPRoute", route: route(to({ sectionName: "https" })) },
            ]);
            assert.deepStrictEqual(keys(stillMissing), ["spec.listeners rejected"]);
        });
    });

    describe("Auto Mode TargetGroupBinding and IngressClassParams", () => {
        it("reads nothing from a spec that is not an object", () => {
            for (const spec of [undefined, null, [], "x", 3]) {
                assert.deepStrictEqual(autoModeTargetGroupBindingProblems(spec), [], String(spec));
                assert.deepStrictEqual(autoModeIngressClassParamsProblems(spec), [], String(spec));
            }
        });
        it("reports networking.ingress[].from only where it is set, and skips null rules", () => {
            const spec = { targetType: "ip", networking: { ingress: [null, { ports: [{ port: 80 }] }, { from: [] }] } };
            const ps = autoModeTargetGroupBindingProblems(spec);
            assert.deepStrictEqual(
                ps.map((p) => p.path),
                ["spec.networking.ingress[2].from"],
            );
            const missing = autoModeTargetGroupBindingProblems({});
            for (const p of [...ps, ...missing])
                assert.match(p.message, /EKS Auto Mode.*auto-configure-alb\.adoc "TargetGroupBinding"/);
        });
    });
});
