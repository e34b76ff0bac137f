import * as assert from "assert";
import type { RecordedOptions } from "../../plan/engine";
import { changedPaths, decide, providerUrn } from "../../plan/lifecycle/diff";
import { aRegistration as registration, inState as state } from "../harness/graph";

// What lifecycleRules.spec.ts leaves out of diff.ts: the edges of the engine's step decision (pulumi/pulumi
// pkg/resource/deploy/step_generator.go: generateSteps, diff, providerChanged, processIgnoreChanges,
// applyReplaceOnChanges) and of the changed-path walk.

function change(
    type: string,
    before: Record<string, any>,
    after: Record<string, any>,
    options?: Partial<RecordedOptions>,
) {
    const next = registration(type, after, options);
    return decide(state(next, before), next, new Set());
}

const ROLE = "aws:iam/role:Role";
const SERVICE = "kubernetes:core/v1:Service";
const NO_RULE =
    /the lifecycle world has no replace rule for aws:s3\/bucket:Bucket: add the provider's rule to replaceRules\.ts/;

describe("lifecycle: one resource's step (diff.ts)", () => {
    describe("changedPaths", () => {
        it("nothing for equal values, a missing key or an undefined one", () => {
            assert.deepStrictEqual(changedPaths({ a: [1, { b: "x" }] }, { a: [1, { b: "x" }] }), []);
            assert.deepStrictEqual(changedPaths({ a: undefined }, {}), []);
            assert.deepStrictEqual(changedPaths(undefined, undefined), []);
        });

        it("a longer or shorter list changes at each extra item", () => {
            assert.deepStrictEqual(changedPaths({ l: [1] }, { l: [1, 2, 3] }), ["l[1]", "l[2]"]);
            assert.deepStrictEqual(changedPaths([1, 2], [1]), ["[1]"]);
        });

        it("a value that changes shape changes as a whole: list ↔ object, object ↔ null, object ↔ string", () => {
            assert.deepStrictEqual(changedPaths({ a: [1] }, { a: { 0: 1 } }), ["a"]);
            assert.deepStrictEqual(changedPaths({ a: { 0: 1 } }, { a: [1] }), ["a"]);
            assert.deepStrictEqual(changedPaths({ a: { b: 1 } }, { a: null }), ["a"]);
            assert.deepStrictEqual(changedPaths({ a: "x" }, { a: { b: 1 } }), ["a"]);
            assert.deepStrictEqual(changedPaths("x", "y"), ["<root>"]);
            assert.deepStrictEqual(changedPaths({ a: 1 }, null), ["<root>"]);
        });

        it("joins nested keys with dots, below list items too", () => {
            assert.deepStrictEqual(changedPaths({ a: { b: { c: 1 } }, x: 1 }, { a: { b: { c: 2 } }, y: 1 }), [
                "a.b.c",
                "x",
                "y",
            ]);
            assert.deepStrictEqual(changedPaths({ l: [{ n: 1 }] }, { l: [{ n: 2 }] }), ["l[0].n"]);
        });
    });

    it("providerUrn: the URN of a provider reference <urn>::<id>", () => {
        assert.strictEqual(
            providerUrn("urn:pulumi:s::p::pulumi:providers:kubernetes::k8s::0a1b"),
            "urn:pulumi:s::p::pulumi:providers:kubernetes::k8s",
        );
        assert.strictEqual(providerUrn(undefined), undefined);
        assert.strictEqual(providerUrn(""), undefined);
    });

    describe("a resource not in state", () => {
        it("is created; imported when it has an import id and a provider", () => {
            const plain = registration(ROLE, { name: "a" });
            assert.deepStrictEqual(decide(undefined, plain, new Set()), {
                op: "create",
                diffs: [],
                replaceKeys: [],
                deleteBeforeReplace: false,
                errors: [],
            });
            assert.strictEqual(decide(undefined, registration(ROLE, {}, { importId: "a" }), new Set()).op, "import");
            const component = registration("x:index:Component", {}, { importId: "a" }, { custom: false });
            assert.strictEqual(decide(undefined, component, new Set()).op, "create");
        });

        it("of a type without a rule still fails loudly on create and import; a component needs none", () => {
            assert.match(decide(undefined, registration("aws:s3/bucket:Bucket", {}), new Set()).errors.join(), NO_RULE);
            const imported = decide(undefined, registration("aws:s3/bucket:Bucket", {}, { importId: "b" }), new Set());
            assert.strictEqual(imported.op, "import");
            assert.match(imported.errors.join(), NO_RULE);
            const component = registration("x:index:Component", {}, {}, { custom: false });
            assert.deepStrictEqual(decide(undefined, component, new Set()).errors, []);
        });
    });

    describe("an import id on a resource in state (generateSteps isImport)", () => {
        it("another id: an import-replacement blamed on the id, create-before-delete, whatever else changed", () => {
            const next = registration(SERVICE, { metadata: { name: "s", namespace: "a" } }, { importId: "a/s" });
            assert.deepStrictEqual(decide(state(next, { metadata: { name: "t" } }), next, new Set()), {
                op: "replace",
                diffs: ["id"],
                replaceKeys: ["id"],
                deleteBeforeReplace: false,
                errors: [],
            });
            const unknown = registration("aws:s3/bucket:Bucket", {}, { importId: "b" });
            assert.match(decide(state(unknown, {}), unknown, new Set()).errors.join(), NO_RULE);
        });

        it("a component's import id is not an import", () => {
            const next = registration("x:index:Component", { a: 1 }, { importId: "x" }, { custom: false });
            assert.strictEqual(decide(state(next, { a: 1 }), next, new Set()).op, "same");
        });
    });

    describe("ignoreChanges (processIgnoreChanges: the old value is kept at each path)", () => {
        const svc = (clusterIP: string | undefined, port = 80) => ({
            metadata: { name: "s", namespace: "a" },
            spec: { ...(clusterIP === undefined ? {} : { clusterIP }), ports: [{ port }] },
        });

        it("a nested force-new path: no replace, the other changes still update", () => {
            const d = change(SERVICE, svc("10.0.0.1"), svc("10.0.0.2", 8080), { ignoreChanges: ["spec.clusterIP"] });
            assert.deepStrictEqual([d.op, d.diffs, d.replaceKeys], ["update", ["spec"], []]);
            assert.strictEqual(
                change(SERVICE, svc("10.0.0.1"), svc("10.0.0.2"), { ignoreChanges: ["spec.clusterIP"] }).op,
                "same",
            );
        });

        it("a path the old inputs lack is dropped from the new ones; a list item path is followed", () => {
            assert.strictEqual(
                change(SERVICE, svc(undefined), svc("10.0.0.9"), { ignoreChanges: ["spec.clusterIP"] }).op,
                "same",
            );
            assert.strictEqual(
                change(SERVICE, svc("1", 80), svc("1", 81), { ignoreChanges: ["spec.ports[0].port"] }).op,
                "same",
            );
        });

        it("an item past the ninth of a list is followed too", () => {
            const ports = (last: number) => Array.from({ length: 11 }, (_, i) => ({ port: i === 10 ? last : i }));
            const meta = { metadata: { name: "s", namespace: "a" } };
            const d = change(
                SERVICE,
                { ...meta, spec: { ports: ports(80) } },
                { ...meta, spec: { ports: ports(81) } },
                { ignoreChanges: ["spec.ports[10].port"] },
            );
            assert.strictEqual(d.op, "same");
        });

        it("below a parent the old inputs lack, the new value is dropped (nothing to keep)", () => {
            const meta = { metadata: { name: "s", namespace: "a" } };
            const d = change(
                SERVICE,
                meta,
                { ...meta, spec: { clusterIP: "10.0.0.9" } },
                {
                    ignoreChanges: ["spec.clusterIP"],
                },
            );
            assert.deepStrictEqual([d.op, d.diffs], ["update", ["spec"]]);
        });

        it("a path that neither side has ignores nothing (PropertyPath.Reset: both lack it, nothing to reset)", () => {
            const d = change(ROLE, { name: "a" }, { name: "b" }, { ignoreChanges: ["tags.a", "spec.clusterIP"] });
            assert.deepStrictEqual([d.op, d.replaceKeys], ["replace", ["name"]]);
        });

        it("never changes the registration it is given", () => {
            const next = registration(SERVICE, svc("10.0.0.2"), { ignoreChanges: ["spec.clusterIP"] });
            decide(state(next, svc("10.0.0.1")), next, new Set());
            assert.strictEqual(next.inputs.spec.clusterIP, "10.0.0.2");
        });
    });

    describe("update or replace", () => {
        it("diffs are the changed top-level keys, each once, in order", () => {
            const d = change(
                ROLE,
                { tags: { a: "1", b: "1" }, description: "x" },
                { tags: { a: "2", b: "2" }, description: "y" },
            );
            assert.deepStrictEqual([d.op, d.diffs], ["update", ["tags", "description"]]);
        });

        it("a replace names every force-new key that changed, and the provider's delete-first wish", () => {
            const d = change(
                "kubernetes:apps/v1:Deployment",
                { metadata: { name: "d", namespace: "a" }, spec: { selector: { app: "1" }, replicas: 1 } },
                { metadata: { name: "d", namespace: "b" }, spec: { selector: { app: "2" }, replicas: 2 } },
            );
            assert.deepStrictEqual(
                [d.op, d.diffs, d.replaceKeys, d.deleteBeforeReplace],
                ["replace", ["metadata", "spec"], ["metadata.namespace", "spec.selector"], false],
            );
        });

        it("deleteBeforeReplace (option or provider) only matters for a replace", () => {
            assert.strictEqual(
                change(ROLE, { tags: {} }, { tags: { a: "1" } }, { deleteBeforeReplace: true }).deleteBeforeReplace,
                false,
            );
            assert.strictEqual(
                change(ROLE, { name: "a" }, { name: "b" }, { deleteBeforeReplace: true }).deleteBeforeReplace,
                true,
            );
            const meta = { metadata: { name: "s", namespace: "a" } };
            assert.strictEqual(
                change(SERVICE, { ...meta, spec: { type: "A" } }, { ...meta, spec: { type: "B" } }).deleteBeforeReplace,
                false,
            );
        });

        it("replaceOnChanges: a path below the option's key replaces under the key; `*` under the top-level key", () => {
            const d = change(ROLE, { tags: { a: "1" } }, { tags: { a: "2" } }, { replaceOnChanges: ["tags"] });
            assert.deepStrictEqual([d.op, d.replaceKeys], ["replace", ["tags"]]);
            const all = change(ROLE, { tags: { a: "1" } }, { tags: { a: "2" } }, { replaceOnChanges: ["*"] });
            assert.deepStrictEqual([all.op, all.replaceKeys], ["replace", ["tags"]]);
            const other = change(
                ROLE,
                { tags: { a: "1" } },
                { tags: { a: "2" } },
                { replaceOnChanges: ["description"] },
            );
            assert.strictEqual(other.op, "update");
        });

        it("replaceOnChanges replaces even a path the provider updates in place", () => {
            const cert = "tls:index/selfSignedCert:SelfSignedCert";
            const d = change(
                cert,
                { earlyRenewalHours: 1 },
                { earlyRenewalHours: 2 },
                { replaceOnChanges: ["earlyRenewalHours"] },
            );
            assert.deepStrictEqual([d.op, d.replaceKeys], ["replace", ["earlyRenewalHours"]]);
        });

        it("TLS: every input but earlyRenewalHours replaces, named by its top-level key", () => {
            const cert = "tls:index/selfSignedCert:SelfSignedCert";
            const d = change(
                cert,
                { earlyRenewalHours: 1, subject: { commonName: "a", organization: "o" } },
                { earlyRenewalHours: 2, subject: { commonName: "b", organization: "p" } },
            );
            assert.deepStrictEqual(
                [d.op, d.replaceKeys, d.diffs],
                ["replace", ["subject"], ["earlyRenewalHours", "subject"]],
            );
            const csr = change("tls:index/certRequest:CertRequest", { dnsNames: ["a"] }, { dnsNames: ["a", "b"] });
            assert.deepStrictEqual([csr.op, csr.replaceKeys, csr.diffs], ["replace", ["dnsNames"], ["dnsNames"]]);
        });

        it("a type without a rule fails loudly when it changes too", () => {
            const d = change("aws:s3/bucket:Bucket", { a: 1 }, { a: 2 });
            assert.strictEqual(d.op, "update");
            assert.match(d.errors.join(), NO_RULE);
        });
    });

    describe("the provider and deletedWith (step_generator diff: providerChanged)", () => {
        const P = "urn:pulumi:s::p::pulumi:providers:aws::default";

        it("a resource moved to another provider is replaced, blamed on the provider", () => {
            const next = registration(ROLE, { name: "a" }, {}, { provider: `${P}2::id` });
            const d = decide(state(next, { name: "a" }, { provider: `${P}::id` }), next, new Set());
            assert.deepStrictEqual([d.op, d.diffs, d.replaceKeys], ["replace", ["provider"], ["provider"]]);
        });

        it("the same provider, not replaced in this update, with new inputs: an update", () => {
            const next = registration(ROLE, { tags: { a: "2" } }, {}, { provider: `${P}::id2` });
            const d = decide(
                state(next, { tags: { a: "1" } }, { provider: `${P}::id1` }),
                next,
                new Set(["urn:other"]),
            );
            assert.deepStrictEqual([d.op, d.diffs], ["update", ["tags"]]);
        });

        it("with a forced replace and changed inputs, the diffs are the inputs'", () => {
            const next = registration(ROLE, { tags: { a: "2" } }, {}, { provider: `${P}::id2` });
            const d = decide(state(next, { tags: { a: "1" } }, { provider: `${P}::id1` }), next, new Set([P]));
            assert.deepStrictEqual([d.op, d.diffs, d.replaceKeys], ["replace", ["tags"], ["provider"]]);
        });

        it("deletedWith a resource that is not replaced changes nothing", () => {
            const next = registration(ROLE, { name: "a" }, { deletedWith: "urn:x" });
            assert.strictEqual(decide(state(next, { name: "a" }), next, new Set(["urn:y"])).op, "same");
        });

        it("a component is never replaced, not even with its provider", () => {
            const next = registration("x:index:Component", { a: 1 }, {}, { custom: false, provider: `${P}::id2` });
            const same = decide(state(next, { a: 1 }, { provider: `${P}::id1` }), next, new Set([P]));
            assert.deepStrictEqual([same.op, same.replaceKeys], ["same", []]);
            const updated = decide(state(next, { a: 0 }, { provider: `${P}::id1` }), next, new Set([P]));
            assert.deepStrictEqual([updated.op, updated.diffs], ["update", ["a"]]);
        });
    });

    describe("the Kubernetes provider (pulumi-kubernetes provider.go DiffConfig, util.go getActiveClusterFromConfig)", () => {
        const K = "pulumi:providers:kubernetes";
        const config = (server: string, user = "u") => ({
            "current-context": "c",
            contexts: [
                { name: "c", context: { cluster: "k", user } },
                { name: "d", context: { cluster: "other" } },
            ],
            clusters: [
                { name: "other", cluster: { server: "https://other" } },
                { name: "k", cluster: { server } },
            ],
        });

        it("a kubeconfig given as an object: replaced when the active cluster's server changes", () => {
            assert.strictEqual(
                change(K, { kubeconfig: config("https://a", "u1") }, { kubeconfig: config("https://a", "u2") }).op,
                "update",
            );
            const d = change(K, { kubeconfig: config("https://a") }, { kubeconfig: config("https://b") });
            assert.deepStrictEqual([d.op, d.replaceKeys], ["replace", ["kubeconfig"]]);
        });

        it("a YAML kubeconfig: replaced when its server changes, not when it stays the same", () => {
            const yaml = (server: string) =>
                `apiVersion: v1\nclusters:\n- cluster:\n    server: ${server}\n  name: k\n`;
            assert.strictEqual(
                change(K, { kubeconfig: yaml("https://a") }, { kubeconfig: yaml("https://a") }).op,
                "same",
            );
            const d = change(K, { kubeconfig: yaml("https://a") }, { kubeconfig: yaml("https://b") });
            assert.deepStrictEqual([d.op, d.replaceKeys], ["replace", ["kubeconfig"]]);
        });

        it("no active cluster on either side (no such context or cluster): nothing to compare", () => {
            const dangling = (context: string, cluster: string, user: string) => ({
                "current-context": context,
                contexts: [{ name: "c", context: { cluster, user } }, { name: "n" }],
                clusters: [{ name: "k", cluster: { server: `https://${user}` } }],
            });
            for (const [context, cluster] of [
                ["missing", "k"],
                ["n", "k"],
                ["c", "missing"],
            ]) {
                const d = change(
                    K,
                    { kubeconfig: dangling(context, cluster, "a") },
                    { kubeconfig: dangling(context, cluster, "b") },
                );
                assert.strictEqual(d.op, "update", `${context} ${cluster}`);
            }
        });

        it("a kubeconfig without contexts or clusters, or with empty entries, has no active cluster either", () => {
            const partial = (doc: Record<string, unknown>, user: string) => ({
                "current-context": "c",
                ...doc,
                users: [{ name: user }],
            });
            const entries = [null, { name: "c", context: { cluster: "k" } }];
            for (const doc of [
                { clusters: [{ name: "k", cluster: { server: "https://a" } }] },
                { contexts: entries },
                { contexts: entries, clusters: [null, { name: "k" }] },
            ]) {
                const d = change(K, { kubeconfig: partial(doc, "a") }, { kubeconfig: partial(doc, "b") });
                assert.strictEqual(d.op, "update", JSON.stringify(doc));
            }
        });

        it("another context or cluster input replaces; other settings update", () => {
            assert.deepStrictEqual(change(K, { context: "a" }, { context: "b" }).replaceKeys, ["context"]);
            assert.deepStrictEqual(change(K, { cluster: "a" }, { cluster: "b" }).replaceKeys, ["cluster"]);
            assert.strictEqual(
                change(K, { enableServerSideApply: "true" }, { enableServerSideApply: "false" }).op,
                "update",
            );
        });

        it("the server check is the Kubernetes provider's only", () => {
            const d = change(
                "aws:iam/policy:Policy",
                { kubeconfig: config("https://a") },
                { kubeconfig: config("https://b") },
            );
            assert.strictEqual(d.op, "update");
        });
    });
});
