/**
 * The providers' replace-on-change rules for the types this project registers: which input paths force a
 * replacement instead of an in-place update, and whether the provider itself asks for delete-before-replace.
 * A custom resource whose type is not in this table makes the step fail loudly (the world does not guess).
 */

/** How a provider diffs one type. */
export interface ReplaceRule {
    /**
     * Input paths (dotted, as the SDK sends inputs) whose change forces a replacement; `"*"`: every input.
     * A changed path matches when it equals a key or lies below it.
     */
    readonly replaceKeys: readonly string[];
    /** With `"*"`: the inputs that update in place. */
    readonly updatable?: readonly string[];
    /** Where the rule comes from (repository, file, function). */
    readonly source: string;
}

const TF_AWS = "hashicorp/terraform-provider-aws";
const TF_TLS = "hashicorp/terraform-provider-tls";
const K8S_DIFF =
    "pulumi/pulumi-kubernetes provider/pkg/provider/provider.go (kubeProvider.Diff) + diff.go (forceNewProperties)";

/** Rules of the Terraform-bridged and native providers, by Pulumi type token. */
const RULES: Readonly<Record<string, ReplaceRule>> = {
    // ForceNew: description, name, name_prefix, path; `policy` updates in place (CreatePolicyVersion).
    "aws:iam/policy:Policy": {
        replaceKeys: ["description", "name", "namePrefix", "path"],
        source: `${TF_AWS} internal/service/iam/policy.go (resourcePolicy schema; resourcePolicyUpdate)`,
    },
    // ForceNew: name, name_prefix, path; assume_role_policy, description, permissions_boundary, tags update.
    "aws:iam/role:Role": {
        replaceKeys: ["name", "namePrefix", "path"],
        source: `${TF_AWS} internal/service/iam/role.go (resourceRole schema)`,
    },
    // Both arguments ForceNew; the resource has no Update.
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
        replaceKeys: ["role", "policyArn"],
        source: `${TF_AWS} internal/service/iam/role_policy_attachment.go (ResourceRolePolicyAttachment schema)`,
    },
    // url ForceNew; client_id_list (Add/RemoveClientID…OpenIDConnectProvider since PR #37612, 2024),
    // thumbprint_list and tags update.
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider": {
        replaceKeys: ["url"],
        source: `${TF_AWS} internal/service/iam/openid_connect_provider.go (ResourceOpenIDConnectProvider schema)`,
    },
    // cluster_name, namespace, service_account RequiresReplace; role_arn, target_role_arn, tags update.
    "aws:eks/podIdentityAssociation:PodIdentityAssociation": {
        replaceKeys: ["clusterName", "namespace", "serviceAccount"],
        source: `${TF_AWS} internal/service/eks/pod_identity_association.go (podIdentityAssociationResource.Schema)`,
    },
    // addon_name and cluster_name ForceNew; addon_version, configuration_values update.
    "aws:eks/addon:Addon": {
        replaceKeys: ["addonName", "clusterName"],
        source: `${TF_AWS} internal/service/eks/addon.go (resourceAddon schema)`,
    },
    // terraform-provider-tls (plugin framework): every argument has RequiresReplace (PEM inputs through
    // requireReplaceIfStateContainsPEMString) except early_renewal_hours.
    "tls:index/privateKey:PrivateKey": {
        replaceKeys: ["*"],
        source: `${TF_TLS} internal/provider/resource_private_key.go`,
    },
    "tls:index/selfSignedCert:SelfSignedCert": {
        replaceKeys: ["*"],
        updatable: ["earlyRenewalHours"],
        source: `${TF_TLS} internal/provider/resource_self_signed_cert.go`,
    },
    "tls:index/certRequest:CertRequest": {
        replaceKeys: ["*"],
        source: `${TF_TLS} internal/provider/resource_cert_request.go`,
    },
    "tls:index/locallySignedCert:LocallySignedCert": {
        replaceKeys: ["*"],
        updatable: ["earlyRenewalHours"],
        source: `${TF_TLS} internal/provider/resource_locally_signed_cert.go`,
    },
    // forceNewFields .name and .namespace; DeleteBeforeReplace is always false ("TODO: revisit this").
    "kubernetes:helm.sh/v3:Release": {
        replaceKeys: ["name", "namespace"],
        source: "pulumi/pulumi-kubernetes provider/pkg/provider/helm_release.go (helmReleaseProvider.Diff)",
    },
    // DiffConfig replaces the provider (and so every resource it manages) when the active cluster changes: the
    // `cluster`/`context` inputs, or the active cluster of `kubeconfig` (diff.ts compares its server).
    "pulumi:providers:kubernetes": {
        replaceKeys: ["cluster", "context"],
        source: "pulumi/pulumi-kubernetes provider/pkg/provider/provider.go (kubeProvider.DiffConfig)",
    },
};

