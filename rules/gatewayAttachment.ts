/**
 * How the AWS Load Balancer Controller (v3.5.0) attaches routes to a Gateway's listeners and applies its
 * LoadBalancerConfigurations: `pkg/gateway/routeutils/route_listener_mapper.go` (parentRefs, sectionName and port),
 * `listener_attachment_helper.go` (namespace, kind and hostname checks), `attachment_helper.go`,
 * `routeutils/loader.go` (each layer loads its own route kinds) and `pkg/gateway/model/model_build_listener.go`
 * (listener configurations matched by `protocol:port`, certificates, certificate discovery). Readings of several
 * objects at once; one object alone is judged by gatewayRules.ts.
 */
import type { RuleProblem } from "./ingressRules";
import { at, isJson, list, nameOf, namespaceOf, num, text } from "./gatewayJson";
import { routeLayerOf } from "./gatewayRules";
import * as T from "./gatewayTables";
import type { GatewayLayer } from "./gatewayTables";

const RU = "pkg/gateway/routeutils/";

/** One `spec.parentRefs[i]` of a route, with the defaults the controller applies. */
export interface ParentRefView {
    /** Index in `spec.parentRefs`. */
    readonly index: number;
    readonly group: string;
    /** `Gateway` when unset (`attachment_helper.go` `doesResourceAttachToGateway`). */
    readonly kind: string;
    readonly name: string;
    /** The route's namespace when unset. */
    readonly namespace: string;
    readonly sectionName?: string;
    readonly port?: number;
}

/** The parentRefs of a route (those without a name are left out). */
export function parentRefsOf(route: unknown): ParentRefView[] {
    return list(at(route, "spec", "parentRefs")).flatMap((ref, index) => {
        const name = text(at(ref, "name"));
        if (name === undefined) return [];
        return [
            {
                index,
                group: text(at(ref, "group")) ?? T.GATEWAY_API_GROUP,
                kind: text(at(ref, "kind")) ?? "Gateway",
                name,
                namespace: text(at(ref, "namespace")) ?? namespaceOf(route),
                sectionName: text(at(ref, "sectionName")),
                port: num(at(ref, "port")),
            },
        ];
    });
}

/** True when `ref` names `gateway` (kind Gateway, same name and namespace). */
export const refersTo = (ref: ParentRefView, gateway: unknown): boolean =>
    ref.kind === "Gateway" && ref.name === nameOf(gateway) && ref.namespace === namespaceOf(gateway);

/** `getCompatibleHostname` of `routeutils/utils.go`: equal, or one a `*.` wildcard the other ends with. */
function compatibleHostname(one: string, two: string): string | undefined {
    if (one === two) return one;
    if (one.startsWith("*.") && two.endsWith(one.slice(1))) return two;
    if (two.startsWith("*.") && one.endsWith(two.slice(1))) return one;
    return undefined;
}

/** Why `listener` refuses `route` (`listener_attachment_helper.go` `listenerAllowsAttachment`), or `undefined`. */
function refusal(listener: unknown, kind: string, route: unknown, gateway: unknown): string | undefined {
    const from = text(at(listener, "allowedRoutes", "namespaces", "from")) ?? "Same";
    const routeNs = namespaceOf(route);
    if ((from === "Same" && routeNs !== namespaceOf(gateway)) || from === "None") {
        return `allows routes from ${from === "None" ? "no namespace" : `its own namespace ${namespaceOf(gateway)} only`} (allowedRoutes.namespaces.from: ${from}), the route is in ${routeNs}`;
    }
    const kinds = list(at(listener, "allowedRoutes", "kinds"))
        .map((k) => text(at(k, "kind")))
        .filter((k): k is string => k !== undefined);
    const allowed: readonly string[] =
        kinds.length > 0 ? kinds : (T.DEFAULT_ROUTE_KINDS[text(at(listener, "protocol")) ?? ""] ?? []);
    if (!allowed.includes(kind)) {
        return `accepts ${allowed.join(", ") || "no route kind"} (${kinds.length > 0 ? "allowedRoutes.kinds" : `the default for protocol ${text(at(listener, "protocol"))}`}), not ${kind}`;
    }
    const listenerHost = text(at(listener, "hostname"));
    const routeHosts = list(at(route, "spec", "hostnames"))
        .map(text)
        .filter((h): h is string => h !== undefined);
    const hostKinds = ["HTTPRoute", "GRPCRoute", "TLSRoute"];
    if (
        hostKinds.includes(kind) &&
        listenerHost !== undefined &&
        routeHosts.length > 0 &&
        !routeHosts.some((h) => compatibleHostname(h, listenerHost))
    ) {
        return `serves hostname ${listenerHost}, which matches none of the route's hostnames ${routeHosts.join(", ")}`;
    }
    return undefined;
}

