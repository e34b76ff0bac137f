/**
 * The Gateway API as the AWS Load Balancer Controller serves it: the standard-channel CRDs it is built for, the
 * controller name of its ALB GatewayClass, the first release it supports in production, and the API version of its
 * own `gateway.k8s.aws` kinds at each release. Everything here is read from upstream files (`data/gateway-api/`,
 * `data/crds/`) or cited.
 */
import * as fs from "fs";
import * as path from "path";
import { DATA_DIR } from "../common/dataDir";
import { type ChartCrd, crdsOf, parseCrds } from "../controller/crds";
import { compareVersions, findRelease } from "../controller/versions";

/**
 * The Gateway API release whose standard-channel CRDs the component applies: the one the controller's guide at v3.5.0
 * is built for (docs/guide/gateway/gateway.md "The LBC is built for Gateway API version v1.6.0"; go.mod
 * `sigs.k8s.io/gateway-api v1.6.0`).
 */
export const GATEWAY_API_VERSION = "v1.6.0";

/** The Gateway API group. */
export const GATEWAY_API_GROUP = "gateway.networking.k8s.io";

/** The controller's own group (LoadBalancerConfiguration, TargetGroupConfiguration, ListenerRuleConfiguration). */
export const LBC_GATEWAY_GROUP = "gateway.k8s.aws";

/**
 * The `spec.controllerName` of a GatewayClass the controller provisions ALBs for (docs/guide/gateway/l7gateway.md:
 * "the LBC specifically manages GatewayClass resources with the controllerName set to gateway.k8s.aws/alb").
 */
export const ALB_GATEWAY_CONTROLLER = "gateway.k8s.aws/alb";

/**
 * The first controller release with production Gateway API support. The guide at v2.17.1
 * (docs/guide/gateway/gateway.md) still warns "Using the LBC and Gateway API together is not suggested for
 * production workloads (yet!)"; the guide at v3.0.0 no longer does.
 */
export const MIN_GATEWAY_CONTROLLER_VERSION = "v3.0.0";

/** True when controller release `version` supports the Gateway API in production. */
export function supportsGatewayApi(version: string): boolean {
    return compareVersions(version, MIN_GATEWAY_CONTROLLER_VERSION) >= 0;
}

/** The folder of the standard-channel CRDs: verbatim copies of `config/crd/standard/` of kubernetes-sigs/gateway-api. */
export const GATEWAY_API_DIR = path.join(DATA_DIR, "gateway-api", GATEWAY_API_VERSION);

let standard: readonly ChartCrd[] | undefined;

/**
 * The Gateway API standard-channel CRDs of {@link GATEWAY_API_VERSION}, one per file, in file-name order. Fresh
 * copies on each call. Only CustomResourceDefinitions: the bundle's ValidatingAdmissionPolicy
 * `safe-upgrades.gateway.networking.k8s.io` is not applied (see `data/README.md`).
 */
export function gatewayApiCrds(): ChartCrd[] {
    standard ??= fs
        .readdirSync(GATEWAY_API_DIR)
        .filter((f) => f.endsWith(".yaml"))
        .sort()
        .flatMap((file) => parseCrds(fs.readFileSync(path.join(GATEWAY_API_DIR, file), "utf8"), file));
    return standard.map((crd) => structuredClone(crd));
}

/**
 * The API version (`gateway.k8s.aws/<version>`) of the controller's LoadBalancerConfiguration at release
 * `controllerVersion`: the storage version of its CRD in that release's `gateway-crds.yaml`, which the controller
 * reads (v1 from v3.5.0, whose gate check `crddetect.ApplyGatewayCRDDetection` requires `gateway.k8s.aws/v1`;
 * v1beta1 before). Throws for a release without the controller's gateway CRDs.
 */
export function lbcApiVersion(controllerVersion: string): string {
    if (findRelease(controllerVersion) === undefined) throw new Error(`lbcApiVersion: unknown ${controllerVersion}`);
    const crd = crdsOf(controllerVersion).find((c) => c.name === `loadbalancerconfigurations.${LBC_GATEWAY_GROUP}`);
    if (crd === undefined) throw new Error(`lbcApiVersion: ${controllerVersion} has no LoadBalancerConfiguration`);
    return `${LBC_GATEWAY_GROUP}/${crd.storageVersion}`;
}
