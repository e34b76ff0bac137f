/**
 * `AutoModeIngressClass`: an IngressClass served by EKS Auto Mode's load balancing and its IngressClassParams.
 * No Helm release and no IAM: Auto Mode runs the controller (awsdocs/amazon-eks-user-guide
 * `latest/ug/automode/auto-configure-alb.adoc`, steps 1 and 2).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
    AUTO_MODE_ALB_CONTROLLER,
    AUTO_MODE_PARAMS_API_GROUP,
    AUTO_MODE_PARAMS_API_VERSION,
    AUTO_MODE_PARAMS_KIND,
} from "eks-alb-ingress-rules";
import {
    type AutoModeIngressClassArgs,
    DEFAULT_CLASS_ANNOTATION,
    type ResolvedAutoModeIngressClassArgs,
} from "./autoModeIngressClassArgs";
import { resolveAutoModeIngressClassArgs } from "./resolveAutoModeIngressClassArgs";
import { childName } from "../common/naming";
import { componentDependencies } from "../common/options";

/** `{ key, value }` entries of a map, as IngressClassParams lists tags and attributes. */
const keyValues = <T>(map: Readonly<Record<string, T>>) =>
    Object.keys(map).length === 0 ? undefined : Object.entries(map).map(([key, value]) => ({ key, value }));

/** The IngressClassParams `spec`: only the fields set, under the names `eks.amazonaws.com/v1` uses. */
export function ingressClassParamsSpec(a: ResolvedAutoModeIngressClassArgs): Record<string, unknown> {
    const spec: Record<string, unknown> = {
        scheme: a.scheme,
        group: a.group && { name: a.group.name },
        certificateARNs: a.certificateArns,
        subnets: a.subnetIds && { ids: a.subnetIds },
        ipAddressType: a.ipAddressType,
        tags: keyValues(a.tags),
        loadBalancerAttributes: keyValues(a.loadBalancerAttributes),
        namespaceSelector: a.namespaceSelector && { matchLabels: a.namespaceSelector.matchLabels },
    };
    return Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined));
}

/**
 * An IngressClass with `spec.controller: eks.amazonaws.com/alb` whose `spec.parameters` name its
 * `eks.amazonaws.com/v1` IngressClassParams (cluster-scoped, same name). Pass `ingressClassName` to an
 * `IngressApp` (with `autoMode: true`): it resolves once the class exists, so the app is created after the class
 * and deleted before it.
 */
export class AutoModeIngressClass extends pulumi.ComponentResource {
    /** The Pulumi type token. */
    public static readonly __pulumiType = "eks-alb-ingress:index:AutoModeIngressClass";

    /** Name of the IngressClass; set it as `spec.ingressClassName` (carries the dependency on the class). */
    public readonly ingressClassName: pulumi.Output<string>;
    /** Name of the IngressClassParams. */
    public readonly ingressClassParamsName: pulumi.Output<string>;

    constructor(name: string, args?: AutoModeIngressClassArgs, opts?: pulumi.ComponentResourceOptions) {
        const a = resolveAutoModeIngressClassArgs(name, args); // throws before anything is registered
        super(AutoModeIngressClass.__pulumiType, name, {}, opts);
        const child = { parent: this, dependsOn: [...componentDependencies(opts), ...a.deployTimeChecks] };
        const labels = { "app.kubernetes.io/managed-by": "pulumi" };

        const params = new k8s.apiextensions.CustomResource(
            childName(name, "ingressClassParams"),
            {
                apiVersion: AUTO_MODE_PARAMS_API_VERSION,
                kind: AUTO_MODE_PARAMS_KIND,
                metadata: { name: a.ingressClassName, labels },
                spec: ingressClassParamsSpec(a),
            },
            child,
        );
        const ingressClass = new k8s.networking.v1.IngressClass(
            childName(name, "ingressClass"),
            {
                metadata: {
                    name: a.ingressClassName,
                    labels,
                    annotations: a.isDefault ? { [DEFAULT_CLASS_ANNOTATION]: "true" } : undefined,
                },
                spec: {
                    controller: AUTO_MODE_ALB_CONTROLLER,
                    parameters: {
                        apiGroup: AUTO_MODE_PARAMS_API_GROUP,
                        kind: AUTO_MODE_PARAMS_KIND,
                        name: params.metadata.name,
                    },
                },
            },
            child,
        );

        this.ingressClassName = ingressClass.metadata.name;
        this.ingressClassParamsName = params.metadata.name;
        this.registerOutputs({
            ingressClassName: this.ingressClassName,
            ingressClassParamsName: this.ingressClassParamsName,
        });
    }
}
