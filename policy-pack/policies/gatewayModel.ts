/**
 * The Gateway API objects of a stack as the AWS Load Balancer Controller (v3.5.0) sees them: which GatewayClasses it
 * serves and as which layer (`spec.controllerName` `gateway.k8s.aws/alb` = ALB, `gateway.k8s.aws/nlb` = NLB;
 * `controllers/gateway/gateway_class_controller.go`), its Gateways, the routes that name them, and the
 * LoadBalancerConfigurations and TargetGroupConfigurations that apply (`controllers/gateway/config_resolver.go`,
 * `pkg/gateway/routeutils/backend.go`). GatewayClasses outside the stack are known by the policy config
 * (`albGatewayClasses`, `nlbGatewayClasses`), Gateways outside the stack by `externalGateways`. The readings of each
 * object are the package's (eks-alb-ingress-rules: gatewayRules.ts, gatewayAttachment.ts).
 */
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { type GatewayConfigs, type GatewayLayer, gatewayLayerOf, parentRefsOf, refersTo } from "eks-alb-ingress-rules";
import { isControllerRelease } from "./release";
import { configOf, get, str } from "./util";

const API = "gateway.networking.k8s.io";
const AWS = "gateway.k8s.aws";
const typesOf = (group: string, kind: string, versions: readonly string[]) =>
    versions.map((v) => `kubernetes:${group}/${v}:${kind}`);

export const GATEWAY_CLASS_TYPES = typesOf(API, "GatewayClass", ["v1", "v1beta1"]);
export const GATEWAY_TYPES = typesOf(API, "Gateway", ["v1", "v1beta1"]);
export const LISTENER_SET_TYPES = typesOf(API, "ListenerSet", ["v1"]);
/** Route kind by Pulumi type (`kubernetes:<apiVersion>:<kind>`), for the versions the CRDs v1.6.0 define. */
export const ROUTE_TYPES: ReadonlyMap<string, string> = new Map([
    ...typesOf(API, "HTTPRoute", ["v1", "v1beta1"]).map((t) => [t, "HTTPRoute"] as const),
    ...typesOf(API, "GRPCRoute", ["v1"]).map((t) => [t, "GRPCRoute"] as const),
    ...typesOf(API, "TCPRoute", ["v1", "v1alpha2"]).map((t) => [t, "TCPRoute"] as const),
    ...typesOf(API, "UDPRoute", ["v1", "v1alpha2"]).map((t) => [t, "UDPRoute"] as const),
    ...typesOf(API, "TLSRoute", ["v1", "v1alpha2", "v1alpha3"]).map((t) => [t, "TLSRoute"] as const),
]);
export const LBC_TYPES = typesOf(AWS, "LoadBalancerConfiguration", ["v1", "v1beta1"]);
export const TGC_TYPES = typesOf(AWS, "TargetGroupConfiguration", ["v1", "v1beta1"]);

/** The policy config every gateway policy takes. */
export const gatewaySchema = {
    albGatewayClasses: {
        type: "array" as const,
        items: { type: "string" as const },
        default: ["alb"],
        description:
            "Names of GatewayClasses outside the stack whose controllerName is gateway.k8s.aws/alb (served as ALBs).",
    },
    nlbGatewayClasses: {
        type: "array" as const,
        items: { type: "string" as const },
        default: [] as string[],
        description:
            "Names of GatewayClasses outside the stack whose controllerName is gateway.k8s.aws/nlb (served as NLBs).",
    },
    externalGateways: {
        type: "array" as const,
        items: { type: "string" as const },
        default: [] as string[],
        description:
            'Gateways outside the stack ("namespace/name", or "*" for any) that the controller serves and routes may name.',
    },
};

export interface GatewayConfig {
    albGatewayClasses: string[];
    nlbGatewayClasses: string[];
    externalGateways: string[];
}
const DEFAULTS: GatewayConfig = { albGatewayClasses: ["alb"], nlbGatewayClasses: [], externalGateways: [] };

export const nsOf = (r: PolicyResource): string => str(get(r.props, "metadata", "namespace")) || "default";
export const nameOf = (r: PolicyResource): string => str(get(r.props, "metadata", "name")) ?? r.name;
export const idOf = (r: PolicyResource): string => `${nsOf(r)}/${nameOf(r)}`;

/** A Gateway of the stack the controller serves. */
export interface ServedGateway {
    readonly resource: PolicyResource;
    readonly layer: GatewayLayer;
    /** The GatewayClass, when it is in the stack. */
    readonly gatewayClass?: PolicyResource;
}

/** A route of the stack. */
export interface Route {
    readonly resource: PolicyResource;
    readonly kind: string;
}

/** What the stack holds of the Gateway API, as the controller reads it. */
export interface GatewayStack {
    readonly config: GatewayConfig;
    /** GatewayClasses of the stack the controller serves, with their layer. */
    readonly classes: readonly { readonly resource: PolicyResource; readonly layer: GatewayLayer }[];
    /** Every Gateway of the stack by `namespace/name`, with its layer when the controller serves it. */
    readonly gateways: ReadonlyMap<string, { readonly resource: PolicyResource; readonly layer?: GatewayLayer }>;
    readonly served: readonly ServedGateway[];
    readonly routes: readonly Route[];
    readonly listenerSets: ReadonlyMap<string, PolicyResource>;
    /** LoadBalancerConfigurations by `namespace/name`. */
    readonly lbcs: ReadonlyMap<string, PolicyResource>;
    readonly tgcs: readonly PolicyResource[];
}

