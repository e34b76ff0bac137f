/**
 * Arguments of {@link AlbGateway} and their defaults. `resolveAlbGatewayArgs.ts` checks them and fills the defaults
 * in; construction code only ever sees {@link ResolvedAlbGatewayArgs}.
 */
import type * as pulumi from "@pulumi/pulumi";
import { Scheme } from "../app/ingressAppArgs";
import { DEFAULT_CONTROLLER_VERSION } from "../controller/versions";

/** The IP address types of the gateway's ALB (LoadBalancerConfiguration `ipAddressType`). */
export const GatewayIpAddressType = {
    Ipv4: "ipv4",
    Dualstack: "dualstack",
    DualstackWithoutPublicIpv4: "dualstack-without-public-ipv4",
} as const;
/** The IP address types of the gateway's ALB (LoadBalancerConfiguration `ipAddressType`). */
export type GatewayIpAddressType = (typeof GatewayIpAddressType)[keyof typeof GatewayIpAddressType];

/** Which namespaces' routes may attach to the gateway's listener (Gateway API `allowedRoutes.namespaces.from`). */
export const RouteNamespaces = { Same: "Same", All: "All" } as const;
/** Which namespaces' routes may attach to the gateway's listener (Gateway API `allowedRoutes.namespaces.from`). */
export type RouteNamespaces = (typeof RouteNamespaces)[keyof typeof RouteNamespaces];

/** The names of the gateway's listeners, for a route's `parentRefs[].sectionName`. */
export const GATEWAY_LISTENERS = { http: "http", https: "https" } as const;

/** Arguments of {@link AlbGateway}. */
export interface AlbGatewayArgs {
    /**
     * The GatewayClass of the Gateway: pass the controller's `gatewayClassName` output, which carries the dependency
     * on the class and the controller's release (so the Gateway is created after them and deleted before them).
     */
    readonly gatewayClassName: pulumi.Input<string>;
    /**
     * The controller release (`version` of `AlbIngressController`, `v3.0.0` or newer). It selects the API version of
     * the LoadBalancerConfiguration: `gateway.k8s.aws/v1` from v3.5.0, `v1beta1` before.
     * @default "v3.5.0" (the newest release in the version matrix)
     */
    readonly controllerVersion?: string;
    /**
     * Namespace of the Gateway and its LoadBalancerConfiguration (and of the HTTPS redirect route). It must exist
     * unless `createNamespace` is true.
     * @default "default"
     */
    readonly namespace?: pulumi.Input<string>;
    /**
     * Create `namespace` as a child of this component.
     * @default false
     */
    readonly createNamespace?: boolean;
    /**
     * `"internal"` (reachable inside the VPC) or `"internet-facing"`. Changing it makes the controller replace the ALB.
     * @default "internal"
     */
    readonly scheme?: Scheme;
    /**
     * `"ipv4"`, `"dualstack"` or `"dualstack-without-public-ipv4"` (public IPv6, private IPv4).
     * @default "ipv4"
     */
    readonly ipAddressType?: GatewayIpAddressType;
    /**
     * ACM (or IAM server) certificate ARNs; the first is the HTTPS listener's default. With them the Gateway has an
     * HTTPS listener on 443 and its HTTP listener on 80 redirects to it (301). Certificates go into the
     * LoadBalancerConfiguration: the controller does not read a listener's `certificateRefs`.
     * @default - none: one HTTP listener on 80
     */
    readonly certificateArns?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * TLS policy of the HTTPS listener (needs `certificateArns`).
     * @default "ELBSecurityPolicy-TLS13-1-2-2021-06" (TLS 1.2 and 1.3) with certificates
     */
    readonly sslPolicy?: string;
    /**
     * Regional WAFv2 web ACL ARN to associate with the ALB.
     * @default - none
     */
    readonly wafv2AclArn?: pulumi.Input<string>;
    /**
     * CIDR blocks allowed to reach the listeners (IPv6 blocks need a dualstack `ipAddressType`).
     * @default - the controller's: 0.0.0.0/0 (and ::/0 when dualstack)
     */
    readonly inboundCidrs?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Which namespaces' routes may attach to the listener apps use (`https` with certificates, else `http`):
     * `"Same"` (the gateway's namespace) or `"All"`. With certificates the `http` listener only takes routes of the
     * gateway's namespace (its redirect).
     * @default "Same"
     */
    readonly routeNamespaces?: RouteNamespaces;
    /**
     * AWS tags of the ALB.
     * @default - none
     */
    readonly tags?: Record<string, pulumi.Input<string>>;
}

/** Every argument name, for catching misspelled ones. */
export const ALB_GATEWAY_ARGUMENT_NAMES: readonly (keyof AlbGatewayArgs)[] = [
    "gatewayClassName",
    "controllerVersion",
    "namespace",
    "createNamespace",
    "scheme",
    "ipAddressType",
    "certificateArns",
    "sslPolicy",
    "wafv2AclArn",
    "inboundCidrs",
    "routeNamespaces",
    "tags",
];

/** The defaults of every optional argument that has one. */
export const ALB_GATEWAY_DEFAULTS = {
    controllerVersion: DEFAULT_CONTROLLER_VERSION,
    namespace: "default",
    createNamespace: false,
    scheme: Scheme.Internal,
    ipAddressType: GatewayIpAddressType.Ipv4,
    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    routeNamespaces: RouteNamespaces.Same,
} as const;

/** {@link AlbGatewayArgs} checked, with every default filled in. Inputs not known at construction are checked when they resolve. */
export interface ResolvedAlbGatewayArgs {
    readonly gatewayClassName: pulumi.Output<string>;
    /** `gateway.k8s.aws/<version>` of the LoadBalancerConfiguration. */
    readonly lbcApiVersion: string;
    readonly namespace: pulumi.Output<string>;
    readonly createNamespace: boolean;
    readonly scheme: Scheme;
    readonly ipAddressType: GatewayIpAddressType;
    /** Whether the gateway has an HTTPS listener (certificates were given). */
    readonly https: boolean;
    readonly certificateArns: pulumi.Output<string[]>;
    readonly sslPolicy?: string;
    readonly wafv2AclArn?: pulumi.Output<string>;
    readonly inboundCidrs?: pulumi.Output<string[]>;
    readonly routeNamespaces: RouteNamespaces;
    readonly tags?: pulumi.Output<Record<string, string>>;
}
