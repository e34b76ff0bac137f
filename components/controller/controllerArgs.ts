/**
 * Arguments of {@link AlbIngressController} and their defaults. `resolveControllerArgs.ts` checks them and fills
 * the defaults in; construction code only ever sees {@link ResolvedControllerArgs}.
 */
import type * as eks from "@pulumi/eks";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { PolicyStatementArgs } from "./iamPolicy";
import { CONTROLLER_CHART, type ControllerRelease, DEFAULT_CONTROLLER_VERSION } from "./versions";

/** How the controller gets AWS credentials. */
export const ControllerIdentity = {
    /** IAM Roles for Service Accounts: a role trusted through the cluster's IAM OIDC provider. */
    Irsa: "irsa",
    /** EKS Pod Identity: a role trusted by `pods.eks.amazonaws.com` and a PodIdentityAssociation. */
    PodIdentity: "podIdentity",
} as const;
/** How the controller gets AWS credentials. */
export type ControllerIdentity = (typeof ControllerIdentity)[keyof typeof ControllerIdentity];

/** Where the controller's admission webhook gets its TLS certificate. */
export const WebhookCertificates = {
    /** cert-manager issues and renews it (the chart's `enableCertManager`). */
    CertManager: "certManager",
    /** A CA and serving certificate generated once with `@pulumi/tls` and passed as the chart's `webhookTLS`. */
    SelfSigned: "selfSigned",
} as const;
/** Where the controller's admission webhook gets its TLS certificate. */
export type WebhookCertificates = (typeof WebhookCertificates)[keyof typeof WebhookCertificates];

/** Compute resources of the controller container. */
export interface ResourceRequirementsArgs {
    /**
     * Requested resources, e.g. `{ cpu: "100m", memory: "128Mi" }`.
     * @default - none
     */
    readonly requests?: Record<string, string>;
    /**
     * Resource limits, e.g. `{ memory: "512Mi" }`.
     * @default - none
     */
    readonly limits?: Record<string, string>;
}

/** Operator of a toleration. */
export const TolerationOperator = { Equal: "Equal", Exists: "Exists" } as const;
/** Operator of a toleration. */
export type TolerationOperator = (typeof TolerationOperator)[keyof typeof TolerationOperator];

/** Effect of a taint. */
export const TaintEffect = {
    NoSchedule: "NoSchedule",
    PreferNoSchedule: "PreferNoSchedule",
    NoExecute: "NoExecute",
} as const;
/** Effect of a taint. */
export type TaintEffect = (typeof TaintEffect)[keyof typeof TaintEffect];

/** A toleration of the controller pods. */
export interface TolerationArgs {
    /**
     * Taint key; empty with `operator: "Exists"` tolerates every taint.
     * @default - none
     */
    readonly key?: string;
    /**
     * `Equal` or `Exists`.
     * @default "Equal"
     */
    readonly operator?: TolerationOperator;
    /**
     * Taint value, with `operator: "Equal"`.
     * @default - none
     */
    readonly value?: string;
    /**
     * Taint effect to tolerate: `NoSchedule`, `PreferNoSchedule` or `NoExecute`; empty tolerates all.
     * @default - none
     */
    readonly effect?: TaintEffect;
    /**
     * With `NoExecute`, how long the pod stays bound after the taint appears.
     * @default - forever
     */
    readonly tolerationSeconds?: number;
}

