import * as assert from "assert";
import { type ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import {
    AnalyzeRequest,
    type AnalyzeResponse,
    AnalyzerResource,
    AnalyzeStackRequest,
    type AnalyzerInfo,
    AnalyzerResourceOptions,
    EnforcementLevel,
} from "@pulumi/pulumi/proto/analyzer_pb";
import { policies } from "../../policy-pack/policies";

const ROOT = path.resolve(__dirname, "..", "..");

/** A copy of the policy pack outside the workspace, installed as a user would: its dependencies from the registry
 * (the npm cache here) and the shared rules package from its packed tarball, with nothing of the workspace. */
function packedPackCopy(): string {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "eks-alb-ingress-guard-"));
    const pack = spawnSync("npm", ["pack", "-w", "eks-alb-ingress-rules", "--pack-destination", work], {
        cwd: ROOT,
        encoding: "utf8",
    });
    assert.strictEqual(pack.status, 0, `npm pack failed:\n${pack.stdout}\n${pack.stderr}`);
    const tarball = path.join(work, pack.stdout.trim().split("\n").pop()!);
    const dir = path.join(work, "policy-pack");
    fs.cpSync(path.join(ROOT, "policy-pack"), dir, {
        recursive: true,
        filter: (src) => !src.includes(`${path.sep}node_modules`),
    });
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    manifest.dependencies["eks-alb-ingress-rules"] = `file:${tarball}`;
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2));
    const install = spawnSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], {
        cwd: dir,
        encoding: "utf8",
    });
    assert.strictEqual(install.status, 0, `npm install failed:\n${install.stdout}\n${install.stderr}`);
    // The pack runs on its own TypeScript (not the SDK's bundled 3.8) and pulls in no cloud provider SDK.
    const ts = JSON.parse(fs.readFileSync(path.join(dir, "node_modules", "typescript", "package.json"), "utf8"));
    assert.match(ts.version, /^5\./);
    for (const provider of ["aws", "kubernetes", "eks", "tls"]) {
        assert.ok(!fs.existsSync(path.join(dir, "node_modules", "@pulumi", provider)), `@pulumi/${provider} installed`);
    }
    return dir;
}

/**
 * The pack as `pulumi preview --policy-pack <dir>` runs it: the SDK's policy-pack runner of the pack's own
 * @pulumi/pulumi (TypeScript, type-checked with the pack's own TypeScript and tsconfig) serving the Analyzer gRPC
 * protocol on loopback.
 */
function describeServedPack(title: string, packDir: () => string): void {
    describe(title, function () {
        this.timeout(300000);
        let child: ChildProcess;
        let client: InstanceType<typeof AnalyzerClient>;
        let dir: string;

        before(async () => {
            dir = packDir();
            const own = path.join(dir, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
            const runner = fs.existsSync(own)
                ? own
                : path.join(ROOT, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
            child = spawn(process.execPath, [runner, "127.0.0.1:1", "."], {
                cwd: dir,
                stdio: ["ignore", "pipe", "pipe"],
            });
            let stderr = "";
            child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
            const port = await new Promise<number>((resolve, reject) => {
                child.stdout!.once("data", (d: Buffer) => resolve(Number(d.toString().trim())));
                child.once("exit", (code) => reject(new Error(`the pack exited with ${code}: ${stderr}`)));
            });
            client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        });

        after(() => {
            client?.close();
            child?.kill();
        });

        it("announces every policy with its default enforcement level", async () => {
            const info = await new Promise<AnalyzerInfo>((resolve, reject) =>
                client.getAnalyzerInfo(new Empty(), (e, r) => (e ? reject(e) : resolve(r!))),
            );
            assert.strictEqual(info.getName(), "eks-alb-ingress-guard");
            const levels = Object.fromEntries(
                info.getPoliciesList().map((p) => [p.getName(), p.getEnforcementlevel()]),
            );
            const expected = Object.fromEntries(
                policies.map((p) => [
                    p.name,
                    p.enforcementLevel === "mandatory" ? EnforcementLevel.MANDATORY : EnforcementLevel.ADVISORY,
                ]),
            );
            assert.deepStrictEqual(levels, expected);
            assert.strictEqual(Object.keys(levels).length, 25);
        });

        const RUNBOOK_INGRESS = {
            apiVersion: "extensions/v1beta1",
            kind: "Ingress",
            metadata: {
                name: "alb-test-01",
                annotations: {
                    "kubernetes.io/ingress.class": "alb",
                    "alb.ingress.kubernetes.io/scheme": "internet-facing",
                },
            },
            spec: {
                rules: [
                    { http: { paths: [{ path: "/*", backend: { serviceName: "alb-test-01", servicePort: 80 } }] } },
                ],
            },
        };
        const URN = "urn:pulumi:dev::eks-alb-ingress::kubernetes:extensions/v1beta1:Ingress::alb-test-01";

        it("reports the runbook's extensions/v1beta1 Ingress through the engine protocol (Analyze)", async () => {
            const req = new AnalyzeRequest();
            req.setType("kubernetes:extensions/v1beta1:Ingress");
            req.setName("alb-test-01");
            req.setOptions(new AnalyzerResourceOptions()); // the engine always sends options
            req.setUrn(URN);
            req.setProperties(Struct.fromJavaScript(RUNBOOK_INGRESS));
            const res = await new Promise<AnalyzeResponse>((resolve, reject) =>
                client.analyze(req, (e, r) => (e ? reject(e) : resolve(r!))),
            );
            const found = new Set(res.getDiagnosticsList().map((d) => d.getPolicyname()));
            for (const name of ["ingress-networking-v1", "alb-ingress-class-name"]) {
                assert.ok(found.has(name), `${name} in ${[...found].join(", ")}`);
            }
        });

        it("reports the runbook's HTTP-only internet-facing ALB through the engine protocol (AnalyzeStack)", async () => {
            const resource = new AnalyzerResource();
            resource.setType("kubernetes:extensions/v1beta1:Ingress");
            resource.setName("alb-test-01");
            resource.setUrn(URN);
            resource.setOptions(new AnalyzerResourceOptions());
            resource.setProperties(Struct.fromJavaScript(RUNBOOK_INGRESS));
            const req = new AnalyzeStackRequest();
            req.setResourcesList([resource]);
            const res = await new Promise<AnalyzeResponse>((resolve, reject) =>
                client.analyzeStack(req, (e, r) => (e ? reject(e) : resolve(r!))),
            );
            const https = res.getDiagnosticsList().filter((d) => d.getPolicyname() === "alb-internet-facing-https");
            assert.strictEqual(
                https.length,
                1,
                res
                    .getDiagnosticsList()
                    .map((d) => d.getPolicyname())
                    .join(", "),
            );
            assert.strictEqual(https[0].getEnforcementlevel(), EnforcementLevel.MANDATORY);
            assert.strictEqual(https[0].getUrn(), URN);
        });
    });
}

describeServedPack("policy pack served as the Pulumi CLI runs it, in this workspace", () =>
    path.join(ROOT, "policy-pack"),
);

describeServedPack("policy pack copied out of the workspace and installed on its own", packedPackCopy);
