import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { AlbIngressController, InvalidArgumentsError } from "../../../components/index";
import { crdsOf } from "../../../components/controller/crds";
import { DEFAULT_CONTROLLER_VERSION } from "../../../components/controller/versions";
import { assertUniqueUrns, descendantsOf, one, ofType, waitsFor } from "../../harness/graph";
import { controllerArgs, ISSUER, ISSUER_URL, OIDC_ARN } from "../../harness/fixtures";
import { invokes, recorded, settle, valueOf } from "../../harness/mocks";

const T = {
    component: "eks-alb-ingress:index:AlbIngressController",
    oidc: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    policy: "aws:iam/policy:Policy",
    role: "aws:iam/role:Role",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    association: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
    serviceAccount: "kubernetes:core/v1:ServiceAccount",
    release: "kubernetes:helm.sh/v3:Release",
    namespace: "kubernetes:core/v1:Namespace",
    certificatePatch: "kubernetes:cert-manager.io/v1:CertificatePatch",
};

describe("AlbIngressController", () => {
    describe("with the defaults (IRSA, cert-manager)", () => {
        let c: AlbIngressController;
        beforeEach(async () => {
            c = new AlbIngressController("lbc", controllerArgs());
            await settle();
        });

        it("registers every runbook step as a child of the component, with names prefixed by the component name", () => {
            const component = one(T.component, "lbc");
            const children = descendantsOf(component);
            assert.deepStrictEqual(
                children.map((r) => `${r.type} ${r.name}`).sort(),
                [
                    `${T.oidc} lbc-oidc`,
                    `${T.policy} lbc-policy`,
                    `${T.role} lbc-role`,
                    `${T.attachment} lbc-policy-attachment`,
                    `${T.release} lbc-cert-manager`,
                    `${T.release} lbc-release`,
                    `${T.certificatePatch} lbc-webhook-secret-ownership`,
                    `${T.serviceAccount} lbc-sa`,
                    // the chart's CRDs of the default version, applied by the component (controllerCrds.spec.ts)
                    ...crdsOf(DEFAULT_CONTROLLER_VERSION).map(
                        (crd) => `kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition lbc-crd-${crd.name}`,
                    ),
                ].sort(),
            );
            assert.ok(children.every((r) => r.parent === component.urn));
            assertUniqueUrns();
        });

        it("creates the OIDC provider for the issuer URL with the STS client id", () => {
            const oidc = one(T.oidc);
            assert.strictEqual(oidc.inputs.url, ISSUER_URL);
            assert.deepStrictEqual(oidc.inputs.clientIdLists, ["sts.amazonaws.com"]);
        });

        it("trusts exactly the controller's ServiceAccount with the STS audience", () => {
            const trust = JSON.parse(one(T.role).inputs.assumeRolePolicy);
            assert.deepStrictEqual(trust, {
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${ISSUER}` },
                        Action: "sts:AssumeRoleWithWebIdentity",
                        Condition: {
                            StringEquals: {
                                [`${ISSUER}:sub`]: "system:serviceaccount:kube-system:aws-load-balancer-controller",
                                [`${ISSUER}:aud`]: "sts.amazonaws.com",
                            },
                        },
                    },
                ],
            });
        });

        it("annotates the ServiceAccount with the role and installs the chart with that account, not its own", () => {
            const sa = one(T.serviceAccount);
            assert.strictEqual(sa.inputs.metadata.name, "aws-load-balancer-controller");
            assert.strictEqual(sa.inputs.metadata.namespace, "kube-system");
            assert.strictEqual(
                sa.inputs.metadata.annotations["eks.amazonaws.com/role-arn"],
                "arn:aws:iam::123456789012:role/lbc-role-a1b2c3d",
            );
            const values = one(T.release, "lbc-release").inputs.values;
            assert.deepStrictEqual(values.serviceAccount, { create: false, name: "aws-load-balancer-controller" });
        });

        it("attaches the managed policy to the role", () => {
            const attachment = one(T.attachment);
            assert.strictEqual(attachment.inputs.role, "lbc-role-a1b2c3d");
            assert.strictEqual(attachment.inputs.policyArn, "arn:aws:iam::123456789012:policy/lbc-policy-a1b2c3d");
        });

        it("installs the newest chart from eks-charts, waiting for readiness, with cluster, region and VPC set", () => {
            const release = one(T.release, "lbc-release").inputs;
            assert.strictEqual(release.chart, "aws-load-balancer-controller");
            assert.strictEqual(release.version, "3.5.0");
            assert.deepStrictEqual(release.repositoryOpts, { repo: "https://aws.github.io/eks-charts" });
            assert.strictEqual(release.namespace, "kube-system");
            assert.strictEqual(release.skipAwait, false);
            assert.strictEqual(release.values.clusterName, "demo");
            assert.strictEqual(release.values.region, "us-west-2");
            assert.strictEqual(release.values.vpcId, "vpc-0123456789abcdef0");
            assert.strictEqual(release.values.replicaCount, 2);
            assert.deepStrictEqual(release.values.podDisruptionBudget, { maxUnavailable: 1 });
            assert.strictEqual(release.values.image.tag, "v3.5.0");
            assert.strictEqual(release.values.ingressClass, "alb");
            assert.strictEqual(release.values.createIngressClassResource, true);
            assert.strictEqual(release.values.enableCertManager, true);
            assert.strictEqual(release.values.webhookTLS, undefined);
        });

        it("installs cert-manager with its CRDs and makes the controller wait for it", () => {
            const cm = one(T.release, "lbc-cert-manager");
            assert.strictEqual(cm.inputs.chart, "cert-manager");
            assert.strictEqual(cm.inputs.version, "v1.21.1");
            assert.strictEqual(cm.inputs.namespace, "cert-manager");
            assert.strictEqual(cm.inputs.createNamespace, true);
            assert.strictEqual(cm.inputs.skipAwait, false);
            assert.deepStrictEqual(cm.inputs.values, { crds: { enabled: true, keep: true } });
            assert.ok(waitsFor(one(T.release, "lbc-release"), cm));
        });

        it("creates identity and certificates before the release (and so deletes the release first)", () => {
            const release = one(T.release, "lbc-release");
            for (const type of [T.oidc, T.policy, T.role, T.attachment, T.serviceAccount]) {
                assert.ok(waitsFor(release, one(type)), `release must wait for ${type}`);
            }
            assert.ok(waitsFor(one(T.role), one(T.oidc)), "role must wait for the OIDC provider");
        });

        it("exposes the outputs the issue lists", async () => {
            assert.strictEqual(await valueOf(c.roleArn), "arn:aws:iam::123456789012:role/lbc-role-a1b2c3d");
            assert.strictEqual(await valueOf(c.policyArn), "arn:aws:iam::123456789012:policy/lbc-policy-a1b2c3d");
            assert.strictEqual(await valueOf(c.oidcProviderArn), `arn:aws:iam::123456789012:oidc-provider/${ISSUER}`);
            assert.strictEqual(await valueOf(c.serviceAccountName), "aws-load-balancer-controller");
            assert.strictEqual(await valueOf(c.namespace), "kube-system");
            assert.strictEqual(await valueOf(c.ingressClassName), "alb");
            assert.strictEqual(await valueOf(c.chartVersion), "3.5.0");
            assert.strictEqual(await valueOf(c.controllerVersion), "v3.5.0");
            assert.strictEqual(await valueOf(c.releaseName), "aws-load-balancer-controller");
        });
    });

    it("makes a resource with dependsOn: controller wait for the Helm release", async () => {
        const c = new AlbIngressController("dep", controllerArgs());
        new k8s.core.v1.ConfigMap("after", { data: { a: "b" } }, { dependsOn: [c] });
        await settle();
        assert.ok(waitsFor(one("kubernetes:core/v1:ConfigMap", "after"), one(T.release, "dep-release")));
    });

    it("passes its own dependsOn on to the release, which Pulumi would not do for a component's children", async () => {
        const before = new k8s.core.v1.ConfigMap("before", { data: { a: "b" } });
        new AlbIngressController("after-cm", controllerArgs(), { dependsOn: [before] });
        await settle();
        assert.ok(waitsFor(one(T.release, "after-cm-release"), one("kubernetes:core/v1:ConfigMap", "before")));
    });

    it("reuses an existing OIDC provider by ARN and derives the issuer from it", async () => {
        new AlbIngressController("reuse", controllerArgs({ oidcIssuerUrl: undefined, oidcProviderArn: OIDC_ARN }));
        await settle();
        assert.strictEqual(ofType(T.oidc).length, 0);
        const trust = JSON.parse(one(T.role).inputs.assumeRolePolicy);
        assert.strictEqual(trust.Statement[0].Principal.Federated, OIDC_ARN);
        assert.deepStrictEqual(Object.keys(trust.Statement[0].Condition.StringEquals).sort(), [
            `${ISSUER}:aud`,
            `${ISSUER}:sub`,
        ]);
    });

    it("keeps the OIDC provider it creates on destroy, and deletes it only when asked", async () => {
        new AlbIngressController("keep-oidc", controllerArgs());
        new AlbIngressController("drop-oidc", controllerArgs({ deleteOidcProviderOnDestroy: true }));
        await settle();
        assert.strictEqual(one(T.oidc, "keep-oidc-oidc").options.retainOnDelete, true);
        assert.strictEqual(one(T.oidc, "drop-oidc-oidc").options.retainOnDelete, false);
    });

    it("follows a custom namespace and ServiceAccount name everywhere the trust depends on them", async () => {
        new AlbIngressController(
            "custom",
            controllerArgs({ namespace: "lbc-system", createNamespace: true, serviceAccountName: "lbc" }),
        );
        await settle();
        const trust = JSON.parse(one(T.role).inputs.assumeRolePolicy);
        assert.strictEqual(
            trust.Statement[0].Condition.StringEquals[`${ISSUER}:sub`],
            "system:serviceaccount:lbc-system:lbc",
        );
        assert.deepStrictEqual(
            [one(T.serviceAccount).inputs.metadata.namespace, one(T.serviceAccount).inputs.metadata.name],
            ["lbc-system", "lbc"],
        );
        assert.deepStrictEqual(one(T.release, "custom-release").inputs.values.serviceAccount, {
            create: false,
            name: "lbc",
        });
        assert.strictEqual(one(T.release, "custom-release").inputs.namespace, "lbc-system");
        assert.ok(waitsFor(one(T.serviceAccount), one(T.namespace, "custom-ns")));
    });

    describe("with Pod Identity", () => {
        beforeEach(async () => {
            new AlbIngressController("pi", {
                clusterName: "demo",
                vpcId: "vpc-0123456789abcdef0",
                identity: "podIdentity",
            });
            await settle();
        });

        it("trusts pods.eks.amazonaws.com with AssumeRole and TagSession", () => {
            assert.deepStrictEqual(JSON.parse(one(T.role).inputs.assumeRolePolicy), {
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: "pods.eks.amazonaws.com" },
                        Action: ["sts:AssumeRole", "sts:TagSession"],
                    },
                ],
            });
        });

        it("associates the role with the ServiceAccount and creates no OIDC provider or role annotation", () => {
            const association = one(T.association);
            assert.deepStrictEqual(
                {
                    c: association.inputs.clusterName,
                    n: association.inputs.namespace,
                    s: association.inputs.serviceAccount,
                    r: association.inputs.roleArn,
                },
                {
                    c: "demo",
                    n: "kube-system",
                    s: "aws-load-balancer-controller",
                    r: "arn:aws:iam::123456789012:role/pi-role-a1b2c3d",
                },
            );
            assert.strictEqual(ofType(T.oidc).length, 0);
            assert.strictEqual(one(T.serviceAccount).inputs.metadata.annotations, undefined);
            assert.ok(waitsFor(one(T.release, "pi-release"), association));
        });
    });

    describe("with self-signed webhook certificates", () => {
        beforeEach(async () => {
            new AlbIngressController("ss", controllerArgs({ webhookCertificates: "selfSigned" }));
            await settle();
        });

        it("installs no cert-manager and passes a pinned CA, certificate and key as webhookTLS", () => {
            assert.strictEqual(ofType(T.release).length, 1);
            const release = one(T.release, "ss-release");
            assert.strictEqual(release.inputs.values.enableCertManager, false);
            assert.deepStrictEqual(Object.keys(release.inputs.values.webhookTLS).sort(), ["caCert", "cert", "key"]);
            assert.match(release.inputs.values.webhookTLS.caCert, /MOCK-ss-webhook-ca\n/);
            assert.match(release.inputs.values.webhookTLS.cert, /MOCK-ss-webhook-cert\n/);
            assert.ok(
                release.secretInputs.some((p) => p.startsWith("values")),
                "the private key must travel as a secret",
            );
            assert.ok(waitsFor(release, one("tls:index/locallySignedCert:LocallySignedCert")));
        });

        it("signs a serving certificate for every name of the webhook Service", () => {
            const csr = one("tls:index/certRequest:CertRequest");
            assert.deepStrictEqual(csr.inputs.dnsNames, [
                "aws-load-balancer-webhook-service",
                "aws-load-balancer-webhook-service.kube-system",
                "aws-load-balancer-webhook-service.kube-system.svc",
                "aws-load-balancer-webhook-service.kube-system.svc.cluster.local",
            ]);
            assert.strictEqual(one("tls:index/selfSignedCert:SelfSignedCert").inputs.isCaCertificate, true);
        });
    });

    it("skips cert-manager when the cluster already has it, still enabling it in the chart", async () => {
        new AlbIngressController("has-cm", controllerArgs({ installCertManager: false }));
        await settle();
        assert.strictEqual(ofType(T.release).length, 1);
        assert.strictEqual(one(T.release).inputs.values.enableCertManager, true);
    });

    it("sends every child and invoke to the providers given in opts.providers", async () => {
        const awsProvider = new aws.Provider("aws-east", { region: "us-east-1" });
        const k8sProvider = new k8s.Provider("k8s-demo", { kubeconfig: "{}" });
        new AlbIngressController("prov", controllerArgs({ webhookCertificates: "selfSigned" }), {
            providers: [awsProvider, k8sProvider],
        });
        await settle();
        const awsUrn = one("pulumi:providers:aws", "aws-east").urn;
        const k8sUrn = one("pulumi:providers:kubernetes", "k8s-demo").urn;
        const children = descendantsOf(one(T.component, "prov"));
        for (const r of children) {
            const pkg = r.type.split(":")[0];
            if (pkg === "aws") {
                assert.ok(
                    r.provider?.startsWith(`${awsUrn}::`),
                    `${r.name} must use the given aws provider, got ${r.provider}`,
                );
            } else if (pkg === "kubernetes") {
                assert.ok(
                    r.provider?.startsWith(`${k8sUrn}::`),
                    `${r.name} must use the given kubernetes provider, got ${r.provider}`,
                );
            }
        }
        assert.ok(
            children.some((r) => r.type.startsWith("kubernetes:")) && children.some((r) => r.type.startsWith("aws:")),
        );
        const awsInvokes = invokes.filter((i) => i.token.startsWith("aws:"));
        assert.ok(awsInvokes.length >= 2);
        assert.ok(
            awsInvokes.every((i) => i.provider?.startsWith(`${awsUrn}::`)),
            "invokes must use the given aws provider",
        );
    });

    describe("rejects bad input before registering anything", () => {
        const cases: [string, Parameters<typeof controllerArgs>[0] | Record<string, unknown>, RegExp][] = [
            ["an empty clusterName", { clusterName: "" }, /`clusterName` must be a non-empty string/],
            ["no clusterName and no cluster", { clusterName: undefined }, /`clusterName` is required/],
            ["no vpcId and no cluster", { vpcId: undefined }, /`vpcId` is required/],
            [
                "a version outside the matrix",
                { version: "v2.6.0" },
                /`version` must be a controller release in the version matrix \(v2\.7\.0, .*v3\.5\.0\), got "v2\.6\.0"/,
            ],
            ["a namespace that is not DNS-1123", { namespace: "Kube_System" }, /`namespace` must be a DNS-1123 label/],
            [
                "a ServiceAccount name that is not DNS-1123",
                { serviceAccountName: "LBC!" },
                /`serviceAccountName` must be a DNS-1123 subdomain/,
            ],
            ["replicas below 1", { replicas: 0 }, /`replicas` must be an integer >= 1, got 0/],
            ["fractional replicas", { replicas: 1.5 }, /`replicas` must be an integer >= 1, got 1\.5/],
            [
                "an unknown identity",
                { identity: "node" },
                /`identity` must be one of "irsa", "podIdentity", got "node"/,
            ],
            [
                "an unknown webhookCertificates",
                { webhookCertificates: "acm" },
                /`webhookCertificates` must be one of "certManager", "selfSigned", got "acm"/,
            ],
            [
                "an http issuer URL",
                { oidcIssuerUrl: "http://oidc.example.com/id/X" },
                /`oidcIssuerUrl` must be an https:\/\/ URL/,
            ],
            [
                "IRSA without any OIDC argument",
                { oidcIssuerUrl: undefined },
                /`oidcProviderArn` or `oidcIssuerUrl` \(or `cluster`\) is required with `identity: "irsa"`/,
            ],
            [
                "both OIDC arguments",
                { oidcProviderArn: OIDC_ARN },
                /`oidcProviderArn` and `oidcIssuerUrl` exclude each other/,
            ],
            [
                "a malformed OIDC provider ARN",
                { oidcIssuerUrl: undefined, oidcProviderArn: "arn:aws:iam::1:role/x" },
                /`oidcProviderArn` must be an IAM oidc-provider ARN/,
            ],
            [
                "OIDC arguments with Pod Identity",
                { identity: "podIdentity" },
                /`oidcIssuerUrl` is only used with `identity: "irsa"`/,
            ],
            [
                "deleteOidcProviderOnDestroy for a provider the component does not create",
                { oidcIssuerUrl: undefined, oidcProviderArn: OIDC_ARN, deleteOidcProviderOnDestroy: true },
                /`deleteOidcProviderOnDestroy` only applies to the provider created from `oidcIssuerUrl`/,
            ],
            [
                "a non-boolean deleteOidcProviderOnDestroy",
                { deleteOidcProviderOnDestroy: "yes" },
                /`deleteOidcProviderOnDestroy` must be/,
            ],
            [
                "a misspelled argument",
                { replica: 3 },
                /`replica` is not an argument; known arguments: cluster, clusterName/,
            ],
            [
                "a helmValues key the chart does not have",
                { helmValues: { replicaCont: 3 } },
                /`helmValues.replicaCont` is not a value of chart aws-load-balancer-controller 3\.5\.0/,
            ],
            [
                "a nested helmValues typo",
                { helmValues: { serviceMonitor: { enabeld: true } } },
                /`helmValues.serviceMonitor.enabeld` is not a value/,
            ],
            [
                "helmValues that override the wiring",
                { helmValues: { clusterName: "other" } },
                /`helmValues.clusterName` is set by the component; use the argument clusterName instead/,
            ],
            [
                "a bad resource quantity",
                { resources: { requests: { memory: "lots" } } },
                /`resources.requests.memory` must be a Kubernetes quantity/,
            ],
            [
                "a bad toleration",
                { tolerations: [{ key: "a", operator: "Maybe" }] },
                /`tolerations\[0\].operator` must be one of "Equal", "Exists"/,
            ],
            [
                "a malformed extra statement",
                { additionalPolicyStatements: [{ actions: ["ListWebACLs"] }] },
                /`additionalPolicyStatements\[0\].actions` must be a non-empty list of "service:Action" strings/,
            ],
            [
                "an oversized policy",
                {
                    additionalPolicyStatements: [
                        { actions: Array.from({ length: 60 }, (_, i) => `wafv2:SomeVeryLongActionNameNumber${i}`) },
                    ],
                },
                /`additionalPolicyStatements` make the controller policy \d+ characters long; IAM allows 6144/,
            ],
            [
                "a malformed permissions boundary",
                { permissionsBoundary: "boundary" },
                /`permissionsBoundary` must be an IAM policy ARN/,
            ],
            [
                "cert-manager options with self-signed certificates",
                { webhookCertificates: "selfSigned", installCertManager: false },
                /`installCertManager` is only used with `webhookCertificates: "certManager"`/,
            ],
            [
                "a release timeout under a minute",
                { releaseTimeoutSeconds: 5 },
                /`releaseTimeoutSeconds` must be an integer from 60 to 3600/,
            ],
        ];
        for (const [what, overrides, message] of cases) {
            it(`rejects ${what}`, async () => {
                assert.throws(
                    () => new AlbIngressController("bad", controllerArgs(overrides as never)),
                    (e: unknown) =>
                        e instanceof InvalidArgumentsError &&
                        message.test(e.message) &&
                        /^AlbIngressController "bad": invalid arguments/.test(e.message),
                );
                await settle();
                assert.deepStrictEqual(
                    recorded.map((r) => r.name),
                    [],
                );
            });
        }

        it("lists every problem in one error", () => {
            assert.throws(
                () => new AlbIngressController("bad", controllerArgs({ replicas: 0, namespace: "A" })),
                (e: unknown) => e instanceof InvalidArgumentsError && e.problems.length === 2,
            );
        });
    });
});
