/**
 * Arguments of {@link IngressApp} and their defaults. `resolveIngressAppArgs.ts` checks them and fills the
 * defaults in; construction code only ever sees {@link ResolvedIngressAppArgs}.
 *
 * What can come from another resource (image, namespace, host, certificate and WAF ARNs, CIDRs, env, tag and
 * annotation values, class name) is a `pulumi.Input`: checked at construction when known, else when it resolves
 * at deploy time, with the same message (`ingressAppInputs.ts`). Args stay plain interfaces, inputs and string
 * unions, so a source-based multi-language component can infer their schema.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceRequirementsArgs } from "../controller/controllerArgs";

/** How the ALB reaches the pods. */
export const TargetType = {
    /** Every node's NodePort (the Service is `NodePort`). */
    Instance: "instance",
    /** Pod IPs directly (the Service is `ClusterIP`); needs VPC-routable pod IPs, required on Fargate. */
    Ip: "ip",
} as const;
/** How the ALB reaches the pods. */
export type TargetType = (typeof TargetType)[keyof typeof TargetType];

/** Whether the ALB is reachable from the internet. */
export const Scheme = { Internal: "internal", InternetFacing: "internet-facing" } as const;
/** Whether the ALB is reachable from the internet. */
export type Scheme = (typeof Scheme)[keyof typeof Scheme];

/** How the Ingress path matches. */
export const PathType = { Prefix: "Prefix", Exact: "Exact", ImplementationSpecific: "ImplementationSpecific" } as const;
/** How the Ingress path matches. */
export type PathType = (typeof PathType)[keyof typeof PathType];

/** An HTTP probe of the app container. */
export interface HttpProbeArgs {
    /**
     * Path probed.
     * @default - `healthCheckPath`
     */
    readonly path?: string;
    /** Seconds after the container starts before the first probe. @default 5 (readiness), 15 (liveness) */
    readonly initialDelaySeconds?: number;
    /** Seconds between probes. @default 10 */
    readonly periodSeconds?: number;
    /** Seconds after which a probe fails. @default 3 */
    readonly timeoutSeconds?: number;
    /** Failed probes in a row that count as a failure. @default 3 */
    readonly failureThreshold?: number;
}

/** An IngressGroup: Ingresses with the same group name share one ALB. */
export interface IngressGroupArgs {
    /** Group name: lowercase letters, digits, `-` and `.`, at most 63 characters. */
    readonly name: string;
    /**
     * Rule order within the group, from -1000 to 1000; lower goes first.
     * @default 0
     */
    readonly order?: number;
}

/**
 * The Gateway (Gateway API) an app routes through, instead of an Ingress. Pass the outputs of an `AlbGateway`
 * (`gatewayName`, `gatewayNamespace`): they carry the dependency on the Gateway, so the app's objects are
 * created after it and deleted before it.
 */
export interface GatewayRefArgs {
    /** Name of the Gateway. */
    readonly name: pulumi.Input<string>;
    /** Namespace of the Gateway. */
    readonly namespace: pulumi.Input<string>;
    /**
     * Listener of the Gateway the route attaches to (`"http"`, `"https"` of an `AlbGateway`).
     * @default - every listener of the Gateway that allows the route
     */
    readonly sectionName?: pulumi.Input<string>;
}

