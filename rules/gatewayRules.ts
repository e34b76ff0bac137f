/**
 * What the AWS Load Balancer Controller (v3.5.0) refuses, or silently drops, in one GatewayClass, Gateway or route:
 * the rules of `pkg/gateway/routeutils/*` and `controllers/gateway/*` in kubernetes-sigs/aws-load-balancer-controller
 * and the feature table of its guide (`docs/guide/gateway/l7gateway.md`). `rejected`: the listener, the route or
 * the whole Gateway is not accepted (its status says why, nothing is built for it, and everything after the failing
 * listener rule is skipped); `ignored`: the field is dropped. Pure: components check the objects they generate,
 * the policy pack the objects anyone writes. Relations between objects are in gatewayAttachment.ts.
 */
import type { RuleEffect, RuleProblem } from "./ingressRules";
import { at, isJson, list, num, text } from "./gatewayJson";
import * as T from "./gatewayTables";
import type { GatewayLayer } from "./gatewayTables";

const GW = "pkg/gateway/routeutils/";

/** The layer a GatewayClass `spec.controllerName` makes, or `undefined` when the controller does not serve it. */
export const gatewayLayerOf = (controllerName: unknown): GatewayLayer | undefined =>
    typeof controllerName === "string" && Object.prototype.hasOwnProperty.call(T.CONTROLLER_LAYERS, controllerName)
        ? T.CONTROLLER_LAYERS[controllerName]
        : undefined;

/** The layer that loads a route kind, or `undefined` for kinds the controller never loads. */
export const routeLayerOf = (kind: string): GatewayLayer | undefined =>
    Object.prototype.hasOwnProperty.call(T.ROUTE_LAYERS, kind) ? T.ROUTE_LAYERS[kind as T.GatewayRouteKind] : undefined;

type Add = (key: string, message: string, source: string, effect?: RuleEffect) => void;

function collector(): [RuleProblem[], Add] {
    const out: RuleProblem[] = [];
    return [out, (key, message, source, effect = "rejected") => out.push({ key, message, effect, source })];
}

/** A `parametersRef` that names a LoadBalancerConfiguration (`gateway.k8s.aws`), as the guide attaches it. */
const namesLoadBalancerConfiguration = (ref: unknown): boolean =>
    text(at(ref, "group")) === T.CONTROLLER_CRD_GROUP && text(at(ref, "kind")) === "LoadBalancerConfiguration";

/**
 * What `IsHostNameInValidFormat` (`routeutils/utils.go`) refuses that the CRD pattern lets through: an IP address,
 * or a label longer than 63 characters; `undefined` for a valid hostname.
 */
export function hostnameProblem(hostname: string): string | undefined {
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.includes(":")) return "must not be an IP address";
    const labels = (hostname.startsWith("*.") ? hostname.slice(2) : hostname).split(".");
    return labels.some((l) => l.length < 1 || l.length > 63) ? "must have labels of 1 to 63 characters" : undefined;
}

/** What the controller refuses in a GatewayClass it serves (`controllers/gateway/gateway_class_controller.go`). */
export function gatewayClassProblems(gatewayClass: unknown): RuleProblem[] {
    const [out, add] = collector();
    const ref = at(gatewayClass, "spec", "parametersRef");
    if (!isJson(ref) || gatewayLayerOf(at(gatewayClass, "spec", "controllerName")) === undefined) return out;
    if (!namesLoadBalancerConfiguration(ref)) {
        add(
            "spec.parametersRef",
            `must name a LoadBalancerConfiguration (group ${T.CONTROLLER_CRD_GROUP}), got ${text(ref.group) ?? ""}/${text(ref.kind) ?? ""}: the controller looks the name up as a LoadBalancerConfiguration and does not accept the class when none is found`,
            "gateway_class_controller.go handleUpdate (configResolverFn)",
        );
    }
    if (text(ref.namespace) === undefined) {
        add(
            "spec.parametersRef.namespace",
            "must be set: the controller does not accept a GatewayClass whose parametersRef has no namespace (InvalidParametersRef), and none of its Gateways is built",
            "gateway_class_controller.go handleUpdate (messageNamespaceRequired)",
        );
    }
    return out;
}

/**
 * What the controller refuses or drops in a Gateway of `layer` (`listener_utils.go` `validateListenerList`,
 * `model_build_listener.go` `mapGatewayListenerConfigsByPort`, l7gateway.md Gateway and Listener tables).
 */
