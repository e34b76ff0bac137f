/**
 * Data of the AWS Load Balancer Controller's Gateway API support (kubernetes-sigs/aws-load-balancer-controller
 * v3.5.0, `pkg/gateway/**`, `controllers/gateway/**`, guide `docs/guide/gateway/*.md`): which controller names,
 * protocols, route kinds, filters and configuration fields each gateway layer (ALB for L7, NLB for L4) reads,
 * refuses or drops. The logic that applies them is in gatewayRules.ts, gatewayConfigRules.ts and
 * gatewayAttachment.ts.
 */

/** The load balancer a GatewayClass makes: `alb` for L7 (HTTPRoute, GRPCRoute), `nlb` for L4 (TCP/UDP/TLS routes). */
export type GatewayLayer = "alb" | "nlb";

/** The route kinds the controller loads (`pkg/gateway/routeutils/constants.go` `allRoutes`). */
export type GatewayRouteKind = "HTTPRoute" | "GRPCRoute" | "TCPRoute" | "UDPRoute" | "TLSRoute";

/** GatewayClass `spec.controllerName` of the L7 (ALB) gateway controller (`pkg/gateway/constants`). */
export const ALB_GATEWAY_CONTROLLER = "gateway.k8s.aws/alb";
/** GatewayClass `spec.controllerName` of the L4 (NLB) gateway controller. */
export const NLB_GATEWAY_CONTROLLER = "gateway.k8s.aws/nlb";

/** API group of the standard Gateway API kinds and of the controller's own CRDs (`ControllerCRDGroupVersion`). */
export const GATEWAY_API_GROUP = "gateway.networking.k8s.io";
export const CONTROLLER_CRD_GROUP = "gateway.k8s.aws";

export const CONTROLLER_LAYERS: Readonly<Record<string, GatewayLayer>> = {
    [ALB_GATEWAY_CONTROLLER]: "alb",
    [NLB_GATEWAY_CONTROLLER]: "nlb",
};

/**
 * The layer that loads each route kind (`pkg/gateway/routeutils/loader.go` route filters: L7 loads HTTPRoute and
 * GRPCRoute, L4 loads UDPRoute, TCPRoute and TLSRoute). A route of the other layer is never loaded for a gateway, so
 * it never attaches (gateway.md: "Mixing protocol layers ... is not supported").
 */
export const ROUTE_LAYERS: Readonly<Record<GatewayRouteKind, GatewayLayer>> = {
    HTTPRoute: "alb",
    GRPCRoute: "alb",
    TCPRoute: "nlb",
    UDPRoute: "nlb",
    TLSRoute: "nlb",
};

/** Listener protocols each layer accepts (`listener_utils.go` `validateListenerList`: UnsupportedProtocol). */
export const LISTENER_PROTOCOLS: Readonly<Record<GatewayLayer, readonly string[]>> = {
    alb: ["HTTP", "HTTPS"],
    nlb: ["TCP", "UDP", "TLS"],
};

/** Route kinds a listener accepts when `allowedRoutes.kinds` is empty (`constants.go` `DefaultProtocolToRouteKindMap`). */
export const DEFAULT_ROUTE_KINDS: Readonly<Record<string, readonly GatewayRouteKind[]>> = {
    TCP: ["TCPRoute"],
    UDP: ["UDPRoute"],
    TLS: ["TLSRoute", "TCPRoute"],
    HTTP: ["HTTPRoute"],
    HTTPS: ["HTTPRoute", "GRPCRoute"],
};

/** Listener protocols that get certificates and an SSL policy (`model_build_listener.go` `isSecureProtocol`). */
export const SECURE_PROTOCOLS: readonly string[] = ["HTTPS", "TLS"];

/** Listener protocols QUIC can upgrade (`model_build_listener.go` `buildListenerSpec`). */
export const QUIC_PROTOCOLS: readonly string[] = ["UDP", "TCP_UDP"];

