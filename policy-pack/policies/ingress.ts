/** Policies over one Ingress or Service object meant for the AWS Load Balancer Controller. */
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { type BackendView, type IngressView, annotationProblem, ingressRuleProblems } from "eks-alb-ingress-rules";
import { classify, controllerView } from "./albModel";
import {
    ALB_PREFIX,
    INGRESS_TYPES,
    SERVICE_TYPE,
    annotationsOf,
    arr,
    configOf,
    forTypes,
    get,
    ingressClassSchema,
    isObj,
    str,
} from "./util";

const CLASS_DEFAULTS = { albIngressClasses: ["alb"] };
/** The controller serves this Ingress (its class, as far as one object shows it: albModel.ts `classify`). */
const isServed = (args: ResourceValidationArgs): boolean =>
    classify(args.props, controllerView([], configOf(args, CLASS_DEFAULTS).albIngressClasses)).served;
const albOnly = (args: ResourceValidationArgs): void => {
    if (!isServed(args)) args.notApplicable("the Ingress is not meant for the ALB");
};

export const ingressNetworkingV1: ResourceValidationPolicy = {
    name: "ingress-networking-v1",
    url: "https://kubernetes.io/docs/reference/using-api/deprecation-guide/#ingress-v122",
    description:
        "Ingress objects use the networking.k8s.io/v1 API. The extensions/v1beta1 and networking.k8s.io/v1beta1 Ingress APIs were removed in Kubernetes 1.22.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: forTypes(INGRESS_TYPES, (args, report) => {
        if (args.type !== "kubernetes:networking.k8s.io/v1:Ingress") {
            const apiVersion = args.type.split(":")[1];
            report(
                `Ingress uses the removed API ${apiVersion}; change apiVersion to networking.k8s.io/v1 (k8s.networking.v1.Ingress) and move backends to backend.service.name/port.number with a pathType.`,
            );
        }
    }),
};

export const albIngressClassName: ResourceValidationPolicy = {
    name: "alb-ingress-class-name",
    url: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/ingress_class/",
    description:
        "An Ingress meant for the ALB names its class in spec.ingressClassName. The deprecated kubernetes.io/ingress.class annotation still works (the controller reads it first), so this is advice. An Ingress with neither is served only where the cluster has a default IngressClass for the ALB.",
    enforcementLevel: "advisory",
    severity: "low",
    configSchema: { properties: ingressClassSchema },
    validateResource: forTypes(INGRESS_TYPES, (args, report) => {
        albOnly(args);
        const deprecated = str(annotationsOf(args.props)["kubernetes.io/ingress.class"]);
        const className = get(args.props, "spec", "ingressClassName");
        if (deprecated !== undefined) {
            report(
                `Ingress uses the deprecated annotation kubernetes.io/ingress.class: ${deprecated} (the controller still honours it); remove it and set spec.ingressClassName: ${deprecated} instead.`,
            );
        } else if (className === undefined || className === null || className === "") {
            report(
                "Ingress sets no class: the controller serves it only where the cluster has a default IngressClass for the ALB; set spec.ingressClassName (e.g. alb).",
            );
        }
    }),
};

/**
 * `target-control-port.<service>.<port>` is also read on the backend Service: the controller parses it from the
 * Service's and the Ingress's annotations merged (`model_build_target_group.go` `buildTargetGroupTargetControlPort`),
 * although the catalogue lists it for Ingresses only.
 */
const ALSO_ON_SERVICE = `${ALB_PREFIX}target-control-port.`;

/** What the controller rejects in one annotation of an object of `kind` (rules/annotations.ts), or `undefined`. */
function annotationProblemOf(name: string, value: unknown, kind: "Ingress" | "Service"): string | undefined {
    return annotationProblem(name, value, kind === "Service" && name.startsWith(ALSO_ON_SERVICE) ? "Ingress" : kind);
}

/** The networking.k8s.io/v1 (or v1beta1) backend of an Ingress path, as the component's rules read it. */
function backendView(b: unknown): BackendView | undefined {
    const serviceName = str(get(b, "service", "name")) ?? str(get(b, "serviceName"));
    if (serviceName === undefined) return undefined;
    const port = get(b, "service", "port", "number") ?? get(b, "service", "port", "name") ?? get(b, "servicePort");
    return { serviceName, servicePort: typeof port === "number" || typeof port === "string" ? port : undefined };
}

