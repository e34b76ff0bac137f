/**
 * The objects that exist in the account and the cluster while an update runs, with their owners: the world's
 * external objects, the stack's resources and what its Helm releases rendered. Creates check for collisions the
 * way the real services refuse them; deletes and uninstalls remove what they own.
 */
import { renderedObjects, sideObjects } from "./charts";
import { appliedCrd, isCrdType, storedVersionErrors } from "./crds";
import { CLUSTER_SCOPED_KINDS, kubernetesKind } from "./replaceRules";
import { type StateResource, type World, kubernetesKey } from "./world";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const OIDC = "aws:iam/openIdConnectProvider:OpenIdConnectProvider";
const CERTIFICATE_PATCH = "kubernetes:cert-manager.io/v1:CertificatePatch";
const RELEASE_NAME = "meta.helm.sh/release-name";
const RELEASE_NAMESPACE = "meta.helm.sh/release-namespace";
const MANAGED_BY = "app.kubernetes.io/managed-by";

/** Who owns a live object: a stack resource (`urn`), a Helm release (`helm:<ns>/<name>`) or nobody in the stack. */
interface LiveObject {
    owner: string;
    object: Record<string, any>;
    /** Kept in the world's external objects: it cannot be derived from the stack's state. */
    stored: boolean;
}

/** `<namespace>/<name>` of a release's inputs. */
export function releaseId(inputs: Record<string, any>): string {
    return `${inputs.namespace ?? "default"}/${inputs.name ?? ""}`;
}

/** The key of a Kubernetes resource's object, or `undefined` for other types. */
export function objectKeyOf(type: string, inputs: Record<string, any>): string | undefined {
    const k = kubernetesKind(type);
    if (!k || k.kind.endsWith("List") || k.kind.endsWith("Patch")) return undefined;
    const namespace = CLUSTER_SCOPED_KINDS.has(k.kind) ? "" : (inputs.metadata?.namespace ?? "default");
    return kubernetesKey(k.apiVersion, k.kind, namespace, String(inputs.metadata?.name ?? ""));
}

/** `<plural> "<name>" already exists`: the API server's AlreadyExists status message (apimachinery NewAlreadyExists). */
function alreadyExists(key: string): string {
    const parts = key.split("/");
    const [name, kind] = [parts[parts.length - 1], parts[parts.length - 3]];
    const plural = kind.toLowerCase().endsWith("s") ? `${kind.toLowerCase()}es` : `${kind.toLowerCase()}s`;
    return `${plural} "${name}" already exists (pulumi-kubernetes creates client-side since 4.29: provider/pkg/await/await.go Creation)`;
}

export class LiveWorld {
    private readonly k8s = new Map<string, LiveObject>();
    /** Installed releases, `<ns>/<name>` → owner (`urn` or `external`). */
    private readonly releases = new Map<string, string>();
    /** IAM OIDC providers by URL (without scheme) → owner. */
    private readonly oidc = new Map<string, string>();

    constructor(private readonly world: World) {
        for (const [key, object] of world.external.kubernetes) {
            const a = (object as any).metadata?.annotations ?? {};
            const owner = a[RELEASE_NAME] ? `helm:${a[RELEASE_NAMESPACE]}/${a[RELEASE_NAME]}` : "external";
            this.k8s.set(key, { owner, object, stored: true });
        }
        for (const id of world.external.helmReleases.keys()) this.releases.set(id, "external");
        for (const p of world.external.oidcProviders.values()) this.oidc.set(stripScheme(p.url), "external");
        for (const r of world.state.values()) this.adopt(r);
    }

    /** Registers what an existing state resource holds, without checks. */
    private adopt(r: StateResource): void {
        const key = objectKeyOf(r.type, r.inputs);
        if (key) this.k8s.set(key, { owner: r.urn, object: r.inputs, stored: false });
        if (r.type === RELEASE) {
            const id = releaseId(r.outputs);
            this.releases.set(id, r.urn);
            for (const o of renderedObjects(r.inputs))
                this.k8s.set(o.key, { owner: `helm:${id}`, object: helmObject(o.name, id), stored: false });
        }
        if (r.type === OIDC) this.oidc.set(stripScheme(String(r.inputs.url)), r.urn);
    }

