/** Policies over Ingress and Service objects meant for the AWS Load Balancer Controller. */
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { annotationProblem } from "eks-alb-ingress";
import {
    ALB_PREFIX,
    INGRESS_TYPES,
    SERVICE_TYPE,
    albAnnotation,
    annotationsOf,
    configOf,
    forTypes,
    get,
    hasCertificate,
    ingressClassSchema,
    isAlbIngress,
    listenersOf,
    schemeOf,
    str,
} from "./util";

const CLASS_DEFAULTS = { albIngressClasses: ["alb"] };
const albOnly = (args: ResourceValidationArgs): void => {
    if (!isAlbIngress(args.props, configOf(args, CLASS_DEFAULTS).albIngressClasses)) {
        args.notApplicable("the Ingress is not meant for the ALB");
    }
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
        "An Ingress meant for the ALB sets spec.ingressClassName. It does not use the deprecated kubernetes.io/ingress.class annotation.",
    enforcementLevel: "mandatory",
    severity: "medium",
    configSchema: { properties: ingressClassSchema },
    validateResource: forTypes(INGRESS_TYPES, (args, report) => {
        albOnly(args);
        const deprecated = str(annotationsOf(args.props)["kubernetes.io/ingress.class"]);
        if (deprecated !== undefined) {
            report(
                `Ingress uses the deprecated annotation kubernetes.io/ingress.class: ${deprecated}; remove it and set spec.ingressClassName: ${deprecated} instead.`,
            );
        }
        const className = get(args.props, "spec", "ingressClassName");
        if (className === undefined || className === null || className === "") {
            report("Ingress does not set spec.ingressClassName; set it to the controller's IngressClass (e.g. alb).");
        }
    }),
};

export const albAnnotationsKnown: ResourceValidationPolicy = {
    name: "alb-annotations-known",
    url: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/",
    description:
        "Every alb.ingress.kubernetes.io/* annotation on Ingresses and Services is one the AWS Load Balancer Controller knows, on an object that may carry it, with a well-formed value. The controller silently ignores unknown or malformed annotations.",
    enforcementLevel: "mandatory",
    severity: "medium",
    validateResource: forTypes([...INGRESS_TYPES, SERVICE_TYPE], (args, report) => {
        const kind = args.type === SERVICE_TYPE ? "Service" : "Ingress";
        for (const [name, value] of Object.entries(annotationsOf(args.props))) {
            if (!name.startsWith(ALB_PREFIX) || value === undefined) continue; // unknown during preview
            const problem = annotationProblem(name, value, kind);
            if (problem !== undefined) {
                report(`${kind} annotation ${name} ${problem}; fix or remove the annotation.`);
            }
        }
    }),
};

const internetFacing = (args: ResourceValidationArgs): void => {
    albOnly(args);
    if (schemeOf(args.props) !== "internet-facing") {
        args.notApplicable("the ALB is not internet-facing");
    }
};

export const albInternetFacingHttps: ResourceValidationPolicy = {
    name: "alb-internet-facing-https",
    url: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#ssl-redirect",
    description:
        "An internet-facing ALB has an HTTPS listener with a certificate (an ACM ARN, or TLS hosts for certificate discovery). It redirects HTTP to HTTPS.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: { properties: ingressClassSchema },
    validateResource: forTypes(INGRESS_TYPES, (args, report) => {
        internetFacing(args);
        const listeners = listenersOf(args.props);
        const https = listeners.some((l) => l.protocol === "HTTPS");
        const http = listeners.some((l) => l.protocol === "HTTP");
        if (!https) {
            report(
                `Internet-facing ALB has no HTTPS listener; add {"HTTPS": 443} to annotation ${ALB_PREFIX}listen-ports.`,
            );
        }
        if (!hasCertificate(args.props)) {
            report(
                `Internet-facing ALB has no certificate; set annotation ${ALB_PREFIX}certificate-arn to an ACM certificate ARN, or list hosts under spec.tls for certificate discovery.`,
            );
        }
        if (http && albAnnotation(args.props, "ssl-redirect") === undefined) {
            report(
                `Internet-facing ALB serves plain HTTP without a redirect; set annotation ${ALB_PREFIX}ssl-redirect: "443" (or drop the HTTP listener).`,
            );
        }
    }),
};

/** TLS 1.2+ ELB security policies. */
export const TLS12_POLICIES = [
    "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
    "ELBSecurityPolicy-TLS-1-2-2017-01",
    "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
    "ELBSecurityPolicy-FS-1-2-2019-08",
    "ELBSecurityPolicy-FS-1-2-Res-2019-08",
    "ELBSecurityPolicy-FS-1-2-Res-2020-10",
];

export const albTlsPolicy: ResourceValidationPolicy = {
    name: "alb-tls-policy",
    url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html",
    description:
        "HTTPS listeners name a TLS 1.2+ security policy from an allowed list. The controller's default policy (ELBSecurityPolicy-2016-08) still accepts TLS 1.0.",
    enforcementLevel: "advisory",
    severity: "medium",
    configSchema: {
        properties: {
            ...ingressClassSchema,
            allowedPolicies: {
                type: "array",
                items: { type: "string" },
                default: TLS12_POLICIES,
                description: "ELB security policies allowed on HTTPS listeners.",
            },
        },
    },
    validateResource: forTypes(INGRESS_TYPES, (args, report) => {
        albOnly(args);
        if (!listenersOf(args.props).some((l) => l.protocol === "HTTPS")) {
            args.notApplicable("the ALB has no HTTPS listener");
        }
        const { allowedPolicies } = configOf(args, { allowedPolicies: TLS12_POLICIES });
        const policy = albAnnotation(args.props, "ssl-policy");
        if (policy === undefined) {
            report(
                `HTTPS listener uses the controller's default TLS policy, which allows TLS 1.0; set annotation ${ALB_PREFIX}ssl-policy to one of ${allowedPolicies.join(", ")}.`,
            );
        } else if (!allowedPolicies.includes(policy)) {
            report(
                `Annotation ${ALB_PREFIX}ssl-policy is ${policy}, which is not an allowed TLS 1.2+ policy; use one of ${allowedPolicies.join(", ")}.`,
            );
        }
    }),
};

export const albWafInternetFacing: ResourceValidationPolicy = {
    name: "alb-waf-internet-facing",
    url: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#wafv2-acl-arn",
    description: "An internet-facing ALB is protected by an AWS WAFv2 web ACL.",
    enforcementLevel: "advisory",
    severity: "medium",
    configSchema: { properties: ingressClassSchema },
    validateResource: forTypes(INGRESS_TYPES, (args, report) => {
        internetFacing(args);
        if (
            albAnnotation(args.props, "wafv2-acl-arn") === undefined &&
            albAnnotation(args.props, "wafv2-acl-name") === undefined
        ) {
            report(
                `Internet-facing ALB has no WAF; set annotation ${ALB_PREFIX}wafv2-acl-arn to the ARN of a regional WAFv2 web ACL.`,
            );
        }
    }),
};

export const ingressPolicies: ResourceValidationPolicy[] = [
    ingressNetworkingV1,
    albIngressClassName,
    albAnnotationsKnown,
    albInternetFacingHttps,
    albTlsPolicy,
    albWafInternetFacing,
];
