/**
 * `npm run plan -- --stack <name>`: the offline plan. Evaluates the stack program (index.ts) with that stack's
 * config on the Pulumi SDK's mock engine — the only offline path, as the Pulumi CLI is not needed — and prints
 * what `pulumi preview` would create, writes every manifest and document under out/<stack>/, validates them,
 * runs the policy pack, and prints the create and delete order.
 *
 * Exit codes: 0 plan is valid; 1 a mandatory policy violation or an invalid object; 2 a usage or config error.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";
import { stableStringify } from "../components/common/json";
import { policies } from "../policy-pack/policies";
import { ConfigError, ConfigErrors } from "../stack/config";
import { cloud, recorded, valueOf } from "./engine";
import { ROOT, evaluateStackProgram } from "./evaluate";
import { exitWhenFlushed } from "./exit";
import { stackConfigProblems } from "./configCheck";
import { PolicyConfigError, parsePolicyPackConfig, reconcilePolicyPackConfig, unknownPolicies } from "./policyConfig";
import { fakesOf, runPolicies, runnerConfig } from "./policyRunner";
import { countByType, createWaves, formatWaves, resourceTree } from "./report";
import { runLifecycleChecks } from "./lifecycle/check";
import { StackFileError, loadStackFiles } from "./stackFiles";
import { apiServerProblems } from "./apiServer";
import { checkOutDir, commitOutDir, discardEarlierPlan, dropStaging, stagingDir } from "./outDir";
import { helmValueProblems, kubernetesObjects, schemaProblems } from "./validate";

const STEPS = 7;
const progress = (step: number, what: string) => process.stderr.write(`[${step}/${STEPS}] ${what}\n`);

const USAGE =
    "usage: npm run plan -- [--stack <name>] [--out <dir>] [--project-dir <dir with Pulumi.yaml and Pulumi.<stack>.yaml>] [--policy-pack-config <file> (default: policy-config.<stack>.json there, if any)] [--lifecycle]";

/** Usage or configuration problem: one line on stderr, exit code 2. */
class UsageError extends Error {}

function parseArgs(argv: string[]): {
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
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--stack" || arg === "-s") stack = argv[++i] ?? "";
        else if (arg.startsWith("--stack=")) stack = arg.slice("--stack=".length);
        else if (arg === "--lifecycle") lifecycle = true;
        else if (arg === "--out") out = path.resolve(argv[++i] ?? "");
        else if (arg === "--project-dir") dir = path.resolve(argv[++i] ?? "");
        else if (arg === "--policy-pack-config") policyConfig = path.resolve(argv[++i] ?? "");
        else throw new UsageError(`unknown argument ${JSON.stringify(arg)}; ${USAGE}`);
    }
    if (!stack) throw new UsageError(`--stack needs a stack name; ${USAGE}`);
    return { stack, out: out ?? path.join(ROOT, "out", stack), dir, policyConfig, lifecycle, stackGiven };
}

/** Replaces private keys below a secret object with a marker, keeping the rest readable. */
function redactKeys(value: unknown): unknown {
    if (typeof value === "string") return /PRIVATE KEY/.test(value) ? "[secret]" : value;
    if (Array.isArray(value)) return value.map(redactKeys);
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactKeys(v)]));
    }
    return value;
}

/**
 * Redacts secrets for the files the plan writes: a secret scalar becomes "[secret]"; a secret object (such as Helm
 * values holding a TLS key) stays readable with its private keys redacted.
 */
function redact(inputs: Record<string, unknown>, secretPaths: readonly string[]): Record<string, unknown> {
    const copy = structuredClone(inputs);
    for (const p of secretPaths) {
        const keys = p.split(".");
        let node: Record<string, unknown> = copy;
        for (const k of keys.slice(0, -1)) node = (node?.[k] ?? {}) as Record<string, unknown>;
        const last = keys[keys.length - 1];
        if (node && last in node) {
            const v = node[last];
            node[last] = v !== null && typeof v === "object" ? redactKeys(v) : "[secret]";
        }
    }
    return copy;
}