    /** `secretTemplate`s set on cert-manager Certificates by patches, by `<namespace>/<certificate>`. */
    private readonly secretTemplates = new Map<string, Record<string, any>>();

    /**
     * A patch of a cert-manager Certificate's `secretTemplate`: cert-manager copies its labels and annotations onto
     * the Certificate's Secret (cert-manager pkg/controller/certificates/issuing/secret_manager.go); deleting the
     * patch gives the fields up and cert-manager removes them again while the Certificate exists.
     */
    private certificatePatch(r: StateResource, present: boolean): void {
        if (r.type !== CERTIFICATE_PATCH) return;
        const i = r.inputs as Record<string, any>;
        const id = `${i.metadata?.namespace ?? "default"}/${i.metadata?.name}`;
        if (present && i.spec?.secretTemplate) this.secretTemplates.set(id, i.spec.secretTemplate);
        else this.secretTemplates.delete(id);
        this.applySecretTemplates();
    }

    /** Writes each Certificate's template onto its Secret, while the Certificate's release is installed. */
    private applySecretTemplates(): void {
        for (const [key, live] of this.k8s) {
            const certificate = live.object.certificate as string | undefined;
            if (!certificate || !live.stored) continue;
            const namespace = key.split("/").slice(-2)[0];
            const template = this.secretTemplates.get(`${namespace}/${certificate}`) ?? {};
            const released = [...this.releases.keys()].some((id) => id.startsWith(`${namespace}/`));
            if (!released) continue; // no Certificate any more: nobody changes the Secret
            live.object = {
                ...live.object,
                metadata: {
                    ...live.object.metadata,
                    labels: template.labels ?? {},
                    annotations: template.annotations ?? {},
                },
            };
        }
    }

    /**
     * Creates what `r` holds; returns the errors the real service would answer. `upsert`: `r`'s provider applies
     * server-side over an existing object instead of failing with AlreadyExists (crds.ts `upsertsExisting`).
     */
    create(r: StateResource, importing = false, upsert = false): string[] {
        const errors: string[] = [];
        this.certificatePatch(r, true);
        const key = objectKeyOf(r.type, r.inputs);
        if (key) {
            const existing = this.k8s.get(key);
            if (importing && !existing) errors.push(`import: ${key} does not exist in the cluster`);
            if (!importing && existing && existing.owner !== r.urn && !upsert) errors.push(alreadyExists(key));
            let object: Record<string, any> = r.inputs;
            if (isCrdType(r.type)) {
                // a server-side apply over an existing CRD is an update of it (crds.ts)
                if (existing && upsert) errors.push(...storedVersionErrors(existing.object, r.inputs));
                object = appliedCrd(existing?.object, r.inputs);
            }
            this.k8s.set(key, { owner: r.urn, object, stored: false });
        }
        // An imported release is read, not installed (pulumi-kubernetes helm_release.go Read/importRelease).
        if (r.type === RELEASE) errors.push(...this.install(r, undefined, importing));
        if (r.type === OIDC) {
            const url = stripScheme(String(r.inputs.url));
            const owner = this.oidc.get(url);
            if (!importing && owner && owner !== r.urn) {
                // IAM CreateOpenIDConnectProvider refuses a second provider for a URL (EntityAlreadyExists).
                errors.push(
                    `creating IAM OIDC Provider: EntityAlreadyExists: Provider with url https://${url} already exists.`,
                );
            }
            this.oidc.set(url, r.urn);
        }
        const name = r.inputs.name;
        if ((r.type === "aws:iam/role:Role" || r.type === "aws:iam/policy:Policy") && typeof name === "string") {
            if (!importing && this.world.external.iam.has(name)) {
                errors.push(
                    `creating IAM ${r.type.endsWith("Role") ? "Role" : "Policy"} (${name}): EntityAlreadyExists`,
                );
            }
        }
        return errors;
    }

