import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    OutDirError,
    PLAN_MARKER,
    checkOutDir,
    commitOutDir,
    discardEarlierPlan,
    dropStaging,
    stagingDir,
} from "../../plan/outDir";

const ROOT = path.resolve(__dirname, "..", "..");
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "outdir-"));

/** Stages one file and commits it to `out`, as the plan does. */
function writePlan(out: string, file = "kubernetes/x.yaml"): void {
    const staging = stagingDir(out);
    try {
        fs.mkdirSync(path.dirname(path.join(staging, file)), { recursive: true });
        fs.writeFileSync(path.join(staging, file), "x");
        commitOutDir(staging, out, "test");
    } finally {
        dropStaging(staging);
    }
}

describe("plan output folder", () => {
    it("refuses a folder holding files it did not write, and leaves them alone", () => {
        const out = tmp();
        fs.writeFileSync(path.join(out, "notes.txt"), "mine");
        assert.throws(
            () => checkOutDir(out),
            (e: Error) => e instanceof OutDirError && /notes|did not write/.test(e.message),
        );
        discardEarlierPlan(out);
        assert.strictEqual(fs.readFileSync(path.join(out, "notes.txt"), "utf8"), "mine");
    });

    it("refuses a file given as the folder", () => {
        const file = path.join(tmp(), "f");
        fs.writeFileSync(file, "mine");
        assert.throws(() => checkOutDir(file), /is a file/);
        assert.strictEqual(fs.readFileSync(file, "utf8"), "mine");
    });

    it("writes into a new or an empty folder and marks it as the plan's", () => {
        for (const out of [path.join(tmp(), "new", "out"), tmp()]) {
            checkOutDir(out);
            writePlan(out);
            assert.ok(fs.existsSync(path.join(out, PLAN_MARKER)));
            assert.strictEqual(fs.readFileSync(path.join(out, "kubernetes", "x.yaml"), "utf8"), "x");
            assert.deepStrictEqual(
                fs.readdirSync(path.dirname(out)).filter((f) => f.includes(".plan-")),
                [],
                "no staging folder is left behind",
            );
        }
    });

    it("replaces an earlier plan's output whole, so no stale file survives", () => {
        const out = path.join(tmp(), "out");
        writePlan(out, "kubernetes/old.yaml");
        checkOutDir(out);
        writePlan(out, "kubernetes/new.yaml");
        assert.ok(!fs.existsSync(path.join(out, "kubernetes", "old.yaml")));
        assert.ok(fs.existsSync(path.join(out, "kubernetes", "new.yaml")));
    });

    it("discards an earlier plan's output when a new run starts, and nothing else", () => {
        const parent = tmp();
        const out = path.join(parent, "out");
        writePlan(out);
        fs.writeFileSync(path.join(parent, "keep.txt"), "mine");
        discardEarlierPlan(out);
        assert.ok(!fs.existsSync(out));
        assert.ok(fs.existsSync(path.join(parent, "keep.txt")));
    });
});

describe("npm run plan -- --out", function () {
    this.timeout(60000);

    it("refuses `--out .` in a checkout with exit code 2 and deletes nothing", () => {
        const dir = tmp();
        for (const f of ["Pulumi.yaml", "Pulumi.dev.yaml"]) fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
        fs.writeFileSync(path.join(dir, "index.ts"), "// the user's program\n");
        const before = fs.readdirSync(dir).sort();
        const r = spawnSync(
            path.join(ROOT, "node_modules", ".bin", "ts-node"),
            ["--transpile-only", path.join(ROOT, "plan", "main.ts"), "--project-dir", dir, "--out", "."],
            { cwd: dir, encoding: "utf8", timeout: 60000 },
        );
        assert.strictEqual(r.status, 2, r.stderr + r.stdout);
        assert.match(r.stderr, /--out .* holds files the plan did not write/);
        assert.deepStrictEqual(fs.readdirSync(dir).sort(), before);
        assert.strictEqual(fs.readFileSync(path.join(dir, "index.ts"), "utf8"), "// the user's program\n");
    });
});