/** Kind-specific immutable fields (pulumi-kubernetes diff.go `forceNew`), beyond metadata.name/namespace. */
const LABEL_SELECTOR = ["spec.selector"];
const KIND_FIELDS: Readonly<Record<string, readonly string[]>> = {
    "apps/v1/Deployment": LABEL_SELECTOR,
    "apps/v1/DaemonSet": LABEL_SELECTOR,
    "apps/v1/StatefulSet": [
        ...LABEL_SELECTOR,
        "spec.podManagementPolicy",
        "spec.revisionHistoryLimit",
        "spec.serviceName",
        "spec.volumeClaimTemplates",
    ],
    "batch/v1/Job": [...LABEL_SELECTOR, "spec.completions", "spec.parallelism", "spec.template"],
    "v1/Service": ["spec.clusterIP"],
    "v1/Secret": ["type", "stringData", "data"], // Secrets are immutable unless enableSecretMutable
    "v1/ConfigMap": ["binaryData", "data"], // so are ConfigMaps unless enableConfigMapMutable
    "v1/PersistentVolumeClaim": ["spec.accessModes", "spec.selector", "spec.storageClassName", "spec.volumeName"],
    "rbac.authorization.k8s.io/v1/ClusterRoleBinding": ["roleRef"],
    "rbac.authorization.k8s.io/v1/RoleBinding": ["roleRef"],
    "storage.k8s.io/v1/StorageClass": ["parameters", "provisioner"],
};

/** `<apiVersion>/<kind>` of a `kubernetes:<group>/<version>:<Kind>` type token (core group: `v1/<Kind>`). */
export function kubernetesKind(type: string): { apiVersion: string; kind: string } | undefined {
    const m = /^kubernetes:([^:]+):([^:]+)$/.exec(type);
    // the SDK's own resources: helm.sh/v3 Release and Chart, helm.sh/v4 Chart, yaml(/v2), kustomize(/v2)
    if (!m || /^(helm\.sh|yaml|kustomize)(\/|$)/.test(m[1])) return undefined;
    const apiVersion = m[1].startsWith("core/") ? m[1].slice("core/".length) : m[1];
    return { apiVersion, kind: m[2] };
}

/** The replace rule for `type`, or `undefined` when the world does not know the type. */
export function replaceRuleFor(type: string): ReplaceRule | undefined {
    const known = RULES[type];
    if (known) return known;
    const k8s = kubernetesKind(type);
    if (k8s) {
        return {
            replaceKeys: [
                "metadata.name",
                "metadata.namespace",
                ...(KIND_FIELDS[`${k8s.apiVersion}/${k8s.kind}`] ?? []),
            ],
            source: K8S_DIFF,
        };
    }
    return undefined;
}

/** True when `path` (dotted, `[i]` for list items) is `key` or lies below it. */
export function pathUnder(path: string, key: string): boolean {
    return key === "*" || path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[`);
}

/**
 * Whether pulumi-kubernetes itself asks for delete-before-replace: the object is named (not autonamed) and keeps
 * its name and namespace (provider.go kubeProvider.Diff, `deleteBeforeReplace :=`). The Helm release never does.
 */
export function providerDeletesFirst(
    type: string,
    oldInputs: Record<string, any>,
    newInputs: Record<string, any>,
): boolean {
    if (!kubernetesKind(type)) return false;
    const name = newInputs.metadata?.name;
    return (
        typeof name === "string" &&
        name === oldInputs.metadata?.name &&
        (newInputs.metadata?.namespace ?? "") === (oldInputs.metadata?.namespace ?? "")
    );
}

/** Kinds without a namespace (the API server's cluster-scoped resources this project can meet). */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
    "Namespace",
    "IngressClass",
    "IngressClassParams",
    "CustomResourceDefinition",
    "ClusterRole",
    "ClusterRoleBinding",
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
    "ClusterIssuer",
    "PersistentVolume",
    "StorageClass",
    "PriorityClass",
]);

/** Why replacing or deleting a resource of `type` is risky beyond itself, or `undefined` when it is not. */
export function sharedObject(type: string): string | undefined {
    if (type === "aws:iam/openIdConnectProvider:OpenIdConnectProvider")
        return "the cluster's IAM OIDC provider is shared by every IRSA role of the cluster";
    const k8s = kubernetesKind(type);
    if (k8s && CLUSTER_SCOPED_KINDS.has(k8s.kind)) {
        return k8s.kind === "Namespace"
            ? "deleting a Namespace deletes everything in it"
            : `${k8s.kind} is cluster-scoped and shared by the whole cluster`;
    }
    return undefined;
}