/** The listeners of `gateway` one parentRef targets (`attemptListenerRouteAttachment`: sectionName, then port). */
function targetListeners(ref: ParentRefView, gateway: unknown): unknown[] {
    return list(at(gateway, "spec", "listeners")).filter(
        (l) =>
            (ref.sectionName === undefined || text(at(l, "name")) === ref.sectionName) &&
            (ref.port === undefined || num(at(l, "port")) === ref.port),
    );
}

/** The listeners of `gateway` that accept `route` of `kind` through any of its parentRefs. */
export function attachedListeners(kind: string, route: unknown, gateway: unknown, layer: GatewayLayer): unknown[] {
    if (routeLayerOf(kind) !== layer) return [];
    const out = new Set<unknown>();
    for (const ref of parentRefsOf(route).filter((r) => refersTo(r, gateway))) {
        for (const l of targetListeners(ref, gateway)) if (refusal(l, kind, route, gateway) === undefined) out.add(l);
    }
    return [...out];
}

/**
 * Why a route of `kind` does not attach through its parentRefs that name `gateway` (of `layer`): a route of the
 * other layer is never loaded (gateway.md: no mixing of L4 and L7 on one Gateway); a sectionName or port naming no
 * listener (NoMatchingParent); listeners that refuse the namespace, the kind or the hostnames (NotAllowedByListeners,
 * NoMatchingListenerHostname). A parentRef with no sectionName attaches when any listener accepts it.
 */
export function attachmentProblems(kind: string, route: unknown, gateway: unknown, layer: GatewayLayer): RuleProblem[] {
    const out: RuleProblem[] = [];
    const gw = `${namespaceOf(gateway)}/${nameOf(gateway) ?? "?"}`;
    for (const ref of parentRefsOf(route).filter((r) => refersTo(r, gateway))) {
        const key = `spec.parentRefs[${ref.index}]`;
        const routeLayer = routeLayerOf(kind);
        if (routeLayer !== layer) {
            out.push({
                key,
                message: `names Gateway ${gw}, an ${layer.toUpperCase()} gateway, which never loads a ${kind}: ${routeLayer === "alb" ? "HTTPRoute and GRPCRoute need a Gateway of a GatewayClass with controllerName gateway.k8s.aws/alb" : "TCPRoute, UDPRoute and TLSRoute need a Gateway of a GatewayClass with controllerName gateway.k8s.aws/nlb"}; L4 and L7 routes cannot share a Gateway`,
                effect: "rejected",
                source: `${RU}loader.go (route filters per layer); gateway.md`,
            });
            continue;
        }
        const targets = targetListeners(ref, gateway);
        if (targets.length === 0) {
            const which = [ref.sectionName && `sectionName ${ref.sectionName}`, ref.port && `port ${ref.port}`]
                .filter(Boolean)
                .join(" and ");
            out.push({
                key,
                message: `names ${which || "any listener"} of Gateway ${gw}, which has no such listener: the route is not attached (NoMatchingParent)`,
                effect: "rejected",
                source: `${RU}route_listener_mapper.go attemptListenerRouteAttachment`,
            });
            continue;
        }
        const reasons = targets.map((l) => [text(at(l, "name")) ?? "?", refusal(l, kind, route, gateway)] as const);
        if (reasons.every(([, r]) => r !== undefined)) {
            out.push({
                key,
                message: `is refused by every listener it names on Gateway ${gw}: ${reasons.map(([n, r]) => `listener ${n} ${r}`).join("; ")}`,
                effect: "rejected",
                source: `${RU}listener_attachment_helper.go listenerAllowsAttachment`,
            });
        }
    }
    return out;
}

/** The LoadBalancerConfigurations that apply to one Gateway (`controllers/gateway/config_resolver.go`). */
export interface GatewayConfigs {
    /** The GatewayClass's configuration (`spec.parametersRef`), when it has one and it is known. */
    readonly gatewayClass?: unknown;
    /** The Gateway's own configuration (`spec.infrastructure.parametersRef`), when it has one and it is known. */
    readonly gateway?: unknown;
    /** False when a configuration the Gateway or its class names is unknown: the rules that need all stay silent. */
    readonly complete: boolean;
}

