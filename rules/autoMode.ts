/**
 * What EKS Auto Mode's load balancing (IngressClass `spec.controller: eks.amazonaws.com/alb`) does not support of
 * what the self-managed AWS Load Balancer Controller reads: data and pure readings, shared by the `IngressApp`
 * component (refuses them when its class is Auto Mode's) and the policy pack (judges any object).
 *
 * Source: the Amazon EKS User Guide, awsdocs/amazon-eks-user-guide `latest/ug/automode/auto-configure-alb.adoc`
 * ("IngressClassParams Reference", "Considerations" and the comparison tables "IngressClassParams", "Ingress
 * annotations", "TargetGroupBinding"), and its pull request #1080 (merged August 2025: listener attributes "Not
 * supported", "You cannot set ListenerAttribute with EKS Auto Mode"). The guide says "not supported" and does not
 * say whether Auto Mode ignores such a setting or fails the Ingress: either way it does not take effect.
 */
import { ALB_PREFIX } from "./annotations";

/** `spec.controller` of an IngressClass served by EKS Auto Mode. */
export const AUTO_MODE_ALB_CONTROLLER = "eks.amazonaws.com/alb";
/** API group of Auto Mode's IngressClassParams (`spec.parameters.apiGroup` of its IngressClass). */
export const AUTO_MODE_PARAMS_API_GROUP = "eks.amazonaws.com";
/** `apiVersion` of Auto Mode's IngressClassParams (cluster-scoped). */
export const AUTO_MODE_PARAMS_API_VERSION = "eks.amazonaws.com/v1";
/** Kind of Auto Mode's IngressClass parameters. */
export const AUTO_MODE_PARAMS_KIND = "IngressClassParams";

const GUIDE = "awsdocs/amazon-eks-user-guide latest/ug/automode/auto-configure-alb.adoc";

/** A setting EKS Auto Mode does not support, and what to use instead. */
export interface AutoModeUnsupported {
    /** Annotation name; ends in `.` for a family (`alb.ingress.kubernetes.io/listener-attributes.`). */
    readonly key: string;
    /** What to use instead, or why there is nothing. */
    readonly instead: string;
    /** Where the guide says so. */
    readonly source: string;
}

/** Ingress annotations EKS Auto Mode does not support ("Ingress annotations" table, pull request #1080). */
export const AUTO_MODE_UNSUPPORTED_INGRESS_ANNOTATIONS: readonly AutoModeUnsupported[] = [
    {
        key: "kubernetes.io/ingress.class",
        instead: "set spec.ingressClassName on the Ingress",
        source: `${GUIDE} "Ingress annotations"`,
    },
    {
        key: `${ALB_PREFIX}group.name`,
        instead: "groups are set in the IngressClass only: spec.group.name of its IngressClassParams",
        source: `${GUIDE} "Ingress annotations"`,
    },
    {
        key: `${ALB_PREFIX}waf-acl-id`,
        instead: `use WAF v2 (${ALB_PREFIX}wafv2-acl-arn)`,
        source: `${GUIDE} "Ingress annotations"`,
    },
    {
        key: `${ALB_PREFIX}web-acl-id`,
        instead: `use WAF v2 (${ALB_PREFIX}wafv2-acl-arn)`,
        source: `${GUIDE} "Ingress annotations"`,
    },
    {
        key: `${ALB_PREFIX}shield-advanced-protection`,
        instead: "none: the Shield integration is disabled on Auto Mode",
        source: `${GUIDE} "Ingress annotations"`,
    },
    {
        key: `${ALB_PREFIX}listener-attributes.`,
        instead: "none: listener attributes cannot be set with EKS Auto Mode",
        source: `${GUIDE} "Considerations" (awsdocs/amazon-eks-user-guide pull request #1080)`,
    },
];

/** The entry of `table` that names `key` (exactly, or as a family ending in `.`), or `undefined`. */
function findUnsupported(table: readonly AutoModeUnsupported[], key: string): AutoModeUnsupported | undefined {
    return table.find((u) =>
        u.key.endsWith(".") ? key.startsWith(u.key) && key.length > u.key.length : key === u.key,
    );
}

/** Why an Ingress annotation does not work on EKS Auto Mode, with what to use instead; `undefined` when it may. */
export function autoModeAnnotationProblem(key: string): string | undefined {
    const u = findUnsupported(AUTO_MODE_UNSUPPORTED_INGRESS_ANNOTATIONS, key);
    return u && `is not supported by EKS Auto Mode; ${u.instead} (${u.source})`;
}

