import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { ROOT, planCommand, planInProcess } from "./runPlan";

/** Runs the plan in this process (plan/cli.ts `main`); the real command is run by "npm run plan, the command" below. */
const runPlan = planInProcess;

/** A project dir with this project's Pulumi.yaml and one stack file holding `config`. */
function projectWith(stack: string, config: Record<string, unknown>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), JSON.stringify({ config }));
    return dir;
}

const REGION = { "aws:region": "us-east-1" };

/** The stacks of this project, as the plan lists them. */
const STACKS = fs
    .readdirSync(ROOT)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s) => s !== undefined)
    .sort()
    .join(", ");

const DEV = parse(fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")).config as Record<string, any>;

describe("plan", function () {
    this.timeout(180000);

    describe("on the dev stack", () => {
        // Each test runs the plan itself (about a second in process), so that each sees a run of its own.
        let run: Awaited<ReturnType<typeof runPlan>>;
        let out: string;
        beforeEach(async () => {
            out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-out-"));
            run = await runPlan(["--stack", "dev", "--out", out]);
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
            assert.match(run.stdout, /"alb-test-01":"http:\/\/k8s-/);
            assert.match(run.stdout, /"ecsdemo-frontend":"http:\/\/k8s-/);
            assert.match(run.stderr, /\[1\/7\] reading Pulumi\.yaml/);
            assert.match(run.stderr, /\[7\/7\] ordering/);
        });

        it("orders creation after the controller and deletion before it", () => {
            const wave = (name: string) =>
                Number(new RegExp(`wave\\s+(\\d+): [^\\n]*\\b${name}\\b`).exec(run.stdout)?.[1]);
            assert.ok(wave("lbc-release") > wave("lbc-role") && wave("lbc-role") > wave("eksworkshop-oidc"));
            for (const app of ["alb-test-01", "ecsdemo-frontend"]) {
                assert.ok(wave(`${app}-ing`) > wave(`${app}-svc`) && wave(`${app}-svc`) > wave("lbc-release"), app);
            }
            const step = (name: string) =>
                Number(new RegExp(`step\\s+(\\d+): [^\\n]*\\b${name}\\b`).exec(run.stdout)?.[1]);
            assert.ok(step("alb-test-01-ing") < step("lbc-release"));
        });

        it("serves both apps internet-facing over HTTP, with no certificate or WAF placeholder to fail the ALB", () => {
            for (const app of ["alb-test-01", "ecsdemo-frontend"]) {
                const ingress = parse(
                    fs.readFileSync(path.join(out, "kubernetes", app, `Ingress-${app}.yaml`), "utf8"),
                );
                const annotations = ingress.metadata.annotations as Record<string, string>;
                assert.strictEqual(annotations["alb.ingress.kubernetes.io/scheme"], "internet-facing", app);
                assert.deepStrictEqual(JSON.parse(annotations["alb.ingress.kubernetes.io/listen-ports"]), [
                    { HTTP: 80 },
                ]);
                assert.ok(!Object.keys(annotations).some((k) => /certificate-arn|wafv2/.test(k)), app);
            }
        });

        it("reads the dev stack's policy config: the HTTPS policy is advisory for this stack only", () => {
            assert.match(run.stdout, /Policy config: policy-config\.dev\.json \(alb-internet-facing-https: advisory\)/);
            const advisory = run.stdout.slice(run.stdout.indexOf("  advisory:"));
            assert.match(advisory, /\[alb-internet-facing-https\] alb-test-01-ing: /);
            assert.match(advisory, /\[alb-internet-facing-https\] ecsdemo-frontend-ing: /);
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

    it("exits non-zero naming the policy when an app is internet-facing without a certificate", async () => {
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
        const r = await runPlan(["--stack", "insecure", "--project-dir", dir, "--out", path.join(dir, "out")]);
        assert.strictEqual(r.status, 1, r.stderr);
        assert.doesNotMatch(r.stdout, /Policy config:/, "the dev stack's policy config is not another stack's");
        assert.match(r.stdout, /\[alb-internet-facing-https\] open-ing: Internet-facing ALB /);
        assert.match(r.stdout, /Plan FAILED: [1-9]\d* mandatory violation/);
    });

    it("writes secret Helm values readable, with the webhook's private key redacted", async () => {
        const dir = projectWith("selfsigned", {
            "aws:region": "us-east-1",
            "eks-alb-ingress:clusterName": "demo",
            "eks-alb-ingress:controller": { webhookCertificates: "selfSigned" },
        });
        const r = await runPlan(["--stack", "selfsigned", "--project-dir", dir, "--out", path.join(dir, "out")]);
        assert.strictEqual(r.status, 0, r.stderr + r.stdout);
        const values = parse(fs.readFileSync(path.join(dir, "out", "helm", "lbc-release.values.yaml"), "utf8"));
        assert.strictEqual(values.webhookTLS.key, "[secret]");
        assert.match(values.webhookTLS.cert, /BEGIN CERTIFICATE/);
        assert.strictEqual(values.clusterName, "demo");
    });

    const configErrors: [string, Record<string, unknown>, RegExp][] = [
        [
            "a missing clusterName",
            { "aws:region": "us-east-1", "eks-alb-ingress:apps": [] },
            /^Pulumi\.bad\.yaml: Stack 'bad' is missing configuration value 'clusterName'$/,
        ],
        [
            "an unknown targetType",
            {
                "aws:region": "us-east-1",
                "eks-alb-ingress:clusterName": "demo",
                "eks-alb-ingress:apps": [{ ...DEV["eks-alb-ingress:apps"][0], targetType: "pod" }],
            },
            /^Pulumi\.bad\.yaml: config eks-alb-ingress:apps\[0\]\.targetType must be one of "instance", "ip", got "pod"/,
        ],
        [
            "a malformed nodeCount",
            { ...REGION, "eks-alb-ingress:clusterName": "demo", "eks-alb-ingress:nodeCount": "two" },
            /^Pulumi\.bad\.yaml: Stack 'bad' with configuration key 'nodeCount' must be of type 'integer'$/,
        ],
        [
            "an unknown key",
            { ...REGION, "eks-alb-ingress:clusterName": "demo", "eks-alb-ingress:clustername": "x" },
            /^Pulumi\.bad\.yaml: config eks-alb-ingress:clustername is not a setting of this project/,
        ],
        [
            "a stack without a region",
            { "eks-alb-ingress:clusterName": "demo" },
            /^Pulumi\.bad\.yaml: config aws:region is not set; the stack's region is required/,
        ],
        [
            "a misspelled project prefix",
            { ...REGION, "eks-alb-ingress:clusterName": "demo", "eks-alb-ingres:nodeCount": 3 },
            /^Pulumi\.bad\.yaml: config eks-alb-ingres:nodeCount is read by nothing in this stack.*did you mean eks-alb-ingress:nodeCount\?$/,
        ],
        [
            "an encrypted value the program reads",
            { ...REGION, "eks-alb-ingress:clusterName": { secure: "v1:Zm9v" } },
            /^Pulumi\.bad\.yaml: config eks-alb-ingress:clusterName is encrypted \(secure:\); the offline plan cannot decrypt it/,
        ],
        [
            "a documentation example account in an ARN",
            {
                ...REGION,
                "eks-alb-ingress:clusterName": "demo",
                "eks-alb-ingress:apps": [
                    {
                        ...DEV["eks-alb-ingress:apps"][0],
                        certificateArns: [
                            "arn:aws:acm:us-east-1:111122223333:certificate/1f0e5a3c-8d2b-4e6a-9c1d-2b3a4c5d6e7f",
                        ],
                    },
                ],
            },
            /^Pulumi\.bad\.yaml: config eks-alb-ingress:apps\[0\]\.certificateArns\[0\] holds the placeholder account id 111122223333, a placeholder/,
        ],
        [
            "an all-zero id",
            {
                ...REGION,
                "eks-alb-ingress:clusterName": "demo",
                "eks-alb-ingress:apps": [
                    {
                        ...DEV["eks-alb-ingress:apps"][0],
                        wafv2AclArn:
                            "arn:aws:wafv2:us-east-1:210987654321:regional/webacl/x/00000000-0000-0000-0000-000000000000",
                    },
                ],
            },
            /^Pulumi\.bad\.yaml: config eks-alb-ingress:apps\[0\]\.wafv2AclArn holds an all-zero UUID, a placeholder/,
        ],
        [
            "a bad controller argument",
            { ...REGION, "eks-alb-ingress:clusterName": "demo", "eks-alb-ingress:controller": { replicas: 0 } },
            /^Pulumi\.bad\.yaml: config eks-alb-ingress:controller\.replicas must be an integer >= 1, got 0/,
        ],
        [
            "a cluster setting under controller",
            { ...REGION, "eks-alb-ingress:clusterName": "demo", "eks-alb-ingress:controller": { vpcId: "vpc-1" } },
            /^Pulumi\.bad\.yaml: config eks-alb-ingress:controller\.vpcId comes from the cluster/,
        ],
    ];
    for (const [what, config, message] of configErrors) {
        it(`exits 2 with one line naming the key and the file for ${what}`, async () => {
            const dir = projectWith("bad", config);
            const r = await runPlan(["--stack", "bad", "--project-dir", dir]);
            assert.strictEqual(r.status, 2, r.stderr + r.stdout);
            const lines = r.stderr.split("\n").filter((l) => l && !l.startsWith("["));
            assert.strictEqual(lines.length, 1, r.stderr);
            assert.match(lines[0], message);
        });
    }

    it("exits 2 listing every config problem at once, one line each", async () => {
        const dir = projectWith("bad", {
            "eks-alb-ingress:clusterName": "-demo",
            "eks-alb-ingress:clusterMode": "import",
            "eks-alb-ingress:apps": [
                {
                    ...DEV["eks-alb-ingress:apps"][0],
                    certificateArns: ["arn:aws:acm:us-east-1:123456789012:certificate/x"],
                },
            ],
        });
        const r = await runPlan(["--stack", "bad", "--project-dir", dir]);
        assert.strictEqual(r.status, 2, r.stderr + r.stdout);
        const keys = r.stderr
            .split("\n")
            .filter((l) => l && !l.startsWith("["))
            .map((l) => l.split(" ")[2]);
        assert.deepStrictEqual(keys, [
            "eks-alb-ingress:clusterMode",
            "eks-alb-ingress:clusterName",
            "aws:region",
            "eks-alb-ingress:apps[0].certificateArns[0]",
        ]);
    });

    it("exits 2 listing every bad argument of an app, each under its own key", async () => {
        const app = { ...DEV["eks-alb-ingress:apps"][0], containerPort: 0, targetType: "pod" };
        const dir = projectWith("bad", {
            ...REGION,
            "eks-alb-ingress:clusterName": "demo",
            "eks-alb-ingress:apps": [app],
        });
        const r = await runPlan(["--stack", "bad", "--project-dir", dir]);
        assert.strictEqual(r.status, 2, r.stderr + r.stdout);
        const lines = r.stderr.split("\n").filter((l) => l && !l.startsWith("["));
        assert.deepStrictEqual(lines.map((l) => l.split(" ")[2]).sort(), [
            "eks-alb-ingress:apps[0].containerPort",
            "eks-alb-ingress:apps[0].targetType",
        ]);
        assert.ok(!r.stderr.includes("more problem"), r.stderr);
    });

    it("takes --policy-pack-config <file> as the CLI does, and refuses a file the CLI refuses", async () => {
        const apps = [{ ...DEV["eks-alb-ingress:apps"][0], scheme: "internet-facing" }];
        const dir = projectWith("open", {
            ...REGION,
            "eks-alb-ingress:clusterName": "demo",
            "eks-alb-ingress:apps": apps,
        });
        fs.writeFileSync(
            path.join(dir, "lowered.json"),
            JSON.stringify({ "alb-internet-facing-https": { enforcementLevel: "advisory" } }),
        );
        const ok = await runPlan([
            "--stack",
            "open",
            "--project-dir",
            dir,
            "--out",
            path.join(dir, "out"),
            "--policy-pack-config",
            path.join(dir, "lowered.json"),
        ]);
        assert.match(ok.stdout, /Policy config: .*lowered\.json \(alb-internet-facing-https: advisory\)/);
        assert.match(ok.stdout, /Plan (OK|FAILED): 0 mandatory violation/);
        fs.writeFileSync(
            path.join(dir, "policy-config.open.json"),
            JSON.stringify({ "workload-min-replicas": { minReplicas: 0 } }),
        );
        const bad = await runPlan(["--stack", "open", "--project-dir", dir]);
        assert.strictEqual(bad.status, 2, bad.stderr + bad.stdout);
        assert.match(
            bad.stderr,
            /policy-config\.open\.json: validating policy config: eks-alb-ingress-guard \d+\.\d+\.\d+ {2}workload-min-replicas: minReplicas: Must be greater than or equal to 1$/m,
        );
    });

    it("exits 2 for an unknown stack, listing the stacks there are", async () => {
        const r = await runPlan(["--stack", "nope"]);
        assert.strictEqual(r.status, 2);
        assert.ok(r.stderr.split("\n").includes(`Pulumi.nope.yaml: no such stack (stacks here: ${STACKS})`), r.stderr);
    });
});

describe("npm run plan, the command", function () {
    this.timeout(180000);

    it("exits 0 on the dev stack, printing the plan and writing its files", () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-out-"));
        const r = planCommand(["--stack", "dev", "--out", out]);
        assert.strictEqual(r.status, 0, r.stderr + r.stdout);
        assert.match(r.stdout, /^Plan for stack dev \(offline, mock engine\): \d+ resources$/m);
        assert.match(r.stdout, /\nPlan OK: 0 mandatory violation\(s\), 0 invalid object\(s\)\.\n$/);
        assert.match(r.stderr, /^\[1\/7\] reading Pulumi\.yaml and Pulumi\.dev\.yaml$/m);
        assert.ok(fs.existsSync(path.join(out, "helm", "lbc-release.values.yaml")));
    });

    it("exits 1 on a mandatory policy violation", () => {
        const dir = projectWith("insecure", {
            ...REGION,
            "eks-alb-ingress:clusterName": "demo",
            "eks-alb-ingress:apps": [{ ...DEV["eks-alb-ingress:apps"][0], scheme: "internet-facing" }],
        });
        const r = planCommand(["--stack", "insecure", "--project-dir", dir, "--out", path.join(dir, "out")]);
        assert.strictEqual(r.status, 1, r.stderr);
        assert.match(r.stdout, /Plan FAILED: [1-9]\d* mandatory violation/);
    });

    it("exits 2 for an unknown stack, with one line on stderr after the progress", () => {
        const r = planCommand(["--stack", "nope"]);
        assert.strictEqual(r.status, 2);
        assert.match(r.stderr, /^\[1\/7\] reading Pulumi\.yaml and Pulumi\.nope\.yaml\n/);
        assert.strictEqual(
            r.stderr
                .split("\n")
                .filter((l) => l && !l.startsWith("["))
                .join("\n"),
            `Pulumi.nope.yaml: no such stack (stacks here: ${STACKS})`,
        );
        assert.strictEqual(r.stdout, "");
    });

    // The project name reaches the program through the engine (pulumi.getProject()), which a process sets once: only
    // a process of its own can run another project.
    it("takes the config prefix from the project of --project-dir, and ignores secrets the program does not read", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
        const project = fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8").replace(/^name: .*$/m, "name: my-albs");
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), project);
        const config = {
            ...REGION,
            "kubernetes:kubeconfig": { secure: "v1:Zm9v" },
            "my-albs:clusterName": "demo",
            nodeCount: 3,
        };
        fs.writeFileSync(path.join(dir, "Pulumi.s.yaml"), JSON.stringify({ config }));
        const r = planCommand(["--stack", "s", "--project-dir", dir, "--out", path.join(dir, "out")]);
        assert.notStrictEqual(r.status, 2, r.stderr);
        assert.match(r.stdout, /Plan (OK|FAILED): 0 mandatory violation/);
        const values = parse(fs.readFileSync(path.join(dir, "out", "helm", "lbc-release.values.yaml"), "utf8"));
        assert.strictEqual(values.clusterName, "demo");
    });
});
