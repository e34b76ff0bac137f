/**
 * The pack reads an IngressClass's parameters only from IngressClassParams objects (elbv2.k8s.aws/v1beta1, or Auto
 * Mode's eks.amazonaws.com/v1), as the controller does (`pkg/ingress/class_loader.go` gets the IngressClassParams
 * the IngressClass's `spec.parameters` names): another object of the same API group and name is not read as them.
 */
import * as assert from "assert";
import type { PolicyResource } from "@pulumi/policy";
import { classify, controllerView } from "../../policy-pack/policies/albModel";
import { autoModeIngressAnnotations } from "../../policy-pack/policies/autoModeIngress";
import { gatewayFeaturesIgnored } from "../../policy-pack/policies/gatewayFeatures";
import { type Fake, runStackPolicy } from "../harness/policies";
import { tgc } from "./gatewayFixtures";

const res = (type: string, props: Record<string, unknown>) => ({ type, name: "r", props }) as PolicyResource;
const ingressClass = res("kubernetes:networking.k8s.io/v1:IngressClass", {
    metadata: { name: "shared-alb" },
    spec: {
        controller: "ingress.k8s.aws/alb",
        parameters: { apiGroup: "elbv2.k8s.aws", kind: "IngressClassParams", name: "shared" },
    },
});
const ingress = { metadata: { name: "web", namespace: "apps" }, spec: { ingressClassName: "shared-alb" } };

describe("the pack reads IngressClassParams of their own types only", () => {
    it("takes the params of an IngressClassParams named by the class", () => {
        const params = res("kubernetes:elbv2.k8s.aws/v1beta1:IngressClassParams", {
            metadata: { name: "shared" },
            spec: { group: { name: "team" }, scheme: "internet-facing" },
        });
        const view = controllerView([params, ingressClass], []);
        assert.deepStrictEqual(classify(ingress, view), {
            served: true,
            params: { group: { name: "team" }, scheme: "internet-facing" },
            autoMode: false,
        });
    });

    it("does not take a TargetGroupBinding of the same group and name as the class's params (they stay unknown)", () => {
        const binding = res("kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding", {
            metadata: { name: "shared" },
            spec: { targetType: "ip", serviceRef: { name: "web", port: 80 } },
        });
        const view = controllerView([binding, ingressClass], []);
        assert.deepStrictEqual(classify(ingress, view), { served: true, params: undefined, autoMode: false });
    });
});

/**
 * EKS Auto Mode needs Kubernetes 1.29 or later (EKS user guide, create-auto.html) and networking.k8s.io/v1beta1
 * IngressClass is not served since 1.22, so automode-ingress-annotations judges networking.k8s.io/v1 IngressClasses
 * only: a v1beta1 one naming the Auto Mode controller never reaches it.
 */
describe("automode-ingress-annotations judges IngressClasses of networking.k8s.io/v1 only", () => {
    const autoClass = (version: string): Fake => ({
        type: `kubernetes:networking.k8s.io/${version}:IngressClass`,
        name: `class-${version}`,
        props: {
            metadata: { name: "auto", annotations: { "alb.ingress.kubernetes.io/scheme": "internet-facing" } },
            spec: { controller: "eks.amazonaws.com/alb" },
        },
    });

    it("reports an ALB annotation on a v1 Auto Mode IngressClass", async () => {
        const r = await runStackPolicy(autoModeIngressAnnotations, [autoClass("v1")]);
        assert.strictEqual(r.violations.length, 1);
        assert.match(
            r.violations[0].message,
            /^IngressClass auto annotation alb\.ingress\.kubernetes\.io\/scheme has no effect/,
        );
    });
    it("leaves a v1beta1 IngressClass of the same name and controller alone (not applicable)", async () => {
        const r = await runStackPolicy(autoModeIngressAnnotations, [autoClass("v1beta1")]);
        assert.deepStrictEqual([r.violations, r.applicable], [[], false]);
    });
});

/**
 * The controller's TargetGroupConfiguration CRD serves v1 and v1beta1 (config/crd/gateway/
 * gateway.k8s.aws_targetgroupconfigurations.yaml); the gateway policies read those types only, so an object of
 * another version (refused by the API server) is not judged as a configuration.
 */
describe("the gateway policies read TargetGroupConfigurations of the versions the CRD serves", () => {
    const config = (version: string): Fake => ({
        ...tgc("web", { targetReference: { kind: "Deployment", name: "web" } }),
        type: `kubernetes:gateway.k8s.aws/${version}:TargetGroupConfiguration`,
    });

    for (const version of ["v1", "v1beta1"]) {
        it(`reports a ${version} configuration whose targetReference names a Deployment`, async () => {
            const r = await runStackPolicy(gatewayFeaturesIgnored, [config(version)]);
            assert.strictEqual(r.violations.length, 1);
            assert.match(
                r.violations[0].message,
                /^TargetGroupConfiguration apps\/web spec\.targetReference\.kind must be Service or Gateway, got Deployment/,
            );
        });
    }
    it("does not judge a v1alpha1 object of that kind (not applicable)", async () => {
        const r = await runStackPolicy(gatewayFeaturesIgnored, [config("v1alpha1")]);
        assert.deepStrictEqual([r.violations, r.applicable], [[], false]);
    });
});
