/**
 * One resource's step: what the engine decides for a registration given the resource's old state, following
 * pulumi/pulumi pkg/resource/deploy/step_generator.go (generateSteps: import; diff: deletedWith, providerChanged,
 * components; applyReplaceOnChanges) and the providers' Diff rules (replaceRules.ts).
 */
import type { Recorded } from "../engine";
import { pathUnder, providerDeletesFirst, replaceRuleFor } from "./replaceRules";
import type { StateResource, StepOp } from "./world";

/** What the engine decides for one registration. */
export interface Decision {
    readonly op: StepOp;
    readonly diffs: string[];
    readonly replaceKeys: string[];
    readonly deleteBeforeReplace: boolean;
    readonly errors: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object";

/** Dotted paths (`a.b`, `a[0].b`) at which `a` and `b` differ; a missing key and `undefined` are the same. */
export function changedPaths(a: unknown, b: unknown, path = ""): string[] {
    if (a === b || (a === undefined && b === undefined)) return [];
    if (Array.isArray(a) && Array.isArray(b)) {
        const out: string[] = [];
        for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(...changedPaths(a[i], b[i], `${path}[${i}]`));
        return out;
    }
    if (isObject(a) && isObject(b) && !Array.isArray(a) && !Array.isArray(b)) {
        const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
        return [...keys].flatMap((k) => changedPaths(a[k], b[k], path ? `${path}.${k}` : k));
    }
    return [path || "<root>"];
}

/** Copies the old value at each `ignoreChanges` path into the new inputs (step_generator processIgnoreChanges). */
function withIgnoredChanges(
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
    ignore: readonly string[],
): Record<string, unknown> {
    if (ignore.length === 0) return news;
    const copy = structuredClone(news);
    for (const p of ignore) {
        const keys = p.replace(/\[(\d+)\]/g, ".$1").split(".");
        let from: unknown = olds;
        let to: Record<string, unknown> = copy;
        for (const [i, k] of keys.entries()) {
            const last = i === keys.length - 1;
            from = isObject(from) ? from[k] : undefined;
            if (last) {
                if (from === undefined) delete to[k];
                else to[k] = structuredClone(from);
            } else {
                if (!isObject(to[k])) break;
                to = to[k] as Record<string, unknown>;
            }
        }
    }
    return copy;
}

/** The server of the active cluster of a kubeconfig (JSON or object); pulumi-kubernetes DiffConfig compares it. */
function activeServer(kubeconfig: unknown): string | undefined {
    let doc: any = kubeconfig;
    if (typeof kubeconfig === "string") {
        try {
            doc = JSON.parse(kubeconfig);
        } catch {
            return kubeconfig; // YAML or a path: compare it whole
        }
    }
    const context = doc?.contexts?.find((c: any) => c?.name === doc?.["current-context"])?.context;
    return doc?.clusters?.find((c: any) => c?.name === context?.cluster)?.cluster?.server;
}

/** `urn` of a provider reference `urn::id`. */
export const providerUrn = (ref: string | undefined) => (ref ? ref.split("::").slice(0, -1).join("::") : undefined);

/**
 * Decides the step for `next` given its old state (`undefined`: not in state), and the URNs replaced earlier in
 * this update (a resource is replaced with its deletedWith target or its replaced provider).
 */
export function decide(old: StateResource | undefined, next: Recorded, replaced: ReadonlySet<string>): Decision {
    const none = { diffs: [], replaceKeys: [], deleteBeforeReplace: false, errors: [] as string[] };
    const rule = next.custom ? replaceRuleFor(next.type) : undefined;
    const errors =
        next.custom && !rule
            ? [`the lifecycle world has no replace rule for ${next.type}: add the provider's rule to replaceRules.ts`]
            : [];
    const importId = next.options.importId;
    // generateSteps: an import when the goal has an id and there is no old resource, or its id differs.
    if (!old) return { ...none, op: importId && next.custom ? "import" : "create", errors };
    if (importId && next.custom && old.id !== importId) {
        return {
            ...none,
            op: "replace",
            replaceKeys: ["id"],
            diffs: ["id"],
            errors,
        };
    }
    const inputs = withIgnoredChanges(old.inputs, next.inputs, next.options.ignoreChanges);
    const paths = changedPaths(old.inputs, inputs);
    const diffs = [...new Set(paths.map((p) => p.split(/[.[]/)[0]))];
    // diff(): deletedWith target or provider replaced → replace.
    const forced: string[] = [];
    if (next.options.deletedWith && replaced.has(next.options.deletedWith)) forced.push("deletedWith");
    const oldProvider = providerUrn(old.provider);
    const newProvider = providerUrn(next.provider);
    if (oldProvider !== newProvider || (newProvider && replaced.has(newProvider))) forced.push("provider");
    if (!next.custom) {
        // No provider: a component changes when its inputs differ, and is never replaced.
        return { ...none, op: paths.length === 0 ? "same" : "update", diffs, errors };
    }
    if (paths.length === 0 && forced.length === 0) return { ...none, op: "same", errors };
    const ruleKeys = rule?.replaceKeys ?? [];
    const replaceKeys = new Set(forced);
    for (const p of paths) {
        const updatable = rule?.updatable?.some((k) => pathUnder(p, k)) ?? false;
        // step_generator.go applyReplaceOnChanges: the option's paths replace on top of the provider's own.
        for (const key of [...(updatable ? [] : ruleKeys), ...next.options.replaceOnChanges]) {
            if (pathUnder(p, key)) replaceKeys.add(key === "*" ? p.split(/[.[]/)[0] : key);
        }
    }
    if (
        next.type === "pulumi:providers:kubernetes" &&
        activeServer(old.inputs.kubeconfig) !== activeServer(inputs.kubeconfig)
    ) {
        replaceKeys.add("kubeconfig");
    }
    const op: StepOp = replaceKeys.size > 0 ? "replace" : "update";
    return {
        op,
        diffs: forced.length > 0 && diffs.length === 0 ? forced : diffs,
        replaceKeys: [...replaceKeys],
        deleteBeforeReplace:
            op === "replace" &&
            (next.options.deleteBeforeReplace || providerDeletesFirst(next.type, old.inputs, inputs)),
        errors,
    };
}
