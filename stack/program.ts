/**
 * The stack program: a cluster (looked up, or created in its own VPC); who runs its load balancers — the AWS Load
 * Balancer Controller, or EKS Auto Mode's classes (stack/loadBalancing.ts); the ALB gateways; and one IngressApp per
 * configured app, behind its class or gateway. `index.ts` runs it with the stack's config; the offline plan runs it
 * under the mock engine.
 */
import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
    AlbGateway,
    type AlbGatewayArgs,
    AlbIngressController,
    type AlbIngressControllerArgs,
    IngressApp,
    InvalidArgumentsError,
    crdProviderArgs,
} from "../components/index";
import { resolveControllerArgs } from "../components/controller/resolveControllerArgs";
import { resolveIngressAppArgs } from "../components/app/resolveIngressAppArgs";
import { resolveAlbGatewayArgs } from "../components/gateway/resolveAlbGatewayArgs";
import type { GatewayRefArgs } from "../components/app/ingressAppArgs";
import { AutoModeIngressClass } from "../components/automode/autoModeIngressClass";
import { checkAwsCli, providersRun } from "./awsCli";
import { clusterVpc } from "./clusterVpc";
import { type AppConfig, ConfigError, ConfigErrors, type StackConfig } from "./config";
import { type GatewayConfig, gatewayNamespace } from "./gateways";
import { type LoadBalancer, autoModeLoadBalancing, decideLoadBalancer } from "./loadBalancing";
import { appArgs, appScheme, autoModeClasses } from "./routing";
import { CONTROLLER_RESOURCE_NAME, adoptTransformations } from "./migration";
import { type AwsCliIdentity, awsCliIdentity, eksKubeconfig } from "./kubeconfig";
import { clusterOidcProvider } from "./oidcProvider";

