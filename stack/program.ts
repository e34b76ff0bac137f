/**
 * The stack program: a cluster (looked up, or created in its own VPC), the AWS Load Balancer Controller, and one
 * IngressApp per configured app. `index.ts` runs it with the stack's config; the offline plan runs it under the mock engine.
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
    crdProviderArgs,
} from "../components/index";
import { resolveControllerArgs } from "../components/controller/resolveControllerArgs";
import { resolveIngressAppArgs } from "../components/app/resolveIngressAppArgs";
import { checkAwsCli, providersRun } from "./awsCli";
import { clusterVpc } from "./clusterVpc";
import { ConfigError, ConfigErrors, type StackConfig } from "./config";
import { CONTROLLER_RESOURCE_NAME, adoptTransformations } from "./migration";
import { type AwsCliIdentity, awsCliIdentity, eksKubeconfig } from "./kubeconfig";
import { clusterOidcProvider } from "./oidcProvider";

/** The stack's outputs. */
export interface StackOutputs {
    /** ARN of the controller's IAM role. */
    readonly controllerRoleArn: pulumi.Output<string>;
    /** Each app's URL, by app name. */
    readonly appUrls: Record<string, pulumi.Output<string>>;
}

/**
 * Rethrows an argument error of a component built from config under the config key it came from: `<key>.<arg>`,
 * or `wired[arg]` for an argument the program sets from elsewhere (e.g. `kubernetesVersion`).
 */
function fromConfig<T>(
    key: string,
    build: () => T,
    wired: Record<string, { readonly key: string; readonly prefix?: string }> = {},
): T {
    try {
        return build();
    } catch (e) {
        if (e instanceof InvalidArgumentsError) {
            // Every problem of the component, each under its own config key.
            throw new ConfigErrors(
                e.problems.map((p) => {
                    const arg = /^`([^`]+)`/.exec(p)?.[1];
                    const problem = p.replace(/^`([^`]+)`/, "").trim();
                    const to = arg ? wired[arg] : undefined;
                    if (to) return new ConfigError(to.key, to.prefix ? `${to.prefix} ${problem}` : problem);
                    return new ConfigError(arg && arg !== "name" ? `${key}.${arg}` : key, problem);
                }),
            );
        }
        throw e;
    }
}

/** What the program needs from where it runs (index.ts passes {@link runningHost}; specs pass their own). */
export interface StackHost {
    /**
     * The AWS provider's identity, passed to `aws eks get-token` in the kubeconfigs.
     * @default - the CLI's ambient credentials
     */
    readonly awsIdentity?: AwsCliIdentity;
    /**
     * Fails when the aws CLI that an existing cluster's kubeconfig runs is missing or too old.
     * @default - no check
     */
    readonly checkAwsCli?: () => void;
}

/** The host as the Pulumi CLI runs the program: the `aws:` config, and the CLI check when providers will run. */
export function runningHost(): StackHost {
    const awsConfig = new pulumi.Config("aws");
    return {
        awsIdentity: awsCliIdentity((key) => awsConfig.get(key)),
        checkAwsCli: providersRun() ? () => checkAwsCli() : undefined,
    };
}

/** The controller's cluster wiring, the Kubernetes provider, and what the controller must wait for. */
interface ClusterWiring {
    readonly args: AlbIngressControllerArgs;
    readonly provider: k8s.Provider;
    readonly dependsOn: pulumi.Resource[];
}

/**
 * A new cluster in its own VPC: nodes in the private subnets, public subnets for internet-facing ALBs (pulumi-eks
 * `ClusterOptions.privateSubnetIds`: "Mixed (recommended) ... worker nodes ... in private subnets"), both tagged
 * for the controller's subnet discovery (clusterVpc.ts).
 */
function newCluster(cfg: StackConfig, host: StackHost): ClusterWiring {
    const podIdentity = cfg.controller.identity === "podIdentity";
    const vpc = clusterVpc(cfg.clusterName);
    const identity = host.awsIdentity ?? {};
    const cluster = new eks.Cluster(cfg.clusterName, {
        name: cfg.clusterName,
        vpcId: vpc.vpcId,
        publicSubnetIds: vpc.publicSubnetIds,
        privateSubnetIds: vpc.privateSubnetIds,
        nodeAssociatePublicIpAddress: false,
        createOidcProvider: !podIdentity,
        authenticationMode: eks.AuthenticationMode.Api,
        instanceType: cfg.nodeInstanceType,
        desiredCapacity: cfg.nodeCount,
        minSize: cfg.nodeCount,
        maxSize: cfg.nodeCount,
        version: cfg.kubernetesVersion,
        // pulumi-eks passes these to `aws eks get-token` in the kubeconfig (`generateKubeconfig`).
        ...(identity.profile || identity.roleArn
            ? { providerCredentialOpts: { profileName: identity.profile, roleArn: identity.roleArn } }
            : {}),
    });
    const provider = new k8s.Provider(`${cfg.clusterName}-k8s`, { kubeconfig: cluster.kubeconfigJson });
    const crdProvider = new k8s.Provider(`${cfg.clusterName}-k8s-crds`, {
        kubeconfig: cluster.kubeconfigJson,
        ...crdProviderArgs,
    });
    // Pod Identity needs its agent on the nodes; a new cluster gets it as an EKS add-on.
    const agent = podIdentity
        ? [
              new aws.eks.Addon(`${cfg.clusterName}-pod-identity-agent`, {
                  clusterName: cluster.eksCluster.name,
                  addonName: "eks-pod-identity-agent",
              }),
          ]
        : [];
    return { args: { cluster, crdProvider, kubernetesVersion: cfg.kubernetesVersion }, provider, dependsOn: agent };
}

