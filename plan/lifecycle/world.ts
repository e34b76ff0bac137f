/**
 * The stateful offline world of the lifecycle checks: the stack's checkpoint (what Pulumi's state holds) and what
 * the account and the cluster hold outside it. `up` runs the real stack program (index.ts) against a world and
 * returns the steps the engine would take and the world afterwards; `destroy` deletes the stack's resources.
 * Worlds are values: `up` and `destroy` never change the world they are given.
 *
 * This file is the public API (other specs build on it); the behaviour lives in run.ts (the runs), diff.ts (one
 * resource's step) and replaceRules.ts (the providers' replace-on-change rules).
 */
import type { RecordedOptions } from "../engine";

/** One resource of the stack's checkpoint, as the engine stores it after a step. */
export interface StateResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** The provider's id (custom resources only). */
    readonly id?: string;
    readonly custom: boolean;
    /** Inputs the resource was last created or updated with. */
    readonly inputs: Record<string, unknown>;
    /** Outputs the provider returned (handed to the program on a "same" step). */
    readonly outputs: Record<string, unknown>;
    readonly options: RecordedOptions;
    readonly parent?: string;
    /** URNs this resource depends on (what makes the engine delete it first). */
    readonly dependencies: readonly string[];
    /** Provider reference `urn::id`, when one was given. */
    readonly provider?: string;
}

/** A Helm release installed in the cluster. */
export interface HelmReleaseObject {
    readonly chart: string;
    readonly version: string;
}

/** An IAM OIDC provider of the account. */
export interface OidcProviderObject {
    readonly url: string;
    readonly clientIdLists: string[];
    readonly tags: Record<string, string>;
}

/** What the cloud and the cluster hold outside this stack's state. */
export interface External {
    /** IAM OIDC providers of the account, by ARN. */
    readonly oidcProviders: Map<string, OidcProviderObject>;
    /**
     * Kubernetes objects not managed by this stack, by {@link kubernetesKey}. Objects a Helm release rendered carry
     * the release in `metadata.annotations["meta.helm.sh/release-name"/"meta.helm.sh/release-namespace"]`.
     */
    readonly kubernetes: Map<string, Record<string, unknown>>;
    /** Helm releases not managed by this stack, by `<namespace>/<name>`. */
    readonly helmReleases: Map<string, HelmReleaseObject>;
    /** IAM roles and policies not managed by this stack, by ARN or name. */
    readonly iam: Map<string, Record<string, unknown>>;
    /** What `aws:eks/getCluster` answers (overrides the fake cloud's cluster), e.g. another issuer or VPC. */
    cluster?: Record<string, unknown>;
}

/** A world: the stack's checkpoint plus everything outside it. */
export interface World {
    /** The stack's checkpoint, by URN, in the order the engine wrote it (dependencies first). */
    readonly state: Map<string, StateResource>;
    readonly external: External;
}

/** What the engine does with one resource. */
export type StepOp = "same" | "create" | "update" | "replace" | "delete" | "import";

/** One step of an update or destroy, as `pulumi preview --diff` would print it. */
export interface Step {
    readonly op: StepOp;
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** Top-level input keys that differ (update and replace). */
    readonly diffs: string[];
    /** Keys whose change forces the replace (replace only). */
    readonly replaceKeys: string[];
    /** Replace only: the old object is deleted before the new one is created. */
    readonly deleteBeforeReplace: boolean;
    /** Why this step is risky (a shared or cluster-scoped object replaced or deleted, …). */
    readonly dangers: string[];
    /** Why the real provider would fail this step (AlreadyExists, protected, …). */
    readonly errors: string[];
    /** Delete only: the resource leaves the state but stays in the cloud (`retainOnDelete`). */
    readonly retained?: boolean;
}

/** The result of {@link up}. */
export interface UpResult {
    /** Steps in registration order, then the deletes in the order the engine runs them. */
    readonly steps: Step[];
    readonly world: World;
    /** The stack outputs, resolved. */
    readonly outputs: Record<string, unknown>;
}

/** The result of {@link destroy}. */
export interface DestroyResult {
    /** Deletes in the order the engine runs them (dependents first). */
    readonly steps: Step[];
    readonly world: World;
    /** Resources left in the cloud (`retainOnDelete`). */
    readonly retained: StateResource[];
}

/** A world with no stack state and nothing in the account or cluster. */
export function emptyWorld(): World {
    return {
        state: new Map(),
        external: {
            oidcProviders: new Map(),
            kubernetes: new Map(),
            helmReleases: new Map(),
            iam: new Map(),
        },
    };
}

/** A deep copy of `world`. */
export function cloneWorld(world: World): World {
    return {
        state: new Map([...world.state].map(([k, v]) => [k, structuredClone(v)])),
        external: {
            oidcProviders: structuredClone(world.external.oidcProviders),
            kubernetes: structuredClone(world.external.kubernetes),
            helmReleases: structuredClone(world.external.helmReleases),
            iam: structuredClone(world.external.iam),
            ...(world.external.cluster ? { cluster: structuredClone(world.external.cluster) } : {}),
        },
    };
}

/** The key of a Kubernetes object in {@link External.kubernetes}: `<apiVersion>/<kind>/<namespace or _>/<name>`. */
export function kubernetesKey(apiVersion: string, kind: string, namespace: string | undefined, name: string): string {
    return `${apiVersion}/${kind}/${namespace || "_"}/${name}`;
}

/** True when no step changes anything (every step "same"). */
export function noChanges(steps: readonly Step[]): boolean {
    return steps.every((s) => s.op === "same");
}

export { destroy, up } from "./run";
