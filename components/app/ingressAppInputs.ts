/**
 * Arguments of an {@link IngressApp} that are `pulumi.Input`s: what of them is known at construction, and the
 * check of the rest when it resolves, with the same `InvalidArgumentsError` message. Pulumi-eks `validatedInput`
 * (`nodejs/eks/cluster/authenticationMode.ts`) does the same for one argument.
 */
import * as pulumi from "@pulumi/pulumi";
import { isPlainObject } from "../common/json";
import { InvalidArgumentsError, Problems } from "../common/validation";

/** Stands, in the construction-time check, for a value that is an Output or a Promise (known only later). */
export const DEFERRED: unique symbol = Symbol("known at deploy time");
/** A value known only at deploy time. */
export type Deferred = typeof DEFERRED;

/** True for a value the construction-time check leaves to the deploy-time check. */
export const isDeferred = (value: unknown): value is Deferred => value === DEFERRED;

const isPending = (value: unknown): boolean => pulumi.Output.isInstance(value) || value instanceof Promise;

/** True when `value` is or holds (in lists and plain objects, at any depth) an Output or a Promise. */
export function hasPending(value: unknown): boolean {
    if (isPending(value)) return true;
    if (Array.isArray(value)) return value.some(hasPending);
    if (isPlainObject(value)) return Object.values(value).some(hasPending);
    return false;
}

/**
 * `value` as known at construction: an Output or a Promise (itself, an item of a list or a value of a map)
 * becomes {@link DEFERRED}. The list's length and the map's keys stay known.
 */
export function knownPart(value: unknown): unknown {
    if (isPending(value)) return DEFERRED;
    if (Array.isArray(value)) return value.map((v) => (hasPending(v) ? DEFERRED : v));
    if (isPlainObject(value)) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hasPending(v) ? DEFERRED : v]));
    }
    return value;
}

/**
 * `fn` of the input's value: computed now when the value is known (a plain value stays plain, so the children of
 * an app with plain arguments are registered exactly as before), else an Output computed when it resolves.
 * An Output that resolves to `undefined` drops its key from the registered object (pulumi/pulumi
 * `sdk/nodejs/runtime/rpc.ts` `serializeProperty`: "we omit any keys with undefined values").
 */
export function lift<T, U>(value: pulumi.Input<T>, fn: (v: pulumi.Unwrap<T>) => U): pulumi.Input<U> {
    if (!hasPending(value)) return fn(value as pulumi.Unwrap<T>);
    return pulumi.output(value).apply((v) => fn(v)) as unknown as pulumi.Output<U>;
}

/**
 * A `dependsOn` entry that waits until `inputs` resolve and `check` passes on their values, and names no
 * resource. When `check` throws, every child that depends on it fails to register and the error reaches the
 * engine as the program's error, so `pulumi up` stops with `check`'s message and creates none of them:
 * - pulumi/pulumi `sdk/nodejs/runtime/dependsOn.ts` `gatherExplicitDependencies` awaits an Output in
 *   `dependsOn`; `sdk/nodejs/runtime/resource.ts` `prepareResource` gathers `dependsOn` before it serializes the
 *   inputs, and `registerResource` sends the RegisterResource request only once that succeeded: on a rejection
 *   its `.catch` fails the resource's outputs and rethrows (checked in @pulumi/pulumi 3.270.0);
 * - that rejection is handled by no one, and `sdk/nodejs/cmd/run/run.ts` (`uncaughtHandler`, registered for
 *   `unhandledRejection`) logs it as the program's error ("Running program … failed with an unhandled exception",
 *   then the error and its message); `sdk/nodejs/cmd/run/index.ts` then exits with code 32 ("exited after
 *   logging a user-actionable message"), which fails the update.
 * An app from an earlier update keeps its objects as they are: the engine deletes what the program did not register
 * only after the program ended without error (`pkg/resource/deploy/deployment_executor.go` `Execute`, which bails
 * on a source error before `performDeletes`).
 * The SDK may prefix the message with the property it was serializing when the error met it (`rpc.ts`
 * `serializeProperties`: `error serializing property "…": `); the error object and its `problems` are the same.
 * In a preview, an input still unknown skips `check` (`output.ts` `applyHelperAsync` runs no callback on an
 * unknown value); its resources are still dependencies (`gatherExplicitDependencies` adds the Output's resources).
 */
export function deployTimeCheck(
    component: string,
    name: string,
    inputs: Record<string, unknown>,
    check: (values: Record<string, unknown>) => void,
): pulumi.Input<pulumi.Resource> {
    const checked = pulumi.output(inputs).apply(async (values) => {
        try {
            check(values as Record<string, unknown>);
        } catch (e) {
            throw e instanceof InvalidArgumentsError ? await withoutSecrets(component, name, e, inputs, values) : e;
        }
        return [] as pulumi.Resource[];
    });
    // `dependsOn` takes Outputs of resource lists at any depth (`gatherExplicitDependencies` recurses); the
    // option's type only spells the top level.
    return checked as unknown as pulumi.Input<pulumi.Resource>;
}

/**
 * The arguments among `names` that are or hold an Output or a Promise (`pending`), and all arguments with those cut
 * to their known part (`now`, for the construction-time check).
 */
export function splitPending<K extends string>(
    input: Record<string, unknown>,
    names: readonly K[],
): { pending: K[]; now: Record<string, unknown> } {
    const pending = names.filter((arg) => hasPending(input[arg]));
    const now: Record<string, unknown> = { ...input };
    for (const arg of pending) now[arg] = knownPart(input[arg]);
    return { pending, now };
}

/**
 * The deploy-time re-check of the `pending` arguments: none when every argument was known at construction, else one
 * {@link deployTimeCheck} that runs `check` over all arguments once the pending ones resolve and throws what it finds.
 */
export function pendingChecks(
    component: string,
    name: string,
    input: Record<string, unknown>,
    pending: readonly string[],
    check: (values: Record<string, unknown>, problems: Problems) => void,
): pulumi.Input<pulumi.Resource>[] {
    if (pending.length === 0) return [];
    const inputs = Object.fromEntries(pending.map((arg) => [arg, input[arg]]));
    return [
        deployTimeCheck(component, name, inputs, (resolved) => {
            const later = new Problems();
            check({ ...input, ...resolved }, later);
            later.throwIfAny(component, name);
        }),
    ];
}

/** Every string in `value` (in lists and plain objects, at any depth). */
function stringsOf(value: unknown): string[] {
    if (typeof value === "string") return [value];
    if (Array.isArray(value)) return value.flatMap(stringsOf);
    if (isPlainObject(value)) return Object.values(value).flatMap(stringsOf);
    return [];
}

/**
 * `error` with the values of secret inputs (`pulumi.secret`, or an Output of a secret) shown as `[secret]`: the
 * message goes to the engine's log, which Pulumi keeps free of secrets.
 */
async function withoutSecrets(
    component: string,
    name: string,
    error: InvalidArgumentsError,
    inputs: Record<string, unknown>,
    values: Record<string, unknown>,
): Promise<InvalidArgumentsError> {
    const hidden: string[] = [];
    for (const [arg, input] of Object.entries(inputs)) {
        if (await pulumi.isSecret(pulumi.output(input)))
            hidden.push(...stringsOf(values[arg]).map((v) => JSON.stringify(v)));
    }
    if (hidden.length === 0) return error;
    const redact = (problem: string) => hidden.reduce((p, v) => p.split(v).join("[secret]"), problem);
    return new InvalidArgumentsError(component, name, error.problems.map(redact));
}
