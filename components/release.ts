/**
 * The controller's Helm release and the values it is installed with. Values are layered: the component's
 * defaults from typed arguments, then the caller's `helmValues`, then the wiring that must never be
 * overridden (cluster, region, VPC, ServiceAccount, webhook certificates).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ResolvedControllerArgs } from "./controllerArgs";
import { deepMerge } from "./json";
import { childName } from "./naming";
import { CONTROLLER_CHART } from "./versions";

/** The Helm release name; it contains the chart name, so the Deployment is named `aws-load-balancer-controller`. */
export const CONTROLLER_RELEASE_NAME = "aws-load-balancer-controller";

/** Values the component always sets last. */
export interface ControllerWiring {
    readonly clusterName: pulumi.Input<string>;
    readonly region: pulumi.Input<string>;
    readonly vpcId: pulumi.Input<string>;
    /** From the certificate step: `enableCertManager` and, when self-signed, `webhookTLS`. */
    readonly certificateValues: Record<string, unknown>;
}

/** The controller chart's values for `a`. */
export function controllerValues(a: ResolvedControllerArgs, wiring: ControllerWiring): Record<string, unknown> {
    const defaults: Record<string, unknown> = {
        image: { tag: a.release.imageTag },
        replicaCount: a.replicas,
        // The chart renders the PDB only when it is non-empty and replicaCount > 1.
        podDisruptionBudget: a.replicas > 1 ? { maxUnavailable: 1 } : {},
        resources: a.resources,
        nodeSelector: a.nodeSelector,
        tolerations: a.tolerations,
        ingressClass: a.ingressClass,
        createIngressClassResource: true,
        ingressClassConfig: { default: a.defaultIngressClass },
        enableServiceMutatorWebhook: a.serviceMutatorWebhook,
    };
    const wired: Record<string, unknown> = {
        clusterName: wiring.clusterName,
        region: wiring.region,
        vpcId: wiring.vpcId,
        serviceAccount: { create: false, name: a.serviceAccountName },
        ...wiring.certificateValues,
    };
    const merged = deepMerge(deepMerge(defaults, a.helmValues), wired);
    // A PodDisruptionBudget takes minAvailable or maxUnavailable, never both: the caller's replaces ours whole.
    if (a.helmValues.podDisruptionBudget !== undefined) merged.podDisruptionBudget = a.helmValues.podDisruptionBudget;
    return merged;
}

/** Installs the controller chart and waits (Helm `--wait`) until its pods, and so its webhook, are ready. */
export function createControllerRelease(
    name: string,
    a: ResolvedControllerArgs,
    values: Record<string, unknown>,
    opts: pulumi.CustomResourceOptions,
): k8s.helm.v3.Release {
    return new k8s.helm.v3.Release(
        childName(name, "release"),
        {
            name: CONTROLLER_RELEASE_NAME,
            chart: CONTROLLER_CHART.name,
            version: a.release.chartVersion,
            repositoryOpts: { repo: a.chartRepository },
            namespace: a.namespace,
            values,
            skipAwait: false,
            timeout: a.releaseTimeoutSeconds,
        },
        opts,
    );
}
