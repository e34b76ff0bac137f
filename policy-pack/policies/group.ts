/**
 * alb-group-consistent: what the controller refuses when it merges an ALB's Ingresses (an IngressGroup, or one
 * Ingress alone), read from kubernetes-sigs/aws-load-balancer-controller `pkg/ingress/`:
 * - `model_build_load_balancer.go`: conflicting scheme, IPAddressType, load balancer name, subnets (order does not
 *   matter), securityGroups (order matters), CustomerOwnedIPv4Pool;
 * - `model_build_load_balancer_addons.go`: conflicting WAFv2 ARNs or names, WAF Classic ids, Shield;
 * - `model_build_load_balancer_attributes.go`, `model_build_tags.go`: one key with two values;
 * - `model_builder.go` `mergeListenPortConfigs` (per port: protocol, ssl-policy, inbound-cidrs, prefix lists),
 *   `buildSSLRedirectConfig` (one redirect port, which must be an HTTPS listener), `buildManageSecurityGroupRulesFlag`;
 * - `model_build_listener.go` `buildListenerDefaultActions`: at most one member with a default backend;
 * - an HTTPS listener without any certificate: the ELBv2 API refuses it (CreateListener requires a certificate).
 * Members sharing a group.order are not a problem: `group_loader.go` `sortGroupMembers` orders ties by
 * namespace/name. Frontend-NLB, mTLS and capacity-reservation merges are not modelled (never reported).
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { type Member, albListeners, albsOf, memberName, memberSetting, memberListeners } from "./albModel";
import { readBool, readCidr, readStringList, readStringMap } from "eks-alb-ingress-rules";
import { ALB_PREFIX, annotationsOf, arr, get, ingressClassSchema, isObj, str } from "./util";

const ann = (m: Member, suffix: string): string | undefined =>
    str(annotationsOf(m.resource.props)[`${ALB_PREFIX}${suffix}`]);

/** A setting read per member; members without it do not take part. `key` makes equal values compare equal. */
interface Exclusive {
    readonly what: string;
    readonly read: (m: Member) => string | undefined;
}

const list = (suffix: string, sorted: boolean) => (m: Member) => {
    const raw = ann(m, suffix);
    if (raw === undefined) return undefined;
    const items = readStringList(raw);
    return JSON.stringify(sorted ? [...items].sort() : items);
};
const bool = (suffix: string) => (m: Member) => {
    const b = readBool(ann(m, suffix) ?? "").value;
    return b === undefined ? undefined : String(b);
};

const EXCLUSIVE: Exclusive[] = [
    { what: "scheme", read: (m) => memberSetting(m, "scheme", "scheme") },
    { what: "ip-address-type", read: (m) => memberSetting(m, "ipAddressType", "ip-address-type") },
    { what: "load-balancer-name", read: (m) => memberSetting(m, "loadBalancerName", "load-balancer-name") },
    { what: "subnets", read: list("subnets", true) },
    { what: "security-groups", read: list("security-groups", false) },
    { what: "customer-owned-ipv4-pool", read: (m) => ann(m, "customer-owned-ipv4-pool") },
    { what: "wafv2-acl-name", read: (m) => memberSetting(m, "wafv2AclName", "wafv2-acl-name") || undefined },
    { what: "wafv2-acl-arn", read: (m) => memberSetting(m, "wafv2AclArn", "wafv2-acl-arn") },
    { what: "waf-acl-id", read: (m) => ann(m, "waf-acl-id") },
    { what: "shield-advanced-protection", read: bool("shield-advanced-protection") },
    { what: "manage-backend-security-group-rules", read: bool("manage-backend-security-group-rules") },
    { what: "ssl-redirect", read: (m) => memberSetting(m, "sslRedirectPort", "ssl-redirect") },
];

/** Effective key/value settings of a member: annotation map, with IngressClassParams `field` ({key, value}[]) first. */
const keyed = (suffix: string, field: string) => (m: Member) => {
    const out: Record<string, string> = { ...(readStringMap(ann(m, suffix) ?? "").value ?? {}) };
    for (const kv of arr(get(m.params, field)).filter(isObj)) {
        if (typeof kv.key === "string" && typeof kv.value === "string") out[kv.key] = kv.value;
    }
    return out;
};
const KEYED = [
    { what: "load-balancer-attributes", read: keyed("load-balancer-attributes", "loadBalancerAttributes") },
    { what: "tags", read: keyed("tags", "tags") },
];

/** Per-port settings of `mergeListenPortConfigs`, read from a member. */
const inboundCidrs = (m: Member): string | undefined => {
    const fromParams = arr(get(m.params, "inboundCIDRs")).filter((c): c is string => typeof c === "string");
    const raw = fromParams.length > 0 ? fromParams : readStringList(ann(m, "inbound-cidrs") ?? "");
    return raw.length > 0 && raw.every((c) => readCidr(c).problem === undefined)
        ? JSON.stringify([...new Set(raw)].sort())
        : undefined;
};
const prefixLists = (m: Member): string | undefined => {
    const raw = readStringList(ann(m, "security-group-prefix-lists") ?? "");
    return raw.length > 0 ? JSON.stringify([...new Set(raw)].sort()) : undefined;
};

