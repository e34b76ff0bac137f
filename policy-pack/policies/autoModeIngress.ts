/**
 * Stack policy: Ingresses served by EKS Auto Mode's load balancing (IngressClass `spec.controller:
 * eks.amazonaws.com/alb`) carry no setting Auto Mode does not support, by the package's table of
 * auto-configure-alb.adoc (eks-alb-ingress-rules autoMode.ts).
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import {
    AUTO_MODE_ALB_CONTROLLER,
    autoModeAnnotationProblem,
    autoModeIngressClassAnnotationProblem,
    autoModeIngressClassParamsProblems,
} from "eks-alb-ingress-rules";
import { controllerView } from "./albModel";
import { INGRESS_TYPES, annotationsOf, configOf, get, str } from "./util";

const INGRESS_CLASS_TYPE = "kubernetes:networking.k8s.io/v1:IngressClass";
const PARAMS_TYPE = "kubernetes:eks.amazonaws.com/v1:IngressClassParams";

const autoModeSchema = {
    autoModeIngressClasses: {
        type: "array" as const,
        items: { type: "string" as const },
        default: [] as string[],
        description: "Names of IngressClasses outside the stack served by EKS Auto Mode (eks.amazonaws.com/alb).",
    },
};

const nameOf = (r: PolicyResource): string => str(get(r.props, "metadata", "name")) ?? r.name;
const idOf = (r: PolicyResource): string => `${str(get(r.props, "metadata", "namespace")) || "default"}/${nameOf(r)}`;

export const autoModeIngressAnnotations: StackValidationPolicy = {
    name: "automode-ingress-annotations",
    url: "https://docs.aws.amazon.com/eks/latest/userguide/auto-configure-alb.html",
    description:
        "Ingresses of an EKS Auto Mode IngressClass (controller eks.amazonaws.com/alb), Auto Mode IngressClasses and their IngressClassParams use only settings Auto Mode supports: no group.name, WAF Classic, Shield or listener-attributes annotations, no kubernetes.io/ingress.class, no annotations on the class, no certificateArn or listeners in the params. Auto Mode does not apply them.",
    enforcementLevel: "mandatory",
    severity: "medium",
    configSchema: { properties: autoModeSchema },
    validateStack: (args, report) => {
        const { autoModeIngressClasses } = configOf(args, { autoModeIngressClasses: [] as string[] });
        const view = controllerView(args.resources, []);
        const isAutoMode = (name: string | undefined) =>
            name !== undefined &&
            (view.classes.get(name)?.controller === AUTO_MODE_ALB_CONTROLLER || autoModeIngressClasses.includes(name));
        const classes = args.resources.filter(
            (r) =>
                r.type === INGRESS_CLASS_TYPE && str(get(r.props, "spec", "controller")) === AUTO_MODE_ALB_CONTROLLER,
        );
        const params = args.resources.filter((r) => r.type === PARAMS_TYPE);
        const ingresses = args.resources.filter(
            (r) =>
                INGRESS_TYPES.includes(r.type) &&
                isAutoMode(str(get(r.props, "spec", "ingressClassName")) ?? view.defaultClass),
        );
        if (classes.length + params.length + ingresses.length === 0) {
            args.notApplicable("the stack has no EKS Auto Mode IngressClass or Ingress");
        }
        for (const ing of ingresses) {
            for (const key of Object.keys(annotationsOf(ing.props))) {
                const p = autoModeAnnotationProblem(key);
                if (p) report(`Ingress ${idOf(ing)} (EKS Auto Mode class) annotation ${key} ${p}.`, ing.urn);
            }
        }
        for (const c of classes) {
            for (const key of Object.keys(annotationsOf(c.props))) {
                const p = autoModeIngressClassAnnotationProblem(key);
                if (p) report(`IngressClass ${nameOf(c)} annotation ${key} ${p}.`, c.urn);
            }
        }
        for (const p of params) {
            for (const f of autoModeIngressClassParamsProblems(get(p.props, "spec"))) {
                report(`IngressClassParams ${nameOf(p)} ${f.path} ${f.message}.`, p.urn);
            }
        }
    },
};