    /** Updates `old` to `next` in place (only releases change what the cluster holds by name). */
    update(old: StateResource, next: StateResource): string[] {
        this.certificatePatch(next, true);
        if (next.type !== RELEASE) {
            const key = objectKeyOf(next.type, next.inputs);
            if (key && isCrdType(next.type)) {
                const live = this.k8s.get(key)?.object ?? old.inputs;
                this.k8s.set(key, { owner: next.urn, object: appliedCrd(live, next.inputs), stored: false });
                return storedVersionErrors(live, next.inputs);
            }
            if (key) this.k8s.set(key, { owner: next.urn, object: next.inputs, stored: false });
            return [];
        }
        return this.install(next, old);
    }

    /**
     * Helm install (old undefined) or upgrade: the name must be free (helm/helm v3 pkg/action/install.go
     * availableName: "cannot re-use a name that is still in use"), and each object the release newly renders must
     * not exist unless it carries this release's ownership metadata (pkg/action/validate.go
     * existingResourceConflict/checkOwnership, run by install.go and upgrade.go).
     */
    private install(next: StateResource, old: StateResource | undefined, importing = false): string[] {
        const id = releaseId(next.outputs);
        const owner = this.releases.get(id);
        const errors: string[] = [];
        if (importing && owner === undefined) errors.push(`resource '${id}' does not exist`); // step.go ImportStep
        if (!old && !importing && owner !== undefined && owner !== next.urn)
            errors.push("cannot re-use a name that is still in use");
        this.releases.set(id, next.urn);
        const before = new Set(old ? renderedObjects(old.inputs).map((o) => o.key) : []);
        const [namespace, name] = [id.slice(0, id.indexOf("/")), id.slice(id.indexOf("/") + 1)];
        for (const o of renderedObjects(next.inputs)) {
            const existing = this.k8s.get(o.key);
            if (!before.has(o.key) && existing && existing.owner !== `helm:${id}`) {
                const problems = ownershipProblems(existing.object, name, namespace);
                if (problems.length > 0) {
                    const at = `${o.kind} "${o.name}" in namespace "${o.namespace}"`;
                    errors.push(
                        `${at} exists and cannot be imported into the current release: invalid ownership metadata; ${problems.join("; ")}`,
                    );
                }
            }
            this.k8s.set(o.key, { owner: `helm:${id}`, object: helmObject(o.name, id), stored: false });
        }
        if (old) {
            const now = new Set(renderedObjects(next.inputs).map((o) => o.key));
            for (const o of renderedObjects(old.inputs)) if (!now.has(o.key) && !o.keep) this.k8s.delete(o.key);
        }
        for (const o of sideObjects(next.inputs)) {
            if (this.k8s.has(o.key)) continue;
            this.k8s.set(o.key, {
                owner: "external",
                stored: true,
                object: { metadata: { name: o.name }, certificate: o.certificate },
            });
        }
        this.applySecretTemplates();
        return errors;
    }

    /** Deletes (or, retained, abandons) what `r` holds. */
    delete(r: StateResource, retain: boolean): void {
        if (!retain) this.certificatePatch(r, false);
        const key = objectKeyOf(r.type, r.inputs);
        if (key && this.k8s.get(key)?.owner === r.urn) {
            if (retain) this.k8s.set(key, { owner: "external", object: r.inputs, stored: true });
            else this.k8s.delete(key);
        }
        if (r.type === RELEASE) {
            const id = releaseId(r.outputs);
            if (this.releases.get(id) === r.urn) {
                if (retain) this.releases.set(id, "external");
                else this.releases.delete(id);
            }
            // helm uninstall deletes what its manifest holds by name, whoever took an object over since, except
            // objects with `helm.sh/resource-policy: keep` (helm/helm pkg/action/uninstall.go deleteRelease).
            if (!retain) for (const o of renderedObjects(r.inputs)) if (!o.keep) this.k8s.delete(o.key);
            if (retain)
                this.world.external.helmReleases.set(id, {
                    chart: String(r.inputs.chart),
                    version: String(r.inputs.version ?? ""),
                });
        }
        if (r.type === OIDC) {
            const url = stripScheme(String(r.inputs.url));
            if (this.oidc.get(url) === r.urn) {
                if (retain) this.oidc.set(url, "external");
                else this.oidc.delete(url);
            }
            if (retain) {
                this.world.external.oidcProviders.set(String(r.outputs.arn), {
                    url: String(r.inputs.url),
                    clientIdLists: (r.inputs.clientIdLists as string[]) ?? [],
                    tags: (r.inputs.tags as Record<string, string>) ?? {},
                });
            }
        }
        if (retain && (r.type === "aws:iam/role:Role" || r.type === "aws:iam/policy:Policy")) {
            this.world.external.iam.set(String(r.outputs.arn ?? r.urn), r.outputs);
        }
    }

