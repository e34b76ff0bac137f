import * as assert from "assert";
import {
    kubernetesKind,
    pathUnder,
    providerDeletesFirst,
    replaceRuleFor,
    sharedObject,
} from "../../plan/lifecycle/replaceRules";

// The table's own rules are pinned through `decide` in lifecycleRules.spec.ts; these are the functions around it.
describe("lifecycle: replaceRules", () => {
    describe("kubernetesKind", () => {
        it("reads <group>/<version>:<Kind>, the core group as v1", () => {
            assert.deepStrictEqual(kubernetesKind("kubernetes:apps/v1:Deployment"), {
                apiVersion: "apps/v1",
                kind: "Deployment",
            });
            assert.deepStrictEqual(kubernetesKind("kubernetes:core/v1:Namespace"), {
                apiVersion: "v1",
                kind: "Namespace",
            });
            // a custom resource of an API group that merely starts like the SDK's own ones (Flux)
            assert.deepStrictEqual(kubernetesKind("kubernetes:kustomize.toolkit.fluxcd.io/v1:Kustomization"), {
                apiVersion: "kustomize.toolkit.fluxcd.io/v1",
                kind: "Kustomization",
            });
            assert.deepStrictEqual(kubernetesKind("kubernetes:helm.sh.example.com/v1:Chart")?.kind, "Chart");
            assert.deepStrictEqual(kubernetesKind("kubernetes:charts.helm.sh/v1:Repository")?.kind, "Repository");
            assert.deepStrictEqual(kubernetesKind("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition"), {
                apiVersion: "apiextensions.k8s.io/v1",
                kind: "CustomResourceDefinition",
            });
        });

        it("is no Kubernetes kind for Helm, yaml and kustomize types, the provider or other packages", () => {
            for (const type of [
                "kubernetes:helm.sh/v3:Release",
                "kubernetes:helm.sh/v4:Chart",
                "kubernetes:helm.sh/v3:Chart",
                "kubernetes:yaml:ConfigFile",
                "kubernetes:yaml/v2:ConfigGroup",
                "kubernetes:kustomize:Directory",
                "kubernetes:kustomize/v2:Directory",
                "pulumi:providers:kubernetes",
                "aws:iam/role:Role",
                "kubernetes:apps/v1:Deployment:extra",
                "xkubernetes:apps/v1:Deployment",
            ]) {
                assert.strictEqual(kubernetesKind(type), undefined, type);
            }
        });
    });

    describe("replaceRuleFor", () => {
        it("a Kubernetes kind: metadata.name and metadata.namespace, plus the kind's immutable fields", () => {
            // pulumi/pulumi-kubernetes provider/pkg/provider/diff.go forceNewProperties: metadataForceNewProperties
            // for every kind, then forceNew[group][version][kind].
            assert.deepStrictEqual(replaceRuleFor("kubernetes:networking.k8s.io/v1:Ingress")?.replaceKeys, [
                "metadata.name",
                "metadata.namespace",
            ]);
            assert.deepStrictEqual(replaceRuleFor("kubernetes:core/v1:Service")?.replaceKeys, [
                "metadata.name",
                "metadata.namespace",
                "spec.clusterIP",
            ]);
            assert.match(replaceRuleFor("kubernetes:core/v1:Service")!.source, /pulumi-kubernetes .*diff\.go/);
        });

        it("each provider's force-new inputs, as its source declares them", () => {
            const table: [string, string[], string[]?][] = [
                // hashicorp/terraform-provider-aws internal/service/iam/policy.go, role.go,
                // role_policy_attachment.go (ForceNew); eks/pod_identity_association.go (RequiresReplace);
                // eks/addon.go (ForceNew)
                ["aws:iam/policy:Policy", ["description", "name", "namePrefix", "path"]],
                ["aws:iam/role:Role", ["name", "namePrefix", "path"]],
                ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", ["role", "policyArn"]],
                [
                    "aws:eks/podIdentityAssociation:PodIdentityAssociation",
                    ["clusterName", "namespace", "serviceAccount"],
                ],
                ["aws:eks/addon:Addon", ["addonName", "clusterName"]],
                // hashicorp/terraform-provider-tls internal/provider/resource_*.go: RequiresReplace on every
                // argument but early_renewal_hours
                ["tls:index/privateKey:PrivateKey", ["*"]],
                ["tls:index/certRequest:CertRequest", ["*"]],
                ["tls:index/selfSignedCert:SelfSignedCert", ["*"], ["earlyRenewalHours"]],
                ["tls:index/locallySignedCert:LocallySignedCert", ["*"], ["earlyRenewalHours"]],
                // pulumi/pulumi-kubernetes helm_release.go Diff; provider.go DiffConfig
                ["kubernetes:helm.sh/v3:Release", ["name", "namespace"]],
                ["pulumi:providers:kubernetes", ["cluster", "context"]],
            ];
            for (const [type, replaceKeys, updatable] of table) {
                const rule = replaceRuleFor(type);
                assert.deepStrictEqual([rule?.replaceKeys, rule?.updatable], [replaceKeys, updatable], type);
            }
        });

        it("each Kubernetes kind's immutable fields (diff.go forceNew), after metadata.name and .namespace", () => {
            const selector = ["spec.selector"];
            const table: [string, string[]][] = [
                ["apps/v1:Deployment", selector],
                ["apps/v1:DaemonSet", selector],
                [
                    "apps/v1:StatefulSet",
                    [
                        "spec.selector",
                        "spec.podManagementPolicy",
                        "spec.revisionHistoryLimit",
                        "spec.serviceName",
                        "spec.volumeClaimTemplates",
                    ],
                ],
                ["batch/v1:Job", ["spec.selector", "spec.completions", "spec.parallelism", "spec.template"]],
                [
                    "core/v1:PersistentVolumeClaim",
                    ["spec.accessModes", "spec.selector", "spec.storageClassName", "spec.volumeName"],
                ],
                ["rbac.authorization.k8s.io/v1:ClusterRoleBinding", ["roleRef"]],
                ["rbac.authorization.k8s.io/v1:RoleBinding", ["roleRef"]],
                ["storage.k8s.io/v1:StorageClass", ["parameters", "provisioner"]],
            ];
            for (const [kind, fields] of table) {
                const keys = replaceRuleFor(`kubernetes:${kind}`)?.replaceKeys;
                assert.deepStrictEqual(keys, ["metadata.name", "metadata.namespace", ...fields], kind);
            }
        });

        it("Secrets and ConfigMaps are immutable: their data replaces (the providers' mutable options off)", () => {
            // diff.go forceNewProperties: `.type, .stringData, .data` unless enableSecretMutable, `.binaryData, .data`
            // for a ConfigMap unless enableConfigMapMutable.
            assert.deepStrictEqual(replaceRuleFor("kubernetes:core/v1:Secret")?.replaceKeys.slice(2), [
                "type",
                "stringData",
                "data",
            ]);
            assert.deepStrictEqual(replaceRuleFor("kubernetes:core/v1:ConfigMap")?.replaceKeys.slice(2), [
                "binaryData",
                "data",
            ]);
        });

        it("the IAM OIDC provider is replaced for a new url only: its client ids update in place", () => {
            // hashicorp/terraform-provider-aws internal/service/iam/openid_connect_provider.go: url ForceNew,
            // client_id_list a set updated with AddClientIDTo/RemoveClientIDFromOpenIDConnectProvider (PR #37612).
            assert.deepStrictEqual(replaceRuleFor("aws:iam/openIdConnectProvider:OpenIdConnectProvider")?.replaceKeys, [
                "url",
            ]);
        });

        it("a known provider type keeps its own rule; an unknown type has none", () => {
            assert.deepStrictEqual(replaceRuleFor("kubernetes:helm.sh/v3:Release")?.replaceKeys, ["name", "namespace"]);
            assert.strictEqual(replaceRuleFor("aws:s3/bucket:Bucket"), undefined);
            assert.strictEqual(replaceRuleFor("kubernetes:yaml:ConfigFile"), undefined);
        });
    });

    describe("pathUnder", () => {
        it("matches the key itself, a field below it and an item of it", () => {
            assert.ok(pathUnder("spec.selector", "spec.selector"));
            assert.ok(pathUnder("spec.selector.matchLabels.app", "spec.selector"));
            assert.ok(pathUnder("dnsNames[0]", "dnsNames"));
            assert.ok(pathUnder("anything.at[2].all", "*"));
        });

        it("does not match a sibling that only shares the key's prefix, nor a parent", () => {
            assert.ok(!pathUnder("spec.selectorLabels", "spec.selector"));
            assert.ok(!pathUnder("names", "name"));
            assert.ok(!pathUnder("spec", "spec.selector"));
        });
    });

    describe("providerDeletesFirst (pulumi-kubernetes provider.go Diff, `deleteBeforeReplace :=`)", () => {
        const deployment = "kubernetes:apps/v1:Deployment";
        const meta = (name?: string, namespace?: string) => ({ metadata: { name, namespace } });

        it("a named object that keeps its name and namespace is deleted first", () => {
            assert.strictEqual(providerDeletesFirst(deployment, meta("web", "apps"), meta("web", "apps")), true);
            // no namespace on either side is the same namespace
            assert.strictEqual(providerDeletesFirst(deployment, meta("web", ""), meta("web")), true);
            assert.strictEqual(
                providerDeletesFirst("kubernetes:core/v1:Namespace", { metadata: { name: "a" } }, meta("a", "")),
                true,
            );
        });

        it("not when the name or the namespace changes, nor for an autonamed object", () => {
            assert.strictEqual(providerDeletesFirst(deployment, meta("web", "apps"), meta("web2", "apps")), false);
            assert.strictEqual(providerDeletesFirst(deployment, meta("web", "apps"), meta("web", "other")), false);
            assert.strictEqual(providerDeletesFirst(deployment, meta("web", "apps"), meta("web", undefined)), false);
            assert.strictEqual(
                providerDeletesFirst(deployment, meta(undefined, "apps"), meta(undefined, "apps")),
                false,
            );
            assert.strictEqual(providerDeletesFirst(deployment, {}, {}), false);
            assert.strictEqual(providerDeletesFirst(deployment, {}, meta("web")), false);
            assert.strictEqual(providerDeletesFirst(deployment, meta("web", ""), meta("web", "apps")), false);
        });

        it("never for a Helm release or an AWS resource (their providers never ask for it)", () => {
            // pulumi-kubernetes helm_release.go Diff: DeleteBeforeReplace false.
            const release = { name: "r", namespace: "a", metadata: { name: "r" } };
            assert.strictEqual(providerDeletesFirst("kubernetes:helm.sh/v3:Release", release, release), false);
            assert.strictEqual(providerDeletesFirst("aws:iam/role:Role", meta("r"), meta("r")), false);
        });
    });

    describe("sharedObject", () => {
        it("names why the OIDC provider, a Namespace and cluster-scoped kinds are shared", () => {
            assert.strictEqual(
                sharedObject("aws:iam/openIdConnectProvider:OpenIdConnectProvider"),
                "the cluster's IAM OIDC provider is shared by every IRSA role of the cluster",
            );
            assert.strictEqual(
                sharedObject("kubernetes:core/v1:Namespace"),
                "deleting a Namespace deletes everything in it",
            );
            assert.strictEqual(
                sharedObject("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition"),
                "CustomResourceDefinition is cluster-scoped and shared by the whole cluster",
            );
            assert.strictEqual(
                sharedObject("kubernetes:networking.k8s.io/v1:IngressClass"),
                "IngressClass is cluster-scoped and shared by the whole cluster",
            );
        });

        it("a namespaced object, a release and an IAM role are not shared", () => {
            for (const type of [
                "kubernetes:apps/v1:Deployment",
                "kubernetes:core/v1:Service",
                "kubernetes:helm.sh/v3:Release",
                "aws:iam/role:Role",
            ]) {
                assert.strictEqual(sharedObject(type), undefined, type);
            }
        });

        it("every cluster-scoped kind the stack can meet is shared (no namespace: Kubernetes API discovery)", () => {
            for (const [group, kind] of [
                ["networking.k8s.io/v1", "IngressClass"],
                ["elbv2.k8s.aws/v1beta1", "IngressClassParams"],
                ["apiextensions.k8s.io/v1", "CustomResourceDefinition"],
                ["rbac.authorization.k8s.io/v1", "ClusterRole"],
                ["rbac.authorization.k8s.io/v1", "ClusterRoleBinding"],
                ["admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration"],
                ["admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration"],
                ["cert-manager.io/v1", "ClusterIssuer"],
                ["core/v1", "PersistentVolume"],
                ["storage.k8s.io/v1", "StorageClass"],
                ["scheduling.k8s.io/v1", "PriorityClass"],
            ]) {
                assert.strictEqual(
                    sharedObject(`kubernetes:${group}:${kind}`),
                    `${kind} is cluster-scoped and shared by the whole cluster`,
                );
            }
            for (const kind of ["core/v1:ServiceAccount", "rbac.authorization.k8s.io/v1:Role", "core/v1:Secret"]) {
                assert.strictEqual(sharedObject(`kubernetes:${kind}`), undefined, kind);
            }
        });
    });
});
