/**
 * `npm run plan -- --stack <name>`: the offline plan (plan/main.ts runs {@link main} and exits with its code).
 * Evaluates the stack program (index.ts) with that stack's config on the Pulumi SDK's mock engine — the only
 * offline path, as the Pulumi CLI is not needed — and prints what `pulumi preview` would create, writes every
 * manifest and document under out/<stack>/, validates them, runs the policy pack, and prints the create and delete
 * order.
 *
 * Exit codes: 0 plan is valid; 1 a mandatory policy violation or an invalid object; 2 a usage or config error;
 * 3 the plan itself failed.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { policies } from "../policy-pack/policies";
import { ConfigError, ConfigErrors } from "../stack/config";
import { cloud, recorded, valueOf } from "./engine";
import { ROOT, evaluateStackProgram } from "./evaluate";
import { stackConfigProblems } from "./configCheck";
import { writePlanFiles } from "./cliFiles";
import {
    type PolicyConfig,
    PolicyConfigError,
    parsePolicyPackConfig,
    reconcilePolicyPackConfig,
    unknownPolicies,
} from "./policyConfig";
import { fakesOf, runPolicies, runnerConfig } from "./policyRunner";
import { countByType, createWaves, formatWaves, resourceTree } from "./report";
import { runLifecycleChecks } from "./lifecycle/check";
import { StackFileError, loadStackFiles } from "./stackFiles";
import { apiServerProblems } from "./apiServer";
import { checkOutDir, discardEarlierPlan } from "./outDir";
import { helmValueProblems, kubernetesObjects, schemaProblems } from "./validate";

/** Where the plan prints: the report (stdout) and progress, warnings and errors (stderr), one line per call. */
export interface PlanIo {
    out(line: string): void;
    err(line: string): void;
}

/** stdout and stderr of this process. */
export const processIo: PlanIo = {
    out: (line) => console.log(line),
    err: (line) => process.stderr.write(`${line}\n`),
};

const STEPS = 7;

const USAGE =
    "usage: npm run plan -- [--stack <name>] [--out <dir>] [--project-dir <dir with Pulumi.yaml and Pulumi.<stack>.yaml>] [--policy-pack-config <file> (default: policy-config.<stack>.json there, if any)] [--lifecycle]";

/** Usage or configuration problem: one line on stderr, exit code 2. */
class UsageError extends Error {}

function parseArgs(argv: readonly string[]): {
    stack: string;
    out: string;
    dir: string;
    policyConfig?: string;
    lifecycle?: boolean;
    stackGiven?: boolean;
} {
    let stack = "dev";
    let lifecycle = false;
    const stackGiven = argv.some((a) => a === "--stack" || a === "-s" || a.startsWith("--stack="));
    let out: string | undefined;
    let dir = ROOT;
    let policyConfig: string | undefined;
    /** The value after flag `argv[i]` (a flag given last has none: a usage error naming `what` it needs). */
    const valueOf = (i: number, what: string): string => {
        const value = argv[i + 1];
        if (value === undefined) throw new UsageError(`${argv[i]} needs ${what}; ${USAGE}`);
        return value;
    };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--stack" || arg === "-s") stack = argv[++i] ?? "";
        else if (arg.startsWith("--stack=")) stack = arg.slice("--stack=".length);
        else if (arg === "--lifecycle") lifecycle = true;
        else if (arg === "--out") out = path.resolve(valueOf(i++, "a folder"));
        else if (arg === "--project-dir") dir = path.resolve(valueOf(i++, "a folder"));
        else if (arg === "--policy-pack-config") policyConfig = path.resolve(valueOf(i++, "a file"));
        else throw new UsageError(`unknown argument ${JSON.stringify(arg)}; ${USAGE}`);
    }
    if (!stack) throw new UsageError(`--stack needs a stack name; ${USAGE}`);
    return { stack, out: out ?? path.join(ROOT, "out", stack), dir, policyConfig, lifecycle, stackGiven };
}

/** The policy pack's name and version, as the engine names it in policy config errors (pkg/engine/update.go). */
const PACK = JSON.parse(fs.readFileSync(path.join(ROOT, "policy-pack", "package.json"), "utf8")) as {
    name: string;
    version: string;
};

