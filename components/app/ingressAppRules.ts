/**
 * The controller's rules (ingressRules.ts) applied to the Ingress an {@link IngressApp} writes, with each problem
 * named by the argument that caused it: what the AWS Load Balancer Controller would reject at reconcile time is
 * refused at construction, before anything is registered.
 */
import {
    ALB_PREFIX,
    annotationProblem,
    findAnnotation,
    type IngressView,
    ingressRuleProblems,
} from "eks-alb-ingress-rules";
import { ingressAnnotations } from "./ingressAnnotations";
import { ANNOTATION_ARGUMENTS, type ResolvedIngressAppValues } from "./ingressAppArgs";
import { isDeferred } from "./ingressAppInputs";
import type { Problems } from "../common/validation";

/**
 * Checks the app's own `annotations`: known to the controller, well-formed as its parser reads them, not one an
 * argument sets, and not one the controller would ignore on this Ingress. The app's Ingress routes every path
 * to its own Service (named like the app) by port number, so `actions.*` (read only for a backend port named
 * `use-annotation`: `enhanced_backend_builder.go` `Build`) and `conditions.*` / `transforms.*` /
 * `target-control-port.*` of another Service never apply. A value known only at deploy time is checked then; its
 * key is checked now.
 */
export function appAnnotationProblems(problems: Problems, name: string, annotations: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(annotations)) {
        const arg = `annotations["${key}"]`;
        const suffix = key.slice(ALB_PREFIX.length);
        const argument = ANNOTATION_ARGUMENTS[suffix];
        if (key.startsWith(ALB_PREFIX) && argument !== undefined) {
            problems.add(arg, `is set by the component; use the argument ${argument} instead`);
        } else if (key === "kubernetes.io/ingress.class") {
            problems.add(arg, "is deprecated; the Ingress sets spec.ingressClassName (argument ingressClassName)");
        } else if (key.startsWith(ALB_PREFIX) && suffix.startsWith("actions.")) {
            problems.add(
                arg,
                "has no effect: the app's Ingress routes to its Service by port number, and the controller reads actions.* only for a backend port named use-annotation",
            );
        } else if (
            key.startsWith(ALB_PREFIX) &&
            /^(conditions|transforms|target-control-port)\./.test(suffix) &&
            suffix.split(".")[1] !== name
        ) {
            problems.add(
                arg,
                `has no effect: it applies to Service ${JSON.stringify(suffix.split(".")[1])}, but the app's Ingress routes only to Service ${JSON.stringify(name)}`,
            );
        } else if (!isDeferred(value)) {
            problems.check(arg, value, (v) => annotationProblem(key, v, "Ingress"));
        } else if (key.startsWith(ALB_PREFIX) && !findAnnotation(key)?.location.split(",").includes("Ingress")) {
            // Unknown to the controller or not read on an Ingress, whatever the value: the name is the problem.
            problems.check(arg, "", (v) => annotationProblem(key, v, "Ingress"));
        }
    }
}

/** The parts of the app's Ingress the controller's rules read. */
export function appIngressView(name: string, a: ResolvedIngressAppValues): IngressView {
    return {
        annotations: ingressAnnotations(a),
        rules: [
            {
                host: a.host,
                paths: [
                    { path: a.path, pathType: a.pathType, backend: { serviceName: name, servicePort: a.servicePort } },
                ],
            },
        ],
        services: { [name]: { ports: [{ name: "http", port: a.servicePort, targetPort: "http" }] } },
    };
}

/** The argument behind an annotation or Ingress field of the app's Ingress. */
function argumentOf(key: string, a: ResolvedIngressAppValues): string {
    if (key.startsWith("spec.rules[0].host")) return "host";
    if (key.startsWith("spec.rules[0].http.paths[0].path")) return "path";
    const argument = ANNOTATION_ARGUMENTS[key.slice(ALB_PREFIX.length)];
    return argument !== undefined && a.annotations[key] === undefined ? argument : `annotations["${key}"]`;
}

/** Adds every controller rule the app's Ingress breaks, named by the argument that caused it. */
export function ingressRuleArgProblems(problems: Problems, name: string, a: ResolvedIngressAppValues): void {
    for (const p of ingressRuleProblems(appIngressView(name, a))) {
        const argument = argumentOf(p.key, a);
        const via = argument.startsWith("annotations[") || p.key.startsWith("spec.") ? "" : ` (annotation ${p.key})`;
        const effect =
            p.effect === "rejected"
                ? "the AWS Load Balancer Controller would reject the Ingress"
                : "the controller would ignore it";
        problems.add(argument, `${p.message}${via}: ${effect} (${p.source})`);
    }
}
