/**
 * Adopting objects that already exist in the cluster — what the manual runbook left behind — instead of failing
 * to create them. The stack's `adopt` config lists them by kind and id; the program turns each entry into the
 * `import` resource option of exactly the resource that declares that object.
 *
 * Why `import`, from the sources:
 * - pulumi-kubernetes creates new objects client-side since v4.29.0 (CHANGELOG, #2926): `await.Creation`
 *   (provider/pkg/await/await.go) calls `client.Create` unless the provider sets `upsertExistingObjects`, so an
 *   object that exists fails with AlreadyExists. A Helm release of a name in use fails `helm install`
 *   ("cannot re-use a name that is still in use", helm/helm pkg/action/install.go availableName).
 * - With `import`, the engine reads the object (`Read` with the id `<namespace>/<name>`, provider.go and
 *   helm_release.go `Read`/`importRelease`) and then diffs the program's inputs against what it read, updating in
 *   place in the same run (pulumi/pulumi pkg/resource/deploy/step_generator.go `continueStepsFromImport`, since
 *   CLI v3.174.0, #19339). A replace is refused: "previously-imported resources that still specify an ID may not
 *   be replaced" (step_generator.go). Once the state holds the resource with that import id, later runs do not
 *   import again (`isImport`: the old state's ImportID equals the goal's id), so the block may stay.
 * - Adopted Kubernetes objects get the `pulumi.com/patchForce: "true"` annotation: their fields belong to other
 *   field managers (eksctl labels and annotates the runbook's ServiceAccount), and the provider's server-side apply
 *   takes such fields only when forced (await.go `patchForce`; `fixCSAFieldManagers` takes over only `kubectl`'s
 *   and its own client-side managers).
 */
import * as pulumi from "@pulumi/pulumi";
import {
    type AlbIngressControllerArgs,
    CONTROLLER_DEFAULTS,
    INGRESS_APP_DEFAULTS,
    WebhookCertificates,
} from "../components/index";
import { isPlainObject } from "../components/common/json";
import { childName } from "../components/common/naming";
import { CONTROLLER_RELEASE_NAME } from "../components/controller/release";
import { dns1123Label, dns1123Subdomain, show } from "../components/common/validation";
import { CERT_MANAGER_CHART } from "../components/controller/versions";

/** The name `program.ts` gives the AlbIngressController (its children are `lbc-sa`, `lbc-release`, …). */
export const CONTROLLER_RESOURCE_NAME = "lbc";

/** The annotation that makes pulumi-kubernetes force server-side apply conflicts (metadata/annotations.go). */
export const PATCH_FORCE_ANNOTATION = "pulumi.com/patchForce";

/** What can be adopted: the kinds of objects this stack declares under fixed names, and their Pulumi types. */
export const ADOPTABLE = {
    helmReleases: { type: "kubernetes:helm.sh/v3:Release", namespaced: true, label: "Helm release", ignore: [] },
    namespaces: { type: "kubernetes:core/v1:Namespace", namespaced: false, label: "Namespace", ignore: [] },
    serviceAccounts: {
        type: "kubernetes:core/v1:ServiceAccount",
        namespaced: true,
        label: "ServiceAccount",
        ignore: [],
    },
    deployments: { type: "kubernetes:apps/v1:Deployment", namespaced: true, label: "Deployment", ignore: [] },
    /**
     * A Service's `spec.clusterIP` is assigned by the API server, so the imported inputs hold it and the program's
     * do not: the provider's Diff reports its deletion as a replace (`.spec.clusterIP` is a force-new field,
     * pulumi-kubernetes provider/pkg/provider/diff.go; `convertPatchToDiff` DELETE_REPLACE in provider.go), which
     * the engine refuses for an imported resource. `ignoreChanges` makes the engine keep the live value
     * (step_generator.go `processIgnoreChanges`, also applied after an import).
     */
    services: { type: "kubernetes:core/v1:Service", namespaced: true, label: "Service", ignore: ["spec.clusterIP"] },
    ingresses: { type: "kubernetes:networking.k8s.io/v1:Ingress", namespaced: true, label: "Ingress", ignore: [] },
} as const satisfies Record<string, { type: string; namespaced: boolean; label: string; ignore: readonly string[] }>;

/** A kind of adoptable object (a key of the `adopt` config). */
export type AdoptKind = keyof typeof ADOPTABLE;

