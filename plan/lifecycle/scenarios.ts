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
            if (
                !isPlainObject(doc) ||
                typeof doc.stack !== "string" ||
                !Array.isArray(doc.steps) ||
                doc.steps.length === 0
            )
                throw new Error(`${f}: a scenario needs \`stack\` (a stack name) and a non-empty \`steps\` list`);
            for (const [i, s] of (doc.steps as unknown[]).entries()) {
                if (!isPlainObject(s) || typeof s.name !== "string")
                    throw new Error(`${f}: steps[${i}] needs a \`name\``);
            }
            return {
                file: f,
                description: String(doc.description ?? f),
                stack: doc.stack,
                steps: doc.steps as ScenarioStep[],
            };
        });
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
): Promise<StepOutcome[]> {
    const outcomes: StepOutcome[] = [];
    let current = world;
    let files = base;
    for (const s of scenario.steps) {
        files = applyStep(files, s); // each step changes the config the previous one left
        const first = await up(current, files);
        const second = await up(first.world, files);
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
