/**
 * Where each AlbIngressController argument ends up: the value a user sets (or the documented default) as the Helm
 * releases, the IAM objects, the ServiceAccount and the webhook certificates receive it. An argument that is
 * validated but never reaches its destination would change nothing; these specs fail then.
 */
import * as assert from "assert";
import * as k8s from "@pulumi/kubernetes";
import { AlbIngressController, type AlbIngressControllerArgs } from "../../../components/index";
import { controllerArgs } from "../../harness/fixtures";
import { one, ofType, waitsFor } from "../../harness/graph";
import { recorded, settle, valueOf } from "../../harness/mocks";

const T = {
    component: "eks-alb-ingress:index:AlbIngressController",
    release: "kubernetes:helm.sh/v3:Release",
    role: "aws:iam/role:Role",
    policy: "aws:iam/policy:Policy",
    oidc: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    association: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
    serviceAccount: "kubernetes:core/v1:ServiceAccount",
    namespace: "kubernetes:core/v1:Namespace",
    key: "tls:index/privateKey:PrivateKey",
    ca: "tls:index/selfSignedCert:SelfSignedCert",
    csr: "tls:index/certRequest:CertRequest",
    cert: "tls:index/locallySignedCert:LocallySignedCert",
};

async function install(name: string, args: Partial<AlbIngressControllerArgs> = {}): Promise<AlbIngressController> {
    const c = new AlbIngressController(name, controllerArgs(args));
    await settle();
    return c;
}

