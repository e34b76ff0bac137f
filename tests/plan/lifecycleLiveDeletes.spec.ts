import * as assert from "assert";
import { NO_OPTIONS } from "../../plan/engine";
import { LiveWorld } from "../../plan/lifecycle/live";
import { type StateResource, type World, emptyWorld, kubernetesKey } from "../../plan/lifecycle/world";
import { aStateResource } from "../harness/graph";

/** The live world on delete, replace and across runs: what is left in the cluster and the account, and for whom. */

const NS = "kubernetes:core/v1:Namespace";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const OIDC = "aws:iam/openIdConnectProvider:OpenIdConnectProvider";
const PATCH = "kubernetes:cert-manager.io/v1:CertificatePatch";
const TLS = kubernetesKey("v1", "Secret", "kube-system", "aws-load-balancer-tls");
const CERTIFICATE = "aws-load-balancer-serving-cert";
const HELM_OWNED = {
    labels: { "app.kubernetes.io/managed-by": "Helm" },
    annotations: { "meta.helm.sh/release-name": "lbc", "meta.helm.sh/release-namespace": "kube-system" },
};

const res = aStateResource;
const retained = { ...NO_OPTIONS, retainOnDelete: true };
const ns = (name: string, urnName = name, more: Partial<StateResource> = {}) =>
    res(NS, urnName, { metadata: { name } }, more);
const release = (name: string, values: Record<string, unknown> = {}, more: Partial<StateResource> = {}) =>
    res(RELEASE, name, { chart: "aws-load-balancer-controller", name, namespace: "kube-system", values }, more);
const oidc = (url: string, more: Partial<StateResource> = {}) =>
    res(OIDC, "oidc", { url }, { outputs: { arn: `arn:oidc/${url.slice(8)}` }, ...more });
const patch = (secretTemplate: Record<string, unknown> | undefined, namespace = "kube-system") =>
    res(PATCH, "patch", { metadata: { name: CERTIFICATE, namespace }, spec: secretTemplate ? { secretTemplate } : {} });

/** Whether `live` still holds a Namespace `name` (another resource's create of it collides). */
const holdsNamespace = (live: LiveWorld, name: string) => live.create(ns(name, `probe-${name}`)).length > 0;
/** Whether the release name `lbc` is taken (another resource's install of it is refused). */
const releaseTaken = (live: LiveWorld) => live.create(release("lbc", {}, { urn: "urn:probe" })).length > 0;

function written(world: World, live: LiveWorld, ...state: StateResource[]) {
    live.writeExternal(new Map(state.map((r) => [r.urn, r])));
    return world.external.kubernetes;
}

