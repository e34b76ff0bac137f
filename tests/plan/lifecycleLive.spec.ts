import * as assert from "assert";
import { LiveWorld, objectKeyOf, releaseId } from "../../plan/lifecycle/live";
import { type StateResource, type World, emptyWorld, kubernetesKey } from "../../plan/lifecycle/world";
import { CERT_MANAGER_CRD_NAMES } from "../harness/fixtures";
import { aStateResource } from "../harness/graph";

/** The live world's unit: what exists in the cluster and the account while an update runs, and who owns it. */

const NS = "kubernetes:core/v1:Namespace";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const OIDC = "aws:iam/openIdConnectProvider:OpenIdConnectProvider";
const CRD = "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition";
const PATCH = "kubernetes:cert-manager.io/v1:CertificatePatch";
const TLS = kubernetesKey("v1", "Secret", "kube-system", "aws-load-balancer-tls");
const CLASS = kubernetesKey("networking.k8s.io/v1", "IngressClass", "", "alb");

const res = aStateResource;
const ns = (name: string, urnName = name) => res(NS, urnName, { metadata: { name } });
const release = (name: string, values: Record<string, unknown> = {}, urnName = name) =>
    res(RELEASE, urnName, { chart: "aws-load-balancer-controller", name, namespace: "kube-system", values });
const oidc = (url: string, urnName = "oidc") =>
    res(OIDC, urnName, { url, clientIdLists: ["sts.amazonaws.com"] }, { outputs: { arn: `arn:oidc/${url}` } });
const crd = (stored: string, versions: string[], name = "targetgroupbindings.elbv2.k8s.aws") =>
    res(CRD, name, {
        metadata: { name },
        spec: { versions: versions.map((v) => ({ name: v, storage: v === stored })) },
    });

/** A world holding one object outside the stack. */
function holding(key: string, object: Record<string, unknown>): World {
    const world = emptyWorld();
    world.external.kubernetes.set(key, object);
    return world;
}

/** What `live` leaves in the cluster outside `state`. */
function leftOutside(world: World, live: LiveWorld, ...state: StateResource[]): string[] {
    live.writeExternal(new Map(state.map((r) => [r.urn, r])));
    return [...world.external.kubernetes.keys()].sort();
}

