import * as assert from "assert";
import { ConfigErrors, parseStackConfig } from "../../stack/config";
import {
    ADOPT_KINDS,
    ADOPTABLE,
    type AdoptConfig,
    NO_ADOPTION,
    PATCH_FORCE_ANNOTATION,
    checkAdoptConfig,
    declaredObjects,
} from "../../stack/migration";
import { createStack } from "../../stack/program";
import { recorded, settle } from "../harness/mocks";

const APPS = [
    {
        name: "alb-test-01",
        image: "public.ecr.aws/nginx/nginx:1.27",
        containerPort: 80,
        servicePort: 8080,
        targetType: "instance",
        scheme: "internet-facing",
    },
    {
        name: "ecsdemo-frontend",
        image: "public.ecr.aws/aws-containers/ecsdemo-frontend:1.0.0",
        containerPort: 3000,
        targetType: "ip",
        scheme: "internet-facing",
    },
];

/** What the runbook leaves that the stack declares (the README's `adopt` block). */
const RUNBOOK_ADOPT = {
    helmReleases: ["kube-system/aws-load-balancer-controller"],
    serviceAccounts: ["kube-system/aws-load-balancer-controller"],
    namespaces: ["alb-test-01", "ecsdemo-frontend"],
    services: ["alb-test-01/alb-test-01", "ecsdemo-frontend/ecsdemo-frontend"],
    ingresses: ["alb-test-01/alb-test-01", "ecsdemo-frontend/ecsdemo-frontend"],
};

/** The problems `checkAdoptConfig` reports for `raw`, as `key: message`. */
function problemsOf(raw: unknown, declaring = { controller: {}, apps: APPS }): string[] {
    const out: string[] = [];
    checkAdoptConfig(raw, declaring, (key, message) => out.push(`${key}: ${message}`));
    return out;
}

/** The config errors `parseStackConfig` throws, as `key: problem`. */
function configErrors(raw: Record<string, unknown>): string[] {
    try {
        parseStackConfig(raw);
    } catch (e) {
        if (e instanceof ConfigErrors) return e.errors.map((x) => `${x.key}: ${x.problem}`);
        throw e;
    }
    return [];
}

describe("migration from the runbook: the adopt config", () => {
    it("adopts nothing by default, and accepts every object the runbook leaves that the stack declares", () => {
        assert.deepStrictEqual(parseStackConfig({ clusterName: "c" }).adopt, NO_ADOPTION);
        assert.deepStrictEqual(problemsOf(RUNBOOK_ADOPT), []);
        const adopt = parseStackConfig({ clusterName: "c", apps: APPS, adopt: RUNBOOK_ADOPT }).adopt;
        assert.deepStrictEqual(adopt, { ...NO_ADOPTION, ...RUNBOOK_ADOPT });
    });

    it("names the key and what is allowed for every malformed entry", () => {
        assert.deepStrictEqual(problemsOf(["kube-system/x"]), [
            `adopt: must be a map of ${ADOPT_KINDS.join(", ")} to lists of object ids, got ["kube-system/x"]`,
        ]);
        assert.deepStrictEqual(problemsOf({ configMaps: [] }), [
            `adopt.configMaps: is not a kind this stack can adopt; known: ${ADOPT_KINDS.join(", ")}`,
        ]);
        assert.deepStrictEqual(problemsOf({ services: "alb-test-01/alb-test-01" }), [
            'adopt.services: must be a list of Service ids, got "alb-test-01/alb-test-01"',
        ]);
        const [slashless, tooMany, upper] = problemsOf({ ingresses: ["alb-test-01", "a/b/c", "Alb/x"] });
        assert.match(slashless, /^adopt\.ingresses\[0\]: must be "<namespace>\/<name>" .*got "alb-test-01"$/);
        assert.match(tooMany, /^adopt\.ingresses\[1\]: must be "<namespace>\/<name>"/);
        assert.match(upper, /^adopt\.ingresses\[2\]: must be "<namespace>\/<name>"/);
        assert.match(
            problemsOf({ namespaces: ["kube-system/x"] })[0],
            /^adopt\.namespaces\[0\]: must be a namespace name: a DNS-1123 label/,
        );
        assert.deepStrictEqual(problemsOf({ namespaces: ["alb-test-01", "alb-test-01"] }), [
            'adopt.namespaces[1]: repeats "alb-test-01"',
        ]);
    });

    it("refuses an object the stack does not declare, listing the ones it does", () => {
        assert.deepStrictEqual(problemsOf({ ingresses: ["default/alb-test-01"] }), [
            'adopt.ingresses[0]: names "default/alb-test-01", which this stack does not declare; the Ingress objects it declares: "alb-test-01/alb-test-01", "ecsdemo-frontend/ecsdemo-frontend"',
        ]);
        // The controller's own namespace is not created by default, so it cannot be adopted either.
        assert.match(
            problemsOf({ namespaces: ["kube-system"] })[0],
            /^adopt\.namespaces\[0\]: names "kube-system", which/,
        );
        // Through the stack config, under the config key.
        assert.deepStrictEqual(configErrors({ clusterName: "c", apps: APPS, adopt: { services: ["x/y"] } }), [
            'adopt.services[0]: names "x/y", which this stack does not declare; the Service objects it declares: "alb-test-01/alb-test-01", "ecsdemo-frontend/ecsdemo-frontend"',
        ]);
    });

    it("derives each declared object from the settings that name it", () => {
        const objects = declaredObjects({
            controller: {
                namespace: "lbc-system",
                createNamespace: true,
                serviceAccountName: "lbc",
                certManagerNamespace: "certs",
            },
            apps: [
                { name: "web", namespace: "shared" },
                { name: "api", namespace: "shared", createNamespace: false },
            ],
        });
        assert.deepStrictEqual(
            objects.map((o) => `${o.kind} ${o.id} ← ${o.name}`),
            [
                "namespaces lbc-system ← lbc-ns",
                "serviceAccounts lbc-system/lbc ← lbc-sa",
                "helmReleases certs/cert-manager ← lbc-cert-manager",
                "helmReleases lbc-system/aws-load-balancer-controller ← lbc-release",
                "namespaces shared ← web-ns",
                "deployments shared/web ← web-deploy",
                "services shared/web ← web-svc",
                "ingresses shared/web ← web-ing",
                "deployments shared/api ← api-deploy",
                "services shared/api ← api-svc",
                "ingresses shared/api ← api-ing",
            ],
        );
        for (const o of objects) assert.strictEqual(o.type, ADOPTABLE[o.kind].type);
        // No cert-manager release when the cluster has cert-manager, or with self-signed certificates.
        for (const controller of [{ installCertManager: false }, { webhookCertificates: "selfSigned" as const }]) {
            const ids = declaredObjects({ controller, apps: [] }).map((o) => o.id);
            assert.deepStrictEqual(ids, [
                "kube-system/aws-load-balancer-controller",
                "kube-system/aws-load-balancer-controller",
            ]);
        }
    });
});

