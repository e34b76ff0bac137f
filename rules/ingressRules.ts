/**
 * What the AWS Load Balancer Controller rejects, or silently drops, when it builds the model of one Ingress: the
 * rules of its model builders (`pkg/ingress/model_build_*.go`, `group_loader.go`, `config_types.go` of
 * kubernetes-sigs/aws-load-balancer-controller v3.5.0) and of the ELBv2 API it calls with the values as written.
 * `annotationProblem` (annotations.ts) judges each value as the controller's parser reads it; these rules judge
 * what the values mean, alone and together. A rejected Ingress never gets its status written, so
 * pulumi-kubernetes waits out its 10-minute await and fails (`provider/pkg/await/ingress.go`). Pure: the
 * component checks its own Ingress with them, the policy pack any Ingress.
 *
 * Settings outside the Ingress (IngressClassParams, controller flags such as `--external-managed-tags`, other
 * members of an IngressGroup) can change the outcome; rules that depend on them say so and stay silent.
 */
import { ALB_PREFIX } from "./annotations";
import {
    type ListenPort,
    readBool,
    readCidr,
    readInt,
    readListenPorts,
    readStringList,
    readStringMap,
} from "./annotationValues";
import { backendRuleProblems } from "./ingressBackendRules";
import * as T from "./ingressRuleTables";

/** `rejected`: the reconcile fails (the Ingress status is never written); `ignored`: the setting is dropped. */
export type RuleEffect = "rejected" | "ignored";

/** A rule an Ingress breaks. */
export interface RuleProblem {
    /** The annotation (full name) or the Ingress field (`spec.rules[0].host`) at fault. */
    readonly key: string;
    /** What is wrong and what the controller allows. */
    readonly message: string;
    readonly effect: RuleEffect;
    /** Where the rule is applied: controller file and function, or the ELBv2 API call. */
    readonly source: string;
}

/** An Ingress backend: the Service and its port (number, or name such as `use-annotation`). */
export interface BackendView {
    readonly serviceName: string;
    readonly servicePort?: number | string;
}

/** One path of an Ingress rule. */
export interface PathView {
    readonly path?: string;
    readonly pathType?: string;
    readonly backend: BackendView;
}

/** A Service an Ingress routes to, as far as the rules need it. */
export interface ServiceView {
    readonly annotations?: Readonly<Record<string, string>>;
    readonly ports: readonly { readonly name?: string; readonly port: number; readonly targetPort?: number | string }[];
}

/** The parts of an Ingress the rules read. */
export interface IngressView {
    readonly annotations: Readonly<Record<string, string>>;
    /** `spec.rules`; `undefined` when unknown (the rules that need them stay silent). */
    readonly rules?: readonly { readonly host?: string; readonly paths: readonly PathView[] }[];
    readonly defaultBackend?: BackendView;
    /** Backend Services by name, when known. */
    readonly services?: Readonly<Record<string, ServiceView>>;
}

const A = (suffix: string) => `${ALB_PREFIX}${suffix}`;

/**
 * The listeners of one Ingress: `listen-ports` as the controller reads it, else its default (HTTPS:443 when
 * certificates are set, HTTP:80 otherwise: `computeIngressListenPorts`); `undefined` when `listen-ports` is
 * malformed. A certificate or listener set by IngressClassParams is not visible here.
 */
export function listenPortsOf(annotations: Readonly<Record<string, string>>): ListenPort[] | undefined {
    const raw = annotations[A("listen-ports")];
    if (raw !== undefined) return readListenPorts(raw).value;
    const certificates = readStringList(annotations[A("certificate-arn")] ?? "");
    const createCertificate = readBool(annotations[A("create-acm-cert")] ?? "").value === true;
    return certificates.length > 0 || createCertificate
        ? [{ protocol: "HTTPS", port: 443 }]
        : [{ protocol: "HTTP", port: 80 }];
}

/** The problem with an IngressGroup name (`group_loader.go` `validateGroupName`), or `undefined`. */
export function groupNameProblem(name: string): string | undefined {
    return T.GROUP_NAME.pattern.test(name) && name.length <= T.GROUP_NAME.maxLength
        ? undefined
        : `must be lowercase letters, digits, "-" and ".", starting and ending with a letter or digit, at most ${T.GROUP_NAME.maxLength} characters (the controller ignores an Ingress with any other group name), got ${JSON.stringify(name)}`;
}

