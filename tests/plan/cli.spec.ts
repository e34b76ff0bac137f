import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parse, stringify } from "yaml";
import { policies } from "../../policy-pack/policies";
import { processIo } from "../../plan/cli";
import { PLAN_MARKER } from "../../plan/outDir";
import { cloud, recorded, settle } from "../harness/mocks";
import { ROOT, planInProcess as runPlan } from "./runPlan";

const DEV = parse(fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")).config as Record<string, unknown>;

/** A project dir with this project's Pulumi.yaml and a stack `solo` holding `config` (default: a minimal stack). */
function project(
    config: Record<string, unknown> = { "aws:region": "us-east-1", "eks-alb-ingress:clusterName": "demo" },
) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-cli-"));
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, "Pulumi.solo.yaml"), stringify({ config }));
    return dir;
}

/** The lines on stderr that are not progress (`[n/7] …`). */
const errors = (stderr: string) => stderr.split("\n").filter((l) => l && !/^\[\d\/7\] /.test(l));

/** `text` as a regular expression matching it literally. */
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Every file under `dir`, relative, sorted. */
const filesUnder = (dir: string) =>
    fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
        .sort();

describe("plan command line", function () {
    this.timeout(120000);

    describe("arguments", () => {
        for (const args of [["--stack", "solo"], ["-s", "solo"], ["--stack=solo"]]) {
            it(`takes the stack from ${args.join(" ")}`, async () => {
                const dir = project();
                const r = await runPlan([...args, "--project-dir", dir, "--out", path.join(dir, "out")]);
                assert.strictEqual(r.status, 0, r.stderr + r.stdout);
                assert.match(r.stdout, /^Plan for stack solo \(offline, mock engine\): \d+ resources$/m);
                assert.match(r.stderr, /^\[1\/7\] reading Pulumi\.yaml and Pulumi\.solo\.yaml$/m);
            });
        }

        it("exits 2 naming an unknown argument, with the usage, before reading anything", async () => {
            const r = await runPlan(["--stak", "solo"]);
            assert.strictEqual(r.status, 2);
            assert.deepStrictEqual(errors(r.stderr), [
                'unknown argument "--stak"; usage: npm run plan -- [--stack <name>] [--out <dir>] [--project-dir <dir with Pulumi.yaml and Pulumi.<stack>.yaml>] [--policy-pack-config <file> (default: policy-config.<stack>.json there, if any)] [--lifecycle]',
            ]);
            assert.strictEqual(r.stderr, `${errors(r.stderr)[0]}\n`, "no progress: nothing was read");
            assert.strictEqual(r.stdout, "");
        });

        for (const args of [["--stack"], ["--stack="], ["-s", ""]]) {
            it(`exits 2 when ${JSON.stringify(args)} names no stack`, async () => {
                const r = await runPlan(args);
                assert.strictEqual(r.status, 2);
                assert.match(r.stderr, /^--stack needs a stack name; usage: npm run plan -- /);
            });
        }

        for (const [flag, what] of [
            ["--out", "a folder"],
            ["--project-dir", "a folder"],
            ["--policy-pack-config", "a file"],
        ]) {
            it(`exits 2 when ${flag} is given no value`, async () => {
                const r = await runPlan(["--stack", "solo", flag]);
                assert.strictEqual(r.status, 2);
                assert.deepStrictEqual(
                    errors(r.stderr).map((l) => l.split(";")[0]),
                    [`${flag} needs ${what}`],
                );
                assert.match(r.stderr, /; usage: npm run plan -- /);
            });
        }

        it("writes to out/<stack> of the project when --out is not given", async () => {
            const stack = `b-default-out-${process.pid}`;
            const dir = project();
            fs.renameSync(path.join(dir, "Pulumi.solo.yaml"), path.join(dir, `Pulumi.${stack}.yaml`));
            const out = path.join(ROOT, "out", stack);
            try {
                const r = await runPlan(["--stack", stack, "--project-dir", dir]);
                assert.strictEqual(r.status, 0, r.stderr + r.stdout);
                assert.match(
                    r.stdout,
                    new RegExp(`^Wrote \\d+ files under out/${stack}/ \\(kubernetes/, iam/, helm/\\)$`, "m"),
                );
                assert.ok(fs.existsSync(path.join(out, "helm", "lbc-release.values.yaml")));
            } finally {
                fs.rmSync(out, { recursive: true, force: true });
            }
        });
    });

    describe("the output folder", () => {
        it("exits 2 for --out naming a file, and leaves the file alone", async () => {
            const dir = project();
            fs.writeFileSync(path.join(dir, "f"), "mine");
            const r = await runPlan(["--stack", "solo", "--project-dir", dir, "--out", path.join(dir, "f")]);
            assert.strictEqual(r.status, 2);
            assert.deepStrictEqual(errors(r.stderr), [
                `--out ${path.join(dir, "f")} is a file, not a folder; give a new or empty folder`,
            ]);
            assert.strictEqual(fs.readFileSync(path.join(dir, "f"), "utf8"), "mine");
        });

        it("exits 2 for --out holding the user's files, and deletes nothing", async () => {
            const dir = project();
            const before = fs.readdirSync(dir).sort();
            const r = await runPlan(["--stack", "solo", "--project-dir", dir, "--out", dir]);
            assert.strictEqual(r.status, 2);
            assert.match(errors(r.stderr)[0], /^--out .* holds files the plan did not write/);
            assert.deepStrictEqual(fs.readdirSync(dir).sort(), before);
        });

        it("exits 3 saying the plan failed when the folder cannot be written, and writes nothing", async () => {
            const dir = project();
            fs.writeFileSync(path.join(dir, "f"), "mine");
            const r = await runPlan(["--stack", "solo", "--project-dir", dir, "--out", path.join(dir, "f", "out")]);
            assert.strictEqual(r.status, 3, r.stderr);
            assert.match(errors(r.stderr)[0], /^plan failed: Error: E[A-Z]+: /);
            assert.strictEqual(fs.readFileSync(path.join(dir, "f"), "utf8"), "mine");
        });

        it("leaves no earlier plan behind when a later run fails on its config", async () => {
            const dir = project();
            const out = path.join(dir, "out");
            assert.strictEqual((await runPlan(["--stack", "solo", "--project-dir", dir, "--out", out])).status, 0);
            fs.writeFileSync(path.join(dir, "Pulumi.solo.yaml"), stringify({ config: { "aws:region": "us-east-1" } }));
            const r = await runPlan(["--stack", "solo", "--project-dir", dir, "--out", out]);
            assert.strictEqual(r.status, 2);
            assert.ok(!fs.existsSync(out), "the earlier plan's files are gone");
        });
    });

    describe("the stack's config", () => {
        it("names the exact key of a placeholder, at the top or nested in an object", async () => {
            const dir = project({
                "aws:region": "us-east-1",
                "eks-alb-ingress:clusterName": "demo",
                "kubernetes:context": "arn:aws:eks:us-east-1:111122223333:cluster/demo",
                "eks-alb-ingress:controller": { tags: { owner: "arn:aws:iam::444455556666:role/ops" } },
            });
            const r = await runPlan(["--stack", "solo", "--project-dir", dir]);
            assert.strictEqual(r.status, 2, r.stderr + r.stdout);
            assert.deepStrictEqual(
                errors(r.stderr).map((l) => l.split(" holds ")[0]),
                [
                    "Pulumi.solo.yaml: config kubernetes:context",
                    "Pulumi.solo.yaml: config eks-alb-ingress:controller.tags.owner",
                ],
            );
        });

        it("runs with an encrypted value the program does not read", async () => {
            const dir = project({
                "aws:region": "us-east-1",
                "eks-alb-ingress:clusterName": "demo",
                "kubernetes:kubeconfig": { secure: "v1:Zm9v" },
            });
            const r = await runPlan(["--stack", "solo", "--project-dir", dir, "--out", path.join(dir, "out")]);
            assert.strictEqual(r.status, 0, r.stderr + r.stdout);
        });
    });

    describe("the policy config", () => {
        it("exits 2 when --policy-pack-config names no file, or a folder", async () => {
            const dir = project();
            for (const missing of [path.join(dir, "missing.json"), dir]) {
                const r = await runPlan(["--stack", "solo", "--project-dir", dir, "--policy-pack-config", missing]);
                assert.strictEqual(r.status, 2);
                assert.deepStrictEqual(errors(r.stderr), [
                    `${path.relative(ROOT, missing)}: --policy-pack-config names no file`,
                ]);
            }
        });

        it("runs without a policy config line when the stack has no policy config file", async () => {
            const dir = project();
            const r = await runPlan(["--stack", "solo", "--project-dir", dir, "--out", path.join(dir, "out")]);
            assert.strictEqual(r.status, 0, r.stderr + r.stdout);
            assert.doesNotMatch(r.stdout, /Policy config/);
        });

        it("prints what it sets, warns about a name that is no policy, and applies the values", async () => {
            const dir = project({ ...DEV, "aws:region": "us-east-1" });
            fs.writeFileSync(
                path.join(dir, "policy-config.solo.json"),
                JSON.stringify({
                    "alb-internet-facing-https": "advisory",
                    "workload-min-replicas": { enforcementLevel: "mandatory", minReplicas: 9 },
                    "alb-tls-policy": {
                        albIngressClasses: ["alb"],
                        allowedPolicies: ["ELBSecurityPolicy-TLS13-1-2-2021-06"],
                    },
                    "no-such-policy": "advisory",
                }),
            );
            const r = await runPlan(["--stack", "solo", "--project-dir", dir, "--out", path.join(dir, "out")]);
            const shown = path.relative(ROOT, path.join(dir, "policy-config.solo.json"));
            assert.match(
                r.stdout,
                /^Policy config: \S+policy-config\.solo\.json \(alb-internet-facing-https: advisory; workload-min-replicas: mandatory, minReplicas; alb-tls-policy: default level, albIngressClasses, allowedPolicies; no-such-policy: advisory\)$/m,
            );
            assert.deepStrictEqual(errors(r.stderr), [
                `warning: ${shown}: "no-such-policy" is no policy of the pack; the CLI ignores it`,
            ]);
            assert.strictEqual(r.status, 1, "9 replicas required, mandatory");
            assert.match(
                r.stdout,
                /^ {4}\[workload-min-replicas\] alb-test-01-deploy: Deployment runs \d replica\(s\); set spec\.replicas to at least 9\.$/m,
            );
        });
    });

    describe("the report", () => {
        it("prints counts that match the tree, the files written and the objects validated", async () => {
            const out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-out-"));
            const r = await runPlan(["--stack", "dev", "--out", out]);
            assert.strictEqual(r.status, 0, r.stderr + r.stdout);
            const total = Number(/^Plan for stack dev \(offline, mock engine\): (\d+) resources$/m.exec(r.stdout)?.[1]);
            const byType = r.stdout.slice(r.stdout.indexOf("Resources by type:"), r.stdout.indexOf("Stack outputs:"));
            const counted = [...byType.matchAll(/^ +(\d+) {2}\S+$/gm)].reduce((n, m) => n + Number(m[1]), 0);
            assert.ok(total > 0 && counted === total, `${counted} counted by type, ${total} in the header`);
            const tree = r.stdout.slice(r.stdout.indexOf("Type "), r.stdout.indexOf("Resources by type:"));
            assert.strictEqual(tree.split("\n").filter((l) => /[├└]─ /.test(l)).length, total);

            const files = filesUnder(out).filter((f) => !f.startsWith("."));
            assert.match(
                r.stdout,
                new RegExp(`^Wrote ${files.length} files under ${escape(path.relative(ROOT, out))}/`, "m"),
            );
            const kubernetes = files.filter((f) => f.startsWith("kubernetes/")).length;
            const helm = files.filter((f) => f.startsWith("helm/")).length;
            assert.match(
                r.stdout,
                new RegExp(`^Validation: ${kubernetes} Kubernetes objects .*, ${helm} Helm releases `, "m"),
            );
            const report = r.stdout.slice(r.stdout.indexOf("Policies ("), r.stdout.indexOf("Create order"));
            const levels = /^Policies \((\d+)\):\n {2}mandatory: none\n {2}advisory: (\d+)\n/.exec(report);
            assert.strictEqual(Number(levels?.[1]), policies.length, report);
            assert.strictEqual(Number(levels?.[2]), (report.match(/^ {4}\[[a-z-]+\] /gm) ?? []).length, report);
        });

        it("prints every stack output with its value, and progress in seven steps", async () => {
            const out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-out-"));
            const r = await runPlan(["--stack", "dev", "--out", out]);
            assert.match(r.stdout, /^ {2}controllerRoleArn: "arn:aws:iam::123456789012:role\/[^"]+"$/m);
            assert.match(
                r.stdout,
                /^ {2}\w+: \{"alb-test-01":"http:\/\/k8s-[^"]+","ecsdemo-frontend":"http:\/\/k8s-[^"]+"\}$/m,
            );
            assert.match(r.stdout, /\nStack outputs:\n {2}\w+: /);
            assert.deepStrictEqual(r.stderr.split("\n").filter(Boolean), [
                "[1/7] reading Pulumi.yaml and Pulumi.dev.yaml",
                "[2/7] evaluating index.ts on the Pulumi mock engine",
                "[3/7] printing the resource tree",
                `[4/7] writing manifests, IAM documents and Helm values under ${path.relative(ROOT, out)}`,
                "[5/7] validating Kubernetes objects and Helm values",
                `[6/7] running ${policies.length} policies of the policy pack`,
                "[7/7] ordering creates and deletes",
            ]);
        });

        it("roots the tree at the stack, and marks the folder with the command that wrote it", async () => {
            const out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-out-"));
            const r = await runPlan(["--stack", "dev", "--out", out]);
            assert.match(r.stdout, /^ {2}pulumi:pulumi:Stack +eks-alb-ingress-dev$/m);
            const written = filesUnder(out).filter((f) => f !== PLAN_MARKER).length;
            assert.strictEqual(
                fs.readFileSync(path.join(out, PLAN_MARKER), "utf8"),
                `npm run plan -- --stack dev: ${written} files\n`,
            );
        });

        it("exits 1 on objects the API server would refuse, one line each, with no mandatory violation", async () => {
            const apps = (DEV["eks-alb-ingress:apps"] as Record<string, unknown>[]).map((app) => ({
                ...app,
                scheme: "internal",
                annotations: { "example.com/notes": "x".repeat(300000) },
            }));
            const dir = project({ ...DEV, "eks-alb-ingress:apps": apps });
            const r = await runPlan(["--stack", "solo", "--project-dir", dir, "--out", path.join(dir, "out")]);
            assert.strictEqual(r.status, 1, r.stderr);
            assert.match(
                r.stdout,
                /^ {2}INVALID Ingress alb-test-01-ing: metadata\.annotations total \d+ bytes, more than the API server's limit of 256 KiB$/m,
            );
            assert.match(r.stdout, /^ {2}INVALID Ingress ecsdemo-frontend-ing: metadata\.annotations total /m);
            assert.doesNotMatch(r.stdout, /all valid/);
            assert.match(r.stdout, /\nPlan FAILED: 0 mandatory violation\(s\), 2 invalid object\(s\)\.\n$/);
        });

        it("prints the delete order as the create order reversed", async () => {
            const out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-out-"));
            const r = await runPlan(["--stack", "dev", "--out", out]);
            const listed = (label: string) =>
                [...r.stdout.matchAll(new RegExp(`^ {2}${label} +\\d+: (.*)$`, "gm"))].map((m) => m[1]);
            const waves = listed("wave");
            assert.ok(waves.length > 3, r.stdout);
            assert.match(r.stdout, new RegExp(`^Create order \\(${waves.length} waves; `, "m"));
            assert.match(r.stdout, /\n\nDelete order \(the waves reversed\):\n {2}step {2}1: /);
            assert.deepStrictEqual(listed("step"), [...waves].reverse());
        });
    });

    describe("in this process", () => {
        it("reports only the resources of its own run, and leaves the process's config as it found it", async () => {
            new pulumi.ComponentResource("test:index:Earlier", "earlier");
            await settle(); // an earlier run, finished
            assert.strictEqual(recorded.length, 1);
            pulumi.runtime.setAllConfig({ "caller:setting": "kept" });
            const config = { ...pulumi.runtime.allConfig() };
            const out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-out-"));
            const r = await runPlan(["--stack", "dev", "--out", out]);
            assert.strictEqual(r.status, 0, r.stderr);
            assert.doesNotMatch(r.stdout, /earlier/);
            const total = Number(/: (\d+) resources$/m.exec(r.stdout)?.[1]);
            assert.strictEqual(total, recorded.length);
            assert.deepStrictEqual(pulumi.runtime.allConfig(), config);
        });
    });

    describe("failures of the program", () => {
        it("exits 2 naming the key when the cloud contradicts the config", async () => {
            const dir = project({
                "aws:region": "us-east-1",
                "eks-alb-ingress:clusterName": "demo",
                "eks-alb-ingress:oidcProvider": "reuse",
            });
            const r = await runPlan(["--stack", "solo", "--project-dir", dir, "--out", path.join(dir, "out")]);
            assert.strictEqual(r.status, 2, r.stderr + r.stdout);
            assert.deepStrictEqual(
                errors(r.stderr).map((l) => l.split(", but")[0]),
                ['Pulumi.solo.yaml: config eks-alb-ingress:oidcProvider is "reuse"'],
            );
            assert.ok(!fs.existsSync(path.join(dir, "out")));
        });

        it("exits 3 with the error and where it was thrown when a look-up fails", async () => {
            cloud.oidcProviderLookupError = "AccessDenied: not authorized to perform iam:GetOpenIDConnectProvider";
            const dir = project();
            const r = await runPlan(["--stack", "solo", "--project-dir", dir, "--out", path.join(dir, "out")]);
            assert.strictEqual(r.status, 3, r.stderr + r.stdout);
            assert.match(r.stderr, /^plan failed: Error: looking up the cluster's IAM OIDC provider [^]*AccessDenied/m);
            assert.match(r.stderr, /\n {4}at /, "with its stack trace");
        });
    });

    describe("--lifecycle", () => {
        it("checks every stack of the project, or only the one named", async () => {
            const dir = project();
            fs.copyFileSync(path.join(dir, "Pulumi.solo.yaml"), path.join(dir, "Pulumi.duo.yaml"));
            const checked = async (...args: string[]) => {
                const r = await runPlan(["--lifecycle", "--project-dir", dir, ...args]);
                assert.strictEqual(r.status, 0, r.stderr + r.stdout);
                assert.doesNotMatch(r.stdout, /Plan for stack/);
                assert.match(r.stdout, /^== Pulumi\.\w+\.yaml: second up \(must change nothing\)\n {2}no changes$/m);
                return [...r.stdout.matchAll(/^== Pulumi\.(\w+)\.yaml: first up on an empty world$/gm)].map(
                    (m) => m[1],
                );
            };
            assert.deepStrictEqual(await checked(), ["duo", "solo"]);
            assert.deepStrictEqual(await checked("--stack", "solo"), ["solo"]);
            assert.deepStrictEqual(await checked("-s", "duo"), ["duo"]);
            assert.deepStrictEqual(await checked("--stack=solo"), ["solo"]);
        });
    });

    describe("where it prints by default", () => {
        it("writes each line to stdout or stderr, ending it", () => {
            const seen: string[] = [];
            const write = process.stderr.write;
            const log = console.log;
            process.stderr.write = ((text: string) => (seen.push(`err:${text}`), true)) as typeof write;
            console.log = (text: string) => seen.push(`out:${text}\n`);
            try {
                processIo.err("[1/7] reading");
                processIo.out("Plan OK");
            } finally {
                process.stderr.write = write;
                console.log = log;
            }
            assert.deepStrictEqual(seen, ["err:[1/7] reading\n", "out:Plan OK\n"]);
        });
    });
});
