/**
 * CustomResourceDefinitions in the lifecycle world: what the API server refuses when a CRD is applied over an
 * existing one, and which Kubernetes providers adopt an existing object on create.
 *
 * - The API server records every storage version a CRD has had in `status.storedVersions` (kubernetes
 *   apiextensions-apiserver pkg/registry/customresourcedefinition/strategy.go `PrepareForCreate`/
 *   `PrepareForUpdate`) and refuses a CRD whose `spec.versions` lacks one of them
 *   (pkg/apis/apiextensions/validation/validation.go `ValidateCustomResourceDefinitionStoredVersions`: "must appear
 *   in spec.versions"). The world knows a lower bound of that list: the live object's `status.storedVersions` when
 *   it has one (the runbook's CRDs), else its storage version.
 * - pulumi-kubernetes creates client-side (AlreadyExists on an existing object) unless the provider has server-side
 *   apply and `upsertExistingObjects` (pulumi/pulumi-kubernetes provider/pkg/await/await.go `Creation`); both are
 *   read from the provider's config (provider/pkg/provider/provider.go `Configure`; SSA is on unless disabled).
 */

const CRD_TYPE = "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition";

/** True for the Pulumi type of a CustomResourceDefinition. */
export const isCrdType = (type: string): boolean => type === CRD_TYPE;

type Versions = { name?: unknown; storage?: unknown }[];

/** The versions the API server holds as stored for a live CRD object (a lower bound, see above). */
export function storedVersionsOf(live: Record<string, any> | undefined): string[] {
    const recorded = live?.status?.storedVersions;
    if (Array.isArray(recorded) && recorded.length > 0) return recorded.map(String);
    const versions = (live?.spec?.versions ?? []) as Versions;
    return versions.filter((v) => v.storage === true).map((v) => String(v.name));
}

/**
 * The API server's errors for applying CRD `next` (inputs) over the live object `live`: each stored version
 * missing from `next.spec.versions`, message for message.
 */
export function storedVersionErrors(live: Record<string, any> | undefined, next: Record<string, any>): string[] {
    if (!live) return [];
    const versions = new Set(((next.spec?.versions ?? []) as Versions).map((v) => String(v.name)));
    const name = String(next.metadata?.name ?? "");
    return storedVersionsOf(live).flatMap((v, i) =>
        versions.has(v)
            ? []
            : [
                  `CustomResourceDefinition.apiextensions.k8s.io "${name}" is invalid: status.storedVersions[${i}]: ` +
                      `Invalid value: "${v}": must appear in spec.versions`,
              ],
    );
}

/** The live CRD after `next` was applied over `live`: its storage version joins the stored ones. */
export function appliedCrd(live: Record<string, any> | undefined, next: Record<string, any>): Record<string, any> {
    const stored = [...new Set([...(live ? storedVersionsOf(live) : []), ...storedVersionsOf(next)])];
    return { ...next, status: { storedVersions: stored } };
}

const isTrue = (v: unknown) => v === true || v === "true";
const isFalse = (v: unknown) => v === false || v === "false";

/**
 * Whether a Kubernetes provider with these inputs adopts an existing object on create (server-side apply with
 * `upsertExistingObjects`). The SDK sends provider config as JSON strings (`"true"`).
 */
export function upsertsExisting(providerInputs: Record<string, unknown> | undefined): boolean {
    if (!providerInputs) return false;
    return isTrue(providerInputs.upsertExistingObjects) && !isFalse(providerInputs.enableServerSideApply);
}
