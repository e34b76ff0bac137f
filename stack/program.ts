/**
 * The stack program: a cluster (looked up or created), the AWS Load Balancer Controller, and one IngressApp per
 * configured app. `index.ts` runs it with the stack's config; the offline plan runs it under the mock engine.
 */
import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
    AlbIngressController,
    type AlbIngressControllerArgs,
    IngressApp,
    InvalidArgumentsError,
} from "../components/index";
import { ConfigError, type StackConfig } from "./config";

/** The stack's outputs. */
export interface StackOutputs {
    /** ARN of the controller's IAM role. */
    readonly controllerRoleArn: pulumi.Output<string>;
    /** Each app's URL, by app name. */
    readonly appUrls: Record<string, pulumi.Output<string>>;
}

/** Rethrows an argument error of a component built from config under the config key it came from. */
function fromConfig<T>(key: string, build: () => T): T {
    try {
        return build();
    } catch (e) {
        if (e instanceof InvalidArgumentsError) {
            const first = e.problems[0].replace(/^`([^`]+)`/, "").trim();
            const arg = /^`([^`]+)`/.exec(e.problems[0])?.[1];
            throw new ConfigError(
                arg && arg !== "name" ? `${key}.${arg}` : key,
                first + (e.problems.length > 1 ? ` (and ${e.problems.length - 1} more problem(s))` : ""),
            );
        }
        throw e;
    }
}

/** A kubeconfig for an EKS cluster that gets its token from `aws eks get-token` (the AWS CLI). */
export function eksKubeconfig(name: string, endpoint: string, caData: string, region: string): string {
    return JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name, cluster: { server: endpoint, "certificate-authority-data": caData } }],
        contexts: [{ name, context: { cluster: name, user: name } }],
        "current-context": name,
        users: [
            {
                name,
                user: {
                    exec: {
                        apiVersion: "client.authentication.k8s.io/v1beta1",
                        command: "aws",
                        args: ["eks", "get-token", "--cluster-name", name, "--region", region],
                    },
                },
            },
        ],
    });
}

/** Finds the cluster's IAM OIDC provider: its ARN when it exists, `undefined` when it must be created. */
async function existingOidcProvider(cfg: StackConfig, issuerHostPath: string): Promise<string | undefined> {
    const [{ accountId }, { partition }] = await Promise.all([aws.getCallerIdentity({}), aws.getPartition({})]);
    const arn = `arn:${partition}:iam::${accountId}:oidc-provider/${issuerHostPath}`;
    if (cfg.oidcProvider === "create") return undefined;
    if (cfg.oidcProvider === "reuse") return arn;
    try {
        await aws.iam.getOpenIdConnectProvider({ arn });
        return arn;
    } catch {
        return undefined; // not found: create it
    }
}

/** The controller's cluster wiring, the Kubernetes provider, and what the controller must wait for. */
interface ClusterWiring {
    readonly args: AlbIngressControllerArgs;
    readonly provider: k8s.Provider;
    readonly dependsOn: pulumi.Resource[];
}

/** The controller's cluster wiring for an existing or a new cluster. */
async function clusterWiring(cfg: StackConfig): Promise<ClusterWiring> {
    const podIdentity = cfg.controller.identity === "podIdentity";
    if (cfg.clusterMode === "new") {
        const cluster = new eks.Cluster(cfg.clusterName, {
            name: cfg.clusterName,
            createOidcProvider: !podIdentity,
            authenticationMode: eks.AuthenticationMode.Api,
            instanceType: cfg.nodeInstanceType,
            desiredCapacity: cfg.nodeCount,
            minSize: cfg.nodeCount,
            maxSize: cfg.nodeCount,
            version: cfg.kubernetesVersion,
        });
        const provider = new k8s.Provider(`${cfg.clusterName}-k8s`, { kubeconfig: cluster.kubeconfigJson });
        // Pod Identity needs its agent on the nodes; a new cluster gets it as an EKS add-on.
        const agent = podIdentity
            ? [
                  new aws.eks.Addon(`${cfg.clusterName}-pod-identity-agent`, {
                      clusterName: cluster.eksCluster.name,
                      addonName: "eks-pod-identity-agent",
                  }),
              ]
            : [];
        return { args: { cluster }, provider, dependsOn: agent };
    }
    const [cluster, { region }] = await Promise.all([aws.eks.getCluster({ name: cfg.clusterName }), aws.getRegion({})]);
    const issuerUrl = cluster.identities[0]?.oidcs[0]?.issuer;
    if (!issuerUrl) throw new ConfigError("clusterName", `names cluster ${cfg.clusterName}, which has no OIDC issuer`);
    const provider = new k8s.Provider(`${cfg.clusterName}-k8s`, {
        kubeconfig: eksKubeconfig(
            cfg.clusterName,
            cluster.endpoint,
            cluster.certificateAuthorities[0]?.data ?? "",
            region,
        ),
    });
    const wiring = { clusterName: cluster.name, vpcId: cluster.vpcConfig.vpcId, region };
    if (podIdentity) {
        return { args: wiring, provider, dependsOn: [] }; // no OIDC provider; the agent add-on is the cluster's
    }
    const oidcProviderArn = await existingOidcProvider(cfg, issuerUrl.replace(/^https:\/\//, ""));
    const oidc = oidcProviderArn ? { oidcProviderArn } : { oidcIssuerUrl: issuerUrl };
    return { args: { ...wiring, ...oidc }, provider, dependsOn: [] };
}

/** Builds the whole stack from its configuration. */
export async function createStack(cfg: StackConfig): Promise<StackOutputs> {
    const { args, provider, dependsOn } = await clusterWiring(cfg);
    const controller = fromConfig(
        "controller",
        () =>
            new AlbIngressController(
                "lbc",
                { ...cfg.controller, ...args },
                { providers: { kubernetes: provider }, dependsOn },
            ),
    );
    const appUrls: Record<string, pulumi.Output<string>> = {};
    cfg.apps.forEach(({ name, ...app }, i) => {
        appUrls[name] = fromConfig(
            `apps[${i}]`,
            () => new IngressApp(name, { ...app, controller }, { providers: { kubernetes: provider } }),
        ).url;
    });
    return { controllerRoleArn: controller.roleArn, appUrls };
}
