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

/** Indexes the stack's Services by `namespace/name`, once per validation (stacks hold thousands of resources). */
function servicesByName(args: StackValidationArgs): Map<string, PolicyResource> {
    const index = new Map<string, PolicyResource>();
    for (const r of args.resources) if (r.type === SERVICE_TYPE) index.set(`${nsOf(r)}/${nameOf(r)}`, r);
    return index;
}

/** The Services of the stack an Ingress routes to. */
function routedServices(services: Map<string, PolicyResource>, ingress: PolicyResource): PolicyResource[] {
    return backendServices(ingress.props).flatMap((name) => services.get(`${nsOf(ingress)}/${name}`) ?? []);
}

export const albTargetTypeService: StackValidationPolicy = {
    name: "alb-target-type-service",
    url: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#target-type",
    description:
        "For every ALB Ingress backend in the stack, instance targets (set by annotation on the Ingress or the Service, or the controller's default) require a NodePort or LoadBalancer Service. The controller cannot register a ClusterIP Service as instance targets.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: { properties: ingressClassSchema },
    validateStack: (args, report) => {
        const services = servicesByName(args);
        for (const ingress of albIngresses(args)) {
            for (const svc of routedServices(services, ingress)) {
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
    return waitsForAny([to])(from);
}

/**
 * A test for "waits for one of `targets`" (directly, through a parent, or transitively), memoized over the
 * whole stack so that checking every Ingress and Service stays linear in the size of the graph.
 */
export function waitsForAny(targets: readonly PolicyResource[]): (r: PolicyResource) => boolean {
    const goal = new Set(targets.map((t) => t.urn));
    const memo = new Map<string, boolean>();
    const visit = (r: PolicyResource): boolean => {
        const known = memo.get(r.urn);
        if (known !== undefined) return known;
        memo.set(r.urn, false); // a cycle does not reach the goal through itself
        const next = [...(r.dependencies ?? []), ...(r.parent ? [r.parent] : [])];
        const result = next.some((n) => goal.has(n.urn) || visit(n));
        memo.set(r.urn, result);
        return result;
    };
    return visit;
}

export const albIngressAfterController: StackValidationPolicy = {
    name: "alb-ingress-after-controller",
    url: "https://github.com/kubernetes-sigs/aws-load-balancer-controller/issues/4140",
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
        const services = servicesByName(args);
        const afterRelease = waitsForAny(releases);
        for (const ingress of albIngresses(args)) {
            for (const r of [ingress, ...routedServices(services, ingress)]) {
                if (reported.has(r.urn) || afterRelease(r)) continue;
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
    url: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#ingressgroup",
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
            // Members that share a group.order and a host/path: bucket by both, so large groups stay linear.
            const buckets = new Map<string, PolicyResource[]>();
            for (const m of members) {
                const order = albAnnotation(m.props, "group.order") ?? "0";
                for (const route of new Set(routesOf(m.props))) {
                    const key = `${order}\u0000${route}`;
                    buckets.set(key, [...(buckets.get(key) ?? []), m]);
                }
            }
            const clashes = new Map<
                string,
                { a: PolicyResource; b: PolicyResource; order: string; routes: string[] }
            >();
            for (const [key, list] of buckets) {
                const [order, route] = key.split("\u0000");
                for (let j = 1; j < list.length; j++) {
                    const pair = `${list[0].urn} ${list[j].urn}`;
                    const clash = clashes.get(pair) ?? { a: list[0], b: list[j], order, routes: [] };
                    clash.routes.push(route);
                    clashes.set(pair, clash);
                }
            }
            for (const { a, b, order, routes } of clashes.values()) {
                report(
                    `Ingresses ${nameOf(a)} and ${nameOf(b)} of IngressGroup ${group} both have group.order ${order} and route ${routes.join(", ")}; give them different ${ALB_PREFIX}group.order values.`,
                    b.urn,
                );
            }
        }
    },
};

export const stackPolicies: StackValidationPolicy[] = [
    albTargetTypeService,
    albIngressAfterController,
    albGroupConsistent,
];