export function gatewayProblems(gateway: unknown, layer: GatewayLayer): RuleProblem[] {
    const [out, add] = collector();
    const protocols = T.LISTENER_PROTOCOLS[layer];
    const layerKinds = Object.entries(T.ROUTE_LAYERS)
        .filter(([, l]) => l === layer)
        .map(([k]) => k);
    const portProtocol = new Map<number, string>();
    const portHostnames = new Set<string>();
    list(at(gateway, "spec", "listeners")).forEach((listener, i) => {
        const key = `spec.listeners[${i}]`;
        const name = text(at(listener, "name")) ?? String(i);
        const protocol = text(at(listener, "protocol"));
        const port = num(at(listener, "port"));
        const hostname = text(at(listener, "hostname"));
        const badKinds = list(at(listener, "allowedRoutes", "kinds"))
            .map((k) => text(at(k, "kind")))
            .filter((k): k is string => k !== undefined && !layerKinds.includes(k));
        if (badKinds.length > 0) {
            add(
                `${key}.allowedRoutes.kinds`,
                `of listener ${name} must be ${layerKinds.join(" or ")} on an ${layer.toUpperCase()} gateway, got ${badKinds.join(", ")}: the listener is not accepted (InvalidRouteKinds)`,
                `${GW}listener_utils.go getSupportedKinds`,
            );
        } else if (protocol !== undefined && !protocols.includes(protocol)) {
            add(
                `${key}.protocol`,
                `of listener ${name} must be ${protocols.join(", ")} on an ${layer.toUpperCase()} gateway, got ${protocol}: the listener is not accepted (UnsupportedProtocol)${layer === "alb" ? "; TCP, UDP and TLS listeners need a GatewayClass with controllerName gateway.k8s.aws/nlb" : "; HTTP and HTTPS listeners need a GatewayClass with controllerName gateway.k8s.aws/alb"}`,
                `${GW}listener_utils.go validateListenerList`,
            );
        } else if (protocol !== undefined && port !== undefined) {
            const seen = portProtocol.get(port);
            const tcpUdp = seen !== undefined && [seen, protocol].sort().join("+") === "TCP+UDP";
            if (seen === undefined) portProtocol.set(port, protocol);
            else if (seen !== protocol && !tcpUdp) {
                add(
                    `${key}.protocol`,
                    `of listener ${name} conflicts with another listener on port ${port} (${seen}): listeners on one port must share their protocol (only TCP and UDP combine), the listener is not accepted (ProtocolConflict)`,
                    `${GW}listener_utils.go validateListenerList`,
                );
            }
            if (hostname !== undefined) {
                if (portHostnames.has(`${port}-${hostname}`)) {
                    add(
                        `${key}.hostname`,
                        `of listener ${name} repeats ${hostname} on port ${port}: the listener is not accepted (HostnameConflict)`,
                        `${GW}listener_utils.go validateListenerList`,
                    );
                }
                portHostnames.add(`${port}-${hostname}`);
            }
        }
        const badHost = hostname === undefined ? undefined : hostnameProblem(hostname);
        if (badHost !== undefined) {
            add(
                `${key}.hostname`,
                `of listener ${name} ${badHost}, got ${JSON.stringify(hostname)}: a route with hostnames that attaches to it fails the Gateway's reconcile`,
                `${GW}utils.go IsHostNameInValidFormat (listener_attachment_helper.go hostnameCheck)`,
            );
        }
        const tls = at(listener, "tls");
        if (list(at(tls, "certificateRefs")).length > 0) {
            add(
                `${key}.tls.certificateRefs`,
                `of listener ${name} are not used: certificates come from ACM, set in the LoadBalancerConfiguration (listenerConfigurations[].defaultCertificate / certificates for ${protocol ?? "HTTPS"}:${port ?? "<port>"}) or discovered from the listener and route hostnames (upstream issue #4494)`,
                "gateway.md Certificate Discovery; l7gateway.md Listener table (ListenerTLSConfig - CertificateRefs)",
                "ignored",
            );
        }
        if (isJson(at(tls, "options")) && Object.keys(at(tls, "options") as object).length > 0) {
            add(
                `${key}.tls.options`,
                `of listener ${name} are not used: set sslPolicy and mutualAuthentication in the LoadBalancerConfiguration's listenerConfigurations`,
                "l7gateway.md Listener table (ListenerTLSConfig - Options)",
                "ignored",
            );
        }
    });
    if (at(gateway, "spec", "tls") !== undefined) {
        add(
            "spec.tls",
            "is not used by the controller (GatewayTLSConfig): set TLS in the LoadBalancerConfiguration's listenerConfigurations",
            "l7gateway.md Gateway table (GatewayTLSConfig)",
            "ignored",
        );
    }
    if (at(gateway, "spec", "defaultScope") !== undefined) {
        add(
            "spec.defaultScope",
            "is not used by the controller",
            "l7gateway.md Gateway table (GatewayDefaultScope)",
            "ignored",
        );
    }
    const ref = at(gateway, "spec", "infrastructure", "parametersRef");
    if (isJson(ref) && !namesLoadBalancerConfiguration(ref)) {
        add(
            "spec.infrastructure.parametersRef",
            `must name a LoadBalancerConfiguration (group ${T.CONTROLLER_CRD_GROUP}) in the Gateway's namespace, got ${text(ref.group) ?? ""}/${text(ref.kind) ?? ""}: the controller looks the name up as a LoadBalancerConfiguration and fails the Gateway when none is found`,
            "gatewayutils/gateway_utils.go GetNamespacedParamRefForGateway, lb_config_utils.go ResolveLoadBalancerConfig",
        );
    }
    return out;
}