/** The Ingress as `ingressRuleProblems` reads it (string annotations only; Services unknown to a resource policy). */
function ingressView(props: unknown): IngressView {
    const annotations = Object.fromEntries(
        Object.entries(annotationsOf(props)).filter((e): e is [string, string] => typeof e[1] === "string"),
    );
    const rules = arr(get(props, "spec", "rules")).map((r) => ({
        host: str(get(r, "host")),
        paths: arr(get(r, "http", "paths")).flatMap((p) => {
            const backend = backendView(get(p, "backend"));
            return backend ? [{ path: str(get(p, "path")), pathType: str(get(p, "pathType")), backend }] : [];
        }),
    }));
    const defaultBackend = backendView(get(props, "spec", "defaultBackend") ?? get(props, "spec", "backend"));
    return { annotations, rules, defaultBackend };
}

/**
 * The backends of an Ingress that name no Service (a `resource` backend): the controller builds every path's backend
 * and the default backend (`model_build_listener_rules.go`, `model_build_listener.go`) and fails on these with
 * `missing required "service" field` (`enhanced_backend_builder.go` `Build`).
 */
function backendsWithoutService(props: unknown): string[] {
    const at = (key: string, b: unknown) => (isObj(b) && backendView(b) === undefined ? [key] : []);
    return [
        ...at("spec.defaultBackend", get(props, "spec", "defaultBackend")),
        ...at("spec.backend", get(props, "spec", "backend")),
        ...arr(get(props, "spec", "rules")).flatMap((r, i) =>
            arr(get(r, "http", "paths")).flatMap((p, j) =>
                at(`spec.rules[${i}].http.paths[${j}].backend`, get(p, "backend")),
            ),
        ),
    ];
}

/**
 * Rules that depend on the other members of an IngressGroup or on IngressClassParams, which one Ingress does not
 * show; alb-group-consistent judges them over the whole stack.
 */
const GROUP_LEVEL_KEYS = new Set([`${ALB_PREFIX}ssl-redirect`]);

export const albAnnotationsKnown: ResourceValidationPolicy = {
    name: "alb-annotations-known",
    url: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/",
    description:
        "Every alb.ingress.kubernetes.io/* annotation on Ingresses and Services is one the AWS Load Balancer Controller knows, on an object that may carry it, with a value the controller accepts, and an ALB Ingress breaks none of the rules the controller or the ELBv2 API enforce at reconcile time. The controller ignores unknown annotations and fails to reconcile the others, leaving the Ingress without status.",
    enforcementLevel: "mandatory",
    severity: "medium",
    configSchema: { properties: ingressClassSchema },
    validateResource: forTypes([...INGRESS_TYPES, SERVICE_TYPE], (args, report) => {
        const kind = args.type === SERVICE_TYPE ? "Service" : "Ingress";
        for (const [name, value] of Object.entries(annotationsOf(args.props))) {
            if (!name.startsWith(ALB_PREFIX) || value === undefined) continue; // unknown during preview
            const problem = annotationProblemOf(name, value, kind);
            if (problem !== undefined) {
                report(`${kind} annotation ${name} ${problem}; fix or remove the annotation.`);
            }
        }
        if (kind === "Service" || !isServed(args)) return;
        const withoutService = backendsWithoutService(args.props);
        for (const key of withoutService) {
            report(
                `Ingress ${key} names no Service; the controller would fail to reconcile the Ingress (enhanced_backend_builder.go Build: missing required "service" field).`,
            );
        }
        // The controller stops at that backend; the rules below would also number the other paths without it.
        if (withoutService.length > 0) return;
        // What the controller rejects at reconcile time (defect 11): the component's rules, for any Ingress.
        for (const p of ingressRuleProblems(ingressView(args.props))) {
            if (p.effect !== "rejected" || GROUP_LEVEL_KEYS.has(p.key)) continue;
            report(`Ingress ${p.key} ${p.message}; the controller would fail to reconcile the Ingress (${p.source}).`);
        }
    }),
};

export const ingressPolicies: ResourceValidationPolicy[] = [
    ingressNetworkingV1,
    albIngressClassName,
    albAnnotationsKnown,
];
