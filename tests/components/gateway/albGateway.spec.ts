import * as assert from "assert";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AlbGateway, AlbIngressController } from "../../../components/index";
import type { AlbGatewayArgs } from "../../../components/gateway/albGatewayArgs";
import { gatewayProblems, loadBalancerConfigurationProblems, routeProblems } from "eks-alb-ingress-rules";
import { crdSchemaProblems } from "../../harness/crdSchema";
import { controllerArgs } from "../../harness/fixtures";
import { descendantsOf, one, ofType, waitsFor } from "../../harness/graph";
import { type Recorded, fakeAnswer, recorded, setEngineHooks, settle, valueOf } from "../../harness/mocks";

const T = {
    component: "eks-alb-ingress:index:AlbGateway",
    config: "kubernetes:gateway.k8s.aws/v1:LoadBalancerConfiguration",
    configBeta: "kubernetes:gateway.k8s.aws/v1beta1:LoadBalancerConfiguration",
    gateway: "kubernetes:gateway.networking.k8s.io/v1:Gateway",
    route: "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute",
    gatewayClass: "kubernetes:gateway.networking.k8s.io/v1:GatewayClass",
    release: "kubernetes:helm.sh/v3:Release",
    namespace: "kubernetes:core/v1:Namespace",
};
const CERT = "arn:aws:acm:us-west-2:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666";
const CERT2 = "arn:aws:acm:us-west-2:123456789012:certificate/0a1b2c3d-1111-2222-3333-777788889999";
const WAF = "arn:aws:wafv2:us-west-2:123456789012:regional/webacl/edge/0a1b2c3d";

const gatewayArgs = (over: Partial<AlbGatewayArgs> = {}): AlbGatewayArgs => ({ gatewayClassName: "alb", ...over });

/** Every object the component wrote is valid for its CRD's schema and breaks none of the controller's rules. */
function assertValid(objects: Recorded[], controllerVersion = "v3.5.0"): void {
    for (const r of objects) {
        assert.deepStrictEqual(crdSchemaProblems(r.inputs, controllerVersion), [], `${r.type} ${r.name}`);
    }
    const problems = objects.flatMap((r) =>
        r.inputs.kind === "Gateway"
            ? gatewayProblems(r.inputs, "alb")
            : r.inputs.kind === "LoadBalancerConfiguration"
              ? loadBalancerConfigurationProblems(r.inputs, "alb")
              : routeProblems(r.inputs.kind, r.inputs),
    );
    assert.deepStrictEqual(problems, []);
}

/**
 * The outputs component `urn` recorded in the stack's state (`registerOutputs`): what `pulumi stack export` and the
 * console show for it. The mock monitor keeps them (@pulumi/pulumi runtime/mocks.ts `registerResourceOutputs`).
 */
function stateOutputs(urn: string): Record<string, unknown> | undefined {
    const monitor = pulumi.runtime.getMonitor() as unknown as {
        getRegisteredResources(): Map<string, { state?: { toJavaScript(): Record<string, unknown> } }>;
    };
    return monitor.getRegisteredResources().get(urn)?.state?.toJavaScript();
}

