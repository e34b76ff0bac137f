/**
 * The IAM OIDC provider of an existing cluster, for IRSA: looked up, and either reused or managed by this stack.
 *
 * The provider is shared by every IRSA workload of the cluster, so whether this stack manages it must not depend on
 * what an earlier run of the same stack did. A provider this stack creates carries the tag {@link OWNER_TAG} with
 * the stack's `<project>/<stack>`; the look-up reads it back, so every run decides the same way:
 *
 * | look-up finds                     | `auto`          | `reuse` | `create`        |
 * |-----------------------------------|-----------------|---------|-----------------|
 * | nothing                           | create it       | error   | create it       |
 * | a provider with this stack's tag  | keep managing   | keep managing | keep managing |
 * | any other provider                | reuse           | reuse   | error           |
 *
 * (`reuse` never creates; it keeps managing a provider this stack created, because dropping it from the program
 * would make the engine delete it when `oidcProviderDeleteOnDestroy` is set.)
 *
 * "Keep managing" registers the same resource with the `import` option set to its ARN. The engine imports only when
 * the resource is not in the stack's state (or has another id) and otherwise diffs as usual (pulumi/pulumi
 * `pkg/resource/deploy/step_generator.go`, `isImport`), so a provider left behind by a destroy that retained it is
 * adopted again instead of failing to create with EntityAlreadyExists. The provider is retained on delete unless the
 * stack opts in to deleting it: other workloads of the cluster may trust it.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { STS_AUDIENCE } from "../components/controller/oidc";
import { ConfigError, type OidcProviderMode } from "./config";

/** The tag that marks the IAM OIDC provider a stack created; its value is {@link stackOwner}. */
export const OWNER_TAG = "eks-alb-ingress:stack";

/** The value of {@link OWNER_TAG} for the running stack: `<project>/<stack>`. */
export function stackOwner(): string {
    return `${pulumi.getProject()}/${pulumi.getStack()}`;
}

/** What the look-up found: nothing, or a provider and its tags. */
export type OidcLookup = { readonly found: false } | { readonly found: true; readonly tags: Record<string, string> };

/** What the stack does with the cluster's provider. */
export type OidcDecision =
    /** Trust the provider, never change or delete it. */
    | { readonly kind: "reuse" }
    /** Register it: create it, or (`adopt`) keep managing the one this stack created. */
    | { readonly kind: "manage"; readonly adopt: boolean };

/**
 * Whether a failed `aws.iam.getOpenIdConnectProvider` invoke means "no such provider". The data source reports a
 * missing provider as `reading IAM OIDC Provider: couldn't find resource` (terraform-provider-aws
 * `internal/service/iam/openid_connect_provider_data_source.go` wraps `findOpenIDConnectProvider`, which turns IAM's
 * NoSuchEntity into `retry.NotFoundError`, printed as "couldn't find resource" by `internal/retry/error.go`); older
 * releases passed IAM's own error through (`... NoSuchEntity: ...`). The bridge (pulumi-terraform-bridge
 * `pkg/tfbridge/provider.go` Invoke) and the engine (pulumi/pulumi `pkg/resource/deploy/source_eval.go` Invoke)
 * only prefix it. Anything else (AccessDenied, throttling, a network error) is not an answer.
 */
export function isOidcProviderNotFound(error: unknown): boolean {
    const message = error instanceof Error ? error.message : String(error);
    return /reading IAM OIDC Provider/.test(message) && /couldn't find resource|NoSuchEntity/.test(message);
}

/** Looks the provider up by ARN; only "not found" counts as absent, every other failure fails the run. */
export async function lookUpOidcProvider(arn: string): Promise<OidcLookup> {
    try {
        const provider = await aws.iam.getOpenIdConnectProvider({ arn });
        return { found: true, tags: provider.tags ?? {} };
    } catch (e) {
        if (isOidcProviderNotFound(e)) return { found: false };
        throw new Error(
            `looking up the cluster's IAM OIDC provider ${arn} failed, so the stack cannot tell whether to create it ` +
                `(config eks-alb-ingress:oidcProvider needs iam:GetOpenIDConnectProvider): ${(e as Error).message ?? e}`,
            { cause: e },
        );
    }
}