describe("AlbIngressController: where the arguments go", () => {
    it("records the version, identity and certificate mode on the component itself", async () => {
        await install("lbc", { version: "v2.7.0", webhookCertificates: "selfSigned" });
        assert.deepStrictEqual(one(T.component, "lbc").inputs, {
            version: "v2.7.0",
            identity: "irsa",
            webhookCertificates: "selfSigned",
        });
    });

    it("gives Helm the documented 600 s for both releases by default, and the given timeout otherwise", async () => {
        await install("dflt");
        await install("slow", { releaseTimeoutSeconds: 1200 });
        assert.deepStrictEqual(
            ofType(T.release).map((r) => [r.name, r.inputs.timeout]),
            [
                ["dflt-cert-manager", 600],
                ["dflt-release", 600],
                ["slow-cert-manager", 1200],
                ["slow-release", 1200],
            ],
        );
    });

    it("installs cert-manager from its own repository into certManagerNamespace", async () => {
        await install("cm", { certManagerNamespace: "certs" });
        const cm = one(T.release, "cm-cert-manager").inputs;
        assert.deepStrictEqual(
            [cm.name, cm.chart, cm.repositoryOpts, cm.namespace],
            ["cert-manager", "cert-manager", { repo: "https://charts.jetstack.io" }, "certs"],
        );
    });

    it("tags every AWS resource it creates with `tags`, and the role with the permissions boundary", async () => {
        const tags = { team: "platform", env: "prod" };
        const boundary = "arn:aws:iam::123456789012:policy/boundary";
        await install("irsa", { tags, permissionsBoundary: boundary });
        await install("pi", { tags, identity: "podIdentity", oidcIssuerUrl: undefined });
        assert.deepStrictEqual(one(T.oidc, "irsa-oidc").inputs.tags, tags);
        assert.deepStrictEqual(one(T.role, "irsa-role").inputs.tags, tags);
        assert.strictEqual(one(T.role, "irsa-role").inputs.permissionsBoundary, boundary);
        assert.strictEqual(one(T.role, "pi-role").inputs.permissionsBoundary, undefined);
        assert.deepStrictEqual(one(T.association, "pi-pod-identity").inputs.tags, tags);
        assert.deepStrictEqual(one(T.policy, "pi-policy").inputs.tags, {
            ...tags,
            "eks-alb-ingress/controller-version": "v3.5.0",
        });
    });

    it("describes the role by identity and ServiceAccount, and labels the ServiceAccount as the controller's", async () => {
        await install("lbc", { namespace: "lbc-system", createNamespace: true, serviceAccountName: "lbc" });
        assert.strictEqual(
            one(T.role).inputs.description,
            "AWS Load Balancer Controller (irsa: lbc-system/lbc), managed by eks-alb-ingress",
        );
        assert.deepStrictEqual(one(T.serviceAccount).inputs.metadata.labels, {
            "app.kubernetes.io/name": "aws-load-balancer-controller",
            "app.kubernetes.io/managed-by": "pulumi",
        });
    });

    it("creates the namespace only when asked, named `namespace`", async () => {
        await install("own", { namespace: "lbc-system", createNamespace: true });
        assert.strictEqual(one(T.namespace, "own-ns").inputs.metadata.name, "lbc-system");
        await install("shared", { namespace: "lbc-shared" });
        assert.strictEqual(ofType(T.namespace).length, 1, "no namespace for createNamespace: false (the default)");
    });

    it("exposes the IngressClass it was given, once the release is ready", async () => {
        const c = await install("cls", { ingressClass: "alb-internal" });
        assert.strictEqual(await valueOf(c.ingressClassName), "alb-internal");
        assert.strictEqual(one(T.release, "cls-release").inputs.values.ingressClass, "alb-internal");
    });

    it("exposes no OIDC provider with Pod Identity", async () => {
        const c = await install("pi", { identity: "podIdentity", oidcIssuerUrl: undefined });
        assert.strictEqual(await valueOf(c.oidcProviderArn), undefined);
    });

    it("passes a single (non-list) dependsOn on to the release", async () => {
        const before = new k8s.core.v1.ConfigMap("before", { data: { a: "b" } });
        await install("single", {});
        new AlbIngressController("after", controllerArgs(), { dependsOn: before });
        await settle();
        assert.ok(waitsFor(one(T.release, "after-release"), one("kubernetes:core/v1:ConfigMap", "before")));
        assert.ok(!waitsFor(one(T.release, "single-release"), one("kubernetes:core/v1:ConfigMap", "before")));
    });

    it("schedules the controller anywhere by default: no tolerations and no node selector reach the chart", async () => {
        await install("sched");
        const values = one(T.release, "sched-release").inputs.values;
        assert.deepStrictEqual([values.tolerations, values.nodeSelector], [[], {}]);
    });

    it("marks the IngressClass as the cluster default only when asked", async () => {
        await install("dflt");
        await install("deflt", { defaultIngressClass: true });
        assert.deepStrictEqual(one(T.release, "dflt-release").inputs.values.ingressClassConfig, { default: false });
        assert.deepStrictEqual(one(T.release, "deflt-release").inputs.values.ingressClassConfig, { default: true });
    });

    describe("self-signed webhook certificates", () => {
        beforeEach(() =>
            install("ss", {
                webhookCertificates: "selfSigned",
                namespace: "lbc-system",
                createNamespace: true,
                helmValues: { cluster: { dnsDomain: "corp.internal" } },
            }),
        );

        it("signs the serving certificate with the generated CA, whose certificate the chart gets as caCert", async () => {
            const [caKey, servingKey] = [one(T.key, "ss-webhook-ca-key"), one(T.key, "ss-webhook-key")];
            for (const key of [caKey, servingKey]) {
                assert.deepStrictEqual([key.inputs.algorithm, key.inputs.rsaBits], ["RSA", 2048], key.name);
            }
            const [ca, csr, cert] = [one(T.ca), one(T.csr), one(T.cert)];
            assert.strictEqual(
                ca.inputs.privateKeyPem,
                `-----BEGIN RSA PRIVATE KEY-----\nMOCK-ss-webhook-ca-key\n-----END RSA PRIVATE KEY-----\n`,
            );
            assert.strictEqual(
                csr.inputs.privateKeyPem,
                `-----BEGIN RSA PRIVATE KEY-----\nMOCK-ss-webhook-key\n-----END RSA PRIVATE KEY-----\n`,
            );
            assert.strictEqual(cert.inputs.caPrivateKeyPem, ca.inputs.privateKeyPem);
            assert.match(cert.inputs.caCertPem, /MOCK-ss-webhook-ca\n/);
            assert.match(cert.inputs.certRequestPem, /MOCK-ss-webhook-csr\n/);
            const tlsValues = one(T.release, "ss-release").inputs.values.webhookTLS;
            assert.strictEqual(tlsValues.caCert, cert.inputs.caCertPem);
            assert.strictEqual(tlsValues.key, csr.inputs.privateKeyPem);
        });

        it("makes a CA that may sign, and a serving certificate for TLS servers, both valid ten years", () => {
            const [ca, cert] = [one(T.ca).inputs, one(T.cert).inputs];
            assert.strictEqual(ca.isCaCertificate, true);
            assert.ok(ca.allowedUses.includes("cert_signing"), "the CA must be allowed to sign certificates");
            assert.deepStrictEqual(ca.subject, { commonName: "aws-load-balancer-controller-ca" });
            assert.ok(cert.allowedUses.includes("server_auth"), "the API server checks serverAuth");
            assert.ok(cert.allowedUses.includes("digital_signature") && cert.allowedUses.includes("key_encipherment"));
            assert.deepStrictEqual([ca.validityPeriodHours, cert.validityPeriodHours], [87600, 87600]);
        });

        it("names the webhook Service in its namespace and the cluster's DNS domain (helmValues.cluster.dnsDomain)", () => {
            const csr = one(T.csr).inputs;
            assert.deepStrictEqual(csr.dnsNames, [
                "aws-load-balancer-webhook-service",
                "aws-load-balancer-webhook-service.lbc-system",
                "aws-load-balancer-webhook-service.lbc-system.svc",
                "aws-load-balancer-webhook-service.lbc-system.svc.corp.internal",
            ]);
            assert.deepStrictEqual(csr.subject, { commonName: "aws-load-balancer-webhook-service.lbc-system.svc" });
        });
    });

    it("registers the certificate chain only in the self-signed mode", async () => {
        await install("cm");
        assert.deepStrictEqual(
            recorded.filter((r) => r.type.startsWith("tls:")).map((r) => r.name),
            [],
        );
    });
});
