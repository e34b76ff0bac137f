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
    type GatewayRefArgs,
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
export { AutoModeIngressClass } from "./automode/autoModeIngressClass";
export {
    type AutoModeIngressClassArgs,
    type AutoModeIngressGroupArgs,
    AutoModeIpAddressType,
    type NamespaceSelectorArgs,
} from "./automode/autoModeIngressClassArgs";
export { AlbGateway } from "./gateway/albGateway";
export {
    type AlbGatewayArgs,
    ALB_GATEWAY_DEFAULTS,
    GATEWAY_LISTENERS,
    GatewayIpAddressType,
    RouteNamespaces,
} from "./gateway/albGatewayArgs";
export {
    ALB_GATEWAY_CONTROLLER,
    GATEWAY_API_VERSION,
    MIN_GATEWAY_CONTROLLER_VERSION,
    lbcApiVersion,
} from "./gateway/gatewayApi";
/** The controller's annotation catalogue, readings and rules (the `eks-alb-ingress-rules` package). */
export * from "eks-alb-ingress-rules";