describe("lifecycle: the live world on delete", () => {
    it("deletes what a resource holds, abandons it when retained, and leaves others' objects alone", () => {
        const live = new LiveWorld(emptyWorld());
        live.create(ns("web"));
        live.delete(ns("web"), false);
        assert.ok(!holdsNamespace(live, "web"));

        const world = emptyWorld();
        const keep = new LiveWorld(world);
        const kept = ns("kept", "kept", { options: retained });
        keep.create(kept);
        keep.delete(kept, true);
        assert.deepStrictEqual(
            [...written(world, keep)],
            [[kubernetesKey("v1", "Namespace", "", "kept"), kept.inputs]],
        );
        assert.ok(holdsNamespace(new LiveWorld(world), "kept"), "the next run meets it");

        const theirs = emptyWorld();
        theirs.external.kubernetes.set(kubernetesKey("v1", "Namespace", "", "web"), { metadata: { name: "web" } });
        const other = new LiveWorld(theirs);
        other.delete(ns("web"), false);
        assert.ok(holdsNamespace(other, "web"), "not the stack's to delete");
    });

    it("uninstalls a release, or abandons it (the next install of its name is refused) when retained", () => {
        const live = new LiveWorld(emptyWorld());
        live.create(release("lbc"));
        live.delete(release("lbc"), false);
        assert.ok(!releaseTaken(live));

        const world = emptyWorld();
        const keep = new LiveWorld(world);
        const r = release("lbc", {}, { options: retained });
        keep.create(r);
        keep.delete(r, true);
        assert.ok(releaseTaken(keep));
        assert.deepStrictEqual(
            [...world.external.helmReleases],
            [["kube-system/lbc", { chart: "aws-load-balancer-controller", version: "" }]],
        );
        keep.delete({ ...r, inputs: { ...r.inputs, version: "1.7.2" } }, true);
        assert.deepStrictEqual(world.external.helmReleases.get("kube-system/lbc")?.version, "1.7.2");
        assert.strictEqual(written(world, keep).size, 7, "what it rendered stays with it");

        const theirs = emptyWorld();
        theirs.external.helmReleases.set("kube-system/lbc", { chart: "x", version: "1" });
        const other = new LiveWorld(theirs);
        other.delete(release("lbc"), false);
        assert.ok(releaseTaken(other), "another owner's release stays installed");
    });

    it("deletes the stack's OIDC provider, or leaves it in the account for the next stack when retained", () => {
        const gone = emptyWorld();
        const live = new LiveWorld(gone);
        live.create(oidc("https://oidc.eks/id/A"));
        live.delete(oidc("https://oidc.eks/id/A"), false);
        assert.ok(!live.hasOidcProvider("oidc.eks/id/A"));
        assert.strictEqual(gone.external.oidcProviders.size, 0);

        const world = emptyWorld();
        const keep = new LiveWorld(world);
        const tagged = oidc("https://oidc.eks/id/A", {
            inputs: { url: "https://oidc.eks/id/A", clientIdLists: ["sts.amazonaws.com"], tags: { team: "a" } },
        });
        keep.create(tagged);
        keep.delete(tagged, true);
        assert.ok(keep.hasOidcProvider("oidc.eks/id/A"));
        assert.match(keep.create(oidc("https://oidc.eks/id/A", { urn: "urn:next" })).join(), /EntityAlreadyExists/);
        keep.delete(oidc("https://oidc.eks/id/B"), true);
        assert.deepStrictEqual(
            [...world.external.oidcProviders],
            [
                [
                    "arn:oidc/oidc.eks/id/A",
                    { url: "https://oidc.eks/id/A", clientIdLists: ["sts.amazonaws.com"], tags: { team: "a" } },
                ],
                ["arn:oidc/oidc.eks/id/B", { url: "https://oidc.eks/id/B", clientIdLists: [], tags: {} }],
            ],
        );

        const theirs = emptyWorld();
        theirs.external.oidcProviders.set("arn", { url: "https://oidc.eks/id/A", clientIdLists: [], tags: {} });
        const other = new LiveWorld(theirs);
        other.delete(oidc("https://oidc.eks/id/A"), false);
        assert.ok(other.hasOidcProvider("oidc.eks/id/A"), "another owner's provider stays");
    });

    it("keeps a retained IAM role or policy in the account, by ARN (or URN without one)", () => {
        const world = emptyWorld();
        const live = new LiveWorld(world);
        const role = res("aws:iam/role:Role", "role", { name: "r" }, { outputs: { arn: "arn:role/r", name: "r" } });
        const policy = res("aws:iam/policy:Policy", "policy", { name: "p" }, { outputs: {} });
        live.delete(role, false);
        assert.strictEqual(world.external.iam.size, 0);
        live.delete(role, true);
        live.delete(policy, true);
        live.delete(res("aws:iam/user:User", "user", {}), true);
        assert.deepStrictEqual(
            [...world.external.iam],
            [
                ["arn:role/r", { arn: "arn:role/r", name: "r" }],
                [policy.urn, {}],
            ],
        );
        assert.deepStrictEqual([world.external.helmReleases.size, world.external.oidcProviders.size], [0, 0]);
    });
});

describe("lifecycle: the live world on a create-before-delete replacement", () => {
    it("leaves the object, release or provider the replacement took over under the same name", () => {
        const live = new LiveWorld(emptyWorld());
        const old = ns("web");
        live.create(old);
        live.deleteReplaced(old, ns("web", "web", { inputs: { metadata: { name: "web" }, x: 1 } }));
        assert.ok(holdsNamespace(live, "web"));
        live.deleteReplaced(ns("a", "a"), undefined);
        live.create(ns("b"));
        live.deleteReplaced(ns("b"), ns("b2", "b"));
        assert.ok(!holdsNamespace(live, "b"), "renamed: the old object goes");

        live.create(release("lbc"));
        live.deleteReplaced(release("lbc"), release("lbc", { replicaCount: 2 }));
        assert.ok(releaseTaken(live));
        const renamed = new LiveWorld(emptyWorld());
        renamed.create(release("lbc"));
        const next = res(RELEASE, "lbc", {
            chart: "aws-load-balancer-controller",
            name: "lbc2",
            namespace: "kube-system",
        });
        renamed.create(next);
        renamed.deleteReplaced(release("lbc"), next);
        assert.ok(!releaseTaken(renamed), "another name: the old release is uninstalled");

        live.create(oidc("https://oidc.eks/id/A"));
        live.deleteReplaced(
            oidc("https://oidc.eks/id/A"),
            oidc("https://oidc.eks/id/A", { inputs: { url: "https://oidc.eks/id/A", tags: {} } }),
        );
        assert.ok(live.hasOidcProvider("oidc.eks/id/A"));
        live.deleteReplaced(oidc("https://oidc.eks/id/A"), oidc("https://oidc.eks/id/B"));
        assert.ok(!live.hasOidcProvider("oidc.eks/id/A"), "another URL: the old provider is deleted");
        live.create(oidc("https://oidc.eks/id/C"));
        live.deleteReplaced(oidc("https://oidc.eks/id/C"), undefined);
        assert.ok(!live.hasOidcProvider("oidc.eks/id/C"), "replaced under another URN (an alias): deleted");
    });

    it("abandons the old object instead when it is retained on delete", () => {
        const world = emptyWorld();
        const live = new LiveWorld(world);
        const old = ns("old", "web", { options: retained });
        live.create(old);
        live.deleteReplaced(old, ns("new", "web"));
        assert.ok(written(world, live).has(kubernetesKey("v1", "Namespace", "", "old")));
    });
});

