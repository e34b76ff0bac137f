/**
 * Independent checks of what the program would send: every Kubernetes object against the Kubernetes OpenAPI
 * schemas (the `kubernetes-models` validators) or, for a custom resource, its CRD's schema (crdSchema.ts), every
 * Helm value key against the chart's upstream values.
 */
import { controllerChartDefaults, loadChartData, unknownValuePaths } from "../components/controller/chartValues";
import { CERT_MANAGER_CHART, CONTROLLER_CHART } from "../components/controller/versions";
import type { Recorded } from "./engine";
import { type CrdManifest, bundledCrds, customResourceProblems } from "./crdSchema";

/** A Kubernetes object: apiVersion, kind and the rest of the recorded inputs. */
export type KubernetesObject = {
    apiVersion: string;
    kind: string;
    metadata?: { name?: string; namespace?: string };
} & Record<string, unknown>;

/** The Kubernetes objects among the recorded resources (Helm releases and providers excluded). */
export function kubernetesObjects(resources: readonly Recorded[]): { resource: Recorded; object: KubernetesObject }[] {
    return resources
        .filter((r) => r.custom && r.type.startsWith("kubernetes:") && !r.type.startsWith("kubernetes:helm.sh/"))
        .map((r) => ({ resource: r, object: r.inputs as KubernetesObject }));
}

type Model = new (data: unknown) => { validate(): void };

/** The `kubernetes-models` class of an apiVersion/kind, or `undefined` when it has none (e.g. a CRD). */
function modelOf(apiVersion: string, kind: string): Model | undefined {
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const mod = require(group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`) as Record<
            string,
            Model
        >;
        return mod[kind];
    } catch {
        return undefined;
    }
}

/**
 * Kinds whose CRD the cloud installs and whose schema is published nowhere this project can read: their objects
 * are not schema-checked (the component that writes them checks its arguments), and the plan says so.
 */
export const UNPUBLISHED_SCHEMAS: Readonly<Record<string, string>> = {
    "eks.amazonaws.com/v1 IngressClassParams":
        "EKS Auto Mode installs this CRD in the cluster; AWS documents its fields (awsdocs amazon-eks-user-guide auto-configure-alb.adoc, IngressClassParams Reference) but publishes no schema",
};

/** The CustomResourceDefinitions among recorded Kubernetes objects (what the plan applies). */
export function recordedCrds(objects: readonly { object: KubernetesObject }[]): CrdManifest[] {
    return objects
        .filter(
            (o) => o.object.kind === "CustomResourceDefinition" && o.object.apiVersion === "apiextensions.k8s.io/v1",
        )
        .map((o) => o.object as CrdManifest);
}

/**
 * Schema problems of one object: `[]` when valid, a note when no schema is known. A `…Patch` resource (e.g.
 * `kubernetes:cert-manager.io/v1:CertificatePatch`) is a partial object that server-side apply merges into the
 * live one, so only its identity is checked: the schema's required fields come from the live object. A custom
 * resource is checked against its CRD: one of `crds` (those the plan applies, {@link recordedCrds}) first, else the
 * bundled upstream CRDs.
 */
export function schemaProblems(object: KubernetesObject, type?: string, crds: readonly CrdManifest[] = []): string[] {
    if (type?.startsWith("kubernetes:") && type.endsWith("Patch")) {
        return object.metadata?.name ? [] : [`a patch of ${object.apiVersion} ${object.kind} must name its object`];
    }
    const custom = customResourceProblems(object, crds) ?? customResourceProblems(object, bundledCrds());
    if (custom !== undefined) return custom;
    if (UNPUBLISHED_SCHEMAS[`${object.apiVersion} ${object.kind}`] !== undefined) return [];
    const model = modelOf(object.apiVersion, object.kind);
    if (model === undefined) return [`no schema for ${object.apiVersion} ${object.kind}`];
    try {
        new model(object).validate();
        return [];
    } catch (e) {
        return [(e as Error).message];
    }
}

/** Value keys of a Helm release that its chart's values.yaml does not have. */
export function helmValueProblems(release: Recorded): string[] {
    const { chart, version, values } = release.inputs as {
        chart: string;
        version: string;
        values?: Record<string, unknown>;
    };
    const reference =
        chart.split("/").pop() === CONTROLLER_CHART.name // a bare name, or an oci:// reference to the chart
            ? controllerChartDefaults(version)
            : chart === CERT_MANAGER_CHART.name && version === CERT_MANAGER_CHART.version
              ? loadChartData("cert-manager-values-v1.21.1.yaml")
              : undefined;
    if (reference === undefined) return [`no bundled values.yaml for chart ${chart} ${version}`];
    return unknownValuePaths(values ?? {}, reference).map((p) => `${p} is not a value of chart ${chart} ${version}`);
}
