/**
 * The `alb.ingress.kubernetes.io/*` annotations an {@link IngressApp} writes on its Ingress, in the formats the
 * AWS Load Balancer Controller parses (`pkg/annotations/parser.go`): arguments first, then the user's own
 * `annotations` (which may not set the ones arguments own: `ANNOTATION_ARGUMENTS`).
 */
import { ALB_PREFIX } from "./annotations";
import type { ResolvedIngressAppArgs } from "./ingressAppArgs";

/** The controller annotations of the app's Ingress, in the formats the controller parses. */
export function ingressAnnotations(a: ResolvedIngressAppArgs): Record<string, string> {
    const https = a.certificateArns.length > 0;
    const own: Record<string, string | undefined> = {
        "target-type": a.targetType,
        scheme: a.scheme,
        "listen-ports": JSON.stringify(https ? [{ HTTP: 80 }, { HTTPS: 443 }] : [{ HTTP: 80 }]),
        "healthcheck-path": a.healthCheckPath,
        "group.name": a.group?.name,
        "group.order": a.group === undefined ? undefined : String(a.group.order),
        "certificate-arn": https ? a.certificateArns.join(",") : undefined,
        "ssl-redirect": a.sslRedirect ? "443" : undefined,
        "ssl-policy": https ? a.sslPolicy : undefined,
        "inbound-cidrs": a.inboundCidrs?.join(","),
        "wafv2-acl-arn": a.wafv2AclArn,
        tags:
            Object.keys(a.tags).length > 0
                ? Object.entries(a.tags)
                      .map(([k, v]) => `${k}=${v}`)
                      .join(",")
                : undefined,
    };
    const out: Record<string, string> = { ...a.annotations };
    for (const [key, value] of Object.entries(own)) {
        if (value !== undefined) out[`${ALB_PREFIX}${key}`] = value;
    }
    return out;
}