/** The adoptable kinds, in the order the config documents them. */
export const ADOPT_KINDS = Object.keys(ADOPTABLE) as AdoptKind[];

/**
 * The `adopt` config: per kind, the ids of objects that exist in the cluster and that this stack declares —
 * `<namespace>/<name>`, or the name alone for namespaces (the ids `pulumi import` takes for these types).
 */
export type AdoptConfig = { readonly [K in AdoptKind]: readonly string[] };

/** Nothing to adopt. */
export const NO_ADOPTION: AdoptConfig = Object.fromEntries(ADOPT_KINDS.map((k) => [k, []])) as unknown as AdoptConfig;

/** One object the stack declares under a fixed name: which resource declares it, and its import id. */
export interface DeclaredObject {
    readonly kind: AdoptKind;
    /** The id `import` takes: `<namespace>/<name>`, or `<name>` for a namespace. */
    readonly id: string;
    /** The Pulumi type and resource name of the resource that declares it. */
    readonly type: string;
    readonly name: string;
}

/** What the stack's config says about the controller and apps (only the settings that name objects are read). */
export interface DeclaringConfig {
    readonly controller: Omit<
        AlbIngressControllerArgs,
        "cluster" | "clusterName" | "vpcId" | "oidcProviderArn" | "oidcIssuerUrl"
    >;
    readonly apps: readonly {
        readonly name: string;
        readonly namespace?: string;
        readonly createNamespace?: boolean;
        /** Routed through a gateway: an HTTPRoute instead of an Ingress. */
        readonly gateway?: string;
    }[];
}

/**
 * The objects the stack declares under fixed names, with the resources that declare them: the controller's
 * ServiceAccount, Helm release, cert-manager release and namespace (when it creates them), and each app's namespace,
 * Deployment, Service and Ingress (none for an app routed through a gateway). Defaults are the components' own (`CONTROLLER_DEFAULTS`, `INGRESS_APP_DEFAULTS`).
 */
export function declaredObjects(cfg: DeclaringConfig): DeclaredObject[] {
    const c = cfg.controller;
    const d = CONTROLLER_DEFAULTS;
    const lbc = CONTROLLER_RESOURCE_NAME;
    const namespace = c.namespace ?? d.namespace;
    const out: DeclaredObject[] = [];
    const add = (kind: AdoptKind, id: string, name: string) => out.push({ kind, id, type: ADOPTABLE[kind].type, name });
    if (c.createNamespace ?? d.createNamespace) add("namespaces", namespace, childName(lbc, "namespace"));
    add(
        "serviceAccounts",
        `${namespace}/${c.serviceAccountName ?? d.serviceAccountName}`,
        childName(lbc, "serviceAccount"),
    );
    const certManager = (c.webhookCertificates ?? d.webhookCertificates) === WebhookCertificates.CertManager;
    if (certManager && (c.installCertManager ?? d.installCertManager)) {
        const ns = c.certManagerNamespace ?? d.certManagerNamespace;
        add("helmReleases", `${ns}/${CERT_MANAGER_CHART.name}`, childName(lbc, "certManager"));
    }
    add("helmReleases", `${namespace}/${CONTROLLER_RELEASE_NAME}`, childName(lbc, "release"));
    for (const app of cfg.apps) {
        const ns = app.namespace ?? app.name;
        if (app.createNamespace ?? INGRESS_APP_DEFAULTS.createNamespace)
            add("namespaces", ns, childName(app.name, "namespace"));
        add("deployments", `${ns}/${app.name}`, childName(app.name, "deployment"));
        add("services", `${ns}/${app.name}`, childName(app.name, "service"));
        if (app.gateway === undefined) add("ingresses", `${ns}/${app.name}`, childName(app.name, "ingress"));
    }
    return out;
}

/** The problem with one id of `kind`, or `undefined`. */
function idProblem(kind: AdoptKind, id: unknown): string | undefined {
    if (!ADOPTABLE[kind].namespaced) {
        const problem = dns1123Label(id);
        return problem && `must be a namespace name: ${problem.replace(/^must be /, "")}`;
    }
    const parts = typeof id === "string" ? id.split("/") : [];
    if (parts.length !== 2 || dns1123Label(parts[0]) !== undefined || dns1123Subdomain(parts[1]) !== undefined) {
        return `must be "<namespace>/<name>" (a DNS-1123 label, "/", a DNS-1123 subdomain), got ${show(id)}`;
    }
    return undefined;
}

