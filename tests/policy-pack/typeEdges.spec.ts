/**
 * The pack reads an IngressClass's parameters only from IngressClassParams objects (elbv2.k8s.aws/v1beta1, or Auto
 * Mode's eks.amazonaws.com/v1), as the controller does (`pkg/ingress/class_loader.go` gets the IngressClassParams
 * the IngressClass's `spec.parameters` names): another object of the same API group and name is not read as them.
 */
import * as assert from "assert";
import type { PolicyResource } from "@pulumi/policy";
import { classify, controllerView } from "../../policy-pack/policies/albModel";

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
