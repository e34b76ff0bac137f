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
import { stableStringify } from "../components/json";
import { policies } from "../policy-pack/policies";
import { ConfigError, PROJECT, readStackConfig } from "../stack/config";
import { cloud, recorded, valueOf } from "./engine";
import { ROOT, evaluateStackProgram } from "./evaluate";
import { exitWhenFlushed } from "./exit";
import { fakesOf, runPolicies } from "./policyRunner";
import { countByType, createWaves, formatWaves, resourceTree } from "./report";
import { StackFileError, loadStackFiles } from "./stackFiles";
import { apiServerProblems } from "./apiServer";
import { checkOutDir, commitOutDir, discardEarlierPlan, dropStaging, stagingDir } from "./outDir";
import { helmValueProblems, kubernetesObjects, schemaProblems } from "./validate";

const STEPS = 7;
const progress = (step: number, what: string) => process.stderr.write(`[${step}/${STEPS}] ${what}\n`);

const USAGE =
    "usage: npm run plan -- [--stack <name>] [--out <dir>] [--project-dir <dir with Pulumi.yaml and Pulumi.<stack>.yaml>]";

/** Usage or configuration problem: one line on stderr, exit code 2. */
class UsageError extends Error {}

function parseArgs(argv: string[]): { stack: string; out: string; dir: string } {
    let stack = "dev";
    let out: string | undefined;
    let dir = ROOT;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--stack" || arg === "-s") stack = argv[++i] ?? "";
        else if (arg.startsWith("--stack=")) stack = arg.slice("--stack=".length);
        else if (arg === "--out") out = path.resolve(argv[++i] ?? "");
        else if (arg === "--project-dir") dir = path.resolve(argv[++i] ?? "");
        else throw new UsageError(`unknown argument ${JSON.stringify(arg)}; ${USAGE}`);
    }
    if (!stack) throw new UsageError(`--stack needs a stack name; ${USAGE}`);
    return { stack, out: out ?? path.join(ROOT, "out", stack), dir };
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

async function plan(argv: string[]): Promise<number> {
    const { stack, out, dir } = parseArgs(argv);
    try {
        checkOutDir(out); // before anything is read, written or removed
    } catch (e) {
        throw new UsageError((e as Error).message);
    }
    discardEarlierPlan(out); // a run that fails leaves no earlier result behind
    progress(1, `reading Pulumi.yaml and Pulumi.${stack}.yaml`);
    const files = loadStackFiles(dir, stack);
    const fail = (e: unknown): never => {
        if (e instanceof ConfigError) throw new UsageError(`${files.file}: ${e.message}`);
        throw e;
    };
    try {
        readStackConfig((key) => files.config[`${PROJECT}:${key}`], Object.keys(files.config));
    } catch (e) {
        fail(e);
    }

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
        for (const p of schemaProblems(object)) invalid.push(`${object.kind} ${resource.name}: ${p}`);
        for (const p of apiServerProblems(object)) invalid.push(`${object.kind} ${resource.name}: ${p}`);
    }
    for (const r of releases) for (const p of helmValueProblems(r)) invalid.push(`Helm release ${r.name}: ${p}`);
    console.log(
        `\nValidation: ${objects.length} Kubernetes objects against the Kubernetes OpenAPI schemas and the API server's name, label and annotation rules, ${releases.length} Helm releases against their charts' values.yaml`,
    );
    console.log(invalid.length === 0 ? "  all valid" : invalid.map((l) => `  INVALID ${l}`).join("\n"));

    progress(6, `running ${policies.length} policies of the policy pack`);
    const violations = await runPolicies(policies, fakesOf(resources));
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
