import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { recorded } from "../../plan/engine";
import { SCENARIO_DIR, runLifecycleChecks } from "../../plan/lifecycle/check";
import { loadScenarios, runScenario } from "../../plan/lifecycle/scenarios";
import {
    type Step,
    type World,
    cloneWorld,
    destroy,
    emptyWorld,
    kubernetesKey,
    noChanges,
    up,
} from "../../plan/lifecycle/world";
import { type StackFiles, listStacks, loadStackFiles } from "../../plan/stackFiles";
import { smallStack } from "../harness/stackFiles";

const ROOT = path.resolve(__dirname, "..", "..");

/** Stack files for a small stack on an existing cluster "demo": one ip-target app, the given controller args. */
const stack = (controller: Record<string, unknown> = {}, apps?: unknown[]): StackFiles =>
    smallStack({ controller, apps });

const named = (steps: readonly Step[], name: string) => {
    const s = steps.find((x) => x.name === name);
    assert.ok(s, `no step for ${name} in ${steps.map((x) => x.name).join(", ")}`);
    return s;
};
const changes = (steps: readonly Step[]) =>
    steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.name}${s.diffs.length ? ` [${s.diffs}]` : ""}`);

describe("lifecycle: the offline world", function () {
    this.timeout(60000);

    let first: Awaited<ReturnType<typeof up>>;
    before(async () => {
        first = await up(emptyWorld(), stack());
    });

    for (const name of listStacks(ROOT)) {
        it(`second up of the shipped Pulumi.${name}.yaml changes nothing`, async () => {
            const files = loadStackFiles(ROOT, name);
            const one = await up(emptyWorld(), files);
            assert.deepStrictEqual(
                one.steps.flatMap((s) => s.errors),
                [],
            );
            const two = await up(one.world, files);
            assert.deepStrictEqual(changes(two.steps), []);
        });
    }

    it("creates everything on an empty world and changes nothing on the second up", async () => {
        assert.ok(first.steps.length > 10 && first.steps.every((s) => s.op === "create"), changes(first.steps).join());
        const second = await up(first.world, stack());
        assert.ok(noChanges(second.steps), changes(second.steps).join("; "));
        assert.deepStrictEqual(second.world.state.size, first.world.state.size);
    });

    it("hands the program the old outputs and ids on a same step", async () => {
        const second = await up(first.world, stack());
        for (const [urn, r] of second.world.state) {
            assert.deepStrictEqual(r.id, first.world.state.get(urn)?.id, urn);
            assert.deepStrictEqual(r.outputs, first.world.state.get(urn)?.outputs, urn);
        }
    });

    it("answers look-ups from the world: the second run finds the OIDC provider the first created", async () => {
        const provider = [...first.world.state.values()].find((r) => r.type.endsWith(":OpenIdConnectProvider"));
        assert.ok(provider, "the first run creates the cluster's OIDC provider");
        await up(first.world, stack());
        const again = recorded.find((r) => r.urn === provider.urn);
        assert.ok(again, "the second run registers it again (no flip-flop)");
        assert.strictEqual(again.options.importId, provider.id, "found by the look-up, so adopted by ARN");
    });

    it("catches a real change: a controller upgrade updates the release and the policy in place", async () => {
        const old = await up(emptyWorld(), stack({ version: "v2.7.0" }));
        const upgrade = await up(old.world, stack({ version: "v3.5.0" }));
        assert.strictEqual(named(upgrade.steps, "lbc-release").op, "update");
        assert.ok(named(upgrade.steps, "lbc-release").diffs.includes("version"));
        assert.strictEqual(named(upgrade.steps, "lbc-policy").op, "update");
        assert.ok(named(upgrade.steps, "lbc-policy").diffs.includes("policy"));
        assert.deepStrictEqual(
            upgrade.steps.filter((s) => s.op === "replace" || s.op === "delete" || s.dangers.length > 0),
            [],
        );
        assert.strictEqual(
            upgrade.world.state.get(named(upgrade.steps, "lbc-policy").urn)?.id,
            old.world.state.get(named(upgrade.steps, "lbc-policy").urn)?.id,
            "an update keeps the policy's ARN",
        );
    });

    it("flags a danger when a Namespace goes with a removed app", async () => {
        const two = [
            { name: "web", image: "public.ecr.aws/nginx/nginx:1.27", containerPort: 80, targetType: "ip" },
            { name: "api", image: "public.ecr.aws/nginx/nginx:1.27", containerPort: 80, targetType: "ip" },
        ];
        const both = await up(emptyWorld(), stack({}, two));
        const removed = await up(both.world, stack({}, two.slice(0, 1)));
        assert.deepStrictEqual(
            changes(removed.steps).sort(),
            ["delete api", "delete api-deploy", "delete api-ing", "delete api-ns", "delete api-svc"].sort(),
        );
        assert.match(named(removed.steps, "api-ns").dangers.join(), /deleting a Namespace deletes everything in it/);
    });

    it("destroys dependents first: Ingresses before the controller release, the release before the IAM role", async () => {
        const gone = await destroy(first.world);
        const at = (name: string) => gone.steps.findIndex((s) => s.name === name);
        assert.ok(gone.steps.every((s) => s.op === "delete"));
        assert.ok(at("web-ing") >= 0 && at("web-ing") < at("lbc-release"), "Ingress before the release");
        assert.ok(at("lbc-release") < at("lbc-role") && at("lbc-release") < at("lbc-policy-attachment"));
        assert.ok(at("lbc-policy-attachment") < at("lbc-role") && at("lbc-policy-attachment") < at("lbc-policy"));
        assert.strictEqual(gone.world.state.size, 0);
    });

    it("keeps retained resources in the cloud after destroy, where the next stack finds them", async () => {
        const gone = await destroy(first.world);
        const provider = gone.retained.find((r) => r.type.endsWith(":OpenIdConnectProvider"));
        assert.ok(provider, `retained: ${gone.retained.map((r) => r.name).join(", ")}`);
        assert.ok(gone.world.external.oidcProviders.has(String(provider.outputs.arn)));
        const again = await up(gone.world, stack());
        assert.strictEqual(named(again.steps, provider.name).op, "import", "adopted, not created twice");
        assert.deepStrictEqual(
            again.steps.flatMap((s) => s.errors),
            [],
        );
    });

    it("refuses to delete a protected resource and keeps it in state", async () => {
        const world = cloneWorld(first.world);
        const role = [...world.state.values()].find((r) => r.name === "lbc-role")!;
        world.state.set(role.urn, { ...role, options: { ...role.options, protect: true } });
        const gone = await destroy(world);
        assert.match(named(gone.steps, "lbc-role").errors.join(), /cannot be deleted because it is protected/);
        assert.deepStrictEqual([...gone.world.state.keys()], [role.urn]);
    });

    it("runs one up at a time on the mock engine", async () => {
        const a = up(first.world, stack());
        await assert.rejects(up(first.world, stack()), /another up is running/);
        await a;
    });

    it("fails a create that collides with an object the runbook left (AlreadyExists)", async () => {
        const world: World = emptyWorld();
        world.external.kubernetes.set(kubernetesKey("v1", "Namespace", undefined, "web"), {
            metadata: { name: "web" },
        });
        const run = await up(world, stack());
        assert.match(named(run.steps, "web-ns").errors.join(), /namespaces "web" already exists/);
    });

    it("fails a Helm install whose release name is taken, and one that meets an unowned object", async () => {
        const world = emptyWorld();
        world.external.helmReleases.set("kube-system/aws-load-balancer-controller", { chart: "x", version: "1" });
        const taken = await up(world, stack());
        assert.match(named(taken.steps, "lbc-release").errors.join(), /cannot re-use a name that is still in use/);

        const leftover = emptyWorld();
        leftover.external.kubernetes.set(kubernetesKey("v1", "Secret", "kube-system", "aws-load-balancer-tls"), {
            metadata: { name: "aws-load-balancer-tls" },
        });
        const run = await up(leftover, stack({ webhookCertificates: "selfSigned" }));
        assert.match(
            named(run.steps, "lbc-release").errors.join(),
            /Secret "aws-load-balancer-tls" in namespace "kube-system" exists and cannot be imported into the current release: invalid ownership metadata; label validation error: missing key "app.kubernetes.io\/managed-by"/,
        );
    });

    it("never changes the world it is given", async () => {
        const copy = cloneWorld(first.world);
        await up(first.world, stack({ version: "v2.7.0" }));
        await destroy(first.world);
        assert.deepStrictEqual(first.world, copy);
    });

    it("--lifecycle: prints each check and exits 1 when a scenario's expectations are not met", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lifecycle-"));
        fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
        const config = Object.fromEntries(
            Object.entries(stack().config).map(([k, v]) => [
                k,
                v.startsWith("[") || v.startsWith("{") ? JSON.parse(v) : v,
            ]),
        );
        fs.writeFileSync(path.join(dir, "Pulumi.small.yaml"), JSON.stringify({ config }));
        const scenarios = path.join(dir, "scenarios");
        fs.mkdirSync(scenarios);
        const scenario = (expect: unknown[]) => ({
            description: "remove the app",
            stack: "small",
            steps: [{ name: "as is" }, { name: "no apps", config: { apps: [] }, expect }],
        });
        fs.writeFileSync(
            path.join(scenarios, "s.yaml"),
            JSON.stringify(scenario([{ resource: "web-ns", danger: "deleting a Namespace" }])),
        );
        const lines: string[] = [];
        const ok = await runLifecycleChecks(dir, undefined, { scenarioDir: scenarios, print: (l) => lines.push(l) });
        const out = lines.join("\n");
        assert.strictEqual(ok, 0, out);
        for (const section of [
            "first up on an empty world",
            "second up (must change nothing)",
            "destroy (in this order)",
            "scenario s.yaml",
        ]) {
            assert.ok(out.includes(section), section);
        }
        assert.match(
            out,
            /- {2}delete {2}kubernetes:core\/v1:Namespace {2}web-ns\n\s+DANGER delete of a shared object/,
        );
        assert.match(out, /Lifecycle OK/);

        fs.writeFileSync(path.join(scenarios, "s.yaml"), JSON.stringify(scenario([])));
        lines.length = 0;
        assert.strictEqual(
            await runLifecycleChecks(dir, "small", { scenarioDir: scenarios, print: (l) => lines.push(l) }),
            1,
        );
        assert.match(lines.join("\n"), /FAIL unexpected danger on delete web-ns: delete of a shared object/);
    });

    for (const scenario of loadScenarios(SCENARIO_DIR)) {
        it(`scenario ${scenario.file}: ${scenario.description}`, async () => {
            const outcomes = await runScenario(scenario, loadStackFiles(ROOT, scenario.stack));
            assert.deepStrictEqual(
                outcomes.flatMap((o) => o.failures.map((f) => `${o.step.name}: ${f}`)),
                [],
            );
        });
    }
});
