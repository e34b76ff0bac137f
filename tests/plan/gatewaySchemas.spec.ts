/**
 * The plan's check of custom resources against their CRDs' OpenAPI schemas (plan/crdSchema.ts) and of the Gateway
 * API's CEL rules the API server evaluates (plan/apiServer.ts): what each would refuse, on objects shaped like the
 * ones the components write, against the upstream CRDs (Gateway API v1.6.0 standard channel, the controller's
 * gateway CRDs).
 */
import * as assert from "assert";
import { apiServerProblems } from "../../plan/apiServer";
import { bundledCrds, customResourceProblems, validateAgainst } from "../../plan/crdSchema";
import { type KubernetesObject, recordedCrds, schemaProblems } from "../../plan/validate";

const gateway = (spec: Record<string, unknown> = {}): KubernetesObject => ({
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "Gateway",
    metadata: { name: "shared", namespace: "gateways" },
    spec: {
        gatewayClassName: "alb",
        listeners: [{ name: "http", port: 80, protocol: "HTTP", allowedRoutes: { namespaces: { from: "All" } } }],
        infrastructure: {
            parametersRef: { group: "gateway.k8s.aws", kind: "LoadBalancerConfiguration", name: "shared" },
        },
        ...spec,
    },
});
const route = (rule: Record<string, unknown> = {}): KubernetesObject => ({
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name: "web", namespace: "web" },
    spec: {
        parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "shared", namespace: "gateways" }],
        rules: [
            {
                matches: [{ path: { type: "PathPrefix", value: "/" } }],
                backendRefs: [{ name: "web", port: 80 }],
                ...rule,
            },
        ],
    },
});
const lbConfig = (spec: Record<string, unknown>, apiVersion = "gateway.k8s.aws/v1"): KubernetesObject => ({
    apiVersion,
    kind: "LoadBalancerConfiguration",
    metadata: { name: "shared", namespace: "gateways" },
    spec,
});

