/**
 * What the AWS Load Balancer Controller (v3.5.0) refuses or drops in its own gateway CRDs, LoadBalancerConfiguration
 * and TargetGroupConfiguration (`gateway.k8s.aws`), beyond what their CRD schemas already refuse at admission:
 * `pkg/gateway/model/model_build_*.go`, `routeutils/backend.go`, the ELBv2 API the values are passed to, and the
 * guide (`docs/guide/gateway/loadbalancerconfig.md`, `targetgroupconfig.md`). The `layer` (ALB or NLB) is that of
 * the Gateways the configuration serves; rules that need it stay silent without it.
 */
import { readCidr } from "./annotationValues";
import {
    type RuleEffect,
    type RuleProblem,
    certificateArnProblem,
    loadBalancerNameProblem,
    tagProblem,
} from "./ingressRules";
import { at, isJson, list, text } from "./gatewayJson";
import * as T from "./gatewayTables";
import type { GatewayLayer } from "./gatewayTables";

const MODEL = "pkg/gateway/model/";

type Add = (key: string, message: string, source: string, effect?: RuleEffect) => void;

function collector(): [RuleProblem[], Add] {
    const out: RuleProblem[] = [];
    return [out, (key, message, source, effect = "rejected") => out.push({ key, message, effect, source })];
}

const LAYER_NAME: Readonly<Record<GatewayLayer, string>> = { alb: "ALB (L7)", nlb: "NLB (L4)" };

/** The listener fields of one `listenerConfigurations[i]` of a LoadBalancerConfiguration. */
function oneListenerConfigProblems(lc: unknown, key: string, layer: GatewayLayer | undefined, add: Add): void {
    const protocolPort = text(at(lc, "protocolPort")) ?? "";
    const [protocol, port] = protocolPort.split(":");
    if (protocol === "" || port === "" || port === undefined) {
        add(
            `${key}.protocolPort`,
            `must be PROTOCOL:PORT such as HTTPS:443, got ${JSON.stringify(protocolPort)}: it matches no listener and is not applied`,
            `${MODEL}model_build_listener.go mapLoadBalancerListenerConfigsByPort`,
            "ignored",
        );
        return;
    }
    // TCP and UDP listeners on one port make one TCP_UDP listener (mapGatewayListenerConfigsByPort mergeProtocols).
    const protocols = layer === "nlb" ? [...T.LISTENER_PROTOCOLS.nlb, "TCP_UDP"] : T.LISTENER_PROTOCOLS.alb;
    if (layer !== undefined && !protocols.includes(protocol)) {
        add(
            `${key}.protocolPort`,
            `${protocolPort} is not a listener protocol of an ${LAYER_NAME[layer]} gateway (${protocols.join(", ")}): it matches no listener and is not applied`,
            `${MODEL}model_build_listener.go mapLoadBalancerListenerConfigsByPort`,
            "ignored",
        );
    }
    const matches = layer === undefined || protocols.includes(protocol);
    if (at(lc, "quicEnabled") === true && matches && !T.QUIC_PROTOCOLS.includes(protocol)) {
        add(
            `${key}.quicEnabled`,
            `is only supported on ${T.QUIC_PROTOCOLS.join(" and ")} listeners of an NLB, got ${protocolPort}: "QUIC protocol upgrade not supported", the Gateway is not built`,
            `${MODEL}model_build_listener.go buildListenerSpec`,
        );
    }
    const secure = T.SECURE_PROTOCOLS.includes(protocol);
    for (const field of ["defaultCertificate", "certificates", "sslPolicy", "mutualAuthentication"]) {
        if (!secure && isJson(lc) && lc[field] !== undefined) {
            add(
                `${key}.${field}`,
                `is not applied to the plain ${protocol} listener ${protocolPort}: only HTTPS and TLS listeners take certificates, TLS policies and mTLS`,
                `${MODEL}model_build_listener.go buildCertificates / buildSSLPolicy / buildMutualAuthenticationAttributes`,
                "ignored",
            );
        }
    }
    const certs = [text(at(lc, "defaultCertificate")), ...list(at(lc, "certificates")).map(text)];
    for (const arn of certs) {
        const p = arn === undefined ? undefined : certificateArnProblem(arn);
        if (p && secure)
            add(`${key}.certificates`, p, "ELBv2 CreateListener (buildExplicitTLSCertARNs passes ARNs as written)");
    }
    if (layer === "alb" && at(lc, "alpnPolicy") !== undefined) {
        add(
            `${key}.alpnPolicy`,
            "is only applied to TLS listeners of an NLB",
            `${MODEL}model_build_listener.go buildListenerALPNPolicy`,
            "ignored",
        );
    }
    if (layer === "alb" && at(lc, "targetGroupStickiness") !== undefined) {
        add(
            `${key}.targetGroupStickiness`,
            "is only applied to NLB listeners; on an ALB use a ListenerRuleConfiguration forward action",
            `${MODEL}model_build_listener.go buildL4ListenerDefaultActions`,
            "ignored",
        );
    }
    if (layer === "nlb" && at(lc, "mutualAuthentication") !== undefined) {
        add(
            `${key}.mutualAuthentication`,
            "is only applied to ALB listeners",
            `${MODEL}model_build_listener.go buildL7ListenerSpec`,
            "ignored",
        );
    }
}