/** The distinct values members give a setting, with who gives them; a message when there are two or more. */
function conflict(members: readonly Member[], read: (m: Member) => string | undefined): string | undefined {
    const given = members.flatMap((m) => {
        const v = read(m);
        return v === undefined ? [] : [{ m, v }];
    });
    if (new Set(given.map((g) => g.v)).size < 2) return undefined;
    return given.map((g) => `${memberName(g.m)}=${g.v}`).join(", ");
}

export const albGroupConsistent: StackValidationPolicy = {
    name: "alb-group-consistent",
    url: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#ingressgroup",
    description:
        "The Ingresses of one ALB (an IngressGroup, or one Ingress alone) merge without the conflicts the controller refuses: one scheme, address type, name, subnet and security group set, WAF and Shield setting, and per listener port one protocol, TLS policy and inbound CIDR set. The SSL redirect names an HTTPS listener, HTTPS listeners have a certificate, and at most one member sets a default backend.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: { properties: ingressClassSchema },
    validateStack: (args, report) => {
        const { albs } = albsOf(args);
        if (albs.size === 0) args.notApplicable("the stack has no Ingress the controller serves");
        for (const [id, members] of albs) {
            const label = id.startsWith("group ") ? `IngressGroup ${id.slice(6)}` : `Ingress ${memberName(members[0])}`;
            const urn = members[0].resource.urn;
            for (const { what, read } of EXCLUSIVE) {
                const c = conflict(members, read);
                if (c)
                    report(
                        `${label} disagrees on ${ALB_PREFIX}${what} (${c}); set the same value on every member, or on one only.`,
                        urn,
                    );
            }
            for (const { what, read } of KEYED) {
                // One pass over the members: key -> the members giving it a value (large groups stay linear).
                const byKey = new Map<string, { m: Member; v: string }[]>();
                for (const m of members) {
                    for (const [k, v] of Object.entries(read(m))) {
                        const list = byKey.get(k) ?? [];
                        list.push({ m, v });
                        byKey.set(k, list);
                    }
                }
                for (const [key, given] of byKey) {
                    if (new Set(given.map((g) => g.v)).size < 2) continue;
                    const who = given.map((g) => `${memberName(g.m)}=${g.v}`).join(", ");
                    report(
                        `${label} disagrees on ${ALB_PREFIX}${what} key ${key} (${who}); give the key one value.`,
                        urn,
                    );
                }
            }
            for (const l of albListeners(members)) {
                if (l.protocols.size > 1) {
                    const who = l.members.map((m) => `${memberName(m)}=${memberListeners(m)?.get(l.port)?.protocol}`);
                    report(
                        `${label} declares listener port ${l.port} as both HTTP and HTTPS (${who.join(", ")}); use one protocol per port.`,
                        urn,
                    );
                    continue;
                }
                const https = l.protocols.has("HTTPS");
                if (https && l.sslPolicies.size > 1) {
                    report(
                        `${label} sets two TLS policies on HTTPS listener ${l.port} (${[...l.sslPolicies].join(", ")}); set one ${ALB_PREFIX}ssl-policy.`,
                        urn,
                    );
                }
                if (https && !l.certificate) {
                    report(
                        `${label} has an HTTPS listener on port ${l.port} without a certificate (no ${ALB_PREFIX}certificate-arn, IngressClassParams certificateArn, create-acm-cert, or host for discovery), which the ELBv2 API refuses; add one.`,
                        urn,
                    );
                }
                for (const [what, read] of [
                    ["inbound-cidrs", inboundCidrs],
                    ["security-group-prefix-lists", prefixLists],
                ] as const) {
                    const c = conflict(l.members, read);
                    if (c)
                        report(
                            `${label} disagrees on ${ALB_PREFIX}${what} for listener port ${l.port} (${c}); set the same value on every member of the port.`,
                            urn,
                        );
                }
            }
            const redirects = [
                ...new Set(
                    members
                        .map((m) => memberSetting(m, "sslRedirectPort", "ssl-redirect"))
                        .filter((r) => r !== undefined),
                ),
            ];
            if (redirects.length === 1) {
                const port = Number(redirects[0]);
                const target = albListeners(members).find((l) => l.port === port);
                if (Number.isInteger(port) && (target === undefined || !target.protocols.has("HTTPS"))) {
                    report(
                        `${label} redirects HTTP to port ${redirects[0]} with ${ALB_PREFIX}ssl-redirect, but ${target ? "that listener is HTTP" : "no member listens on it"}; the SSL redirect port must be an HTTPS port of ${ALB_PREFIX}listen-ports.`,
                        urn,
                    );
                }
            }
            const defaults = members.filter((m) => isObj(get(m.resource.props, "spec", "defaultBackend")));
            if (defaults.length > 1) {
                report(
                    `${label} has several members with spec.defaultBackend (${defaults.map(memberName).join(", ")}); keep one.`,
                    urn,
                );
            }
        }
    },
};
