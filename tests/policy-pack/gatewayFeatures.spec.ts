import * as assert from "assert";
import {
    gatewayFeaturesIgnored,
    gatewayFeaturesSupported,
    gatewayLoadBalancerConfiguration,
} from "../../policy-pack/policies/gatewayFeatures";
import { type Fake, runStackPolicy } from "../harness/policies";
import { CERT, HTTP, HTTPS, albClass, gateway, lbc, nlbClass, route, tgc } from "./gatewayFixtures";

const messagesOf = async (policy: typeof gatewayFeaturesSupported, fakes: Fake[], config = {}) =>
    (await runStackPolicy(policy, fakes, config)).violations.map((v) => v.message);

const release = (values: Record<string, unknown>): Fake => ({
    type: "kubernetes:helm.sh/v3:Release",
    name: "lbc",
    props: { chart: "aws-load-balancer-controller", values },
});

describe("gateway feature policies", () => {
    describe("gateway-features-supported (mandatory)", () => {
        it("is mandatory", () => assert.strictEqual(gatewayFeaturesSupported.enforcementLevel, "mandatory"));
        it("reports what the controller refuses in served classes, Gateways, routes and configurations", async () => {
            const fakes = [
                albClass({
                    parametersRef: { group: "gateway.k8s.aws", kind: "LoadBalancerConfiguration", name: "org" },
                }),
                gateway("gw", { listeners: [HTTP, { name: "tcp", protocol: "TCP", port: 9000 }], config: "cfg" }),
                lbc("cfg", { loadBalancerSubnets: [{ identifier: "subnet-1", eipAllocation: "eipalloc-1" }] }),
                route("HTTPRoute", "web", [{ name: "gw" }], { rule: { filters: [{ type: "RequestHeaderModifier" }] } }),
                tgc("tg", { targetReference: { name: "web" }, defaultConfiguration: { protocol: "TCP" } }),
            ];
            const messages = await messagesOf(gatewayFeaturesSupported, fakes);
            assert.strictEqual(messages.length, 5, messages.join("\n"));
            assert.match(messages[0], /^GatewayClass alb spec\.parametersRef\.namespace must be set/);
            assert.match(
                messages[1],
                /^Gateway apps\/gw spec\.listeners\[1\]\.protocol of listener tcp must be HTTP, HTTPS/,
            );
            assert.match(
                messages[2],
                /^HTTPRoute apps\/web spec\.rules\[0\]\.filters\[0\]\.type RequestHeaderModifier is not supported/,
            );
            assert.match(
                messages[3],
                /^LoadBalancerConfiguration apps\/cfg spec\.loadBalancerSubnets\[0\]\.eipAllocation is only supported for NLB/,
            );
            assert.match(
                messages[4],
                /^TargetGroupConfiguration apps\/tg spec\.defaultConfiguration\.protocol must be HTTP, HTTPS behind an ALB/,
            );
        });
        it("reports an HTTPS listener with routes and neither certificate nor hostname, on the Gateway", async () => {
            const fakes = [
                albClass(),
                gateway("gw", { listeners: [HTTPS], config: "cfg" }),
                lbc("cfg", { scheme: "internet-facing" }),
                route("HTTPRoute", "web", [{ name: "gw" }]),
            ];
            const r = await runStackPolicy(gatewayFeaturesSupported, fakes);
            assert.strictEqual(r.violations.length, 1);
            assert.match(r.violations[0].message, /^Gateway apps\/gw spec\.listeners HTTPS:443 has no certificate/);
            assert.match(r.violations[0].urn ?? "", /:Gateway::gw-gw$/);
            const withCert = lbc("cfg", {
                listenerConfigurations: [{ protocolPort: "HTTPS:443", defaultCertificate: CERT }],
            });
            assert.deepStrictEqual(
                await messagesOf(gatewayFeaturesSupported, [...fakes.slice(0, 2), withCert, fakes[3]]),
                [],
            );
        });
        it("stays silent on certificates when the Gateway's configuration is not in the stack", async () => {
            const fakes = [
                albClass(),
                gateway("gw", { listeners: [HTTPS], config: "elsewhere" }),
                route("HTTPRoute", "web", [{ name: "gw" }]),
            ];
            assert.deepStrictEqual(await messagesOf(gatewayFeaturesSupported, fakes), []);
        });
        it("judges routes of Gateways listed in externalGateways, and not routes of other controllers", async () => {
            const bad = (parent: string) =>
                route("HTTPRoute", parent, [{ name: parent }], { rule: { filters: [{ type: "CORS" }] } });
            assert.deepStrictEqual(await messagesOf(gatewayFeaturesSupported, [bad("mesh")]), []);
            const external = await messagesOf(gatewayFeaturesSupported, [bad("shared")], {
                externalGateways: ["apps/shared"],
            });
            assert.strictEqual(external.length, 1);
        });
        it("reports a default TargetGroupConfiguration that has a targetReference", async () => {
            const fakes = [
                lbc("cfg", { defaultTargetGroupConfiguration: { name: "defaults" } }),
                tgc("defaults", { targetReference: { name: "web" }, defaultConfiguration: { targetType: "ip" } }),
            ];
            const messages = await messagesOf(gatewayFeaturesSupported, fakes);
            assert.deepStrictEqual(messages.length, 1);
            assert.match(
                messages[0],
                /spec\.defaultTargetGroupConfiguration names TargetGroupConfiguration defaults, which has a targetReference/,
            );
        });
        it("reads the layer of a configuration from the Gateways that use it", async () => {
            const nlbGw = gateway("tcp", {
                className: "nlb",
                listeners: [{ name: "t", protocol: "TCP", port: 80 }],
                config: "cfg",
            });
            const quic = lbc("cfg", { listenerConfigurations: [{ protocolPort: "HTTPS:443", quicEnabled: true }] });
            assert.deepStrictEqual(
                await messagesOf(gatewayFeaturesSupported, [nlbClass(), nlbGw, quic]),
                [],
                "HTTPS matches no NLB listener",
            );
            const albGw = gateway("gw", { listeners: [HTTPS], config: "cfg" });
            const messages = await messagesOf(gatewayFeaturesSupported, [albClass(), albGw, quic]);
            assert.match(messages.join("\n"), /quicEnabled is only supported on UDP and TCP_UDP listeners/);
        });
        it("is not applicable to a stack without Gateway API objects", async () => {
            const r = await runStackPolicy(gatewayFeaturesSupported, [release({})]);
            assert.deepStrictEqual([r.violations, r.applicable], [[], false]);
        });
    });

    describe("gateway-features-ignored (advisory)", () => {
        it("is advisory", () => assert.strictEqual(gatewayFeaturesIgnored.enforcementLevel, "advisory"));
        it("reports certificateRefs, route timeouts, configurations matching no listener, duplicate target configurations", async () => {
            const fakes = [
                albClass(),
                gateway("gw", {
                    listeners: [
                        HTTP,
                        { ...HTTPS, hostname: "web.example.com", tls: { certificateRefs: [{ name: "web-tls" }] } },
                    ],
                    config: "cfg",
                }),
                lbc("cfg", { listenerConfigurations: [{ protocolPort: "HTTPS:8443", defaultCertificate: CERT }] }),
                route("HTTPRoute", "web", [{ name: "gw" }], { rule: { timeouts: { request: "5s" } } }),
                tgc("a", { targetReference: { name: "web" } }),
                tgc("b", { targetReference: { name: "web" } }),
            ];
            const messages = await messagesOf(gatewayFeaturesIgnored, fakes);
            assert.strictEqual(messages.length, 4, messages.join("\n"));
            assert.match(
                messages[0],
                /^Gateway apps\/gw spec\.listeners\[1\]\.tls\.certificateRefs of listener https are not used: certificates come from ACM/,
            );
            assert.match(
                messages[1],
                /^LoadBalancerConfiguration apps\/cfg spec\.listenerConfigurations\[0\]\.protocolPort HTTPS:8443 matches no listener/,
            );
            assert.match(messages[2], /^HTTPRoute apps\/web spec\.rules\[0\]\.timeouts \(HTTPRouteTimeouts\)/);
            assert.match(
                messages[3],
                /^TargetGroupConfiguration apps\/b spec\.targetReference names the same Service web as TargetGroupConfiguration a/,
            );
        });
        it("does not report what the controller refuses (that is gateway-features-supported's)", async () => {
            const fakes = [albClass(), gateway("gw", { listeners: [{ name: "tcp", protocol: "TCP", port: 1 }] })];
            assert.deepStrictEqual(await messagesOf(gatewayFeaturesIgnored, fakes), []);
        });
    });

    describe("gateway-load-balancer-configuration (advisory)", () => {
        it("is advisory", () => assert.strictEqual(gatewayLoadBalancerConfiguration.enforcementLevel, "advisory"));
        it("reports a served Gateway without a LoadBalancerConfiguration, with the default scheme it gets", async () => {
            const messages = await messagesOf(gatewayLoadBalancerConfiguration, [albClass(), gateway("gw")]);
            assert.deepStrictEqual(messages.length, 1);
            assert.match(
                messages[0],
                /^Gateway apps\/gw has no LoadBalancerConfiguration: the controller builds an internal ALB/,
            );
            const open = await messagesOf(gatewayLoadBalancerConfiguration, [
                release({ defaultLoadBalancerScheme: "internet-facing" }),
                albClass(),
                gateway("gw"),
            ]);
            assert.match(open[0], /builds an internet-facing ALB/);
        });
        it("says when the GatewayClass outside the stack may have one", async () => {
            const messages = await messagesOf(gatewayLoadBalancerConfiguration, [gateway("gw")]);
            assert.match(messages[0], /\(unless GatewayClass alb, outside the stack, has one\)/);
        });
        it("accepts a Gateway with its own configuration or one of its class", async () => {
            assert.deepStrictEqual(
                await messagesOf(gatewayLoadBalancerConfiguration, [albClass(), gateway("gw", { config: "cfg" })]),
                [],
            );
            const classRef = {
                group: "gateway.k8s.aws",
                kind: "LoadBalancerConfiguration",
                name: "org",
                namespace: "kube-system",
            };
            assert.deepStrictEqual(
                await messagesOf(gatewayLoadBalancerConfiguration, [
                    albClass({ parametersRef: classRef }),
                    gateway("gw"),
                ]),
                [],
            );
        });
    });
});
