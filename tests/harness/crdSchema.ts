/**
 * The plan's checks of a custom object (plan/crdSchema.ts: the OpenAPI v3 schema of its CRD; plan/apiServer.ts: the
 * API server's own rules and the Gateway API CEL rules it evaluates), against the CRDs of a given controller release:
 * the Gateway API standard CRDs the package bundles and that release's own CRDs. The plan itself checks against the
 * newest release only; the specs also need older ones (the LoadBalancerConfiguration is `v1beta1` before v3.5.0).
 */
import { crdsOf } from "../../components/controller/crds";
import { DEFAULT_CONTROLLER_VERSION } from "../../components/controller/versions";
import { gatewayApiCrds } from "../../components/gateway/gatewayApi";
import { apiServerProblems } from "../../plan/apiServer";
import { type CrdManifest, customResourceProblems } from "../../plan/crdSchema";
import type { KubernetesObject } from "../../plan/validate";

/**
 * Problems of a custom object against the CRDs of `controllerVersion` and the API server's rules; `["no CRD …"]`
 * when none of those CRDs defines its kind.
 */
export function crdSchemaProblems(
    object: Readonly<Record<string, unknown>>,
    controllerVersion = DEFAULT_CONTROLLER_VERSION,
): string[] {
    const crds = [...gatewayApiCrds(), ...crdsOf(controllerVersion)].map((c) => c.manifest as CrdManifest);
    const o = object as KubernetesObject;
    const problems = customResourceProblems(o, crds);
    if (problems === undefined) return [`no CRD of ${controllerVersion} defines ${o.apiVersion} ${o.kind}`];
    return [...problems, ...apiServerProblems(o)];
}
