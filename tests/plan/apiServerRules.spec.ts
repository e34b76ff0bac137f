/**
 * The API server's own rules (plan/apiServer.ts, cited there: kubernetes/kubernetes validation.go and
 * objectmeta.go) for each kind the plan writes: each problem names the field path and the value, and what the
 * API server accepts stays accepted. Values that are no string or map (unknown during a plan, or the schema's
 * business) are left alone instead of crashing the plan.
 */
import * as assert from "assert";
import { TOTAL_ANNOTATION_SIZE_LIMIT, apiServerProblems } from "../../plan/apiServer";
import type { KubernetesObject } from "../../plan/validate";

const obj = (kind: string, metadata: unknown, spec?: unknown, apiVersion = "v1") =>
    <KubernetesObject>{ apiVersion, kind, metadata, spec };

/** The field paths (what precedes the quoted value) of the problems with `o`. */
const fields = (o: KubernetesObject) => apiServerProblems(o).map((p) => p.slice(0, p.indexOf(' "')));

const ingress = (rule: unknown) => obj("Ingress", { name: "web" }, { rules: [rule] }, "networking.k8s.io/v1");
const ingressPath = (path: unknown, pathType: string) =>
    ingress({ http: { paths: [{ path, pathType, backend: { service: { name: "web", port: { number: 80 } } } }] } });

