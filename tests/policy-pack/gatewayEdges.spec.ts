/**
 * The edges of the gateway policies (policy-pack/policies/gateway*.ts, autoModeIngress.ts): which objects of a stack
 * each reads and how it joins them (classes outside the stack, configurations a class or Gateway names, ListenerSets,
 * backends in other namespaces), when it stays silent and when it is not applicable. Cases found by the mutation run
 * of issue 11.
 */
import * as assert from "assert";
import type { StackValidationPolicy } from "@pulumi/policy";
import { autoModeIngressAnnotations } from "../../policy-pack/policies/autoModeIngress";
import {
    gatewayFeaturesIgnored,
    gatewayFeaturesSupported,
    gatewayLoadBalancerConfiguration,
} from "../../policy-pack/policies/gatewayFeatures";
import { gatewayInternetFacingHttps } from "../../policy-pack/policies/gatewayHttps";
import { gatewayRouteAttachment, gatewayRouteParent } from "../../policy-pack/policies/gatewayRoutes";
import { type Fake, runStackPolicy } from "../harness/policies";
import { CERT, HTTP, HTTPS, albClass, gateway, gatewayClass, lbc, nlbClass, route, tgc } from "./gatewayFixtures";

const messagesOf = async (policy: StackValidationPolicy, fakes: Fake[], config = {}) =>
    (await runStackPolicy(policy, fakes, config)).violations.map((v) => v.message);
const LBC_REF = { group: "gateway.k8s.aws", kind: "LoadBalancerConfiguration" };
const listenerSet = (name: string, parentRef: Record<string, unknown>): Fake => ({
    type: "kubernetes:gateway.networking.k8s.io/v1:ListenerSet",
    name: `ls-${name}`,
    props: { metadata: { name, namespace: "apps" }, spec: { parentRef } },
});
const noHttps = /has no HTTPS listener/;
const noCertificate = /has no certificate/;

