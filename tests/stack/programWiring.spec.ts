import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, ConfigErrors, parseStackConfig } from "../../stack/config";
import { createStack, runningHost } from "../../stack/program";
import { one, ofType } from "../harness/graph";
import { recorded, setEngineHooks, settle } from "../harness/mocks";

const APP = { name: "web", image: "public.ecr.aws/nginx/nginx:1.27", containerPort: 80, targetType: "ip" };
const CERT_MANAGER = { webhookCertificates: "certManager" };

/** Runs the program with the fake cloud's `aws.eks.getCluster` answer changed by `change`; returns its error. */
async function withCluster(
    change: (cluster: Record<string, any>) => Record<string, any>,
    raw: Record<string, unknown>,
): Promise<unknown> {
    setEngineHooks({
        newResource: () => undefined,
        call: (a, fake) => {
            const answer = fake() as Record<string, any>;
            return a.token === "aws:eks/getCluster:getCluster" ? change(answer) : answer;
        },
    });
    try {
        await createStack(parseStackConfig(raw));
        return undefined;
    } catch (e) {
        return e;
    } finally {
        await settle();
        setEngineHooks(undefined);
    }
}

/** Each error as `key: message`. */
const lines = (e: unknown) => (e instanceof ConfigErrors ? e.errors : [e as ConfigError]).map((x) => x.message);

describe("stack program: problems under the config key that causes them", () => {
    it("reports a component's problem with its text, under <key>.<argument>", async () => {
        await assert.rejects(
            createStack(parseStackConfig({ clusterName: "c", apps: [APP, { ...APP, name: "api", containerPort: 0 }] })),
            (e: unknown) => {
                assert.deepStrictEqual(lines(e), [
                    "config eks-alb-ingress:apps[1].containerPort must be an integer from 1 to 65535, got 0",
                ]);
                return true;
            },
        );
    });

    it("reports a new cluster's kubernetesVersion the controller refuses under kubernetesVersion, registering nothing", async () => {
        recorded.length = 0;
        const raw = { clusterName: "c", clusterMode: "new", kubernetesVersion: "1.20", controller: CERT_MANAGER };
        await assert.rejects(createStack(parseStackConfig(raw)), (e: unknown) => {
            assert.deepStrictEqual(lines(e), [
                'config eks-alb-ingress:kubernetesVersion is "1.20", but cert-manager v1.21.1 (installed for `webhookCertificates: "certManager"`) supports Kubernetes 1.33 – 1.36: upgrade the cluster, or use `webhookCertificates: "selfSigned"`, or install a cert-manager that supports it yourself and set `installCertManager: false`',
            ]);
            return true;
        });
        await settle();
        assert.deepStrictEqual(recorded, [], "not even the cluster");
    });

    it("accepts kubernetesVersion for a new cluster the controller supports", async () => {
        await createStack(parseStackConfig({ clusterName: "c", clusterMode: "new", kubernetesVersion: "1.33" }));
        await settle();
        assert.strictEqual(one("eks:index:Cluster", "c").inputs.version, "1.33");
    });

    it("reports an existing cluster's version the controller refuses under clusterName, naming the version", async () => {
        const e = await withCluster((c) => ({ ...c, version: "1.20" }), { clusterName: "c", controller: CERT_MANAGER });
        assert.deepStrictEqual(lines(e), [
            'config eks-alb-ingress:clusterName names a cluster whose Kubernetes version is "1.20", but cert-manager v1.21.1 (installed for `webhookCertificates: "certManager"`) supports Kubernetes 1.33 – 1.36: upgrade the cluster, or use `webhookCertificates: "selfSigned"`, or install a cert-manager that supports it yourself and set `installCertManager: false`',
        ]);
        assert.strictEqual(ofType("eks-alb-ingress:index:AlbIngressController").length, 0);
    });

    it("ignores kubernetesVersion for an existing cluster: the cluster's own version counts", async () => {
        const e = await withCluster((c) => c, {
            clusterName: "c",
            kubernetesVersion: "1.20",
            controller: CERT_MANAGER,
        });
        assert.strictEqual(e, undefined, String(e));
        assert.strictEqual(ofType("eks-alb-ingress:index:AlbIngressController").length, 1);
    });

    for (const [what, identities] of [
        ["no identity", []],
        ["no OIDC issuer", [{ oidcs: [] }]],
        ["an empty issuer", [{ oidcs: [{ issuer: "" }] }]],
    ] as const) {
        it(`refuses an existing cluster with ${what} under clusterName`, async () => {
            const e = await withCluster((c) => ({ ...c, identities }), { clusterName: "legacy" });
            assert.deepStrictEqual(lines(e), [
                "config eks-alb-ingress:clusterName names cluster legacy, which has no OIDC issuer",
            ]);
        });
    }
});

