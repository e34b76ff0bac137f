import * as assert from "assert";
import type { RuleProblem } from "../../rules/ingressRules";
import { loadBalancerConfigurationProblems, targetGroupConfigurationProblems } from "../../rules/gatewayConfigRules";
import { CERT_ARN as CERT } from "../harness/fixtures";

const keys = (ps: RuleProblem[]) => ps.map((p) => `${p.key} ${p.effect}`);
const lbc = (spec: Record<string, unknown>) => ({ metadata: { name: "cfg", namespace: "apps" }, spec });
const tgc = (spec: Record<string, unknown>) => ({ metadata: { name: "tg", namespace: "apps" }, spec });

describe("gateway configuration rules (LoadBalancerConfiguration, TargetGroupConfiguration)", () => {
    describe("loadBalancerConfigurationProblems", () => {
        it("refuses what the ELBv2 API refuses: load balancer names, tags, certificate ARNs", () => {
            const ps = loadBalancerConfigurationProblems(
                lbc({
                    loadBalancerName: "internal-web",
                    tags: { "aws:owner": "me" },
                    listenerConfigurations: [{ protocolPort: "HTTPS:443", defaultCertificate: "my-cert" }],
                }),
            );
            assert.deepStrictEqual(keys(ps), [
                "spec.loadBalancerName rejected",
                "spec.tags rejected",
                "spec.listenerConfigurations[0].certificates rejected",
            ]);
        });
        it("refuses malformed source ranges and reports IPv6 ones on an IPv4 load balancer as ignored", () => {
            const ps = loadBalancerConfigurationProblems(
                lbc({ sourceRanges: ["10.0.0.0/8", "10.1.0.0", "2001:db8::/32"] }),
            );
            assert.deepStrictEqual(keys(ps), ["spec.sourceRanges[1] rejected", "spec.sourceRanges[2] ignored"]);
            const dual = lbc({ ipAddressType: "dualstack", sourceRanges: ["2001:db8::/32"] });
            assert.deepStrictEqual(loadBalancerConfigurationProblems(dual), []);
        });
        it("reports fields of the other load balancer type as ignored (addL7Fields, addL4Fields, albAddons)", () => {
            const spec = {
                customerOwnedIpv4Pool: "coip-1",
                wafV2: { webACL: "acl" },
                shieldConfiguration: { enabled: true },
                enforceSecurityGroupInboundRulesOnPrivateLinkTraffic: "on",
                disableSecurityGroup: true,
            };
            assert.deepStrictEqual(keys(loadBalancerConfigurationProblems(lbc(spec), "nlb")), [
                "spec.customerOwnedIpv4Pool ignored",
                "spec.wafV2 ignored",
                "spec.shieldConfiguration ignored",
            ]);
            assert.deepStrictEqual(keys(loadBalancerConfigurationProblems(lbc(spec), "alb")), [
                "spec.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic ignored",
                "spec.disableSecurityGroup ignored",
            ]);
            assert.deepStrictEqual(loadBalancerConfigurationProblems(lbc(spec)), [], "without a layer: silent");
        });
        it("refuses NLB subnet allocations on an ALB (validateSubnetsInput)", () => {
            const spec = { loadBalancerSubnets: [{ identifier: "subnet-1", eipAllocation: "eipalloc-1" }] };
            assert.deepStrictEqual(keys(loadBalancerConfigurationProblems(lbc(spec), "alb")), [
                "spec.loadBalancerSubnets[0].eipAllocation rejected",
            ]);
            assert.deepStrictEqual(loadBalancerConfigurationProblems(lbc(spec), "nlb"), []);
        });
        it("refuses dualstack-without-public-ipv4 on an NLB", () => {
            const spec = { ipAddressType: "dualstack-without-public-ipv4" };
            assert.deepStrictEqual(keys(loadBalancerConfigurationProblems(lbc(spec), "nlb")), [
                "spec.ipAddressType rejected",
            ]);
            assert.deepStrictEqual(loadBalancerConfigurationProblems(lbc(spec), "alb"), []);
        });
        it("reports listener configurations of the other layer's protocols, or without protocol or port, as ignored", () => {
            const spec = {
                listenerConfigurations: [
                    { protocolPort: "TCP:80" },
                    { protocolPort: "HTTPS:" },
                    { protocolPort: "HTTP:80" },
                ],
            };
            assert.deepStrictEqual(keys(loadBalancerConfigurationProblems(lbc(spec), "alb")), [
                "spec.listenerConfigurations[0].protocolPort ignored",
                "spec.listenerConfigurations[1].protocolPort ignored",
            ]);
            const nlb = { listenerConfigurations: [{ protocolPort: "TCP_UDP:80" }, { protocolPort: "HTTP:80" }] };
            assert.deepStrictEqual(keys(loadBalancerConfigurationProblems(lbc(nlb), "nlb")), [
                "spec.listenerConfigurations[1].protocolPort ignored",
            ]);
        });
        it("refuses QUIC on listeners other than UDP and TCP_UDP (buildListenerSpec)", () => {
            const spec = (protocolPort: string) => ({ listenerConfigurations: [{ protocolPort, quicEnabled: true }] });
            assert.deepStrictEqual(keys(loadBalancerConfigurationProblems(lbc(spec("HTTPS:443")), "alb")), [
                "spec.listenerConfigurations[0].quicEnabled rejected",
            ]);
            assert.deepStrictEqual(keys(loadBalancerConfigurationProblems(lbc(spec("TCP:443")), "nlb")), [
                "spec.listenerConfigurations[0].quicEnabled rejected",
            ]);
            assert.deepStrictEqual(loadBalancerConfigurationProblems(lbc(spec("UDP:443")), "nlb"), []);
            assert.deepStrictEqual(
                keys(loadBalancerConfigurationProblems(lbc(spec("HTTPS:443")), "nlb")),
                ["spec.listenerConfigurations[0].protocolPort ignored"],
                "a configuration that matches no listener is never applied",
            );
            assert.deepStrictEqual(loadBalancerConfigurationProblems(lbc(spec("TCP_UDP:443")), "nlb"), []);
        });
        it("reports certificates, TLS policies and mTLS on plain listeners, and layer-only listener fields, as ignored", () => {
            const spec = {
                listenerConfigurations: [
                    {
                        protocolPort: "HTTP:80",
                        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
                        defaultCertificate: CERT,
                    },
                    { protocolPort: "HTTPS:443", alpnPolicy: "HTTP2Only", targetGroupStickiness: true },
                ],
            };
            assert.deepStrictEqual(keys(loadBalancerConfigurationProblems(lbc(spec), "alb")), [
                "spec.listenerConfigurations[0].defaultCertificate ignored",
                "spec.listenerConfigurations[0].sslPolicy ignored",
                "spec.listenerConfigurations[1].alpnPolicy ignored",
                "spec.listenerConfigurations[1].targetGroupStickiness ignored",
            ]);
            const mtls = {
                listenerConfigurations: [{ protocolPort: "TLS:443", mutualAuthentication: { mode: "off" } }],
            };
            assert.deepStrictEqual(keys(loadBalancerConfigurationProblems(lbc(mtls), "nlb")), [
                "spec.listenerConfigurations[0].mutualAuthentication ignored",
            ]);
        });
        it("accepts the guide's configurations", () => {
            const alb = {
                scheme: "internet-facing",
                ipAddressType: "dualstack",
                tags: { team: "web" },
                sourceRanges: ["2001:db8::/32", "127.0.0.1/24"],
                listenerConfigurations: [
                    {
                        protocolPort: "HTTPS:443",
                        defaultCertificate: CERT,
                        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
                        mutualAuthentication: { mode: "verify", trustStore: "ts-1234" },
                    },
                ],
                wafV2: { webACL: "my-web-acl" },
            };
            assert.deepStrictEqual(loadBalancerConfigurationProblems(lbc(alb), "alb"), []);
        });
    });

    describe("targetGroupConfigurationProblems", () => {
        it("reports a targetReference kind that matches no backend as ignored", () => {
            assert.deepStrictEqual(
                keys(targetGroupConfigurationProblems(tgc({ targetReference: { kind: "Deployment", name: "web" } }))),
                ["spec.targetReference.kind ignored"],
            );
            for (const kind of [undefined, "Service", "Gateway"]) {
                assert.deepStrictEqual(
                    targetGroupConfigurationProblems(tgc({ targetReference: { kind, name: "web" } })),
                    [],
                );
            }
        });
        it("refuses target group protocols of the other layer (buildL7/L4TargetGroupProtocol)", () => {
            const spec = { targetReference: { name: "web" }, defaultConfiguration: { protocol: "TCP" } };
            assert.deepStrictEqual(keys(targetGroupConfigurationProblems(tgc(spec), "alb")), [
                "spec.defaultConfiguration.protocol rejected",
            ]);
            assert.deepStrictEqual(targetGroupConfigurationProblems(tgc(spec), "nlb"), []);
            const https = { defaultConfiguration: { protocol: "HTTPS" } };
            assert.deepStrictEqual(keys(targetGroupConfigurationProblems(tgc(https), "nlb")), [
                "spec.defaultConfiguration.protocol rejected",
            ]);
        });
        it("refuses targetControlPort on instance targets and non-HTTP protocols (buildTargetControlPort)", () => {
            const spec = {
                defaultConfiguration: { targetType: "instance", targetControlPort: 100 },
                routeConfigurations: [
                    {
                        routeIdentifier: { kind: "TCPRoute" },
                        targetGroupProps: { protocol: "TCP", targetControlPort: 100 },
                    },
                ],
            };
            assert.deepStrictEqual(keys(targetGroupConfigurationProblems(tgc(spec))), [
                "spec.defaultConfiguration.targetControlPort rejected",
                "spec.routeConfigurations[0].targetGroupProps.targetControlPort rejected",
            ]);
            const ip = { defaultConfiguration: { targetType: "ip", protocol: "HTTP", targetControlPort: 100 } };
            assert.deepStrictEqual(targetGroupConfigurationProblems(tgc(ip), "alb"), []);
        });
        it("refuses a matcher with both httpCode and grpcCode, and reports route identifiers of unknown kinds", () => {
            const spec = {
                defaultConfiguration: { healthCheckConfig: { matcher: { httpCode: "200", grpcCode: "0" } } },
                routeConfigurations: [{ routeIdentifier: { kind: "Ingress" }, targetGroupProps: {} }],
            };
            assert.deepStrictEqual(keys(targetGroupConfigurationProblems(tgc(spec))), [
                "spec.defaultConfiguration.healthCheckConfig.matcher rejected",
                "spec.routeConfigurations[0].routeIdentifier.kind ignored",
            ]);
        });
        it("accepts the guide's configurations, with or without targetReference", () => {
            const spec = {
                targetReference: { name: "my-service" },
                defaultConfiguration: {
                    targetType: "ip",
                    healthCheckConfig: { healthCheckPath: "/health", matcher: { httpCode: "200" } },
                },
                routeConfigurations: [
                    {
                        routeIdentifier: { kind: "HTTPRoute", namespace: "a", name: "r" },
                        targetGroupProps: { healthCheckConfig: { healthCheckPath: "/api/health" } },
                    },
                ],
            };
            assert.deepStrictEqual(targetGroupConfigurationProblems(tgc(spec), "alb"), []);
            assert.deepStrictEqual(
                targetGroupConfigurationProblems(tgc({ defaultConfiguration: { targetType: "ip" } })),
                [],
            );
        });
        it("reads any shape without throwing", () => {
            for (const v of [
                undefined,
                null,
                1,
                "x",
                [],
                { spec: { listenerConfigurations: [null, 1], defaultConfiguration: 2 } },
            ]) {
                assert.ok(Array.isArray(loadBalancerConfigurationProblems(v, "alb")));
                assert.ok(Array.isArray(targetGroupConfigurationProblems(v, "nlb")));
            }
        });
    });
});
