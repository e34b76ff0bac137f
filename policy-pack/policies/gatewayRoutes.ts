/** Stack policies: routes and the Gateways the AWS Load Balancer Controller serves (gatewayModel.ts). */
import type { StackValidationPolicy } from "@pulumi/policy";
import { type ParentRefView, attachmentProblems, parentRefsOf } from "eks-alb-ingress-rules";
import { type GatewayStack, type Route, gatewaySchema, gatewayStackOf, idOf, isExternal } from "./gatewayModel";
import { get, str } from "./util";

const GUIDE = "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/gateway/";

/** What one parentRef leads to: a Gateway the controller serves, one it does not, or nothing known. */
type Target = "served" | "other" | "missing";

/** A parentRef to a Gateway: served, of another controller, or neither in the stack nor in `externalGateways`. */
function gatewayTarget(stack: GatewayStack, id: string): Target {
    const g = stack.gateways.get(id);
    if (g !== undefined) return g.layer !== undefined ? "served" : "other";
    return isExternal(stack, id) ? "served" : "missing";
}

/**
 * Where one parentRef leads (`route_listener_mapper.go` `resolveParentRef`): a Gateway, or a ListenerSet and then
 * its parent Gateway. Other kinds (a Service, for a mesh) and ListenerSets outside the stack are not this
 * controller's to judge.
 */
function targetOf(stack: GatewayStack, ref: ParentRefView): Target {
    if (ref.kind === "Gateway") return gatewayTarget(stack, `${ref.namespace}/${ref.name}`);
    const set = ref.kind === "ListenerSet" ? stack.listenerSets.get(`${ref.namespace}/${ref.name}`) : undefined;
    if (set === undefined) return "other";
    const parent = get(set.props, "spec", "parentRef");
    const name = str(get(parent, "name"));
    if (name === undefined || (str(get(parent, "kind")) ?? "Gateway") !== "Gateway") return "other";
    return gatewayTarget(stack, `${str(get(parent, "namespace")) ?? ref.namespace}/${name}`);
}

const describeRoute = (r: Route): string => `${r.kind} ${idOf(r.resource)}`;

export const gatewayRouteParent: StackValidationPolicy = {
    name: "gateway-route-parent",
    url: `${GUIDE}gateway/`,
    description:
        "Every route (HTTPRoute, GRPCRoute, TCPRoute, UDPRoute, TLSRoute) names in spec.parentRefs a Gateway that exists: one of the stack, or one outside it listed in externalGateways. A route whose parents are all missing attaches to nothing and is never served; routes of Gateways of other controllers are left alone.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: { properties: gatewaySchema },
    validateStack: (args, report) => {
        const stack = gatewayStackOf(args);
        if (stack.routes.length === 0) args.notApplicable("the stack has no Gateway API route");
        for (const route of stack.routes) {
            const refs = parentRefsOf(route.resource.props);
            if (refs.length === 0) {
                report(
                    `${describeRoute(route)} has no spec.parentRefs: it attaches to no Gateway; name the Gateway (and its listener in sectionName) it is for.`,
                    route.resource.urn,
                );
                continue;
            }
            const missing = refs.filter((ref) => targetOf(stack, ref) === "missing");
            if (missing.length === refs.length) {
                const names = missing.map((r) => `${r.kind} ${r.namespace}/${r.name}`).join(", ");
                report(
                    `${describeRoute(route)} names ${names} in spec.parentRefs, which the stack does not hold: the route attaches to nothing unless the Gateway exists; fix the name or namespace, or list the Gateway ("namespace/name") in this policy's externalGateways when it is managed elsewhere.`,
                    route.resource.urn,
                );
            }
        }
    },
};

export const gatewayRouteAttachment: StackValidationPolicy = {
    name: "gateway-route-attachment",
    url: `${GUIDE}l7gateway/`,
    description:
        "Every route attaches to the Gateways of the stack it names that the AWS Load Balancer Controller serves: HTTPRoute and GRPCRoute only to ALB gateways (gateway.k8s.aws/alb), TCPRoute, UDPRoute and TLSRoute only to NLB gateways (gateway.k8s.aws/nlb), through a listener that exists (sectionName, port) and allows the route's namespace, kind and hostnames.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: { properties: gatewaySchema },
    validateStack: (args, report) => {
        const stack = gatewayStackOf(args);
        if (stack.served.length === 0 || stack.routes.length === 0) {
            args.notApplicable("the stack has no route and Gateway the controller serves");
        }
        for (const route of stack.routes) {
            for (const gw of stack.served) {
                for (const p of attachmentProblems(route.kind, route.resource.props, gw.resource.props, gw.layer)) {
                    report(`${describeRoute(route)} ${p.key} ${p.message} (${p.source}).`, route.resource.urn);
                }
            }
        }
    },
};

export const gatewayRoutePolicies: StackValidationPolicy[] = [gatewayRouteParent, gatewayRouteAttachment];
