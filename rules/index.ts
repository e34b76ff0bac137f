/**
 * eks-alb-ingress-rules: the AWS Load Balancer Controller's annotation catalogue and its readings of Ingress
 * annotations and fields, as its own parsers and model builders read them. Pure TypeScript without Pulumi, shared by
 * the `eks-alb-ingress` components and the `eks-alb-ingress-guard` policy pack.
 */
export {
    ALB_PREFIX,
    ANNOTATIONS,
    type AnnotationSpec,
    annotationProblem,
    findAnnotation,
    parseListenPorts,
    parseStringMap,
} from "./annotations";
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
} from "./annotationValues";
export { type Decoded, type GoType, decodeGo } from "./ingressJsonTypes";
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
} from "./ingressRules";
export {
    actionProblem,
    conditionProblem,
    mutualAuthenticationProblem,
    successCodesProblem,
    transformProblem,
} from "./ingressBackendRules";
export { GROUP_ORDER } from "./ingressRuleTables";
export {
    AUTO_MODE_ALB_CONTROLLER,
    AUTO_MODE_PARAMS_API_GROUP,
    AUTO_MODE_PARAMS_API_VERSION,
    AUTO_MODE_PARAMS_CHANGED,
    AUTO_MODE_PARAMS_FIELDS,
    AUTO_MODE_PARAMS_KIND,
    AUTO_MODE_UNSUPPORTED_INGRESS_ANNOTATIONS,
    type AutoModeUnsupported,
    type AutoModeFieldProblem,
    autoModeAnnotationProblem,
    autoModeIngressClassAnnotationProblem,
    autoModeIngressClassParamsProblems,
    autoModeTargetGroupBindingProblems,
} from "./autoMode";
export {
    ALB_GATEWAY_CONTROLLER,
    CONTROLLER_CRD_GROUP,
    GATEWAY_API_GROUP,
    type GatewayLayer,
    type GatewayRouteKind,
    NLB_GATEWAY_CONTROLLER,
} from "./gatewayTables";
export { gatewayClassProblems, gatewayLayerOf, gatewayProblems, routeLayerOf, routeProblems } from "./gatewayRules";
export { loadBalancerConfigurationProblems, targetGroupConfigurationProblems } from "./gatewayConfigRules";
export {
    type GatewayConfigs,
    type ParentRefView,
    attachedListeners,
    attachmentProblems,
    listenerConfigurationProblems,
    parentRefsOf,
    refersTo,
} from "./gatewayAttachment";