/**
 * What the controller refuses or drops in a LoadBalancerConfiguration used by Gateways of `layer` (or by either,
 * when `layer` is `undefined`).
 */
export function loadBalancerConfigurationProblems(config: unknown, layer?: GatewayLayer): RuleProblem[] {
    const [out, add] = collector();
    const spec = at(config, "spec");
    if (!isJson(spec)) return out;
    const name = text(spec.loadBalancerName);
    const nameProblem = name === undefined ? undefined : loadBalancerNameProblem(name);
    if (nameProblem)
        add(
            "spec.loadBalancerName",
            nameProblem,
            "ELBv2 CreateLoadBalancer (buildLoadBalancerName passes it as written)",
        );
    for (const [k, v] of Object.entries(isJson(spec.tags) ? spec.tags : {})) {
        const p = typeof v === "string" ? tagProblem(k, v) : undefined;
        if (p) add("spec.tags", p, "ELBv2 AddTags / CreateLoadBalancer Tags");
    }
    list(spec.sourceRanges).forEach((cidr, i) => {
        const c = typeof cidr === "string" ? readCidr(cidr) : undefined;
        if (c?.problem !== undefined) {
            add(
                `spec.sourceRanges[${i}]`,
                `${c.problem}, got ${JSON.stringify(cidr)}`,
                "EC2 AuthorizeSecurityGroupIngress (model_build_security_group.go)",
            );
        } else if (c?.value.ipv6 && !String(spec.ipAddressType ?? "ipv4").startsWith("dualstack")) {
            add(
                `spec.sourceRanges[${i}]`,
                `${JSON.stringify(cidr)} is IPv6 but the load balancer is IPv4-only (ipAddressType ipv4, unless the GatewayClass's configuration sets dualstack): the controller leaves it out of the security group`,
                `${MODEL}model_build_security_group.go isIPv6Supported`,
                "ignored",
            );
        }
    });
    if (layer !== undefined) {
        for (const f of T.LBC_LAYER_FIELDS) {
            if (f.layer !== layer && spec[f.field] !== undefined) {
                add(
                    `spec.${f.field}`,
                    `only applies to ${LAYER_NAME[f.layer]} gateways, not to an ${LAYER_NAME[layer]} one`,
                    f.source,
                    f.effect,
                );
            }
        }
        if (layer === "nlb" && spec.ipAddressType === "dualstack-without-public-ipv4") {
            add(
                "spec.ipAddressType",
                "dualstack-without-public-ipv4 only applies to ALB gateways: use ipv4 or dualstack",
                "loadbalancerconfig.md IpAddressType; ELBv2 CreateLoadBalancer (IpAddressType of Application Load Balancers only)",
            );
        }
        if (layer === "alb") {
            list(spec.loadBalancerSubnets).forEach((s, i) => {
                for (const f of T.NLB_SUBNET_FIELDS) {
                    if (isJson(s) && s[f] !== undefined) {
                        add(
                            `spec.loadBalancerSubnets[${i}].${f}`,
                            `is only supported for NLB gateways: the ALB is not built`,
                            `${MODEL}model_build_subnet.go validateSubnetsInput`,
                        );
                    }
                }
            });
        }
    }
    list(spec.listenerConfigurations).forEach((lc, i) =>
        oneListenerConfigProblems(lc, `spec.listenerConfigurations[${i}]`, layer, add),
    );
    return out;
}

