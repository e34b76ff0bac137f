/**
 * The controller chart's CustomResourceDefinitions, applied by the component itself, one resource each, before
 * the Helm release (which skips its own `crds/`, `release.ts`).
 *
 * Why, from the sources:
 * - Helm installs a chart's `crds/` on first install only and never upgrades them (Helm's docs,
 *   chart_best_practices/custom_resource_definitions; kubernetes-sigs/aws-load-balancer-controller issues #4870,
 *   #4555), so the component applies the CRDs of the chosen `version` (`crds.ts`, verbatim upstream files) and
 *   sets `skipCrds` on the release (pulumi/pulumi-kubernetes provider/pkg/provider/helm_release.go: `helmCreate`
 *   and `helmUpdate` pass it to Helm's `SkipCRDs`).
 * - Never replaced: a CRD's delete deletes every object of its kind. pulumi-kubernetes replaces an object only
 *   when a force-new field changes (provider/pkg/provider/provider.go `Diff`, diff.go `forceNewProperties`): for
 *   `apiextensions.k8s.io` only `.metadata.name`/`.metadata.namespace`. The Pulumi name is the CRD's own
 *   (`<component>-crd-<plural>.<group>`) and its `metadata.name` never changes, so every version change of a CRD
 *   is an update in place; no `replaceOnChanges` is set.
 * - Kept on destroy (`retainOnDelete`, pulumi/pulumi pkg/resource/deploy/step.go `DeleteStep`: a retained resource
 *   leaves the state without a provider `Delete`) unless `deleteCrdsOnDestroy`.
 * - Server-side and forced: `pulumi.com/patchForce` (pulumi-kubernetes provider/pkg/await/await.go `patchForce`)
 *   lets the server-side apply take the fields Helm's own CRD install (field manager `helm`) or `kubectl` set.
 * - Adopted when they already exist (every cluster where the chart was installed with Helm): pulumi-kubernetes
 *   creates client-side and fails with AlreadyExists (await.go `Creation`, since v4.29.0) unless the provider sets
 *   `upsertExistingObjects`, which makes the create a server-side apply (`c.ServerSideApply &&
 *   c.UpsertExistingObjects`). That option is right for CRDs only (for other objects a rename would let the
 *   create adopt and the delete remove the same object), so the CRDs take their own provider, `crdProvider`
 *   ({@link crdProviderArgs}).
 * - A downgrade that drops a served version the cluster has stored objects in is refused by the API server
 *   (kubernetes apiextensions-apiserver pkg/registry/customresourcedefinition/strategy.go adds every storage
 *   version to `status.storedVersions`; pkg/apis/apiextensions/validation/validation.go
 *   `ValidateCustomResourceDefinitionStoredVersions`: "must appear in spec.versions"). The IAM policy and the
 *   release depend on the CRDs, so a refused CRD update stops the downgrade before either changes; `pulumi preview`
 *   shows it too (pulumi-kubernetes previews an update as a dry-run server-side apply: await.go `ssaUpdate`).
 *   The component itself cannot tell a downgrade from a fresh install: it sees neither the cluster nor the previous
 *   version at construction.
 * - With `gatewayApi`, the Gateway API standard CRDs (`gateway/gatewayApi.ts`) join them, under the same rules:
 *   the controller decides at start-up whether its Gateway controllers run from the CRDs it finds
 *   (kubernetes-sigs/aws-load-balancer-controller `pkg/gateway/crddetect/gateway_feature_flags.go`
 *   `ApplyGatewayCRDDetection`), so they must exist before the release. Turning `gatewayApi` on adds resources
 *   and changes none of the existing ones; turning it off removes them from the program, which (like a destroy)
 *   leaves them in the cluster unless `deleteCrdsOnDestroy`.
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { type ChartCrd, crdsOf } from "./crds";
import { childName } from "../common/naming";
import { gatewayApiCrds } from "../gateway/gatewayApi";
import type { ControllerRelease } from "./versions";

/** The annotation that forces server-side apply conflicts (pulumi-kubernetes provider/pkg/metadata/annotations.go). */
export const PATCH_FORCE_ANNOTATION = "pulumi.com/patchForce";

/**
 * What a provider for the CRDs needs besides the cluster's kubeconfig: server-side apply, and creates that adopt
 * an existing CRD instead of failing (pulumi-kubernetes provider/pkg/provider/provider.go reads both as
 * `kubernetes:config:enableServerSideApply` / `upsertExistingObjects`; await.go `Creation`). Use it only for
 * the CRDs.
 */
export const crdProviderArgs = { enableServerSideApply: true, upsertExistingObjects: true } as const;

/** The Pulumi resource name of one CRD: stable across versions, so an upgrade updates it in place. */
export function crdResourceName(componentName: string, crd: Pick<ChartCrd, "name">): string {
    return `${childName(componentName, "crd")}-${crd.name}`;
}

/** The CRD's manifest as the component applies it: upstream's, with the patchForce annotation. */
export function crdInputs(crd: ChartCrd): Record<string, unknown> {
    const manifest = structuredClone(crd.manifest) as Record<string, unknown>;
    const metadata = (manifest.metadata ?? {}) as Record<string, unknown>;
    const annotations = (metadata.annotations ?? {}) as Record<string, string>;
    manifest.metadata = { ...metadata, annotations: { ...annotations, [PATCH_FORCE_ANNOTATION]: "true" } };
    return manifest;
}

/** How the component applies its CRDs. */
export interface ControllerCrdOptions {
    readonly release: ControllerRelease;
    /** `pulumi destroy` deletes the CRDs (and so every object of their kinds). */
    readonly deleteOnDestroy: boolean;
    /** Also apply the Gateway API standard CRDs. */
    readonly gatewayApi: boolean;
    /** The provider the CRDs are applied with; the component's `kubernetes` provider when undefined. */
    readonly provider?: pulumi.ProviderResource;
}

/** The CRDs the component applies: those of `o.release` in upstream file order, then the Gateway API's. */
export function controllerCrdsOf(o: Pick<ControllerCrdOptions, "release" | "gatewayApi">): ChartCrd[] {
    return [...crdsOf(o.release.controllerVersion), ...(o.gatewayApi ? gatewayApiCrds() : [])];
}

/** Applies the CRDs of {@link controllerCrdsOf}, one resource each. */
export function createControllerCrds(
    name: string,
    o: ControllerCrdOptions,
    opts: pulumi.CustomResourceOptions,
): k8s.apiextensions.v1.CustomResourceDefinition[] {
    return controllerCrdsOf(o).map(
        (crd) =>
            new k8s.apiextensions.v1.CustomResourceDefinition(
                crdResourceName(name, crd),
                crdInputs(crd) as unknown as k8s.apiextensions.v1.CustomResourceDefinitionArgs,
                {
                    ...opts,
                    ...(o.provider ? { provider: o.provider } : {}),
                    retainOnDelete: !o.deleteOnDestroy,
                },
            ),
    );
}
