/**
 * Stack policies: what the AWS Load Balancer Controller refuses (mandatory) or silently drops (advisory) in the
 * Gateway API objects it serves and in its own LoadBalancerConfigurations and TargetGroupConfigurations, read by
 * the package's rules (eks-alb-ingress-rules gatewayRules.ts, gatewayConfigRules.ts, gatewayAttachment.ts), and
 * Gateways left to the controller's defaults.
 */
import type { PolicyResource, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import {
    type GatewayLayer,
    type RuleEffect,
    type RuleProblem,
    gatewayClassProblems,
    gatewayProblems,
    listenerConfigurationProblems,
    loadBalancerConfigurationProblems,
    parentRefsOf,
    routeProblems,
    targetGroupConfigurationProblems,
} from "eks-alb-ingress-rules";
import {
    type GatewayStack,
    configsOf,
    controllerDefaultScheme,
    gatewaySchema,
    gatewayStackOf,
    idOf,
    isExternal,
    lbcLayers,
    nameOf,
    nsOf,
    routesOf,
} from "./gatewayModel";
import { arr, get, isObj, str } from "./util";

const GUIDE = "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/gateway/";

/** One finding on one object of the stack. */
interface Finding {
    readonly resource: PolicyResource;
    readonly subject: string;
    readonly problem: RuleProblem;
}

const kindOf = (r: PolicyResource): string => r.type.split(":")[2] ?? r.type;
const subjectOf = (r: PolicyResource): string =>
    kindOf(r) === "GatewayClass" ? `GatewayClass ${nameOf(r)}` : `${kindOf(r)} ${idOf(r)}`;

/** The only layer of a set, or `undefined` when there is none or both. */
const single = (layers: ReadonlySet<GatewayLayer> | undefined): GatewayLayer | undefined =>
    layers?.size === 1 ? [...layers][0] : undefined;

/** Layers of the Gateways whose routes send traffic to each Service (`namespace/name`). */
function serviceLayers(stack: GatewayStack): Map<string, Set<GatewayLayer>> {
    const out = new Map<string, Set<GatewayLayer>>();
    for (const gw of stack.served) {
        for (const route of routesOf(stack, gw.resource)) {
            for (const rule of arr(get(route.resource.props, "spec", "rules"))) {
                for (const ref of arr(get(rule, "backendRefs"))) {
                    const name = str(get(ref, "name"));
                    if (name === undefined || (str(get(ref, "kind")) ?? "Service") !== "Service") continue;
                    const id = `${str(get(ref, "namespace")) ?? nsOf(route.resource)}/${name}`;
                    out.set(id, (out.get(id) ?? new Set()).add(gw.layer));
                }
            }
        }
    }
    return out;
}

/** TargetGroupConfiguration rules that need other objects of the stack (targetgroupconfig.md). */
function tgcRelations(stack: GatewayStack, add: (r: PolicyResource, p: RuleProblem) => void): void {
    const byTarget = new Map<string, PolicyResource>();
    for (const tgc of stack.tgcs) {
        const ref = get(tgc.props, "spec", "targetReference");
        if (!isObj(ref) || str(ref.name) === undefined) continue;
        const id = `${nsOf(tgc)}/${str(ref.kind) ?? "Service"}/${str(ref.name)}`;
        const first = byTarget.get(id);
        if (first === undefined) byTarget.set(id, tgc);
        else {
            add(tgc, {
                key: "spec.targetReference",
                message: `names the same ${str(ref.kind) ?? "Service"} ${str(ref.name)} as TargetGroupConfiguration ${nameOf(first)}: only one configuration per Service is used, which one is not defined`,
                effect: "ignored",
                source: "customization.md Service-Level Target Group Configuration; routeutils/backend.go LookUpTargetGroupConfiguration",
            });
        }
    }
    for (const lbc of stack.lbcs.values()) {
        const name = str(get(lbc.props, "spec", "defaultTargetGroupConfiguration", "name"));
        const tgc = stack.tgcs.find((t) => nsOf(t) === nsOf(lbc) && nameOf(t) === name);
        if (tgc !== undefined && get(tgc.props, "spec", "targetReference") !== undefined) {
            add(lbc, {
                key: "spec.defaultTargetGroupConfiguration",
                message: `names TargetGroupConfiguration ${name}, which has a targetReference: a default configuration must have none, the controller fails the Gateway`,
                effect: "rejected",
                source: "loadbalancerconfig.md DefaultTargetGroupConfiguration",
            });
        }
    }
}

/** Every finding of the rules over the Gateway API objects of the stack the controller serves. */
function findings(args: StackValidationArgs): Finding[] {
    const stack = gatewayStackOf(args);
    const out: Finding[] = [];
    const add = (resource: PolicyResource, problem: RuleProblem) =>
        out.push({ resource, subject: subjectOf(resource), problem });
    for (const c of stack.classes) for (const p of gatewayClassProblems(c.resource.props)) add(c.resource, p);
    for (const gw of stack.served) {
        for (const p of gatewayProblems(gw.resource.props, gw.layer)) add(gw.resource, p);
        const configs = configsOf(stack, gw);
        const routes = routesOf(stack, gw.resource).map((r) => ({ kind: r.kind, route: r.resource.props }));
        const ownId = `${nsOf(gw.resource)}/${str(get(gw.resource.props, "spec", "infrastructure", "parametersRef", "name"))}`;
        for (const p of listenerConfigurationProblems(gw.resource.props, gw.layer, configs, routes)) {
            const own = stack.lbcs.get(ownId);
            add(p.key.startsWith("spec.listeners") || own === undefined ? gw.resource : own, p);
        }
    }
    for (const route of stack.routes) {
        const servedParent = parentRefsOf(route.resource.props).some((ref) => {
            const id = `${ref.namespace}/${ref.name}`;
            return ref.kind === "Gateway" && (stack.gateways.get(id)?.layer !== undefined || isExternal(stack, id));
        });
        if (servedParent) for (const p of routeProblems(route.kind, route.resource.props)) add(route.resource, p);
    }
    const layers = lbcLayers(stack);
    for (const [id, lbc] of stack.lbcs) {
        for (const p of loadBalancerConfigurationProblems(lbc.props, single(layers.get(id)))) add(lbc, p);
    }
    const services = serviceLayers(stack);
    for (const tgc of stack.tgcs) {
        const target = `${nsOf(tgc)}/${str(get(tgc.props, "spec", "targetReference", "name"))}`;
        for (const p of targetGroupConfigurationProblems(tgc.props, single(services.get(target)))) add(tgc, p);
    }
    tgcRelations(stack, add);
    return out;
}

const GATEWAY_KINDS =
    "GatewayClasses, Gateways and routes of gateway.k8s.aws/alb and gateway.k8s.aws/nlb classes, and LoadBalancerConfigurations and TargetGroupConfigurations";

/** A policy that reports the findings of one effect. */
function featurePolicy(effect: RuleEffect, base: Omit<StackValidationPolicy, "validateStack">): StackValidationPolicy {
    return {
        ...base,
        configSchema: { properties: gatewaySchema },
        validateStack: (args, report) => {
            const all = findings(args);
            if (all.length === 0 && gatewayStackOf(args).served.length === 0) {
                args.notApplicable("the stack has no Gateway API object the controller serves");
            }
            for (const f of all.filter((x) => x.problem.effect === effect)) {
                report(`${f.subject} ${f.problem.key} ${f.problem.message} (${f.problem.source}).`, f.resource.urn);
            }
        },
    };
}

export const gatewayFeaturesSupported = featurePolicy("rejected", {
    name: "gateway-features-supported",
    url: `${GUIDE}l7gateway/#feature-comparison-alb-gateways-vs-standard-gateway-api`,
    description: `The ${GATEWAY_KINDS} use only what the AWS Load Balancer Controller supports: listener protocols of the gateway's layer, HTTPRoute filters RequestRedirect, URLRewrite and ExtensionRef (GRPCRoute: ExtensionRef), valid backends, fields of the right load balancer type. The controller refuses the rest at reconcile time and the Gateway, listener or route is not built.`,
    enforcementLevel: "mandatory",
    severity: "high",
});

export const gatewayFeaturesIgnored = featurePolicy("ignored", {
    name: "gateway-features-ignored",
    url: `${GUIDE}l7gateway/#feature-comparison-alb-gateways-vs-standard-gateway-api`,
    description: `The ${GATEWAY_KINDS} set nothing the AWS Load Balancer Controller silently drops: listener tls.certificateRefs (certificates come from ACM: LoadBalancerConfiguration or discovery), route timeouts, retries and session persistence, fields of the other load balancer type, listener configurations that match no listener.`,
    enforcementLevel: "advisory",
    severity: "medium",
});

/** `--default-load-balancer-scheme` of the controller release of the stack (chart value), default internal. */
export const gatewayLoadBalancerConfiguration: StackValidationPolicy = {
    name: "gateway-load-balancer-configuration",
    url: `${GUIDE}loadbalancerconfig/`,
    description:
        "Every Gateway the AWS Load Balancer Controller serves gets a LoadBalancerConfiguration (its own spec.infrastructure.parametersRef, or its GatewayClass's spec.parametersRef), the place to state its scheme, certificates and WAF. Without one it gets the controller's defaults: the --default-load-balancer-scheme (internal unless the release changes it), IPv4, no certificates, no WAF.",
    enforcementLevel: "advisory",
    severity: "low",
    configSchema: { properties: gatewaySchema },
    validateStack: (args, report) => {
        const stack = gatewayStackOf(args);
        if (stack.served.length === 0) args.notApplicable("the stack has no Gateway the controller serves");
        const scheme = controllerDefaultScheme(args);
        for (const gw of stack.served) {
            const ownRef = get(gw.resource.props, "spec", "infrastructure", "parametersRef");
            const classRef = get(gw.gatewayClass?.props, "spec", "parametersRef");
            if (ownRef !== undefined || classRef !== undefined) continue;
            const className = str(get(gw.resource.props, "spec", "gatewayClassName"));
            const classNote =
                gw.gatewayClass === undefined ? ` (unless GatewayClass ${className}, outside the stack, has one)` : "";
            report(
                `Gateway ${idOf(gw.resource)} has no LoadBalancerConfiguration${classNote}: the controller builds an ${scheme} ${gw.layer.toUpperCase()} with its defaults; attach one with spec.infrastructure.parametersRef (group gateway.k8s.aws, kind LoadBalancerConfiguration) that sets spec.scheme explicitly (the AlbGateway component does).`,
                gw.resource.urn,
            );
        }
    },
};

export const gatewayFeaturePolicies: StackValidationPolicy[] = [
    gatewayFeaturesSupported,
    gatewayFeaturesIgnored,
    gatewayLoadBalancerConfiguration,
];
