/**
 * Lifecycle scenarios as files (plan/scenarios/*.yaml): a base stack file and a sequence of config changes, each
 * applied on top of the previous one's config with `up` on the world the previous one left, followed by a second `up` that must change nothing. A
 * scenario passes when exactly the dangers and errors it declares occur.
 *
 * ```yaml
 * description: Switch webhook certificates from cert-manager to self-signed
 * stack: dev                       # Pulumi.dev.yaml is the base
 * steps:
 *   - name: self-signed
 *     patch: { controller: { webhookCertificates: selfSigned } }   # deep-merged into config values (null removes)
 *     config: { apps: [] }                                         # replaces whole values
 *     expect:
 *       - { resource: lbc-release, error: "exists and cannot be imported" }
 *       - { resource: lbc-oidc, danger: "shared object" }
 * ```
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { isPlainObject } from "../../components/common/json";
import type { StackFiles } from "../stackFiles";
import type { StackProgram } from "./run";
import { type Step, type World, emptyWorld, up } from "./world";

/** One expected danger or error: on the resource with this logical name, containing `danger` or `error`. */
export interface Expectation {
    readonly resource: string;
    readonly danger?: string;
    readonly error?: string;
}

/** One change of a scenario. */
export interface ScenarioStep {
    readonly name: string;
    /** Values that replace the stack's (`key` or `<namespace>:key`). */
    readonly config?: Record<string, unknown>;
    /** Values deep-merged into the stack's object values; `null` removes a key. */
    readonly patch?: Record<string, unknown>;
    /** Items appended to the stack's list values (e.g. `apps`). */
    readonly append?: Record<string, unknown[]>;
    /** Items removed from the stack's list values, by their `name`. */
    readonly removeNamed?: Record<string, string[]>;
    readonly expect?: readonly Expectation[];
}

/** A scenario file. */
export interface Scenario {
    readonly file: string;
    readonly description: string;
    readonly stack: string;
    readonly steps: readonly ScenarioStep[];
}

/** The outcome of one scenario step. */
export interface StepOutcome {
    readonly step: ScenarioStep;
    readonly steps: Step[];
    /** Steps of the second `up` with the same config that change something (must be none). */
    readonly rerun: Step[];
    /** What differs from the expectations; empty when the step passes. */
    readonly failures: string[];
}

/** Reads every `*.yaml` scenario in `dir`. */
export function loadScenarios(dir: string): Scenario[] {
    if (!fs.existsSync(dir)) return [];
    return fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".yaml"))
        .sort()
        .map((f) => {
            const doc = parse(fs.readFileSync(path.join(dir, f), "utf8")) as Record<string, unknown>;
            const problem = scenarioProblem(doc);
            if (problem) throw new Error(`${f}: ${problem}`);
            return {
                file: f,
                description: String(doc.description ?? f),
                stack: String(doc.stack),
                steps: doc.steps as ScenarioStep[],
            };
        });
}

const SCENARIO_FIELDS = ["description", "stack", "steps"];
const STEP_FIELDS = ["name", "config", "patch", "append", "removeNamed", "expect"];
const EXPECT_FIELDS = ["resource", "danger", "error"];

/**
 * What makes a scenario file's document no scenario, naming the field; `undefined` when it is one. Unknown fields
 * are refused: a misspelt `patch` or `expect` would otherwise skip a change or an expectation without a word.
 */
export function scenarioProblem(doc: unknown): string | undefined {
    const unknownField = (o: Record<string, unknown>, known: readonly string[], at: string) => {
        const k = Object.keys(o).find((x) => !known.includes(x));
        return k === undefined ? undefined : `unknown field \`${at}${k}\` (known: ${known.join(", ")})`;
    };
    if (!isPlainObject(doc) || typeof doc.stack !== "string" || !Array.isArray(doc.steps) || doc.steps.length === 0)
        return "a scenario needs `stack` (a stack name) and a non-empty `steps` list";
    if (doc.description !== undefined && typeof doc.description !== "string") return "`description` must be a string";
    const top = unknownField(doc, SCENARIO_FIELDS, "");
    if (top) return top;
    for (const [i, s] of doc.steps.entries()) {
        const at = `steps[${i}]`;
        if (!isPlainObject(s) || typeof s.name !== "string") return `${at} needs a \`name\``;
        const field = unknownField(s, STEP_FIELDS, `${at}.`);
        if (field) return field;
        for (const k of ["config", "patch", "append", "removeNamed"]) {
            if (s[k] !== undefined && !isPlainObject(s[k])) return `\`${at}.${k}\` must be a mapping of config keys`;
        }
        for (const [k, v] of Object.entries((s.append ?? {}) as Record<string, unknown>)) {
            if (!Array.isArray(v)) return `\`${at}.append.${k}\` must be a list of items to append`;
        }
        for (const [k, v] of Object.entries((s.removeNamed ?? {}) as Record<string, unknown>)) {
            if (!Array.isArray(v) || !v.every((n) => typeof n === "string"))
                return `\`${at}.removeNamed.${k}\` must be a list of item names`;
        }
        if (s.expect === undefined) continue;
        if (!Array.isArray(s.expect)) return `\`${at}.expect\` must be a list of expectations`;
        for (const [j, e] of s.expect.entries()) {
            const where = `${at}.expect[${j}]`;
            if (!isPlainObject(e)) return `\`${where}\` must be a mapping`;
            const extra = unknownField(e, EXPECT_FIELDS, `${where}.`);
            if (extra) return extra;
            const texts = [e.danger, e.error].filter((x) => x !== undefined);
            if (typeof e.resource !== "string" || texts.length !== 1 || typeof texts[0] !== "string")
                return `\`${where}\` needs \`resource\` (a logical name) and one of \`danger\` or \`error\` (text)`;
        }
    }
    return undefined;
}

