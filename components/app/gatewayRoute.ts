/**
 * The Gateway API objects of an {@link IngressApp} routed through a Gateway (`gateway` argument): an HTTPRoute
 * attached to the Gateway with one rule to the app's Service, and a TargetGroupConfiguration of that Service
 * carrying what the Ingress annotations carry otherwise (target type, health check path, target group tags).
 *
 * - HTTPRoute `gateway.networking.k8s.io/v1` (served and stored by the Gateway API v1.6.0 standard CRDs,
 *   `gateway.networking.k8s.io_httproutes.yaml`); the AWS Load Balancer Controller serves parentRefs, hostnames,
 *   path matches and Service backendRefs (`docs/guide/gateway/l7gateway.md`, "HTTPRoute" table, v3.5.0).
 * - TargetGroupConfiguration `gateway.k8s.aws/v1beta1`: the one version every controller release with gateway
 *   CRDs serves (v2.13.4 to v3.2.0 serve only v1beta1; v3.5.0 serves v1 as storage and still v1beta1, with the same
 *   schema: `config/crd/gateway/gateway-crds.yaml` of each release; v3.5.0 marks v1beta1 deprecated, so the API
 *   server answers with a deprecation warning). A Service-level TargetGroupConfiguration wins
 *   field by field over a Gateway's default one (`docs/guide/gateway/targetgroupconfig.md`, "Configuration
 *   Resolution Order"), so the app's target type holds whatever the Gateway's defaults say.
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { PathType, type ResolvedIngressAppArgs } from "./ingressAppArgs";
import { childName } from "../common/naming";

export const HTTP_ROUTE_API_VERSION = "gateway.networking.k8s.io/v1";
export const TARGET_GROUP_CONFIGURATION_API_VERSION = "gateway.k8s.aws/v1beta1";
/** The Gateway API group of `parentRefs[].group`. */
export const GATEWAY_API_GROUP = "gateway.networking.k8s.io";

/** HTTPRoute `pathMatch.type` for each Ingress `pathType` (`ImplementationSpecific` has none: refused). */
export const ROUTE_PATH_TYPES: Readonly<Partial<Record<PathType, string>>> = {
    [PathType.Prefix]: "PathPrefix",
    [PathType.Exact]: "Exact",
};

/**
 * The HTTPRoute CRD's rules for an `Exact` or `PathPrefix` path value (`x-kubernetes-validations` of
 * `HTTPPathMatch` in `gateway.networking.k8s.io_httproutes.yaml` v1.6.0), or `undefined` when it passes.
 */
export function routePathProblem(path: string): string | undefined {
    const broken: [boolean, string][] = [
        [!path.startsWith("/"), `start with "/"`],
        [path.length > 1024, "be at most 1024 characters"],
        [/\/\/|\/\.\/|\/\.\.\/|%2f|#/i.test(path), `not contain "//", "/./", "/../", "%2f" or "#"`],
        [path.endsWith("/..") || path.endsWith("/."), `not end with "/." or "/.."`],
        [!/^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|%[0-9a-fA-F]{2})+$/.test(path), "hold only URL path characters"],
    ];
    const failed = broken.filter(([b]) => b).map(([, what]) => what);
    return failed.length === 0
        ? undefined
        : `must ${failed.join(", ")} (the HTTPRoute CRD's path rules), got ${JSON.stringify(path)}`;
}

/** The HTTPRoute's spec: attached to the Gateway, one rule routing `path` (and `host`) to the Service. */
export function httpRouteSpec(
    a: ResolvedIngressAppArgs,
    gateway: NonNullable<ResolvedIngressAppArgs["gateway"]>,
    serviceName: pulumi.Input<string>,
): Record<string, unknown> {
    return {
        parentRefs: [
            {
                group: GATEWAY_API_GROUP,
                kind: "Gateway",
                name: gateway.name,
                namespace: gateway.namespace,
                ...(gateway.sectionName === undefined ? {} : { sectionName: gateway.sectionName }),
            },
        ],
        ...(a.host === undefined ? {} : { hostnames: [a.host] }),
        rules: [
            {
                matches: [{ path: { type: ROUTE_PATH_TYPES[a.pathType], value: a.path } }],
                backendRefs: [{ group: "", kind: "Service", name: serviceName, port: a.servicePort }],
            },
        ],
    };
}

/** The TargetGroupConfiguration's spec: the Service's target type, health check path and target group tags. */
export function targetGroupConfigurationSpec(
    a: ResolvedIngressAppArgs,
    serviceName: pulumi.Input<string>,
): Record<string, unknown> {
    return {
        targetReference: { group: "", kind: "Service", name: serviceName },
        defaultConfiguration: {
            targetType: a.targetType,
            healthCheckConfig: { healthCheckPath: a.healthCheckPath },
            ...(Object.keys(a.tags).length === 0 ? {} : { tags: a.tags }),
        },
    };
}

/**
 * Registers the TargetGroupConfiguration, then the HTTPRoute: the route waits for the configuration, so the
 * controller, which builds the target group when it reconciles the route, never builds it with its defaults
 * (`instance` targets) first; a target group's type cannot change in place. Pulumi deletes in reverse: the route
 * (and with it the controller's listener rule and target group) before the configuration.
 *
 * pulumi-kubernetes awaits neither custom resource: without a `pulumi.com/waitFor` annotation and with
 * `PULUMI_K8S_AWAIT_ALL` unset, `ReadyCondition` is immediate (pulumi/pulumi-kubernetes `provider/pkg/await`),
 * so "created" means accepted by the API server, not yet reconciled by the controller.
 */
export function createGatewayRoute(
    name: string,
    a: ResolvedIngressAppArgs,
    gateway: NonNullable<ResolvedIngressAppArgs["gateway"]>,
    metadata: k8s.types.input.meta.v1.ObjectMeta,
    serviceName: pulumi.Input<string>,
    opts: pulumi.CustomResourceOptions & { dependsOn: pulumi.Input<pulumi.Resource>[] },
): { route: k8s.apiextensions.CustomResource; targetGroupConfiguration: k8s.apiextensions.CustomResource } {
    const targetGroupConfiguration = new k8s.apiextensions.CustomResource(
        childName(name, "targetGroupConfiguration"),
        {
            apiVersion: TARGET_GROUP_CONFIGURATION_API_VERSION,
            kind: "TargetGroupConfiguration",
            metadata,
            spec: targetGroupConfigurationSpec(a, serviceName),
        },
        opts,
    );
    const route = new k8s.apiextensions.CustomResource(
        childName(name, "httpRoute"),
        {
            apiVersion: HTTP_ROUTE_API_VERSION,
            kind: "HTTPRoute",
            metadata,
            spec: httpRouteSpec(a, gateway, serviceName),
        },
        { ...opts, dependsOn: [...opts.dependsOn, targetGroupConfiguration] },
    );
    return { route, targetGroupConfiguration };
}