/** The problems of one route rule's backendRefs (`routeutils/backend.go` `commonBackendLoader`, `serviceLoader`). */
function backendProblems(rule: unknown, key: string, add: Add): void {
    list(at(rule, "backendRefs")).forEach((ref, j) => {
        const bkey = `${key}.backendRefs[${j}]`;
        const kind = text(at(ref, "kind")) ?? "Service";
        const weight = num(at(ref, "weight"));
        if (!T.BACKEND_KINDS.includes(kind)) {
            add(
                `${bkey}.kind`,
                `must be ${T.BACKEND_KINDS.join(", ")}, got ${kind}: "Unknown backend reference kind", the route is not accepted (InvalidKind)`,
                `${GW}backend.go commonBackendLoader`,
            );
        } else if (kind === "Service" && at(ref, "port") === undefined) {
            add(
                `${bkey}.port`,
                `must be set for a Service backend: "Port is required"`,
                `${GW}backend_service.go serviceLoader`,
            );
        }
        if (weight !== undefined && weight > T.MAX_BACKEND_WEIGHT) {
            add(
                `${bkey}.weight`,
                `must be at most ${T.MAX_BACKEND_WEIGHT}, got ${weight}: the controller stops reconciling the Gateway`,
                `${GW}backend.go commonBackendLoader (maxWeight)`,
            );
        }
        if (list(at(ref, "filters")).length > 0) {
            add(
                `${bkey}.filters`,
                "are not used: the controller reads filters of the rule only",
                `${GW}http.go, grpc.go (BackendRef only)`,
                "ignored",
            );
        }
    });
}

/** A filter that refers to a ListenerRuleConfiguration (`backend.go` `getListenerRuleConfigForRuleGeneric`). */
const isRuleConfigRef = (filter: unknown): boolean =>
    text(at(filter, "type")) === "ExtensionRef" &&
    text(at(filter, "extensionRef", "group")) === T.CONTROLLER_CRD_GROUP &&
    text(at(filter, "extensionRef", "kind")) === "ListenerRuleConfiguration";

/** The filters of one rule: types the ALB does not build, and ExtensionRefs it does not read. */
function filterProblems(kind: "HTTPRoute" | "GRPCRoute", rule: unknown, key: string, add: Add): void {
    const filters = list(at(rule, "filters"));
    const supported = kind === "HTTPRoute" ? T.HTTP_ROUTE_FILTERS : T.GRPC_ROUTE_FILTERS;
    // buildHttpRuleRedirectActionsBasedOnFilter returns at the first RequestRedirect: filters after it are not seen.
    const redirectAt = kind === "HTTPRoute" ? filters.findIndex((f) => text(at(f, "type")) === "RequestRedirect") : -1;
    filters.forEach((filter, k) => {
        const type = text(at(filter, "type"));
        if (type === undefined || supported.includes(type)) return;
        const after = redirectAt >= 0 && k > redirectAt;
        add(
            `${key}.filters[${k}].type`,
            after
                ? `${type} after a RequestRedirect is not applied: the ALB builds only the redirect`
                : `${type} is not supported by the ALB (${supported.join(", ")} are): "Unsupported filter type", the listener rule fails and the rules after it are not created; modify headers with LoadBalancerConfiguration listenerAttributes`,
            `${GW}route_rule_action.go ${kind === "HTTPRoute" ? "buildHttpRuleRedirectActionsBasedOnFilter" : "buildRedirectRoutingAction"}; l7gateway.md ${kind} table`,
            after ? "ignored" : "rejected",
        );
    });
    const ruleConfigs = filters.filter(isRuleConfigRef).length;
    if (ruleConfigs > 1) {
        add(
            `${key}.filters`,
            `refer to ${ruleConfigs} ListenerRuleConfigurations, at most one is allowed per rule: the rule gets no backends (IncompatibleFilters)`,
            `${GW}backend.go listenerRuleConfigLoader`,
        );
    }
    filters.forEach((filter, k) => {
        if (text(at(filter, "type")) === "ExtensionRef" && !isRuleConfigRef(filter)) {
            add(
                `${key}.filters[${k}].extensionRef`,
                `is not used: the controller only reads ExtensionRefs to ${T.CONTROLLER_CRD_GROUP}/ListenerRuleConfiguration`,
                `${GW}backend.go getListenerRuleConfigForRuleGeneric`,
                "ignored",
            );
        }
    });
}

