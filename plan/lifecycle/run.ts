/**
 * `up` and `destroy` against a world: runs the real stack program (index.ts) on the mock engine, answers each
 * registration the way the engine would (old outputs and id for a "same" step, the old id for an update, a new id
 * for a replace) and each look-up from the world, and computes the steps.
 */
import * as pulumi from "@pulumi/pulumi";
import { type Recorded, cloud, fakeAnswer, oidcProviderNotFound, reset, setEngineHooks, valueOf } from "../engine";
import { evaluateStackProgram } from "../evaluate";
import type { StackFiles } from "../stackFiles";
import { upsertsExisting } from "./crds";
import { decide, providerUrn } from "./diff";
import { providerId } from "./ids";
import { LiveWorld } from "./live";
import { sharedObject } from "./replaceRules";
import { type DestroyResult, type StateResource, type Step, type UpResult, type World, cloneWorld } from "./world";

const RELEASE = "kubernetes:helm.sh/v3:Release";

/** Dangers of a step (issue 9: shared or cluster-scoped objects, releases replaced create-before-delete, policies). */
export function dangersOf(op: Step["op"], type: string, deleteBeforeReplace: boolean): string[] {
    const out: string[] = [];
    const shared = sharedObject(type);
    if ((op === "replace" || op === "delete") && shared) out.push(`${op} of a shared object: ${shared}`);
    if (op === "replace" && type === RELEASE && !deleteBeforeReplace) {
        out.push(
            "Helm release replaced create-before-delete: the new install meets the old release's cluster-scoped objects",
        );
    }
    if (op === "replace" && type === "aws:iam/policy:Policy") {
        out.push("IAM policy replaced instead of updated (a new ARN; roles lose it until re-attached)");
    }
    return out;
}

function step(r: { urn: string; type: string; name: string }, fields: Partial<Step> & Pick<Step, "op">): Step {
    return {
        urn: r.urn,
        type: r.type,
        name: r.name,
        diffs: [],
        replaceKeys: [],
        deleteBeforeReplace: false,
        dangers: [],
        errors: [],
        ...fields,
    };
}

/** URNs `r` must outlive on delete: its dependencies, parent, provider and deletedWith target. */
function needs(r: StateResource): string[] {
    return [...r.dependencies, ...(r.parent ? [r.parent] : []), ...(r.provider ? [providerUrn(r.provider)!] : [])];
}

/**
 * The order the engine deletes `doomed` in: dependents before what they depend on (pulumi/pulumi
 * pkg/resource/deploy/step_generator.go GenerateDeletes + scheduleDeletes, on the dependency graph).
 */
export function deleteOrder(doomed: readonly StateResource[]): StateResource[] {
    const byUrn = new Map(doomed.map((r) => [r.urn, r]));
    const done = new Set<string>();
    const order: StateResource[] = [];
    const visit = (r: StateResource, stack: Set<string>) => {
        if (done.has(r.urn) || stack.has(r.urn)) return;
        stack.add(r.urn);
        // every doomed resource that depends on r goes first
        for (const other of doomed) if (needs(other).includes(r.urn)) visit(other, stack);
        stack.delete(r.urn);
        done.add(r.urn);
        order.push(r);
    };
    for (const r of [...doomed].reverse()) visit(byUrn.get(r.urn)!, new Set());
    return order;
}

/** Deletes `doomed` from `state` and the live world; protected resources stay and fail their step. */
function deleteAll(
    doomed: readonly StateResource[],
    state: Map<string, StateResource>,
    live: LiveWorld,
): { steps: Step[]; retained: StateResource[] } {
    const steps: Step[] = [];
    const retained: StateResource[] = [];
    for (const r of deleteOrder(doomed)) {
        if (r.options.protect) {
            // step.go DeleteStep: "resource %q cannot be deleted because it is protected"
            steps.push(
                step(r, { op: "delete", errors: [`resource "${r.urn}" cannot be deleted because it is protected`] }),
            );
            continue;
        }
        const retain = r.options.retainOnDelete;
        if (r.custom) live.delete(r, retain);
        if (retain) retained.push(r);
        state.delete(r.urn);
        steps.push(
            step(r, { op: "delete", retained: retain, dangers: retain ? [] : dangersOf("delete", r.type, false) }),
        );
    }
    return { steps, retained };
}

/** Resolves stack outputs (Outputs, promises, nested records) to plain values. */
async function resolve(value: unknown): Promise<unknown> {
    const v = await valueOf(value as pulumi.Input<unknown>);
    if (v === null || typeof v !== "object" || pulumi.Resource.isInstance(v)) return v;
    if (Array.isArray(v)) return Promise.all(v.map(resolve));
    return Object.fromEntries(await Promise.all(Object.entries(v).map(async ([k, x]) => [k, await resolve(x)])));
}

/** A new id for a replacement: `<old>` + `-r<n>`. */
export function nextId(old: string | undefined, fallback: string | undefined): string | undefined {
    if (!old) return fallback;
    const m = /^(.*)-r(\d+)$/.exec(old);
    return m ? `${m[1]}-r${Number(m[2]) + 1}` : `${old}-r1`;
}

/** What `up` runs: the stack program (index.ts) with a stack's config, by default (plan/evaluate.ts). */
export type StackProgram = (files: StackFiles) => Promise<Record<string, unknown>>;

/** Whether an `up` holds the mock engine (there is one per process). */
let running = false;

/** Runs `pulumi up` of `files`' config against `world`; `world` is left unchanged. One at a time. */
export async function up(
    world: World,
    files: StackFiles,
    program: StackProgram = evaluateStackProgram,
): Promise<UpResult> {
    if (running) throw new Error("lifecycle up: another up is running on the mock engine; await it first");
    running = true;
    try {
        return await upOnce(world, files, program);
    } finally {
        running = false;
    }
}

