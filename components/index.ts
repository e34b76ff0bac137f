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
export {
    ALB_PREFIX,
    ANNOTATIONS,
    type AnnotationSpec,
    annotationProblem,
    findAnnotation,
    parseListenPorts,
    parseStringMap,
} from "eks-alb-ingress-rules";
export {
    GO_BOOLEANS,
    JsonNumber,
    type JsonValue,
    type ListenPort,
    type Reading,
    readBool,
    readCidr,
    readInt,
    readIntOrString,
    readJson,
    readListenPorts,
    readStringList,
    readStringMap,
    splitKeyValuePairs,
} from "eks-alb-ingress-rules";
export { type Decoded, type GoType, decodeGo } from "eks-alb-ingress-rules";
export {
    type BackendView,
    type IngressView,
    type PathView,
    type RuleEffect,
    type RuleProblem,
    type ServiceView,
    certificateArnProblem,
    groupNameProblem,
    ingressRuleProblems,
    isDualStack,
    listenPortsOf,
    loadBalancerNameProblem,
    tagProblem,
    wafv2AclArnProblem,
} from "eks-alb-ingress-rules";
export {
    actionProblem,
    conditionProblem,
    mutualAuthenticationProblem,
    successCodesProblem,
    transformProblem,
} from "eks-alb-ingress-rules";