    /**
     * Deletes the old object of a create-before-delete replacement (the engine's deleteReplaced step, after every
     * create): what the replacement now holds under the same key is left alone.
     */
    deleteReplaced(old: StateResource, replacement: StateResource | undefined): void {
        const key = objectKeyOf(old.type, old.inputs);
        const sameKey = replacement && key !== undefined && key === objectKeyOf(replacement.type, replacement.inputs);
        const sameRelease = replacement?.type === RELEASE && releaseId(replacement.outputs) === releaseId(old.outputs);
        const sameProvider = old.type === OIDC && replacement?.inputs.url === old.inputs.url;
        if (sameKey || sameRelease || sameProvider) return;
        this.delete(old, old.options.retainOnDelete);
    }

    /** The OIDC provider with this ARN's URL, if one exists in the account now. */
    hasOidcProvider(url: string): boolean {
        return this.oidc.has(stripScheme(url));
    }

    /**
     * Writes what is left outside the stack into the world's external objects: objects nobody in the new state
     * owns (left behind by cert-manager, kept by Helm, retained) stay in the cluster.
     */
    writeExternal(state: ReadonlyMap<string, StateResource>): void {
        const releasesInState = new Set(
            [...state.values()].filter((r) => r.type === RELEASE).map((r) => `helm:${releaseId(r.outputs)}`),
        );
        this.world.external.kubernetes.clear();
        for (const [key, { owner, object, stored }] of this.k8s) {
            if (stored || (owner.startsWith("helm:") && !releasesInState.has(owner))) {
                this.world.external.kubernetes.set(key, object);
            }
        }
    }
}

function stripScheme(url: string): string {
    return url.replace(/^https:\/\//, "");
}

/** An object as Helm labels and annotates what it installs (pkg/action: setMetadataVisitor). */
function helmObject(name: string, id: string): Record<string, any> {
    const [namespace, release] = [id.slice(0, id.indexOf("/")), id.slice(id.indexOf("/") + 1)];
    return {
        metadata: {
            name,
            labels: { [MANAGED_BY]: "Helm" },
            annotations: { [RELEASE_NAME]: release, [RELEASE_NAMESPACE]: namespace },
        },
    };
}

/** helm/helm pkg/action/validate.go checkOwnership + requireValue, message for message. */
function ownershipProblems(object: Record<string, any>, release: string, namespace: string): string[] {
    const labels = object.metadata?.labels ?? {};
    const annotations = object.metadata?.annotations ?? {};
    const require = (map: Record<string, string>, k: string, v: string, what: string) => {
        if (!(k in map)) return [`${what} validation error: missing key "${k}": must be set to "${v}"`];
        if (map[k] !== v)
            return [`${what} validation error: key "${k}" must equal "${v}": current value is "${map[k]}"`];
        return [];
    };
    return [
        ...require(labels, MANAGED_BY, "Helm", "label"),
        ...require(annotations, RELEASE_NAME, release, "annotation"),
        ...require(annotations, RELEASE_NAMESPACE, namespace, "annotation"),
    ];
}
