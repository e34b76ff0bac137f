/** Stack policies: relations between Ingresses, their Services and the controller's release. */
import type { PolicyResource, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { albsOf, type Member } from "./albModel";
import { albGroupConsistent } from "./group";

export { albGroupConsistent };
import { isControllerRelease } from "./release";
import { ALB_PREFIX, SERVICE_TYPE, albAnnotation, arr, get, ingressClassSchema, str } from "./util";

const nsOf = (r: PolicyResource): string => str(get(r.props, "metadata", "namespace")) ?? "default";
const nameOf = (r: PolicyResource): string => str(get(r.props, "metadata", "name")) ?? r.name;

/** The Ingresses the controller serves (albModel.ts `classify`). */
const albIngresses = (args: StackValidationArgs): PolicyResource[] =>
    [...albsOf(args).albs.values()].flat().map((m) => m.resource);

/** The backend Service names of an Ingress (networking.k8s.io/v1 and the v1beta1 shapes). */
export function backendServices(props: unknown): string[] {
    const backends = [
        get(props, "spec", "defaultBackend"),
        get(props, "spec", "backend"),
        ...arr(get(props, "spec", "rules")).flatMap((rule) =>
            arr(get(rule, "http", "paths")).map((p) => get(p, "backend")),
        ),
    ];
    // A `use-annotation` port names an actions.<name> annotation, not a Service (model_build_actions.go).
    const names = backends
        .filter(
            (b) =>
                str(get(b, "service", "port", "name")) !== "use-annotation" &&
                get(b, "servicePort") !== "use-annotation",
        )
        .map((b) => str(get(b, "service", "name")) ?? str(get(b, "serviceName")));
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

/**
 * The target type of one backend (`model_build_target_group.go` `buildTargetGroupTargetType`): the Service's
 * annotation, else the Ingress's (`algorithm.MergeStringMap(svc.Annotations, ing.Annotations)` keeps the first),
 * else the controller's `--default-target-type` (chart value `defaultTargetType`; `ip` on EKS Auto Mode); an
 * IngressClassParams `targetType` overrides all of them.
 */
function targetTypeOf(m: Member, svc: PolicyResource, defaultTargetType: string): string {
    const fromParams = str(get(m.params, "targetType"));
    if (fromParams) return fromParams;
    return (
        albAnnotation(svc.props, "target-type") ??
        albAnnotation(m.resource.props, "target-type") ??
        (m.autoMode ? "ip" : defaultTargetType)
    );
}

export const albTargetTypeService: StackValidationPolicy = {
    name: "alb-target-type-service",
    url: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#target-type",
    description:
        "For every ALB Ingress backend in the stack, instance targets (set by IngressClassParams, by annotation on the Service or the Ingress, or by the controller's default) require a NodePort or LoadBalancer Service. The controller cannot register a ClusterIP Service as instance targets.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: { properties: ingressClassSchema },
    validateStack: (args, report) => {
        const services = servicesByName(args);
        const { view, albs } = albsOf(args);
        if (albs.size === 0) args.notApplicable("the stack has no Ingress the controller serves");
        for (const m of [...albs.values()].flat()) {
            const ingress = m.resource;
            for (const svc of routedServices(services, ingress)) {
                const target = targetTypeOf(m, svc, view.defaultTargetType);
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
        const releases = args.resources.filter(isControllerRelease);
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

export const stackPolicies: StackValidationPolicy[] = [
    albTargetTypeService,
    albIngressAfterController,
    albGroupConsistent,
];