/** The run's policy pack config; `file` (as shown) and `summary` when a file set it. */
type PackConfig =
    | { readonly file?: undefined; readonly config: Record<string, PolicyConfig> }
    | { readonly file: string; readonly config: Record<string, PolicyConfig>; readonly summary: string };

/**
 * The policy pack config of the run: `--policy-pack-config <file>`, else `policy-config.<stack>.json` beside
 * Pulumi.yaml when it exists (the file to pass to `pulumi preview --policy-pack-config`). Reconciled and validated
 * as the engine does (plan/policyConfig.ts); a file the CLI would refuse is a usage error (exit 2).
 */
function loadPolicyConfig(file: string, optional: boolean, io: PlanIo): PackConfig {
    const shown = path.relative(ROOT, file) || file;
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
        if (optional) return { config: reconcilePolicyPackConfig(policies, new Map()).config };
        throw new UsageError(`${shown}: --policy-pack-config names no file`);
    }
    try {
        const fileConfig = parsePolicyPackConfig(fs.readFileSync(file, "utf8"), shown);
        const { config, errors } = reconcilePolicyPackConfig(policies, fileConfig);
        if (errors.length > 0)
            throw new PolicyConfigError(
                shown,
                errors.map((e) => `validating policy config: ${PACK.name} ${PACK.version}  ${e}`),
            );
        for (const name of unknownPolicies(policies, fileConfig))
            io.err(`warning: ${shown}: "${name}" is no policy of the pack; the CLI ignores it`);
        const summary = [...fileConfig]
            .map(
                ([name, c]) =>
                    `${name}: ${c.enforcementLevel ?? "default level"}${Object.keys(c.properties).length ? `, ${Object.keys(c.properties).join(", ")}` : ""}`,
            )
            .join("; ");
        return { file: shown, config, summary };
    } catch (e) {
        if (e instanceof PolicyConfigError) throw new UsageError(e.message);
        throw e;
    }
}

/** Evaluates the program as one `pulumi preview` would, leaving the process's config as it found it. */
async function evaluate(files: Parameters<typeof evaluateStackProgram>[0]): Promise<Record<string, unknown>> {
    const previousConfig = pulumi.runtime.allConfig();
    recorded.length = 0; // the plan's resources are this run's only (the fake cloud stays as the caller set it)
    try {
        return await evaluateStackProgram(files);
    } catch (e) {
        if (e instanceof ConfigErrors)
            throw new UsageError(e.errors.map((x) => `${files.file}: ${x.message}`).join("\n"));
        if (e instanceof ConfigError) throw new UsageError(`${files.file}: ${e.message}`);
        throw e;
    } finally {
        pulumi.runtime.setAllConfig(previousConfig);
    }
}

