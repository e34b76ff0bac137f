/**
 * Arguments of {@link AutoModeIngressClass} and their defaults: the fields of an `eks.amazonaws.com/v1`
 * IngressClassParams that the Amazon EKS User Guide documents (awsdocs/amazon-eks-user-guide
 * `latest/ug/automode/auto-configure-alb.adoc`, "IngressClassParams Reference"), and the IngressClass itself.
 * `resolveAutoModeIngressClassArgs.ts` checks them. Plain interfaces, inputs and string unions, so a
 * multi-language component can infer their schema.
 *
 * Left out: the tag selector of `subnets` (the guide names it `subnets.tags` in its reference and
 * `spec.subnets.matchTags` in its comparison table; without the CRD we cannot tell which Auto Mode reads) and
 * listener attributes (not supported by Auto Mode, awsdocs/amazon-eks-user-guide pull request #1080). Without
 * `subnetIds`, Auto Mode picks subnets by their `kubernetes.io/role/elb` / `kubernetes.io/role/internal-elb` tags.
 */
import type * as pulumi from "@pulumi/pulumi";
import { Scheme } from "../app/ingressAppArgs";

export { Scheme };

/** IP address type of the ALBs of the class. */
export const AutoModeIpAddressType = { Ipv4: "ipv4", Dualstack: "dualstack" } as const;
/** IP address type of the ALBs of the class. */
export type AutoModeIpAddressType = (typeof AutoModeIpAddressType)[keyof typeof AutoModeIpAddressType];

/** The IngressGroup of every Ingress of the class: they share one ALB. */
export interface AutoModeIngressGroupArgs {
    /** Group name: lowercase letters, digits, `-` and `.`, at most 63 characters. */
    readonly name: string;
}

/** The namespaces whose Ingresses may use the class. */
export interface NamespaceSelectorArgs {
    /** Labels a namespace must have. */
    readonly matchLabels: Record<string, string>;
}

/** Arguments of {@link AutoModeIngressClass}. */
export interface AutoModeIngressClassArgs {
    /**
     * Name of the IngressClass and of its IngressClassParams (cluster-scoped). The component name by default, so
     * that it does not take the `alb` class of a self-managed controller running side by side.
     * @default - the component name
     */
    readonly ingressClassName?: string;
    /**
     * Make it the cluster's default class (annotation `ingressclass.kubernetes.io/is-default-class`): Ingresses
     * without `spec.ingressClassName` get it.
     * @default false
     */
    readonly isDefault?: boolean;
    /**
     * Scheme of every ALB of the class (`spec.scheme`); wins over the Ingresses' `scheme` annotations.
     * @default - none: each Ingress's `scheme` (internal by default)
     */
    readonly scheme?: Scheme;
    /**
     * Put every Ingress of the class in one IngressGroup (`spec.group.name`): Auto Mode supports groups only here,
     * not through the `group.name` annotation.
     * @default - none: each Ingress has its own ALB
     */
    readonly group?: AutoModeIngressGroupArgs;
    /**
     * ACM certificate ARNs of the HTTPS listeners (`spec.certificateARNs`).
     * @default - none
     */
    readonly certificateArns?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Subnets of the ALBs (`spec.subnets.ids`): at least two, in different Availability Zones.
     * @default - Auto Mode's choice, by the subnets' load balancer role tags
     */
    readonly subnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * IP address type of the ALBs (`spec.ipAddressType`).
     * @default - Auto Mode's (ipv4)
     */
    readonly ipAddressType?: AutoModeIpAddressType;
    /**
     * AWS tags of the ALBs and target groups (`spec.tags`): keys known at construction, values may be inputs. Tag
     * propagation needs the cluster IAM role's permission (the guide's "Considerations").
     * @default - none
     */
    readonly tags?: Record<string, pulumi.Input<string>>;
    /**
     * ALB attributes (`spec.loadBalancerAttributes`), such as `{ "idle_timeout.timeout_seconds": "60" }`.
     * @default - none
     */
    readonly loadBalancerAttributes?: Record<string, string>;
    /**
     * Restrict the class to the namespaces with these labels (`spec.namespaceSelector`).
     * @default - every namespace
     */
    readonly namespaceSelector?: NamespaceSelectorArgs;
}

export const AUTO_MODE_ARGUMENT_NAMES: readonly (keyof AutoModeIngressClassArgs)[] = [
    "ingressClassName",
    "isDefault",
    "scheme",
    "group",
    "certificateArns",
    "subnetIds",
    "ipAddressType",
    "tags",
    "loadBalancerAttributes",
    "namespaceSelector",
];

/** The arguments that take `pulumi.Input`s: checked at construction when known, else at deploy time. */
export const AUTO_MODE_INPUT_ARGUMENTS = [
    "certificateArns",
    "subnetIds",
    "tags",
] as const satisfies readonly (keyof AutoModeIngressClassArgs)[];

/** {@link AutoModeIngressClassArgs} checked, with every default filled in. */
export interface ResolvedAutoModeIngressClassArgs {
    readonly ingressClassName: string;
    readonly isDefault: boolean;
    readonly scheme?: Scheme;
    readonly group?: AutoModeIngressGroupArgs;
    readonly certificateArns?: pulumi.Input<pulumi.Input<string>[]>;
    readonly subnetIds?: pulumi.Input<pulumi.Input<string>[]>;
    readonly ipAddressType?: AutoModeIpAddressType;
    readonly tags: Readonly<Record<string, pulumi.Input<string>>>;
    readonly loadBalancerAttributes: Readonly<Record<string, string>>;
    readonly namespaceSelector?: NamespaceSelectorArgs;
    /** `dependsOn` entries of every child: the deploy-time check of the arguments not known at construction. */
    readonly deployTimeChecks: readonly pulumi.Input<pulumi.Resource>[];
}

/** The annotation that makes an IngressClass the cluster's default. */
export const DEFAULT_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";
