/**
 * The pack reads the controller's Helm values the way the chart applies them (policies/albModel.ts
 * `controllerView`): `ingressClass`, `createIngressClassResource`, `ingressClassConfig.default`,
 * `ingressClassParams` (created by the chart, or an existing one by name) and `defaultLoadBalancerScheme`. Each is
 * observed through alb-internet-facing-https, which judges an HTTP-only ALB only when it is internet-facing and
 * served by the controller.
 */
import * as assert from "assert";
import { albInternetFacingHttps } from "../../policy-pack/policies/alb";
import { type Fake, runStackPolicy } from "../harness/policies";

/** An HTTP-only Ingress of class `className` without any alb.ingress.kubernetes.io annotation. */
function ingress(className: string | undefined): Fake {
    return {
        type: "kubernetes:networking.k8s.io/v1:Ingress",
        name: "web-ing",
        props: {
            metadata: { name: "web", namespace: "apps" },
            spec: {
                ...(className === undefined ? {} : { ingressClassName: className }),
                rules: [
                    {
                        http: {
                            paths: [
                                {
                                    path: "/",
                                    pathType: "Prefix",
                                    backend: { service: { name: "web", port: { number: 80 } } },
                                },
                            ],
                        },
                    },
                ],
            },
        },
    };
}

function release(values: Record<string, unknown>, chart = "aws-load-balancer-controller"): Fake {
    return { type: "kubernetes:helm.sh/v3:Release", name: "lbc-release", props: { chart, version: "1.17.1", values } };
}

const publicParams: Fake = {
    type: "kubernetes:elbv2.k8s.aws/v1beta1:IngressClassParams",
    name: "public-params",
    props: { metadata: { name: "public" }, spec: { scheme: "internet-facing" } },
};

/** True when the policy judges the Ingress's ALB internet-facing (and reports its HTTP-only listener). */
async function internetFacing(fakes: Fake[]): Promise<boolean> {
    const v = (await runStackPolicy(albInternetFacingHttps, fakes)).violations;
    return v.length > 0;
}

describe("the controller's Helm values, as the pack reads them", () => {
    it("takes the default scheme from defaultLoadBalancerScheme, internal when unset", async () => {
        assert.strictEqual(await internetFacing([release({}), ingress("alb")]), false);
        assert.strictEqual(await internetFacing([release({ defaultLoadBalancerScheme: "" }), ingress("alb")]), false);
        assert.strictEqual(
            await internetFacing([release({ defaultLoadBalancerScheme: "internet-facing" }), ingress("alb")]),
            true,
        );
    });

    it("ignores the values of a release of another chart", async () => {
        const other = release({ defaultLoadBalancerScheme: "internet-facing" }, "ingress-nginx");
        assert.strictEqual(await internetFacing([other, ingress("alb")]), false);
    });

    it("serves the class named by ingressClass, unless the chart creates no IngressClass", async () => {
        const values = { ingressClass: "edge", defaultLoadBalancerScheme: "internet-facing" };
        assert.strictEqual(await internetFacing([release(values), ingress("edge")]), true);
        assert.strictEqual(await internetFacing([release(values), ingress("other")]), false);
        assert.strictEqual(
            await internetFacing([release({ ...values, createIngressClassResource: false }), ingress("edge")]),
            false,
        );
    });

    it("serves Ingresses without a class when ingressClassConfig.default is true", async () => {
        const values = { defaultLoadBalancerScheme: "internet-facing" };
        assert.strictEqual(await internetFacing([release(values), ingress(undefined)]), false);
        assert.strictEqual(
            await internetFacing([release({ ...values, ingressClassConfig: { default: true } }), ingress(undefined)]),
            true,
        );
    });

    it("applies the IngressClassParams the chart creates, or the existing one it names when it creates none", async () => {
        const created = { ingressClassParams: { spec: { scheme: "internet-facing" } } };
        assert.strictEqual(await internetFacing([release(created), ingress("alb")]), true);
        const notCreated = { ingressClassParams: { create: false, spec: { scheme: "internet-facing" } } };
        assert.strictEqual(await internetFacing([release(notCreated), ingress("alb")]), false);
        const named = { ingressClassParams: { create: false, name: "public" } };
        assert.strictEqual(await internetFacing([release(named), publicParams, ingress("alb")]), true);
        const emptySpec = { ingressClassParams: { spec: {}, name: "public" } };
        assert.strictEqual(await internetFacing([release(emptySpec), publicParams, ingress("alb")]), true);
    });
});