describe("lifecycle: the webhook Secret cert-manager writes (issue 9 defect 5)", () => {
    it("appears with the release (enableCertManager) and outlives it, owned by nobody in the stack", () => {
        const world = emptyWorld();
        const live = new LiveWorld(world);
        const r = release("lbc", { enableCertManager: true });
        assert.deepStrictEqual(live.create(r), []);
        const secret = {
            metadata: { name: "aws-load-balancer-tls", labels: {}, annotations: {} },
            certificate: CERTIFICATE,
        };
        assert.deepStrictEqual(written(world, live, r).get(TLS), secret);
        live.delete(r, false);
        assert.deepStrictEqual(written(world, live).get(TLS), secret);
    });

    it("never replaces a Secret the cluster already holds", () => {
        const runbook = { metadata: { name: "aws-load-balancer-tls", namespace: "kube-system" } };
        const world = emptyWorld();
        world.external.kubernetes.set(TLS, runbook);
        const live = new LiveWorld(world);
        live.create(release("lbc", { enableCertManager: true }));
        live.create(patch(HELM_OWNED));
        assert.deepStrictEqual(written(world, live).get(TLS), runbook);
    });

    it("carries the CertificatePatch's secretTemplate while the patch exists, so a switch to selfSigned adopts it", () => {
        const world = emptyWorld();
        const live = new LiveWorld(world);
        const certManager = release("lbc", { enableCertManager: true });
        live.create(certManager);
        const p = patch(HELM_OWNED);
        live.create(p);
        assert.deepStrictEqual(written(world, live).get(TLS)?.metadata, {
            name: "aws-load-balancer-tls",
            ...HELM_OWNED,
        });
        assert.deepStrictEqual(live.update(certManager, release("lbc")), [], "Helm adopts the Secret it now renders");

        const again = emptyWorld();
        const back = new LiveWorld(again);
        back.create(certManager);
        back.create(p);
        back.delete(p, true);
        assert.deepStrictEqual(
            written(again, back).get(TLS)?.metadata,
            { name: "aws-load-balancer-tls", ...HELM_OWNED },
            "retained",
        );
        back.delete(p, false);
        assert.deepStrictEqual(written(again, back).get(TLS)?.metadata, {
            name: "aws-load-balancer-tls",
            labels: {},
            annotations: {},
        });
        back.update(p, patch(undefined));
        assert.deepStrictEqual(written(again, back).get(TLS)?.metadata, {
            name: "aws-load-balancer-tls",
            labels: {},
            annotations: {},
        });
        assert.match(
            back.update(certManager, release("lbc")).join(),
            /invalid ownership metadata; label validation error: missing key/,
        );
    });

    it("changes nothing without a release in the Secret's namespace, or for a Certificate of another namespace", () => {
        const left = { metadata: { name: "aws-load-balancer-tls" }, certificate: CERTIFICATE };
        const world = emptyWorld();
        world.external.kubernetes.set(TLS, left);
        const live = new LiveWorld(world);
        live.create(patch(HELM_OWNED));
        assert.deepStrictEqual(written(world, live).get(TLS), left, "no Certificate any more");
        const elsewhere = emptyWorld();
        const other = new LiveWorld(elsewhere);
        other.create(release("lbc", { enableCertManager: true }));
        other.create(patch(HELM_OWNED, "other"));
        other.create(res(PATCH, "default", { metadata: { name: CERTIFICATE }, spec: { secretTemplate: HELM_OWNED } }));
        assert.deepStrictEqual(written(elsewhere, other).get(TLS)?.metadata, {
            name: "aws-load-balancer-tls",
            labels: {},
            annotations: {},
        });
    });
});