describe("AlbGateway", () => {
    afterEach(() => setEngineHooks(undefined));

    it("by default: an internal ALB with one HTTP listener, configured by its LoadBalancerConfiguration", async () => {
        const g = new AlbGateway("edge", gatewayArgs());
        await settle();
        const component = one(T.component, "edge");
        assert.deepStrictEqual(
            descendantsOf(component)
                .map((r) => `${r.type} ${r.name}`)
                .sort(),
            [`${T.config} edge-lbconfig`, `${T.gateway} edge-gateway`],
        );
        // the stack's state shows what kind of ALB the component is
        assert.deepStrictEqual(component.inputs, { scheme: "internal", https: false });
        const [config, gateway] = [one(T.config), one(T.gateway)];
        assert.deepStrictEqual(config.inputs.metadata, { name: "edge", namespace: "default" });
        assert.deepStrictEqual(config.inputs.spec, { scheme: "internal", ipAddressType: "ipv4" });
        assert.deepStrictEqual(gateway.inputs.spec, {
            gatewayClassName: "alb",
            infrastructure: {
                parametersRef: { group: "gateway.k8s.aws", kind: "LoadBalancerConfiguration", name: "edge" },
            },
            listeners: [{ name: "http", protocol: "HTTP", port: 80, allowedRoutes: { namespaces: { from: "Same" } } }],
        });
        // pulumi-kubernetes waits until the controller has written the ALB's address
        assert.strictEqual(
            gateway.inputs.metadata.annotations["pulumi.com/waitFor"],
            "jsonpath={.status.addresses[0].value}",
        );
        assert.ok(waitsFor(gateway, config), "the Gateway waits for (and is deleted before) its configuration");
        assertValid([config, gateway]);
        assert.strictEqual(await valueOf(g.gatewayName), "edge");
        assert.strictEqual(await valueOf(g.gatewayNamespace), "default");
        assert.strictEqual(await valueOf(g.sectionName), "http");
    });

    it("with certificates: HTTPS:443 from the configuration's listener, and HTTP:80 redirecting to it", async () => {
        const g = new AlbGateway(
            "edge",
            gatewayArgs({ certificateArns: [CERT, CERT2], routeNamespaces: "All", namespace: "ingress" }),
        );
        await settle();
        const [config, gateway, route] = [one(T.config), one(T.gateway), one(T.route, "edge-https-redirect")];
        assert.deepStrictEqual(config.inputs.spec.listenerConfigurations, [
            {
                protocolPort: "HTTPS:443",
                defaultCertificate: CERT,
                certificates: [CERT2],
                sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
            },
        ]);
        assert.deepStrictEqual(gateway.inputs.spec.listeners, [
            { name: "http", protocol: "HTTP", port: 80, allowedRoutes: { namespaces: { from: "Same" } } },
            { name: "https", protocol: "HTTPS", port: 443, allowedRoutes: { namespaces: { from: "All" } } },
        ]);
        // certificates only ever through the LoadBalancerConfiguration: the controller ignores certificateRefs
        assert.ok(!JSON.stringify(gateway.inputs).includes("certificateRefs"));
        assert.deepStrictEqual(route.inputs.metadata, { name: "edge-https-redirect", namespace: "ingress" });
        assert.deepStrictEqual(route.inputs.spec, {
            parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "edge", sectionName: "http" }],
            rules: [{ filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] }],
        });
        assert.ok(waitsFor(route, gateway));
        assertValid([config, gateway, route]);
        assert.strictEqual(await valueOf(g.sectionName), "https");
    });

    it("decides the listeners from whether certificateArns is given, even when the list is an Output", async () => {
        new AlbGateway("edge", gatewayArgs({ certificateArns: pulumi.output([CERT]) }));
        await settle();
        assert.deepStrictEqual(
            one(T.gateway).inputs.spec.listeners.map((l: { name: string }) => l.name),
            ["http", "https"],
        );
        assert.strictEqual(one(T.config).inputs.spec.listenerConfigurations[0].defaultCertificate, CERT);
        one(T.route, "edge-https-redirect");
    });

    it("writes scheme, IP address type, source ranges, WAF, TLS policy and tags into the configuration", async () => {
        new AlbGateway(
            "edge",
            gatewayArgs({
                scheme: "internet-facing",
                ipAddressType: "dualstack",
                certificateArns: [CERT],
                sslPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06",
                inboundCidrs: ["10.0.0.0/8", "2001:db8::/32"],
                wafv2AclArn: WAF,
                tags: { team: "web", "cost-center": "42" },
            }),
        );
        await settle();
        const config = one(T.config);
        assert.deepStrictEqual(config.inputs.spec, {
            scheme: "internet-facing",
            ipAddressType: "dualstack",
            listenerConfigurations: [
                {
                    protocolPort: "HTTPS:443",
                    defaultCertificate: CERT,
                    sslPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06",
                },
            ],
            sourceRanges: ["10.0.0.0/8", "2001:db8::/32"],
            wafV2: { webACL: WAF },
            tags: { team: "web", "cost-center": "42" },
        });
        assertValid([config, one(T.gateway), one(T.route)]);
    });

    it("uses the configuration API version the controller release serves: v1beta1 before v3.5.0", async () => {
        new AlbGateway("old", gatewayArgs({ controllerVersion: "v3.2.0" }));
        new AlbGateway("new", gatewayArgs({ controllerVersion: "v3.5.0" }));
        await settle();
        const old = one(T.configBeta, "old-lbconfig");
        assert.strictEqual(old.inputs.apiVersion, "gateway.k8s.aws/v1beta1");
        assert.deepStrictEqual(crdSchemaProblems(old.inputs, "v3.2.0"), []);
        // (control) v1 is not served by v3.2.0's CRDs: the schema check would refuse it
        assert.match(
            crdSchemaProblems(one(T.config, "new-lbconfig").inputs, "v3.2.0").join(),
            /gateway\.k8s\.aws\/v1 LoadBalancerConfiguration is not served by its CRD/,
        );
    });

    it("creates its namespace when asked, before the configuration and the Gateway", async () => {
        new AlbGateway("edge", gatewayArgs({ namespace: "edge", createNamespace: true }));
        await settle();
        const ns = one(T.namespace, "edge-ns");
        assert.strictEqual(ns.inputs.metadata.name, "edge");
        for (const r of [one(T.config), one(T.gateway)]) {
            assert.strictEqual(r.inputs.metadata.namespace, "edge");
            assert.ok(waitsFor(r, ns), r.name);
        }
    });

    it("reports the ALB's address from the Gateway's status as hostname and url", async () => {
        setEngineHooks({
            newResource: (_r, args) =>
                args.type === T.gateway
                    ? {
                          id: "edge",
                          state: {
                              ...fakeAnswer(args).state,
                              status: {
                                  addresses: [{ type: "Hostname", value: "k8s-default-edge-0a1b.elb.amazonaws.com" }],
                              },
                          },
                      }
                    : undefined,
            call: (_a, fake) => fake(),
        });
        const http = new AlbGateway("edge", gatewayArgs());
        const https = new AlbGateway("secure", gatewayArgs({ certificateArns: [CERT] }));
        await settle();
        assert.strictEqual(await valueOf(http.hostname), "k8s-default-edge-0a1b.elb.amazonaws.com");
        assert.strictEqual(await valueOf(http.url), "http://k8s-default-edge-0a1b.elb.amazonaws.com");
        assert.strictEqual(await valueOf(https.url), "https://k8s-default-edge-0a1b.elb.amazonaws.com");
        assert.deepStrictEqual(stateOutputs(one(T.component, "secure").urn), {
            gatewayName: "secure",
            gatewayNamespace: "default",
            sectionName: "https",
            hostname: "k8s-default-edge-0a1b.elb.amazonaws.com",
            url: "https://k8s-default-edge-0a1b.elb.amazonaws.com",
        });
    });

    // a Gateway the controller has not reconciled yet: no status, a status without addresses, an empty list
    for (const [what, status] of [
        ["no status", undefined],
        ["a status without addresses", {}],
        ["an empty address list", { addresses: [] }],
    ] as const) {
        it(`has no hostname or url while the Gateway has ${what}`, async () => {
            setEngineHooks({
                newResource: (_r, args) => {
                    if (args.type !== T.gateway) return undefined;
                    const state: Record<string, unknown> = { ...fakeAnswer(args).state, status };
                    if (status === undefined) delete state.status;
                    return { id: "edge", state };
                },
                call: (_a, fake) => fake(),
            });
            const g = new AlbGateway("edge", gatewayArgs());
            await settle();
            assert.strictEqual(await valueOf(g.hostname), "");
            assert.strictEqual(await valueOf(g.url), "");
        });
    }

    it("behind the controller: CRDs → release → GatewayClass → configuration and Gateway, and deleted in reverse", async () => {
        const controller = new AlbIngressController("lbc", controllerArgs({ gatewayApi: true }));
        // the output is `undefined` without gatewayApi, hence its type
        const gatewayClassName = controller.gatewayClassName;
        new AlbGateway("edge", { gatewayClassName, certificateArns: [CERT] });
        await settle();
        const [release, gatewayClass, gateway, route] = [
            one(T.release, "lbc-release"),
            // the class's resource name stays put: renaming it would replace the class in existing stacks
            one(T.gatewayClass, "lbc-gateway-class"),
            one(T.gateway),
            one(T.route),
        ];
        const crds = ofType("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition").filter((r) =>
            /\.gateway\.(networking\.k8s\.io|k8s\.aws)$/.test(r.inputs.metadata.name),
        );
        assert.strictEqual(crds.length, 13);
        for (const crd of crds) assert.ok(waitsFor(release, crd), crd.name);
        assert.ok(waitsFor(gatewayClass, release));
        // what `kubectl get gatewayclass` shows beside the controller name
        assert.strictEqual(gatewayClass.inputs.spec.controllerName, "gateway.k8s.aws/alb");
        assert.match(gatewayClass.inputs.spec.description, /AWS Load Balancer Controller/);
        // Pulumi deletes a resource before what it depends on: the Gateway (with the controller's finalizer) goes
        // while the controller runs, and before the GatewayClass whose finalizer waits for it.
        assert.ok(waitsFor(gateway, gatewayClass));
        assert.ok(waitsFor(route, gateway));
        // the configuration's finalizer is lifted by the controller: it goes before the class and the release
        assert.ok(waitsFor(one(T.config), gatewayClass));
        assert.strictEqual(gateway.inputs.spec.gatewayClassName, "alb");
        assert.strictEqual(recorded.filter((r) => r.type === T.config).length, 1);
    });

    it("passes the component's own dependsOn to its children", async () => {
        const before = new k8s.core.v1.ConfigMap("before", { metadata: { name: "before" } });
        new AlbGateway("edge", gatewayArgs(), { dependsOn: [before] });
        await settle();
        const cm = one("kubernetes:core/v1:ConfigMap");
        assert.ok(waitsFor(one(T.config), cm));
        assert.ok(waitsFor(one(T.gateway), cm));
    });
});
