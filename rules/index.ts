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