/** The stack's outputs. */
export interface StackOutputs {
    /** Who runs the load balancers: the self-managed controller or EKS Auto Mode. */
    readonly loadBalancing: LoadBalancer;
    /** ARN of the controller's IAM role (none on Auto Mode). */
    readonly controllerRoleArn?: pulumi.Output<string>;
    /** Each app's URL, by app name. */
    readonly appUrls: Record<string, pulumi.Output<string>>;
    /** Each gateway's URL, by gateway name. */
    readonly gatewayUrls: Record<string, pulumi.Output<string>>;
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
 * for the controller's subnet discovery (clusterVpc.ts). With `autoMode`, EKS Auto Mode runs the nodes and the
 * load balancers: @pulumi/eks 4.3 `ClusterOptions.autoMode` (`AutoModeOptionsArgs.enabled`, node/cluster.d.ts and
 * types/input.d.ts of pulumi/pulumi-eks) then creates no node group ("skipDefaultNodeGroup ... Defaults to false,
 * unless `fargate` or `autoMode` is enabled"), so the node settings are not passed.
 */
function newCluster(cfg: StackConfig, host: StackHost, lb: LoadBalancer): ClusterWiring {
    const controller = lb === "controller";
    const podIdentity = controller && cfg.controller.identity === "podIdentity";
    const vpc = clusterVpc(cfg.clusterName);
    const identity = host.awsIdentity ?? {};
    const cluster = new eks.Cluster(cfg.clusterName, {
        name: cfg.clusterName,
        vpcId: vpc.vpcId,
        publicSubnetIds: vpc.publicSubnetIds,
        privateSubnetIds: vpc.privateSubnetIds,
        nodeAssociatePublicIpAddress: false,
        // IRSA is the controller's; Auto Mode's load balancing needs no OIDC provider.
        createOidcProvider: controller && !podIdentity,
        authenticationMode: eks.AuthenticationMode.Api,
        ...(cfg.autoMode
            ? { autoMode: { enabled: true } }
            : {
                  instanceType: cfg.nodeInstanceType,
                  desiredCapacity: cfg.nodeCount,
                  minSize: cfg.nodeCount,
                  maxSize: cfg.nodeCount,
              }),
        version: cfg.kubernetesVersion,
        // pulumi-eks passes these to `aws eks get-token` in the kubeconfig (`generateKubeconfig`).
        ...(identity.profile || identity.roleArn
            ? { providerCredentialOpts: { profileName: identity.profile, roleArn: identity.roleArn } }
            : {}),
    });
    const provider = new k8s.Provider(`${cfg.clusterName}-k8s`, { kubeconfig: cluster.kubeconfigJson });
    if (!controller) return { args: { cluster }, provider, dependsOn: [] };
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

/** An existing cluster as looked up, and its region. */
interface ClusterLookup {
    readonly cluster: aws.eks.GetClusterResult;
    readonly region: string;
}

/** Looks the existing cluster up by name (no resource is registered). */
async function lookUpCluster(cfg: StackConfig, host: StackHost): Promise<ClusterLookup> {
    host.checkAwsCli?.();
    const [cluster, { region }] = await Promise.all([aws.eks.getCluster({ name: cfg.clusterName }), aws.getRegion({})]);
    return { cluster, region };
}

/**
 * An existing cluster, looked up by name; for the controller, its IAM OIDC provider is reused or managed
 * (oidcProvider.ts). Auto Mode needs only the Kubernetes provider.
 */
async function existingCluster(
    cfg: StackConfig,
    host: StackHost,
    { cluster, region }: ClusterLookup,
    lb: LoadBalancer,
): Promise<ClusterWiring> {
    const issuerUrl = cluster.identities[0]?.oidcs[0]?.issuer;
    const irsa = lb === "controller" && cfg.controller.identity !== "podIdentity";
    if (lb === "controller" && !issuerUrl)
        throw new ConfigError("clusterName", `names cluster ${cfg.clusterName}, which has no OIDC issuer`);
    const kubeconfig = eksKubeconfig(
        cfg.clusterName,
        cluster.endpoint,
        cluster.certificateAuthorities[0]?.data ?? "",
        region,
        host.awsIdentity,
    );
    const provider = new k8s.Provider(`${cfg.clusterName}-k8s`, { kubeconfig });
    if (lb === "autoMode") return { args: { clusterName: cluster.name }, provider, dependsOn: [] };
    // The controller's CRDs only: adopts the CRDs a Helm install of the chart left (controllerCrds.ts).
    const crdProvider = new k8s.Provider(`${cfg.clusterName}-k8s-crds`, { kubeconfig, ...crdProviderArgs });
    const wiring = {
        clusterName: cluster.name,
        vpcId: cluster.vpcConfig.vpcId,
        region,
        crdProvider,
        kubernetesVersion: cluster.version,
    };
    if (!irsa) {
        return { args: wiring, provider, dependsOn: [] }; // no OIDC provider; the agent add-on is the cluster's
    }
    const oidcProviderArn = await clusterOidcProvider(`${cfg.clusterName}-oidc`, cfg.oidcProvider, issuerUrl!, {
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
 * The AlbGateway arguments of a configured gateway (its name is the component's): the controller's class (a
 * stand-in when only checking) and release, which selects the API version of the LoadBalancerConfiguration.
 */
function gatewayArgs(
    { name: _name, ...args }: GatewayConfig,
    cfg: StackConfig,
    gatewayClassName: pulumi.Input<string>,
): AlbGatewayArgs {
    return {
        ...(args as Omit<AlbGatewayArgs, "gatewayClassName">),
        gatewayClassName,
        ...(cfg.controller.version === undefined ? {} : { controllerVersion: cfg.controller.version }),
    };
}

/**
 * Checks the arguments of the controller (or the Auto Mode classes), the gateways and every app before anything is
 * registered, and throws every problem at once: once the program has registered a resource, a real `pulumi up`
 * creates it even if the program fails later (pulumi/pulumi `pkg/resource/deploy/deployment_executor.go` runs
 * steps as registrations arrive). The cluster wiring (VPC, OIDC provider, the controller's class outputs) is only
 * known from the cloud, so a well-formed stand-in takes its place here; the config cannot set those arguments
 * (stack/config.ts). `autoModeOn`: the cluster's Auto Mode load balancing (looked up, or the `autoMode` config).
 * Returns who runs the load balancers.
 */
export function checkStackArguments(cfg: StackConfig, autoModeOn: boolean = cfg.autoMode): LoadBalancer {
    const errors: ConfigError[] = [];
    const collect = (check: () => void) => {
        try {
            check();
        } catch (e) {
            if (!(e instanceof ConfigErrors)) throw e;
            errors.push(...e.errors);
        }
    };
    const lb = decideLoadBalancer(cfg, autoModeOn, (key, message) => errors.push(new ConfigError(key, message)));
    if (lb === "controller") {
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
        // What a gateway takes from the controller (class, release) is the controller's to report: when the
        // controller's arguments are refused, the gateways are checked with its defaults instead.
        const controllerOk = !errors.some((e) => e.key === "controller" || e.key.startsWith("controller."));
        const wiredFrom = controllerOk ? cfg : { ...cfg, controller: {} };
        cfg.gateways.forEach((g, i) =>
            collect(() =>
                fromConfig(
                    `gateways[${i}]`,
                    () =>
                        resolveAlbGatewayArgs(
                            g.name,
                            gatewayArgs(g, wiredFrom, wiredFrom.controller.gatewayClassName ?? "alb"),
                        ),
                    {
                        gatewayClassName: { key: "controller.gatewayClassName" },
                        controllerVersion: { key: "controller.version" },
                    },
                ),
            ),
        );
    }
    const gateways = new Map<string, GatewayRefArgs>(
        cfg.gateways.map((g) => [g.name, { name: g.name, namespace: gatewayNamespace(g) }]),
    );
    cfg.apps.forEach((app, i) =>
        collect(() =>
            fromConfig(`apps[${i}]`, () => resolveIngressAppArgs(app.name, appArgs(app, lb, "alb", gateways))),
        ),
    );
    if (errors.length > 0) throw new ConfigErrors(errors);
    return lb;
}

/** Builds the whole stack from its configuration. */
export async function createStack(cfg: StackConfig, host: StackHost = {}): Promise<StackOutputs> {
    // The look-up registers nothing; every argument problem is found before anything is registered.
    const lookup = cfg.clusterMode === "existing" ? await lookUpCluster(cfg, host) : undefined;
    const lb = checkStackArguments(cfg, lookup ? autoModeLoadBalancing(lookup.cluster) : cfg.autoMode);
    const { args, provider, dependsOn } =
        cfg.clusterMode === "new" ? newCluster(cfg, host, lb) : await existingCluster(cfg, host, lookup!, lb);
    const options = { providers: { kubernetes: provider }, transformations: adoptTransformations(cfg) };
    let controller: AlbIngressController | undefined;
    let classOf: (app: AppConfig) => pulumi.Output<string>;
    if (lb === "controller") {
        const c = fromConfig(
            "controller",
            () =>
                new AlbIngressController(
                    CONTROLLER_RESOURCE_NAME,
                    { ...cfg.controller, ...args },
                    { ...options, dependsOn },
                ),
            kubernetesVersionKey(cfg),
        );
        controller = c;
        classOf = () => c.ingressClassName;
    } else {
        const classes = autoModeClasses(cfg.apps, (name, a) => new AutoModeIngressClass(name, a, options));
        classOf = (app) => classes.get(appScheme(app))!.ingressClassName;
    }
    const gatewayUrls: Record<string, pulumi.Output<string>> = {};
    const gateways = new Map<string, GatewayRefArgs>();
    cfg.gateways.forEach((g, i) => {
        const gateway = fromConfig(
            `gateways[${i}]`,
            () =>
                new AlbGateway(
                    g.name,
                    // The config refuses gateways without controller.gatewayApi, so the controller has a class.
                    gatewayArgs(g, cfg, controller!.gatewayClassName),
                    options,
                ),
        );
        gateways.set(g.name, { name: gateway.gatewayName, namespace: gateway.gatewayNamespace });
        gatewayUrls[g.name] = gateway.url;
    });
    const appUrls: Record<string, pulumi.Output<string>> = {};
    cfg.apps.forEach((app, i) => {
        const url = fromConfig(
            `apps[${i}]`,
            () => new IngressApp(app.name, appArgs(app, lb, app.gateway ? "" : classOf(app), gateways), options),
        ).url;
        // Routed through a gateway without a host of its own, the app answers at the gateway's URL and its path.
        const gatewayUrl = app.gateway === undefined ? undefined : gatewayUrls[app.gateway];
        appUrls[app.name] = gatewayUrl
            ? pulumi.all([url, gatewayUrl]).apply(([own, at]) => own || (at && `${at}${app.path ?? "/"}`))
            : url;
    });
    return {
        loadBalancing: lb,
        ...(controller ? { controllerRoleArn: controller.roleArn } : {}),
        appUrls,
        gatewayUrls,
    };
}
