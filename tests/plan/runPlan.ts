/** Runs the plan as `npm run plan` does: in this process (plan/cli.ts `main`), or as the real command. */
import { spawnSync } from "child_process";
import * as path from "path";
import { main } from "../../plan/cli";

export const ROOT = path.resolve(__dirname, "..", "..");

/** What a plan run left: its exit code and what it printed. */
export interface PlanRun {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/** Runs `main(args)` in this process, collecting stdout and stderr as the terminal would show them. */
export async function planInProcess(args: string[]): Promise<PlanRun> {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const status = await main(args, { out: (l) => stdout.push(`${l}\n`), err: (l) => stderr.push(`${l}\n`) });
    return { status, stdout: stdout.join(""), stderr: stderr.join("") };
}

/** Runs `ts-node plan/main.ts args` in a child process from `cwd`, as `npm run plan` does after its build. */
export function planCommand(args: string[], cwd = ROOT): PlanRun {
    const r = spawnSync(
        path.join(ROOT, "node_modules", ".bin", "ts-node"),
        ["--transpile-only", path.join(ROOT, "plan", "main.ts"), ...args],
        { cwd, encoding: "utf8", timeout: 120000 },
    );
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
