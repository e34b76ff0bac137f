import * as assert from "assert";
import type { RecordedOptions } from "../../plan/engine";
import { changedPaths, decide } from "../../plan/lifecycle/diff";
import { aRegistration as registration, inState as state } from "../harness/graph";

/** The decision for a change of `type` from `before` to `after`. */
function change(
    type: string,
    before: Record<string, any>,
    after: Record<string, any>,
    options?: Partial<RecordedOptions>,
) {
    const next = registration(type, after, options);
    return decide(state(next, before), next, new Set());
}

const ns = (name: string, extra: Record<string, unknown> = {}) => ({ metadata: { name, namespace: "apps" }, ...extra });

describe("lifecycle: the providers' replace rules", () => {
    const cases: [string, string, Record<string, any>, Record<string, any>, "update" | "replace", string[]][] = [
        ["IAM policy document", "aws:iam/policy:Policy", { policy: "a" }, { policy: "b" }, "update", []],
        [
            "IAM policy description",
            "aws:iam/policy:Policy",
            { description: "a" },
            { description: "b" },
            "replace",
            ["description"],
        ],
        [
            "IAM role trust policy",
            "aws:iam/role:Role",
            { assumeRolePolicy: "a" },
            { assumeRolePolicy: "b" },
            "update",
            [],
        ],
        ["IAM role name", "aws:iam/role:Role", { name: "a" }, { name: "b" }, "replace", ["name"]],
        ["IAM role path", "aws:iam/role:Role", { path: "/" }, { path: "/x/" }, "replace", ["path"]],
        [
            "attachment policy",
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            { policyArn: "a" },
            { policyArn: "b" },
            "replace",
            ["policyArn"],
        ],
        [
            "OIDC provider url",
            "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
            { url: "a" },
            { url: "b" },
            "replace",
            ["url"],
        ],
        [
            "OIDC provider tags",
            "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
            { tags: { a: "1" } },
            { tags: { a: "2" } },
            "update",
            [],
        ],
        [
            "pod identity namespace",
            "aws:eks/podIdentityAssociation:PodIdentityAssociation",
            { namespace: "a" },
            { namespace: "b" },
            "replace",
            ["namespace"],
        ],
        [
            "pod identity role",
            "aws:eks/podIdentityAssociation:PodIdentityAssociation",
            { roleArn: "a" },
            { roleArn: "b" },
            "update",
            [],
        ],
        ["add-on version", "aws:eks/addon:Addon", { addonVersion: "a" }, { addonVersion: "b" }, "update", []],
        ["add-on name", "aws:eks/addon:Addon", { addonName: "a" }, { addonName: "b" }, "replace", ["addonName"]],
        [
            "TLS key size",
            "tls:index/privateKey:PrivateKey",
            { rsaBits: 2048 },
            { rsaBits: 4096 },
            "replace",
            ["rsaBits"],
        ],
        [
            "TLS certificate validity",
            "tls:index/locallySignedCert:LocallySignedCert",
            { validityPeriodHours: 1 },
            { validityPeriodHours: 2 },
            "replace",
            ["validityPeriodHours"],
        ],
        [
            "TLS CSR names",
            "tls:index/certRequest:CertRequest",
            { dnsNames: ["a"] },
            { dnsNames: ["b"] },
            "replace",
            ["dnsNames"],
        ],
        [
            "self-signed CA subject",
            "tls:index/selfSignedCert:SelfSignedCert",
            { subject: { commonName: "a" } },
            { subject: { commonName: "b" } },
            "replace",
            ["subject"],
        ],
        ["release values", "kubernetes:helm.sh/v3:Release", { values: { a: 1 } }, { values: { a: 2 } }, "update", []],
        [
            "release namespace",
            "kubernetes:helm.sh/v3:Release",
            { namespace: "a" },
            { namespace: "b" },
            "replace",
            ["namespace"],
        ],
        [
            "Deployment image",
            "kubernetes:apps/v1:Deployment",
            ns("d", { spec: { image: "a" } }),
            ns("d", { spec: { image: "b" } }),
            "update",
            [],
        ],
        [
            "Deployment selector",
            "kubernetes:apps/v1:Deployment",
            ns("d", { spec: { selector: { matchLabels: { a: "1" } } } }),
            ns("d", { spec: { selector: { matchLabels: { a: "2" } } } }),
            "replace",
            ["spec.selector"],
        ],
        [
            "Service clusterIP",
            "kubernetes:core/v1:Service",
            ns("s", { spec: { clusterIP: "1" } }),
            ns("s", { spec: { clusterIP: "2" } }),
            "replace",
            ["spec.clusterIP"],
        ],
        ["Ingress name", "kubernetes:networking.k8s.io/v1:Ingress", ns("a"), ns("b"), "replace", ["metadata.name"]],
        [
            "Ingress annotations",
            "kubernetes:networking.k8s.io/v1:Ingress",
            ns("a", { x: 1 }),
            ns("a", { x: 2 }),
            "update",
            [],
        ],
        [
            "ClusterRoleBinding roleRef",
            "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
            { metadata: { name: "a" }, roleRef: { name: "x" } },
            { metadata: { name: "a" }, roleRef: { name: "y" } },
            "replace",
            ["roleRef"],
        ],
    ];
    for (const [what, type, before, after, op, keys] of cases) {
        it(`${op === "replace" ? "replaces" : "updates"} on a change of the ${what}`, () => {
            const d = change(type, before, after);
            assert.strictEqual(d.op, op);
            assert.deepStrictEqual(d.replaceKeys, keys);
            assert.deepStrictEqual(d.errors, []);
        });
    }

    it("updates a TLS certificate's early renewal in place", () => {
        const type = "tls:index/locallySignedCert:LocallySignedCert";
        assert.strictEqual(change(type, { earlyRenewalHours: 1 }, { earlyRenewalHours: 2 }).op, "update");
    });

    it("pulumi-kubernetes deletes first when a named object keeps its name; a release never does", () => {
        const selector = (v: string) => ns("d", { spec: { selector: { matchLabels: { a: v } } } });
        assert.strictEqual(
            change("kubernetes:apps/v1:Deployment", selector("1"), selector("2")).deleteBeforeReplace,
            true,
        );
        assert.strictEqual(
            change("kubernetes:core/v1:Namespace", { metadata: { name: "a" } }, { metadata: { name: "b" } })
                .deleteBeforeReplace,
            false,
        );
        const release = change("kubernetes:helm.sh/v3:Release", { namespace: "a" }, { namespace: "b" });
        assert.strictEqual(release.deleteBeforeReplace, false);
        const opted = change(
            "kubernetes:helm.sh/v3:Release",
            { namespace: "a" },
            { namespace: "b" },
            { deleteBeforeReplace: true },
        );
        assert.strictEqual(opted.deleteBeforeReplace, true);
    });

    it("honours replaceOnChanges and ignoreChanges", () => {
        const byOption = change(
            "aws:iam/policy:Policy",
            { policy: "a" },
            { policy: "b" },
            { replaceOnChanges: ["policy"] },
        );
        assert.deepStrictEqual([byOption.op, byOption.replaceKeys], ["replace", ["policy"]]);
        const ignored = change(
            "aws:iam/role:Role",
            { name: "a", tags: { x: "1" } },
            { name: "b", tags: { x: "2" } },
            { ignoreChanges: ["name"] },
        );
        assert.deepStrictEqual([ignored.op, ignored.diffs], ["update", ["tags"]]);
    });

    it("kubernetes provider: replaced only when the kubeconfig's active cluster changes", () => {
        const kubeconfig = (server: string, user: string) =>
            JSON.stringify({
                "current-context": "c",
                contexts: [{ name: "c", context: { cluster: "k", user } }],
                clusters: [{ name: "k", cluster: { server } }],
            });
        const type = "pulumi:providers:kubernetes";
        assert.strictEqual(
            change(type, { kubeconfig: kubeconfig("a", "u1") }, { kubeconfig: kubeconfig("a", "u2") }).op,
            "update",
        );
        assert.strictEqual(
            change(type, { kubeconfig: kubeconfig("a", "u") }, { kubeconfig: kubeconfig("b", "u") }).op,
            "replace",
        );
    });

    it("replaces the resources of a replaced provider, and a resource deleted with a replaced one", () => {
        const next = registration(
            "aws:iam/role:Role",
            { name: "a" },
            { deletedWith: "urn:x" },
            { provider: "urn:p::id2" },
        );
        const old = state(next, { name: "a" }, { provider: "urn:p::id1" });
        assert.deepStrictEqual(decide(old, next, new Set()).op, "same");
        assert.deepStrictEqual(decide(old, next, new Set(["urn:p"])).replaceKeys, ["provider"]);
        assert.deepStrictEqual(decide(old, next, new Set(["urn:x"])).replaceKeys, ["deletedWith"]);
    });

    it("imports when the import id is not the id in state, and diffs as usual when it is", () => {
        const next = registration("aws:iam/role:Role", { name: "a" }, { importId: "r-id" });
        assert.strictEqual(decide(undefined, next, new Set()).op, "import");
        assert.strictEqual(decide(state(next, { name: "a" }), next, new Set()).op, "same");
        const other = registration("aws:iam/role:Role", { name: "a" }, { importId: "other" });
        assert.deepStrictEqual(decide(state(other, { name: "a" }), other, new Set()).replaceKeys, ["id"]);
    });

    it("updates a component, never replaces it", () => {
        const next = registration("x:index:Component", { a: 2 }, {}, { custom: false });
        assert.strictEqual(decide(state(next, { a: 1 }), next, new Set()).op, "update");
        assert.strictEqual(decide(state(next, { a: 2 }), next, new Set()).op, "same");
    });

    it("fails loudly on a custom type it has no rule for, even when nothing changed", () => {
        const next = registration("aws:s3/bucket:Bucket", { a: 1 });
        assert.match(
            decide(state(next, { a: 1 }), next, new Set()).errors.join(),
            /no replace rule for aws:s3\/bucket:Bucket/,
        );
    });

    it("lists changed paths below objects and lists", () => {
        assert.deepStrictEqual(changedPaths({ a: { b: [1, 2] }, c: 1 }, { a: { b: [1, 3] }, c: 1, d: undefined }), [
            "a.b[1]",
        ]);
    });
});
