/**
 * How an {@link IngressApp} is served — through an IngressClass of the self-managed controller, of EKS Auto Mode
 * (`autoMode`), or through a Gateway (`gateway`) — and the arguments each way refuses. Part of the argument
 * checks of `resolveIngressAppArgs.ts`: values known only at deploy time arrive as `DEFERRED` and are checked
 * when they resolve.
 */
import { ALB_PREFIX, autoModeAnnotationProblem } from "eks-alb-ingress-rules";
import { routePathProblem, ROUTE_PATH_TYPES } from "./gatewayRoute";
import type { IngressAppValues, PathType } from "./ingressAppArgs";
import { isDeferred } from "./ingressAppInputs";
import { isPlainObject } from "../common/json";
import { type Check, Problems, checkKnownKeys, dns1123Label, dns1123Subdomain, show } from "../common/validation";

/**
 * Arguments that configure the Ingress or its load balancer: an app with `gateway` has no Ingress, and the
 * Gateway (`AlbGateway` and its LoadBalancerConfiguration) carries scheme, certificates, TLS policy, WAF and
 * inbound CIDRs for every route attached to it.
 */
export const INGRESS_ONLY_ARGUMENTS = [
    "ingressClassName",
    "autoMode",
    "annotations",
    "group",
    "scheme",
    "certificateArns",
    "sslRedirect",
    "sslPolicy",
    "inboundCidrs",
    "wafv2AclArn",
] as const satisfies readonly (keyof IngressAppValues)[];

/** `check` for a value known now; a value known only at deploy time passes until then. */
const whenKnown =
    (check: Check): Check =>
    (v) =>
        isDeferred(v) ? undefined : check(v);

/** Checks `gateway` and refuses the Ingress arguments next to it. */
export function gatewayArgProblems(problems: Problems, args: IngressAppValues, path: string, pathType: PathType): void {
    const g: unknown = args.gateway;
    if (!isPlainObject(g)) {
        problems.add("gateway", `must be { name, namespace, sectionName? }, got ${show(g)}`);
        return;
    }
    checkKnownKeys(problems, g, ["name", "namespace", "sectionName"], "gateway.");
    problems.check("gateway.name", g.name, whenKnown(dns1123Subdomain));
    problems.check("gateway.namespace", g.namespace, whenKnown(dns1123Label));
    problems.checkIfSet(
        "gateway.sectionName",
        g.sectionName,
        whenKnown((v) =>
            dns1123Subdomain(v) === undefined
                ? undefined
                : `must be the name of a listener of the Gateway (a DNS-1123 subdomain such as "https"), got ${show(v)}`,
        ),
    );
    for (const arg of INGRESS_ONLY_ARGUMENTS) {
        if (args[arg] === undefined || (arg === "autoMode" && args[arg] === false)) continue;
        problems.add(
            arg,
            arg === "ingressClassName" || arg === "autoMode"
                ? "selects an IngressClass, and an app with `gateway` gets an HTTPRoute instead of an Ingress: give one of `gateway` and `ingressClassName`"
                : "configures the Ingress or its load balancer, and an app with `gateway` has no Ingress: the Gateway carries the load balancer's settings (`AlbGateway`)",
        );
    }
    if (ROUTE_PATH_TYPES[pathType] === undefined) {
        problems.add(
            "pathType",
            `must be "Prefix" or "Exact" with \`gateway\` (an HTTPRoute path match is PathPrefix or Exact), got ${show(pathType)}`,
        );
    }
    const pathProblem = typeof path === "string" ? routePathProblem(path) : undefined;
    if (pathProblem !== undefined) problems.add("path", pathProblem);
}

/**
 * Refuses what EKS Auto Mode does not support when the app's class is Auto Mode's: `group` (groups are set in
 * the IngressClassParams) and, in `annotations`, the annotations of the guide's table (`autoModeAnnotationProblems`).
 */
export function autoModeArgProblems(problems: Problems, args: IngressAppValues): void {
    if (args.group !== undefined) {
        const why = autoModeAnnotationProblem(`${ALB_PREFIX}group.name`) ?? "is not supported by EKS Auto Mode";
        problems.add("group", `${why}; set it as \`group\` of the AutoModeIngressClass`);
    }
}

/** Problems of the app's own `annotations` on an EKS Auto Mode class; the keys judged here are skipped elsewhere. */
export function autoModeAnnotationProblems(problems: Problems, annotations: Record<string, unknown>): Set<string> {
    const judged = new Set<string>();
    for (const key of Object.keys(annotations)) {
        const problem = autoModeAnnotationProblem(key);
        if (problem !== undefined) {
            problems.add(`annotations["${key}"]`, problem);
            judged.add(key);
        }
    }
    return judged;
}
