import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";

const ROOT = path.resolve(__dirname, "..", "..");
const TS_NODE = path.join(ROOT, "node_modules", ".bin", "ts-node");

/** Runs the plan as `npm run plan` does (after the build that `npm test` already ran). */
function runPlan(args: string[]): { status: number | null; stdout: string; stderr: string } {
    const r = spawnSync(TS_NODE, ["--transpile-only", path.join(ROOT, "plan", "main.ts"), ...args], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 120000,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A project dir with this project's Pulumi.yaml and one stack file holding `config`. */
function projectWith(stack: string, config: Record<string, unknown>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), JSON.stringify({ config }));
    return dir;
}

const DEV = parse(fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")).config as Record<string, any>;

describe("plan", function () {
    this.timeout(180000);

    describe("on the dev stack", () => {
        let run: ReturnType<typeof runPlan>;
        let out: string;
        before(() => {
            out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-out-"));
            run = runPlan(["--stack", "dev", "--out", out]);
        });

        it("succeeds with no mandatory violation and every object valid", () => {
            assert.strictEqual(run.status, 0, run.stderr + run.stdout);
            assert.match(run.stdout, /Plan OK: 0 mandatory violation\(s\), 0 invalid object\(s\)\./);
            assert.match(run.stdout, /all valid/);
        });

        it("prints the resource tree with nesting, counts by type, outputs and progress", () => {
            assert.match(run.stdout, /├─ eks-alb-ingress:index:AlbIngressController\s+lbc/);
            assert.match(run.stdout, /│ {2}├─ aws:iam\/policy:Policy\s+lbc-policy/);
            assert.match(run.stdout, /^\s+2\s+kubernetes:networking\.k8s\.io\/v1:Ingress$/m);
            assert.match(run.stdout, /controllerRoleArn: "arn:aws:iam::123456789012:role\//);
            assert.match(run.stdout, /"ecsdemo-frontend":"https:\/\//);
            assert.match(run.stderr, /\[1\/7\] reading Pulumi\.yaml/);
            assert.match(run.stderr, /\[7\/7\] ordering/);
        });

        it("orders creation after the controller and deletion before it", () => {
            const wave = (name: string) =>
                Number(new RegExp(`wave\\s+(\\d+): [^\\n]*\\b${name}\\b`).exec(run.stdout)?.[1]);
            assert.ok(wave("lbc-release") > wave("lbc-role") && wave("lbc-role") > wave("lbc-oidc"));
            for (const app of ["alb-test-01", "ecsdemo-frontend"]) {
                assert.ok(wave(`${app}-ing`) > wave(`${app}-svc`) && wave(`${app}-svc`) > wave("lbc-release"), app);
            }
            const step = (name: string) =>
                Number(new RegExp(`step\\s+(\\d+): [^\\n]*\\b${name}\\b`).exec(run.stdout)?.[1]);
            assert.ok(step("alb-test-01-ing") < step("lbc-release"));
        });

        it("says which values are placeholders", () => {
            assert.match(run.stdout, /Placeholders: only the cloud knows these/);
        });

        it("writes the manifests, IAM documents and Helm values", () => {
            const files = (sub: string) => fs.readdirSync(path.join(out, sub), { recursive: true }).map(String).sort();
            assert.deepStrictEqual(files("iam"), ["lbc-policy.policy.json", "lbc-role.trust.json"]);
            assert.deepStrictEqual(files("helm"), ["lbc-cert-manager.values.yaml", "lbc-release.values.yaml"]);
            const k8s = files("kubernetes");
            for (const f of [
                "alb-test-01/Ingress-alb-test-01.yaml",
                "alb-test-01/Service-alb-test-01.yaml",
                "ecsdemo-frontend/Deployment-ecsdemo-frontend.yaml",
                "kube-system/ServiceAccount-aws-load-balancer-controller.yaml",
                "_cluster/Namespace-alb-test-01.yaml",
            ]) {
                assert.ok(k8s.includes(f), `${f} in ${k8s.join(", ")}`);
            }
            const svc = parse(
                fs.readFileSync(path.join(out, "kubernetes", "alb-test-01", "Service-alb-test-01.yaml"), "utf8"),
            );
            assert.deepStrictEqual([svc.spec.type, svc.spec.ports[0].port], ["NodePort", 8080]);
            const values = parse(fs.readFileSync(path.join(out, "helm", "lbc-release.values.yaml"), "utf8"));
            assert.deepStrictEqual(
                [values.clusterName, values.region, values.vpcId],
                ["eksworkshop", "ap-northeast-2", "vpc-0123456789abcdef0"],
            );
            const trust = JSON.parse(fs.readFileSync(path.join(out, "iam", "lbc-role.trust.json"), "utf8"));
            assert.match(
                Object.keys(trust.Statement[0].Condition.StringEquals)[0],
                /^oidc\.eks\.ap-northeast-2\.amazonaws\.com\/id\/EKSWORKSHOP:/,
            );
        });
    });

    it("exits non-zero naming the policy when an app is internet-facing without a certificate", () => {
        const apps = [
            {
                name: "open",
                image: "public.ecr.aws/nginx/nginx:1.27",
                containerPort: 80,
                targetType: "ip",
                scheme: "internet-facing",
            },
        ];
        const dir = projectWith("insecure", {
            "aws:region": "us-east-1",
            "eks-alb-ingress:clusterName": "demo",
            "eks-alb-ingress:apps": apps,
        });
        const r = runPlan(["--stack", "insecure", "--project-dir", dir, "--out", path.join(dir, "out")]);
        assert.strictEqual(r.status, 1, r.stderr);
        assert.match(r.stdout, /\[alb-internet-facing-https\] open-ing: Internet-facing ALB has no certificate/);
        assert.match(r.stdout, /Plan FAILED: [1-9]\d* mandatory violation/);
    });

    it("writes secret Helm values readable, with the webhook's private key redacted", () => {
        const dir = projectWith("selfsigned", {
            "eks-alb-ingress:clusterName": "demo",
            "eks-alb-ingress:controller": { webhookCertificates: "selfSigned" },
        });
        const r = runPlan(["--stack", "selfsigned", "--project-dir", dir, "--out", path.join(dir, "out")]);
        assert.strictEqual(r.status, 0, r.stderr + r.stdout);
        const values = parse(fs.readFileSync(path.join(dir, "out", "helm", "lbc-release.values.yaml"), "utf8"));
        assert.strictEqual(values.webhookTLS.key, "[secret]");
        assert.match(values.webhookTLS.cert, /BEGIN CERTIFICATE/);
        assert.strictEqual(values.clusterName, "demo");
    });

    const configErrors: [string, Record<string, unknown>, RegExp][] = [
        [
            "a missing clusterName",
            { "eks-alb-ingress:apps": [] },
            /^Pulumi\.bad\.yaml: config eks-alb-ingress:clusterName must be an EKS cluster name/,
        ],
        [
            "an unknown targetType",
            {
                "eks-alb-ingress:clusterName": "demo",
                "eks-alb-ingress:apps": [{ ...DEV["eks-alb-ingress:apps"][0], targetType: "pod" }],
            },
            /^Pulumi\.bad\.yaml: config eks-alb-ingress:apps\[0\]\.targetType must be one of "instance", "ip", got "pod"/,
        ],
        [
            "a malformed nodeCount",
            { "eks-alb-ingress:clusterName": "demo", "eks-alb-ingress:nodeCount": "two" },
            /^Pulumi\.bad\.yaml: config eks-alb-ingress:nodeCount must be an integer from 1 to 100, got "two"/,
        ],
        [
            "an unknown key",
            { "eks-alb-ingress:clusterName": "demo", "eks-alb-ingress:clustername": "x" },
            /^Pulumi\.bad\.yaml: config eks-alb-ingress:clustername is not a setting of this project/,
        ],
        [
            "a bad controller argument",
            { "eks-alb-ingress:clusterName": "demo", "eks-alb-ingress:controller": { replicas: 0 } },
            /^Pulumi\.bad\.yaml: config eks-alb-ingress:controller\.replicas must be an integer >= 1, got 0/,
        ],
        [
            "a cluster setting under controller",
            { "eks-alb-ingress:clusterName": "demo", "eks-alb-ingress:controller": { vpcId: "vpc-1" } },
            /^Pulumi\.bad\.yaml: config eks-alb-ingress:controller\.vpcId comes from the cluster/,
        ],
    ];
    for (const [what, config, message] of configErrors) {
        it(`exits 2 with one line naming the key and the file for ${what}`, () => {
            const dir = projectWith("bad", config);
            const r = runPlan(["--stack", "bad", "--project-dir", dir]);
            assert.strictEqual(r.status, 2, r.stderr + r.stdout);
            const lines = r.stderr.split("\n").filter((l) => l && !l.startsWith("["));
            assert.strictEqual(lines.length, 1, r.stderr);
            assert.match(lines[0], message);
        });
    }

    it("exits 2 for an unknown stack, listing the stacks there are", () => {
        const r = runPlan(["--stack", "nope"]);
        assert.strictEqual(r.status, 2);
        assert.match(r.stderr, /^Pulumi\.nope\.yaml: no such stack \(stacks here: dev\)$/m);
    });
});