describe("plan: Gateway API objects against their CRDs", () => {
    it("bundles the Gateway API standard CRDs and the controller's gateway CRDs", () => {
        const kinds = bundledCrds().map((c) => `${c.spec?.group}/${c.spec?.names?.kind}`);
        for (const kind of [
            "gateway.networking.k8s.io/Gateway",
            "gateway.networking.k8s.io/GatewayClass",
            "gateway.networking.k8s.io/HTTPRoute",
            "gateway.k8s.aws/LoadBalancerConfiguration",
            "gateway.k8s.aws/TargetGroupConfiguration",
            "elbv2.k8s.aws/IngressClassParams",
        ])
            assert.ok(kinds.includes(kind), kind);
    });

    it("accepts a Gateway, an HTTPRoute and a LoadBalancerConfiguration as the components write them", () => {
        assert.deepStrictEqual(schemaProblems(gateway()), []);
        assert.deepStrictEqual(schemaProblems(route()), []);
        assert.deepStrictEqual(
            schemaProblems(
                lbConfig({ scheme: "internet-facing", listenerConfigurations: [{ protocolPort: "HTTP:80" }] }),
            ),
            [],
        );
    });

    it("refuses what the schema refuses: a wrong enum, a pattern, a missing field, a duplicate list-map key", () => {
        assert.deepStrictEqual(schemaProblems(lbConfig({ scheme: "public" })), [
            'LoadBalancerConfiguration.spec.scheme: must be one of "internal", "internet-facing", got "public"',
        ]);
        const listeners = [
            { name: "http", port: 80, protocol: "HTTP" },
            { name: "http", port: 8080, protocol: "HTTP" },
        ];
        assert.deepStrictEqual(schemaProblems(gateway({ listeners })), [
            "Gateway.spec.listeners[1]: duplicates Gateway.spec.listeners[0] (list map keys name)",
        ]);
        assert.match(
            schemaProblems(gateway({ gatewayClassName: "" })).join("\n"),
            /gatewayClassName: must be at least 1/,
        );
        const noName = route({ backendRefs: [{ port: 80 }] });
        assert.deepStrictEqual(schemaProblems(noName), ["HTTPRoute.spec.rules[0].backendRefs[0].name: is required"]);
        assert.match(
            schemaProblems(route({ matches: [{ path: { type: "Prefix", value: "/" } }] })).join("\n"),
            /path\.type: must be one of "Exact", "PathPrefix", "RegularExpression", got "Prefix"/,
        );
    });

    it("reports fields the schema does not know, which the API server would prune", () => {
        assert.deepStrictEqual(schemaProblems(lbConfig({ schema: "internal" })), [
            "LoadBalancerConfiguration.spec.schema: unknown field (the API server prunes it: the schema has no such property)",
        ]);
    });

    it("refuses a version the CRD does not serve, preferring the CRDs the plan applies over the bundled ones", () => {
        assert.match(schemaProblems(lbConfig({}, "gateway.k8s.aws/v2"))[0], /is not served by its CRD \(served: /);
        // The stack applies an older CRD that serves only v1beta1: a v1 object is refused against it.
        const bundled = bundledCrds().find((c) => c.spec?.names?.kind === "LoadBalancerConfiguration")!;
        const old = structuredClone(bundled) as Record<string, any>;
        old.spec.versions = old.spec.versions.filter((v: { name: string }) => v.name === "v1beta1");
        const applied = recordedCrds([
            { object: { apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", ...old } },
        ]);
        assert.deepStrictEqual(schemaProblems(lbConfig({}), undefined, applied), [
            "gateway.k8s.aws/v1 LoadBalancerConfiguration is not served by its CRD (served: gateway.k8s.aws/v1beta1)",
        ]);
        assert.deepStrictEqual(schemaProblems(lbConfig({}, "gateway.k8s.aws/v1beta1"), undefined, applied), []);
    });

    it("says when a kind has no schema, except Auto Mode's IngressClassParams, whose schema AWS does not publish", () => {
        assert.deepStrictEqual(schemaProblems({ apiVersion: "example.com/v1", kind: "Widget" }), [
            "no schema for example.com/v1 Widget",
        ]);
        const params = { apiVersion: "eks.amazonaws.com/v1", kind: "IngressClassParams", spec: { scheme: "internal" } };
        assert.deepStrictEqual(schemaProblems(params), []);
        assert.strictEqual(customResourceProblems(params, bundledCrds()), undefined);
    });

    it("applies the structural keywords: int-or-string, nullable, bounds, anyOf/oneOf", () => {
        const intOrString = { "x-kubernetes-int-or-string": true };
        assert.deepStrictEqual(validateAgainst(intOrString, 80, "p"), []);
        assert.deepStrictEqual(validateAgainst(intOrString, "http", "p"), []);
        assert.deepStrictEqual(validateAgainst(intOrString, 1.5, "p"), ["p: must be of type int-or-string, got 1.5"]);
        assert.deepStrictEqual(validateAgainst({ type: "string", nullable: true }, null, "p"), []);
        assert.deepStrictEqual(validateAgainst({ type: "integer", maximum: 65535, minimum: 1 }, 0, "p"), [
            "p: must be at least 1, got 0",
        ]);
        assert.deepStrictEqual(validateAgainst({ type: "string", maxLength: 2 }, "ééé", "p"), [
            "p: must be at most 2 characters, got 3",
        ]);
        const oneOf = { oneOf: [{ required: ["a"] }, { required: ["b"] }] };
        assert.deepStrictEqual(validateAgainst({ type: "object", ...oneOf }, { a: 1 }, "p"), []);
        assert.match(validateAgainst({ type: "object", ...oneOf }, { a: 1, b: 2 }, "p")[0], /exactly one/);
    });
});

describe("plan: the Gateway API's CEL rules the API server evaluates", () => {
    it("accepts the components' Gateway and HTTPRoute", () => {
        assert.deepStrictEqual(apiServerProblems(gateway()), []);
        assert.deepStrictEqual(apiServerProblems(route()), []);
    });

    it("refuses TLS settings where the listener's protocol takes none, and HTTPS modes other than Terminate", () => {
        const problems = apiServerProblems(
            gateway({
                listeners: [
                    { name: "http", port: 80, protocol: "HTTP", tls: { mode: "Terminate" } },
                    { name: "https", port: 443, protocol: "HTTPS", tls: { mode: "Passthrough" } },
                    { name: "tls", port: 8443, protocol: "TLS" },
                ],
            }),
        );
        assert.deepStrictEqual(problems, [
            "spec.listeners[0].tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']",
            "spec.listeners[0].tls certificateRefs or options must be specified when mode is Terminate",
            "spec.listeners[1].tls mode must be Terminate for protocol HTTPS",
            "spec.listeners[2].tls mode must be set for protocol TLS",
        ]);
    });

    it("refuses two listeners with one port, protocol and hostname", () => {
        const listeners = [
            { name: "a", port: 80, protocol: "HTTP" },
            { name: "b", port: 80, protocol: "HTTP" },
            { name: "c", port: 80, protocol: "HTTP", hostname: "shop.example.com" },
        ];
        assert.deepStrictEqual(apiServerProblems(gateway({ listeners })), [
            "spec.listeners[1]: combination of port, protocol and hostname must be unique for each listener (as spec.listeners[0])",
        ]);
    });

    it("refuses a Service backendRef without a port, and a redirect together with backendRefs", () => {
        assert.deepStrictEqual(apiServerProblems(route({ backendRefs: [{ name: "web" }] })), [
            "spec.rules[0].backendRefs[0] must have port for Service reference",
        ]);
        // another kind of backend needs no port
        assert.deepStrictEqual(
            apiServerProblems(route({ backendRefs: [{ group: "x.io", kind: "Bucket", name: "b" }] })),
            [],
        );
        const redirect = { filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https" } }] };
        assert.deepStrictEqual(apiServerProblems(route(redirect)), [
            "spec.rules[0]: RequestRedirect filter must not be used together with backendRefs",
        ]);
        assert.deepStrictEqual(apiServerProblems(route({ ...redirect, backendRefs: [] })), []);
    });

    it("checks names of Gateway API objects as DNS-1123 subdomains", () => {
        const bad = { ...gateway(), metadata: { name: "Shared_GW", namespace: "gateways" } };
        assert.match(apiServerProblems(bad)[0], /^metadata\.name "Shared_GW"/);
    });
});