/** The problem with an ALB name (`buildLoadBalancerName`, ELBv2 `CreateLoadBalancer`), or `undefined`. */
export function loadBalancerNameProblem(name: string): string | undefined {
    const { maxLength, pattern, reservedPrefix } = T.LOAD_BALANCER_NAME;
    return name.length <= maxLength && pattern.test(name) && !name.startsWith(reservedPrefix)
        ? undefined
        : `must be at most ${maxLength} letters, digits and "-", not starting or ending with "-" nor starting with "${reservedPrefix}", got ${JSON.stringify(name)}`;
}

/** The problem with one AWS tag (ELBv2 `Tag`, and the controller's `k=v` format), or `undefined`. */
export function tagProblem(key: string, value: string): string | undefined {
    const { maxKeyLength, maxValueLength, pattern, reservedKeyPrefix } = T.TAG;
    if (key.length < 1 || key.length > maxKeyLength || !pattern.test(key) || key.includes("=")) {
        return `key must be 1-${maxKeyLength} letters, digits, spaces and _ . : / + - @ (no "="), got ${JSON.stringify(key)}`;
    }
    if (key.toLowerCase().startsWith(reservedKeyPrefix)) {
        return `key must not start with "${reservedKeyPrefix}" (reserved to AWS), got ${JSON.stringify(key)}`;
    }
    if (value.length > maxValueLength || !pattern.test(value)) {
        return `value of ${JSON.stringify(key)} must be at most ${maxValueLength} letters, digits, spaces and _ . : / = + - @, got ${JSON.stringify(value)}`;
    }
    return undefined;
}

/** The problem with a certificate ARN (ELBv2 `CreateListener` `Certificates`), or `undefined`. */
export function certificateArnProblem(arn: string): string | undefined {
    return T.CERTIFICATE_ARN.test(arn)
        ? undefined
        : `must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>) or an IAM server certificate ARN, got ${JSON.stringify(arn)}`;
}

/** The problem with a WAFv2 web ACL ARN or `none` (`buildWAFv2WebACLAssociation`), or `undefined`. */
export function wafv2AclArnProblem(arn: string): string | undefined {
    return arn === T.WAFV2_ACL_NONE || T.WAFV2_ACL_ARN.test(arn)
        ? undefined
        : `must be a regional WAFv2 web ACL ARN (arn:aws:wafv2:<region>:<account>:regional/webacl/…) or "none", got ${JSON.stringify(arn)}`;
}

/** True when the ALB serves IPv6 (`isIPv6Supported` of `model_build_load_balancer.go`). */
export const isDualStack = (annotations: Readonly<Record<string, string>>): boolean =>
    (annotations[A("ip-address-type")] ?? "ipv4").startsWith("dualstack");

