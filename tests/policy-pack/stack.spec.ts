import * as assert from "assert";
import { albGroupConsistent, albIngressAfterController, albTargetTypeService } from "../../policy-pack/policies/stack";
import { type Fake, runStackPolicy, urnOf } from "../harness/policies";

const A = (k: string) => `alb.ingress.kubernetes.io/${k}`;
const ING = "kubernetes:networking.k8s.io/v1:Ingress";
const SVC = "kubernetes:core/v1:Service";

const service = (
    name: string,
    type?: string,
    annotations: Record<string, string> = {},
    o: Partial<Fake> = {},
): Fake => ({
    type: SVC,
    name: `${name}-svc`,
    props: { metadata: { name, namespace: "apps", annotations }, spec: { type } },
    ...o,
});
const ingress = (
    name: string,
    annotations: Record<string, string> = {},
    o: Partial<Fake> = {},
    host = "a.example.com",
    path = "/",
    ingressClassName = "alb",
): Fake => ({
    type: ING,
    name: `${name}-ing`,
    props: {
        metadata: { name, namespace: "apps", annotations },
        spec: {
            ingressClassName,
            rules: [
                {
                    host,
                    http: {
                        paths: [{ path, pathType: "Prefix", backend: { service: { name, port: { number: 80 } } } }],
                    },
                },
            ],
        },
    },
    ...o,
});
const release: Fake = {
    type: "kubernetes:helm.sh/v3:Release",
    name: "lbc-release",
    props: { chart: "aws-load-balancer-controller", version: "1.17.1" },
};
const R = urnOf(release);

/** IngressClass `public` of the controller with IngressClassParams `spec`. */
const publicClass = (spec: Record<string, unknown>): Fake[] => [
    {
        type: "kubernetes:elbv2.k8s.aws/v1beta1:IngressClassParams",
        name: "icp",
        props: { metadata: { name: "public" }, spec },
    },
    {
        type: "kubernetes:networking.k8s.io/v1:IngressClass",
        name: "ic",
        props: {
            metadata: { name: "public" },
            spec: {
                controller: "ingress.k8s.aws/alb",
                parameters: { apiGroup: "elbv2.k8s.aws", kind: "IngressClassParams", name: "public" },
            },
        },
    },
];