describe("gateway policy edges (issue 11 mutation run)", () => {
    describe("gateway-route-parent: where a parentRef leads", () => {
        it("names every missing parent, and reads a Gateway-named route or Service as no Gateway", async () => {
            const fakes = [route("HTTPRoute", "web", [{ name: "web" }, { name: "other" }])];
            assert.deepStrictEqual(await messagesOf(gatewayRouteParent, fakes), [
                'HTTPRoute apps/web names Gateway apps/web, Gateway apps/other in spec.parentRefs, which the stack does not hold: the route attaches to nothing unless the Gateway exists; fix the name or namespace, or list the Gateway ("namespace/name") in this policy\'s externalGateways when it is managed elsewhere.',
            ]);
        });
        it("reads a Gateway without a namespace as in default", async () => {
            const gw: Fake = {
                type: "kubernetes:gateway.networking.k8s.io/v1:Gateway",
                name: "gw",
                props: { metadata: { name: "gw" }, spec: { gatewayClassName: "alb", listeners: [HTTP] } },
            };
            const rt = route("HTTPRoute", "web", [{ name: "gw" }], { namespace: "default" });
            assert.deepStrictEqual(await messagesOf(gatewayRouteParent, [gw, rt]), []);
        });
        it("follows a ListenerSet's parentRef with its own namespace and kind, and only for ListenerSet refs", async () => {
            const toSet = (name: string) => route("HTTPRoute", "web", [{ kind: "ListenerSet", name }]);
            const other = [albClass(), gateway("gw", { namespace: "infra" })];
            const inInfra = listenerSet("ls", { name: "gw", namespace: "infra" });
            assert.deepStrictEqual(await messagesOf(gatewayRouteParent, [...other, inInfra, toSet("ls")]), []);
            const missing = listenerSet("ls", { name: "gone" });
            assert.strictEqual((await messagesOf(gatewayRouteParent, [missing, toSet("ls")])).length, 1);
            for (const parentRef of [{ namespace: "apps" }, { kind: "Service", name: "gone" }]) {
                const set = listenerSet("ls", parentRef);
                assert.deepStrictEqual(
                    await messagesOf(gatewayRouteParent, [set, toSet("ls")]),
                    [],
                    JSON.stringify(parentRef),
                );
            }
            const mesh = route("HTTPRoute", "web", [{ kind: "Service", name: "ls" }]);
            assert.deepStrictEqual(await messagesOf(gatewayRouteParent, [missing, mesh]), []);
        });
    });

    describe("gateway-route-attachment", () => {
        it("is not applicable without routes, and reads a Gateway named like its class as a Gateway", async () => {
            assert.strictEqual((await runStackPolicy(gatewayRouteAttachment, [gateway("gw")])).applicable, false);
            const named = gateway("alb", { className: "alb" });
            const r = await runStackPolicy(gatewayRouteAttachment, [
                named,
                route("HTTPRoute", "web", [{ name: "alb", sectionName: "x" }]),
            ]);
            assert.strictEqual(r.violations.length, 1);
        });
        it("reads objects without a namespace as in default", async () => {
            const gw: Fake = {
                type: "kubernetes:gateway.networking.k8s.io/v1:Gateway",
                name: "gw",
                props: { metadata: { name: "gw" }, spec: { gatewayClassName: "alb", listeners: [HTTP] } },
            };
            const rt = route("HTTPRoute", "web", [{ name: "gw", sectionName: "none" }], { namespace: "default" });
            const [m] = await messagesOf(gatewayRouteAttachment, [gw, rt]);
            assert.match(
                m,
                /^HTTPRoute default\/web spec\.parentRefs\[0\] names sectionName none of Gateway default\/gw/,
            );
        });
    });

    describe("configurations a Gateway and its class name (configsOf, lbcLayers)", () => {
        const webRoute = route("HTTPRoute", "web", [{ name: "gw" }]);
        const supported = (fakes: Fake[]) => messagesOf(gatewayFeaturesSupported, fakes);
        it("judges certificates with the class outside the stack as not known, with a class of the stack as known", async () => {
            assert.deepStrictEqual(await supported([gateway("gw", { listeners: [HTTPS] }), webRoute]), []);
            const known = await supported([albClass(), gateway("gw", { listeners: [HTTPS] }), webRoute]);
            assert.strictEqual(known.length, 1);
            assert.match(known[0], noCertificate);
        });
        it("needs every configuration the class names to be in the stack, and then uses it", async () => {
            const classRef = albClass({ parametersRef: { ...LBC_REF, name: "org", namespace: "infra" } });
            const gw = gateway("gw", { listeners: [HTTPS], config: "cfg" });
            const own = lbc("cfg", { scheme: "internal" });
            assert.deepStrictEqual(await supported([classRef, gw, own, webRoute]), []);
            const orgWithout = lbc("org", { scheme: "internal" }, "infra");
            const missing = await supported([classRef, gw, own, orgWithout, webRoute]);
            assert.strictEqual(missing.length, 1);
            assert.match(missing[0], noCertificate);
            const orgWith = lbc(
                "org",
                { listenerConfigurations: [{ protocolPort: "HTTPS:443", defaultCertificate: CERT }] },
                "infra",
            );
            assert.deepStrictEqual(await supported([classRef, gw, own, orgWith, webRoute]), []);
        });
        it("applies only a parametersRef of kind LoadBalancerConfiguration with a name", async () => {
            const withCert = lbc("cfg", {
                listenerConfigurations: [{ protocolPort: "HTTPS:443", defaultCertificate: CERT }],
            });
            const gw = (parametersRef: Record<string, unknown>) =>
                gateway("gw", { listeners: [HTTPS], spec: { infrastructure: { parametersRef } } });
            const configMap = await supported([albClass(), gw({ kind: "ConfigMap", name: "cfg" }), withCert, webRoute]);
            assert.ok(
                configMap.some((m) => noCertificate.test(m)),
                configMap.join("\n"),
            );
            const nameless = await supported([albClass(), gw({ ...LBC_REF }), withCert, webRoute]);
            assert.ok(
                nameless.some((m) => noCertificate.test(m)),
                nameless.join("\n"),
            );
        });
        it("reads a configuration's layer from the class that names it", async () => {
            const nlb = gatewayClass("nlb", "gateway.k8s.aws/nlb", {
                parametersRef: { ...LBC_REF, name: "org", namespace: "infra" },
            });
            const org = lbc("org", { wafV2: { webACL: "arn" } }, "infra");
            const ignored = await messagesOf(gatewayFeaturesIgnored, [nlb, org]);
            assert.deepStrictEqual(ignored.length, 1);
            assert.match(
                ignored[0],
                /^LoadBalancerConfiguration infra\/org spec\.wafV2 only applies to ALB \(L7\) gateways, not to an NLB \(L4\) one/,
            );
            const istio = gatewayClass("istio", "istio.io/gateway-controller", {
                parametersRef: { ...LBC_REF, name: "org", namespace: "infra" },
            });
            const albGw = gateway("gw", { namespace: "infra", config: "org" });
            const nlbOnly = lbc("org", { enforceSecurityGroupInboundRulesOnPrivateLinkTraffic: "on" }, "infra");
            const fakes = [istio, albClass(), albGw, nlbOnly];
            const all = [...(await supported(fakes)), ...(await messagesOf(gatewayFeaturesIgnored, fakes))];
            assert.strictEqual(all.length, 1, all.join("\n"));
        });
    });

    describe("classes of other controllers", () => {
        it("serves no GatewayClass whose controllerName names an Object.prototype member (the policies threw on it)", async () => {
            for (const name of ["constructor", "toString"]) {
                const fakes = [gatewayClass("odd", name), gateway("gw", { className: "odd", listeners: [HTTPS] })];
                const r = await runStackPolicy(gatewayFeaturesSupported, fakes);
                assert.deepStrictEqual([r.violations, r.applicable], [[], false], name);
            }
        });
    });

    describe("gateway-features: routes and TargetGroupConfigurations", () => {
        const cors = { rule: { filters: [{ type: "CORS" }] } };
        it("judges a route with at least one served parent, and not a mesh route to a Service named like a Gateway", async () => {
            const both = route("HTTPRoute", "web", [{ name: "gw" }, { name: "gone" }], cors);
            assert.strictEqual((await messagesOf(gatewayFeaturesSupported, [gateway("gw"), both])).length, 1);
            const mesh = route("HTTPRoute", "web", [{ kind: "Service", name: "gw" }], cors);
            assert.deepStrictEqual(await messagesOf(gatewayFeaturesSupported, [gateway("gw"), mesh]), []);
        });
        it("gives a Service the layer of the Gateways routing to it: by namespace, Services only, any parent", async () => {
            const tcpTg = (namespace = "apps", name = "web") =>
                tgc("tg", { targetReference: { name }, defaultConfiguration: { protocol: "TCP" } }, namespace);
            const albRoute = (backendRefs: unknown[], parents: unknown[] = [{ name: "gw" }]) =>
                route("HTTPRoute", "web", parents, { rule: { backendRefs } });
            const base = [
                gateway("gw"),
                gateway("l4", { className: "nlb", listeners: [{ name: "t", protocol: "TCP", port: 9 }] }),
            ];
            const config = { nlbGatewayClasses: ["nlb"] };
            const run = async (fakes: Fake[]) =>
                (await messagesOf(gatewayFeaturesSupported, [...base, ...fakes], config)).length;
            assert.strictEqual(
                await run([tcpTg(), albRoute([{ name: "web", port: 80 }], [{ name: "gw" }, { name: "gone" }])]),
                1,
            );
            assert.strictEqual(await run([tcpTg("data"), albRoute([{ name: "web", namespace: "data", port: 80 }])]), 1);
            assert.strictEqual(await run([tcpTg("apps"), albRoute([{ name: "web", namespace: "data", port: 80 }])]), 0);
            assert.strictEqual(await run([tcpTg(), albRoute([{ kind: "TargetGroupName", name: "web" }])]), 0);
            const noTarget = tgc("tg", { defaultConfiguration: { protocol: "TCP" } });
            assert.strictEqual(await run([noTarget, albRoute([{ port: 80 }])]), 0);
        });
        it("reports two configurations for one Service, whether or not they spell out kind Service", async () => {
            const tg = (name: string, targetReference: Record<string, unknown>) => tgc(name, { targetReference });
            const dup = await messagesOf(gatewayFeaturesIgnored, [
                gateway("gw"),
                tg("a", { name: "web" }),
                tg("b", { kind: "Service", name: "web" }),
            ]);
            assert.strictEqual(dup.length, 1);
            assert.match(
                dup[0],
                /^TargetGroupConfiguration apps\/b spec\.targetReference names the same Service web as TargetGroupConfiguration a: .*\(customization\.md .*LookUpTargetGroupConfiguration\)\.$/,
            );
            const distinct = [
                tg("a", { name: "web" }),
                tg("b", { name: "api" }),
                tg("c", { kind: "Service" }),
                tg("d", { kind: "Service" }),
            ];
            assert.deepStrictEqual(await messagesOf(gatewayFeaturesIgnored, [gateway("gw"), ...distinct]), []);
        });
        it("checks the default TargetGroupConfiguration a configuration names in its own namespace only", async () => {
            const cfg = lbc("cfg", { defaultTargetGroupConfiguration: { name: "tg" } });
            const targeted = (ns: string) => tgc("tg", { targetReference: { name: "web" } }, ns);
            const [m] = await messagesOf(gatewayFeaturesSupported, [gateway("gw"), cfg, targeted("apps")]);
            assert.match(
                m,
                /names TargetGroupConfiguration tg, which has a targetReference.*\(loadbalancerconfig\.md DefaultTargetGroupConfiguration\)\.$/,
            );
            assert.deepStrictEqual(
                await messagesOf(gatewayFeaturesSupported, [gateway("gw"), cfg, targeted("other")]),
                [],
            );
        });
    });

    describe("gateway-load-balancer-configuration", () => {
        it("is not applicable without a served Gateway, and takes the default scheme from the controller's chart only", async () => {
            const r = await runStackPolicy(gatewayLoadBalancerConfiguration, [gateway("gw", { className: "istio" })]);
            assert.strictEqual(r.applicable, false);
            const other: Fake = {
                type: "kubernetes:helm.sh/v3:Release",
                name: "x",
                props: { chart: "other", values: { defaultLoadBalancerScheme: "internet-facing" } },
            };
            const [m] = await messagesOf(gatewayLoadBalancerConfiguration, [gateway("gw"), other]);
            assert.match(m, /builds an internal ALB/);
        });
    });

    describe("gateway-internet-facing-https", () => {
        const open = lbc("cfg", { scheme: "internet-facing" });
        const both = [HTTP, HTTPS];
        const https = (fakes: Fake[]) => messagesOf(gatewayInternetFacingHttps, fakes);
        it("judges ALB gateways only, of a class in or outside the stack", async () => {
            assert.match((await https([gateway("gw", { config: "cfg" }), open]))[0], noHttps);
            const l4 = gateway("gw", {
                className: "nlb",
                config: "cfg",
                listeners: [{ name: "t", protocol: "TCP", port: 80 }],
            });
            assert.deepStrictEqual(await https([nlbClass(), l4, open]), []);
        });
        it("stays silent when the class names a configuration the stack does not hold", async () => {
            const cls = albClass({ parametersRef: { ...LBC_REF, name: "org", namespace: "infra" } });
            assert.deepStrictEqual(await https([cls, gateway("gw", { config: "cfg" }), open]), []);
        });
        it("takes the default scheme from the controller's chart only", async () => {
            const other: Fake = {
                type: "kubernetes:helm.sh/v3:Release",
                name: "x",
                props: { chart: "other", values: { defaultLoadBalancerScheme: "internet-facing" } },
            };
            assert.deepStrictEqual(await https([gateway("gw"), other]), []);
        });
        it("accepts on HTTP only routes whose every rule redirects to https (any case), and names each plain listener", async () => {
            const gw = gateway("gw", { config: "cfg", listeners: [...both, { ...HTTP, name: "http2", port: 8080 }] });
            const redirect = (requestRedirect: unknown, type = "RequestRedirect") => ({ type, requestRedirect });
            const withRules = (rules: unknown[]) => ({
                ...route("HTTPRoute", "web", [{ name: "gw" }]),
                props: { metadata: { name: "web", namespace: "apps" }, spec: { parentRefs: [{ name: "gw" }], rules } },
            });
            const ok = withRules([{ filters: [redirect({ scheme: "HTTPS" })] }]);
            assert.deepStrictEqual(await https([gw, open, ok]), []);
            for (const rules of [
                [],
                [{ filters: [redirect({ scheme: "https" })] }, { filters: [] }],
                [{ filters: [redirect({ scheme: "https" }, "URLRewrite")] }],
                [{ filters: [redirect({ scheme: "http" })] }],
                [{ filters: [redirect({ statusCode: 301 })] }],
            ]) {
                const m = await https([gw, open, withRules(rules)]);
                assert.strictEqual(m.length, 1, JSON.stringify(rules));
                assert.match(m[0], /\(listener http, http2\)/);
            }
        });
    });

    describe("automode-ingress-annotations", () => {
        it("names an Ingress without namespace as in default", async () => {
            const cls: Fake = {
                type: "kubernetes:networking.k8s.io/v1:IngressClass",
                name: "c",
                props: { metadata: { name: "auto" }, spec: { controller: "eks.amazonaws.com/alb" } },
            };
            const ing: Fake = {
                type: "kubernetes:networking.k8s.io/v1:Ingress",
                name: "i",
                props: {
                    metadata: { name: "web", annotations: { "alb.ingress.kubernetes.io/group.name": "g" } },
                    spec: { ingressClassName: "auto" },
                },
            };
            const [m] = await messagesOf(autoModeIngressAnnotations, [cls, ing]);
            assert.match(m, /^Ingress default\/web \(EKS Auto Mode class\)/);
        });
    });
});