const hasWildcard = (v: string | undefined): boolean => v !== undefined && /[*?]/.test(v);

/** RequestRedirect and matches of one HTTPRoute rule (`route_rule_action.go`, `route_rule_condition.go`). */
function httpRuleProblems(rule: unknown, key: string, add: Add): void {
    list(at(rule, "filters")).forEach((filter, k) => {
        const redirect = at(filter, "requestRedirect");
        if (text(at(filter, "type")) !== "RequestRedirect" || !isJson(redirect)) return;
        const fkey = `${key}.filters[${k}].requestRedirect`;
        const full = text(at(redirect, "path", "replaceFullPath"));
        const prefix = text(at(redirect, "path", "replacePrefixMatch"));
        if (hasWildcard(full) || hasWildcard(prefix)) {
            add(
                `${fkey}.path`,
                `must not contain the wildcards * or ?, got ${JSON.stringify(full ?? prefix)}`,
                `${GW}route_rule_action.go buildHttpRedirectAction`,
            );
        }
        const other = ["scheme", "hostname", "port"].some((f) => redirect[f] !== undefined && redirect[f] !== null);
        if (prefix !== undefined && !other) {
            add(
                `${fkey}.path.replacePrefixMatch`,
                "without a scheme, hostname or port change makes a redirect the ALB refuses (InvalidLoadBalancerAction: the redirect creates a loop); use ReplaceFullPath for path-only redirects",
                "l7gateway.md RequestRedirect ReplacePrefixMatch Limitation",
            );
        }
    });
    list(at(rule, "matches")).forEach((match, m) => {
        const path = at(match, "path");
        const type = text(at(path, "type")) ?? "PathPrefix";
        const value = text(at(path, "value"));
        if (type === "PathPrefix" && hasWildcard(value)) {
            add(
                `${key}.matches[${m}].path.value`,
                `of a PathPrefix match must not contain the wildcards * or ?, got ${JSON.stringify(value)}: use type RegularExpression (or Exact, where the ALB reads them as wildcards)`,
                `${GW}route_rule_condition.go buildHttpPathCondition`,
            );
        }
        list(at(match, "queryParams")).forEach((q, n) => {
            if (text(at(q, "type")) === "RegularExpression") {
                add(
                    `${key}.matches[${m}].queryParams[${n}].type`,
                    "RegularExpression is not applied: the ALB compares the value literally (with * and ? as wildcards)",
                    `${GW}route_rule_condition.go buildHttpQueryParamCondition`,
                    "ignored",
                );
            }
        });
    });
}

/**
 * What the controller refuses or drops in a route of `kind` attached to one of its gateways: filters, matches,
 * backends, and the rule fields of l7gateway.md's table it does not read. L4 routes get the backend rules only.
 */
export function routeProblems(kind: string, route: unknown): RuleProblem[] {
    const [out, add] = collector();
    if (routeLayerOf(kind) === undefined) return out;
    if (at(route, "spec", "useDefaultGateways") !== undefined) {
        add(
            "spec.useDefaultGateways",
            "is not used: name the Gateway in spec.parentRefs",
            "l7gateway.md HTTPRoute/GRPCRoute tables (UseDefaultGateways)",
            "ignored",
        );
    }
    list(at(route, "spec", "hostnames")).forEach((h, i) => {
        const p =
            typeof h === "string" && (kind === "HTTPRoute" || kind === "GRPCRoute" || kind === "TLSRoute")
                ? hostnameProblem(h)
                : undefined;
        if (p !== undefined) {
            add(
                `spec.hostnames[${i}]`,
                `${p}, got ${JSON.stringify(h)}: the controller skips it when it matches listener hostnames`,
                `${GW}listener_attachment_helper.go hostnameCheck`,
                "ignored",
            );
        }
    });
    list(at(route, "spec", "rules")).forEach((rule, i) => {
        const key = `spec.rules[${i}]`;
        backendProblems(rule, key, add);
        if (kind !== "HTTPRoute" && kind !== "GRPCRoute") return;
        filterProblems(kind, rule, key, add);
        if (kind === "HTTPRoute") httpRuleProblems(rule, key, add);
        for (const f of T.IGNORED_RULE_FIELDS) {
            if (isJson(rule) && rule[f.field] !== undefined) {
                add(
                    `${key}.${f.field}`,
                    `(${f.what}) is not supported by the ALB gateway and is not applied; use ${f.instead}`,
                    `l7gateway.md ${kind} table (${f.what})`,
                    "ignored",
                );
            }
        }
    });
    return out;
}