/** Reads the Gateway API objects of a stack. */
export function gatewayStackOf(args: StackValidationArgs): GatewayStack {
    const config = configOf(args, DEFAULTS);
    const classLayer = new Map<string, GatewayLayer>();
    for (const c of config.albGatewayClasses) classLayer.set(c, "alb");
    for (const c of config.nlbGatewayClasses) classLayer.set(c, "nlb");
    const classResources = new Map<string, PolicyResource>();
    const classes: { resource: PolicyResource; layer: GatewayLayer }[] = [];
    for (const r of args.resources.filter((x) => GATEWAY_CLASS_TYPES.includes(x.type))) {
        const layer = gatewayLayerOf(get(r.props, "spec", "controllerName"));
        classResources.set(nameOf(r), r);
        if (layer === undefined) classLayer.delete(nameOf(r));
        else {
            classLayer.set(nameOf(r), layer);
            classes.push({ resource: r, layer });
        }
    }
    const gateways = new Map<string, { resource: PolicyResource; layer?: GatewayLayer }>();
    const served: ServedGateway[] = [];
    for (const r of args.resources.filter((x) => GATEWAY_TYPES.includes(x.type))) {
        const className = str(get(r.props, "spec", "gatewayClassName")) ?? "";
        const layer = classLayer.get(className);
        gateways.set(idOf(r), { resource: r, layer });
        if (layer !== undefined) served.push({ resource: r, layer, gatewayClass: classResources.get(className) });
    }
    const index = (types: readonly string[]) =>
        new Map(args.resources.filter((x) => types.includes(x.type)).map((r) => [idOf(r), r] as const));
    return {
        config,
        classes,
        gateways,
        served,
        routes: args.resources.flatMap((r) => {
            const kind = ROUTE_TYPES.get(r.type);
            return kind === undefined ? [] : [{ resource: r, kind }];
        }),
        listenerSets: index(LISTENER_SET_TYPES),
        lbcs: index(LBC_TYPES),
        tgcs: args.resources.filter((x) => TGC_TYPES.includes(x.type)),
    };
}

/** True when `externalGateways` lists the Gateway `namespace/name`. */
export const isExternal = (stack: GatewayStack, id: string): boolean =>
    stack.config.externalGateways.includes("*") || stack.config.externalGateways.includes(id);

/** The routes of the stack that name `gateway` in a parentRef. */
export const routesOf = (stack: GatewayStack, gateway: PolicyResource): Route[] =>
    stack.routes.filter((r) => parentRefsOf(r.resource.props).some((ref) => refersTo(ref, gateway.props)));

/** A `parametersRef` to a LoadBalancerConfiguration: `namespace/name`, `null` when there is none. */
function lbcRef(ref: unknown, namespace: string | undefined): string | null {
    const name = str(get(ref, "name"));
    if (name === undefined || str(get(ref, "kind")) !== "LoadBalancerConfiguration") return null;
    return `${namespace ?? "?"}/${name}`;
}

/** The LoadBalancerConfigurations of a served Gateway and of its class (`getLoadBalancerConfigForGateway`). */
export function configsOf(stack: GatewayStack, gw: ServedGateway): GatewayConfigs {
    const own = lbcRef(get(gw.resource.props, "spec", "infrastructure", "parametersRef"), nsOf(gw.resource));
    const classRef = get(gw.gatewayClass?.props, "spec", "parametersRef");
    const ofClass = lbcRef(classRef, str(get(classRef, "namespace")));
    const gateway = own === null ? undefined : stack.lbcs.get(own)?.props;
    const gatewayClass = ofClass === null ? undefined : stack.lbcs.get(ofClass)?.props;
    const complete =
        gw.gatewayClass !== undefined &&
        (own === null || gateway !== undefined) &&
        (ofClass === null || gatewayClass !== undefined);
    return { gateway, gatewayClass, complete };
}

/** The LoadBalancerConfiguration ids each served Gateway and GatewayClass of the stack uses, with their layer. */
export function lbcLayers(stack: GatewayStack): Map<string, Set<GatewayLayer>> {
    const out = new Map<string, Set<GatewayLayer>>();
    const add = (id: string | null, layer: GatewayLayer) => {
        if (id !== null) out.set(id, (out.get(id) ?? new Set()).add(layer));
    };
    for (const c of stack.classes) {
        const ref = get(c.resource.props, "spec", "parametersRef");
        add(lbcRef(ref, str(get(ref, "namespace"))), c.layer);
    }
    for (const g of stack.served) {
        add(lbcRef(get(g.resource.props, "spec", "infrastructure", "parametersRef"), nsOf(g.resource)), g.layer);
    }
    return out;
}

/**
 * The controller's `--default-load-balancer-scheme` for Gateways without a scheme: the release's
 * `values.defaultLoadBalancerScheme`, else the controller's default, `internal`.
 */
export function controllerDefaultScheme(args: StackValidationArgs): string {
    return (
        str(get(args.resources.find(isControllerRelease)?.props, "values", "defaultLoadBalancerScheme")) || "internal"
    );
}