/** Decides what to do with the provider (see the table above); a contradiction with `mode` is a config error. */
export function decideOidcProvider(
    mode: OidcProviderMode,
    lookup: OidcLookup,
    owner: string,
    arn: string,
): OidcDecision {
    const ours = lookup.found && lookup.tags[OWNER_TAG] === owner;
    if (!lookup.found) {
        if (mode === "reuse")
            throw new ConfigError(
                "oidcProvider",
                `is "reuse", but the account has no IAM OIDC provider ${arn} for the cluster's issuer; create it (eksctl utils associate-iam-oidc-provider) or set "auto"`,
            );
        return { kind: "manage", adopt: false };
    }
    if (ours) return { kind: "manage", adopt: true };
    if (!ours && mode === "create")
        throw new ConfigError(
            "oidcProvider",
            `is "create", but IAM OIDC provider ${arn} already exists and was not created by this stack (no tag ${OWNER_TAG}=${owner}); set "auto" or "reuse" to use it`,
        );
    return { kind: "reuse" };
}

/** How the stack registers a provider it manages. */
export interface ManagedOidcProviderArgs {
    /** The cluster's issuer URL (`https://oidc.eks.<region>.amazonaws.com/id/<id>`). */
    readonly issuerUrl: string;
    /** The provider's ARN, imported when `adopt` is set. */
    readonly arn: string;
    /** Keep managing the provider this stack created (import it when it is not in the state). */
    readonly adopt: boolean;
    /** Delete the provider with the stack instead of retaining it. */
    readonly deleteOnDestroy: boolean;
    /**
     * Tags besides {@link OWNER_TAG}.
     * @default - none
     */
    readonly tags?: Record<string, string>;
}

/**
 * Registers the provider this stack manages: tagged with its owner, retained on delete unless asked otherwise.
 * An adopted provider is imported and then diffed against these inputs; IAM reports its URL without `https://`, a
 * difference the provider suppresses (terraform-provider-aws `internal/service/iam/openid_connect_provider.go`,
 * `url`: `DiffSuppressFunc: suppressOpenIDURL`), so the import never turns into a refused replace.
 */
export function managedOidcProvider(
    name: string,
    owner: string,
    a: ManagedOidcProviderArgs,
): aws.iam.OpenIdConnectProvider {
    return new aws.iam.OpenIdConnectProvider(
        name,
        { url: a.issuerUrl, clientIdLists: [STS_AUDIENCE], tags: { ...a.tags, [OWNER_TAG]: owner } },
        { retainOnDelete: !a.deleteOnDestroy, ...(a.adopt ? { import: a.arn } : {}) },
    );
}

/**
 * The cluster's provider ARN for the controller: the reused provider's ARN, or the managed provider's `arn` output
 * (so that the IRSA role waits for the provider it trusts).
 */
export async function clusterOidcProvider(
    name: string,
    mode: OidcProviderMode,
    issuerUrl: string,
    options: { readonly deleteOnDestroy: boolean; readonly tags?: Record<string, string> },
): Promise<pulumi.Input<string>> {
    const [{ accountId }, { partition }] = await Promise.all([aws.getCallerIdentity({}), aws.getPartition({})]);
    const arn = `arn:${partition}:iam::${accountId}:oidc-provider/${issuerUrl.replace(/^https:\/\//, "")}`;
    const owner = stackOwner();
    const decision = decideOidcProvider(mode, await lookUpOidcProvider(arn), owner, arn);
    if (decision.kind === "reuse") return arn;
    return managedOidcProvider(name, owner, { issuerUrl, arn, adopt: decision.adopt, ...options }).arn;
}