describe("lifecycle: the live world (objects and owners during an update)", () => {
    it("keys a Kubernetes object by apiVersion, kind, namespace (cluster-scoped: _; none: default) and name", () => {
        assert.strictEqual(objectKeyOf(NS, { metadata: { name: "web" } }), "v1/Namespace/_/web");
        assert.strictEqual(
            objectKeyOf("kubernetes:apps/v1:Deployment", { metadata: { name: "web" } }),
            "apps/v1/Deployment/default/web",
        );
        assert.strictEqual(
            objectKeyOf("kubernetes:apps/v1:Deployment", { metadata: { name: "web", namespace: "shop" } }),
            "apps/v1/Deployment/shop/web",
        );
        assert.strictEqual(objectKeyOf(NS, {}), "v1/Namespace/_/");
        assert.strictEqual(objectKeyOf("kubernetes:apps/v1:Deployment", {}), "apps/v1/Deployment/default/");
        for (const type of [
            "kubernetes:core/v1:ConfigMapList",
            PATCH,
            "kubernetes:core/v1:ConfigMapPatch",
            RELEASE,
            OIDC,
        ])
            assert.strictEqual(objectKeyOf(type, { metadata: { name: "x" } }), undefined, type);
    });

    it("names a release <namespace>/<name>, in default when no namespace is given", () => {
        assert.strictEqual(releaseId({ namespace: "kube-system", name: "lbc" }), "kube-system/lbc");
        assert.strictEqual(releaseId({}), "default/");
    });

    it("fails a create over an object someone else holds with the API server's AlreadyExists, by plural", () => {
        const world = holding(kubernetesKey("v1", "Namespace", "", "web"), { metadata: { name: "web" } });
        world.external.kubernetes.set(kubernetesKey("networking.k8s.io/v1", "Ingress", "web", "web"), {});
        const live = new LiveWorld(world);
        const exists =
            " already exists (pulumi-kubernetes creates client-side since 4.29: provider/pkg/await/await.go Creation)";
        assert.deepStrictEqual(live.create(ns("web")), [`namespaces "web"${exists}`]);
        const ingress = { metadata: { name: "web", namespace: "web" } };
        assert.deepStrictEqual(live.create(res("kubernetes:networking.k8s.io/v1:Ingress", "ing", ingress)), [
            `ingresses "web"${exists}`,
        ]);
        assert.deepStrictEqual(live.create(ns("free")), []);
    });

    it("lets a provider with upsertExistingObjects take an existing object over, and a resource re-create its own", () => {
        const world = holding(kubernetesKey("v1", "Namespace", "", "web"), { metadata: { name: "web" } });
        assert.deepStrictEqual(new LiveWorld(world).create(ns("web"), false, true), []);
        const mine = ns("mine");
        world.state.set(mine.urn, mine);
        const live = new LiveWorld(world);
        assert.deepStrictEqual(live.create(mine), []);
        assert.match(live.create(ns("mine", "other")).join(), /namespaces "mine" already exists/);
    });

    it("imports only what exists: an object the cluster does not hold fails the import", () => {
        const key = kubernetesKey("v1", "Namespace", "", "web");
        const live = new LiveWorld(holding(key, { metadata: { name: "web" } }));
        assert.deepStrictEqual(live.create(ns("web"), true), []);
        assert.deepStrictEqual(live.create(ns("gone"), true), [
            "import: v1/Namespace/_/gone does not exist in the cluster",
        ]);
    });

    it("an upserted CRD keeps the stored versions of the live one and fails when the new manifest drops them", () => {
        const key = kubernetesKey(
            "apiextensions.k8s.io/v1",
            "CustomResourceDefinition",
            "",
            "targetgroupbindings.elbv2.k8s.aws",
        );
        const live = new LiveWorld(holding(key, { status: { storedVersions: ["v1"] } }));
        const invalid = (i: number, v: string) =>
            `CustomResourceDefinition.apiextensions.k8s.io "targetgroupbindings.elbv2.k8s.aws" is invalid: status.storedVersions[${i}]: Invalid value: "${v}": must appear in spec.versions`;
        const created = crd("v1beta1", ["v1beta1"]);
        assert.deepStrictEqual(live.create(created, false, true), [invalid(0, "v1")]);
        // the live object now stores v1 and v1beta1: an update serving v2 only fails for both
        assert.deepStrictEqual(live.update(created, crd("v2", ["v2"])), [invalid(0, "v1"), invalid(1, "v1beta1")]);
        // an update to a manifest serving all of them is accepted
        assert.deepStrictEqual(live.update(created, crd("v2", ["v1", "v1beta1", "v2"])), []);
    });

    it("an updated CRD never seen live is checked against its old inputs", () => {
        const live = new LiveWorld(emptyWorld());
        assert.strictEqual(live.update(crd("v1", ["v1"]), crd("v2", ["v2"])).length, 1);
    });

    it("refuses a second IAM OIDC provider for a URL (EntityAlreadyExists) unless importing it", () => {
        const world = emptyWorld();
        world.external.oidcProviders.set("arn", { url: "https://oidc.eks/id/A", clientIdLists: [], tags: {} });
        const live = new LiveWorld(world);
        assert.ok(live.hasOidcProvider("https://oidc.eks/id/A") && live.hasOidcProvider("oidc.eks/id/A"));
        assert.ok(!live.hasOidcProvider("https://oidc.eks/id/B"));
        assert.deepStrictEqual(live.create(oidc("https://oidc.eks/id/A")), [
            "creating IAM OIDC Provider: EntityAlreadyExists: Provider with url https://oidc.eks/id/A already exists.",
        ]);
        assert.deepStrictEqual(new LiveWorld(world).create(oidc("https://oidc.eks/id/A"), true), []);
        const fresh = new LiveWorld(emptyWorld());
        assert.deepStrictEqual(fresh.create(oidc("https://oidc.eks/id/B")), []);
        assert.ok(fresh.hasOidcProvider("oidc.eks/id/B"), "what the stack created is found by the next look-up");
        const owned = oidc("https://oidc.eks/id/C");
        const state = emptyWorld();
        state.state.set(owned.urn, owned);
        assert.deepStrictEqual(new LiveWorld(state).create(owned), [], "the stack's own provider");
    });

    it("refuses an IAM role or policy whose name the account already holds, unless importing it", () => {
        const world = emptyWorld();
        world.external.iam.set("taken", { name: "taken" });
        const live = new LiveWorld(world);
        assert.deepStrictEqual(live.create(res("aws:iam/role:Role", "r", { name: "taken" })), [
            "creating IAM Role (taken): EntityAlreadyExists",
        ]);
        assert.deepStrictEqual(live.create(res("aws:iam/policy:Policy", "p", { name: "taken" })), [
            "creating IAM Policy (taken): EntityAlreadyExists",
        ]);
        assert.deepStrictEqual(live.create(res("aws:iam/role:Role", "r", { name: "taken" }), true), []);
        assert.deepStrictEqual(live.create(res("aws:iam/role:Role", "r", { name: "free" })), []);
        assert.deepStrictEqual(live.create(res("aws:iam/role:Role", "r", { namePrefix: "taken" })), []);
        assert.deepStrictEqual(live.create(res("aws:iam/user:User", "u", { name: "taken" })), []);
    });
});

