/**
 * The controller's Helm release and the values it is installed with. Values are layered: the component's
 * defaults from typed arguments, then the caller's `helmValues`, then the wiring that must never be
 * overridden (cluster, region, VPC, ServiceAccount, webhook certificates).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ResolvedControllerArgs } from "./controllerArgs";
import { deepMerge } from "../common/json";
import { childName } from "../common/naming";
import { CONTROLLER_CHART } from "./versions";

/** The Helm release name; it contains the chart name, so the Deployment is named `aws-load-balancer-controller`. */
export const CONTROLLER_RELEASE_NAME = "aws-load-balancer-controller";

/**
 * How every Helm release of the package fails and keeps history (pulumi/pulumi-kubernetes
 * `provider/pkg/provider/helm_release.go`):
 * - `atomic`: `helmCreate` passes it to Helm's install, whose `failRelease` (helm/helm `pkg/action/install.go`)
 *   uninstalls a failed install, so the provider's `Create` returns a plain error and Pulumi keeps no partial
 *   release; on upgrade (`helmUpdate`) Helm rolls back to the last deployed revision.
 * - `cleanupOnFail`: `helmUpdate` only (install ignores it): a failed upgrade deletes the objects it created
 *   (`pkg/action/upgrade.go` `failRelease`).
 * - `maxHistory`: `helmUpdate` only; unset means 0, unlimited revisions (one Secret each). 10 is the Helm CLI's
 *   own default (`pkg/cli/environment.go` `defaultMaxHistory`).
 */
export const RELEASE_LIFECYCLE = { atomic: true, cleanupOnFail: true, maxHistory: 10 } as const;

/**
 * A release is replaced when its `name` or `namespace` changes (`helmReleaseProvider.Diff`, `forceNewFields`)
 * and the provider never asks for delete-before-replace (`DeleteBeforeReplace: false`). A release owns
 * cluster-scoped objects (IngressClass, ClusterRoles, webhook configurations, cert-manager's CRDs), which a second
 * install beside the first cannot adopt (helm/helm `pkg/action/validate.go` `checkOwnership` compares the
 * release namespace), so the old release must be uninstalled first.
 */
export const RELEASE_REPLACE_OPTIONS = { deleteBeforeReplace: true } as const;

/**
 * Where Helm fetches a chart. pulumi-kubernetes treats a chart as OCI only when `chart` itself is an `oci://`
 * reference (`resolveChartName` and `locateChart` call `registry.IsOCI(name)`); an `oci://` URL in
 * `repositoryOpts.repo` is looked up as a classic repository with an `index.yaml` and fails. So an OCI
 * repository becomes the chart reference `<repository>/<chart>` with no `repositoryOpts`.
 */
export function chartSource(
    repository: string,
    chart: string,
): { readonly chart: string; readonly repositoryOpts?: { readonly repo: string } } {
    if (repository.startsWith("oci://")) {
        return { chart: `${repository.replace(/\/+$/, "")}/${chart}` };
    }
    return { chart, repositoryOpts: { repo: repository } };
}

/**
 * The detailed-diff path of the webhook certificate mode. Switching it replaces the release (uninstall, then
 * install), so the Certificate is gone before the new install adopts the Secret cert-manager left; see
 * `certificates.ts`.
 */
export const CERTIFICATE_MODE_PATH = "values.enableCertManager";

/**
 * The controller's feature gate for ALB Gateways (`pkg/config/feature_gates.go`). Off by default up to v3.1.x, on
 * from v3.2.0, where start-up turns it off again when the Gateway API CRDs are missing
 * (`pkg/gateway/crddetect/gateway_feature_flags.go`); set explicitly with `gatewayApi` so that every release from
 * v3.0.0 serves Gateways. The chart renders `controllerConfig.featureGates` as `--feature-gates=<key>=<value>,…`
 * (`templates/deployment.yaml`, `convertMapToCsv`), and the controller refuses an unknown gate at start-up
 * ("unknown feature"), so only this one is set.
 */
export const ALB_GATEWAY_GATE = "ALBGatewayAPI";

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
        ...(a.gatewayClassName === undefined
            ? {}
            : { controllerConfig: { featureGates: { [ALB_GATEWAY_GATE]: true } } }),
    };
    const merged = deepMerge(deepMerge(defaults, a.helmValues), wired);
    // A PodDisruptionBudget takes minAvailable or maxUnavailable, never both: the caller's replaces ours whole.
    if (a.helmValues.podDisruptionBudget !== undefined) merged.podDisruptionBudget = a.helmValues.podDisruptionBudget;
    return merged;
}

/**
 * Installs the controller chart and waits (Helm `--wait`) until its pods, and so its webhook, are ready. A new
 * namespace or certificate mode uninstalls the old release before installing the new one: the webhooks and the
 * IngressClass are missing for that time, and Ingresses keep their ALBs (the controller refuses to drop an
 * IngressGroup member whose IngressClass is missing: kubernetes-sigs/aws-load-balancer-controller
 * `pkg/ingress/group_loader.go` `checkGroupMembershipType`, issue #2731).
 */
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
            ...chartSource(a.chartRepository, CONTROLLER_CHART.name),
            version: a.release.chartVersion,
            namespace: a.namespace,
            values,
            skipAwait: false,
            // The component applies the chart's CRDs itself, each version's, before the release
            // (controllerCrds.ts); Helm would install `crds/` only on first install and never upgrade them.
            skipCrds: true,
            timeout: a.releaseTimeoutSeconds,
            ...RELEASE_LIFECYCLE,
        },
        { ...opts, ...RELEASE_REPLACE_OPTIONS, replaceOnChanges: [CERTIFICATE_MODE_PATH] },
    );
}
