/**
 * The `alb.ingress.kubernetes.io/*` annotations an {@link IngressApp} writes on its Ingress, in the formats the
 * AWS Load Balancer Controller parses (`pkg/annotations/parser.go`): arguments first, then the user's own
 * `annotations` (which may not set the ones arguments own: `ANNOTATION_ARGUMENTS`).
 */
import type * as pulumi from "@pulumi/pulumi";
import { ALB_PREFIX } from "eks-alb-ingress-rules";
import type { ResolvedIngressAppArgs, ResolvedIngressAppValues } from "./ingressAppArgs";
import { lift } from "./ingressAppInputs";

/** The `listen-ports` value: HTTP:80, and HTTPS:443 with certificates. */
const listenPorts = (https: boolean) => JSON.stringify(https ? [{ HTTP: 80 }, { HTTPS: 443 }] : [{ HTTP: 80 }]);

/**
 * The controller annotations of the app's Ingress, from arguments that may still be inputs. A value known now is
 * a string; one that depends on an Output is an Output, and one whose presence depends on it (`certificate-arn`,
 * `ssl-redirect`, `ssl-policy` when the number of certificates is unknown) resolves to `undefined` when absent,
 * which drops the key (`lift`). With plain arguments, every value is a plain string.
 */
export function ingressAnnotationInputs(a: ResolvedIngressAppArgs): Record<string, pulumi.Input<string>> {
    const own: Record<string, pulumi.Input<string | undefined>> = {
        "target-type": a.targetType,
        scheme: a.scheme,
        "listen-ports": lift(a.https, listenPorts),
        "healthcheck-path": a.healthCheckPath,
        "group.name": a.group?.name,
        "group.order": a.group === undefined ? undefined : String(a.group.order),
        "certificate-arn": lift([a.https, a.certificateArns] as const, ([https, arns]) =>
            https ? arns.join(",") : undefined,
        ),
        "ssl-redirect": lift(a.sslRedirect, (redirect) => (redirect ? "443" : undefined)),
        "ssl-policy": lift(a.https, (https) => (https ? a.sslPolicy : undefined)),
        "inbound-cidrs": a.inboundCidrs === undefined ? undefined : lift(a.inboundCidrs, (c) => c.join(",")),
        "wafv2-acl-arn": a.wafv2AclArn,
        tags: lift(a.tags, (tags) =>
            Object.keys(tags).length > 0
                ? Object.entries(tags)
                      .map(([k, v]) => `${k}=${v}`)
                      .join(",")
                : undefined,
        ),
    };
    const out: Record<string, pulumi.Input<string>> = { ...a.annotations };
    for (const [key, value] of Object.entries(own)) {
        // An Output that may resolve to `undefined` is typed as a string: the key is dropped when it does.
        if (value !== undefined) out[`${ALB_PREFIX}${key}`] = value as pulumi.Input<string>;
    }
    return out;
}

/** The controller annotations of the app's Ingress, in the formats the controller parses. */
export function ingressAnnotations(a: ResolvedIngressAppValues): Record<string, string> {
    const https = a.certificateArns.length > 0;
    const inputs = ingressAnnotationInputs({
        ...a,
        https,
        sslPolicy: a.sslPolicy ?? "",
        deployTimeChecks: [],
    });
    // Plain values in, plain strings out (`lift` computes known values at once).
    return inputs as Record<string, string>;
}
