/** Stack policies: relations between Ingresses, their Services and the controller's release. */
import type { PolicyResource, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { ANNOTATIONS } from "eks-alb-ingress";
import { isControllerChart } from "./release";
import {
    ALB_PREFIX,
    INGRESS_TYPES,
    RELEASE_TYPE,
    SERVICE_TYPE,
    albAnnotation,
    annotationsOf,
    arr,
    configOf,
    get,
    ingressClassSchema,
    isAlbIngress,
    str,
} from "./util";

const nsOf = (r: PolicyResource): string => str(get(r.props, "metadata", "namespace")) ?? "default";
const nameOf = (r: PolicyResource): string => str(get(r.props, "metadata", "name")) ?? r.name;

function albIngresses(args: StackValidationArgs): PolicyResource[] {
    const { albIngressClasses } = configOf(args, { albIngressClasses: ["alb"] });
    return args.resources.filter((r) => INGRESS_TYPES.includes(r.type) && isAlbIngress(r.props, albIngressClasses));
}

/** The backend Service names of an Ingress (networking.k8s.io/v1 and the v1beta1 shapes). */
export function backendServices(props: unknown): string[] {
    const backends = [
        get(props, "spec", "defaultBackend"),
        get(props, "spec", "backend"),
        ...arr(get(props, "spec", "rules")).flatMap((rule) =>
            arr(get(rule, "http", "paths")).map((p) => get(p, "backend")),
        ),
    ];
    const names = backends.map((b) => str(get(b, "service", "name")) ?? str(get(b, "serviceName")));
    return [...new Set(names.filter((n): n is string => n !== undefined))];
}

/** The Services of the stack an Ingress routes to. */
function routedServices(args: StackValidationArgs, ingress: PolicyResource): PolicyResource[] {
    const names = backendServices(ingress.props);
    return args.resources.filter(
        (r) => r.type === SERVICE_TYPE && nsOf(r) === nsOf(ingress) && names.includes(nameOf(r)),
    );
}

export const albTargetTypeService: StackValidationPolicy = {
    name: "alb-target-type-service",
    description:
        "For every ALB Ingress backend in the stack, instance targets (set by annotation on the Ingress or the Service, or the controller's default) require a NodePort or LoadBalancer Service. The controller cannot register a ClusterIP Service as instance targets.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: { properties: ingressClassSchema },
    validateStack: (args, report) => {
        for (const ingress of albIngresses(args)) {
            for (const svc of routedServices(args, ingress)) {
                const target =
                    albAnnotation(svc.props, "target-type") ??
                    albAnnotation(ingress.props, "target-type") ??
                    "instance";
                const type = str(get(svc.props, "spec", "type")) ?? "ClusterIP";
                if (target === "instance" && type !== "NodePort" && type !== "LoadBalancer") {
                    report(
                        `Ingress ${nameOf(ingress)} routes to Service ${nameOf(svc)} (type ${type}) with instance targets; set the Service's spec.type to NodePort, or annotate ${ALB_PREFIX}target-type: ip.`,
                        ingress.urn,
                    );
                }
            }
        }
    },
};

/** True when `from` waits for `to`: directly, through a parent, or transitively. */
export function waitsFor(from: PolicyResource, to: PolicyResource): boolean {
    const seen = new Set<string>();
    const stack: PolicyResource[] = [from];
    while (stack.length > 0) {
        const r = stack.pop()!;
        if (seen.has(r.urn)) continue;
        seen.add(r.urn);
        for (const next of [...(r.dependencies ?? []), ...(r.parent ? [r.parent] : [])]) {
            if (next.urn === to.urn) return true;
            stack.push(next);
        }
    }
    return false;
}

export const albIngressAfterController: StackValidationPolicy = {
    name: "alb-ingress-after-controller",
    description:
        "When the stack holds the AWS Load Balancer Controller's release, every ALB Ingress and every Service it routes to depends on that release (directly, through a parent, or transitively). Creation then waits for the controller's webhook, and destruction removes the ALB before the controller.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: { properties: ingressClassSchema },
    validateStack: (args, report) => {
        const releases = args.resources.filter((r) => r.type === RELEASE_TYPE && isControllerChart(r.props.chart));
        if (releases.length === 0) {
            args.notApplicable("the stack does not install the controller");
        }
        const reported = new Set<string>();
        for (const ingress of albIngresses(args)) {
            for (const r of [ingress, ...routedServices(args, ingress)]) {
                if (reported.has(r.urn) || releases.some((rel) => waitsFor(r, rel))) continue;
                reported.add(r.urn);
                const kind =
                    r.type === SERVICE_TYPE
                        ? `Service ${nameOf(r)} (backend of Ingress ${nameOf(ingress)})`
                        : `Ingress ${nameOf(r)}`;
                report(
                    `${kind} does not depend on the controller's release ${releases[0].name}; add dependsOn: [<the release or the AlbIngressController>] so that it is created after the webhook is ready and deleted before the controller.`,
                    r.urn,
                );
            }
        }
    },
};

const EXCLUSIVE = ANNOTATIONS.filter((a) => a.mergeBehavior === "exclusive" && !a.pattern).map((a) => a.name);

/** `host path` pairs an Ingress routes. */
const routesOf = (props: unknown): string[] =>
    arr(get(props, "spec", "rules")).flatMap((rule) =>
        arr(get(rule, "http", "paths")).map((p) => `${str(get(rule, "host")) ?? "*"} ${str(get(p, "path")) ?? "/"}`),
    );

export const albGroupConsistent: StackValidationPolicy = {
    name: "alb-group-consistent",
    description:
        "Ingresses of one IngressGroup agree on the controller's exclusive settings (scheme, ip-address-type, load-balancer-name, subnets, security-groups, WAF, Shield and the others). No two of them share a group.order while routing the same host and path, because the rule order between them would be undefined.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: { properties: ingressClassSchema },
    validateStack: (args, report) => {
        const groups = new Map<string, PolicyResource[]>();
        for (const ing of albIngresses(args)) {
            const group = albAnnotation(ing.props, "group.name");
            if (group !== undefined) groups.set(group, [...(groups.get(group) ?? []), ing]);
        }
        for (const [group, members] of groups) {
            for (const key of EXCLUSIVE) {
                const set = members.filter((m) => typeof annotationsOf(m.props)[key] === "string");
                const values = new Set(set.map((m) => annotationsOf(m.props)[key]));
                if (values.size > 1) {
                    report(
                        `IngressGroup ${group} disagrees on ${key} (${set.map((m) => `${nameOf(m)}=${String(annotationsOf(m.props)[key])}`).join(", ")}); set the same value on every member, or on one only.`,
                        set[0].urn,
                    );
                }
            }
            for (let i = 0; i < members.length; i++) {
                for (let j = i + 1; j < members.length; j++) {
                    const [a, b] = [members[i], members[j]];
                    const order = albAnnotation(a.props, "group.order") ?? "0";
                    if (order !== (albAnnotation(b.props, "group.order") ?? "0")) continue;
                    const shared = routesOf(a.props).filter((r) => routesOf(b.props).includes(r));
                    if (shared.length > 0) {
                        report(
                            `Ingresses ${nameOf(a)} and ${nameOf(b)} of IngressGroup ${group} both have group.order ${order} and route ${shared.join(", ")}; give them different ${ALB_PREFIX}group.order values.`,
                            b.urn,
                        );
                    }
                }
            }
        }
    },
};

export const stackPolicies: StackValidationPolicy[] = [
    albTargetTypeService,
    albIngressAfterController,
    albGroupConsistent,
];