/** Arguments of {@link IngressApp}. */
export interface IngressAppArgs {
    /** Container image, pinned by tag or digest (`:latest` and untagged images are refused). */
    readonly image: pulumi.Input<string>;
    /** Port the container listens on. */
    readonly containerPort: number;
    /** `"instance"` (NodePort Service) or `"ip"` (ClusterIP Service, pod targets). No default: they behave differently. */
    readonly targetType: TargetType;
    /** Namespace of the app's objects. @default - the component name */
    readonly namespace?: pulumi.Input<string>;
    /**
     * Create the namespace. With `ip` targets it is labelled for the controller's pod readiness gate, so a
     * rolling update waits until new pods are registered and healthy in the ALB before old ones go.
     * @default true
     * @see https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/deploy/pod_readiness_gate/
     */
    readonly createNamespace?: boolean;
    /** Port of the Service (the Ingress or route backend). @default 80 */
    readonly servicePort?: number;
    /** Number of pods. @default 2 */
    readonly replicas?: number;
    /** Whether the ALB is internal or internet-facing. @default "internal" (as the controller) */
    readonly scheme?: Scheme;
    /** Host name the app is served at (an Ingress rule host, or a route hostname). @default - any host */
    readonly host?: pulumi.Input<string>;
    /** Path the app is served at. @default "/" */
    readonly path?: string;
    /** How `path` matches. @default "Prefix" */
    readonly pathType?: PathType;
    /** Path the ALB health check and the default probes use. @default "/" */
    readonly healthCheckPath?: string;
    /** Environment variables of the container: names known at construction, values may be inputs. @default - none */
    readonly env?: Record<string, pulumi.Input<string>>;
    /** Resource requests and limits of the container. @default { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } } */
    readonly resources?: ResourceRequirementsArgs;
    /** Node labels the pods must run on. @default - none */
    readonly nodeSelector?: Record<string, string>;
    /** Extra labels of every object and of the pods. @default - none */
    readonly labels?: Record<string, string>;
    /** Rolling update surge: a count (`"1"`) or percentage (`"25%"`). @default "25%" */
    readonly maxSurge?: string;
    /** Rolling update unavailability: a count (`"0"`) or percentage. @default "0" */
    readonly maxUnavailable?: string;
    /** Readiness probe of the container. @default - an HTTP probe on `healthCheckPath` */
    readonly readinessProbe?: HttpProbeArgs;
    /** Liveness probe of the container. @default - an HTTP probe on `healthCheckPath` */
    readonly livenessProbe?: HttpProbeArgs;
    /**
     * ACM or IAM server certificate ARNs: adds an HTTPS:443 listener. A list of inputs (`[cert.arn]`) decides the
     * listeners at construction; an input of a list decides them when it resolves.
     * @default - none (HTTP only)
     */
    readonly certificateArns?: pulumi.Input<pulumi.Input<string>[]>;
    /** Redirect HTTP to HTTPS; needs `certificateArns`. @default true with certificates */
    readonly sslRedirect?: boolean;
    /** TLS policy of the HTTPS listener. @default "ELBSecurityPolicy-TLS13-1-2-2021-06" (TLS 1.2+) with certificates */
    readonly sslPolicy?: string;
    /** IngressGroup of the app's Ingress: apps of one group share one ALB. @default - none: the app has its own ALB */
    readonly group?: IngressGroupArgs;
    /** CIDRs allowed to reach the ALB. @default - the controller's (0.0.0.0/0) */
    readonly inboundCidrs?: pulumi.Input<pulumi.Input<string>[]>;
    /** Regional WAFv2 web ACL ARN (or `"none"`). @default - none */
    readonly wafv2AclArn?: pulumi.Input<string>;
    /**
     * AWS tags of the ALB and target groups (with `gateway`: of the app's target group; the Gateway tags the ALB).
     * Keys known at construction, values may be inputs.
     * @default - none
     */
    readonly tags?: Record<string, pulumi.Input<string>>;
    /**
     * Extra Ingress annotations; `alb.ingress.kubernetes.io/*` ones must be known to the controller and
     * well-formed. Keys known at construction, values may be inputs.
     * @default - none
     */
    readonly annotations?: Record<string, pulumi.Input<string>>;
    /**
     * IngressClass of the app's Ingress. Pass `controller.ingressClassName` of an `AlbIngressController` (or
     * `ingressClassName` of an `AutoModeIngressClass`): that Output resolves only once the controller's release
     * (or the class) exists, so every object of the app is created after it and deleted before it.
     * @default "alb" (without `gateway`)
     */
    readonly ingressClassName?: pulumi.Input<string>;
    /**
     * Route through this Gateway (Gateway API) instead of an Ingress: an HTTPRoute attached to it and a
     * TargetGroupConfiguration carrying `targetType` and `healthCheckPath`. The Gateway carries the load
     * balancer's settings, so the Ingress arguments (`annotations`, `group`, `scheme`, `certificateArns`,
     * `sslRedirect`, `sslPolicy`, `inboundCidrs`, `wafv2AclArn`, `ingressClassName`, `autoMode`) are refused with it;
     * `tags` then tag the app's target group.
     * @default - none: the app gets an Ingress
     */
    readonly gateway?: GatewayRefArgs;
    /**
     * The class named by `ingressClassName` is EKS Auto Mode's (`spec.controller: eks.amazonaws.com/alb`, an
     * `AutoModeIngressClass`): annotations and arguments Auto Mode does not support (`group`, `group.name`,
     * `waf-acl-id`, `web-acl-id`, `shield-advanced-protection`, `listener-attributes.*`) are refused. Groups and
     * class-wide settings come from the class's IngressClassParams.
     * @default false
     * @see https://docs.aws.amazon.com/eks/latest/userguide/auto-configure-alb.html
     */
    readonly autoMode?: boolean;
    /** Run the container as non-root (the image must support it). @default false */
    readonly runAsNonRoot?: boolean;
}

export const ARGUMENT_NAMES: readonly (keyof IngressAppArgs)[] = [
    "image",
    "containerPort",
    "targetType",
    "namespace",
    "createNamespace",
    "servicePort",
    "replicas",
    "scheme",
    "host",
    "path",
    "pathType",
    "healthCheckPath",
    "env",
    "resources",
    "nodeSelector",
    "labels",
    "maxSurge",
    "maxUnavailable",
    "readinessProbe",
    "livenessProbe",
    "certificateArns",
    "sslRedirect",
    "sslPolicy",
    "group",
    "inboundCidrs",
    "wafv2AclArn",
    "tags",
    "annotations",
    "ingressClassName",
    "gateway",
    "autoMode",
    "runAsNonRoot",
];