async function upOnce(world: World, files: StackFiles, program: StackProgram): Promise<UpResult> {
    const before = cloneWorld(world);
    const next = cloneWorld(world);
    const live = new LiveWorld(next);
    const state = new Map<string, StateResource>();
    const steps: Step[] = [];
    const seen = new Set<string>();
    const replaced = new Set<string>();
    const replacedOld: StateResource[] = [];

    const onRegister = (reg: Recorded, a: pulumi.runtime.MockResourceArgs) => {
        const aliasUrn = reg.options.aliases.find((x): x is string => typeof x === "string" && before.state.has(x));
        const old = before.state.get(reg.urn) ?? (aliasUrn ? before.state.get(aliasUrn) : undefined);
        if (old) seen.add(old.urn);
        const d = decide(old, reg, replaced);
        const fake = fakeAnswer(a);
        const real = providerId(reg.type, reg.inputs, fake.state);
        const id =
            d.op === "same" || d.op === "update"
                ? old?.id
                : d.op === "import"
                  ? reg.options.importId
                  : (real ?? (d.op === "replace" ? nextId(old?.id, fake.id) : fake.id));
        const outputs = d.op === "same" ? old!.outputs : fake.state;
        const entry: StateResource = {
            urn: reg.urn,
            type: reg.type,
            name: reg.name,
            id,
            custom: reg.custom,
            inputs: reg.inputs,
            outputs,
            options: reg.options,
            parent: reg.parent,
            dependencies: reg.dependencies,
            provider: reg.provider,
        };
        const errors = [...d.errors];
        if (old && old.urn !== reg.urn) state.delete(old.urn);
        if (reg.custom) {
            // a provider with upsertExistingObjects adopts an existing object on create (crds.ts)
            const upsert = upsertsExisting(state.get(providerUrn(reg.provider) ?? "")?.inputs);
            if (d.op === "create" || d.op === "import") errors.push(...live.create(entry, d.op === "import", upsert));
            if (d.op === "update") errors.push(...live.update(old!, entry));
            if (d.op === "replace") {
                replaced.add(reg.urn);
                if (old!.options.protect && reg.options.protect) {
                    errors.push(`unable to replace resource "${reg.urn}" as it is currently marked for protection`);
                }
                if (d.deleteBeforeReplace) live.delete(old!, false);
                else replacedOld.push(old!);
                // an import-replacement (the import id differs from the id in state) adopts instead of creating
                errors.push(...live.create(entry, d.replaceKeys.includes("id")));
            }
        }
        state.set(reg.urn, entry);
        steps.push(step(reg, { ...d, errors, dangers: dangersOf(d.op, reg.type, d.deleteBeforeReplace) }));
        return { id, state: outputs };
    };

    const previousConfig = pulumi.runtime.allConfig();
    reset();
    setEngineHooks({
        newResource: (reg, a) => (reg ? onRegister(reg, a) : undefined),
        call: (a, fake) => answerInvoke(a, fake, live, next),
    });
    let outputs: Record<string, unknown>;
    try {
        outputs = (await resolve(await program(files))) as Record<string, unknown>;
    } finally {
        setEngineHooks(undefined);
        pulumi.runtime.setAllConfig(previousConfig);
    }
    // create-before-delete replacements delete their old object after every create (deleteReplaced steps).
    for (const old of replacedOld) live.deleteReplaced(old, state.get(old.urn));
    const doomed = [...before.state.values()].filter((r) => !seen.has(r.urn));
    for (const r of doomed) state.set(r.urn, r);
    const deletes = deleteAll(doomed, state, live);
    steps.push(...deletes.steps);
    next.state.clear();
    for (const [urn, r] of state) next.state.set(urn, r);
    live.writeExternal(next.state);
    return { steps, world: next, outputs };
}

/** Look-ups answered from the world (what earlier runs created is visible), others from the fake cloud. */
function answerInvoke(
    a: pulumi.runtime.MockCallArgs,
    fake: () => Record<string, unknown>,
    live: LiveWorld,
    world: World,
): Record<string, unknown> {
    if (a.token === "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider") {
        const arn = String(a.inputs.arn ?? "");
        const url = String(a.inputs.url ?? arn.split(":oidc-provider/")[1] ?? "");
        // A missing provider fails as terraform-provider-aws' data source does (engine.ts oidcProviderNotFound).
        if (!live.hasOidcProvider(url)) throw oidcProviderNotFound();
        const key =
            arn || `arn:${cloud.partition}:iam::${cloud.account}:oidc-provider/${url.replace(/^https:\/\//, "")}`;
        const external = world.external.oidcProviders.get(key);
        const inState = [...world.state.values()].find(
            (r) => r.type.endsWith(":OpenIdConnectProvider") && r.outputs.arn === key,
        );
        return {
            arn: key,
            id: key,
            url: url.replace(/^https:\/\//, ""),
            clientIdLists: external?.clientIdLists ?? inState?.inputs.clientIdLists ?? ["sts.amazonaws.com"],
            thumbprintLists: [],
            tags: external?.tags ?? inState?.inputs.tags ?? {},
        };
    }
    if (a.token === "aws:eks/getCluster:getCluster" && world.external.cluster)
        return { ...fake(), ...world.external.cluster };
    return fake();
}

/** Runs `pulumi destroy` against `world`; `world` is left unchanged. */
export async function destroy(world: World): Promise<DestroyResult> {
    const next = cloneWorld(world);
    const live = new LiveWorld(next);
    const state = new Map(next.state);
    const { steps, retained } = deleteAll([...state.values()], state, live);
    next.state.clear();
    for (const [urn, r] of state) next.state.set(urn, r);
    live.writeExternal(next.state);
    return { steps, world: next, retained };
}
