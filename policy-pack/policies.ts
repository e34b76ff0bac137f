/** Every policy of the pack, in the order of issue 4; handed to the `PolicyPack` by `index.ts`. */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { albPolicies } from "./policies/alb";
import { autoModeIngressAnnotations } from "./policies/autoModeIngress";
import { gatewayFeaturePolicies } from "./policies/gatewayFeatures";
import { gatewayInternetFacingHttps } from "./policies/gatewayHttps";
import { gatewayRoutePolicies } from "./policies/gatewayRoutes";
import { iamPolicies } from "./policies/iam";
import { ingressPolicies } from "./policies/ingress";
import { releasePolicies } from "./policies/release";
import { stackPolicies } from "./policies/stack";
import { workloadPolicies } from "./policies/workloads";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
    ...ingressPolicies,
    ...albPolicies,
    ...iamPolicies,
    ...releasePolicies,
    ...workloadPolicies,
    ...stackPolicies,
    ...gatewayRoutePolicies,
    ...gatewayFeaturePolicies,
    gatewayInternetFacingHttps,
    autoModeIngressAnnotations,
];
