import * as assert from "assert";
import { autoModeIngressAnnotations } from "../../policy-pack/policies/autoModeIngress";
import { type Fake, runStackPolicy } from "../harness/policies";
import { loadFixture } from "./corpus";

const A = (k: string) => `alb.ingress.kubernetes.io/${k}`;

const ingressClass = (name: string, controller: string, annotations: Record<string, string> = {}): Fake => ({
    type: "kubernetes:networking.k8s.io/v1:IngressClass",
    name: `class-${name}`,
    props: { metadata: { name, annotations }, spec: { controller } },
});
const ingress = (className: string | undefined, annotations: Record<string, string>): Fake => ({
    type: "kubernetes:networking.k8s.io/v1:Ingress",
    name: "web",
    props: {
        metadata: { name: "web", namespace: "apps", annotations },
        spec: {
            ingressClassName: className,
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
});
const AUTO = "eks.amazonaws.com/alb";

describe("automode-ingress-annotations", () => {
    it("is mandatory", () => assert.strictEqual(autoModeIngressAnnotations.enforcementLevel, "mandatory"));
    it("reports annotations EKS Auto Mode does not support on an Ingress of an Auto Mode class", async () => {
        const fakes = [
            ingressClass("auto", AUTO),
            ingress("auto", {
                [A("group.name")]: "team",
                [A("shield-advanced-protection")]: "true",
                [A("listener-attributes.HTTP-80")]: "routing.http.response.server.enabled=false",
                [A("scheme")]: "internal",
            }),
        ];
        const messages = (await runStackPolicy(autoModeIngressAnnotations, fakes)).violations.map((v) => v.message);
        assert.strictEqual(messages.length, 3, messages.join("\n"));
        assert.match(
            messages[0],
            /^Ingress apps\/web \(EKS Auto Mode class\) annotation alb\.ingress\.kubernetes\.io\/group\.name is not supported by EKS Auto Mode; groups are set in the IngressClass only/,
        );
        assert.match(messages[2], /listener-attributes\.HTTP-80 is not supported/);
    });
    it("reads the default IngressClass, and classes outside the stack from autoModeIngressClasses", async () => {
        const defaultClass = ingressClass("auto", AUTO, { "ingressclass.kubernetes.io/is-default-class": "true" });
        const bad = ingress(undefined, { [A("group.name")]: "team" });
        assert.strictEqual(
            (await runStackPolicy(autoModeIngressAnnotations, [defaultClass, bad])).violations.length,
            1,
        );
        const outside = ingress("eks-auto", { [A("group.name")]: "team" });
        assert.strictEqual((await runStackPolicy(autoModeIngressAnnotations, [outside])).applicable, false);
        const r = await runStackPolicy(autoModeIngressAnnotations, [outside], { autoModeIngressClasses: ["eks-auto"] });
        assert.strictEqual(r.violations.length, 1);
    });
    it("leaves Ingresses of the self-managed controller alone", async () => {
        const fakes = [ingressClass("alb", "ingress.k8s.aws/alb"), ingress("alb", { [A("group.name")]: "team" })];
        const r = await runStackPolicy(autoModeIngressAnnotations, fakes);
        assert.deepStrictEqual([r.violations, r.applicable], [[], false]);
    });
    it("reports annotations on an Auto Mode IngressClass and IngressClassParams fields Auto Mode renamed", async () => {
        const params: Fake = {
            type: "kubernetes:eks.amazonaws.com/v1:IngressClassParams",
            name: "params",
            props: { metadata: { name: "alb" }, spec: { scheme: "internal", certificateArn: "arn:aws:acm:x" } },
        };
        const fakes = [ingressClass("auto", AUTO, { [A("scheme")]: "internal" }), params];
        const messages = (await runStackPolicy(autoModeIngressAnnotations, fakes)).violations.map((v) => v.message);
        assert.strictEqual(messages.length, 2, messages.join("\n"));
        assert.match(messages[0], /^IngressClass auto annotation alb\.ingress\.kubernetes\.io\/scheme has no effect/);
        assert.match(
            messages[1],
            /^IngressClassParams alb spec\.certificateArn is not supported by EKS Auto Mode; use spec\.certificateARNs/,
        );
    });
    it("accepts the EKS User Guide's Auto Mode examples", async () => {
        for (const file of ["automode-configure-alb.yaml", "automode-elb-example.yaml"]) {
            const r = await runStackPolicy(autoModeIngressAnnotations, loadFixture(file));
            assert.deepStrictEqual([r.violations, r.applicable], [[], true], file);
        }
    });
});
