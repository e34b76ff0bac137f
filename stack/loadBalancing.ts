/**
 * Who runs the stack's load balancers: the self-managed AWS Load Balancer Controller this stack installs, or EKS Auto
 * Mode's managed load balancing (an `AutoModeIngressClass`, no Helm, no IAM, no OIDC provider).
 *
 * The config key `loadBalancing` decides: `controller`, `autoMode`, or `auto` (the default), which follows the
 * cluster: Auto Mode when its load balancing is enabled, the controller otherwise. Why this is stable and explicit:
 * - The look-up reads a setting of the cluster that nothing in this stack changes (`aws.eks.getCluster`
 *   `kubernetesNetworkConfigs[0].elasticLoadBalancings[0].enabled`; a new cluster's comes from the `autoMode`
 *   config), so every run of the same stack on the same cluster decides the same way — unlike a look-up of an object
 *   the stack itself creates (stack/oidcProvider.ts), whose answer flips after the first run.
 * - Switching a deployed stack is never silent. AWS does not move load balancers from the self-managed controller
 *   to Auto Mode: both run side by side, selected by IngressClass, and moving means new load balancers (awsdocs
 *   amazon-eks-user-guide `latest/ug/automode/migrate-auto.adoc`, "Load Balancer Migration"). So:
 *   - `auto` on a cluster with Auto Mode load balancing refuses a stack that has controller settings (`controller`
 *     not empty), which is how a stack that deployed the controller looks: it must say `controller` (keep the
 *     controller, side by side with Auto Mode) or `autoMode` (move: every app gets a new ALB);
 *   - `autoMode` refuses controller settings (they would be ignored), and a cluster without Auto Mode load balancing;
 *   - `controller` is the controller on any cluster.
 *   What remains implicit: a stack on `auto` with no controller settings follows its cluster when an administrator
 *   enables Auto Mode load balancing on it; the README tells stacks in production to pin `loadBalancing`.
 * - Gateway API on Auto Mode is refused: Auto Mode's GatewayClass `controllerName` could not be confirmed from an
 *   authoritative source (the EKS user guide's `auto-configure-gateway-api` page is not in awsdocs/
 *   amazon-eks-user-guide as stored; only third-party posts name it), so the stack cannot write a GatewayClass for it.
 */
import type * as aws from "@pulumi/aws";
import { isPlainObject } from "../components/common/json";
import { show } from "../components/common/validation";

/** The config's choice. */
export type LoadBalancingMode = "auto" | "controller" | "autoMode";

/** The allowed values of `loadBalancing`. */
export const LOAD_BALANCING_MODES: readonly LoadBalancingMode[] = ["auto", "controller", "autoMode"];

/** What the stack runs. */
export type LoadBalancer = "controller" | "autoMode";

/** The Kubernetes minor version EKS Auto Mode needs at least (migrate-auto.adoc: "1.29 or greater"). */
export const AUTO_MODE_MIN_KUBERNETES = "1.29";

/**
 * Whether a looked-up cluster has Auto Mode load balancing on: `kubernetesNetworkConfigs[].elasticLoadBalancings[]
 * .enabled` (@pulumi/aws 7.48 `eks/getCluster.d.ts` GetClusterResult.kubernetesNetworkConfigs, `types/output.d.ts`
 * GetClusterKubernetesNetworkConfigElasticLoadBalancing; the EKS API's `kubernetesNetworkConfig.elasticLoadBalancing`).
 * A cluster that predates Auto Mode has no such block: off.
 */
export function autoModeLoadBalancing(cluster: Pick<aws.eks.GetClusterResult, "kubernetesNetworkConfigs">): boolean {
    return (cluster.kubernetesNetworkConfigs ?? []).some((c) =>
        (c.elasticLoadBalancings ?? []).some((e) => e.enabled === true),
    );
}

/** What the decision needs to know of the stack's config. */
export interface LoadBalancingConfig {
    readonly loadBalancing: LoadBalancingMode;
    readonly clusterName: string;
    readonly clusterMode: "existing" | "new";
    readonly controller: object;
    readonly gateways: readonly unknown[];
}

/**
 * Decides who runs the load balancers; `autoModeOn` is the cluster's Auto Mode load balancing (looked up, or the
 * `autoMode` config of a new cluster). Reports every contradiction through `problem` (config key, message) and
 * returns the decision, which is only used when nothing was reported.
 */
export function decideLoadBalancer(
    cfg: LoadBalancingConfig,
    autoModeOn: boolean,
    problem: (key: string, message: string) => void,
): LoadBalancer {
    const cluster =
        cfg.clusterMode === "new" ? "the new cluster (config autoMode)" : `cluster ${show(cfg.clusterName)}`;
    const controllerSettings = isPlainObject(cfg.controller) && Object.keys(cfg.controller).length > 0;
    let decision: LoadBalancer = "controller";
    if (cfg.loadBalancing === "autoMode") {
        decision = "autoMode";
        if (!autoModeOn)
            problem(
                "loadBalancing",
                `is "autoMode", but ${cluster} does not have EKS Auto Mode load balancing enabled (kubernetesNetworkConfig.elasticLoadBalancing.enabled); enable it on the cluster${cfg.clusterMode === "new" ? " (set autoMode: true)" : ""} or set "controller"`,
            );
        if (controllerSettings)
            problem(
                "controller",
                `is not used with loadBalancing "autoMode" (Auto Mode runs the load balancers; no controller is installed); remove the controller settings`,
            );
    } else if (cfg.loadBalancing === "auto" && autoModeOn) {
        decision = "autoMode";
        if (controllerSettings)
            problem(
                "loadBalancing",
                `is "auto" and ${cluster} has EKS Auto Mode load balancing enabled, but controller settings are given: say which runs the load balancers — "controller" keeps the self-managed controller (it runs side by side with Auto Mode), "autoMode" moves the apps to Auto Mode (AWS does not move load balancers: every app gets a new ALB; remove the controller settings)`,
            );
    }
    const gatewayApi = isPlainObject(cfg.controller) && cfg.controller.gatewayApi === true;
    if (decision === "controller" && cfg.gateways.length > 0 && !gatewayApi)
        problem(
            "gateways",
            "needs the controller's Gateway API: set controller.gatewayApi: true (it applies the Gateway API CRDs and creates the GatewayClass the gateways use)",
        );
    if (decision === "autoMode" && cfg.gateways.length > 0)
        problem(
            "gateways",
            "cannot be used with EKS Auto Mode load balancing: Auto Mode's GatewayClass controller name is not confirmed from an AWS source this project can cite, so the stack does not create Gateways for it; set loadBalancing: controller (with controller.gatewayApi: true) to route through the self-managed controller's gateways",
        );
    return decision;
}
