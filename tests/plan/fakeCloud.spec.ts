/**
 * The fake cloud (plan/fakeCloud.ts) stands in for AWS and the providers in every spec and in the plan: what it
 * answers must have the shape and meaning of what the real providers answer, or the components, the stack and the
 * plan are tested against a cloud that does not exist. Each fact is checked against the provider's SDK types in
 * node_modules (@pulumi/aws 7.48, @pulumi/eks 4.3, @pulumi/awsx 3.9) or the source named in the test.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import type * as pulumi from "@pulumi/pulumi";
import {
    cloud,
    clusterIssuerUrl,
    fakeInvoke,
    invokeError,
    oidcProviderNotFound,
    outputsOf,
} from "../../plan/fakeCloud";

const ACCOUNT = "123456789012";
const OIDC_TOKEN = "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider";

function created(type: string, name: string, inputs?: Record<string, unknown>): Record<string, any> {
    return outputsOf({ type, name, inputs, custom: true } as pulumi.runtime.MockResourceArgs);
}

function invoked(token: string, inputs: Record<string, unknown> = {}): Record<string, any> {
    return fakeInvoke({ token, inputs } as pulumi.runtime.MockCallArgs);
}

const sources: Record<string, string[]> = {};

/** The properties `interface <name>` (or class) declares in an installed package's `.d.ts` (at its own nesting level). */
function declared(pkg: string, file: string, name: string): string[] {
    const source = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
    const lines = (sources[source] ??= fs.readFileSync(source, "utf8").split("\n"));
    const start = lines.findIndex((l) =>
        new RegExp(`^\\s*(export )?(declare )?(interface|class) ${name} (extends [\\w.]+ )?\\{$`).test(l),
    );
    assert.ok(start >= 0, `${pkg}/${file} declares ${name}`);
    const indent = /^\s*/.exec(lines[start])![0];
    const keys: string[] = [];
    for (const line of lines.slice(start + 1)) {
        if (line === `${indent}}`) break;
        const m = new RegExp(`^${indent}    (?:readonly )?(\\w+)\\??:`).exec(line);
        if (m) keys.push(m[1]);
    }
    return keys;
}

/** Every key of `value` is one the real result type declares. */
function assertDeclared(value: Record<string, unknown>, keys: string[], what: string): void {
    const unknown = Object.keys(value).filter((k) => !keys.includes(k));
    assert.deepStrictEqual(unknown, [], `${what} answers only what the provider declares`);
}

const pem = (label: string) => new RegExp(`^-----BEGIN ${label}-----\\n[^\\n]+\\n-----END ${label}-----\\n$`);