function write(file: string, text: string): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
}

/** The policy pack's name and version, as the engine names it in policy config errors (pkg/engine/update.go). */
const PACK = JSON.parse(fs.readFileSync(path.join(ROOT, "policy-pack", "package.json"), "utf8")) as {
    name: string;
    version: string;
};

/**
 * The policy pack config of the run: `--policy-pack-config <file>`, else `policy-config.<stack>.json` beside
 * Pulumi.yaml when it exists (the file to pass to `pulumi preview --policy-pack-config`). Reconciled and validated
 * as the engine does (plan/policyConfig.ts); a file the CLI would refuse is a usage error (exit 2).
 */
function loadPolicyConfig(file: string, optional: boolean) {
    const shown = path.relative(ROOT, file) || file;
    if (!fs.existsSync(file)) {
        if (optional)
            return { file: undefined, config: reconcilePolicyPackConfig(policies, new Map()).config, summary: "" };
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
            process.stderr.write(`warning: ${shown}: "${name}" is no policy of the pack; the CLI ignores it\n`);
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

async function plan(argv: string[]): Promise<number> {
    const { stack, out, dir, policyConfig, lifecycle, stackGiven } = parseArgs(argv);
    // --lifecycle: first up, second up, scenarios and destroy on the offline world (plan/lifecycle/check.ts).
    if (lifecycle) return runLifecycleChecks(dir, stackGiven ? stack : undefined);
    try {
        checkOutDir(out); // before anything is read, written or removed
    } catch (e) {
        throw new UsageError((e as Error).message);
    }
    discardEarlierPlan(out); // a run that fails leaves no earlier result behind
    progress(1, `reading Pulumi.yaml and Pulumi.${stack}.yaml`);
    const files = loadStackFiles(dir, stack);
    const fail = (e: unknown): never => {
        if (e instanceof ConfigErrors)
            throw new UsageError(e.errors.map((x) => `${files.file}: ${x.message}`).join("\n"));
        if (e instanceof ConfigError) throw new UsageError(`${files.file}: ${e.message}`);
        throw e;
    };
    const configProblems = stackConfigProblems(files);
    if (configProblems.length > 0) throw new UsageError(configProblems.join("\n"));
    const packConfig = loadPolicyConfig(policyConfig ?? path.join(dir, `policy-config.${stack}.json`), !policyConfig);

    progress(2, "evaluating index.ts on the Pulumi mock engine");
    let outputs: Record<string, unknown> = {};
    try {
        outputs = await evaluateStackProgram(files);
    } catch (e) {
        fail(e);
    }
    const resources = [...recorded];

    progress(3, "printing the resource tree");
    console.log(`Plan for stack ${stack} (offline, mock engine): ${resources.length} resources\n`);
    console.log(
        resourceTree(resources, `${files.project}-${stack}`)
            .map((l) => `  ${l}`)
            .join("\n"),
    );
    console.log("\nResources by type:");
    for (const [type, n] of countByType(resources)) console.log(`  ${String(n).padStart(4)}  ${type}`);
    console.log("\nStack outputs:");
    for (const [key, value] of Object.entries(outputs))
        console.log(`  ${key}: ${JSON.stringify(await valueOf(value as pulumi.Input<unknown>))}`);

    progress(4, `writing manifests, IAM documents and Helm values under ${path.relative(ROOT, out) || out}`);
    const objects = kubernetesObjects(resources);
    const releases = resources.filter((r) => r.type === "kubernetes:helm.sh/v3:Release");
    const staging = stagingDir(out);
    const written: string[] = [];
    try {
        for (const { resource, object } of objects) {
            const ns = object.metadata?.namespace ?? "_cluster";
            const file = path.join(
                staging,
                "kubernetes",
                ns,
                `${object.kind}-${object.metadata?.name ?? resource.name}.yaml`,
            );
            write(file, stringify(redact(object, resource.secretInputs)));
            written.push(file);
        }
        for (const r of resources.filter((x) => x.type === "aws:iam/role:Role" || x.type === "aws:iam/policy:Policy")) {
            const doc = r.type === "aws:iam/role:Role" ? r.inputs.assumeRolePolicy : r.inputs.policy;
            const file = path.join(
                staging,
                "iam",
                `${r.name}.${r.type === "aws:iam/role:Role" ? "trust" : "policy"}.json`,
            );
            write(file, `${stableStringify(typeof doc === "string" ? JSON.parse(doc) : doc, 2)}\n`);
            written.push(file);
        }
        for (const r of releases) {
            const file = path.join(staging, "helm", `${r.name}.values.yaml`);
            write(file, stringify(redact(r.inputs, r.secretInputs).values ?? {}));
            written.push(file);
        }
        commitOutDir(staging, out, `npm run plan -- --stack ${stack}: ${written.length} files`);
    } finally {
        dropStaging(staging);
    }
    console.log(`\nWrote ${written.length} files under ${path.relative(ROOT, out) || out}/ (kubernetes/, iam/, helm/)`);

    progress(5, "validating Kubernetes objects and Helm values");
    const invalid: string[] = [];
    for (const { resource, object } of objects) {
        for (const p of schemaProblems(object, resource.type)) invalid.push(`${object.kind} ${resource.name}: ${p}`);
        for (const p of apiServerProblems(object)) invalid.push(`${object.kind} ${resource.name}: ${p}`);
    }
    for (const r of releases) for (const p of helmValueProblems(r)) invalid.push(`Helm release ${r.name}: ${p}`);
    console.log(
        `\nValidation: ${objects.length} Kubernetes objects against the Kubernetes OpenAPI schemas and the API server's name, label and annotation rules, ${releases.length} Helm releases against their charts' values.yaml`,
    );
    console.log(invalid.length === 0 ? "  all valid" : invalid.map((l) => `  INVALID ${l}`).join("\n"));

    progress(6, `running ${policies.length} policies of the policy pack`);
    if (packConfig.file) console.log(`\nPolicy config: ${packConfig.file} (${packConfig.summary})`);
    const violations = await runPolicies(policies, fakesOf(resources), runnerConfig(packConfig.config));
    const byLevel = (level: string) => violations.filter((v) => v.enforcementLevel === level);
    console.log(`\nPolicies (${policies.length}):`);
    for (const level of ["mandatory", "advisory"]) {
        const list = byLevel(level);
        console.log(`  ${level}: ${list.length === 0 ? "none" : list.length}`);
        for (const v of list)
            console.log(`    [${v.policy}] ${v.urn ? `${v.urn.split("::").pop()}: ` : ""}${v.message}`);
    }

    progress(7, "ordering creates and deletes");
    const waves = createWaves(resources);
    console.log(`\nCreate order (${waves.length} waves; resources in one wave can be created in parallel):`);
    console.log(formatWaves(waves, "wave").join("\n"));
    console.log("\nDelete order (the waves reversed):");
    console.log(formatWaves([...waves].reverse(), "step").join("\n"));
    console.log(`
Placeholders: only the cloud knows these, so the mock engine made them up —
  account ${cloud.account} in every ARN, ids "<name>-id", names with the suffix "-a1b2c3d", the cluster's OIDC issuer,
  endpoint and VPC, ALB host names (k8s-…elb.${cloud.dnsSuffix}) and TLS keys and certificates ("MOCK-…").`);
    const mandatory = byLevel("mandatory").length;
    const ok = mandatory === 0 && invalid.length === 0;
    console.log(
        `\nPlan ${ok ? "OK" : "FAILED"}: ${mandatory} mandatory violation(s), ${invalid.length} invalid object(s).`,
    );
    return ok ? 0 : 1;
}

plan(process.argv.slice(2)).then(exitWhenFlushed, (e: unknown) => {
    if (e instanceof UsageError || e instanceof StackFileError) {
        process.stderr.write(`${e.message}\n`);
        exitWhenFlushed(2);
        return;
    }
    process.stderr.write(`plan failed: ${(e as Error)?.stack ?? String(e)}\n`);
    exitWhenFlushed(3);
});
