/**
 * Runs CrossGuard policies without the engine (for the tests and the offline plan), the way the engine does: each validation function of a resource
 * policy may be not-applicable on its own, config schema defaults are merged under the given config, and stack
 * policies see resources with their parents and dependencies linked as `PolicyResource` objects.
 */
import type {
    EnforcementLevel,
    PolicyConfigSchema,
    PolicyResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationPolicy,
} from "@pulumi/policy";
import type { Recorded } from "./engine";

/**
 * Thrown by `notApplicable`, caught per validation function like the policy server does. Not an `Error`: most
 * policies are not applicable to most resources, and capturing a stack trace for each would dominate a run.
 */
export class NotApplicable {
    constructor(public readonly message: string = "") {}
}

const OPTS = {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    additionalSecretOutputs: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
};

const isTypeOf = (type: string, cls: any): boolean =>
    typeof cls?.__pulumiType === "string"
        ? cls.__pulumiType === type
        : typeof cls?.isInstance === "function" && cls.isInstance({ __pulumiType: type }) === true;

/** A resource as a policy sees it. */
export interface Fake {
    type: string;
    name?: string;
    /** Defaults to a URN made of the type and name. */
    urn?: string;
    props: Record<string, any>;
    /** URN of the parent. */
    parent?: string;
    /** URNs of the dependencies. */
    dependencies?: readonly string[];
}

/** One violation, with the policy that reported it. */
export interface Violation {
    policy: string;
    enforcementLevel: EnforcementLevel;
    message: string;
    urn?: string;
}

export const urnOf = (f: Fake): string => f.urn ?? `urn:pulumi:test::proj::${f.type}::${f.name ?? "res"}`;

/** The configSchema defaults of a policy, overlaid with `config` (as the engine's createConfigWithDefaults). */
export function configWithDefaults(schema: PolicyConfigSchema | undefined, config: Record<string, any> = {}) {
    const defaults: Record<string, any> = {};
    for (const [k, s] of Object.entries(schema?.properties ?? {})) {
        if (typeof s === "object" && s !== null && "default" in s && s.default !== undefined) {
            defaults[k] = structuredClone(s.default);
        }
    }
    const rest = { ...config };
    delete rest.enforcementLevel;
    return { ...defaults, ...rest };
}

/**
 * The enforcement level after config, as the policy server decides it (@pulumi/policy `server.js`
 * makeAnalyzeRpcFun/makeAnalyzeStackRpcFun): the configured level, else the policy's, else the pack's (advisory).
 * `disabled` skips the policy; a violation of a `remediate` policy is reported as `mandatory`.
 */
const levelOf = (p: { enforcementLevel?: EnforcementLevel }, config: Record<string, any> = {}): EnforcementLevel =>
    config.enforcementLevel || p.enforcementLevel || "advisory";

const NO_TAGS = new Map<string, string>();

/** The arguments a resource policy gets for `f`; `config` is read at each `getConfig()` call. */
function resourceArgs(f: Fake, config: () => Record<string, any>): ResourceValidationArgs {
    return {
        type: f.type,
        name: f.name ?? "res",
        urn: urnOf(f),
        props: f.props,
        opts: { ...OPTS, parent: f.parent },
        stackTags: NO_TAGS,
        getConfig: <T extends object>() => ({ ...config() }) as T,
        isType: (c: any) => isTypeOf(f.type, c),
        asType: ((c: any) => (isTypeOf(f.type, c) ? f.props : undefined)) as any,
        notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason);
        },
    };
}

/** Runs one resource policy over one resource. */
export async function runResourcePolicy(p: ResourceValidationPolicy, f: Fake, config: Record<string, any> = {}) {
    const merged = configWithDefaults(p.configSchema, config);
    return runWithArgs(
        p,
        resourceArgs(f, () => merged),
    );
}

/** Runs every validation function of `p` with `args`; each may be not applicable on its own, like the server. */
async function runWithArgs(p: ResourceValidationPolicy, args: ResourceValidationArgs) {
    const violations: string[] = [];
    const notApplicable: string[] = [];
    const fns = p.validateResource === undefined ? [] : ([] as any[]).concat(p.validateResource);
    const report = (m: string) => violations.push(m);
    for (const fn of fns) {
        try {
            const result = fn(args, report);
            if (result !== undefined && typeof result.then === "function") await result; // most are synchronous
        } catch (e) {
            if (e instanceof NotApplicable) notApplicable.push(e.message);
            else throw e;
        }
    }
    return { violations, notApplicable, applicable: notApplicable.length < fns.length };
}