/**
 * Checks the `adopt` config and returns it with every kind present. `declaring` is the stack's controller and
 * apps config when it is valid (then every id must name an object the stack declares, or adopting it would be
 * meaningless), `undefined` when it is not (its own problems are reported). `problem` receives each problem
 * under its key (`adopt.services[1]`).
 */
export function checkAdoptConfig(
    raw: unknown,
    declaring: DeclaringConfig | undefined,
    problem: (key: string, message: string) => void,
): AdoptConfig {
    if (raw === undefined) return NO_ADOPTION;
    if (!isPlainObject(raw)) {
        problem("adopt", `must be a map of ${ADOPT_KINDS.join(", ")} to lists of object ids, got ${show(raw)}`);
        return NO_ADOPTION;
    }
    const declared = declaring ? declaredObjects(declaring) : undefined;
    const result: Record<string, string[]> = Object.fromEntries(ADOPT_KINDS.map((k) => [k, []]));
    for (const [key, ids] of Object.entries(raw)) {
        const kind = ADOPT_KINDS.find((k) => k === key);
        if (kind === undefined) {
            problem(`adopt.${key}`, `is not a kind this stack can adopt; known: ${ADOPT_KINDS.join(", ")}`);
            continue;
        }
        if (!Array.isArray(ids)) {
            problem(`adopt.${key}`, `must be a list of ${ADOPTABLE[kind].label} ids, got ${show(ids)}`);
            continue;
        }
        const mine = declared?.filter((o) => o.kind === kind).map((o) => o.id);
        ids.forEach((id: unknown, i) => {
            const at = `adopt.${key}[${i}]`;
            const bad = idProblem(kind, id);
            if (bad !== undefined) return problem(at, bad);
            if (result[kind].includes(id as string)) return problem(at, `repeats ${show(id)}`);
            if (mine && !mine.includes(id as string)) {
                return problem(
                    at,
                    `names ${show(id)}, which this stack does not declare; the ${ADOPTABLE[kind].label} objects it declares: ${mine.map(show).join(", ") || "none"}`,
                );
            }
            result[kind].push(id as string);
        });
    }
    return result as unknown as AdoptConfig;
}

/** `props` with the patchForce annotation added to its metadata. */
function withPatchForce(type: string, props: pulumi.Inputs): pulumi.Inputs {
    const metadata: unknown = props.metadata ?? {};
    if (!isPlainObject(metadata) || (metadata.annotations !== undefined && !isPlainObject(metadata.annotations))) {
        throw new Error(`adopt: ${type} declares its metadata as an Output; cannot add ${PATCH_FORCE_ANNOTATION}`);
    }
    const annotations = { ...(metadata.annotations ?? {}), [PATCH_FORCE_ANNOTATION]: "true" };
    return { ...props, metadata: { ...metadata, annotations } };
}

/**
 * The transformations that adopt the objects `adopt` lists: each sets `import` on the one resource that declares
 * the object (matched by type and resource name), forces server-side apply on adopted Kubernetes objects, and
 * keeps the server-assigned fields that would otherwise force a replace (`ADOPTABLE[kind].ignore`).
 * Pass them as `transformations` to the components; children inherit them (@pulumi/pulumi resource.js runs a
 * resource's own and its parents' transformations before registering it).
 */
export function adoptTransformations(
    cfg: DeclaringConfig & { readonly adopt: AdoptConfig },
): pulumi.ResourceTransformation[] {
    const imports = new Map<string, DeclaredObject>();
    for (const object of declaredObjects(cfg)) {
        if (cfg.adopt[object.kind].includes(object.id)) imports.set(`${object.type}::${object.name}`, object);
    }
    if (imports.size === 0) return [];
    return [
        ({ type, name, props, opts }) => {
            const object = imports.get(`${type}::${name}`);
            if (object === undefined) return undefined;
            const adopted = object.kind === "helmReleases" ? props : withPatchForce(type, props);
            const ignoreChanges = [...ADOPTABLE[object.kind].ignore];
            return { props: adopted, opts: pulumi.mergeOptions(opts, { import: object.id, ignoreChanges }) };
        },
    ];
}
