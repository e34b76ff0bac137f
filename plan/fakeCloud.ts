/**
 * The fake cloud the offline engine answers from (plan/engine.ts): the outputs a provider would fill in for a new
 * resource, and the answers of the invokes the program makes. Everything it invents is a placeholder for what only
 * the real cloud knows; an invoke it does not know fails loudly.
 */
import * as pulumi from "@pulumi/pulumi";
import { CLUSTER_SCOPED_KINDS, kubernetesKind } from "./lifecycle/replaceRules";

/**
 * The fake cloud the mocks answer from; tests may change it (`reset()` restores it). Everything it invents is a
 * placeholder for what only the real cloud knows: the account, ARNs, ids, the OIDC issuer, ALB host names.
 */
export const cloud = {
    account: "123456789012",
    partition: "aws",
    region: "us-west-2",
    dnsSuffix: "amazonaws.com",
    /** Whether `aws.iam.getOpenIdConnectProvider` finds the cluster's provider. */
    oidcProviderExists: false,
    /** The tags of that provider (a provider a stack created carries `eks-alb-ingress:stack`). */
    oidcProviderTags: {} as Record<string, string>,
    /** When set, the look-up fails with this error instead (e.g. IAM's AccessDenied), as the engine reports it. */
    oidcProviderLookupError: undefined as string | undefined,
    /** Whether `aws.eks.getCluster` reports EKS Auto Mode (compute, storage and load balancing) enabled. */
    autoMode: false,
};

const PLACEHOLDER_PEM = (kind: string, name: string) =>
    `-----BEGIN ${kind}-----\nMOCK-${name}\n-----END ${kind}-----\n`;