/** Every rule one Ingress breaks, as the controller builds its model alone (no other IngressGroup member). */
export function ingressRuleProblems(view: IngressView): RuleProblem[] {
    const out: RuleProblem[] = [];
    const ann = view.annotations;
    const add = (suffix: string, message: string, source: string, effect: RuleEffect = "rejected") =>
        out.push({ key: A(suffix), message, effect, source });
    const raw = (suffix: string): string | undefined => ann[A(suffix)];

    const groupName = raw("group.name");
    if (groupName !== undefined) {
        const p = groupNameProblem(groupName);
        if (p) add("group.name", p, "group_loader.go validateGroupName");
    }
    const sslRedirect = readInt(raw("ssl-redirect") ?? "").value;
    const listeners = listenPortsOf(ann);
    if (sslRedirect !== undefined && groupName === undefined && listeners !== undefined) {
        const target = listeners.find((l) => l.port === sslRedirect);
        if (target?.protocol !== "HTTPS") {
            const have = listeners.map((l) => `${l.protocol}:${l.port}`).join(", ") || "none";
            add(
                "ssl-redirect",
                `must name an HTTPS listener port of the Ingress (listeners: ${have}), got ${sslRedirect}`,
                "model_builder.go buildSSLRedirectConfig",
            );
        }
    }
    for (const arn of readStringList(raw("certificate-arn") ?? "")) {
        const p = certificateArnProblem(arn);
        if (p)
            add(
                "certificate-arn",
                p,
                "ELBv2 CreateListener (computeIngressExplicitTLSCertARNs passes ARNs as written)",
            );
    }
    const ownSecurityGroups = raw("security-groups") !== undefined;
    for (const cidr of readStringList(raw("inbound-cidrs") ?? "")) {
        const c = readCidr(cidr);
        if (c.problem !== undefined) {
            add(
                "inbound-cidrs",
                `${c.problem}, got ${JSON.stringify(cidr)}`,
                "model_build_listener.go computeIngressExplicitInboundCIDRs",
            );
        } else if (c.value.ipv6 && !isDualStack(ann) && !ownSecurityGroups) {
            add(
                "inbound-cidrs",
                `${JSON.stringify(cidr)} is IPv6 but the ALB is IPv4-only: the controller leaves it out of the security group (set ip-address-type to dualstack)`,
                "model_build_managed_sg.go buildManagedSecurityGroupIngressPermissions",
                "ignored",
            );
        }
    }
    for (const suffix of ["inbound-cidrs", "security-group-prefix-lists"]) {
        if (ownSecurityGroups && raw(suffix) !== undefined) {
            add(
                suffix,
                "has no effect with security-groups: the controller only writes it into the security group it manages",
                "model_build_load_balancer.go buildLoadBalancerSecurityGroups",
                "ignored",
            );
        }
    }
    for (const suffix of ["tags", "frontend-nlb-tags"]) {
        for (const [k, v] of Object.entries(readStringMap(raw(suffix) ?? "").value ?? {})) {
            const p = tagProblem(k, v);
            if (p) add(suffix, p, "ELBv2 AddTags / CreateLoadBalancer Tags");
        }
    }
    const name = raw("load-balancer-name");
    if (name !== undefined) {
        const p = loadBalancerNameProblem(name);
        if (p)
            add(
                "load-balancer-name",
                p,
                "model_build_load_balancer.go buildLoadBalancerName, ELBv2 CreateLoadBalancer",
            );
    }
    const lbAttributes = readStringMap(raw("load-balancer-attributes") ?? "").value ?? {};
    const deletionProtection = lbAttributes[T.DELETION_PROTECTION_ATTRIBUTE];
    if (deletionProtection !== undefined && deletionProtection !== "true" && deletionProtection !== "false") {
        add(
            "load-balancer-attributes",
            `${T.DELETION_PROTECTION_ATTRIBUTE} must be "true" or "false", got ${JSON.stringify(deletionProtection)}`,
            "model_builder.go getDeletionProtectionViaAnnotation, ELBv2 ModifyLoadBalancerAttributes",
        );
    }
    for (const [k, v] of Object.entries(readStringMap(raw("minimum-load-balancer-capacity") ?? "").value ?? {})) {
        if (k !== T.CAPACITY_UNITS_KEY || readInt(v).problem !== undefined) {
            add(
                "minimum-load-balancer-capacity",
                `must be ${T.CAPACITY_UNITS_KEY}=<integer>, got ${JSON.stringify(`${k}=${v}`)}`,
                "model_build_load_balancer_capacity_reservation.go buildLoadBalancerMinimumCapacity",
            );
        }
    }
    const coip = raw("customer-owned-ipv4-pool");
    if (coip !== undefined && coip !== "" && !T.COIP_POOL.test(coip)) {
        add(
            "customer-owned-ipv4-pool",
            `must be a pool id such as "ipv4pool-coip-0123456789abcdef0", got ${JSON.stringify(coip)}`,
            "ELBv2 CreateLoadBalancer CustomerOwnedIpv4Pool",
        );
    }
    const waf = raw("wafv2-acl-arn");
    if (waf !== undefined && (raw("wafv2-acl-name") ?? "") !== "") {
        add(
            "wafv2-acl-arn",
            "has no effect: wafv2-acl-name is set, and the controller uses the name instead",
            "model_build_load_balancer_addons.go buildWAFv2WebACLAssociation",
            "ignored",
        );
    }
    if (raw("waf-acl-id") !== undefined && raw("web-acl-id") !== undefined) {
        add(
            "web-acl-id",
            "has no effect: waf-acl-id is set, and the controller reads web-acl-id only without it",
            "model_build_load_balancer_addons.go buildWAFRegionalWebACLAssociation",
            "ignored",
        );
    }
    if (waf !== undefined) {
        const p = wafv2AclArnProblem(waf);
        if (p)
            add(
                "wafv2-acl-arn",
                p,
                "model_build_load_balancer_addons.go buildWAFv2WebACLAssociation, WAFv2 AssociateWebACL",
            );
    }
    for (const [k, v] of Object.entries(readStringMap(raw("frontend-nlb-listener-port-mapping") ?? "").value ?? {})) {
        if (readInt(k).problem !== undefined || readInt(v).problem !== undefined) {
            add(
                "frontend-nlb-listener-port-mapping",
                `must map integer NLB ports to integer ALB ports, got ${JSON.stringify(`${k}=${v}`)}`,
                "model_build_frontend_nlb.go parseFrontendNlbListenerPortMapping",
            );
        }
    }
    out.push(...backendRuleProblems(view, listeners));
    return out;
}