/** The arguments that take `pulumi.Input`s: checked at construction when known, else at deploy time. */
export const INPUT_ARGUMENTS = [
    "image",
    "namespace",
    "host",
    "env",
    "certificateArns",
    "inboundCidrs",
    "wafv2AclArn",
    "tags",
    "annotations",
    "ingressClassName",
    "gateway",
] as const satisfies readonly (keyof IngressAppArgs)[];
/** An argument that takes `pulumi.Input`s. */
export type InputArgument = (typeof INPUT_ARGUMENTS)[number];
/** The input arguments the app's Ingress is judged by (the controller's rules, `ingressAppRules.ts`). */
export const INGRESS_INPUT_ARGUMENTS: readonly InputArgument[] = [
    "host",
    "certificateArns",
    "inboundCidrs",
    "wafv2AclArn",
    "tags",
    "annotations",
];

/** Annotations the component sets from arguments, and the argument to use instead. */
export const ANNOTATION_ARGUMENTS: Readonly<Record<string, string>> = {
    "target-type": "targetType",
    scheme: "scheme",
    "listen-ports": "certificateArns",
    "healthcheck-path": "healthCheckPath",
    "group.name": "group",
    "group.order": "group",
    "certificate-arn": "certificateArns",
    "ssl-redirect": "sslRedirect",
    "ssl-policy": "sslPolicy",
    "inbound-cidrs": "inboundCidrs",
    "wafv2-acl-arn": "wafv2AclArn",
    tags: "tags",
};

/** {@link IngressAppArgs} with every input resolved to its value. */
export type IngressAppValues = pulumi.Unwrap<IngressAppArgs>;

/** {@link IngressAppArgs} checked, every default filled in and every value known: what the rules judge. */
export interface ResolvedIngressAppValues extends Required<
    Omit<
        IngressAppValues,
        "host" | "group" | "inboundCidrs" | "wafv2AclArn" | "ingressClassName" | "sslRedirect" | "sslPolicy" | "gateway"
    >
> {
    readonly host?: string;
    readonly group?: Required<IngressGroupArgs>;
    readonly inboundCidrs?: string[];
    readonly wafv2AclArn?: string;
    readonly ingressClassName?: string;
    readonly sslRedirect: boolean;
    readonly sslPolicy?: string;
    readonly gateway?: pulumi.Unwrap<GatewayRefArgs>;
}

/**
 * What {@link IngressApp} builds its children from: {@link ResolvedIngressAppValues} where the input arguments
 * keep the user's inputs (known parts were checked at construction, the rest is checked by `deployTimeChecks`).
 */
export interface ResolvedIngressAppArgs extends Omit<
    ResolvedIngressAppValues,
    InputArgument | "sslRedirect" | "sslPolicy"
> {
    readonly image: pulumi.Input<string>;
    readonly namespace: pulumi.Input<string>;
    readonly host?: pulumi.Input<string>;
    readonly env: Readonly<Record<string, pulumi.Input<string>>>;
    readonly certificateArns: pulumi.Input<pulumi.Input<string>[]>;
    readonly inboundCidrs?: pulumi.Input<pulumi.Input<string>[]>;
    readonly wafv2AclArn?: pulumi.Input<string>;
    readonly tags: Readonly<Record<string, pulumi.Input<string>>>;
    readonly annotations: Readonly<Record<string, pulumi.Input<string>>>;
    readonly ingressClassName?: pulumi.Input<string>;
    readonly gateway?: GatewayRefArgs;
    /** An HTTPS listener exists (`certificateArns` is not empty); an Output when the list's length is unknown. */
    readonly https: pulumi.Input<boolean>;
    /** Redirect HTTP to HTTPS: `sslRedirect`, else `https`. */
    readonly sslRedirect: pulumi.Input<boolean>;
    /** TLS policy of the HTTPS listener (used only with `https`). */
    readonly sslPolicy: string;
    /**
     * `dependsOn` entries of every child: the deploy-time check of the arguments not known at construction, which
     * fails each child's registration (so nothing is created) when a resolved value is invalid. Empty when every
     * argument was known at construction.
     */
    readonly deployTimeChecks: readonly pulumi.Input<pulumi.Resource>[];
}

export const INGRESS_APP_DEFAULTS = {
    createNamespace: true,
    servicePort: 80,
    replicas: 2,
    scheme: Scheme.Internal,
    path: "/",
    pathType: PathType.Prefix,
    healthCheckPath: "/",
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
    maxSurge: "25%",
    maxUnavailable: "0",
    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    ingressClassName: "alb",
    autoMode: false,
    runAsNonRoot: false,
} as const;