/** The controller's CRDs, which the component always applies with patchForce (components/controller/controllerCrds.ts). */
const CRD = "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition";

describe("migration from the runbook: the stack program", () => {
    const adopted = () =>
        recorded.filter((r) => r.options.importId !== "").map((r) => `${r.type} ${r.name} ${r.options.importId}`);

    it("imports exactly the resources that declare an adopted object, and forces server-side apply on them", async () => {
        await createStack(parseStackConfig({ clusterName: "eksworkshop", apps: APPS, adopt: RUNBOOK_ADOPT }));
        await settle();
        assert.deepStrictEqual(adopted().sort(), [
            "kubernetes:core/v1:Namespace alb-test-01-ns alb-test-01",
            "kubernetes:core/v1:Namespace ecsdemo-frontend-ns ecsdemo-frontend",
            "kubernetes:core/v1:Service alb-test-01-svc alb-test-01/alb-test-01",
            "kubernetes:core/v1:Service ecsdemo-frontend-svc ecsdemo-frontend/ecsdemo-frontend",
            "kubernetes:core/v1:ServiceAccount lbc-sa kube-system/aws-load-balancer-controller",
            "kubernetes:helm.sh/v3:Release lbc-release kube-system/aws-load-balancer-controller",
            "kubernetes:networking.k8s.io/v1:Ingress alb-test-01-ing alb-test-01/alb-test-01",
            "kubernetes:networking.k8s.io/v1:Ingress ecsdemo-frontend-ing ecsdemo-frontend/ecsdemo-frontend",
        ]);
        // (the controller's CRDs always force: components/controller/controllerCrds.ts; tests/components/controller/controllerCrds.spec.ts)
        for (const r of recorded.filter((x) => x.type.startsWith("kubernetes:") && x.custom && x.type !== CRD)) {
            const force = r.inputs.metadata?.annotations?.[PATCH_FORCE_ANNOTATION];
            const expected = r.options.importId !== "" && r.type !== ADOPTABLE.helmReleases.type ? "true" : undefined;
            assert.strictEqual(force, expected, `${r.name}: ${PATCH_FORCE_ANNOTATION}`);
        }
        // The adopted objects keep the names and inputs the stack declares: the import id is the object itself.
        for (const r of recorded.filter((x) => x.options.importId !== "" && x.type !== ADOPTABLE.helmReleases.type)) {
            const { name, namespace } = r.inputs.metadata;
            assert.strictEqual(r.options.importId, namespace ? `${namespace}/${name}` : name, r.name);
        }
        // A Service keeps the cluster IP the API server gave it (a force-new field the program does not set).
        for (const r of recorded.filter((x) => x.type.startsWith("kubernetes:") && x.custom)) {
            const expected = r.options.importId !== "" && r.type === ADOPTABLE.services.type ? ["spec.clusterIP"] : [];
            assert.deepStrictEqual(r.options.ignoreChanges, expected, `${r.name}: ignoreChanges`);
        }
        const ingress = recorded.find((r) => r.name === "alb-test-01-ing")!;
        assert.strictEqual(ingress.inputs.metadata.annotations["alb.ingress.kubernetes.io/scheme"], "internet-facing");
    });

    it("imports nothing without an adopt config", async () => {
        await createStack(parseStackConfig({ clusterName: "eksworkshop", apps: APPS }));
        await settle();
        assert.deepStrictEqual(
            adopted().filter((a) => a.startsWith("kubernetes:")),
            [],
        );
        assert.ok(
            recorded
                .filter((r) => r.type !== CRD)
                .every((r) => r.inputs.metadata?.annotations?.[PATCH_FORCE_ANNOTATION] === undefined),
        );
    });

    it("adopts only what is listed: one Ingress of two", async () => {
        const adopt: Partial<AdoptConfig> = { ingresses: ["ecsdemo-frontend/ecsdemo-frontend"] };
        await createStack(parseStackConfig({ clusterName: "eksworkshop", apps: APPS, adopt }));
        await settle();
        assert.deepStrictEqual(
            adopted().filter((a) => a.startsWith("kubernetes:")),
            ["kubernetes:networking.k8s.io/v1:Ingress ecsdemo-frontend-ing ecsdemo-frontend/ecsdemo-frontend"],
        );
    });
});