async function plan(argv: readonly string[], io: PlanIo): Promise<number> {
    const { stack, out, dir, policyConfig, lifecycle, stackGiven } = parseArgs(argv);
    const progress = (step: number, what: string) => io.err(`[${step}/${STEPS}] ${what}`);
    // --lifecycle: first up, second up, scenarios and destroy on the offline world (plan/lifecycle/check.ts).
    if (lifecycle) return runLifecycleChecks(dir, stackGiven ? stack : undefined, { print: io.out });
    try {
        checkOutDir(out); // before anything is read, written or removed
    } catch (e) {
        throw new UsageError((e as Error).message);
    }
    discardEarlierPlan(out); // a run that fails leaves no earlier result behind
    progress(1, `reading Pulumi.yaml and Pulumi.${stack}.yaml`);
    const files = loadStackFiles(dir, stack);
    const configProblems = stackConfigProblems(files);
    if (configProblems.length > 0) throw new UsageError(configProblems.join("\n"));
    const packConfig = loadPolicyConfig(
        policyConfig ?? path.join(dir, `policy-config.${stack}.json`),
        !policyConfig,
        io,
    );

    progress(2, "evaluating index.ts on the Pulumi mock engine");
    const outputs = await evaluate(files);
    const resources = [...recorded];

    progress(3, "printing the resource tree");
    io.out(`Plan for stack ${stack} (offline, mock engine): ${resources.length} resources\n`);
    io.out(
        resourceTree(resources, `${files.project}-${stack}`)
            .map((l) => `  ${l}`)
            .join("\n"),
    );
    io.out("\nResources by type:");
    for (const [type, n] of countByType(resources)) io.out(`  ${String(n).padStart(4)}  ${type}`);
    io.out("\nStack outputs:");
    for (const [key, value] of Object.entries(outputs))
        io.out(`  ${key}: ${JSON.stringify(await valueOf(value as pulumi.Input<unknown>))}`);

    const shownOut = path.relative(ROOT, out) || out;
    progress(4, `writing manifests, IAM documents and Helm values under ${shownOut}`);
    const objects = kubernetesObjects(resources);
    const releases = resources.filter((r) => r.type === "kubernetes:helm.sh/v3:Release");
    const written = writePlanFiles(out, (n) => `npm run plan -- --stack ${stack}: ${n} files`, resources, objects);
    io.out(`\nWrote ${written.length} files under ${shownOut}/ (kubernetes/, iam/, helm/)`);

    progress(5, "validating Kubernetes objects and Helm values");
    const invalid: string[] = [];
    for (const { resource, object } of objects) {
        for (const p of schemaProblems(object, resource.type)) invalid.push(`${object.kind} ${resource.name}: ${p}`);
        for (const p of apiServerProblems(object)) invalid.push(`${object.kind} ${resource.name}: ${p}`);
    }
    for (const r of releases) for (const p of helmValueProblems(r)) invalid.push(`Helm release ${r.name}: ${p}`);
    io.out(
        `\nValidation: ${objects.length} Kubernetes objects against the Kubernetes OpenAPI schemas and the API server's name, label and annotation rules, ${releases.length} Helm releases against their charts' values.yaml`,
    );
    io.out(invalid.length === 0 ? "  all valid" : invalid.map((l) => `  INVALID ${l}`).join("\n"));

    progress(6, `running ${policies.length} policies of the policy pack`);
    if (packConfig.file) io.out(`\nPolicy config: ${packConfig.file} (${packConfig.summary})`);
    const violations = await runPolicies(policies, fakesOf(resources), runnerConfig(packConfig.config));
    const byLevel = (level: string) => violations.filter((v) => v.enforcementLevel === level);
    io.out(`\nPolicies (${policies.length}):`);
    for (const level of ["mandatory", "advisory"]) {
        const list = byLevel(level);
        io.out(`  ${level}: ${list.length === 0 ? "none" : list.length}`);
        for (const v of list) io.out(`    [${v.policy}] ${v.urn ? `${v.urn.split("::").pop()}: ` : ""}${v.message}`);
    }

    progress(7, "ordering creates and deletes");
    const waves = createWaves(resources);
    io.out(`\nCreate order (${waves.length} waves; resources in one wave can be created in parallel):`);
    io.out(formatWaves(waves, "wave").join("\n"));
    io.out("\nDelete order (the waves reversed):");
    io.out(formatWaves([...waves].reverse(), "step").join("\n"));
    io.out(`
Placeholders: only the cloud knows these, so the mock engine made them up —
  account ${cloud.account} in every ARN, ids "<name>-id", names with the suffix "-a1b2c3d", the cluster's OIDC issuer,
  endpoint and VPC, ALB host names (k8s-…elb.${cloud.dnsSuffix}) and TLS keys and certificates ("MOCK-…").`);
    const mandatory = byLevel("mandatory").length;
    const ok = mandatory === 0 && invalid.length === 0;
    io.out(`\nPlan ${ok ? "OK" : "FAILED"}: ${mandatory} mandatory violation(s), ${invalid.length} invalid object(s).`);
    return ok ? 0 : 1;
}

/**
 * Runs the plan with the command-line arguments `argv` (without node and the script), printing to `io`. Returns the
 * exit code; a usage or config problem is printed as is (exit 2), anything else as "plan failed" with its stack (3).
 */
export async function main(argv: readonly string[], io: PlanIo = processIo): Promise<number> {
    try {
        return await plan(argv, io);
    } catch (e) {
        if (e instanceof UsageError || e instanceof StackFileError) {
            io.err(e.message);
            return 2;
        }
        io.err(`plan failed: ${(e as Error)?.stack ?? String(e)}`);
        return 3;
    }
}