describe("lifecycle: the live world's Helm releases", () => {
    it("refuses a taken release name; an import needs the release to exist", () => {
        const world = emptyWorld();
        world.external.helmReleases.set("kube-system/lbc", { chart: "aws-load-balancer-controller", version: "1" });
        assert.deepStrictEqual(new LiveWorld(world).create(release("lbc")), [
            "cannot re-use a name that is still in use",
        ]);
        assert.deepStrictEqual(new LiveWorld(world).create(release("lbc"), true), []);
        assert.deepStrictEqual(new LiveWorld(emptyWorld()).create(release("lbc"), true), [
            "resource 'kube-system/lbc' does not exist",
        ]);
    });

    it("meets an object it renders as Helm does: ownership metadata checked key by key", () => {
        const role = kubernetesKey(
            "rbac.authorization.k8s.io/v1",
            "ClusterRole",
            "",
            "lbc-aws-load-balancer-controller-role",
        );
        const at = 'ClusterRole "lbc-aws-load-balancer-controller-role" in namespace ""';
        const refused = `${at} exists and cannot be imported into the current release: invalid ownership metadata; `;
        assert.deepStrictEqual(new LiveWorld(holding(role, {})).create(release("lbc")), [
            refused +
                'label validation error: missing key "app.kubernetes.io/managed-by": must be set to "Helm"; ' +
                'annotation validation error: missing key "meta.helm.sh/release-name": must be set to "lbc"; ' +
                'annotation validation error: missing key "meta.helm.sh/release-namespace": must be set to "kube-system"',
        ]);
        const other = {
            metadata: {
                labels: { "app.kubernetes.io/managed-by": "eksctl" },
                annotations: { "meta.helm.sh/release-name": "lbc", "meta.helm.sh/release-namespace": "default" },
            },
        };
        assert.deepStrictEqual(new LiveWorld(holding(role, other)).create(release("lbc")), [
            refused +
                'label validation error: key "app.kubernetes.io/managed-by" must equal "Helm": current value is "eksctl"; ' +
                'annotation validation error: key "meta.helm.sh/release-namespace" must equal "kube-system": current value is "default"',
        ]);
    });

    it("takes over an object another install of the same release annotated as its own", () => {
        const annotated = {
            metadata: {
                annotations: { "meta.helm.sh/release-name": "lbc", "meta.helm.sh/release-namespace": "kube-system" },
            },
        };
        assert.deepStrictEqual(new LiveWorld(holding(CLASS, annotated)).create(release("lbc")), []);
        const world = holding(CLASS, annotated);
        new LiveWorld(world).writeExternal(new Map());
        assert.deepStrictEqual(world.external.kubernetes.get(CLASS), annotated, "kept as it was");
    });

    it("an upgrade removes what the release no longer renders; uninstall removes the rest but kept objects", () => {
        const world = emptyWorld();
        const live = new LiveWorld(world);
        const old = release("lbc");
        assert.deepStrictEqual(live.create(old), []);
        const next = release("lbc", { createIngressClassResource: false });
        assert.deepStrictEqual(live.update(old, next), []);
        assert.deepStrictEqual(
            live.create(res("kubernetes:networking.k8s.io/v1:IngressClass", "alb", { metadata: { name: "alb" } })),
            [],
        );
        // the release is gone from the state: what it rendered stays in the cluster, Helm's to manage
        assert.deepStrictEqual(leftOutside(world, live, next).length, 0);
        assert.ok(leftOutside(world, live).includes(TLS));
        live.delete(next, false);
        assert.deepStrictEqual(leftOutside(world, live), []);
        assert.deepStrictEqual(new LiveWorld(world).create(release("lbc")), [], "the name is free again");

        const certManager = res(RELEASE, "cm", {
            chart: "cert-manager",
            name: "cm",
            namespace: "cm",
            values: { crds: { enabled: true } },
        });
        const kept = emptyWorld();
        const cm2 = new LiveWorld(kept);
        cm2.create(certManager);
        cm2.delete(certManager, false);
        assert.deepStrictEqual(
            leftOutside(kept, cm2).map((k) => k.split("/").pop()),
            CERT_MANAGER_CRD_NAMES,
            "helm.sh/resource-policy: keep (crds.keep defaults to true)",
        );
    });
});

