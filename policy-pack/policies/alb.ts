/**
 * Policies over each ALB of the stack: an IngressGroup's members (or one Ingress) judged together, the way the
 * controller merges them into one load balancer (see albModel.ts for the readings and their sources). These are
 * stack policies: the engine runs them on `pulumi preview` (and the preview `pulumi up` runs first) over every
 * resource of the stack, so a setting on another member of the group counts.
 */
import type { StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import {
    type AlbListener,
    type ControllerView,
    type Member,
    albListeners,
    albSchemes,
    albWebAcl,
    albsOf,
    memberName,
    redirectsByAction,
    sslRedirectPorts,
} from "./albModel";
import { ALB_PREFIX, configOf, ingressClassSchema } from "./util";

/** An ALB: its members (sorted like the controller sorts them, by namespace/name) and listeners. */
interface Alb {
    readonly id: string;
    readonly members: readonly Member[];
    readonly listeners: readonly AlbListener[];
    readonly view: ControllerView;
}

/** The ALBs of the stack; not applicable when there are none. */
function albs(args: StackValidationArgs): Alb[] {
    const { view, albs: groups } = albsOf(args);
    if (groups.size === 0) args.notApplicable("the stack has no Ingress the controller serves");
    return [...groups].map(([id, members]) => {
        const sorted = [...members].sort((a, b) => memberName(a).localeCompare(memberName(b)));
        return { id, members: sorted, listeners: albListeners(sorted), view };
    });
}

/** The internet-facing ALBs (one explicit scheme, or the default); conflicting schemes are alb-group-consistent's. */
const internetFacing = (args: StackValidationArgs): Alb[] =>
    albs(args).filter((a) => {
        const schemes = albSchemes(a.members, a.view);
        return schemes.length === 1 && schemes[0] === "internet-facing";
    });

const describe = (a: Alb): string =>
    a.id.startsWith("group ") ? `IngressGroup ${a.id.slice(6)}` : `Ingress ${memberName(a.members[0])}`;

export const albInternetFacingHttps: StackValidationPolicy = {
    name: "alb-internet-facing-https",
    url: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#ssl-redirect",
    description:
        "An internet-facing ALB (an Ingress, or all members of its IngressGroup together) has an HTTPS listener with a certificate: an ACM ARN, a certificate the controller creates, or hosts for certificate discovery. Its HTTP listeners redirect to HTTPS.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: { properties: ingressClassSchema },
    validateStack: (args, report) => {
        for (const alb of internetFacing(args)) {
            const https = alb.listeners.filter((l) => l.protocols.has("HTTPS"));
            const urn = alb.members[0].resource.urn;
            if (https.length === 0) {
                report(
                    `Internet-facing ALB of ${describe(alb)} has no HTTPS listener; add {"HTTPS": 443} to annotation ${ALB_PREFIX}listen-ports with a certificate (${ALB_PREFIX}certificate-arn, or hosts for certificate discovery) and set ${ALB_PREFIX}ssl-redirect: "443".`,
                    urn,
                );
                continue;
            }
            if (!https.some((l) => l.certificate)) {
                report(
                    `Internet-facing ALB of ${describe(alb)} has no certificate for its HTTPS listener; set annotation ${ALB_PREFIX}certificate-arn to an ACM certificate ARN, or give the Ingress hosts (rules or spec.tls) for certificate discovery.`,
                    urn,
                );
            }
            if (sslRedirectPorts(alb.members).length > 0) continue; // every HTTP listener redirects
            for (const l of alb.listeners.filter((x) => x.protocols.has("HTTP"))) {
                const plain = l.members.filter((m) => !redirectsByAction(m.resource.props));
                if (plain.length === 0) continue;
                report(
                    `Internet-facing ALB of ${describe(alb)} serves plain HTTP on port ${l.port} (${plain.map(memberName).join(", ")}) without a redirect; set annotation ${ALB_PREFIX}ssl-redirect: "${https[0].port}" on one member of the group (or drop the HTTP listener).`,
                    plain[0].resource.urn,
                );
            }
        }
    },
};

/**
 * TLS 1.2+ ELB security policies ("Security policies for your Application Load Balancer", describe-ssl-policies):
 * the TLS13-*, TLS-1-2-* and FS-1-2-* policies, and the hybrid post-quantum (PQ) ones of 2025-09, of which
 * ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09 is the console's default.
 */
export const TLS12_POLICIES = [
    "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
    "ELBSecurityPolicy-TLS-1-2-2017-01",
    "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
    "ELBSecurityPolicy-FS-1-2-2019-08",
    "ELBSecurityPolicy-FS-1-2-Res-2019-08",
    "ELBSecurityPolicy-FS-1-2-Res-2020-10",
    "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
];

export const albTlsPolicy: StackValidationPolicy = {
    name: "alb-tls-policy",
    url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html",
    description:
        "HTTPS listeners use a TLS 1.2+ security policy from an allowed list, set by annotation, IngressClassParams or the controller's default. The controller's built-in default (ELBSecurityPolicy-2016-08) still accepts TLS 1.0.",
    enforcementLevel: "advisory",
    severity: "medium",
    configSchema: {
        properties: {
            ...ingressClassSchema,
            allowedPolicies: {
                type: "array",
                items: { type: "string" },
                default: TLS12_POLICIES,
                description: "ELB security policies allowed on HTTPS listeners.",
            },
        },
    },
    validateStack: (args, report) => {
        const { allowedPolicies } = configOf(args, { allowedPolicies: TLS12_POLICIES });
        for (const alb of albs(args)) {
            for (const l of alb.listeners.filter((x) => x.protocols.has("HTTPS"))) {
                const urn = l.members[0].resource.urn;
                if (l.sslPolicies.size === 0 && !allowedPolicies.includes(alb.view.defaultSslPolicy)) {
                    report(
                        `HTTPS listener ${l.port} of ${describe(alb)} uses the controller's default TLS policy ${alb.view.defaultSslPolicy}, which allows TLS 1.0; set annotation ${ALB_PREFIX}ssl-policy to one of ${allowedPolicies.join(", ")}.`,
                        urn,
                    );
                }
                for (const policy of [...l.sslPolicies].filter((p) => !allowedPolicies.includes(p))) {
                    report(
                        `HTTPS listener ${l.port} of ${describe(alb)} uses ssl-policy ${policy}, which is not an allowed TLS 1.2+ policy; use one of ${allowedPolicies.join(", ")}.`,
                        urn,
                    );
                }
            }
        }
    },
};

export const albWafInternetFacing: StackValidationPolicy = {
    name: "alb-waf-internet-facing",
    url: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#wafv2-acl-arn",
    description:
        "An internet-facing ALB is protected by an AWS WAFv2 web ACL, set on any member of its IngressGroup or by its IngressClassParams.",
    enforcementLevel: "advisory",
    severity: "medium",
    configSchema: { properties: ingressClassSchema },
    validateStack: (args, report) => {
        for (const alb of internetFacing(args)) {
            const acl = albWebAcl(alb.members);
            if (acl === undefined || acl === "none") {
                report(
                    `Internet-facing ALB of ${describe(alb)} has no WAF${acl === "none" ? " (set to none)" : ""}; set annotation ${ALB_PREFIX}wafv2-acl-arn to the ARN of a regional WAFv2 web ACL.`,
                    alb.members[0].resource.urn,
                );
            }
        }
    },
};

export const albPolicies: StackValidationPolicy[] = [albInternetFacingHttps, albTlsPolicy, albWafInternetFacing];
