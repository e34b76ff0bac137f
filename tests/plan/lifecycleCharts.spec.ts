import * as assert from "assert";
import { renderedObjects, sideObjects } from "../../plan/lifecycle/charts";
import { CERT_MANAGER_CRD_NAMES } from "../harness/fixtures";

const LBC = "aws-load-balancer-controller";
const keys = (inputs: Record<string, any>) => renderedObjects(inputs).map((o) => o.key);

// kubernetes-sigs/aws-load-balancer-controller helm/aws-load-balancer-controller/templates: _helpers.tpl (fullname,
// namePrefix), rbac.yaml, webhook.yaml, service.yaml, ingressclass.yaml.
describe("lifecycle: what a Helm release renders", () => {
    it("the controller chart: RBAC by the full name, webhooks by the name prefix, the Secret and the class", () => {
        assert.deepStrictEqual(keys({ chart: LBC, name: LBC, namespace: "kube-system", values: {} }), [
            `rbac.authorization.k8s.io/v1/ClusterRole/_/${LBC}-role`,
            `rbac.authorization.k8s.io/v1/ClusterRoleBinding/_/${LBC}-rolebinding`,
            "admissionregistration.k8s.io/v1/MutatingWebhookConfiguration/_/aws-load-balancer-webhook",
            "admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration/_/aws-load-balancer-webhook",
            "v1/Service/kube-system/aws-load-balancer-webhook-service",
            "v1/Secret/kube-system/aws-load-balancer-tls",
            "networking.k8s.io/v1/IngressClass/_/alb",
        ]);
    });

    it("the full name is the release name when it contains the chart name, else <release>-<chart>", () => {
        const role = (name: string) => renderedObjects({ chart: LBC, name, namespace: "x" })[0].name;
        assert.strictEqual(role(`my-${LBC}`), `my-${LBC}-role`);
        assert.strictEqual(role("lbc"), `lbc-${LBC}-role`);
    });

    it("with enableCertManager no Secret; without createIngressClassResource no class; ingressClass names it", () => {
        const base = { chart: LBC, name: LBC, namespace: "ns" };
        assert.ok(!keys({ ...base, values: { enableCertManager: true } }).some((k) => k.includes("/Secret/")));
        assert.ok(!keys({ ...base, values: { createIngressClassResource: false } }).some((k) => k.includes("Class/")));
        assert.ok(
            keys({ ...base, values: { ingressClass: "internal" } }).includes(
                "networking.k8s.io/v1/IngressClass/_/internal",
            ),
        );
        const objects = renderedObjects({ ...base, values: { ingressClass: "internal" } });
        assert.deepStrictEqual(objects.at(-1), {
            key: "networking.k8s.io/v1/IngressClass/_/internal",
            kind: "IngressClass",
            namespace: "",
            name: "internal",
            keep: false,
        });
    });

    it("a release without a namespace renders into `default`", () => {
        assert.ok(keys({ chart: LBC, name: LBC }).includes("v1/Service/default/aws-load-balancer-webhook-service"));
    });

    describe("cert-manager (deploy/charts/cert-manager: crds.enabled, crds.keep, installCRDs)", () => {
        const crds = (values: Record<string, any>) =>
            renderedObjects({ chart: "cert-manager", name: "cert-manager", namespace: "cert-manager", values });

        it("renders its six CRDs with crds.enabled or installCRDs, kept on uninstall unless crds.keep is false", () => {
            const kept = crds({ crds: { enabled: true } });
            assert.deepStrictEqual(
                kept.map((o) => o.name),
                CERT_MANAGER_CRD_NAMES,
            );
            assert.deepStrictEqual(kept[0], {
                key: "apiextensions.k8s.io/v1/CustomResourceDefinition/_/certificaterequests.cert-manager.io",
                kind: "CustomResourceDefinition",
                namespace: "",
                name: "certificaterequests.cert-manager.io",
                keep: true,
            });
            assert.strictEqual(crds({ installCRDs: true }).length, 6);
            assert.ok(crds({ crds: { enabled: true, keep: false } }).every((o) => o.keep === false));
        });

        it("renders none without them", () => {
            assert.deepStrictEqual(crds({}), []);
            assert.deepStrictEqual(crds({ crds: { enabled: false }, installCRDs: false }), []);
            assert.deepStrictEqual(renderedObjects({ chart: "cert-manager", name: "cm" }), []);
        });
    });

    it("any other chart renders nothing the world knows", () => {
        assert.deepStrictEqual(renderedObjects({ chart: "nginx", name: "n", namespace: "x", values: {} }), []);
    });

    describe("sideObjects", () => {
        it("with enableCertManager: cert-manager's Secret for the chart's serving Certificate, in the release's namespace", () => {
            assert.deepStrictEqual(
                sideObjects({ chart: LBC, name: LBC, namespace: "kube-system", values: { enableCertManager: true } }),
                [
                    {
                        key: "v1/Secret/kube-system/aws-load-balancer-tls",
                        kind: "Secret",
                        namespace: "kube-system",
                        name: "aws-load-balancer-tls",
                        keep: false,
                        certificate: "aws-load-balancer-serving-cert",
                    },
                ],
            );
            assert.strictEqual(
                sideObjects({ chart: LBC, name: LBC, values: { enableCertManager: true } })[0].namespace,
                "default",
            );
        });

        it("none when the chart writes the Secret itself, and none for other charts", () => {
            assert.deepStrictEqual(sideObjects({ chart: LBC, name: LBC, namespace: "x", values: {} }), []);
            assert.deepStrictEqual(sideObjects({ chart: LBC, name: LBC, namespace: "x" }), []);
            assert.deepStrictEqual(
                sideObjects({ chart: "cert-manager", name: "c", values: { enableCertManager: true } }),
                [],
            );
        });
    });
});
