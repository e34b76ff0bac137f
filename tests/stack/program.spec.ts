import * as assert from "assert";
import { ConfigError, ConfigErrors, parseStackConfig, readStackConfig, type StackConfig } from "../../stack/config";
import { awsCliIdentity } from "../../stack/kubeconfig";
import { OWNER_TAG } from "../../stack/oidcProvider";
import { createStack, runningHost, type StackHost } from "../../stack/program";
import { one, ofType, waitsFor } from "../harness/graph";
import { cloud, invokes, recorded, type Recorded, settle, valueOf } from "../harness/mocks";

const APPS = [
    {
        name: "alb-test-01",
        image: "public.ecr.aws/nginx/nginx:1.27",
        containerPort: 80,
        servicePort: 8080,
        targetType: "instance",
    },
    { name: "web", image: "public.ecr.aws/nginx/nginx:1.27", containerPort: 80, targetType: "ip", namespace: "apps" },
];

const OIDC_TYPE = "aws:iam/openIdConnectProvider:OpenIdConnectProvider";
const EKSWORKSHOP_ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/EKSWORKSHOP";
const EKSWORKSHOP_OIDC_ARN = `arn:aws:iam::123456789012:oidc-provider/${EKSWORKSHOP_ISSUER}`;
/** The owner tag value of the specs' stack (the harness runs project eks-alb-ingress, stack test). */
const THIS_STACK = "eks-alb-ingress/test";

/** Runs the program once, like one `pulumi up`, and returns what it registered. */
async function run(cfg: StackConfig, host?: StackHost): Promise<Recorded[]> {
    recorded.length = 0;
    await createStack(cfg, host);
    await settle();
    return [...recorded];
}

/** The trust policy's federated principal of the controller's role. */
function federatedPrincipal(): string {
    return JSON.parse(one("aws:iam/role:Role").inputs.assumeRolePolicy).Statement[0].Principal.Federated;
}

