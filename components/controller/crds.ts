/**
 * The controller chart's CustomResourceDefinitions at each supported release. Helm applies a chart's `crds/`
 * only on first install and never on upgrade (Helm's docs, chart_best_practices/custom_resource_definitions:
 * "There is no support at this time for upgrading or deleting CRDs using Helm"; upstream
 * kubernetes-sigs/aws-load-balancer-controller issues #4870 and #4555), so the package keeps every release's
 * CRDs (`data/crds/`, verbatim `helm/aws-load-balancer-controller/crds/` of each tag) to apply them itself.
 */
import * as fs from "fs";
import * as path from "path";
import { DATA_DIR } from "../common/dataDir";
import { parseAllDocuments } from "yaml";
import { isPlainObject } from "../common/json";
import { findRelease } from "./versions";

/** One CustomResourceDefinition of the chart. */
export interface ChartCrd {
    /** `metadata.name`, `<plural>.<group>`, e.g. `targetgroupbindings.elbv2.k8s.aws`. */
    readonly name: string;
    /** `spec.group`, e.g. `elbv2.k8s.aws`. */
    readonly group: string;
    /** `spec.names.kind`, e.g. `TargetGroupBinding`. */
    readonly kind: string;
    /** `spec.scope`: `Namespaced` or `Cluster`. */
    readonly scope: string;
    /** The versions the API server serves (`spec.versions[].served`), in file order. */
    readonly servedVersions: readonly string[];
    /** The one version objects are stored in (`spec.versions[].storage`). */
    readonly storageVersion: string;
    /** The file under `data/crds/` it comes from. */
    readonly file: string;
    /** The whole object as upstream writes it (`apiVersion: apiextensions.k8s.io/v1`). */
    readonly manifest: Readonly<Record<string, unknown>>;
}

function field(doc: Record<string, unknown>, key: string, where: string): Record<string, unknown> {
    const value = doc[key];
    if (!isPlainObject(value)) throw new Error(`${where}: ${key} is not a map`);
    return value;
}

function text(doc: Record<string, unknown>, key: string, where: string): string {
    const value = doc[key];
    if (typeof value !== "string" || value === "") throw new Error(`${where}: ${key} is not a string`);
    return value;
}

/**
 * Parses a multi-document CRD file (`---`-separated, empty documents skipped). Throws when a document is not an
 * `apiextensions.k8s.io/v1` CustomResourceDefinition or has no single storage version.
 */
export function parseCrds(yamlText: string, file: string): ChartCrd[] {
    const crds: ChartCrd[] = [];
    for (const [i, document] of parseAllDocuments(yamlText).entries()) {
        if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0].message}`);
        const doc = document.toJS() as unknown;
        if (doc === null || doc === undefined) continue;
        const where = `${file} document ${i + 1}`;
        if (
            !isPlainObject(doc) ||
            doc.kind !== "CustomResourceDefinition" ||
            doc.apiVersion !== "apiextensions.k8s.io/v1"
        ) {
            throw new Error(`${where}: not an apiextensions.k8s.io/v1 CustomResourceDefinition`);
        }
        const spec = field(doc, "spec", where);
        const versions = spec.versions;
        if (!Array.isArray(versions) || !versions.every(isPlainObject)) throw new Error(`${where}: spec.versions`);
        const storage = versions.filter((v) => v.storage === true).map((v) => text(v, "name", where));
        if (storage.length !== 1) throw new Error(`${where}: ${storage.length} storage versions, expected 1`);
        crds.push({
            name: text(field(doc, "metadata", where), "name", where),
            group: text(spec, "group", where),
            kind: text(field(spec, "names", where), "kind", where),
            scope: text(spec, "scope", where),
            servedVersions: versions.filter((v) => v.served === true).map((v) => text(v, "name", where)),
            storageVersion: storage[0],
            file,
            manifest: doc,
        });
    }
    return crds;
}

const cache = new Map<string, readonly ChartCrd[]>();

/** The CRDs of one bundled file under `data/crds/`. */
export function loadCrdFile(file: string): readonly ChartCrd[] {
    let crds = cache.get(file);
    if (crds === undefined) {
        crds = parseCrds(fs.readFileSync(path.join(DATA_DIR, "crds", file), "utf8"), file);
        cache.set(file, crds);
    }
    return crds;
}

/**
 * The chart's CRDs at controller release `version` (a release of the matrix), in file order: `crds.yaml`, then
 * `gateway-crds.yaml`. Each call returns fresh copies, so a caller may change them.
 */
export function crdsOf(version: string): ChartCrd[] {
    const release = findRelease(version);
    if (release === undefined) throw new Error(`crdsOf: ${version} is not a release of the version matrix`);
    return release.crdFiles.flatMap((file) => loadCrdFile(file).map((crd) => structuredClone(crd)));
}

/** How one CRD differs between two releases. */
export interface CrdChange {
    readonly name: string;
    /** Served versions the newer release adds / no longer serves. */
    readonly servedAdded: readonly string[];
    readonly servedRemoved: readonly string[];
    /** The storage versions before and after, when they differ. */
    readonly storage?: { readonly from: string; readonly to: string };
    /** Served versions whose `schema` differs. */
    readonly schemaChanged: readonly string[];
}

/** What changes in the CRDs from `before` to `after` (both as {@link parseCrds} returns them). */
export interface CrdDiff {
    readonly added: readonly string[];
    readonly removed: readonly string[];
    readonly changed: readonly CrdChange[];
}

function schemaOf(crd: ChartCrd, version: string): string {
    const versions = (crd.manifest.spec as { versions: { name: string; schema?: unknown }[] }).versions;
    return JSON.stringify(versions.find((v) => v.name === version)?.schema ?? null);
}

/** Compares two sets of CRDs by name: CRDs added or removed, and served/storage versions and schemas changed. */
export function diffCrds(before: readonly ChartCrd[], after: readonly ChartCrd[]): CrdDiff {
    const old = new Map(before.map((c) => [c.name, c]));
    const now = new Map(after.map((c) => [c.name, c]));
    const changed: CrdChange[] = [];
    for (const crd of after) {
        const prev = old.get(crd.name);
        if (prev === undefined) continue;
        const change: CrdChange = {
            name: crd.name,
            servedAdded: crd.servedVersions.filter((v) => !prev.servedVersions.includes(v)),
            servedRemoved: prev.servedVersions.filter((v) => !crd.servedVersions.includes(v)),
            ...(prev.storageVersion === crd.storageVersion
                ? {}
                : { storage: { from: prev.storageVersion, to: crd.storageVersion } }),
            schemaChanged: crd.servedVersions.filter(
                (v) => prev.servedVersions.includes(v) && schemaOf(prev, v) !== schemaOf(crd, v),
            ),
        };
        if (
            change.servedAdded.length + change.servedRemoved.length + change.schemaChanged.length > 0 ||
            change.storage !== undefined
        ) {
            changed.push(change);
        }
    }
    return {
        added: after.filter((c) => !old.has(c.name)).map((c) => c.name),
        removed: before.filter((c) => !now.has(c.name)).map((c) => c.name),
        changed,
    };
}