describe("lifecycle: the webhook Secret's labels across changes and runs", () => {
    const metadataOf = (world: World, live: LiveWorld, key = TLS) => written(world, live).get(key)?.metadata;
    const OTHER = { labels: { team: "a" }, annotations: { note: "b" } };

    it("follows an updated patch, and forgets a patch that sets no secretTemplate", () => {
        const world = emptyWorld();
        const live = new LiveWorld(world);
        live.create(release("lbc", { enableCertManager: true }));
        live.create(patch(HELM_OWNED));
        live.update(patch(HELM_OWNED), patch(OTHER));
        assert.deepStrictEqual(metadataOf(world, live), { name: "aws-load-balancer-tls", ...OTHER });
        const metadataOnly = res(PATCH, "patch", { metadata: { name: CERTIFICATE, namespace: "kube-system" } });
        live.update(patch(OTHER), metadataOnly);
        assert.deepStrictEqual(metadataOf(world, live), { name: "aws-load-balancer-tls", labels: {}, annotations: {} });
    });

    it("a patch without a namespace is in default, with a release there", () => {
        const world = emptyWorld();
        const live = new LiveWorld(world);
        live.create(
            res(RELEASE, "lbc", {
                chart: "aws-load-balancer-controller",
                name: "lbc",
                values: { enableCertManager: true },
            }),
        );
        live.create(res(PATCH, "patch", { metadata: { name: CERTIFICATE }, spec: { secretTemplate: OTHER } }));
        const key = kubernetesKey("v1", "Secret", "default", "aws-load-balancer-tls");
        assert.deepStrictEqual(metadataOf(world, live, key), { name: "aws-load-balancer-tls", ...OTHER });
    });

    it("needs a release in the Secret's own namespace to rewrite it", () => {
        const left = { metadata: { name: "aws-load-balancer-tls" }, certificate: CERTIFICATE };
        const world = emptyWorld();
        world.external.kubernetes.set(TLS, left);
        const live = new LiveWorld(world);
        live.create(
            res(RELEASE, "elsewhere", {
                chart: "aws-load-balancer-controller",
                name: "x",
                namespace: "other",
                values: { enableCertManager: true },
            }),
        );
        live.create(patch(HELM_OWNED));
        assert.deepStrictEqual(written(world, live).get(TLS), left);
    });

    it("keeps the labels a patch wrote while the next run changes other resources", () => {
        const certManager = release("lbc", { enableCertManager: true });
        const p = patch(HELM_OWNED);
        const world = emptyWorld();
        world.state.set(certManager.urn, certManager);
        world.state.set(p.urn, p);
        world.external.kubernetes.set(TLS, {
            metadata: { name: "aws-load-balancer-tls", ...HELM_OWNED },
            certificate: CERTIFICATE,
        });
        const live = new LiveWorld(world);
        assert.deepStrictEqual(live.create(ns("web")), []);
        assert.deepStrictEqual(metadataOf(world, live), { name: "aws-load-balancer-tls", ...HELM_OWNED });
    });
});

describe("lifecycle: the live world on uninstall and after the run", () => {
    it("uninstall deletes every object of the release's manifest by name, even one another resource took over", () => {
        const live = new LiveWorld(emptyWorld());
        live.create(release("lbc"));
        const ingressClass = res("kubernetes:networking.k8s.io/v1:IngressClass", "alb", { metadata: { name: "alb" } });
        assert.deepStrictEqual(live.create(ingressClass, false, true), []);
        live.delete(release("lbc"), false);
        assert.deepStrictEqual(
            live.create(res("kubernetes:networking.k8s.io/v1:IngressClass", "again", { metadata: { name: "alb" } })),
            [],
        );
    });

    it("leaves a release's objects outside when the release left the state, whatever else shares its name", () => {
        const world = emptyWorld();
        const live = new LiveWorld(world);
        const lbc = res(RELEASE, "lbc", { chart: "aws-load-balancer-controller", name: "lbc", namespace: "default" });
        live.create(lbc);
        const role = res(
            "aws:iam/role:Role",
            "role",
            { name: "lbc" },
            { outputs: { name: "lbc", arn: "arn:role/lbc" } },
        );
        assert.strictEqual(written(world, live, role).size, 7, "the IAM role lbc is no Helm release default/lbc");
        assert.strictEqual(written(world, live, lbc).size, 0);
    });
});
