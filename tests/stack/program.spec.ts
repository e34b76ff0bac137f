import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { CONFIG_KEYS, CONFIG_TYPES, ConfigError, parseStackConfig, readStackConfig } from "../../stack/config";
import { createStack, eksKubeconfig } from "../../stack/program";
import { one, ofType, waitsFor } from "../harness/graph";
import { cloud, invokes, settle, valueOf } from "../harness/mocks";

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
            assert.strictEqual(
                one("aws:iam/openIdConnectProvider:OpenIdConnectProvider").inputs.url,
                "https://oidc.eks.us-west-2.amazonaws.com/id/EKSWORKSHOP",
            );
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
            ]);
            for (const r of ofType("kubernetes:networking.k8s.io/v1:Ingress")) {
                assert.ok(r.provider?.startsWith(`${provider.urn}::`));
                assert.ok(waitsFor(r, one("kubernetes:helm.sh/v3:Release", "lbc-release")));
            }
        });

        it("reuses the cluster's IAM OIDC provider when it exists", async () => {
            cloud.oidcProviderExists = true;
            await createStack(parseStackConfig({ clusterName: "eksworkshop" }));
            await settle();
            assert.strictEqual(ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider").length, 0);
            const trust = JSON.parse(one("aws:iam/role:Role").inputs.assumeRolePolicy);
            assert.strictEqual(
                trust.Statement[0].Principal.Federated,
                "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/EKSWORKSHOP",
            );
        });

        it("creates the provider when told to, even if one exists", async () => {
            cloud.oidcProviderExists = true;
            await createStack(parseStackConfig({ clusterName: "eksworkshop", oidcProvider: "create" }));
            await settle();
            assert.strictEqual(ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider").length, 1);
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
            const values = one("kubernetes:helm.sh/v3:Release", "lbc-release").inputs.values;
            assert.deepStrictEqual([values.clusterName, values.vpcId], ["fresh-eks", "vpc-0fedcba9876543210"]);
            assert.strictEqual(
                ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider").length,
                0,
                "the cluster's own provider is used",
            );
            assert.strictEqual(ofType("eks-alb-ingress:index:IngressApp").length, 1);
        });
    });

    it("wires Pod Identity on an existing cluster without looking for or creating an OIDC provider", async () => {
        await createStack(parseStackConfig({ clusterName: "eksworkshop", controller: { identity: "podIdentity" } }));
        await settle();
        assert.strictEqual(ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider").length, 0);
        assert.ok(!invokes.some((i) => i.token === "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider"));
        assert.strictEqual(
            one("aws:eks/podIdentityAssociation:PodIdentityAssociation").inputs.clusterName,
            "eksworkshop",
        );
    });

    it("installs the Pod Identity agent add-on on a new cluster before the controller", async () => {
        await createStack(
            parseStackConfig({ clusterMode: "new", clusterName: "pi", controller: { identity: "podIdentity" } }),
        );
        await settle();
        const addon = one("aws:eks/addon:Addon", "pi-pod-identity-agent");
        assert.deepStrictEqual(
            [addon.inputs.addonName, addon.inputs.clusterName],
            ["eks-pod-identity-agent", "pi-eks"],
        );
        assert.strictEqual(one("eks:index:Cluster", "pi").inputs.createOidcProvider, false);
        assert.ok(waitsFor(one("kubernetes:helm.sh/v3:Release", "lbc-release"), addon));
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

    it("builds a kubeconfig that authenticates with aws eks get-token", () => {
        const k = JSON.parse(eksKubeconfig("c", "https://x", "Q0E=", "eu-west-1"));
        assert.deepStrictEqual([k.clusters[0].cluster.server, k.users[0].user.exec.command], ["https://x", "aws"]);
    });
});

describe("stack config", () => {
    it("declares in Pulumi.yaml exactly the keys the program reads, with matching types", () => {
        const project = parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "Pulumi.yaml"), "utf8"));
        assert.deepStrictEqual(Object.keys(project.config).sort(), [...CONFIG_KEYS].sort());
        for (const key of CONFIG_KEYS) {
            const declared = project.config[key].type;
            const expected = { string: "string", number: "integer", object: undefined }[CONFIG_TYPES[key]];
            assert.strictEqual(declared, expected, key);
            assert.ok(project.config[key].description, `${key} has a description`);
        }
        const parsed = parseStackConfig({ clusterName: "c" }) as unknown as Record<string, unknown>;
        for (const [key, declaration] of Object.entries<{ default?: unknown }>(project.config)) {
            if (declaration.default !== undefined)
                assert.strictEqual(parsed[key], declaration.default, `default of ${key}`);
        }
    });

    it("fills the defaults", () => {
        const c = parseStackConfig({ clusterName: "c" });
        assert.deepStrictEqual(
            [c.clusterMode, c.oidcProvider, c.nodeCount, c.nodeInstanceType, c.apps, c.controller],
            ["existing", "auto", 2, "t3.medium", [], {}],
        );
    });

    it("decodes values as the engine passes them: strings, numbers and JSON", () => {
        const raw: Record<string, string> = { clusterName: "c", nodeCount: "3", apps: JSON.stringify(APPS) };
        const c = readStackConfig((k) => raw[k], ["eks-alb-ingress:clusterName", "aws:region"]);
        assert.deepStrictEqual([c.nodeCount, c.apps.length], [3, 2]);
    });

    const bad: [string, () => unknown, RegExp][] = [
        [
            "an unknown key",
            () => readStackConfig(() => undefined, ["eks-alb-ingress:cluster"]),
            /config eks-alb-ingress:cluster is not a setting of this project; known: clusterMode/,
        ],
        [
            "an unknown cluster mode",
            () => parseStackConfig({ clusterName: "c", clusterMode: "import" }),
            /clusterMode must be one of "existing", "new", got "import"/,
        ],
        [
            "a bad OIDC mode",
            () => parseStackConfig({ clusterName: "c", oidcProvider: "maybe" }),
            /oidcProvider must be one of "auto", "reuse", "create"/,
        ],
        [
            "apps that are not a list",
            () => parseStackConfig({ clusterName: "c", apps: { a: 1 } }),
            /apps must be a list of apps/,
        ],
        [
            "an app without a name",
            () => parseStackConfig({ clusterName: "c", apps: [{ image: "x:1" }] }),
            /apps\[0\]\.name must be a DNS-1035 label/,
        ],
        [
            "two apps that both create one namespace",
            () =>
                parseStackConfig({
                    clusterName: "c",
                    apps: [
                        { ...APPS[1], name: "a" },
                        { ...APPS[1], name: "b" },
                    ],
                }),
            /apps\[1\]\.createNamespace must be false: apps\[0\] already creates namespace "apps"/,
        ],
        [
            "two apps with one name",
            () => parseStackConfig({ clusterName: "c", apps: [APPS[0], APPS[0]] }),
            /apps\[1\]\.name repeats "alb-test-01"/,
        ],
        [
            "an object that is not JSON",
            () => readStackConfig((k) => (k === "apps" ? "[oops" : k === "clusterName" ? "c" : undefined)),
            /apps must be structured YAML/,
        ],
        [
            "a bad Kubernetes version",
            () => parseStackConfig({ clusterName: "c", kubernetesVersion: "latest" }),
            /kubernetesVersion must be a Kubernetes minor version/,
        ],
    ];
    for (const [what, run, message] of bad) {
        it(`rejects ${what}, naming the key`, () => {
            assert.throws(run, (e: unknown) => e instanceof ConfigError && message.test(e.message));
        });
    }
});