/** Links fakes into `PolicyResource`s (parents and dependencies by URN; unknown URNs are dropped). */
export function policyResources(fakes: readonly Fake[]): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    for (const f of fakes) {
        byUrn.set(urnOf(f), {
            type: f.type,
            name: f.name ?? "res",
            urn: urnOf(f),
            props: f.props,
            opts: OPTS,
            dependencies: [],
            propertyDependencies: {},
            isType: (c: any) => isTypeOf(f.type, c),
            asType: ((c: any) => (isTypeOf(f.type, c) ? f.props : undefined)) as any,
        });
    }
    for (const f of fakes) {
        const r = byUrn.get(urnOf(f))!;
        if (f.parent !== undefined) r.parent = byUrn.get(f.parent);
        r.dependencies = (f.dependencies ?? []).map((u) => byUrn.get(u)).filter((x): x is PolicyResource => !!x);
    }
    return [...byUrn.values()];
}

/** Runs one stack policy; returns its violations (`[]` when not applicable) and whether it applied. */
export async function runStackPolicy(
    p: StackValidationPolicy,
    fakes: readonly Fake[],
    config: Record<string, any> = {},
) {
    return runStackWith(p, policyResources(fakes), config);
}

/** {@link runStackPolicy} over resources already linked (shared by every stack policy of a run). */
async function runStackWith(p: StackValidationPolicy, resources: PolicyResource[], config: Record<string, any> = {}) {
    const violations: { message: string; urn?: string }[] = [];
    const merged = configWithDefaults(p.configSchema, config);
    try {
        await p.validateStack(
            {
                resources,
                stackTags: new Map(),
                getConfig: <T extends object>() => ({ ...merged }) as T,
                notApplicable: (reason?: string): never => {
                    throw new NotApplicable(reason);
                },
            },
            (message, urn) => violations.push({ message, urn }),
        );
    } catch (e) {
        if (e instanceof NotApplicable) return { violations, applicable: false };
        throw e;
    }
    return { violations, applicable: true };
}

const isStackPolicy = (p: ResourceValidationPolicy | StackValidationPolicy): p is StackValidationPolicy =>
    "validateStack" in p;

/**
 * Runs every policy over `fakes` like a preview: resource policies per resource, stack policies once.
 * `config` is the pack config by policy name (`{ "<policy>": { enforcementLevel?, ...config } }`), as the policy
 * server holds it after the engine's Configure call; {@link runnerConfig} makes it from a reconciled file.
 */
export async function runPolicies(
    policies: readonly (ResourceValidationPolicy | StackValidationPolicy)[],
    fakes: readonly Fake[],
    config: Record<string, Record<string, any>> = {},
): Promise<Violation[]> {
    const out: Violation[] = [];
    let current: Record<string, any> = {};
    const argsOf = fakes.map((f) => resourceArgs(f, () => current)); // built once, reused by every policy
    let linked: PolicyResource[] | undefined; // likewise for the stack policies
    for (const p of policies) {
        const configured = levelOf(p, config[p.name]);
        if (configured === "disabled") continue;
        const enforcementLevel = configured === "remediate" ? "mandatory" : configured;
        if (isStackPolicy(p)) {
            linked ??= policyResources(fakes);
            const { violations } = await runStackWith(p, linked, config[p.name]);
            out.push(...violations.map((v) => ({ policy: p.name, enforcementLevel, ...v })));
        } else {
            current = configWithDefaults(p.configSchema, config[p.name]);
            for (const args of argsOf) {
                const { violations } = await runWithArgs(p, args);
                out.push(
                    ...violations.map((message) => ({ policy: p.name, enforcementLevel, message, urn: args.urn })),
                );
            }
        }
    }
    return out;
}

/** What the mock engine recorded, as fakes (inputs stand in for props; components included, like the engine). */
export const fakesOf = (records: readonly Recorded[]): Fake[] =>
    records.map((r) => ({
        type: r.type,
        name: r.name,
        urn: r.urn,
        props: r.inputs,
        parent: r.parent,
        dependencies: r.dependencies,
    }));

/** A reconciled policy pack config (plan/policyConfig.ts) as the policy server holds it: properties plus level. */
export const runnerConfig = (
    reconciled: Record<string, { enforcementLevel?: EnforcementLevel; properties: Record<string, unknown> }>,
): Record<string, Record<string, any>> =>
    Object.fromEntries(
        Object.entries(reconciled).map(([name, c]) => [
            name,
            { ...c.properties, enforcementLevel: c.enforcementLevel },
        ]),
    );