/** Arguments of {@link AlbIngressController}. */
export interface AlbIngressControllerArgs {
    /**
     * An `@pulumi/eks` cluster. Supplies `clusterName`, `vpcId` and (for IRSA) the cluster's IAM OIDC provider,
     * which must then have been created with `createOidcProvider: true`. Explicit arguments win over it.
     * @default - none: give `clusterName` and `vpcId`
     */
    readonly cluster?: eks.Cluster;
    /**
     * Name of the EKS cluster (the chart's `clusterName`); subnet discovery and resource tags depend on it.
     * @default - the name of `cluster`
     */
    readonly clusterName?: pulumi.Input<string>;
    /**
     * The cluster's VPC (the chart's `vpcId`), so that the controller never needs instance metadata.
     * @default - the VPC of `cluster`
     */
    readonly vpcId?: pulumi.Input<string>;
    /**
     * AWS region of the cluster (the chart's `region`).
     * @default - the region of the AWS provider in use
     */
    readonly region?: pulumi.Input<string>;
    /**
     * Controller release, as upstream tags it (`v2.7.0` … `v3.5.0`). Selects the chart version, the image tag
     * and the IAM policy together.
     * @default "v3.5.0" (the newest release in the version matrix)
     * @see https://github.com/kubernetes-sigs/aws-load-balancer-controller/releases
     */
    readonly version?: string;
    /**
     * The cluster's Kubernetes version (`"1.33"`, or `"1.33.4"`), when known. With it the component refuses a
     * cert-manager it would install that does not support the cluster (cert-manager v1.21: Kubernetes 1.33 –
     * 1.36). The stack program passes it for new clusters and from `aws.eks.getCluster` for existing ones.
     * @default - unknown: not checked
     */
    readonly kubernetesVersion?: string;
    /**
     * Whether `pulumi destroy` deletes the controller's CustomResourceDefinitions. Deleting a CRD deletes every
     * object of its kind in the cluster (TargetGroupBindings, IngressClassParams, …), so they are kept by default
     * (`retainOnDelete`); the destroy plan lists them as retained.
     * @default false
     */
    readonly deleteCrdsOnDestroy?: boolean;
    /**
     * The Kubernetes provider the controller's CRDs are applied with. To adopt CRDs that already exist (every
     * cluster where the chart was installed with Helm), pass a provider for the same cluster with
     * `crdProviderArgs` (`upsertExistingObjects` and server-side apply); with the component's own provider, an
     * existing CRD fails to create with AlreadyExists unless it is imported.
     * @default - the component's `kubernetes` provider
     */
    readonly crdProvider?: k8s.Provider;
    /**
     * Serve the Kubernetes Gateway API with ALBs (controller v3.0.0 or newer): the Gateway API standard CRDs v1.6.0
     * are applied beside the controller's own (same rules: one resource each, before the release, adopted with
     * `crdProvider`, kept on destroy unless `deleteCrdsOnDestroy`), the chart's feature gate `ALBGatewayAPI` is
     * turned on, and a GatewayClass `gatewayClassName` (controller `gateway.k8s.aws/alb`) is created once the
     * controller is ready. Turning it on later updates the release in place; turning it off deletes the
     * GatewayClass (delete every Gateway of the class first: the controller keeps its finalizer while Gateways
     * use it) and leaves the Gateway API CRDs in the cluster unless `deleteCrdsOnDestroy`.
     * @default false
     * @see https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/gateway/gateway/
     */
    readonly gatewayApi?: boolean;
    /**
     * Name of the GatewayClass created with `gatewayApi` (a DNS-1123 subdomain); pass the output `gatewayClassName`
     * to `AlbGateway`. Only with `gatewayApi: true`.
     * @default "alb"
     */
    readonly gatewayClassName?: string;
    /**
     * How the controller gets AWS credentials: `"irsa"` (IAM OIDC provider, role, annotated ServiceAccount)
     * or `"podIdentity"` (role trusted by `pods.eks.amazonaws.com` and a PodIdentityAssociation; the cluster
     * needs the `eks-pod-identity-agent` add-on).
     * @default "irsa"
     */
    readonly identity?: ControllerIdentity;
    /**
     * ARN of an existing IAM OIDC provider of the cluster, reused for IRSA. Excludes `oidcIssuerUrl`.
     * @default - the provider of `cluster`, or one created from `oidcIssuerUrl`
     */
    readonly oidcProviderArn?: pulumi.Input<string>;
    /**
     * The cluster's OIDC issuer URL (`https://oidc.eks.<region>.amazonaws.com/id/<id>`); an IAM OIDC provider
     * with client id `sts.amazonaws.com` is created for it. Excludes `oidcProviderArn`. The provider serves every
     * IRSA workload of the cluster, so `pulumi destroy` keeps it (`retainOnDelete`) unless
     * `deleteOidcProviderOnDestroy` is true.
     * @default - none
     */
    readonly oidcIssuerUrl?: pulumi.Input<string>;
    /**
     * Whether `pulumi destroy` deletes the IAM OIDC provider created from `oidcIssuerUrl`. Other IRSA workloads of
     * the cluster may trust it, so it is kept by default; a provider this component did not create is never deleted.
     * @default false
     */
    readonly deleteOidcProviderOnDestroy?: boolean;
    /**
     * Namespace of the controller. It must exist unless `createNamespace` is true. Changing it reinstalls the
     * controller: the old release is uninstalled before the new one is installed (its IngressClass, ClusterRoles and
     * webhook configurations cannot belong to two releases), so the webhooks are away for that time; Ingresses keep
     * their ALBs.
     * @default "kube-system"
     */
    readonly namespace?: string;
    /**
     * Create `namespace` as a child of this component.
     * @default false
     */
    readonly createNamespace?: boolean;
    /**
     * Name of the controller's ServiceAccount; the IAM trust policy names exactly this account.
     * @default "aws-load-balancer-controller"
     */
    readonly serviceAccountName?: string;
    /**
     * Where the admission webhook's TLS certificate comes from: `"certManager"` (as the upstream runbook) or
     * `"selfSigned"` (generated once with `@pulumi/tls`, so updates never regenerate it; no cert-manager).
     * Switching reinstalls the controller release (uninstall, then install) in one `pulumi up`.
     * @default "certManager"
     */
    readonly webhookCertificates?: WebhookCertificates;
    /**
     * With `webhookCertificates: "certManager"`, install cert-manager (chart v1.21.1, CRDs included) as a
     * child; set false when the cluster already runs cert-manager.
     * @default true
     */
    readonly installCertManager?: boolean;
    /**
     * Namespace cert-manager is installed into (created by the release). Changing it uninstalls cert-manager before
     * installing it again; its CRDs are kept and still name the old namespace, so re-point them first (README).
     * @default "cert-manager"
     */
    readonly certManagerNamespace?: string;
    /**
     * Controller replicas (the chart's `replicaCount`). With more than one, a PodDisruptionBudget of
     * `maxUnavailable: 1` keeps the webhook serving through node drains.
     * @default 2
     */
    readonly replicas?: number;
    /**
     * Compute resources of the controller container.
     * @default { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "512Mi" } }
     */
    readonly resources?: ResourceRequirementsArgs;
    /**
     * Node selector of the controller pods.
     * @default - none
     */
    readonly nodeSelector?: Record<string, string>;
    /**
     * Tolerations of the controller pods.
     * @default - none
     */
    readonly tolerations?: TolerationArgs[];
    /**
     * Name of the IngressClass the chart creates and the controller serves (`--ingress-class`).
     * @default "alb"
     */
    readonly ingressClass?: string;
    /**
     * Mark the IngressClass as the cluster's default.
     * @default false
     */
    readonly defaultIngressClass?: boolean;
    /**
     * Turn on the chart's Service mutator webhook, which makes the controller take over every new
     * `type: LoadBalancer` Service (as an internal NLB) and, with its `Fail` policy, blocks creating any Service
     * while the controller is down. Off by default: this package is about Ingresses.
     * @default false
     */
    readonly serviceMutatorWebhook?: boolean;
    /**
     * Statements appended to the upstream controller policy, e.g. `wafv2:ListWebACLs` for the
     * `wafv2-acl-name` annotation.
     * @default - none
     */
    readonly additionalPolicyStatements?: PolicyStatementArgs[];
    /**
     * ARN of a permissions boundary for the controller's role.
     * @default - none
     */
    readonly permissionsBoundary?: pulumi.Input<string>;
    /**
     * Tags for the AWS resources this component creates (IAM role, policy, OIDC provider, association).
     * @default - none
     */
    readonly tags?: Record<string, string>;
    /**
     * Extra values for the controller chart, deep-merged over the component's (a `podDisruptionBudget` replaces
     * the component's `{ maxUnavailable: 1 }` whole). Keys must exist in the chart's `values.yaml`; keys that an
     * argument above controls are refused (use the argument).
     * @default - none
     * @see https://github.com/aws/eks-charts/blob/master/stable/aws-load-balancer-controller/values.yaml
     */
    readonly helmValues?: { [key: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    /**
     * Where the controller chart is fetched from, e.g. a mirror for clusters without internet access: an
     * `https://` (or `http://`) Helm chart repository that serves an `index.yaml`, or an `oci://` registry path
     * that holds the chart, without the chart name (`oci://123456789012.dkr.ecr.us-west-2.amazonaws.com/charts`
     * installs `oci://…/charts/aws-load-balancer-controller` at the chart version of `version`).
     * @default "https://aws.github.io/eks-charts"
     */
    readonly chartRepository?: string;
    /**
     * How long Helm waits for the controller (and cert-manager) to be ready, in seconds.
     * @default 600
     */
    readonly releaseTimeoutSeconds?: number;
}

/** Every argument name, for catching misspelled ones. */
export const ARGUMENT_NAMES: readonly (keyof AlbIngressControllerArgs)[] = [
    "cluster",
    "clusterName",
    "vpcId",
    "region",
    "version",
    "kubernetesVersion",
    "deleteCrdsOnDestroy",
    "crdProvider",
    "gatewayApi",
    "gatewayClassName",
    "identity",
    "oidcProviderArn",
    "oidcIssuerUrl",
    "deleteOidcProviderOnDestroy",
    "namespace",
    "createNamespace",
    "serviceAccountName",
    "webhookCertificates",
    "installCertManager",
    "certManagerNamespace",
    "replicas",
    "resources",
    "nodeSelector",
    "tolerations",
    "ingressClass",
    "defaultIngressClass",
    "serviceMutatorWebhook",
    "additionalPolicyStatements",
    "permissionsBoundary",
    "tags",
    "helmValues",
    "chartRepository",
    "releaseTimeoutSeconds",
];

/** Chart values that an argument controls, and that argument: `helmValues` may not set them. */
export const WIRED_VALUES: Readonly<Record<string, string>> = {
    clusterName: "clusterName",
    region: "region",
    vpcId: "vpcId",
    serviceAccount: "serviceAccountName",
    enableCertManager: "webhookCertificates",
    webhookTLS: "webhookCertificates",
    nameOverride: "(none: the webhook certificate names the fixed webhook Service)",
    replicaCount: "replicas",
    resources: "resources",
    nodeSelector: "nodeSelector",
    tolerations: "tolerations",
    ingressClass: "ingressClass",
    ingressClassConfig: "defaultIngressClass",
    enableServiceMutatorWebhook: "serviceMutatorWebhook",
    "image.tag": "version",
};

/** {@link AlbIngressControllerArgs} checked, with every default filled in. */
export interface ResolvedControllerArgs {
    readonly release: ControllerRelease;
    /** `major.minor` of `kubernetesVersion`, when given. */
    readonly kubernetesVersion?: string;
    readonly deleteCrdsOnDestroy: boolean;
    readonly crdProvider?: k8s.Provider;
    /** The GatewayClass to create with the Gateway API on; `undefined` when `gatewayApi` is off. */
    readonly gatewayClassName?: string;
    readonly clusterName: pulumi.Output<string>;
    readonly vpcId: pulumi.Output<string>;
    readonly region?: pulumi.Output<string>;
    readonly identity: ControllerIdentity;
    readonly oidc:
        | { readonly kind: "arn"; readonly arn: pulumi.Output<string> }
        | { readonly kind: "issuerUrl"; readonly url: pulumi.Output<string>; readonly deleteOnDestroy: boolean }
        | { readonly kind: "cluster"; readonly arn: pulumi.Output<string> }
        | { readonly kind: "none" };
    readonly namespace: string;
    readonly createNamespace: boolean;
    readonly serviceAccountName: string;
    readonly webhookCertificates: WebhookCertificates;
    readonly installCertManager: boolean;
    readonly certManagerNamespace: string;
    readonly replicas: number;
    readonly resources: ResourceRequirementsArgs;
    readonly nodeSelector: Record<string, string>;
    readonly tolerations: TolerationArgs[];
    readonly ingressClass: string;
    readonly defaultIngressClass: boolean;
    readonly serviceMutatorWebhook: boolean;
    readonly additionalPolicyStatements: PolicyStatementArgs[];
    readonly permissionsBoundary?: pulumi.Output<string>;
    readonly tags: Record<string, string>;
    readonly helmValues: Record<string, unknown>;
    readonly chartRepository: string;
    readonly releaseTimeoutSeconds: number;
}

/** The defaults of every optional argument that has one. */
export const CONTROLLER_DEFAULTS = {
    version: DEFAULT_CONTROLLER_VERSION,
    deleteCrdsOnDestroy: false,
    gatewayApi: false,
    gatewayClassName: "alb",
    identity: ControllerIdentity.Irsa,
    namespace: "kube-system",
    createNamespace: false,
    serviceAccountName: "aws-load-balancer-controller",
    webhookCertificates: WebhookCertificates.CertManager,
    installCertManager: true,
    certManagerNamespace: "cert-manager",
    replicas: 2,
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "512Mi" } },
    ingressClass: "alb",
    defaultIngressClass: false,
    serviceMutatorWebhook: false,
    chartRepository: CONTROLLER_CHART.repository,
    releaseTimeoutSeconds: 600,
} as const;
