/**
 * Stack policy: an internet-facing ALB made for a Gateway serves HTTPS and redirects HTTP, as alb-internet-facing-https
 * asks of Ingresses. The scheme is the controller's merge of the GatewayClass's and the Gateway's
 * LoadBalancerConfigurations (`pkg/gateway/lb_config_merger.go`: the GatewayClass's wins unless its `mergingMode`
 * is `prefer-gateway`), else `--default-load-balancer-scheme` (`base_model_builder.go` `buildLoadBalancerScheme`).
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { attachedListeners } from "eks-alb-ingress-rules";
import {
    type GatewayStack,
    type ServedGateway,
    configsOf,
    controllerDefaultScheme,
    gatewaySchema,
    gatewayStackOf,
    idOf,
    routesOf,
} from "./gatewayModel";
import { arr, get, str } from "./util";

/** The scheme the controller gives a served Gateway, or `undefined` when a configuration it names is unknown. */
function schemeOf(stack: GatewayStack, gw: ServedGateway, defaultScheme: string): string | undefined {
    const { gateway, gatewayClass } = configsOf(stack, gw);
    const names = (ref: unknown) => get(ref, "name") !== undefined;
    if (names(get(gw.resource.props, "spec", "infrastructure", "parametersRef")) && gateway === undefined)
        return undefined;
    if (names(get(gw.gatewayClass?.props, "spec", "parametersRef")) && gatewayClass === undefined) return undefined;
    const own = str(get(gateway, "spec", "scheme"));
    const ofClass = str(get(gatewayClass, "spec", "scheme"));
    const preferGateway = get(gatewayClass, "spec", "mergingMode") === "prefer-gateway";
    return (preferGateway ? (own ?? ofClass) : (ofClass ?? own)) ?? defaultScheme;
}

/** True when every rule of an HTTPRoute redirects to HTTPS (a RequestRedirect filter with scheme https). */
const redirectsToHttps = (route: unknown): boolean => {
    const rules = arr(get(route, "spec", "rules"));
    return (
        rules.length > 0 &&
        rules.every((rule) =>
            arr(get(rule, "filters")).some(
                (f) =>
                    str(get(f, "type")) === "RequestRedirect" &&
                    str(get(f, "requestRedirect", "scheme"))?.toLowerCase() === "https",
            ),
        )
    );
};

export const gatewayInternetFacingHttps: StackValidationPolicy = {
    name: "gateway-internet-facing-https",
    url: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/gateway/l7gateway/",
    description:
        "An internet-facing ALB the AWS Load Balancer Controller makes for a Gateway (scheme from the Gateway's or its GatewayClass's LoadBalancerConfiguration, or the controller's default) has an HTTPS listener, and its HTTP listeners carry only routes that redirect to HTTPS.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: { properties: gatewaySchema },
    validateStack: (args, report) => {
        const stack = gatewayStackOf(args);
        const fallback = controllerDefaultScheme(args);
        const open = stack.served.filter(
            (gw) => gw.layer === "alb" && schemeOf(stack, gw, fallback) === "internet-facing",
        );
        if (open.length === 0) args.notApplicable("the stack has no internet-facing ALB gateway");
        for (const gw of open) {
            const listeners = arr(get(gw.resource.props, "spec", "listeners"));
            if (!listeners.some((l) => str(get(l, "protocol")) === "HTTPS")) {
                report(
                    `Internet-facing ALB of Gateway ${idOf(gw.resource)} has no HTTPS listener; add a listener with protocol HTTPS (port 443) and its certificate in the LoadBalancerConfiguration (listenerConfigurations HTTPS:443 defaultCertificate; AlbGateway: certificateArns), and redirect HTTP to it.`,
                    gw.resource.urn,
                );
                continue;
            }
            // HTTPRoutes and GRPCRoutes (a listener allows GRPCRoute on HTTP by allowedRoutes.kinds): the controller
            // builds an HTTP listener's rules for both (`model_build_target_group.go` gives a GRPCRoute there an
            // HTTP1 target group: gRPC target groups need HTTPS listeners). A GRPCRoute cannot redirect.
            for (const route of routesOf(stack, gw.resource)) {
                const plain = attachedListeners(route.kind, route.resource.props, gw.resource.props, gw.layer).filter(
                    (l) => str(get(l, "protocol")) === "HTTP",
                );
                if (plain.length === 0 || redirectsToHttps(route.resource.props)) continue;
                report(
                    `${route.kind} ${idOf(route.resource)} serves plain HTTP on the internet-facing ALB of Gateway ${idOf(gw.resource)} (listener ${plain.map((l) => str(get(l, "name"))).join(", ")}); attach it to the HTTPS listener only (parentRefs sectionName), and give the HTTP listener a route whose RequestRedirect filter sets scheme: https.`,
                    route.resource.urn,
                );
            }
        }
    },
};