/** One `TargetGroupProps` (defaultConfiguration or a route configuration's targetGroupProps). */
function targetGroupPropsProblems(props: unknown, key: string, layer: GatewayLayer | undefined, add: Add): void {
    if (!isJson(props)) return;
    const protocol = text(props.protocol);
    if (layer !== undefined && protocol !== undefined && !T.TARGET_GROUP_PROTOCOLS[layer].includes(protocol)) {
        add(
            `${key}.protocol`,
            `must be ${T.TARGET_GROUP_PROTOCOLS[layer].join(", ")} behind an ${LAYER_NAME[layer]} gateway, got ${protocol}: "backend protocol must be within ...", the Gateway is not built`,
            `${MODEL}model_build_target_group.go buildTargetGroupProtocol`,
        );
    }
    if (props.targetControlPort !== undefined) {
        if (protocol !== undefined && protocol !== "HTTP" && protocol !== "HTTPS") {
            add(
                `${key}.targetControlPort`,
                `is only supported for HTTP and HTTPS target groups, got ${protocol}`,
                `${MODEL}model_build_target_group.go buildTargetControlPort`,
            );
        }
        if (props.targetType === "instance") {
            add(
                `${key}.targetControlPort`,
                "is not supported for instance targets: set targetType ip",
                `${MODEL}model_build_target_group.go buildTargetControlPort`,
            );
        }
    }
    if (
        at(props, "healthCheckConfig", "matcher", "httpCode") !== undefined &&
        at(props, "healthCheckConfig", "matcher", "grpcCode") !== undefined
    ) {
        add(
            `${key}.healthCheckConfig.matcher`,
            "must set only one of httpCode and grpcCode",
            "targetgroupconfig.md Matcher",
        );
    }
}

/** What the controller refuses or drops in a TargetGroupConfiguration for backends of `layer` gateways. */
export function targetGroupConfigurationProblems(config: unknown, layer?: GatewayLayer): RuleProblem[] {
    const [out, add] = collector();
    const spec = at(config, "spec");
    if (!isJson(spec)) return out;
    const ref = spec.targetReference;
    const kind = isJson(ref) ? (text(ref.kind) ?? "Service") : undefined;
    if (kind !== undefined && !T.TARGET_REFERENCE_KINDS.includes(kind)) {
        add(
            "spec.targetReference.kind",
            `must be ${T.TARGET_REFERENCE_KINDS.join(" or ")}, got ${kind}: the configuration matches no backend and is not applied`,
            "pkg/gateway/routeutils/backend.go LookUpTargetGroupConfiguration; targetgroupconfig.md TargetReference",
            "ignored",
        );
    }
    targetGroupPropsProblems(spec.defaultConfiguration, "spec.defaultConfiguration", layer, add);
    list(spec.routeConfigurations).forEach((rc, i) => {
        const key = `spec.routeConfigurations[${i}]`;
        const routeKind = text(at(rc, "routeIdentifier", "kind"));
        if (routeKind !== undefined && !Object.keys(T.ROUTE_LAYERS).includes(routeKind)) {
            add(
                `${key}.routeIdentifier.kind`,
                `must be a route kind (${Object.keys(T.ROUTE_LAYERS).join(", ")}), got ${routeKind}: it matches no route and is not applied`,
                "targetgroupconfig.md Route Matching Logic",
                "ignored",
            );
        }
        targetGroupPropsProblems(at(rc, "targetGroupProps"), `${key}.targetGroupProps`, layer, add);
    });
    return out;
}
