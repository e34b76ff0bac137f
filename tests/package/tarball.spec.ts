/**
 * The package as a user gets it: `npm pack` of components/ on a tree whose build output is removed first (as on a
 * fresh clone), the tarball installed into a new consumer project next to the SDK and providers only, the README's
 * example type-checked there with `skipLibCheck: false`, and run on the Pulumi SDK's mock engine.
 */
import * as assert from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const BIN = path.join(ROOT, "node_modules", ".bin");

/** The first ```ts block after the README's "Using the components" heading. */
export function readmeExample(readme: string): string {
    const section = readme.slice(readme.indexOf("## Using the components"));
    const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    if (!code) throw new Error("README.md has no TypeScript example under ## Using the components");
    return code;
}

/** Runs the consumer's program on the mock engine of the consumer's own @pulumi/pulumi and prints what it made. */
const RUNNER = `
const pulumi = require("@pulumi/pulumi");
const types = new Set();
pulumi.runtime.setMocks({
    newResource: (a) => {
        types.add(a.type);
        const state = { ...a.inputs };
        if (a.type.startsWith("aws:iam/")) state.arn = "arn:aws:iam::123456789012:x/" + a.name;
        if (a.type === "kubernetes:networking.k8s.io/v1:Ingress")
            state.status = { loadBalancer: { ingress: [{ hostname: "alb.example" }] } };
        return { id: a.custom ? a.name + "-id" : undefined, state };
    },
    call: (a) => {
        if (a.token === "aws:index/getPartition:getPartition") return { partition: "aws", dnsSuffix: "amazonaws.com" };
        if (a.token === "aws:index/getRegion:getRegion") return { region: "ap-northeast-2", name: "ap-northeast-2" };
        if (a.token === "aws:index/getCallerIdentity:getCallerIdentity") return { accountId: "123456789012" };
        throw new Error("unmocked invoke " + a.token);
    },
}, "consumer", "test");
const program = require("./index.ts");
pulumi.output(program.url).apply(async (url) => {
    await pulumi.runtime.waitForRPCs();
    process.stdout.write(JSON.stringify({ url, types: [...types].sort() }) + "\\n");
});
`;

describe("the packed package in a consumer project", function () {
    this.timeout(240000);
    let consumer: string;
    let tarball: string;

    before(() => {
        const work = fs.mkdtempSync(path.join(os.tmpdir(), "eks-alb-ingress-pack-"));
        // A fresh clone has no build output: pack must build it itself (prepack), into a copy so the tree's build stays.
        const copy = path.join(work, "components");
        fs.cpSync(path.join(ROOT, "components"), copy, {
            recursive: true,
            filter: (src) => !src.includes(`${path.sep}bin`),
        });
        fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(copy, "node_modules"));
        const pack = spawnSync("npm", ["pack", "--pack-destination", work], { cwd: copy, encoding: "utf8" });
        assert.strictEqual(pack.status, 0, `npm pack failed:\n${pack.stdout}\n${pack.stderr}`);
        tarball = path.join(work, pack.stdout.trim().split("\n").pop()!);
        consumer = path.join(work, "consumer");
        fs.mkdirSync(consumer);
        fs.writeFileSync(
            path.join(consumer, "package.json"),
            JSON.stringify({ name: "consumer", version: "1.0.0", private: true }),
        );
        const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")).packages;
        const pinned = ["@pulumi/pulumi", "@pulumi/aws", "@pulumi/kubernetes"].map(
            (p) => `${p}@${lock[`node_modules/${p}`].version}`,
        );
        // The shared rules package is a dependency of its own, not yet on a registry: its tarball goes along.
        const rules = spawnSync("npm", ["pack", "-w", "eks-alb-ingress-rules", "--pack-destination", work], {
            cwd: ROOT,
            encoding: "utf8",
        });
        assert.strictEqual(rules.status, 0, `npm pack -w eks-alb-ingress-rules failed:\n${rules.stderr}`);
        const rulesTarball = path.join(work, rules.stdout.trim().split("\n").pop()!);
        execFileSync(
            "npm",
            ["install", "--prefer-offline", "--no-audit", "--no-fund", rulesTarball, tarball, ...pinned],
            {
                cwd: consumer,
                stdio: "pipe",
            },
        );
        fs.writeFileSync(
            path.join(consumer, "index.ts"),
            readmeExample(fs.readFileSync(path.join(ROOT, "README.md"), "utf8")),
        );
    });

    it("ships the built JavaScript, its declarations and each data file once, and no sources or specs", () => {
        const files = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).trim().split("\n");
        assert.ok(files.includes("package/bin/index.js") && files.includes("package/bin/index.d.ts"));
        assert.ok(files.includes("package/bin/data/chart/chart-values-3.5.0.yaml"));
        const data = files.filter((f) => /\.(json|yaml)$/.test(f) && f.includes("/data/"));
        const names = data.map((f) => path.basename(f));
        assert.strictEqual(new Set(names).size, names.length, `data shipped twice: ${data.join(", ")}`);
        assert.deepStrictEqual(
            files.filter((f) => /\.ts$/.test(f) && !f.endsWith(".d.ts")),
            [],
            "TypeScript sources",
        );
    });

    it("type-checks the README example with skipLibCheck off", () => {
        fs.writeFileSync(
            path.join(consumer, "tsconfig.json"),
            JSON.stringify({
                compilerOptions: {
                    strict: true,
                    target: "ES2022",
                    module: "commonjs",
                    moduleResolution: "node",
                    esModuleInterop: true,
                    skipLibCheck: false,
                    noEmit: true,
                    types: [],
                },
                files: ["index.ts"],
            }),
        );
        const r = spawnSync(path.join(BIN, "tsc"), ["-p", consumer], { encoding: "utf8" });
        assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    });

    it("runs the README example on the mock engine and registers the controller and the app", () => {
        fs.writeFileSync(path.join(consumer, "run.js"), RUNNER);
        const r = spawnSync(
            process.execPath,
            ["-r", path.join(ROOT, "node_modules", "ts-node", "register", "transpile-only"), "run.js"],
            { cwd: consumer, encoding: "utf8", timeout: 60000 },
        );
        assert.strictEqual(r.status, 0, r.stderr);
        const { url, types } = JSON.parse(r.stdout) as { url: string; types: string[] };
        assert.strictEqual(url, "https://alb.example/");
        for (const t of [
            "eks-alb-ingress:index:AlbIngressController",
            "eks-alb-ingress:index:IngressApp",
            "kubernetes:helm.sh/v3:Release",
            "kubernetes:networking.k8s.io/v1:Ingress",
            "aws:iam/policy:Policy",
        ]) {
            assert.ok(types.includes(t), `${t} not registered: ${types.join(", ")}`);
        }
    });
});
