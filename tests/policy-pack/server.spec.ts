import * as assert from "assert";
import { type ChildProcess, spawn } from "child_process";
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

/**
 * The pack as `pulumi preview --policy-pack ./policy-pack` runs it: the SDK's policy-pack runner (TypeScript,
 * type-checked, resolving `eks-alb-ingress` to the built package) serving the Analyzer gRPC protocol on loopback.
 */
describe("policy pack served as the Pulumi CLI runs it", function () {
    this.timeout(180000);
    let child: ChildProcess;
    let client: InstanceType<typeof AnalyzerClient>;

    before(async () => {
        child = spawn(
            process.execPath,
            [path.join(ROOT, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack"), "127.0.0.1:1", "."],
            {
                cwd: path.join(ROOT, "policy-pack"),
                stdio: ["ignore", "pipe", "pipe"],
            },
        );
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
        const levels = Object.fromEntries(info.getPoliciesList().map((p) => [p.getName(), p.getEnforcementlevel()]));
        const expected = Object.fromEntries(
            policies.map((p) => [
                p.name,
                p.enforcementLevel === "mandatory" ? EnforcementLevel.MANDATORY : EnforcementLevel.ADVISORY,
            ]),
        );
        assert.deepStrictEqual(levels, expected);
        assert.strictEqual(Object.keys(levels).length, 18);
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
            rules: [{ http: { paths: [{ path: "/*", backend: { serviceName: "alb-test-01", servicePort: 80 } }] } }],
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
