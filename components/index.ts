/** eks-alb-ingress: the AWS Load Balancer Controller on EKS, and applications served through ALB Ingresses. */
export { AlbIngressController } from "./controller/albIngressController";
export { crdProviderArgs } from "./controller/controllerCrds";
export { CERT_MANAGER_KUBERNETES, type KubernetesRange } from "./controller/kubernetesSupport";
export {
    type AlbIngressControllerArgs,
    type ResourceRequirementsArgs,
    type TolerationArgs,
    CONTROLLER_DEFAULTS,
    ControllerIdentity,
    TaintEffect,
    TolerationOperator,
    WebhookCertificates,
} from "./controller/controllerArgs";
export { type PolicyConditionArgs, PolicyEffect, type PolicyStatementArgs } from "./controller/iamPolicy";
export { InvalidArgumentsError } from "./common/validation";
export {
    CONTROLLER_VERSIONS,
    DEFAULT_CONTROLLER_VERSION,
    type ControllerRelease,
    findRelease,
} from "./controller/versions";
export { IngressApp, appUrl, ingressAnnotations } from "./app/ingressApp";
export {
    type HttpProbeArgs,
    type IngressAppArgs,
    type IngressAppValues,
    type IngressGroupArgs,
    INGRESS_APP_DEFAULTS,
    PathType,
    Scheme,
    TargetType,
} from "./app/ingressAppArgs";
export { isCidr } from "./app/resolveIngressAppArgs";
/** The controller's annotation catalogue, readings and rules (the `eks-alb-ingress-rules` package). */
export * from "eks-alb-ingress-rules";
