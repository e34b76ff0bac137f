/**
 * The plan's output folder, written so that the plan never deletes what it did not write: files go to a fresh
 * temporary folder beside the target and are moved into place only when the run has written them all. A target
 * that exists is replaced only when it carries the plan's marker file (an earlier plan's output); anything else
 * (a folder of the user's, a checkout, `.`) is refused before anything is written or removed.
 */
import * as fs from "fs";
import * as path from "path";

/** The file every plan output folder holds; only folders with it are ever replaced or removed. */
export const PLAN_MARKER = ".eks-alb-ingress-plan";

/** The target cannot be used: it exists and is not an earlier plan's output. */
export class OutDirError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "OutDirError";
    }
}

/** Whether `dir` is an output folder an earlier plan wrote (it holds the marker). */
export function isPlanOutput(dir: string): boolean {
    return fs.existsSync(path.join(dir, PLAN_MARKER));
}

/**
 * Checks that `out` may receive the plan's files: it does not exist, or is an empty folder, or is an earlier plan's
 * output. Throws {@link OutDirError} naming the folder otherwise, before anything is touched.
 */
export function checkOutDir(out: string): void {
    if (!fs.existsSync(out)) return;
    if (!fs.statSync(out).isDirectory()) {
        throw new OutDirError(`--out ${out} is a file, not a folder; give a new or empty folder`);
    }
    if (fs.readdirSync(out).length === 0 || isPlanOutput(out)) return;
    throw new OutDirError(
        `--out ${out} holds files the plan did not write (it has no ${PLAN_MARKER}); give a new or empty folder, the plan never deletes what it did not write`,
    );
}

/**
 * Removes an earlier plan's output at `out` (and only that), so that a run that fails before it writes leaves no
 * earlier result that could be taken for its own.
 */
export function discardEarlierPlan(out: string): void {
    if (fs.existsSync(out) && isPlanOutput(out)) fs.rmSync(out, { recursive: true, force: true });
}

/** A fresh temporary folder beside `out`, on the same file system so that it can be renamed into place. */
export function stagingDir(out: string): string {
    const parent = path.dirname(out);
    fs.mkdirSync(parent, { recursive: true });
    return fs.mkdtempSync(path.join(parent, `.${path.basename(out)}.plan-`));
}

/**
 * Moves the staged files into place at `out`, marking them as the plan's. `out` must have passed
 * {@link checkOutDir}: it is absent, empty or an earlier plan's output, which is what gets replaced.
 */
export function commitOutDir(staging: string, out: string, summary: string): void {
    fs.writeFileSync(path.join(staging, PLAN_MARKER), `${summary}\n`);
    checkOutDir(out); // the folder may have changed while the plan ran
    discardEarlierPlan(out);
    fs.renameSync(staging, out); // rename(2) replaces a missing or empty folder
}

/** Removes a staging folder that was not committed (the run failed while writing). */
export function dropStaging(staging: string): void {
    if (fs.existsSync(staging)) fs.rmSync(staging, { recursive: true, force: true });
}
