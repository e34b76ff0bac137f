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
): Fake => ({
    type: ING,
    name: `${name}-ing`,
    props: {
        metadata: { name, namespace: "apps", annotations },
        spec: {
            ingressClassName: "alb",
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
        it("passes when ip targets route to a ClusterIP Service", async () => {
            const fakes = [ingress("web", { [A("target-type")]: "ip" }), service("web", "ClusterIP")];
            assert.deepStrictEqual((await runStackPolicy(albTargetTypeService, fakes)).violations, []);
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
        it("reports a violation when group members disagree on an exclusive setting", async () => {
            const fakes = [
                ingress("a", g("10", { [A("scheme")]: "internal" }), {}, "a.example.com"),
                ingress("b", g("20", { [A("scheme")]: "internet-facing" }), {}, "b.example.com"),
            ];
            const { violations } = await runStackPolicy(albGroupConsistent, fakes);
            assert.strictEqual(violations.length, 1);
            assert.match(
                violations[0].message,
                /IngressGroup shared disagrees on alb\.ingress\.kubernetes\.io\/scheme \(a=internal, b=internet-facing\)/,
            );
        });
        it("reports a violation when two members share an order and a route", async () => {
            const { violations } = await runStackPolicy(albGroupConsistent, [
                ingress("a", g("10")),
                ingress("b", g("10")),
            ]);
            assert.match(
                violations[0].message,
                /both have group\.order 10 and route a\.example\.com \/; give them different/,
            );
        });
        it("passes when members agree and have distinct orders", async () => {
            const fakes = [
                ingress("a", g("10", { [A("scheme")]: "internal" })),
                ingress("b", g("20", { [A("scheme")]: "internal" })),
                ingress("c", g("10"), {}, "a.example.com", "/c"),
            ];
            assert.deepStrictEqual((await runStackPolicy(albGroupConsistent, fakes)).violations, []);
        });
    });
});
