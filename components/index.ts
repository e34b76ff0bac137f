/** eks-alb-ingress: the AWS Load Balancer Controller on EKS, and applications served through ALB Ingresses. */
export { AlbIngressController } from "./albIngressController";
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
    type IngressGroupArgs,
    INGRESS_APP_DEFAULTS,
    PathType,
    Scheme,
    TargetType,
} from "./ingressAppArgs";
export { isCidr } from "./resolveIngressAppArgs";
export {
    ALB_PREFIX,
    ANNOTATIONS,
    type AnnotationSpec,
    annotationProblem,
    findAnnotation,
    parseListenPorts,
    parseStringMap,
} from "./annotations";
