/**
 * Which Kubernetes versions the software the component installs supports, and the check of the
 * `kubernetesVersion` argument against it.
 *
 * cert-manager: its "Supported Releases" page (cert-manager/website content/docs/releases/README.md; summarised in
 * ../shared/reference/cert-manager/cert-manager.md) gives v1.21 Kubernetes 1.33 → 1.36, tested on each; the
 * chart's own `kubeVersion: ">= 1.22.0-0"` is only Helm's hard floor.
 */
import { show } from "../common/validation";
import { CERT_MANAGER_CHART } from "./versions";

/** A range of Kubernetes minor versions, both ends included (`1.33`). */
export interface KubernetesRange {
    readonly min: string;
    readonly max: string;
}

/** Kubernetes versions each cert-manager release line supports (cert-manager.io "Supported Releases"). */
export const CERT_MANAGER_KUBERNETES: Readonly<Record<string, KubernetesRange>> = {
    "v1.21": { min: "1.33", max: "1.36" },
};

const KUBERNETES_VERSION = /^v?(1)\.(\d+)(\.\d+)?$/;

/** `1.<minor>` of a Kubernetes version (`"1.33"`, `"1.33.4"`, `"v1.33.4"`), or `undefined` when it is not one. */
export function kubernetesMinor(version: unknown): string | undefined {
    const m = typeof version === "string" ? KUBERNETES_VERSION.exec(version) : null;
    return m ? `${m[1]}.${Number(m[2])}` : undefined;
}

function minorNumber(v: string): number {
    return Number(v.split(".")[1]);
}

/** The range of the cert-manager the component installs (its `major.minor` line). */
export function certManagerRange(chartVersion: string = CERT_MANAGER_CHART.version): KubernetesRange {
    const line = chartVersion.split(".").slice(0, 2).join(".");
    const range = CERT_MANAGER_KUBERNETES[line];
    if (range === undefined) throw new Error(`kubernetesSupport: no Kubernetes range for cert-manager ${line}`);
    return range;
}

/**
 * The problem with installing cert-manager `chartVersion` on Kubernetes `version` (a `1.<minor>` string), or
 * `undefined` when it is supported.
 */
export function certManagerProblem(
    version: string,
    chartVersion: string = CERT_MANAGER_CHART.version,
): string | undefined {
    const { min, max } = certManagerRange(chartVersion);
    const n = minorNumber(version);
    if (n >= minorNumber(min) && n <= minorNumber(max)) return undefined;
    return (
        `is ${show(version)}, but cert-manager ${chartVersion} (installed for \`webhookCertificates: "certManager"\`) ` +
        `supports Kubernetes ${min} – ${max}: upgrade the cluster, or use \`webhookCertificates: "selfSigned"\`, ` +
        "or install a cert-manager that supports it yourself and set `installCertManager: false`"
    );
}