/** Outputs the fake cloud returns for a new resource (only what provider-side defaults would fill in). */
export function outputsOf(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
    const i = (args.inputs ?? {}) as Record<string, any>;
    const { account, partition } = cloud;
    const autoName = `${args.name}-a1b2c3d`;
    if (args.type === "kubernetes:helm.sh/v3:Release") {
        const name = i.name ?? autoName;
        return {
            ...i,
            name,
            status: { name, namespace: i.namespace ?? "default", status: "deployed", version: i.version ?? "" },
        };
    }
    // A Kubernetes object (not the SDK's Helm, yaml and kustomize components, which get their inputs back).
    const k8s = kubernetesKind(args.type);
    if (k8s) {
        // The API server drops the namespace of a cluster-scoped object and defaults a namespaced one's
        // (k8s.io/apiserver pkg/registry/rest/create.go `BeforeCreate`; the provider's default namespace).
        const metadata: Record<string, unknown> = { ...i.metadata, name: i.metadata?.name ?? autoName };
        if (CLUSTER_SCOPED_KINDS.has(k8s.kind)) delete metadata.namespace;
        else metadata.namespace = i.metadata?.namespace ?? "default";
        const hostname = `k8s-${metadata.namespace}-${metadata.name}-0123456789.${cloud.region}.elb.${cloud.dnsSuffix}`;
        // The load balancer's DNS name, where its controller writes it: an Ingress's status.loadBalancer, a
        // Gateway's status.addresses (Gateway API `GatewayStatus.addresses`, type Hostname).
        const status =
            args.type === "kubernetes:networking.k8s.io/v1:Ingress"
                ? { loadBalancer: { ingress: [{ hostname }] } }
                : args.type === "kubernetes:gateway.networking.k8s.io/v1:Gateway"
                  ? { addresses: [{ type: "Hostname", value: hostname }] }
                  : i.status;
        return { ...i, metadata, ...(status === undefined ? {} : { status }) };
    }
    switch (args.type) {
        case "aws:iam/role:Role":
            return {
                ...i,
                name: i.name ?? autoName,
                arn: `arn:${partition}:iam::${account}:role/${i.name ?? autoName}`,
            };
        case "aws:iam/policy:Policy":
            return {
                ...i,
                name: i.name ?? autoName,
                arn: `arn:${partition}:iam::${account}:policy/${i.name ?? autoName}`,
            };
        case "aws:iam/openIdConnectProvider:OpenIdConnectProvider":
            return {
                ...i,
                arn: `arn:${partition}:iam::${account}:oidc-provider/${String(i.url).replace(/^https:\/\//, "")}`,
            };
        case "aws:eks/podIdentityAssociation:PodIdentityAssociation":
            return {
                ...i,
                associationId: "a-0123456789",
                associationArn: `arn:${partition}:eks:${cloud.region}:${account}:podidentityassociation/${i.clusterName}/a-0123456789`,
            };
        case "awsx:ec2:Vpc": {
            // A remote component: its state becomes the outputs of the awsx.ec2.Vpc object (ids only).
            const zones = i.numberOfAvailabilityZones ?? 3;
            const ids = (kind: string) => Array.from({ length: zones }, (_, z) => `subnet-${kind}00000000000000${z}`);
            const types = (i.subnetSpecs ?? [{ type: "Public" }, { type: "Private" }]).map(
                (spec: { type: string }) => spec.type,
            );
            return {
                vpcId: "vpc-0a1b2c3d4e5f60718",
                publicSubnetIds: types.includes("Public") ? ids("0a") : [],
                privateSubnetIds: types.includes("Private") ? ids("0b") : [],
                isolatedSubnetIds: types.includes("Isolated") ? ids("0c") : [],
            };
        }
        case "eks:index:Cluster": {
            // A remote component: its state becomes the outputs of the eks.Cluster object.
            const issuer = clusterIssuerUrl(args.name).slice("https://".length);
            const createOidc = i.createOidcProvider === true;
            return {
                kubeconfig: { apiVersion: "v1", clusters: [] },
                kubeconfigJson: '{"apiVersion":"v1","clusters":[]}',
                oidcProviderArn: createOidc ? `arn:${partition}:iam::${account}:oidc-provider/${issuer}` : "",
                oidcProviderUrl: `https://${issuer}`,
                oidcIssuer: issuer,
                eksCluster: {
                    // pulumi-eks passes `name` through to its aws.eks.Cluster `${name}-eksCluster` (nodejs/eks/cluster.ts),
                    // which else takes an auto-name: logical name plus 7 random hex characters.
                    name: i.name ?? `${args.name}-eksCluster-a1b2c3d`,
                    // The cluster is in the VPC it was given, else in the account's default VPC.
                    vpcConfig: { vpcId: i.vpcId ?? "vpc-0fedcba9876543210" },
                },
            };
        }
        case "tls:index/privateKey:PrivateKey":
            return {
                ...i,
                // terraform-provider-tls private_key_pem: PKCS#1 for RSA, SEC 1 for ECDSA, PKCS#8 for ED25519
                privateKeyPem: PLACEHOLDER_PEM(
                    i.algorithm === "RSA"
                        ? "RSA PRIVATE KEY"
                        : i.algorithm === "ECDSA"
                          ? "EC PRIVATE KEY"
                          : "PRIVATE KEY",
                    args.name,
                ),
                publicKeyPem: PLACEHOLDER_PEM("PUBLIC KEY", args.name),
            };
        case "tls:index/selfSignedCert:SelfSignedCert":
        case "tls:index/locallySignedCert:LocallySignedCert":
            return { ...i, certPem: PLACEHOLDER_PEM("CERTIFICATE", args.name) };
        case "tls:index/certRequest:CertRequest":
            return { ...i, certRequestPem: PLACEHOLDER_PEM("CERTIFICATE REQUEST", args.name) };
        default:
            return i;
    }
}

/** The OIDC issuer URL the fake cloud gives a cluster. */
export function clusterIssuerUrl(clusterName: string): string {
    return `https://oidc.eks.${cloud.region}.${cloud.dnsSuffix}/id/${clusterName.toUpperCase().replace(/[^A-Z0-9]/g, "")}`;
}

/**
 * A failed invoke as the SDK receives it: the engine answers the invoke RPC with an error status whose details are
 * `invocation of <token> returned an error: <provider's error>` (pulumi/pulumi pkg/resource/deploy/source_eval.go
 * `Invoke`), and the SDK rejects with `new Error(err.details)` (@pulumi/pulumi runtime/invoke.js). A bridged
 * provider's error is `invoking <token>: <diagnostics>` (pulumi-terraform-bridge pkg/tfbridge/provider.go `Invoke`,
 * diagnostics joined by go-multierror in pkg/tfshim/sdk-v2/diagnostics.go).
 */
