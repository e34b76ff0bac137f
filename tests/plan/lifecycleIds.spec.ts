import * as assert from "assert";
import { providerId } from "../../plan/lifecycle/ids";

// The ids the providers set on create: hashicorp/terraform-provider-aws internal/service/iam
// openid_connect_provider.go, policy.go (d.SetId(ARN)) and role.go (d.SetId(name)); pulumi/pulumi-kubernetes
// provider/pkg/provider/util.go fqName ("<namespace>/<name>", the name alone without a namespace) for objects and
// helm_release.go for releases.
describe("lifecycle: the providers' ids", () => {
    const arn = "arn:aws:iam::123456789012:policy/lbc";

    it("an IAM policy and an OIDC provider: the ARN", () => {
        assert.strictEqual(providerId("aws:iam/policy:Policy", {}, { arn }), arn);
        const oidc = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/X";
        assert.strictEqual(providerId("aws:iam/openIdConnectProvider:OpenIdConnectProvider", {}, { arn: oidc }), oidc);
    });

    it("an IAM role: its name", () => {
        assert.strictEqual(providerId("aws:iam/role:Role", {}, { name: "lbc-role-1a2b", arn }), "lbc-role-1a2b");
    });

    it("the mock's id when the output is not known (not a string)", () => {
        assert.strictEqual(providerId("aws:iam/policy:Policy", {}, {}), undefined);
        assert.strictEqual(providerId("aws:iam/role:Role", {}, { name: 1 }), undefined);
        assert.strictEqual(
            providerId("aws:iam/openIdConnectProvider:OpenIdConnectProvider", {}, { arn: {} }),
            undefined,
        );
        assert.strictEqual(providerId("aws:eks/addon:Addon", { addonName: "x" }, { arn }), undefined);
    });

    it("a Helm release: <namespace>/<name> from its outputs, else its inputs, in `default` by default", () => {
        const release = "kubernetes:helm.sh/v3:Release";
        assert.strictEqual(
            providerId(release, { name: "in", namespace: "in-ns" }, { name: "out", namespace: "out-ns" }),
            "out-ns/out",
        );
        assert.strictEqual(providerId(release, { name: "lbc", namespace: "kube-system" }, {}), "kube-system/lbc");
        assert.strictEqual(providerId(release, { name: "lbc" }, {}), "default/lbc");
    });

    it("a Kubernetes object: namespace/name, the name alone when cluster-scoped; outputs before inputs", () => {
        const deployment = "kubernetes:apps/v1:Deployment";
        assert.strictEqual(
            providerId(
                deployment,
                { metadata: { name: "in", namespace: "a" } },
                { metadata: { name: "web", namespace: "apps" } },
            ),
            "apps/web",
        );
        assert.strictEqual(providerId(deployment, { metadata: { name: "web", namespace: "apps" } }, {}), "apps/web");
        assert.strictEqual(providerId("kubernetes:core/v1:Namespace", {}, { metadata: { name: "apps" } }), "apps");
        assert.strictEqual(providerId("kubernetes:core/v1:Namespace", {}, {}), undefined);
    });
});