describe("stack program: wiring", () => {
    it("gives an existing cluster's kubeconfig its certificate authority", async () => {
        const e = await withCluster((c) => ({ ...c, certificateAuthorities: [{ data: "Q0EtREFUQQ==" }] }), {
            clusterName: "c",
        });
        assert.strictEqual(e, undefined, String(e));
        for (const name of ["c-k8s", "c-k8s-crds"]) {
            const kubeconfig = JSON.parse(one("pulumi:providers:kubernetes", name).inputs.kubeconfig);
            assert.strictEqual(kubeconfig.clusters[0].cluster["certificate-authority-data"], "Q0EtREFUQQ==", name);
        }
    });

    it("applies a new cluster's CRDs through its kubeconfig, server-side, adopting existing ones", async () => {
        await createStack(parseStackConfig({ clusterName: "fresh", clusterMode: "new" }));
        await settle();
        const crds = one("pulumi:providers:kubernetes", "fresh-k8s-crds").inputs;
        assert.strictEqual(crds.kubeconfig, one("pulumi:providers:kubernetes", "fresh-k8s").inputs.kubeconfig);
        assert.deepStrictEqual([crds.enableServerSideApply, crds.upsertExistingObjects], ["true", "true"]);
    });

    it("installs the controller's Kubernetes objects through the cluster's provider", async () => {
        await createStack(parseStackConfig({ clusterName: "c" }));
        await settle();
        const provider = one("pulumi:providers:kubernetes", "c-k8s").urn;
        for (const [type, name] of [
            ["kubernetes:core/v1:ServiceAccount", "lbc-sa"],
            ["kubernetes:helm.sh/v3:Release", "lbc-release"],
        ]) {
            assert.ok(one(type, name).provider?.startsWith(`${provider}::`), `${name}: ${one(type, name).provider}`);
        }
    });

    for (const [what, identity, expected] of [
        ["the profile alone", { profile: "ops" }, { profileName: "ops" }],
        [
            "the role alone",
            { roleArn: "arn:aws:iam::123456789012:role/d" },
            { roleArn: "arn:aws:iam::123456789012:role/d" },
        ],
        ["neither", {}, undefined],
    ] as const) {
        it(`passes ${what} to @pulumi/eks for a new cluster's kubeconfig`, async () => {
            await createStack(parseStackConfig({ clusterName: "fresh", clusterMode: "new" }), {
                awsIdentity: identity,
            });
            await settle();
            assert.deepStrictEqual(one("eks:index:Cluster", "fresh").inputs.providerCredentialOpts, expected);
        });
    }

    it("takes the kubeconfig identity from the stack's aws: config when run by the Pulumi CLI", () => {
        const before = pulumi.runtime.allConfig();
        try {
            pulumi.runtime.setAllConfig({ ...before, "aws:profile": "ops" });
            assert.deepStrictEqual(runningHost().awsIdentity, { profile: "ops" });
            pulumi.runtime.setAllConfig({ ...before, "aws:accessKey": "AKIA" });
            assert.throws(() => runningHost(), /config aws:accessKey gives the AWS provider static credentials/);
        } finally {
            pulumi.runtime.setAllConfig(before);
        }
    });
});