export function invokeError(token: string, providerError: string): Error {
    const details = `invocation of ${token} returned an error: invoking ${token}: 1 error occurred:\n\t* ${providerError}\n\n`;
    return Object.assign(new Error(details), { code: 2 /* grpc UNKNOWN */, details });
}

/**
 * `aws.iam.getOpenIdConnectProvider` for a provider that does not exist: terraform-provider-aws
 * internal/service/iam/openid_connect_provider_data_source.go ("reading IAM OIDC Provider: %s") around the
 * `retry.NotFoundError` of `findOpenIDConnectProvider` ("couldn't find resource", internal/retry/error.go).
 */
export function oidcProviderNotFound(): Error {
    return invokeError(
        "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider",
        "reading IAM OIDC Provider: couldn't find resource",
    );
}

/** Answers of the fake cloud for invokes; anything else fails loudly. */
export function fakeInvoke(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    switch (args.token) {
        case "aws:index/getPartition:getPartition":
            return {
                partition: cloud.partition,
                dnsSuffix: cloud.dnsSuffix,
                id: cloud.partition,
                // "com.amazonaws in AWS Commercial, cn.com.amazonaws in AWS China" (@pulumi/aws getPartition.d.ts)
                reverseDnsPrefix: cloud.dnsSuffix.split(".").reverse().join("."),
            };
        case "aws:index/getRegion:getRegion":
            return {
                region: cloud.region,
                name: cloud.region,
                id: cloud.region,
                endpoint: `ec2.${cloud.region}.${cloud.dnsSuffix}`,
                description: cloud.region,
            };
        case "aws:eks/getCluster:getCluster": {
            const name = String(args.inputs.name);
            return {
                name,
                id: name,
                arn: `arn:${cloud.partition}:eks:${cloud.region}:${cloud.account}:cluster/${name}`,
                endpoint: `https://0123456789ABCDEF.gr7.${cloud.region}.eks.${cloud.dnsSuffix}`,
                certificateAuthorities: [{ data: "TU9DSy1DQQ==" }],
                identities: [{ oidcs: [{ issuer: clusterIssuerUrl(name) }] }],
                vpcConfig: {
                    vpcId: "vpc-0123456789abcdef0",
                    subnetIds: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
                },
                version: "1.33",
                status: "ACTIVE",
                // The Auto Mode blocks as @pulumi/aws 7.48 types them (eks/getCluster.d.ts GetClusterResult): each a
                // one-item list; a cluster without Auto Mode reports them disabled.
                computeConfigs: [
                    {
                        enabled: cloud.autoMode,
                        nodePools: cloud.autoMode ? ["general-purpose", "system"] : [],
                        nodeRoleArn: "",
                    },
                ],
                storageConfigs: [{ blockStorages: [{ enabled: cloud.autoMode }] }],
                kubernetesNetworkConfigs: [
                    {
                        elasticLoadBalancings: [{ enabled: cloud.autoMode }],
                        ipFamily: "ipv4",
                        serviceIpv4Cidr: "172.20.0.0/16",
                        serviceIpv6Cidr: "",
                    },
                ],
            };
        }
        case "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider":
            if (cloud.oidcProviderLookupError !== undefined)
                throw invokeError(args.token, cloud.oidcProviderLookupError);
            if (!cloud.oidcProviderExists) throw oidcProviderNotFound();
            return {
                arn: args.inputs.arn,
                url: String(args.inputs.arn).split("oidc-provider/")[1],
                clientIdLists: ["sts.amazonaws.com"],
                thumbprintLists: [],
                tags: { ...cloud.oidcProviderTags },
                id: args.inputs.arn,
            };
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return {
                accountId: cloud.account,
                arn: `arn:${cloud.partition}:iam::${cloud.account}:user/test`,
                userId: "AIDTEST",
                id: cloud.account,
            };
        default:
            throw new Error(`unmocked invoke ${args.token}`);
    }
}