/**
 * HTTPRoute filter types the ALB builds (`route_rule_action.go` `buildHttpRuleRedirectActionsBasedOnFilter`); any
 * other type fails the listener rule: "Unsupported filter type ... Only request redirect is supported".
 */
export const HTTP_ROUTE_FILTERS: readonly string[] = ["RequestRedirect", "URLRewrite", "ExtensionRef"];

/** GRPCRoute filter types the ALB builds (`route_rule_action.go` `buildRedirectRoutingAction`). */
export const GRPC_ROUTE_FILTERS: readonly string[] = ["ExtensionRef"];

/** Backend kinds the controller loads (`routeutils/backend.go` `commonBackendLoader`; unset kind = Service). */
export const BACKEND_KINDS: readonly string[] = ["Service", "TargetGroupName", "Gateway"];

/** Largest backend weight (`routeutils/backend.go` `maxWeight`). */
export const MAX_BACKEND_WEIGHT = 999;

/** Route rule fields the controller never reads (l7gateway.md feature table; not read anywhere in `pkg/gateway`). */
export const IGNORED_RULE_FIELDS: readonly {
    readonly field: string;
    readonly what: string;
    readonly instead: string;
}[] = [
    { field: "timeouts", what: "HTTPRouteTimeouts", instead: "the ALB's idle_timeout.timeout_seconds attribute" },
    { field: "retry", what: "HTTPRouteRetry", instead: "retries in the client or the application" },
    {
        field: "sessionPersistence",
        what: "SessionPersistence",
        instead: "a ListenerRuleConfiguration forward action with targetGroupStickinessConfig",
    },
];

/**
 * LoadBalancerConfiguration `spec` fields one layer only reads. `rejected`: the model build fails on the other
 * layer; `ignored`: the other layer drops them.
 */
export const LBC_LAYER_FIELDS: readonly {
    readonly field: string;
    readonly layer: GatewayLayer;
    readonly effect: "rejected" | "ignored";
    readonly source: string;
}[] = [
    {
        field: "customerOwnedIpv4Pool",
        layer: "alb",
        effect: "ignored",
        source: "model_build_loadbalancer.go addL7Fields",
    },
    { field: "ipv4IPAMPoolId", layer: "alb", effect: "ignored", source: "model_build_loadbalancer.go addL7Fields" },
    { field: "wafV2", layer: "alb", effect: "ignored", source: "controllers/gateway/addons.go albAddons" },
    {
        field: "shieldConfiguration",
        layer: "alb",
        effect: "ignored",
        source: "controllers/gateway/addons.go albAddons",
    },
    {
        field: "enforceSecurityGroupInboundRulesOnPrivateLinkTraffic",
        layer: "nlb",
        effect: "ignored",
        source: "model_build_loadbalancer.go addL4Fields",
    },
    {
        field: "disableSecurityGroup",
        layer: "nlb",
        effect: "ignored",
        source: "model_build_security_group.go (only for Network load balancers)",
    },
];

/** Subnet allocation fields only NLBs take (`model_build_subnet.go` `validateSubnetsInput`: the build fails on an ALB). */
export const NLB_SUBNET_FIELDS: readonly string[] = [
    "eipAllocation",
    "privateIPv4Allocation",
    "ipv6Allocation",
    "sourceNatIPv6Prefix",
];

/** Target group protocols each layer accepts in a TargetGroupConfiguration (`model_build_target_group.go`). */
export const TARGET_GROUP_PROTOCOLS: Readonly<Record<GatewayLayer, readonly string[]>> = {
    alb: ["HTTP", "HTTPS"],
    nlb: ["TCP", "TLS", "UDP", "TCP_UDP"],
};

/** `targetReference.kind` values a TargetGroupConfiguration can match (`backend.go` `LookUpTargetGroupConfiguration`). */
export const TARGET_REFERENCE_KINDS: readonly string[] = ["Service", "Gateway"];