/**
 * Why an annotation on an IngressClass of Auto Mode (`spec.controller: eks.amazonaws.com/alb`) has no effect, or
 * `undefined`: "You cannot use Annotations on an IngressClass to configure load balancers with EKS Auto Mode"
 * (`Considerations`). Only the controller's own `alb.ingress.kubernetes.io/*` keys are judged.
 */
export function autoModeIngressClassAnnotationProblem(key: string): string | undefined {
    return key.startsWith(ALB_PREFIX)
        ? `has no effect: annotations on an IngressClass cannot configure load balancers with EKS Auto Mode; set it in the class's IngressClassParams or on the Ingress (${GUIDE} "Considerations")`
        : undefined;
}

/**
 * `spec` fields of an `eks.amazonaws.com/v1` IngressClassParams the guide documents ("IngressClassParams
 * Reference"). The reference calls itself "a quick reference for commonly used configuration options", so a
 * field not listed here is undocumented, not known to be refused. `subnets` holds `ids` or a tag selector whose
 * name the guide gives twice differently (`subnets.tags` in the reference, `spec.subnets.matchTags` in the
 * comparison table).
 */
export const AUTO_MODE_PARAMS_FIELDS = [
    "scheme",
    "namespaceSelector",
    "group",
    "ipAddressType",
    "subnets",
    "certificateARNs",
    "tags",
    "loadBalancerAttributes",
] as const;

/**
 * `spec` fields of the self-managed controller's IngressClassParams (`elbv2.k8s.aws/v1beta1`) that Auto Mode's
 * (`eks.amazonaws.com/v1`) renamed or does not support ("IngressClassParams" comparison table, pull request
 * #1080), keyed by the field path under `spec`.
 */
export const AUTO_MODE_PARAMS_CHANGED: readonly AutoModeUnsupported[] = [
    {
        key: "certificateArn",
        instead: "use spec.certificateARNs (a list of ARNs)",
        source: `${GUIDE} "IngressClassParams"`,
    },
    {
        key: "listeners",
        instead: "none: listener attributes are not supported by EKS Auto Mode",
        source: `${GUIDE} "IngressClassParams" (awsdocs/amazon-eks-user-guide pull request #1080)`,
    },
];

/** A field of an object at fault. */
export interface AutoModeFieldProblem {
    /** Dotted path of the field (`spec.certificateArn`). */
    readonly path: string;
    readonly message: string;
}

/** Fields of an `eks.amazonaws.com/v1` IngressClassParams `spec` that Auto Mode renamed or does not support. */
export function autoModeIngressClassParamsProblems(spec: unknown): AutoModeFieldProblem[] {
    if (typeof spec !== "object" || spec === null || Array.isArray(spec)) return [];
    return Object.keys(spec).flatMap((field) => {
        const u = AUTO_MODE_PARAMS_CHANGED.find((c) => c.key === field);
        return u
            ? [{ path: `spec.${field}`, message: `is not supported by EKS Auto Mode; ${u.instead} (${u.source})` }]
            : [];
    });
}

/**
 * Fields of an `eks.amazonaws.com/v1` TargetGroupBinding `spec` that Auto Mode requires or does not support
 * ("TargetGroupBinding" table: `spec.targetType` required, `spec.networking.ingress.from` not supported).
 */
export function autoModeTargetGroupBindingProblems(spec: unknown): AutoModeFieldProblem[] {
    if (typeof spec !== "object" || spec === null || Array.isArray(spec)) return [];
    const s = spec as { targetType?: unknown; networking?: { ingress?: { from?: unknown }[] } };
    const problems: AutoModeFieldProblem[] = [];
    if (s.targetType === undefined) {
        problems.push({
            path: "spec.targetType",
            message: `is required by EKS Auto Mode: "instance" or "ip" (${GUIDE} "TargetGroupBinding")`,
        });
    }
    (Array.isArray(s.networking?.ingress) ? s.networking.ingress : []).forEach((rule, i) => {
        if (rule?.from !== undefined) {
            problems.push({
                path: `spec.networking.ingress[${i}].from`,
                message: `is not supported by EKS Auto Mode (${GUIDE} "TargetGroupBinding")`,
            });
        }
    });
    return problems;
}
