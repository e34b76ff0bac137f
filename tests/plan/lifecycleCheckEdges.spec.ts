import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as k8s from "@pulumi/kubernetes";
import { settle } from "../../plan/engine";
import { evaluateStackProgram } from "../../plan/evaluate";
import { runLifecycleChecks } from "../../plan/lifecycle/check";
import type { StackProgram } from "../../plan/lifecycle/run";

/**
 * What the lifecycle check exists for: a program whose second up is not a no-op, and a stack that destroy cannot
 * remove. The repository's index.ts has neither (that is what the check guards), so these cases run it with one
 * resource a user might add: an object stamped with something that differs on every run (a build number, a time),
 * and a protected object.
 */

const ROOT = path.resolve(__dirname, "..", "..");

/** A project with stack `small` (one app, nothing retained on destroy) and a scenario that deploys it as is. */
function project(): { dir: string; scenarios: string; empty: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lifecycle-check-edges-"));
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    const small = {
        config: {
            "aws:region": "us-west-2",
            "eks-alb-ingress:clusterName": "demo",
            "eks-alb-ingress:controller": {
                version: "v3.5.0",
                identity: "irsa",
                deleteCrdsOnDestroy: true,
                webhookCertificates: "selfSigned",
            },
            "eks-alb-ingress:apps": [{ name: "web", image: "nginx:1.27", containerPort: 80, targetType: "ip" }],
            "eks-alb-ingress:oidcProviderDeleteOnDestroy": true,
        },
    };
    fs.writeFileSync(path.join(dir, "Pulumi.small.yaml"), JSON.stringify(small));
    const scenarios = path.join(dir, "scenarios");
    fs.mkdirSync(scenarios);
    const scenario = { description: "deploy it", stack: "small", steps: [{ name: "as is" }] };
    fs.writeFileSync(path.join(scenarios, "asis.yaml"), JSON.stringify(scenario));
    const empty = path.join(dir, "no-scenarios");
    fs.mkdirSync(empty);
    return { dir, scenarios, empty };
}

/**
 * The stack program plus ServiceAccount `deployer`, annotated with the run's number and pulling images with a
 * per-run registry Secret, and ConfigMap `flip` registered on every other run only (like an object whose condition
 * reads a look-up that the previous run changed).
 */
function stamped(): StackProgram {
    let run = 0;
    return async (files) => {
        const outputs = await evaluateStackProgram(files);
        run += 1;
        new k8s.core.v1.ServiceAccount("deployer", {
            metadata: { name: "deployer", namespace: "default", annotations: { "example.com/build": String(run) } },
            imagePullSecrets: [{ name: `registry-${run}` }],
        });
        if (run % 2 === 1) new k8s.core.v1.ConfigMap("flip", { metadata: { name: "flip", namespace: "default" } });
        await settle();
        return outputs;
    };
}

/** The stack program plus ConfigMap `keep-me`, registered with `protect: true`. */
const withProtected: StackProgram = async (files) => {
    const outputs = await evaluateStackProgram(files);
    new k8s.core.v1.ConfigMap("keep-me", { metadata: { name: "keep-me", namespace: "default" } }, { protect: true });
    await settle();
    return outputs;
};

describe("lifecycle: check.ts fails what a user would meet on the next `pulumi up` or `pulumi destroy`", function () {
    this.timeout(300000);
    const { dir, scenarios, empty } = project();

    it("a second up that changes something: prints its changed steps and fails each (an update with its changed paths)", async () => {
        const lines: string[] = [];
        const program = stamped();
        const code = await runLifecycleChecks(dir, "small", {
            scenarioDir: empty,
            print: (l) => lines.push(l),
            program,
        });
        const out = lines.join("\n");
        assert.strictEqual(code, 1, out);
        // not "no changes": the second up's changed steps, the stamped object updated in place
        assert.ok(
            out.includes(
                "\n== Pulumi.small.yaml: second up (must change nothing)\n" +
                    "  ~  update  kubernetes:core/v1:ServiceAccount  deployer [imagePullSecrets, metadata]\n" +
                    "  -  delete  kubernetes:core/v1:ConfigMap  flip\n\n== ",
            ),
            out,
        );
        const paths = "imagePullSecrets, metadata";
        assert.deepStrictEqual(lines.slice(lines.indexOf("\nLifecycle FAILED: 2 failure(s)")), [
            "\nLifecycle FAILED: 2 failure(s)",
            `  Pulumi.small.yaml: second up: update deployer [${paths}]`,
            "  Pulumi.small.yaml: second up: delete flip",
        ]);
    });

    it("a scenario step whose second up changes something fails each change (an update with its changed paths)", async () => {
        const lines: string[] = [];
        const program = stamped();
        const code = await runLifecycleChecks(dir, "small", {
            scenarioDir: scenarios,
            print: (l) => lines.push(l),
            program,
        });
        const out = lines.join("\n");
        assert.strictEqual(code, 1, out);
        const paths = "imagePullSecrets, metadata";
        const fail = `second up is not a no-op: update deployer [${paths}]`;
        assert.ok(out.includes(`\n     FAIL ${fail}\n     FAIL second up is not a no-op: delete flip\n`), out);
        assert.deepStrictEqual(lines.slice(lines.indexOf("\nLifecycle FAILED: 4 failure(s)")), [
            "\nLifecycle FAILED: 4 failure(s)",
            `  Pulumi.small.yaml: second up: update deployer [${paths}]`,
            "  Pulumi.small.yaml: second up: delete flip",
            `  asis.yaml / as is: ${fail}`,
            "  asis.yaml / as is: second up is not a no-op: delete flip",
        ]);
    });

    it("a destroy that cannot delete a protected resource fails, naming it; the second up stays a no-op", async () => {
        const lines: string[] = [];
        const code = await runLifecycleChecks(dir, "small", {
            scenarioDir: empty,
            print: (l) => lines.push(l),
            program: withProtected,
        });
        const out = lines.join("\n");
        assert.strictEqual(code, 1, out);
        assert.match(out, /\n== Pulumi\.small\.yaml: second up \(must change nothing\)\n {2}no changes\n/);
        // pulumi/pulumi pkg/resource/deploy/step.go DeleteStep.Apply refuses a protected resource
        const failed = lines.slice(lines.indexOf("\nLifecycle FAILED: 1 failure(s)"));
        assert.strictEqual(failed.length, 2, out);
        assert.match(
            failed[1],
            /^ {2}Pulumi\.small\.yaml: destroy: keep-me: resource "urn:pulumi:[^:]+::eks-alb-ingress::kubernetes:core\/v1:ConfigMap::keep-me" cannot be deleted because it is protected$/,
        );
        // the rest of the stack is destroyed around it
        assert.match(out, /\n {2}- {2}delete {2}kubernetes:apps\/v1:Deployment {2}web-deploy\n/);
    });
});
