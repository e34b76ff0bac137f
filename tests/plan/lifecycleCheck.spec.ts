import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runLifecycleChecks } from "../../plan/lifecycle/check";

const ROOT = path.resolve(__dirname, "..", "..");
const NGINX = "public.ecr.aws/nginx/nginx:1.27";

/**
 * A project with stacks `small` (one app; nothing retained on destroy) and `clash` (an app whose Service is the
 * chart's webhook Service).
 */
function project(): { dir: string; scenarios: string; empty: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lifecycle-check-"));
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    const stack = (apps: unknown[], config: Record<string, unknown> = {}, controller = {}) => ({
        config: {
            "aws:region": "us-west-2",
            "eks-alb-ingress:clusterName": "demo",
            "eks-alb-ingress:controller": { version: "v3.5.0", identity: "irsa", ...controller },
            "eks-alb-ingress:apps": apps,
            ...config,
        },
    });
    const app = { name: "web", image: NGINX, containerPort: 80, targetType: "ip" };
    // the README's "Real cloud": destroy keeps the OIDC provider and the CRDs unless told not to; no cert-manager
    const leaveNothing = { deleteCrdsOnDestroy: true, webhookCertificates: "selfSigned" };
    const small = stack([app], { "eks-alb-ingress:oidcProviderDeleteOnDestroy": true }, leaveNothing);
    fs.writeFileSync(path.join(dir, "Pulumi.small.yaml"), JSON.stringify(small));
    // The controller chart renders Service kube-system/aws-load-balancer-webhook-service (charts.ts); an app of that
    // name in kube-system creates the same Service after the release: AlreadyExists on the very first up.
    const clash = {
        ...app,
        name: "aws-load-balancer-webhook-service",
        namespace: "kube-system",
        createNamespace: false,
    };
    fs.writeFileSync(path.join(dir, "Pulumi.clash.yaml"), JSON.stringify(stack([clash])));
    const scenarios = path.join(dir, "scenarios");
    fs.mkdirSync(scenarios);
    fs.writeFileSync(
        path.join(scenarios, "apps.yaml"),
        JSON.stringify({
            description: "remove the app",
            stack: "small",
            steps: [{ name: "as is" }, { name: "no apps", config: { apps: [] } }],
        }),
    );
    fs.writeFileSync(
        path.join(scenarios, "elsewhere.yaml"),
        JSON.stringify({ description: "of a stack not checked", stack: "clash", steps: [{ name: "never run" }] }),
    );
    const empty = path.join(dir, "no-scenarios");
    fs.mkdirSync(empty);
    return { dir, scenarios, empty };
}

describe("lifecycle: `npm run plan -- --lifecycle` (check.ts)", function () {
    this.timeout(180000);
    const { dir, scenarios, empty } = project();

    it("prints each check of the stack and its scenarios, every failure with where it happened, and exits 1", async () => {
        const lines: string[] = [];
        const code = await runLifecycleChecks(dir, "small", { scenarioDir: scenarios, print: (l) => lines.push(l) });
        const out = lines.join("\n");
        assert.strictEqual(code, 1, out);
        assert.ok(lines.includes("\n== Pulumi.small.yaml: first up on an empty world"), out);
        assert.match(out, /\n== Pulumi\.small\.yaml: first up on an empty world\n {2}\d+ create\n/);
        assert.match(out, /\n== Pulumi\.small\.yaml: second up \(must change nothing\)\n {2}no changes\n/);
        assert.match(
            out,
            /\n== Pulumi\.small\.yaml: destroy \(in this order\)\n {2}- {2}delete {2}kubernetes:apps\/v1:Deployment {2}web-deploy\n/,
        );
        assert.match(
            out,
            /\n {2}- {2}delete {2}aws:iam\/openIdConnectProvider:OpenIdConnectProvider {2}demo-oidc\n {7}DANGER [^\n]*\n {2}retained: nothing\n\n/,
        );
        assert.ok(!out.includes("left in the cluster"), out);
        assert.ok(
            out.includes(
                "\n== scenario apps.yaml: remove the app (base Pulumi.small.yaml)\n  -- as is: 26 create\n" +
                    "  +  create  aws:iam/openIdConnectProvider:OpenIdConnectProvider  demo-oidc\n",
            ),
            out,
        );
        assert.match(
            out,
            /\n {2}-- no apps: [^\n]*\d+ delete\n {2}- {2}delete {2}kubernetes:apps\/v1:Deployment {2}web-deploy\n/,
        );
        const fail =
            "unexpected danger on delete web-ns: delete of a shared object: deleting a Namespace deletes everything in it";
        assert.ok(lines.join("\n").includes(`\n     FAIL ${fail}`), out);
        assert.ok(!out.includes("elsewhere.yaml"), "a scenario of a stack that is not checked is not run");
        // the summary: one line per failure, with the scenario file and step
        assert.deepStrictEqual(lines.slice(lines.indexOf("\nLifecycle FAILED: 1 failure(s)")), [
            "\nLifecycle FAILED: 1 failure(s)",
            `  apps.yaml / no apps: ${fail}`,
        ]);
    });

    it("exits 0 and says so when every check passes", async () => {
        const lines: string[] = [];
        const code = await runLifecycleChecks(dir, "small", { scenarioDir: empty, print: (l) => lines.push(l) });
        assert.strictEqual(code, 0, lines.join("\n"));
        assert.deepStrictEqual(lines.slice(-1), ["\nLifecycle OK"]);
    });

    it("fails a first up that collides, naming the stack file and the resource; prints to stdout by default", async () => {
        const printed: string[] = [];
        const log = console.log;
        console.log = (line: string) => printed.push(line);
        let code: number;
        try {
            code = await runLifecycleChecks(dir, "clash", { scenarioDir: empty });
        } finally {
            console.log = log;
        }
        const out = printed.join("\n");
        assert.strictEqual(code, 1, out);
        const exists =
            'services "aws-load-balancer-webhook-service" already exists (pulumi-kubernetes creates client-side since 4.29: provider/pkg/await/await.go Creation)';
        assert.match(
            out,
            /\n {2}retained \(stay in the cloud, outside any state\): kubernetes:cert-manager\.io\/v1:CertificatePatch lbc-webhook-secret-ownership, [^\n]*, aws:iam\/openIdConnectProvider:OpenIdConnectProvider demo-oidc\n/,
        );
        assert.match(
            out,
            /\n {2}left in the cluster by others \(cert-manager, Helm keep policy\): v1\/Secret\/kube-system\/aws-load-balancer-tls, apiextensions\.k8s\.io\/v1\/CustomResourceDefinition\/_\/[^\n]*\n/,
        );
        // only the dangers and errors of the first up, below its summary
        assert.ok(out.includes(`\n  22 create\n       ERROR  ${exists}\n\n== Pulumi.clash.yaml: second up`), out);
        assert.deepStrictEqual(printed.slice(printed.indexOf("\nLifecycle FAILED: 1 failure(s)")), [
            "\nLifecycle FAILED: 1 failure(s)",
            `  Pulumi.clash.yaml: first up: aws-load-balancer-webhook-service-svc: ${exists}`,
        ]);
    });
});