describe("API server rules, by kind and field", () => {
    it("RBAC names are path segments: colons allowed, '.', '..', '/' and '%' refused", () => {
        for (const kind of ["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"]) {
            assert.deepStrictEqual(apiServerProblems(obj(kind, { name: "system:controller:alb" })), [], kind);
            for (const name of [".", "..", "a/b", "a%b"])
                assert.deepStrictEqual(
                    apiServerProblems(obj(kind, { name })),
                    [`metadata.name ${JSON.stringify(name)} may not be '.' or '..' nor contain '/' or '%'`],
                    `${kind} ${name}`,
                );
        }
        assert.deepStrictEqual(apiServerProblems(obj("Role", { name: "a.b" })), []);
    });

    it("names the namespace, label keys and annotation keys it refuses", () => {
        assert.deepStrictEqual(fields(obj("ConfigMap", { name: "c", namespace: "Apps" })), ["metadata.namespace"]);
        assert.deepStrictEqual(fields(obj("ConfigMap", { name: "c", labels: { "bad key": "v" } })), [
            "metadata.labels key",
        ]);
        assert.deepStrictEqual(fields(obj("ConfigMap", { name: "c", annotations: { "bad key": "v" } })), [
            "metadata.annotations key",
        ]);
    });

    it("takes an empty name as not set, and leaves values that are no map or string to the schema", () => {
        assert.deepStrictEqual(apiServerProblems(obj("ConfigMap", { name: "", generateName: "web-" })), []);
        for (const labels of [["x y"], null, "x y"])
            assert.deepStrictEqual(apiServerProblems(obj("ConfigMap", { name: "c", labels })), [], String(labels));
        assert.deepStrictEqual(apiServerProblems(obj("ConfigMap", null)), []);
        assert.deepStrictEqual(
            apiServerProblems(obj("ConfigMap", { name: "c", annotations: { "a.example/n": 5 } })),
            [],
        );
    });

    it("counts annotation keys and values up to exactly 256 KiB", () => {
        const sized = (n: number) =>
            apiServerProblems(obj("ConfigMap", { name: "c", annotations: { k: "x".repeat(n - 1) } }));
        assert.deepStrictEqual(sized(TOTAL_ANNOTATION_SIZE_LIMIT), []);
        assert.deepStrictEqual(sized(TOTAL_ANNOTATION_SIZE_LIMIT + 1), [
            `metadata.annotations total ${TOTAL_ANNOTATION_SIZE_LIMIT + 1} bytes, more than the API server's limit of 256 KiB`,
        ]);
    });

    it("checks the selector, template labels and containers of every workload kind", () => {
        const bad = {
            selector: { matchLabels: { app: "x y" } },
            template: {
                metadata: { labels: { app: "x y" } },
                spec: { initContainers: [{ name: "Init" }], containers: [{ name: "web", ports: [{ name: "HTTP" }] }] },
            },
        };
        for (const kind of ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"])
            assert.deepStrictEqual(
                fields(obj(kind, { name: "w" }, bad, "apps/v1")),
                [
                    'spec.selector.matchLabels["app"]',
                    'spec.template.metadata.labels["app"]',
                    "spec.template.spec.initContainers[0].name",
                    "spec.template.spec.containers[0].ports[0].name",
                ],
                kind,
            );
        assert.deepStrictEqual(fields(obj("Pod", { name: "p" }, { containers: [{ name: "Web" }] })), [
            "spec.containers[0].name",
        ]);
        assert.deepStrictEqual(fields(obj("Job", { name: "j" }, bad, "batch/v1")), []);
    });

    it("leaves a workload without spec, template, metadata or object ports alone", () => {
        for (const spec of [
            undefined,
            {},
            { template: {} },
            { template: { spec: { containers: [{ ports: ["x"] }] } } },
        ])
            assert.deepStrictEqual(
                apiServerProblems(obj("Deployment", { name: "w" }, spec, "apps/v1")),
                [],
                JSON.stringify(spec),
            );
    });

    it("checks a Service's selector, port names and named target ports", () => {
        const service = obj(
            "Service",
            { name: "web" },
            {
                selector: { app: "x y" },
                ports: [{ name: "HTTP", targetPort: "web_http" }, { name: "http", targetPort: 8080 }, "x"],
            },
        );
        assert.deepStrictEqual(fields(service), [
            'spec.selector["app"]',
            "spec.ports[0].name",
            "spec.ports[0].targetPort",
        ]);
        assert.deepStrictEqual(
            apiServerProblems(obj("Service", { name: "web" }, { ports: [{ name: "http", targetPort: "http" }] })),
            [],
        );
    });

    it("checks Prefix and Exact Ingress paths, not ImplementationSpecific ones", () => {
        assert.deepStrictEqual(apiServerProblems(ingressPath("api", "ImplementationSpecific")), []);
        assert.deepStrictEqual(apiServerProblems(ingressPath(7, "Prefix")), []);
        assert.deepStrictEqual(apiServerProblems(ingressPath("api", "Exact")), [
            `spec.rules[0].http.paths[0].path "api" must be an absolute path`,
        ]);
        assert.deepStrictEqual(apiServerProblems(ingressPath("/a/..", "Prefix")), [
            `spec.rules[0].http.paths[0].path "/a/.." must not end with '/..'`,
        ]);
        assert.deepStrictEqual(apiServerProblems(ingressPath("/a/.", "Prefix")), [
            `spec.rules[0].http.paths[0].path "/a/." must not end with '/.'`,
        ]);
        assert.deepStrictEqual(apiServerProblems(ingressPath("/.well-known/acme", "Prefix")), []);
    });

    it("checks Ingress hosts as DNS names (a wildcard's rest), naming the rule", () => {
        const host = (h: string) => apiServerProblems(ingress({ host: h }));
        for (const ok of ["app.v2", "1password.com", "*.example.com"]) assert.deepStrictEqual(host(ok), [], ok);
        assert.deepStrictEqual(
            host("--abc.com").map((p) => p.startsWith(`spec.rules[0].host "--abc.com" `)),
            [true],
        );
        assert.deepStrictEqual(apiServerProblems(ingress({ http: {} })), []);
        assert.deepStrictEqual(
            apiServerProblems(obj("Ingress", { name: "web" }, undefined, "networking.k8s.io/v1")),
            [],
        );
    });

    it("checks an Ingress backend's service name and port name, and leaves other backends alone", () => {
        const backend = (b: unknown) =>
            fields(ingress({ http: { paths: [{ path: "/", pathType: "Prefix", backend: b }] } }));
        assert.deepStrictEqual(backend({ service: { name: "1web", port: { name: "HTTP" } } }), [
            "spec.rules[0].http.paths[0].backend.service.name",
            "spec.rules[0].http.paths[0].backend.service.port.name",
        ]);
        assert.deepStrictEqual(backend({ resource: { kind: "Bucket", name: "b" } }), []);
        assert.deepStrictEqual(backend({ service: { name: "web" } }), []);
        assert.deepStrictEqual(backend(undefined), []);
    });
});

/** gateway.networking.k8s.io_gateways.yaml / _httproutes.yaml v1.6.0 (/work/shared/reference/gateway-api/v1.6.0). */
describe("Gateway API CEL rules the API server evaluates", () => {
    const gateway = (...listeners: unknown[]) =>
        obj("Gateway", { name: "gw" }, { listeners }, "gateway.networking.k8s.io/v1");
    const route = (...rules: unknown[]) => obj("HTTPRoute", { name: "r" }, { rules }, "gateway.networking.k8s.io/v1");
    const certs = { certificateRefs: [{ name: "tls" }] };

    it("applies the schema default tls.mode Terminate before the rules, as the API server defaults first", () => {
        // `mode: default: Terminate` in the CRD: a TLS listener with tls but no mode is a terminating one ...
        assert.deepStrictEqual(apiServerProblems(gateway({ name: "t", port: 443, protocol: "TLS", tls: certs })), []);
        // ... and so is an HTTPS listener with an empty tls, which then needs certificateRefs or options.
        assert.deepStrictEqual(apiServerProblems(gateway({ name: "h", port: 443, protocol: "HTTPS", tls: {} })), [
            "spec.listeners[0].tls certificateRefs or options must be specified when mode is Terminate",
        ]);
    });
    it("accepts listeners the CRD's rules accept", () => {
        assert.deepStrictEqual(
            apiServerProblems(
                gateway(
                    { name: "a", port: 80, protocol: "HTTP", hostname: "a.example.com" },
                    { name: "b", port: 80, protocol: "HTTP", hostname: "b.example.com" },
                    { name: "c", port: 443, protocol: "HTTPS", tls: { mode: "Terminate", ...certs } },
                    { name: "d", port: 8443, protocol: "HTTPS", tls: { options: { "example.com/x": "y" } } },
                    { name: "e", port: 9443, protocol: "TLS", tls: { mode: "Passthrough" } },
                    { name: "f", port: 5000, protocol: "TCP", hostname: "" },
                ),
            ),
            [],
        );
        assert.deepStrictEqual(
            apiServerProblems(obj("Gateway", { name: "gw" }, undefined, "gateway.networking.k8s.io/v1")),
            [],
        );
    });

    it("refuses each listener rule, naming the listener", () => {
        const one = (l: Record<string, unknown>) => apiServerProblems(gateway({ name: "l", port: 1, ...l }));
        for (const protocol of ["HTTP", "TCP", "UDP"])
            assert.deepStrictEqual(one({ protocol, tls: certs }), [
                "spec.listeners[0].tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']",
            ]);
        assert.deepStrictEqual(one({ protocol: "HTTPS", tls: { mode: "Passthrough" } }), [
            "spec.listeners[0].tls mode must be Terminate for protocol HTTPS",
        ]);
        assert.deepStrictEqual(one({ protocol: "HTTPS", tls: { mode: "Terminate" } }), [
            "spec.listeners[0].tls certificateRefs or options must be specified when mode is Terminate",
        ]);
        assert.deepStrictEqual(one({ protocol: "TLS" }), ["spec.listeners[0].tls mode must be set for protocol TLS"]);
        // An explicit empty mode (the schema's enum refuses it too), judged as each CEL rule judges it.
        assert.deepStrictEqual(one({ protocol: "TLS", tls: { mode: "" } }), [
            "spec.listeners[0].tls mode must be set for protocol TLS",
        ]);
        assert.deepStrictEqual(one({ protocol: "HTTPS", tls: { mode: "", ...certs } }), []);
        for (const protocol of ["TCP", "UDP"])
            assert.deepStrictEqual(one({ protocol, hostname: "a.example.com" }), [
                "spec.listeners[0].hostname must not be specified for protocols ['TCP', 'UDP']",
            ]);
        assert.deepStrictEqual(
            apiServerProblems(
                gateway(
                    { name: "a", port: 80, protocol: "HTTP" },
                    { name: "b", port: 80, protocol: "HTTP", hostname: "b.example.com" },
                    { name: "c", port: 80, protocol: "HTTP" },
                ),
            ),
            [
                "spec.listeners[2]: combination of port, protocol and hostname must be unique for each listener (as spec.listeners[0])",
            ],
        );
    });

    it("needs a port on a backendRef or mirror to a core Service, and no redirect with backendRefs", () => {
        assert.deepStrictEqual(
            apiServerProblems(
                route(
                    { backendRefs: [{ name: "web" }, { group: "", kind: "Service", name: "web", port: 80 }] },
                    { filters: [{ type: "RequestMirror", requestMirror: { backendRef: { name: "m" } } }] },
                    {
                        backendRefs: [{ name: "web", port: 80 }],
                        filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https" } }],
                    },
                ),
            ),
            [
                "spec.rules[0].backendRefs[0] must have port for Service reference",
                "spec.rules[1].filters[0].requestMirror.backendRef must have port for Service reference",
                "spec.rules[2]: RequestRedirect filter must not be used together with backendRefs",
            ],
        );
    });

    it("accepts refs to other kinds or groups without a port, redirects alone and other filters with backendRefs", () => {
        assert.deepStrictEqual(
            apiServerProblems(
                route(
                    {
                        backendRefs: [
                            { group: "multicluster.x-k8s.io", kind: "Service", name: "a" },
                            { kind: "Backend", name: "b" },
                        ],
                        filters: [{ type: "RequestHeaderModifier", requestHeaderModifier: {} }],
                    },
                    { filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https" } }] },
                ),
            ),
            [],
        );
        assert.deepStrictEqual(
            apiServerProblems(obj("HTTPRoute", { name: "r" }, undefined, "gateway.networking.k8s.io/v1")),
            [],
        );
    });

    it("leaves kinds named Gateway or HTTPRoute of other API groups alone", () => {
        assert.deepStrictEqual(
            apiServerProblems(
                obj("Gateway", { name: "g" }, { listeners: [{ protocol: "HTTP", tls: {} }] }, "networking.istio.io/v1"),
            ),
            [],
        );
        assert.deepStrictEqual(
            apiServerProblems(
                obj("HTTPRoute", { name: "r" }, { rules: [{ backendRefs: [{ name: "x" }] }] }, "example.com/v1"),
            ),
            [],
        );
    });
});
