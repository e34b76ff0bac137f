import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { OutDirError, PLAN_MARKER, checkOutDir, commitOutDir, dropStaging, stagingDir } from "../../plan/outDir";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "outdir-edges-"));

describe("plan output folder: staging and the marker", () => {
    it("names its refusal OutDirError, as a stack trace shows it", () => {
        const out = tmp();
        fs.writeFileSync(path.join(out, "notes.txt"), "mine");
        assert.throws(
            () => checkOutDir(out),
            (e: Error) => e instanceof OutDirError && e.name === "OutDirError" && /^OutDirError: /.test(String(e)),
        );
    });

    it("stages beside the target, in a hidden folder named after it, touching nothing else in the parent", () => {
        const parent = tmp();
        const out = path.join(parent, "out");
        const staging = stagingDir(out);
        try {
            assert.strictEqual(path.dirname(staging), parent);
            assert.match(path.basename(staging), /^\.out\.plan-.+$/);
            assert.deepStrictEqual(fs.readdirSync(parent), [path.basename(staging)]);
        } finally {
            dropStaging(staging);
        }
    });

    it("writes the run's summary into the marker of the committed folder", () => {
        const out = path.join(tmp(), "out");
        const staging = stagingDir(out);
        commitOutDir(staging, out, "plan of stack dev: 12 files");
        assert.strictEqual(fs.readFileSync(path.join(out, PLAN_MARKER), "utf8"), "plan of stack dev: 12 files\n");
    });

    it("drops a staging folder that was not committed, with the files already written into it", () => {
        const parent = tmp();
        const staging = stagingDir(path.join(parent, "out"));
        fs.mkdirSync(path.join(staging, "kubernetes", "default"), { recursive: true });
        fs.writeFileSync(path.join(staging, "kubernetes", "default", "x.yaml"), "x");
        dropStaging(staging);
        assert.deepStrictEqual(fs.readdirSync(parent), [], "nothing left beside the target");
        dropStaging(staging); // already gone (committed or dropped): nothing to do, no error
    });
});