describe("stack program", () => {
    describe("with an existing cluster", () => {
        it("looks the cluster up and wires its name, VPC, region and issuer into the controller", async () => {
            const out = await createStack(parseStackConfig({ clusterName: "eksworkshop", apps: APPS }));
            await settle();
            assert.ok(
                invokes.some((i) => i.token === "aws:eks/getCluster:getCluster" && i.inputs.name === "eksworkshop"),
            );
            const values = one("kubernetes:helm.sh/v3:Release", "lbc-release").inputs.values;
            assert.deepStrictEqual(
                [values.clusterName, values.vpcId, values.region],
                ["eksworkshop", "vpc-0123456789abcdef0", "us-west-2"],
            );
            assert.strictEqual(one(OIDC_TYPE).inputs.url, `https://${EKSWORKSHOP_ISSUER}`);
            assert.strictEqual(federatedPrincipal(), EKSWORKSHOP_OIDC_ARN);
            assert.deepStrictEqual(Object.keys(out.appUrls), ["alb-test-01", "web"]);
            assert.match(await valueOf(out.appUrls.web), /^http:\/\/k8s-apps-web-/);
            assert.match(await valueOf(out.controllerRoleArn), /^arn:aws:iam::123456789012:role\/lbc-role/);
        });

        it("creates one IngressApp per configured app, each after the controller, through the cluster's provider", async () => {
            await createStack(parseStackConfig({ clusterName: "eksworkshop", apps: APPS }));
            await settle();
            assert.deepStrictEqual(
                ofType("eks-alb-ingress:index:IngressApp").map((r) => r.name),
                ["alb-test-01", "web"],
            );
            const provider = one("pulumi:providers:kubernetes", "eksworkshop-k8s");
            const kubeconfig = JSON.parse(provider.inputs.kubeconfig);
            assert.deepStrictEqual(kubeconfig.users[0].user.exec.args, [
                "eks",
                "get-token",
                "--cluster-name",
                "eksworkshop",
                "--region",
                "us-west-2",
                "--output",
                "json",
            ]);
            for (const r of ofType("kubernetes:networking.k8s.io/v1:Ingress")) {
                assert.ok(r.provider?.startsWith(`${provider.urn}::`));
                assert.ok(waitsFor(r, one("kubernetes:helm.sh/v3:Release", "lbc-release")));
            }
        });
    });

    describe("the cluster's IAM OIDC provider (oidcProvider)", () => {
        it("creates it when none exists, tagged as this stack's and retained when the stack deletes it", async () => {
            await run(parseStackConfig({ clusterName: "eksworkshop" }));
            const provider = one(OIDC_TYPE, "eksworkshop-oidc");
            assert.deepStrictEqual(provider.inputs.tags, { [OWNER_TAG]: THIS_STACK });
            assert.deepStrictEqual(provider.inputs.clientIdLists, ["sts.amazonaws.com"]);
            assert.deepStrictEqual([provider.options.retainOnDelete, provider.options.importId], [true, ""]);
            assert.ok(waitsFor(one("aws:iam/role:Role"), provider), "the role waits for the provider it trusts");
        });

        it("keeps the same provider over three ups and retains it on destroy (no create/delete flip-flop)", async () => {
            const cfg = parseStackConfig({ clusterName: "eksworkshop" });
            const providers: Recorded[] = [];
            for (let up = 1; up <= 3; up++) {
                await run(cfg);
                const mine = ofType(OIDC_TYPE);
                assert.strictEqual(mine.length, 1, `up ${up} registers the provider`);
                providers.push(mine[0]);
                assert.strictEqual(federatedPrincipal(), EKSWORKSHOP_OIDC_ARN, `up ${up}`);
                // The account now holds what this up registered; the next up's look-up finds it.
                cloud.oidcProviderExists = true;
                cloud.oidcProviderTags = mine[0].inputs.tags;
            }
            assert.deepStrictEqual(new Set(providers.map((p) => p.urn)).size, 1, "one URN: never deleted");
            assert.deepStrictEqual(providers[1].inputs, providers[0].inputs, "second up: same inputs");
            assert.deepStrictEqual(providers[2].inputs, providers[0].inputs, "third up: same inputs");
            // From the second up on it is imported when missing from the state (a state the engine already has
            // with this id is not imported again: pulumi/pulumi step_generator.go isImport).
            assert.deepStrictEqual(
                providers.map((p) => p.options.importId),
                ["", EKSWORKSHOP_OIDC_ARN, EKSWORKSHOP_OIDC_ARN],
            );
            assert.ok(
                providers.every((p) => p.options.retainOnDelete),
                "destroy leaves it for other IRSA workloads",
            );
        });

        it("deletes the provider it created with the stack only when oidcProviderDeleteOnDestroy is set", async () => {
            await run(parseStackConfig({ clusterName: "eksworkshop", oidcProviderDeleteOnDestroy: true }));
            assert.strictEqual(one(OIDC_TYPE).options.retainOnDelete, false);
        });

        it("reads oidcProviderDeleteOnDestroy as the engine passes it, and refuses anything but true or false", () => {
            const read = (value: string) =>
                readStackConfig((k) => ({ clusterName: "c", oidcProviderDeleteOnDestroy: value })[k]);
            assert.deepStrictEqual(
                [read("true").oidcProviderDeleteOnDestroy, read("false").oidcProviderDeleteOnDestroy],
                [true, false],
            );
            assert.throws(() => read("yes"), /oidcProviderDeleteOnDestroy must be true or false, got "yes"/);
        });

        it("reuses a provider this stack did not create, without registering (so never deleting) it", async () => {
            cloud.oidcProviderExists = true;
            cloud.oidcProviderTags = { [OWNER_TAG]: "eks-alb-ingress/other-stack", team: "platform" };
            for (let up = 1; up <= 2; up++) {
                await run(parseStackConfig({ clusterName: "eksworkshop" }));
                assert.strictEqual(ofType(OIDC_TYPE).length, 0, `up ${up}`);
                assert.strictEqual(federatedPrincipal(), EKSWORKSHOP_OIDC_ARN);
            }
        });

        const failures: [string, string][] = [
            [
                "access denied",
                "reading IAM OIDC Provider: operation error IAM: GetOpenIDConnectProvider, https response error StatusCode: 403, RequestID: 1, api error AccessDenied: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: iam:GetOpenIDConnectProvider",
            ],
            [
                "throttling",
                "reading IAM OIDC Provider: operation error IAM: GetOpenIDConnectProvider, exceeded maximum number of attempts, 25, https response error StatusCode: 400, RequestID: 2, api error Throttling: Rate exceeded",
            ],
        ];
        for (const [what, error] of failures) {
            it(`fails the run, creating nothing, when the look-up fails with ${what}`, async () => {
                cloud.oidcProviderLookupError = error;
                recorded.length = 0;
                await assert.rejects(
                    createStack(parseStackConfig({ clusterName: "eksworkshop" })),
                    (e: Error) =>
                        e.message.includes(
                            `looking up the cluster's IAM OIDC provider ${EKSWORKSHOP_OIDC_ARN} failed`,
                        ) && e.message.includes(error.split("api error ")[1]),
                );
                await settle();
                assert.strictEqual(ofType(OIDC_TYPE).length, 0);
                assert.strictEqual(ofType("aws:iam/role:Role").length, 0);
            });
        }

        it('"reuse" fails when the account has no provider instead of trusting one that does not exist', async () => {
            await assert.rejects(
                createStack(parseStackConfig({ clusterName: "eksworkshop", oidcProvider: "reuse" })),
                (e: unknown) =>
                    e instanceof ConfigError &&
                    e.key === "oidcProvider" &&
                    /"reuse", but the account has no/.test(e.message),
            );
            await settle();
        });

        it('"reuse" and "create" keep managing the provider this stack created', async () => {
            cloud.oidcProviderExists = true;
            cloud.oidcProviderTags = { [OWNER_TAG]: THIS_STACK };
            for (const mode of ["reuse", "create"]) {
                await run(parseStackConfig({ clusterName: "eksworkshop", oidcProvider: mode }));
                assert.strictEqual(one(OIDC_TYPE, "eksworkshop-oidc").options.importId, EKSWORKSHOP_OIDC_ARN, mode);
            }
        });

        it('"create" refuses a provider this stack did not create', async () => {
            cloud.oidcProviderExists = true;
            await assert.rejects(
                createStack(parseStackConfig({ clusterName: "eksworkshop", oidcProvider: "create" })),
                (e: unknown) =>
                    e instanceof ConfigError &&
                    e.key === "oidcProvider" &&
                    /was not created by this stack/.test(e.message),
            );
            await settle();
        });
    });

    describe("with a new cluster", () => {
        it("creates an @pulumi/eks cluster with its OIDC provider and installs everything through its kubeconfig", async () => {
            await createStack(
                parseStackConfig({
                    clusterMode: "new",
                    clusterName: "fresh",
                    nodeCount: 3,
                    nodeInstanceType: "m6i.large",
                    kubernetesVersion: "1.33",
                    apps: APPS.slice(0, 1),
                }),
            );
            await settle();
            const cluster = one("eks:index:Cluster", "fresh").inputs;
            assert.deepStrictEqual(
                [
                    cluster.createOidcProvider,
                    cluster.authenticationMode,
                    cluster.instanceType,
                    cluster.desiredCapacity,
                    cluster.version,
                ],
                [true, "API", "m6i.large", 3, "1.33"],
            );
            assert.ok(
                !invokes.some((i) => i.token === "aws:eks/getCluster:getCluster"),
                "no look-up of a cluster that does not exist yet",
            );
            assert.strictEqual(
                one("pulumi:providers:kubernetes", "fresh-k8s").inputs.kubeconfig,
                '{"apiVersion":"v1","clusters":[]}',
            );
            assert.strictEqual(ofType(OIDC_TYPE).length, 0, "the cluster's own provider is used");
            assert.strictEqual(ofType("eks-alb-ingress:index:IngressApp").length, 1);
        });

        it("gets its own VPC: public and private subnets tagged for subnet discovery, nodes in the private ones", async () => {
            await run(parseStackConfig({ clusterMode: "new", clusterName: "fresh" }));
            const vpc = one("awsx:ec2:Vpc", "fresh-vpc");
            const specs = vpc.inputs.subnetSpecs as { type: string; tags: Record<string, string> }[];
            assert.deepStrictEqual(
                specs.map((s) => [s.type, s.tags]),
                [
                    ["Public", { "kubernetes.io/cluster/fresh": "shared", "kubernetes.io/role/elb": "1" }],
                    ["Private", { "kubernetes.io/cluster/fresh": "shared", "kubernetes.io/role/internal-elb": "1" }],
                ],
            );
            const cluster = one("eks:index:Cluster", "fresh");
            assert.deepStrictEqual(
                [cluster.inputs.vpcId, cluster.inputs.publicSubnetIds.length, cluster.inputs.privateSubnetIds.length],
                ["vpc-0a1b2c3d4e5f60718", 3, 3],
            );
            assert.strictEqual(cluster.inputs.nodeAssociatePublicIpAddress, false);
            assert.ok(waitsFor(cluster, vpc));
            const values = one("kubernetes:helm.sh/v3:Release", "lbc-release").inputs.values;
            assert.strictEqual(values.vpcId, "vpc-0a1b2c3d4e5f60718", "the controller discovers subnets in that VPC");
        });

        it("installs the Pod Identity agent add-on before the controller", async () => {
            await createStack(
                parseStackConfig({ clusterMode: "new", clusterName: "pi", controller: { identity: "podIdentity" } }),
            );
            await settle();
            const addon = one("aws:eks/addon:Addon", "pi-pod-identity-agent");
            assert.deepStrictEqual(
                [addon.inputs.addonName, addon.inputs.clusterName],
                ["eks-pod-identity-agent", "pi"],
            );
            assert.strictEqual(one("eks:index:Cluster", "pi").inputs.createOidcProvider, false);
            assert.ok(waitsFor(one("kubernetes:helm.sh/v3:Release", "lbc-release"), addon));
        });
    });

    describe("kubeconfig identity and the aws CLI", () => {
        const identity = awsCliIdentity(
            (key) =>
                ({
                    profile: "ops",
                    assumeRoles: JSON.stringify([{ roleArn: "arn:aws:iam::123456789012:role/deployer" }]),
                })[key],
        );

        it("passes aws:profile and the assumed role to aws eks get-token for an existing cluster", async () => {
            await run(parseStackConfig({ clusterName: "eksworkshop" }), { awsIdentity: identity });
            const kubeconfig = JSON.parse(one("pulumi:providers:kubernetes", "eksworkshop-k8s").inputs.kubeconfig);
            const args: string[] = kubeconfig.users[0].user.exec.args;
            assert.deepStrictEqual(args.slice(args.indexOf("--profile")), [
                "--profile",
                "ops",
                "--role-arn",
                "arn:aws:iam::123456789012:role/deployer",
            ]);
        });

        it("passes them to @pulumi/eks for a new cluster's kubeconfig", async () => {
            await run(parseStackConfig({ clusterMode: "new", clusterName: "fresh" }), { awsIdentity: identity });
            assert.deepStrictEqual(one("eks:index:Cluster", "fresh").inputs.providerCredentialOpts, {
                profileName: "ops",
                roleArn: "arn:aws:iam::123456789012:role/deployer",
            });
        });

        it("checks the aws CLI before registering anything for an existing cluster", async () => {
            recorded.length = 0;
            const missing = () => {
                throw new Error("the aws CLI was not found on PATH");
            };
            await assert.rejects(
                createStack(parseStackConfig({ clusterName: "eksworkshop" }), { checkAwsCli: missing }),
                /the aws CLI was not found on PATH/,
            );
            await settle();
            assert.strictEqual(recorded.length, 0);
        });

        it("does not run the aws CLI check under the mock engine, where no provider runs", () => {
            assert.strictEqual(runningHost().checkAwsCli, undefined);
        });
    });

    it("wires Pod Identity on an existing cluster without looking for or creating an OIDC provider", async () => {
        await createStack(parseStackConfig({ clusterName: "eksworkshop", controller: { identity: "podIdentity" } }));
        await settle();
        assert.strictEqual(ofType(OIDC_TYPE).length, 0);
        assert.ok(!invokes.some((i) => i.token === "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider"));
        assert.strictEqual(
            one("aws:eks/podIdentityAssociation:PodIdentityAssociation").inputs.clusterName,
            "eksworkshop",
        );
    });

    it("reports an app's bad argument under its config key", async () => {
        await assert.rejects(
            createStack(parseStackConfig({ clusterName: "c", apps: [{ ...APPS[0], containerPort: 0 }] })),
            (e: unknown) =>
                e instanceof ConfigError &&
                e.key === "apps[0].containerPort" &&
                /must be an integer from 1 to 65535, got 0/.test(e.message),
        );
        await settle();
    });

    for (const clusterMode of ["existing", "new"] as const) {
        it(`reports every bad argument of the controller and the apps at once, registering nothing (${clusterMode} cluster)`, async () => {
            recorded.length = 0;
            const cfg = parseStackConfig({
                clusterName: "c",
                clusterMode,
                controller: { replicas: 0 },
                apps: [APPS[0], { ...APPS[1], containerPort: 0 }, { ...APPS[0], name: "third", targetType: "pod" }],
            });
            await assert.rejects(createStack(cfg), (e: unknown) => {
                assert.ok(e instanceof ConfigErrors, String(e));
                assert.deepStrictEqual(
                    e.errors.map((x) => x.key),
                    ["controller.replicas", "apps[1].containerPort", "apps[2].targetType"],
                );
                return true;
            });
            await settle();
            assert.deepStrictEqual(
                recorded.map((r) => `${r.type} ${r.name}`),
                [],
                "nothing registered: no cluster, provider, OIDC provider, controller or app",
            );
        });
    }
});