/** The `protocol:port` keys of a Gateway's listeners as `mapGatewayListenerConfigsByPort` builds them. */
function listenerKeys(gateway: unknown): Map<number, string> {
    const byPort = new Map<number, string>();
    for (const l of list(at(gateway, "spec", "listeners"))) {
        const port = num(at(l, "port"));
        let protocol = text(at(l, "protocol"));
        if (port === undefined || protocol === undefined) continue;
        if (protocol === "TLS" && text(at(l, "tls", "mode")) === "Passthrough") protocol = "TCP";
        const seen = byPort.get(port);
        byPort.set(port, seen !== undefined && seen !== protocol ? "TCP_UDP" : protocol);
    }
    return byPort;
}

const listenerConfigs = (config: unknown): unknown[] => [...list(at(config, "spec", "listenerConfigurations"))];
const keyOf = (lc: unknown): string => (text(at(lc, "protocolPort")) ?? "").toLowerCase();
const hasCertificate = (lc: unknown): boolean =>
    text(at(lc, "defaultCertificate")) !== undefined || list(at(lc, "certificates")).length > 0;

/**
 * What the controller drops or refuses when it applies `configs` to `gateway` of `layer` with the `routes` (of
 * any gateway: those that attach to it count) that may attach to it: listener configurations of the Gateway's own
 * configuration that match no listener (ignored), `mergingMode` on the Gateway's own configuration (ignored: only
 * the GatewayClass's counts), and secure listeners that have routes but neither a certificate nor a hostname to
 * discover one (`buildCertificates`: "No hostnames found for TLS cert discovery", the Gateway is not built).
 */
export function listenerConfigurationProblems(
    gateway: unknown,
    layer: GatewayLayer,
    configs: GatewayConfigs,
    routes: readonly { readonly kind: string; readonly route: unknown }[],
): RuleProblem[] {
    const out: RuleProblem[] = [];
    const keys = listenerKeys(gateway);
    const wanted = new Set([...keys].map(([port, protocol]) => `${protocol.toLowerCase()}:${port}`));
    const own = configs.gateway;
    listenerConfigs(own).forEach((lc, i) => {
        if (text(at(lc, "protocolPort")) !== undefined && !wanted.has(keyOf(lc))) {
            out.push({
                key: `spec.listenerConfigurations[${i}].protocolPort`,
                message: `${text(at(lc, "protocolPort"))} matches no listener of Gateway ${nameOf(gateway)} (${[...wanted].join(", ").toUpperCase() || "none"}): the configuration is not applied`,
                effect: "ignored",
                source: "pkg/gateway/model/model_build_listener.go mapLoadBalancerListenerConfigsByPort",
            });
        }
    });
    if (isJson(own) && at(own, "spec", "mergingMode") !== undefined) {
        out.push({
            key: "spec.mergingMode",
            message: "is only honoured on the GatewayClass's LoadBalancerConfiguration, not on a Gateway's",
            effect: "ignored",
            source: "loadbalancerconfig.md MergingMode; customization.md Conflict Resolution",
        });
    }
    if (!configs.complete) return out;
    // mergeListenerConfig: for one protocolPort the configuration of the higher-priority source wins whole.
    const preferGateway = at(configs.gatewayClass, "spec", "mergingMode") === "prefer-gateway";
    const [high, low] = preferGateway ? [own, configs.gatewayClass] : [configs.gatewayClass, own];
    const attached = routes.map((r) => ({
        route: r.route,
        listeners: attachedListeners(r.kind, r.route, gateway, layer),
    }));
    for (const [port, protocol] of keys) {
        if (!T.SECURE_PROTOCOLS.includes(protocol)) continue;
        const key = `${protocol.toLowerCase()}:${port}`;
        const lc =
            listenerConfigs(high).find((c) => keyOf(c) === key) ?? listenerConfigs(low).find((c) => keyOf(c) === key);
        if (lc !== undefined && hasCertificate(lc)) continue;
        const onPort = (l: unknown) => num(at(l, "port")) === port;
        const withRoutes = attached.filter((a) => a.listeners.some(onPort));
        if (withRoutes.length === 0) continue; // a listener without routes is not built
        const hostnames = [
            ...list(at(gateway, "spec", "listeners"))
                .filter(onPort)
                .map((l) => text(at(l, "hostname"))),
            ...withRoutes.flatMap((a) => list(at(a.route, "spec", "hostnames")).map(text)),
        ].filter((h) => h !== undefined);
        if (hostnames.length === 0) {
            out.push({
                key: "spec.listeners",
                message: `${protocol}:${port} has no certificate (no listenerConfigurations entry ${protocol}:${port} with defaultCertificate in the Gateway's or its GatewayClass's LoadBalancerConfiguration) and no hostname on the listener or its routes to discover one in ACM: "No hostnames found for TLS cert discovery", the Gateway is not built`,
                effect: "rejected",
                source: "pkg/gateway/model/model_build_listener.go buildCertificates",
            });
        }
    }
    return out;
}
