/**
 * `AlbIngressController`: the AWS Load Balancer Controller on an EKS cluster, with everything the manual
 * runbook does by hand — OIDC provider, the release's IAM policy, role and ServiceAccount (IRSA or Pod
 * Identity), webhook certificates, and the Helm release, in an order that keeps each step's prerequisites.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { createWebhookCertificates, createWebhookSecretOwnership } from "./certificates";
import { createControllerCrds } from "./controllerCrds";
import type { AlbIngressControllerArgs } from "./controllerArgs";
import { resolveControllerArgs } from "./resolveControllerArgs";
import { createControllerPolicy } from "./iamPolicy";
import { createIdentity } from "./identity";
import { childName } from "../common/naming";
import { componentDependencies } from "../common/options";
import { resolveOidcProvider } from "./oidc";
import { controllerValues, createControllerRelease } from "./release";
import { createGatewayClass } from "../gateway/gatewayClass";

/**
 * Installs the AWS Load Balancer Controller. Pass the AWS and Kubernetes providers of the target account and
 * cluster through `opts.providers`. A resource with `dependsOn: controller` waits until the controller's
 * webhook serves, and is deleted before the controller is uninstalled.
 */
export class AlbIngressController extends pulumi.ComponentResource {
    /** The Pulumi type token. */
    public static readonly __pulumiType = "eks-alb-ingress:index:AlbIngressController";

    /** ARN of the controller's IAM role. */
    public readonly roleArn: pulumi.Output<string>;
    /** Name of the controller's IAM role (attach further policies to it). */
    public readonly roleName: pulumi.Output<string>;
    /** ARN of the controller's IAM policy (the upstream policy of `version`). */
    public readonly policyArn: pulumi.Output<string>;
    /** ARN of the IAM OIDC provider used for IRSA; `undefined` with Pod Identity. */
    public readonly oidcProviderArn: pulumi.Output<string | undefined>;
    /** Name of the controller's ServiceAccount. */
    public readonly serviceAccountName: pulumi.Output<string>;
    /** Namespace of the controller. */
    public readonly namespace: pulumi.Output<string>;
    /** Name of the IngressClass the controller serves; set it as `spec.ingressClassName`. */
    public readonly ingressClassName: pulumi.Output<string>;
    /** Name of the Helm release. */
    public readonly releaseName: pulumi.Output<string>;
    /** The controller chart version installed. */
    public readonly chartVersion: pulumi.Output<string>;
    /** The controller release installed (`vX.Y.Z`). */
    public readonly controllerVersion: pulumi.Output<string>;
    /**
     * Name of the GatewayClass for ALB Gateways (pass it to `AlbGateway`); resolves once the class exists, which is
     * after the release is ready. `""` unless `gatewayApi` (an `AlbGateway` given it is refused).
     */
    public readonly gatewayClassName: pulumi.Output<string>;
    /** The controller's Helm release: ready once its webhook serves. */
    public readonly release: k8s.helm.v3.Release;
    /**
     * The chart's CustomResourceDefinitions of `version`, applied before the release (which skips its `crds/`);
     * kept on destroy unless `deleteCrdsOnDestroy`.
     */
    public readonly crds: k8s.apiextensions.v1.CustomResourceDefinition[];

    constructor(name: string, args: AlbIngressControllerArgs, opts?: pulumi.ComponentResourceOptions) {
        const a = resolveControllerArgs(name, args); // throws before anything is registered
        super(
            AlbIngressController.__pulumiType,
            name,
            { version: a.release.controllerVersion, identity: a.identity, webhookCertificates: a.webhookCertificates },
            opts,
        );
        const child = { parent: this };

        const partition = aws.getPartitionOutput({}, child).partition;
        const region = a.region ?? aws.getRegionOutput({}, child).region;

        const oidc = resolveOidcProvider(name, a, child);
        // The CRDs of `version` first: the IAM policy and the release follow them, so a CRD update the API server
        // refuses (a downgrade dropping a stored version) stops the upgrade before either changes.
        this.crds = createControllerCrds(
            name,
            {
                release: a.release,
                deleteOnDestroy: a.deleteCrdsOnDestroy,
                provider: a.crdProvider,
                gatewayApi: a.gatewayClassName !== undefined,
            },
            child,
        );
        const policy = createControllerPolicy(
            name,
            { release: a.release, partition, extraStatements: a.additionalPolicyStatements, tags: a.tags },
            { ...child, dependsOn: this.crds },
        );
        const namespace = a.createNamespace
            ? new k8s.core.v1.Namespace(childName(name, "namespace"), { metadata: { name: a.namespace } }, child)
            : undefined;
        const identity = createIdentity(name, a, oidc, policy, { ...child, dependsOn: namespace ? [namespace] : [] });
        const certificates = createWebhookCertificates(name, a, child);

        const values = controllerValues(a, {
            clusterName: a.clusterName,
            region,
            vpcId: a.vpcId,
            certificateValues: certificates.values,
        });
        this.release = createControllerRelease(name, a, values, {
            ...child,
            dependsOn: [
                ...componentDependencies(opts),
                ...this.crds,
                identity.serviceAccount,
                identity.attachment,
                ...(identity.podIdentityAssociation ? [identity.podIdentityAssociation] : []),
                ...(oidc?.resource ? [oidc.resource] : []),
                ...certificates.dependsOn,
            ],
        });
        createWebhookSecretOwnership(name, a, { ...child, dependsOn: [this.release] });
        // After the release; and on the CRDs directly, so that with the Gateway API turned off again (and
        // deleteCrdsOnDestroy) the class is deleted before its CRD although the release between them stays.
        const gatewayClass =
            a.gatewayClassName === undefined
                ? undefined
                : createGatewayClass(name, a.gatewayClassName, { ...child, dependsOn: [this.release, ...this.crds] });

        this.roleArn = identity.role.arn;
        this.roleName = identity.role.name;
        this.policyArn = policy.arn;
        this.oidcProviderArn = oidc ? oidc.arn : pulumi.output(undefined);
        this.serviceAccountName = identity.serviceAccount.metadata.name;
        this.namespace = pulumi.output(a.namespace);
        // Resolves only once the release is ready, so anything using the class name waits for the webhook.
        this.ingressClassName = this.release.status.apply(() => a.ingressClass);
        // The class's own output: anything that takes it waits for the class, and so for the release.
        this.gatewayClassName = gatewayClass ? gatewayClass.metadata.name : pulumi.output("");
        this.releaseName = this.release.name;
        this.chartVersion = pulumi.output(a.release.chartVersion);
        this.controllerVersion = pulumi.output(a.release.controllerVersion);
        this.registerOutputs({
            roleArn: this.roleArn,
            roleName: this.roleName,
            policyArn: this.policyArn,
            oidcProviderArn: this.oidcProviderArn,
            serviceAccountName: this.serviceAccountName,
            namespace: this.namespace,
            ingressClassName: this.ingressClassName,
            gatewayClassName: this.gatewayClassName,
            releaseName: this.releaseName,
            chartVersion: this.chartVersion,
            controllerVersion: this.controllerVersion,
            release: this.release,
        });
    }
}
