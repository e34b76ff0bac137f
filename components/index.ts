/** eks-alb-ingress: the AWS Load Balancer Controller on EKS, and applications served through ALB Ingresses. */
export { AlbIngressController } from "./albIngressController";
export { crdProviderArgs } from "./controllerCrds";
export { CERT_MANAGER_KUBERNETES, type KubernetesRange } from "./kubernetesSupport";
export {
    type AlbIngressControllerArgs,
    type ResourceRequirementsArgs,
    type TolerationArgs,
    CONTROLLER_DEFAULTS,
    ControllerIdentity,
    TaintEffect,
    TolerationOperator,
    WebhookCertificates,
} from "./controllerArgs";
export { type PolicyConditionArgs, PolicyEffect, type PolicyStatementArgs } from "./iamPolicy";
export { InvalidArgumentsError } from "./validation";
export { CONTROLLER_VERSIONS, DEFAULT_CONTROLLER_VERSION, type ControllerRelease, findRelease } from "./versions";
export { IngressApp, appUrl, ingressAnnotations } from "./ingressApp";
export {
    type HttpProbeArgs,
    type IngressAppArgs,
    type IngressAppValues,
    type IngressGroupArgs,
    INGRESS_APP_DEFAULTS,
    PathType,
    Scheme,
    TargetType,
} from "./ingressAppArgs";
export { isCidr } from "./resolveIngressAppArgs";
/** The controller's annotation catalogue, readings and rules (the `eks-alb-ingress-rules` package). */
export * from "eks-alb-ingress-rules";
