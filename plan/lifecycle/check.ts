/**
 * `npm run plan -- --lifecycle [--stack <name>]`: the lifecycle checks on the offline world. For each stack (all
 * shipped `Pulumi.<stack>.yaml` unless one is named): first up on an empty world, second up = no changes, destroy
 * (order and what is retained); then every scenario of plan/scenarios/ whose base is one of these stacks.
 * Returns the exit code: 0 when every check passes, 1 otherwise.
 */
import * as path from "path";
import { type StackFiles, listStacks, loadStackFiles } from "../stackFiles";
import { formatSteps, summarize } from "./format";
import type { StackProgram } from "./run";
import { loadScenarios, runScenario } from "./scenarios";
import { destroy, emptyWorld, up } from "./world";

/** Where the scenario files live. */
export const SCENARIO_DIR = path.join(__dirname, "..", "scenarios");

/** Where the checks print (stdout unless a caller collects the lines). */
let log = (line: string) => console.log(line);

/** First up, second up, destroy of one stack; returns the failures. */
async function stackLifecycle(files: StackFiles, program?: StackProgram): Promise<string[]> {
    const failures: string[] = [];
    log(`\n== ${files.file}: first up on an empty world`);
    const first = await up(emptyWorld(), files, program);
    log(`  ${summarize(first.steps)}`);
    for (const s of first.steps) for (const e of s.errors) failures.push(`first up: ${s.name}: ${e}`);
    for (const l of formatSteps(first.steps).filter((x) => /DANGER|ERROR/.test(x))) log(l);

    log(`\n== ${files.file}: second up (must change nothing)`);
    const second = await up(first.world, files, program);
    const changed = second.steps.filter((s) => s.op !== "same");
    log(changed.length === 0 ? "  no changes" : formatSteps(second.steps).join("\n"));
    for (const s of changed)
        failures.push(`second up: ${s.op} ${s.name}${s.diffs.length ? ` [${s.diffs.join(", ")}]` : ""}`);

    log(`\n== ${files.file}: destroy (in this order)`);
    const gone = await destroy(second.world);
    log(formatSteps(gone.steps).join("\n"));
    for (const s of gone.steps) for (const e of s.errors) failures.push(`destroy: ${s.name}: ${e}`);
    log(
        gone.retained.length === 0
            ? "  retained: nothing"
            : `  retained (stay in the cloud, outside any state): ${gone.retained.map((r) => `${r.type} ${r.name}`).join(", ")}`,
    );
    const left = [...gone.world.external.kubernetes.keys()];
    if (left.length > 0) log(`  left in the cluster by others (cert-manager, Helm keep policy): ${left.join(", ")}`);
    return failures;
}

/** Runs the lifecycle checks for `stack` (or every stack in `dir`); prints them and returns the exit code. */
export async function runLifecycleChecks(
    dir: string,
    stack?: string,
    options: {
        readonly scenarioDir?: string;
        readonly print?: (line: string) => void;
        /** What each up runs (default: the repository's index.ts). */
        readonly program?: StackProgram;
    } = {},
): Promise<number> {
    const print = log;
    if (options.print) log = options.print;
    try {
        return await checkAll(dir, stack, options.scenarioDir ?? SCENARIO_DIR, options.program);
    } finally {
        log = print;
    }
}

async function checkAll(
    dir: string,
    stack: string | undefined,
    scenarioDir: string,
    program: StackProgram | undefined,
): Promise<number> {
    const stacks = stack ? [stack] : listStacks(dir);
    const failures: string[] = [];
    const bases = new Map<string, StackFiles>();
    for (const s of stacks) {
        const files = loadStackFiles(dir, s);
        bases.set(s, files);
        failures.push(...(await stackLifecycle(files, program)).map((f) => `${files.file}: ${f}`));
    }
    for (const scenario of loadScenarios(scenarioDir).filter((x) => bases.has(x.stack))) {
        log(`\n== scenario ${scenario.file}: ${scenario.description} (base Pulumi.${scenario.stack}.yaml)`);
        const outcomes = await runScenario(scenario, bases.get(scenario.stack)!, undefined, program);
        for (const o of outcomes) {
            log(`  -- ${o.step.name}: ${summarize(o.steps)}`);
            log(formatSteps(o.steps).join("\n"));
            for (const f of o.failures) log(`     FAIL ${f}`);
            failures.push(...o.failures.map((f) => `${scenario.file} / ${o.step.name}: ${f}`));
        }
    }
    log(`\nLifecycle ${failures.length === 0 ? "OK" : `FAILED: ${failures.length} failure(s)`}`);
    for (const f of failures) log(`  ${f}`);
    return failures.length === 0 ? 0 : 1;
}