describe("lifecycle: the live world of a stack that already ran", () => {
    const ROLE = kubernetesKey(
        "rbac.authorization.k8s.io/v1",
        "ClusterRole",
        "",
        "lbc-aws-load-balancer-controller-role",
    );
    const helmObject = (name: string) => ({
        metadata: {
            name,
            labels: { "app.kubernetes.io/managed-by": "Helm" },
            annotations: { "meta.helm.sh/release-name": "lbc", "meta.helm.sh/release-namespace": "kube-system" },
        },
    });

    function ran(...resources: StateResource[]): World {
        const world = emptyWorld();
        for (const r of resources) world.state.set(r.urn, r);
        return world;
    }

    it("holds what the state holds, as the stack's own: others collide, the stack's resources do not", () => {
        const [web, lbc, provider] = [ns("web"), release("lbc"), oidc("https://oidc.eks/id/A")];
        const world = ran(web, lbc, provider);
        const live = new LiveWorld(world);
        assert.deepStrictEqual(live.create(lbc), [], "the stack's own release");
        assert.deepStrictEqual(new LiveWorld(world).create(release("lbc", {}, "other")), [
            "cannot re-use a name that is still in use",
        ]);
        assert.match(new LiveWorld(world).create(ns("web", "other")).join(), /namespaces "web" already exists/);
        const ingressClass = res("kubernetes:networking.k8s.io/v1:IngressClass", "alb", { metadata: { name: "alb" } });
        assert.match(new LiveWorld(world).create(ingressClass).join(), /ingressclasses "alb" already exists/);
        assert.ok(new LiveWorld(world).hasOidcProvider("oidc.eks/id/A"));
        assert.deepStrictEqual(leftOutside(world, live, web, lbc, provider), [], "nothing outside the stack");
    });

    it("leaves what a release rendered in the cluster, labelled as Helm's, when the release leaves the state", () => {
        const lbc = release("lbc");
        const world = ran(lbc);
        const live = new LiveWorld(world);
        assert.deepStrictEqual(leftOutside(world, live, lbc), [], "the release is still the stack's");
        assert.strictEqual(leftOutside(world, live).length, 7);
        assert.deepStrictEqual(
            world.external.kubernetes.get(ROLE),
            helmObject("lbc-aws-load-balancer-controller-role"),
        );
        assert.deepStrictEqual(world.external.kubernetes.get(TLS), helmObject("aws-load-balancer-tls"));
    });

    it("holds a Helm release only for a release in the state, not for other resources named alike", () => {
        const role = res("aws:iam/role:Role", "role", { name: "lbc" }, { outputs: { name: "lbc" } });
        const lbc = res(RELEASE, "lbc", { chart: "aws-load-balancer-controller", name: "lbc", namespace: "default" });
        assert.deepStrictEqual(new LiveWorld(ran(role)).create(lbc), []);
    });

    it("an updated object is the stack's, and Helm meets it as updated (adopting it by its labels)", () => {
        const role = res("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "role", {
            metadata: { name: "lbc-aws-load-balancer-controller-role" },
        });
        const world = ran(role);
        const live = new LiveWorld(world);
        const labelled = {
            ...role,
            inputs: { metadata: { ...helmObject("lbc-aws-load-balancer-controller-role").metadata } },
        };
        assert.deepStrictEqual(live.update(role, labelled), []);
        assert.deepStrictEqual(leftOutside(world, live, labelled), []);
        assert.deepStrictEqual(live.create(release("lbc")), []);
        assert.match(new LiveWorld(world).create(release("lbc")).join(), /invalid ownership metadata/);
    });

    it("an updated CRD stays the stack's; a CRD created over an existing one without upsert only fails to create", () => {
        const old = crd("v1", ["v1"]);
        const world = ran(old);
        const live = new LiveWorld(world);
        assert.deepStrictEqual(live.update(old, crd("v1", ["v1", "v2"])), []);
        assert.deepStrictEqual(leftOutside(world, live, old), []);
        const key = kubernetesKey(
            "apiextensions.k8s.io/v1",
            "CustomResourceDefinition",
            "",
            "targetgroupbindings.elbv2.k8s.aws",
        );
        const errors = new LiveWorld(holding(key, { status: { storedVersions: ["v1"] } })).create(crd("v2", ["v2"]));
        assert.deepStrictEqual(errors.length, 1);
        assert.match(errors[0], /already exists/);
        assert.deepStrictEqual(new LiveWorld(emptyWorld()).create(crd("v2", ["v2"]), false, true), []);
    });
});