describe("stack policies", () => {
    describe("alb-target-type-service", () => {
        it("reports a violation when instance targets (the default) route to a ClusterIP Service", async () => {
            const { violations } = await runStackPolicy(albTargetTypeService, [ingress("web"), service("web")]);
            assert.strictEqual(violations.length, 1);
            assert.match(
                violations[0].message,
                /Service web \(type ClusterIP\) with instance targets; set the Service's spec\.type to NodePort/,
            );
            assert.strictEqual(violations[0].urn, urnOf(ingress("web")));
        });
        it("reports a violation when the Service itself asks for instance targets", async () => {
            const fakes = [
                ingress("web", { [A("target-type")]: "ip" }),
                service("web", "ClusterIP", { [A("target-type")]: "instance" }),
            ];
            assert.strictEqual((await runStackPolicy(albTargetTypeService, fakes)).violations.length, 1);
        });
        it("passes when instance targets route to a NodePort Service", async () => {
            assert.deepStrictEqual(
                (await runStackPolicy(albTargetTypeService, [ingress("web"), service("web", "NodePort")])).violations,
                [],
            );
        });
        it("accepts ip targets routing to a ClusterIP Service", async () => {
            const fakes = [ingress("web", { [A("target-type")]: "ip" }), service("web", "ClusterIP")];
            assert.deepStrictEqual((await runStackPolicy(albTargetTypeService, fakes)).violations, []);
        });
        it("accepts ip targets set on the Service, which wins over the Ingress (MergeStringMap keeps the Service's)", async () => {
            const fakes = [
                ingress("web", { [A("target-type")]: "instance" }),
                service("web", "ClusterIP", { [A("target-type")]: "ip" }),
            ];
            assert.deepStrictEqual((await runStackPolicy(albTargetTypeService, fakes)).violations, []);
        });
        it("accepts ip targets from IngressClassParams, from the chart's defaultTargetType, or on EKS Auto Mode", async () => {
            const release: Fake = {
                type: "kubernetes:helm.sh/v3:Release",
                name: "lbc",
                props: { chart: "aws-load-balancer-controller", values: { defaultTargetType: "ip" } },
            };
            const auto: Fake = {
                type: "kubernetes:networking.k8s.io/v1:IngressClass",
                name: "auto",
                props: { metadata: { name: "auto" }, spec: { controller: "eks.amazonaws.com/alb" } },
            };
            const fakes = [
                ...publicClass({ targetType: "ip" }),
                ingress("a", {}, {}, "a.example.com", "/", "public"),
                service("a", "ClusterIP"),
                auto,
                ingress("b", {}, {}, "a.example.com", "/", "auto"),
                service("b", "ClusterIP"),
            ];
            assert.deepStrictEqual((await runStackPolicy(albTargetTypeService, fakes)).violations, []);
            const viaChart = [release, ingress("c"), service("c", "ClusterIP")];
            assert.deepStrictEqual((await runStackPolicy(albTargetTypeService, viaChart)).violations, []);
        });
        it("accepts a use-annotation backend, which names an action and not a Service", async () => {
            const f = ingress("redirect");
            f.props.spec.rules[0].http.paths[0].backend = {
                service: { name: "redirect", port: { name: "use-annotation" } },
            };
            assert.deepStrictEqual(
                (await runStackPolicy(albTargetTypeService, [f, service("redirect")])).violations,
                [],
            );
        });
    });

    describe("alb-ingress-after-controller", () => {
        it("reports a violation when the Ingress and its Service do not depend on the release", async () => {
            const { violations } = await runStackPolicy(albIngressAfterController, [
                release,
                ingress("web"),
                service("web", "NodePort"),
            ]);
            assert.strictEqual(violations.length, 2);
            assert.match(
                violations[0].message,
                /Ingress web does not depend on the controller's release lbc-release; add dependsOn/,
            );
            assert.match(violations[1].message, /Service web \(backend of Ingress web\)/);
        });
        it("passes when the Ingress depends on the release directly and the Service through its parent", async () => {
            const app: Fake = { type: "eks-alb-ingress:index:IngressApp", name: "web", props: {}, dependencies: [R] };
            const fakes = [
                release,
                app,
                ingress("web", {}, { dependencies: [R] }),
                service("web", "NodePort", {}, { parent: urnOf(app) }),
            ];
            assert.deepStrictEqual((await runStackPolicy(albIngressAfterController, fakes)).violations, []);
        });
        it("passes when the dependency is transitive", async () => {
            const svc = service("web", "NodePort", {}, { dependencies: [R] });
            const fakes = [release, svc, ingress("web", {}, { dependencies: [urnOf(svc)] })];
            assert.deepStrictEqual((await runStackPolicy(albIngressAfterController, fakes)).violations, []);
        });
        it("passes when the stack has no controller release", async () => {
            const r = await runStackPolicy(albIngressAfterController, [ingress("web"), service("web")]);
            assert.deepStrictEqual([r.violations, r.applicable], [[], false]);
        });
    });

    describe("alb-group-consistent", () => {
        const g = (order: string, extra: Record<string, string> = {}) => ({
            [A("group.name")]: "shared",
            [A("group.order")]: order,
            ...extra,
        });
        const run = async (fakes: Fake[]) =>
            (await runStackPolicy(albGroupConsistent, fakes)).violations.map((v) => v.message);
        it("reports a violation when group members disagree on an exclusive setting", async () => {
            const fakes = [
                ingress("a", g("10", { [A("scheme")]: "internal" }), {}, "a.example.com"),
                ingress("b", g("20", { [A("scheme")]: "internet-facing" }), {}, "b.example.com"),
            ];
            const v = await run(fakes);
            assert.strictEqual(v.length, 1);
            assert.match(
                v[0],
                /IngressGroup shared disagrees on alb\.ingress\.kubernetes\.io\/scheme \(apps\/a=internal, apps\/b=internet-facing\)/,
            );
        });
        it("reports a violation when an IngressClassParams scheme conflicts with a member's annotation", async () => {
            const fakes = [
                ...publicClass({ scheme: "internal", group: { name: "shared" } }),
                ingress("a", {}, {}, "a.example.com", "/", "public"),
                ingress("b", { [A("group.name")]: "shared", [A("scheme")]: "internet-facing" }),
            ];
            assert.match((await run(fakes))[0], /disagrees on .*scheme/);
        });
        it("reports a violation when one load-balancer attribute or tag key gets two values", async () => {
            const fakes = [
                ingress(
                    "a",
                    g("1", {
                        [A("load-balancer-attributes")]: "idle_timeout.timeout_seconds=60",
                        [A("tags")]: "team=a",
                    }),
                ),
                ingress(
                    "b",
                    g("2", {
                        [A("load-balancer-attributes")]: "idle_timeout.timeout_seconds=120",
                        [A("tags")]: "team=b",
                    }),
                ),
            ];
            const v = await run(fakes);
            assert.strictEqual(v.length, 2, v.join("\n"));
            assert.match(v[0], /load-balancer-attributes key idle_timeout\.timeout_seconds/);
        });
        it("reports a violation when a port is HTTP on one member and HTTPS on another", async () => {
            const fakes = [
                ingress("a", g("1", { [A("listen-ports")]: '[{"HTTP":8443}]' })),
                ingress("b", g("2", { [A("listen-ports")]: '[{"HTTPS":8443}]', [A("certificate-arn")]: "arn:c" })),
            ];
            assert.match((await run(fakes))[0], /port 8443 as both HTTP and HTTPS/);
        });
        it("reports a violation when the SSL redirect port is not an HTTPS listener", async () => {
            const v = await run([ingress("a", { [A("ssl-redirect")]: "443" })]);
            assert.match(v[0], /redirects HTTP to port 443 .* but no member listens on it/);
        });
        it("reports a violation when an HTTPS listener has no certificate source", async () => {
            const f = ingress("a", { [A("listen-ports")]: '[{"HTTPS":443}]' });
            (f.props.spec.rules[0] as any).host = undefined;
            assert.match((await run([f]))[0], /HTTPS listener on port 443 without a certificate/);
        });
        it("reports a violation when two members set a default backend", async () => {
            const a = ingress("a", g("1"));
            const b = ingress("b", g("2"));
            for (const f of [a, b]) f.props.spec.defaultBackend = { service: { name: "x", port: { number: 80 } } };
            assert.match((await run([a, b]))[0], /several members with spec\.defaultBackend/);
        });
        it("accepts members that agree, and members that set a value only once", async () => {
            const fakes = [
                ingress("a", g("10", { [A("scheme")]: "internal" })),
                ingress("b", g("20", { [A("scheme")]: "internal" })),
                ingress("c", g("10"), {}, "a.example.com", "/c"),
            ];
            assert.deepStrictEqual(await run(fakes), []);
        });
        it("accepts two members with the same group.order and route (sortGroupMembers orders ties by namespace/name)", async () => {
            assert.deepStrictEqual(await run([ingress("a", g("10")), ingress("b", g("10"))]), []);
        });
        it("accepts the same subnets in another order, and different attribute or tag keys", async () => {
            const fakes = [
                ingress(
                    "a",
                    g("1", {
                        [A("subnets")]: "subnet-1,subnet-2",
                        [A("tags")]: "team=web",
                        [A("load-balancer-attributes")]: "idle_timeout.timeout_seconds=60",
                    }),
                ),
                ingress(
                    "b",
                    g("2", {
                        [A("subnets")]: "subnet-2, subnet-1",
                        [A("tags")]: "env=prod",
                        [A("load-balancer-attributes")]: "routing.http2.enabled=true",
                    }),
                ),
            ];
            assert.deepStrictEqual(await run(fakes), []);
        });
        it("accepts different ssl-policy or inbound-cidrs on different listener ports", async () => {
            const fakes = [
                ingress(
                    "a",
                    g("1", {
                        [A("listen-ports")]: '[{"HTTPS":443}]',
                        [A("certificate-arn")]: "arn:c",
                        [A("ssl-policy")]: "ELBSecurityPolicy-TLS13-1-2-2021-06",
                        [A("inbound-cidrs")]: "10.0.0.0/8",
                    }),
                ),
                ingress(
                    "b",
                    g("2", {
                        [A("listen-ports")]: '[{"HTTPS":8443}]',
                        [A("certificate-arn")]: "arn:c",
                        [A("ssl-policy")]: "ELBSecurityPolicy-TLS13-1-3-2021-06",
                        [A("inbound-cidrs")]: "0.0.0.0/0",
                    }),
                ),
            ];
            assert.deepStrictEqual(await run(fakes), []);
        });
        it("accepts an IngressClassParams value that overrides a member's own annotation", async () => {
            const fakes = [
                ...publicClass({ scheme: "internal", group: { name: "shared" } }),
                ingress("a", { [A("scheme")]: "internet-facing" }, {}, "a.example.com", "/", "public"),
                ingress("b", { [A("group.name")]: "shared", [A("scheme")]: "internal" }),
            ];
            assert.deepStrictEqual(await run(fakes), []);
        });
        it("accepts an SSL redirect to an HTTPS port declared by another member", async () => {
            const fakes = [
                ingress("a", g("1", { [A("ssl-redirect")]: "443" })),
                ingress("b", g("2", { [A("listen-ports")]: '[{"HTTPS":443}]', [A("certificate-arn")]: "arn:c" })),
            ];
            assert.deepStrictEqual(await run(fakes), []);
        });
    });
});