/** A config value's text parsed as JSON when it is JSON. */
function parsedText(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

function merge(base: unknown, patch: unknown): unknown {
    if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(patch)) {
        if (v === null) delete out[k];
        else out[k] = merge(out[k], v);
    }
    return out;
}

/** `files` with a scenario step's changes applied. */
export function applyStep(files: StackFiles, step: ScenarioStep): StackFiles {
    const config = { ...files.config };
    const values = { ...files.values };
    const full = (k: string) => (k.includes(":") ? k : `${files.project}:${k}`);
    const encode = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
    for (const [k, v] of Object.entries(step.config ?? {})) {
        if (v === null) delete config[full(k)];
        else config[full(k)] = encode(v);
    }
    const parsed = (k: string): unknown => {
        const current = config[full(k)];
        try {
            return current === undefined ? undefined : JSON.parse(current);
        } catch {
            return current; // a plain string value
        }
    };
    for (const [k, v] of Object.entries(step.patch ?? {})) {
        const merged = merge(parsed(k), v);
        if (merged === null || merged === undefined) delete config[full(k)];
        else config[full(k)] = encode(merged);
    }
    for (const [k, items] of Object.entries(step.append ?? {})) {
        const list = parsed(k) ?? [];
        if (!Array.isArray(list)) throw new Error(`append: config ${k} is not a list`);
        config[full(k)] = encode([...list, ...items]);
    }
    for (const [k, names] of Object.entries(step.removeNamed ?? {})) {
        const list = parsed(k) ?? [];
        if (!Array.isArray(list)) throw new Error(`removeNamed: config ${k} is not a list`);
        const missing = names.filter((n) => !list.some((x) => isPlainObject(x) && x.name === n));
        if (missing.length > 0) throw new Error(`removeNamed: config ${k} has no item named ${missing.join(", ")}`);
        config[full(k)] = encode(list.filter((x) => !(isPlainObject(x) && names.includes(String(x.name)))));
    }
    for (const key of Object.keys({ ...files.config, ...config })) {
        if (config[key] === files.config[key]) continue;
        if (config[key] === undefined) delete values[key];
        else values[key] = parsedText(config[key]);
    }
    return { ...files, config, values };
}

/** Compares what happened with what the step expects. */
export function unexpected(steps: readonly Step[], expect: readonly Expectation[] = []): string[] {
    const found = steps.flatMap((s) => [
        ...s.dangers.map((text) => ({ resource: s.name, kind: "danger" as const, text, op: s.op })),
        ...s.errors.map((text) => ({ resource: s.name, kind: "error" as const, text, op: s.op })),
    ]);
    const matches = (e: Expectation, f: (typeof found)[number]) =>
        e.resource === f.resource &&
        (f.kind === "danger" ? e.danger : e.error) !== undefined &&
        f.text.includes((f.kind === "danger" ? e.danger : e.error)!);
    return [
        ...found
            .filter((f) => !expect.some((e) => matches(e, f)))
            .map((f) => `unexpected ${f.kind} on ${f.op} ${f.resource}: ${f.text}`),
        ...expect
            .filter((e) => !found.some((f) => matches(e, f)))
            .map(
                (e) =>
                    `expected ${e.danger !== undefined ? `danger "${e.danger}"` : `error "${e.error}"`} on ${e.resource} did not occur`,
            ),
    ];
}

/** Runs a scenario from an empty world on `base` (the scenario's stack files); returns each step's outcome. */
export async function runScenario(
    scenario: Scenario,
    base: StackFiles,
    world: World = emptyWorld(),
    program?: StackProgram,
): Promise<StepOutcome[]> {
    const outcomes: StepOutcome[] = [];
    let current = world;
    let files = base;
    for (const s of scenario.steps) {
        files = applyStep(files, s); // each step changes the config the previous one left
        const first = await up(current, files, program);
        const second = await up(first.world, files, program);
        const rerun = second.steps.filter((x) => x.op !== "same");
        const failures = [
            ...unexpected(first.steps, s.expect),
            ...rerun.map(
                (x) => `second up is not a no-op: ${x.op} ${x.name}${x.diffs.length ? ` [${x.diffs.join(", ")}]` : ""}`,
            ),
        ];
        outcomes.push({ step: s, steps: first.steps, rerun, failures });
        current = second.world;
    }
    return outcomes;
}
