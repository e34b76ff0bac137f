import * as assert from "assert";
import { AlbIngressController, IngressApp } from "../../components/index";
import { policies } from "../../policy-pack/policies";
import { controllerArgs, CERT_ARN as CERT } from "../harness/fixtures";
import { recorded, settle } from "../harness/mocks";
import { type Fake, fakesOf, runPolicies, runResourcePolicy, runStackPolicy } from "../harness/policies";

const WAF = "arn:aws:wafv2:us-west-2:123456789012:regional/webacl/web/abc";

/** Policy name → default enforcement level, as issue 4 lists them. */
const EXPECTED: Record<string, string> = {
    "ingress-networking-v1": "mandatory",
    "alb-ingress-class-name": "advisory",
    "alb-annotations-known": "mandatory",
    "alb-internet-facing-https": "mandatory",
    "alb-tls-policy": "advisory",
    "alb-waf-internet-facing": "advisory",
    "irsa-trust-scoped": "mandatory",
    "iam-no-admin-wildcard": "mandatory",
    "lbc-release-pinned": "mandatory",
    "lbc-high-availability": "advisory",
    "workload-image-pinned": "mandatory",
    "workload-resources": "advisory",
    "workload-probes": "advisory",
    "workload-security-context": "advisory",
    "workload-min-replicas": "advisory",
    "alb-target-type-service": "mandatory",
    "alb-ingress-after-controller": "mandatory",
    "alb-group-consistent": "mandatory",
    "gateway-route-parent": "mandatory",
    "gateway-route-attachment": "mandatory",
    "gateway-features-supported": "mandatory",
    "gateway-features-ignored": "advisory",
    "gateway-load-balancer-configuration": "advisory",
    "gateway-internet-facing-https": "mandatory",
    "automode-ingress-annotations": "mandatory",
};

/** The runbook's original manifests (alb-test-01), as the engine would see them. */
const RUNBOOK: Fake[] = [
    {
        type: "kubernetes:apps/v1:Deployment",
        name: "alb-test-01",
        props: {
            metadata: { name: "alb-test-01", namespace: "default" },
            spec: {
                replicas: 2,
                selector: { matchLabels: { app: "alb-test-01" } },
                template: {
                    metadata: { labels: { app: "alb-test-01" } },
                    spec: {
                        containers: [
                            {
                                name: "nginx",
                                image: "nginx:latest",
                                imagePullPolicy: "Always",
                                ports: [{ containerPort: 80 }],
                            },
                        ],
                    },
                },
            },
        },
    },
    {
        type: "kubernetes:core/v1:Service",
        name: "alb-test-01-svc",
        props: {
            metadata: { name: "alb-test-01", namespace: "default" },
            spec: { type: "NodePort", selector: { app: "alb-test-01" }, ports: [{ port: 8080, targetPort: 80 }] },
        },
    },
    {
        type: "kubernetes:extensions/v1beta1:Ingress",
        name: "alb-test-01-ing",
        props: {
            metadata: {
                name: "alb-test-01",
                namespace: "default",
                annotations: {
                    "kubernetes.io/ingress.class": "alb",
                    "alb.ingress.kubernetes.io/scheme": "internet-facing",
                    "alb.ingress.kubernetes.io/target-type": "instance",
                },
            },
            spec: {
                rules: [
                    { http: { paths: [{ path: "/*", backend: { serviceName: "alb-test-01", servicePort: 8080 } }] } },
                ],
            },
        },
    },
];

describe("the policy pack", () => {
    it("holds the 18 policies of issue 4 with their default enforcement levels and full-sentence descriptions", () => {
        assert.deepStrictEqual(Object.fromEntries(policies.map((p) => [p.name, p.enforcementLevel])), EXPECTED);
        for (const p of policies) {
            assert.match(p.description, /^[A-Z].*\.$/, p.name);
        }
    });

    it("links every policy to the documentation or issue behind it, and gives it a severity", () => {
        for (const p of policies) {
            assert.match(
                p.url ?? "",
                /^https:\/\/(kubernetes-sigs\.github\.io|kubernetes\.io|docs\.aws\.amazon\.com|github\.com)\//,
                p.name,
            );
            assert.ok(["low", "medium", "high", "critical"].includes(p.severity ?? ""), p.name);
        }
    });

    it("passes when the components build a well-configured stack (no mandatory violation)", async () => {
        const controller = new AlbIngressController("lbc", controllerArgs());
        new IngressApp("web", {
            image: "public.ecr.aws/nginx/nginx:1.27",
            containerPort: 80,
            targetType: "instance",
            scheme: "internet-facing",
            certificateArns: [CERT],
            wafv2AclArn: WAF,
            host: "web.example.com",
            ingressClassName: controller.ingressClassName,
        });
        await settle();
        const violations = await runPolicies(policies, fakesOf(recorded));
        const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory");
        assert.deepStrictEqual(mandatory, []);
        // Every policy applied to something the components registered (none passed by being not applicable).
        const fakes = fakesOf(recorded);
        // The Gateway API and Auto Mode policies apply to the AlbGateway / AutoModeIngressClass stacks of
        // gatewayComponents.spec.ts, which checks that they do.
        const elsewhere = (name: string) => name.startsWith("gateway-") || name.startsWith("automode-");
        for (const p of policies.filter((x) => !elsewhere(x.name))) {
            const applied =
                "validateStack" in p
                    ? (await runStackPolicy(p, fakes)).applicable
                    : (await Promise.all(fakes.map((f) => runResourcePolicy(p, f)))).some((r) => r.applicable);
            assert.ok(applied, `${p.name} applied to nothing`);
        }
    });

    it("reports a violation when run over the runbook's original manifests", async () => {
        const violations = await runPolicies(policies, RUNBOOK);
        const byPolicy = new Map<string, string[]>();
        for (const v of violations) byPolicy.set(v.policy, [...(byPolicy.get(v.policy) ?? []), v.message]);
        assert.deepStrictEqual([...byPolicy.keys()].sort(), [
            "alb-ingress-class-name",
            "alb-internet-facing-https",
            "alb-waf-internet-facing",
            "ingress-networking-v1",
            "workload-image-pinned",
            "workload-probes",
            "workload-resources",
            "workload-security-context",
        ]);
        assert.match(byPolicy.get("workload-image-pinned")![0], /container nginx uses image nginx:latest/);
        assert.match(byPolicy.get("ingress-networking-v1")![0], /removed API extensions\/v1beta1/);
        assert.strictEqual(byPolicy.get("alb-ingress-class-name")!.length, 1);
        assert.match(byPolicy.get("alb-internet-facing-https")![0], /has no HTTPS listener/);
        const mandatory = new Set(violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policy));
        assert.deepStrictEqual([...mandatory].sort(), [
            "alb-internet-facing-https",
            "ingress-networking-v1",
            "workload-image-pinned",
        ]);
    });

    it("honours enforcement overrides from the pack config", async () => {
        const violations = await runPolicies(policies, RUNBOOK, {
            "workload-image-pinned": { enforcementLevel: "disabled" },
            "workload-probes": { enforcementLevel: "mandatory" },
        });
        assert.ok(!violations.some((v) => v.policy === "workload-image-pinned"));
        assert.ok(violations.some((v) => v.policy === "workload-probes" && v.enforcementLevel === "mandatory"));
    });
});