/** An existing cluster, looked up by name; its IAM OIDC provider is reused or managed (oidcProvider.ts). */
async function existingCluster(cfg: StackConfig, host: StackHost): Promise<ClusterWiring> {
    host.checkAwsCli?.();
    const [cluster, { region }] = await Promise.all([aws.eks.getCluster({ name: cfg.clusterName }), aws.getRegion({})]);
    const issuerUrl = cluster.identities[0]?.oidcs[0]?.issuer;
    if (!issuerUrl) throw new ConfigError("clusterName", `names cluster ${cfg.clusterName}, which has no OIDC issuer`);
    const kubeconfig = eksKubeconfig(
        cfg.clusterName,
        cluster.endpoint,
        cluster.certificateAuthorities[0]?.data ?? "",
        region,
        host.awsIdentity,
    );
    const provider = new k8s.Provider(`${cfg.clusterName}-k8s`, { kubeconfig });
    // The controller's CRDs only: adopts the CRDs a Helm install of the chart left (controllerCrds.ts).
    const crdProvider = new k8s.Provider(`${cfg.clusterName}-k8s-crds`, { kubeconfig, ...crdProviderArgs });
    const wiring = {
        clusterName: cluster.name,
        vpcId: cluster.vpcConfig.vpcId,
        region,
        crdProvider,
        kubernetesVersion: cluster.version,
    };
    if (cfg.controller.identity === "podIdentity") {
        return { args: wiring, provider, dependsOn: [] }; // no OIDC provider; the agent add-on is the cluster's
    }
    const oidcProviderArn = await clusterOidcProvider(`${cfg.clusterName}-oidc`, cfg.oidcProvider, issuerUrl, {
        deleteOnDestroy: cfg.oidcProviderDeleteOnDestroy,
        tags: cfg.controller.tags,
    });
    return { args: { ...wiring, oidcProviderArn }, provider, dependsOn: [] };
}

/** Where the controller's wired `kubernetesVersion` comes from, for messages under the right config key. */
function kubernetesVersionKey(cfg: StackConfig): Record<string, { readonly key: string; readonly prefix?: string }> {
    // new clusters: the `kubernetesVersion` config; existing ones: the version of the cluster `clusterName` names
    return {
        kubernetesVersion:
            cfg.clusterMode === "new"
                ? { key: "kubernetesVersion" }
                : { key: "clusterName", prefix: "names a cluster whose Kubernetes version" },
    };
}

/**
 * Checks the arguments of the controller and of every app before anything is registered, and throws every problem
 * at once: once the program has registered a resource, a real `pulumi up` creates it even if the program fails
 * later (pulumi/pulumi `pkg/resource/deploy/deployment_executor.go` runs steps as registrations arrive). The
 * cluster wiring (VPC, OIDC provider) is only known from the cloud, so a well-formed stand-in takes its place here;
 * the config cannot set those arguments (stack/config.ts).
 */
export function checkStackArguments(cfg: StackConfig): void {
    const errors: ConfigError[] = [];
    const collect = (check: () => void) => {
        try {
            check();
        } catch (e) {
            if (!(e instanceof ConfigErrors)) throw e;
            errors.push(...e.errors);
        }
    };
    const irsa = (cfg.controller.identity ?? "irsa") === "irsa";
    collect(() =>
        fromConfig(
            "controller",
            () =>
                resolveControllerArgs(CONTROLLER_RESOURCE_NAME, {
                    ...cfg.controller,
                    clusterName: cfg.clusterName,
                    vpcId: "vpc-0123456789abcdef0",
                    ...(irsa
                        ? {
                              oidcProviderArn:
                                  "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/X",
                          }
                        : {}),
                    ...(cfg.clusterMode === "new" && cfg.kubernetesVersion
                        ? { kubernetesVersion: cfg.kubernetesVersion }
                        : {}),
                }),
            kubernetesVersionKey(cfg),
        ),
    );
    cfg.apps.forEach(({ name, ...app }, i) =>
        collect(() => fromConfig(`apps[${i}]`, () => resolveIngressAppArgs(name, app))),
    );
    if (errors.length > 0) throw new ConfigErrors(errors);
}

/** Builds the whole stack from its configuration. */
export async function createStack(cfg: StackConfig, host: StackHost = {}): Promise<StackOutputs> {
    checkStackArguments(cfg); // every argument problem before anything is registered
    const { args, provider, dependsOn } =
        cfg.clusterMode === "new" ? newCluster(cfg, host) : await existingCluster(cfg, host);
    const controller = fromConfig(
        "controller",
        () =>
            new AlbIngressController(
                CONTROLLER_RESOURCE_NAME,
                { ...cfg.controller, ...args },
                { providers: { kubernetes: provider }, dependsOn, transformations: adoptTransformations(cfg) },
            ),
        kubernetesVersionKey(cfg),
    );
    const appUrls: Record<string, pulumi.Output<string>> = {};
    cfg.apps.forEach(({ name, ...app }, i) => {
        appUrls[name] = fromConfig(
            `apps[${i}]`,
            () =>
                new IngressApp(
                    name,
                    { ...app, controller },
                    { providers: { kubernetes: provider }, transformations: adoptTransformations(cfg) },
                ),
        ).url;
    });
    return { controllerRoleArn: controller.roleArn, appUrls };
}
