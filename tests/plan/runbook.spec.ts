import * as assert from "assert";
import { ROOT } from "../../plan/evaluate";
import type { Recorded } from "../../plan/engine";
import { IMPORT_REPLACE_REFUSED, afterImport } from "../../plan/lifecycle/afterImport";
import { albFates, ingressesOf } from "../../plan/lifecycle/albs";
import { objectKeyOf } from "../../plan/lifecycle/live";
import { RUNBOOK_APPS, runbookControllerRelease, runbookIngress, runbookWorld } from "../../plan/lifecycle/runbook";
import {
    type StateResource,
    type Step,
    type World,
    cloneWorld,
    kubernetesKey,
    noChanges,
    up,
} from "../../plan/lifecycle/world";
import { type StackFiles, loadStackFiles } from "../../plan/stackFiles";

/** `files` with these project config values replaced (as the engine passes them: objects as JSON). */
function withConfig(files: StackFiles, values: Record<string, unknown>): StackFiles {
    const config = { ...files.config };
    for (const [key, value] of Object.entries(values)) {
        config[`${files.project}:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return { ...files, config };
}

/** Resource name → the errors of its step, for the steps that have any. */
function errorsByResource(steps: readonly Step[]): Record<string, string[]> {
    return Object.fromEntries(steps.filter((s) => s.errors.length > 0).map((s) => [s.name, s.errors]));
}

/**
 * What the engine did after importing each object of `steps` (`<name> <op>[ <errors>]`): a Kubernetes object
 * reads as the world holds it, a Helm release as `releases` (by `<namespace>/<name>`) says.
 */
function afterImports(
    before: World,
    after: World,
    steps: readonly Step[],
    releases: Record<string, Record<string, unknown>> = {},
): string[] {
    return steps
        .filter((s) => s.op === "import")
        .map((s) => {
            const r: StateResource = after.state.get(s.urn)!;
            const registration: Recorded = { ...r, propertyDependencies: {}, secretInputs: [] };
            const read =
                r.type === "kubernetes:helm.sh/v3:Release"
                    ? releases[`${r.inputs.namespace}/${r.inputs.name}`]
                    : before.external.kubernetes.get(objectKeyOf(r.type, r.inputs)!)!;
            const d = afterImport(read, registration);
            return `${s.name} ${d.op}${d.errors.length > 0 ? ` ${d.errors.join(" ")}` : ""}`;
        })
        .sort();
}

/** What importing the runbook's controller release reads. */
const ID = "kube-system/aws-load-balancer-controller";
const RELEASES = { [ID]: runbookControllerRelease() };

/** The README's `adopt` block for the dev stack on the runbook's cluster. */
const ADOPT = {
    helmReleases: ["kube-system/aws-load-balancer-controller"],
    serviceAccounts: ["kube-system/aws-load-balancer-controller"],
    namespaces: ["alb-test-01", "ecsdemo-frontend"],
    services: ["alb-test-01/alb-test-01", "ecsdemo-frontend/ecsdemo-frontend"],
    ingresses: ["alb-test-01/alb-test-01", "ecsdemo-frontend/ecsdemo-frontend"],
};

/** The runbook's cluster after the README's `kubectl delete deployment` step (their selectors cannot change). */
function withoutRunbookDeployments(world: World): World {
    const next = cloneWorld(world);
    for (const app of RUNBOOK_APPS) {
        next.external.kubernetes.delete(kubernetesKey("apps/v1", "Deployment", app.namespace, app.name));
    }
    return next;
}

describe("migration from the runbook (lifecycle world)", function () {
    this.timeout(300_000);
    const dev = loadStackFiles(ROOT, "dev");
    const controller = JSON.parse(dev.config[`${dev.project}:controller`]) as Record<string, unknown>;
    /** The dev stack with the README's migration settings: adopt, and keep the runbook's cert-manager. */
    const migrating = withConfig(dev, { adopt: ADOPT, controller: { ...controller, installCertManager: false } });

    it("without migration settings, every object the runbook left makes `up` fail", async () => {
        const { steps } = await up(runbookWorld(), dev);
        const errors = errorsByResource(steps);
        assert.deepStrictEqual(Object.keys(errors).sort(), [
            "alb-test-01-deploy",
            "alb-test-01-ing",
            "alb-test-01-ns",
            "alb-test-01-svc",
            "ecsdemo-frontend-deploy",
            "ecsdemo-frontend-ing",
            "ecsdemo-frontend-ns",
            "ecsdemo-frontend-svc",
            "lbc-cert-manager",
            "lbc-release",
            "lbc-sa",
        ]);
        assert.match(errors["lbc-sa"].join(), /serviceaccounts "aws-load-balancer-controller" already exists/);
        assert.match(errors["alb-test-01-ing"].join(), /ingresses "alb-test-01" already exists/);
        assert.match(errors["lbc-release"].join(), /cannot re-use a name that is still in use/);
        // The runbook's cert-manager (its release manifest) owns the CRDs the chart would install.
        assert.match(errors["lbc-cert-manager"].join(), /exists and cannot be imported into the current release/);
    });

    it("with them, `up` imports what the runbook left, creates the rest, and a second `up` changes nothing", async () => {
        const first = await up(withoutRunbookDeployments(runbookWorld()), migrating);
        assert.deepStrictEqual(errorsByResource(first.steps), {});
        assert.deepStrictEqual(
            first.steps
                .filter((s) => s.op === "import")
                .map((s) => s.name)
                .sort(),
            [
                "alb-test-01-ing",
                "alb-test-01-ns",
                "alb-test-01-svc",
                "ecsdemo-frontend-ing",
                "ecsdemo-frontend-ns",
                "ecsdemo-frontend-svc",
                "lbc-release",
                "lbc-sa",
            ],
        );
        const second = await up(first.world, migrating);
        assert.deepStrictEqual(
            second.steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.name}`),
            [],
        );
        assert.ok(noChanges(second.steps));
    });

    it("fails to import an object the adopt block lists but the cluster does not hold", async () => {
        const world = withoutRunbookDeployments(runbookWorld());
        world.external.kubernetes.delete(
            kubernetesKey("networking.k8s.io/v1", "Ingress", "alb-test-01", "alb-test-01"),
        );
        world.external.helmReleases.delete("kube-system/aws-load-balancer-controller");
        const errors = errorsByResource((await up(world, migrating)).steps);
        assert.deepStrictEqual(Object.keys(errors).sort(), ["alb-test-01-ing", "lbc-release"]);
        assert.match(errors["alb-test-01-ing"].join(), /does not exist/);
        assert.match(
            errors["lbc-release"].join(),
            /resource 'kube-system\/aws-load-balancer-controller' does not exist/,
        );
    });

    it("keeps the runbook's ALBs: same Ingress namespace, name and scheme", async () => {
        const { world } = await up(withoutRunbookDeployments(runbookWorld()), migrating);
        const fates = albFates(RUNBOOK_APPS.map(runbookIngress), ingressesOf(world));
        assert.deepStrictEqual(
            fates.map((f) => `${f.stack} ${f.fate}`),
            ["alb-test-01/alb-test-01 kept", "ecsdemo-frontend/ecsdemo-frontend kept"],
        );
    });

    it("tells when an app's new scheme makes the controller replace the runbook's ALB", async () => {
        const apps = JSON.parse(dev.config[`${dev.project}:apps`]) as Record<string, unknown>[];
        const internal = withConfig(migrating, {
            apps: apps.map((a) => (a.name === "alb-test-01" ? { ...a, scheme: "internal" } : a)),
        });
        const { world } = await up(withoutRunbookDeployments(runbookWorld()), internal);
        const fates = albFates(RUNBOOK_APPS.map(runbookIngress), ingressesOf(world));
        assert.deepStrictEqual(
            fates.map((f) => `${f.stack} ${f.fate}`),
            ["alb-test-01/alb-test-01 replaced", "ecsdemo-frontend/ecsdemo-frontend kept"],
        );
    });

    it("adopts a cert-manager the runbook installed with Helm instead of keeping it outside the stack", async () => {
        const world = withoutRunbookDeployments(runbookWorld({ certManager: "helm" }));
        const adopt = { ...ADOPT, helmReleases: [...ADOPT.helmReleases, "cert-manager/cert-manager"] };
        const withHelm = withConfig(dev, { adopt });
        const first = await up(world, withHelm);
        assert.deepStrictEqual(errorsByResource(first.steps), {});
        assert.strictEqual(first.steps.find((s) => s.name === "lbc-cert-manager")?.op, "import");
        assert.ok(noChanges((await up(first.world, withHelm)).steps));
        // Without adopting it, the stack's cert-manager install meets the runbook's release.
        const errors = errorsByResource((await up(world, withConfig(dev, { adopt: ADOPT }))).steps);
        assert.deepStrictEqual(Object.keys(errors), ["lbc-cert-manager"]);
        assert.match(errors["lbc-cert-manager"].join(), /cannot re-use a name that is still in use/);
    });

    describe("what the engine does right after each import (diff against what it read)", () => {
        it("updates every adopted object in place; none needs a replace", async () => {
            const before = withoutRunbookDeployments(runbookWorld());
            const { world, steps } = await up(before, migrating);
            assert.deepStrictEqual(afterImports(before, world, steps, RELEASES), [
                "alb-test-01-ing update",
                "alb-test-01-ns update",
                "alb-test-01-svc update",
                "ecsdemo-frontend-ing update",
                "ecsdemo-frontend-ns update",
                "ecsdemo-frontend-svc update",
                "lbc-release update",
                "lbc-sa update",
            ]);
        });

        it("replaces the adopted release, which `up` refuses, when its values leave out enableCertManager", async () => {
            // The release is replaced when the webhook certificate mode changes (components/controller/release.ts
            // replaceOnChanges), and a value the runbook left to the chart's default is absent from what is read.
            const before = withoutRunbookDeployments(runbookWorld());
            const { world, steps } = await up(before, migrating);
            const release = runbookControllerRelease();
            const { enableCertManager, ...values } = release.values;
            assert.strictEqual(enableCertManager, true);
            const line = afterImports(before, world, steps, { [ID]: { ...release, values } }).find((l) =>
                l.startsWith("lbc-release "),
            );
            assert.strictEqual(line, `lbc-release replace ${IMPORT_REPLACE_REFUSED} (values.enableCertManager differ)`);
        });

        it("would replace an adopted Service whose live cluster IP the program does not keep, which `up` refuses", async () => {
            const before = withoutRunbookDeployments(runbookWorld());
            const { world, steps } = await up(before, migrating);
            const service = world.state.get(steps.find((s) => s.name === "alb-test-01-svc")!.urn)!;
            assert.deepStrictEqual(service.options.ignoreChanges, ["spec.clusterIP"]);
            const registration: Recorded = {
                ...service,
                options: { ...service.options, ignoreChanges: [] },
                propertyDependencies: {},
                secretInputs: [],
            };
            const read = before.external.kubernetes.get(objectKeyOf(service.type, service.inputs)!)!;
            const d = afterImport(read, registration);
            assert.deepStrictEqual([d.op, d.replaceKeys], ["replace", ["spec.clusterIP"]]);
            assert.ok(d.errors.some((e) => e.startsWith(IMPORT_REPLACE_REFUSED)));
        });

        it("cannot adopt the runbook's Deployments: their label selector differs and is immutable", async () => {
            const before = runbookWorld();
            const deployments = RUNBOOK_APPS.map((a) => `${a.namespace}/${a.name}`);
            const adoptAll = withConfig(migrating, { adopt: { ...ADOPT, deployments } });
            const { world, steps } = await up(before, adoptAll);
            const refused = afterImports(before, world, steps).filter((line) => line.includes(IMPORT_REPLACE_REFUSED));
            assert.deepStrictEqual(
                refused.map((line) => line.split(" ").slice(0, 2).join(" ")),
                ["alb-test-01-deploy replace", "ecsdemo-frontend-deploy replace"],
            );
            assert.ok(refused.every((line) => line.endsWith("(spec.selector differ)")));
        });
    });
});