describe("fake cloud: the outputs of a new resource", () => {
    it("a Helm release keeps its name and reports itself deployed, as pulumi-kubernetes setReleaseAttributes does", () => {
        // pulumi-kubernetes provider/pkg/provider/helm_release.go: status name/namespace/status/version of the release
        const out = created("kubernetes:helm.sh/v3:Release", "lbc-release", {
            name: "aws-load-balancer-controller",
            namespace: "kube-system",
            chart: "aws-load-balancer-controller",
            version: "1.13.0",
        });
        assert.strictEqual(out.chart, "aws-load-balancer-controller");
        assert.strictEqual(out.name, "aws-load-balancer-controller");
        assert.deepStrictEqual(out.status, {
            name: "aws-load-balancer-controller",
            namespace: "kube-system",
            status: "deployed",
            version: "1.13.0",
        });
    });

    it("an unnamed Helm release is auto-named <resource name>-<hex> in the provider's default namespace", () => {
        // helm_release.go assignNameIfAutonameable (NewUniqueHex(urn.Name() + "-")) and setDefaults (namespace)
        const out = created("kubernetes:helm.sh/v3:Release", "rel", { chart: "c" });
        assert.match(out.name, /^rel-[0-9a-f]+$/);
        assert.strictEqual(out.status.name, out.name);
        assert.strictEqual(out.status.namespace, "default");
    });

    it("a Kubernetes object keeps its metadata and gets no status of its own", () => {
        const metadata = { name: "web", namespace: "shop", labels: { app: "web" } };
        const out = created("kubernetes:core/v1:Service", "web", { metadata, spec: { type: "ClusterIP" } });
        assert.deepStrictEqual(out, { metadata, spec: { type: "ClusterIP" } });
        assert.ok(!("status" in created("kubernetes:core/v1:ConfigMap", "cm", { metadata })));
        assert.ok(!("status" in created("kubernetes:gateway.networking.k8s.io/v1:HTTPRoute", "r", { metadata })));
    });

    it("an unnamed namespaced object is auto-named and lands in the default namespace", () => {
        const out = created("kubernetes:core/v1:ConfigMap", "settings", { data: { a: "1" } });
        assert.match(out.metadata.name, /^settings-[0-9a-f]+$/);
        assert.strictEqual(out.metadata.namespace, "default");
        assert.deepStrictEqual(out.data, { a: "1" });
    });

    it("a cluster-scoped object has no namespace, even when the program gives one (apiserver BeforeCreate)", () => {
        // k8s.io/apiserver pkg/registry/rest/create.go BeforeCreate: SetNamespace(NamespaceNone) if not namespaced
        for (const [type, metadata] of [
            ["kubernetes:networking.k8s.io/v1:IngressClass", { name: "alb" }],
            ["kubernetes:core/v1:Namespace", { name: "shop", namespace: "default" }],
        ] as const) {
            const out = created(type, "x", { metadata });
            assert.deepStrictEqual(out.metadata, { name: metadata.name }, type);
        }
    });

    it("an Ingress reports its ALB's DNS name where the controller writes it (status.loadBalancer)", () => {
        // aws-load-balancer-controller pkg/ingress/model_build_load_balancer.go: k8s-<namespace>-<name>-<hash>
        const out = created("kubernetes:networking.k8s.io/v1:Ingress", "web", {
            metadata: { name: "web", namespace: "shop" },
        });
        assert.deepStrictEqual(out.status, {
            loadBalancer: { ingress: [{ hostname: "k8s-shop-web-0123456789.us-west-2.elb.amazonaws.com" }] },
        });
        cloud.region = "cn-north-1";
        cloud.dnsSuffix = "amazonaws.com.cn";
        const cn = created("kubernetes:networking.k8s.io/v1:Ingress", "web", { metadata: { name: "web" } });
        assert.strictEqual(
            cn.status.loadBalancer.ingress[0].hostname,
            "k8s-default-web-0123456789.cn-north-1.elb.amazonaws.com.cn",
        );
    });

    it("a Gateway reports the same DNS name as a Hostname address (Gateway API GatewayStatus.addresses)", () => {
        const out = created("kubernetes:gateway.networking.k8s.io/v1:Gateway", "edge", {
            metadata: { name: "edge", namespace: "gateways" },
        });
        assert.deepStrictEqual(out.status, {
            addresses: [{ type: "Hostname", value: "k8s-gateways-edge-0123456789.us-west-2.elb.amazonaws.com" }],
        });
    });

    it("IAM roles and policies get their ARN in the account and partition, under the given or generated name", () => {
        // an IAM ARN is arn:<partition>:iam::<account>:role/<name> (path "/"); unnamed: <name>-<random hex> (pulumi.com docs FAQ)
        const role = created("aws:iam/role:Role", "irsa", { name: "lbc", assumeRolePolicy: "{}" });
        assert.deepStrictEqual(role, { name: "lbc", assumeRolePolicy: "{}", arn: `arn:aws:iam::${ACCOUNT}:role/lbc` });
        const generated = created("aws:iam/role:Role", "irsa");
        assert.match(generated.name, /^irsa-[0-9a-f]+$/);
        assert.strictEqual(generated.arn, `arn:aws:iam::${ACCOUNT}:role/${generated.name}`);
        cloud.partition = "aws-cn";
        const policy = created("aws:iam/policy:Policy", "lbc-policy", { name: "AWSLoadBalancerController" });
        assert.strictEqual(policy.name, "AWSLoadBalancerController");
        assert.strictEqual(policy.arn, `arn:aws-cn:iam::${ACCOUNT}:policy/AWSLoadBalancerController`);
        const unnamed = created("aws:iam/policy:Policy", "p");
        assert.match(unnamed.name, /^p-[0-9a-f]+$/);
        assert.strictEqual(unnamed.arn, `arn:aws-cn:iam::${ACCOUNT}:policy/${unnamed.name}`);
    });

    it("an IAM OIDC provider's ARN names its URL without the scheme", () => {
        const url = "https://oidc.eks.us-west-2.amazonaws.com/id/ABC";
        assert.deepStrictEqual(created("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "oidc", { url }), {
            url,
            arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABC`,
        });
    });

    it("a Pod Identity association gets an id and an ARN under its cluster", () => {
        // EKS: arn:<partition>:eks:<region>:<account>:podidentityassociation/<cluster>/<associationId>
        const out = created("aws:eks/podIdentityAssociation:PodIdentityAssociation", "pia", {
            clusterName: "demo",
            namespace: "kube-system",
        });
        assert.match(out.associationId, /^a-[0-9a-z]+$/);
        assert.strictEqual(
            out.associationArn,
            `arn:aws:eks:us-west-2:${ACCOUNT}:podidentityassociation/demo/${out.associationId}`,
        );
        assert.strictEqual(out.namespace, "kube-system");
    });

    it("an awsx VPC has a public and a private subnet in each of 3 zones by default", () => {
        // @pulumi/awsx ec2/vpc.d.ts: numberOfAvailabilityZones "defaults to the first 3 AZs", subnetSpecs "Defaults
        // to a (smaller) public subnet and a (larger) private subnet"
        const out = created("awsx:ec2:Vpc", "vpc", { enableDnsHostnames: true });
        assert.match(out.vpcId, /^vpc-[0-9a-f]{17}$/);
        assert.strictEqual(out.publicSubnetIds.length, 3);
        assert.strictEqual(out.privateSubnetIds.length, 3);
        assert.deepStrictEqual(out.isolatedSubnetIds, []);
        const ids = [...out.publicSubnetIds, ...out.privateSubnetIds];
        for (const id of ids) assert.match(id, /^subnet-[0-9a-f]{17}$/);
        assert.strictEqual(new Set(ids).size, 6, "every subnet has its own id");
        assert.deepStrictEqual(Object.keys(out).sort(), [
            "isolatedSubnetIds",
            "privateSubnetIds",
            "publicSubnetIds",
            "vpcId",
        ]);
    });

    it("an awsx VPC has the subnet types and zone count it asks for", () => {
        const out = created("awsx:ec2:Vpc", "vpc", {
            numberOfAvailabilityZones: 2,
            subnetSpecs: [{ type: "Private" }, { type: "Isolated" }],
        });
        assert.deepStrictEqual(out.publicSubnetIds, []);
        assert.strictEqual(out.privateSubnetIds.length, 2);
        assert.strictEqual(out.isolatedSubnetIds.length, 2);
        const ids = [...out.privateSubnetIds, ...out.isolatedSubnetIds];
        for (const id of ids) assert.match(id, /^subnet-[0-9a-f]{17}$/);
        assert.strictEqual(new Set(ids).size, 4);
        assert.deepStrictEqual(
            created("awsx:ec2:Vpc", "v", { subnetSpecs: [{ type: "Public" }] }).privateSubnetIds,
            [],
        );
    });

    it("an @pulumi/eks cluster with an OIDC provider has the issuer and provider ARN of the looked-up cluster", () => {
        // @pulumi/eks cluster.d.ts: oidcIssuer is "OIDC Provider URL without leading `https://`"
        const out = created("eks:index:Cluster", "my-cluster", { createOidcProvider: true, vpcId: "vpc-1" });
        const issuerUrl = clusterIssuerUrl("my-cluster");
        assert.strictEqual(out.oidcProviderUrl, issuerUrl);
        assert.strictEqual(`https://${out.oidcIssuer}`, issuerUrl);
        assert.strictEqual(out.oidcProviderArn, `arn:aws:iam::${ACCOUNT}:oidc-provider/${out.oidcIssuer}`);
        assert.strictEqual(out.eksCluster.vpcConfig.vpcId, "vpc-1");
        assert.strictEqual(
            created("eks:index:Cluster", "named", { name: "prod" }).eksCluster.name,
            "prod",
            "pulumi-eks passes `name` through as the EKS cluster's name (the subnet tags' kubernetes.io/cluster/<name>)",
        );
        // kubeconfigJson is the kubeconfig as JSON (what the stack hands its Kubernetes providers)
        assert.deepStrictEqual(JSON.parse(out.kubeconfigJson), out.kubeconfig);
        assert.strictEqual(out.kubeconfig.apiVersion, "v1");
    });

    it("an @pulumi/eks cluster without one reports an empty ARN and sits in the default VPC", () => {
        // cluster.d.ts oidcProviderArn: "Defaults to an empty string if no OIDC provider is configured"
        const out = created("eks:index:Cluster", "demo", {});
        assert.strictEqual(out.oidcProviderArn, "");
        assert.match(out.eksCluster.vpcConfig.vpcId, /^vpc-[0-9a-f]{17}$/);
        // no `name`: the aws.eks.Cluster `demo-eksCluster` takes an auto-name (pulumi-eks nodejs/eks/cluster.ts)
        assert.match(out.eksCluster.name, /^demo-eksCluster-[0-9a-f]{7}$/);
        assertDeclared(out, declared("@pulumi/eks", "cluster.d.ts", "Cluster"), "eks.Cluster");
    });

    it("TLS keys, certificates and requests come as PEM blocks of their kind (terraform-provider-tls preambles)", () => {
        const key = created("tls:index/privateKey:PrivateKey", "ca-key", { algorithm: "RSA", rsaBits: 2048 });
        assert.strictEqual(key.algorithm, "RSA");
        assert.match(key.privateKeyPem, pem("RSA PRIVATE KEY"));
        // terraform-provider-tls private_key_pem: PKCS#1 (RSA), SEC 1 (ECDSA), PKCS#8 (ED25519)
        for (const [algorithm, kind] of [
            ["ECDSA", "EC PRIVATE KEY"],
            ["ED25519", "PRIVATE KEY"],
        ]) {
            assert.match(created("tls:index/privateKey:PrivateKey", algorithm, { algorithm }).privateKeyPem, pem(kind));
        }
        assert.match(key.publicKeyPem, pem("PUBLIC KEY"));
        assert.notStrictEqual(
            created("tls:index/privateKey:PrivateKey", "other").privateKeyPem,
            key.privateKeyPem,
            "each key is its own",
        );
        for (const type of [
            "tls:index/selfSignedCert:SelfSignedCert",
            "tls:index/locallySignedCert:LocallySignedCert",
        ]) {
            const cert = created(type, "cert", { validityPeriodHours: 87600 });
            assert.match(cert.certPem, pem("CERTIFICATE"), type);
            assert.strictEqual(cert.validityPeriodHours, 87600);
        }
        const csr = created("tls:index/certRequest:CertRequest", "csr", { dnsNames: ["svc"] });
        assert.match(csr.certRequestPem, pem("CERTIFICATE REQUEST"));
        assert.deepStrictEqual(csr.dnsNames, ["svc"]);
    });

    it("other resources get their inputs back (no provider-side defaults are invented)", () => {
        const inputs = { clusterName: "demo", addonName: "eks-pod-identity-agent" };
        assert.deepStrictEqual(created("aws:eks/addon:Addon", "agent", inputs), inputs);
        // the SDK's Helm v4 and yaml v2 components are remote components: no metadata of their own
        const chart = { chart: "oci://public.ecr.aws/eks/aws-load-balancer-controller", namespace: "kube-system" };
        assert.deepStrictEqual(created("kubernetes:helm.sh/v4:Chart", "lbc", chart), chart);
        assert.deepStrictEqual(created("kubernetes:yaml/v2:ConfigGroup", "crds", { files: ["a.yaml"] }), {
            files: ["a.yaml"],
        });
    });
});

describe("fake cloud: the cluster's OIDC issuer and invoke errors", () => {
    it("an issuer URL is https://oidc.eks.<region>.<dnsSuffix>/id/<upper-case alphanumeric id>", () => {
        assert.strictEqual(clusterIssuerUrl("my-cluster_1"), "https://oidc.eks.us-west-2.amazonaws.com/id/MYCLUSTER1");
        cloud.region = "cn-north-1";
        cloud.dnsSuffix = "amazonaws.com.cn";
        assert.strictEqual(clusterIssuerUrl("c"), "https://oidc.eks.cn-north-1.amazonaws.com.cn/id/C");
    });

    it("a missing OIDC provider fails as the engine reports terraform-provider-aws' NotFoundError", () => {
        // pulumi/pulumi source_eval.go Invoke "invocation of %v returned an error: %w"; the bridge's "invoking"
        const error = oidcProviderNotFound() as Error & { code: number; details: string };
        const details =
            `invocation of ${OIDC_TOKEN} returned an error: invoking ${OIDC_TOKEN}: 1 error occurred:\n` +
            "\t* reading IAM OIDC Provider: couldn't find resource\n\n";
        assert.strictEqual(error.message, details);
        assert.deepStrictEqual([error.code, error.details], [2, details]);
        assert.strictEqual(
            invokeError("t:x:y", "boom").message,
            "invocation of t:x:y returned an error: invoking t:x:y: 1 error occurred:\n\t* boom\n\n",
        );
    });
});

describe("fake cloud: invokes", () => {
    it("getPartition answers the partition, its DNS suffix and its reverse DNS prefix", () => {
        // @pulumi/aws getPartition.d.ts: reverseDnsPrefix "com.amazonaws in AWS Commercial, cn.com.amazonaws in China"
        const aws = invoked("aws:index/getPartition:getPartition");
        assert.deepStrictEqual(aws, {
            partition: "aws",
            dnsSuffix: "amazonaws.com",
            id: "aws",
            reverseDnsPrefix: "com.amazonaws",
        });
        assertDeclared(aws, declared("@pulumi/aws", "getPartition.d.ts", "GetPartitionResult"), "getPartition");
        cloud.partition = "aws-cn";
        cloud.dnsSuffix = "amazonaws.com.cn";
        assert.deepStrictEqual(invoked("aws:index/getPartition:getPartition"), {
            partition: "aws-cn",
            dnsSuffix: "amazonaws.com.cn",
            id: "aws-cn",
            reverseDnsPrefix: "cn.com.amazonaws",
        });
    });

    it("getRegion answers the provider's region and its EC2 endpoint", () => {
        const region = invoked("aws:index/getRegion:getRegion");
        assert.deepStrictEqual([region.region, region.name, region.id], ["us-west-2", "us-west-2", "us-west-2"]);
        assert.strictEqual(region.endpoint, "ec2.us-west-2.amazonaws.com");
        assertDeclared(region, declared("@pulumi/aws", "getRegion.d.ts", "GetRegionResult"), "getRegion");
    });

    it("getCluster answers an ACTIVE cluster as @pulumi/aws types it", () => {
        const c = invoked("aws:eks/getCluster:getCluster", { name: "demo" });
        assertDeclared(c, declared("@pulumi/aws", "eks/getCluster.d.ts", "GetClusterResult"), "getCluster");
        assert.deepStrictEqual([c.name, c.id, c.status], ["demo", "demo", "ACTIVE"]);
        assert.strictEqual(c.arn, `arn:aws:eks:us-west-2:${ACCOUNT}:cluster/demo`);
        assert.match(c.endpoint, /^https:\/\/[0-9A-F]+\.gr7\.us-west-2\.eks\.amazonaws\.com$/);
        const ca = c.certificateAuthorities[0].data;
        assert.ok(ca.length > 0 && Buffer.from(ca, "base64").toString("base64") === ca, "the CA is base64");
        assert.deepStrictEqual(c.identities, [{ oidcs: [{ issuer: clusterIssuerUrl("demo") }] }]);
        assert.match(c.vpcConfig.vpcId, /^vpc-[0-9a-f]{17}$/);
        assert.strictEqual(c.vpcConfig.subnetIds.length, 2);
        for (const id of c.vpcConfig.subnetIds) assert.match(id, /^subnet-[0-9a-f]{17}$/);
        assert.match(c.version, /^1\.\d+$/);
        // an IPv4 cluster without Auto Mode: each Auto Mode block a one-item list, disabled (stack/loadBalancing.ts
        // reads a missing block the same way)
        assert.deepStrictEqual(c.computeConfigs, [{ enabled: false, nodePools: [], nodeRoleArn: "" }]);
        assert.deepStrictEqual(c.storageConfigs, [{ blockStorages: [{ enabled: false }] }]);
        assert.deepStrictEqual(c.kubernetesNetworkConfigs, [
            {
                elasticLoadBalancings: [{ enabled: false }],
                ipFamily: "ipv4",
                serviceIpv4Cidr: "172.20.0.0/16",
                serviceIpv6Cidr: "",
            },
        ]);
        const output = "types/output.d.ts";
        for (const [value, type] of [
            [c.computeConfigs[0], "GetClusterComputeConfig"],
            [c.storageConfigs[0], "GetClusterStorageConfig"],
            [c.kubernetesNetworkConfigs[0], "GetClusterKubernetesNetworkConfig"],
            [c.vpcConfig, "GetClusterVpcConfig"],
        ] as const) {
            assertDeclared(value, declared("@pulumi/aws", output, type), type);
        }
    });

    it("getCluster of an Auto Mode cluster has compute, block storage and load balancing on", () => {
        // the built-in node pools of EKS Auto Mode: general-purpose and system (amazon-eks-user-guide automode)
        cloud.autoMode = true;
        const c = invoked("aws:eks/getCluster:getCluster", { name: "auto" });
        assert.deepStrictEqual(c.computeConfigs[0].nodePools, ["general-purpose", "system"]);
        assert.strictEqual(c.computeConfigs[0].enabled, true);
        assert.deepStrictEqual(c.storageConfigs, [{ blockStorages: [{ enabled: true }] }]);
        assert.deepStrictEqual(c.kubernetesNetworkConfigs[0].elasticLoadBalancings, [{ enabled: true }]);
    });

    it("getOpenIdConnectProvider finds the provider with its URL (no scheme), audience and tags", () => {
        const arn = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABC`;
        cloud.oidcProviderExists = true;
        cloud.oidcProviderTags = { team: "platform" };
        const found = invoked(OIDC_TOKEN, { arn });
        assertDeclared(
            found,
            declared("@pulumi/aws", "iam/getOpenIdConnectProvider.d.ts", "GetOpenIdConnectProviderResult"),
            "getOpenIdConnectProvider",
        );
        assert.deepStrictEqual(
            [found.arn, found.id, found.url, found.clientIdLists, found.tags],
            [arn, arn, "oidc.eks.us-west-2.amazonaws.com/id/ABC", ["sts.amazonaws.com"], { team: "platform" }],
        );
    });

    it("getOpenIdConnectProvider fails with not-found, or with the look-up error the account gives", () => {
        const arn = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABC`;
        assert.throws(() => invoked(OIDC_TOKEN, { arn }), { message: oidcProviderNotFound().message });
        cloud.oidcProviderLookupError = "AccessDenied: not authorized";
        const denied = invokeError(OIDC_TOKEN, "AccessDenied: not authorized").message;
        assert.throws(() => invoked(OIDC_TOKEN, { arn }), { message: denied });
        cloud.oidcProviderExists = true;
        assert.throws(() => invoked(OIDC_TOKEN, { arn }), { message: denied }, "the error wins over a provider");
    });

    it("getCallerIdentity answers the account and an IAM ARN in it", () => {
        cloud.partition = "aws-us-gov";
        const me = invoked("aws:index/getCallerIdentity:getCallerIdentity");
        assertDeclared(
            me,
            declared("@pulumi/aws", "getCallerIdentity.d.ts", "GetCallerIdentityResult"),
            "getCallerIdentity",
        );
        assert.deepStrictEqual([me.accountId, me.id], [ACCOUNT, ACCOUNT]);
        assert.match(me.arn, new RegExp(`^arn:aws-us-gov:iam::${ACCOUNT}:user/\\S+$`));
    });

    it("refuses an invoke it does not know, by token", () => {
        assert.throws(() => invoked("aws:ec2/getVpc:getVpc"), { message: "unmocked invoke aws:ec2/getVpc:getVpc" });
    });
});
