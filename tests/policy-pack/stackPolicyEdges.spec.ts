import * as assert from "assert";
import { albIngressAfterController, albTargetTypeService } from "../../policy-pack/policies/stack";
import { type Fake, runStackPolicy, urnOf } from "../harness/policies";

const ING = "kubernetes:networking.k8s.io/v1:Ingress";
const SVC = "kubernetes:core/v1:Service";

/** A Service `name` of `type` (ClusterIP when absent), in `namespace` (none: the default namespace). */
const service = (name: string, type?: string, namespace?: string, o: Partial<Fake> = {}): Fake => ({
    type: SVC,
    name: `${name}-svc`,
    props: { metadata: { name, ...(namespace ? { namespace } : {}) }, spec: { type } },
    ...o,
});
/** An ALB Ingress `name` (class alb, instance targets by default) with the given `spec` besides its class. */
const ingressWith = (name: string, spec: Record<string, unknown>, namespace?: string, o: Partial<Fake> = {}): Fake => ({
    type: ING,
    name: `${name}-ing`,
    props: { metadata: { name, ...(namespace ? { namespace } : {}) }, spec: { ingressClassName: "alb", ...spec } },
    ...o,
});
/** An Ingress routing `/` to Service `to` port 80. */
const ingress = (name: string, to: string, namespace?: string, o: Partial<Fake> = {}): Fake =>
    ingressWith(
        name,
        {
            rules: [
                {
                    http: {
                        paths: [
                            { path: "/", pathType: "Prefix", backend: { service: { name: to, port: { number: 80 } } } },
                        ],
                    },
                },
            ],
        },
        namespace,
        o,
    );
const release: Fake = {
    type: "kubernetes:helm.sh/v3:Release",
    name: "lbc-release",
    props: { chart: "aws-load-balancer-controller", version: "1.17.1" },
};

const messages = async (fakes: Fake[]) =>
    (await runStackPolicy(albTargetTypeService, fakes)).violations.map((v) => v.message);

describe("stack policies at their edges", () => {
    describe("alb-target-type-service", () => {
        it("finds the Service of an Ingress without a namespace in the default namespace, and not in another", async () => {
            assert.deepStrictEqual(await messages([ingress("web", "web"), service("web", "ClusterIP", "default")]), [
                "Ingress web routes to Service web (type ClusterIP) with instance targets; set the Service's spec.type to NodePort, or annotate alb.ingress.kubernetes.io/target-type: ip.",
            ]);
            assert.deepStrictEqual(
                await messages([ingress("web", "web", "apps"), service("web", "ClusterIP", "other")]),
                [],
            );
        });

        it("reports a ClusterIP Service behind the default backend (v1 spec.defaultBackend)", async () => {
            const f = ingressWith("web", { defaultBackend: { service: { name: "web", port: { number: 80 } } } });
            assert.strictEqual((await messages([f, service("web")])).length, 1);
        });

        it("reports a ClusterIP Service behind a v1beta1 spec.backend, but not a use-annotation action", async () => {
            const old = ingressWith("web", { backend: { serviceName: "web", servicePort: 80 } });
            assert.strictEqual((await messages([old, service("web")])).length, 1);
            const action = ingressWith("redirect", {
                backend: { serviceName: "redirect", servicePort: "use-annotation" },
            });
            assert.deepStrictEqual(await messages([action, service("redirect")]), []);
        });

        it("does not take a resource backend for a Service (not even one named undefined)", async () => {
            const f = ingressWith("web", {
                defaultBackend: { resource: { apiGroup: "k8s.example.com", kind: "Bucket", name: "static" } },
            });
            assert.deepStrictEqual(await messages([f, service("undefined")]), []);
        });

        it("accepts instance targets on a LoadBalancer Service (it has node ports)", async () => {
            assert.deepStrictEqual(await messages([ingress("web", "web"), service("web", "LoadBalancer")]), []);
        });

        it("is not applicable to a stack without an ALB Ingress", async () => {
            const r = await runStackPolicy(albTargetTypeService, [service("web")]);
            assert.deepStrictEqual([r.violations, r.applicable], [[], false]);
        });
    });

    describe("alb-ingress-after-controller", () => {
        const R = urnOf(release);
        const run = async (fakes: Fake[]) =>
            (await runStackPolicy(albIngressAfterController, fakes)).violations.map((v) => v.message);

        it("reports an Ingress whose parent (and its dependencies) do not wait for the release", async () => {
            const other: Fake = { type: "kubernetes:core/v1:Namespace", name: "apps", props: {} };
            const app: Fake = {
                type: "eks-alb-ingress:index:IngressApp",
                name: "web",
                props: {},
                dependencies: [urnOf(other)],
            };
            const fakes = [release, other, app, ingress("web", "none", undefined, { parent: urnOf(app) })];
            assert.deepStrictEqual(await run(fakes), [
                "Ingress web does not depend on the controller's release lbc-release; add dependsOn: [<the release or the AlbIngressController>] so that it is created after the webhook is ready and deleted before the controller.",
            ]);
            const after = { ...app, dependencies: [urnOf(other), R] };
            assert.deepStrictEqual(await run([release, other, after, fakes[3]]), []);
        });

        it("is not applicable when the stack's only Helm release installs another chart", async () => {
            const certManager: Fake = { ...release, name: "cert-manager", props: { chart: "cert-manager" } };
            const r = await runStackPolicy(albIngressAfterController, [certManager, ingress("web", "web")]);
            assert.deepStrictEqual([r.violations, r.applicable], [[], false]);
        });

        it("checks a stack whose resources share many dependencies in linear time", async () => {
            // A ladder of 60 rungs, each resource depending on both of the rung below: 2^60 paths, 120 resources.
            const rungs: Fake[][] = [];
            for (let i = 0; i < 60; i++) {
                const below = rungs[i - 1] ?? [release];
                rungs.push(
                    ["a", "b"].map((s) => ({
                        type: "kubernetes:core/v1:ConfigMap",
                        name: `cm-${i}-${s}`,
                        props: {},
                        dependencies: below.map(urnOf),
                    })),
                );
            }
            const top = rungs[rungs.length - 1].map(urnOf);
            const fakes = [release, ...rungs.flat(), ingress("web", "none", undefined, { dependencies: top })];
            assert.deepStrictEqual(await run(fakes), []);
            // The same ladder without the release at its foot: nothing waits for it.
            rungs[0].forEach((f) => (f.dependencies = []));
            assert.strictEqual((await run(fakes)).length, 1);
        });

        it("does not take a dependency cycle (which the engine never produces) for waiting on the release", async () => {
            const a: Fake = { type: "kubernetes:core/v1:ConfigMap", name: "a", props: {}, dependencies: [] };
            const b: Fake = { type: "kubernetes:core/v1:ConfigMap", name: "b", props: {}, dependencies: [urnOf(a)] };
            a.dependencies = [urnOf(b)];
            const ing = ingress("web", "none", undefined, { dependencies: [urnOf(a)] });
            assert.strictEqual((await run([release, a, b, ing])).length, 1);
        });
    });
});
