/**
 * The closed version matrix: controller release → Helm chart version → image tag → IAM policy document.
 *
 * All of it is upstream data kept verbatim under `data/` (see `data/README.md`): `matrix.json` lists every
 * stable release from v2.7.0, and `data/iam-policy/` holds each distinct upstream `iam_policy.json`, named by
 * the first release that shipped it. Supporting a new release means adding data, not code.
 */
import matrix from "./data/matrix.json";
import policyV2_7_0 from "./data/iam-policy/iam_policy-v2.7.0.json";
import policyV2_9_0 from "./data/iam-policy/iam_policy-v2.9.0.json";
import policyV2_10_0 from "./data/iam-policy/iam_policy-v2.10.0.json";
import policyV2_11_0 from "./data/iam-policy/iam_policy-v2.11.0.json";
import policyV2_12_0 from "./data/iam-policy/iam_policy-v2.12.0.json";
import policyV2_13_0 from "./data/iam-policy/iam_policy-v2.13.0.json";

/** One IAM policy statement, as upstream writes them. */
export interface PolicyStatementDocument {
    readonly Sid?: string;
    readonly Effect: "Allow" | "Deny";
    readonly Action: string | readonly string[];
    readonly Resource?: string | readonly string[];
    readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/** An IAM policy document. */
export interface PolicyDocument {
    readonly Version: "2012-10-17";
    readonly Statement: readonly PolicyStatementDocument[];
}

/** A controller release the package knows how to install. */
export interface ControllerRelease {
    /** Upstream tag, e.g. `v2.9.1`. */
    readonly controllerVersion: string;
    /** The `aws-load-balancer-controller` chart version published for it in https://aws.github.io/eks-charts. */
    readonly chartVersion: string;
    /** The controller image tag. */
    readonly imageTag: string;
    /** File name (under `data/iam-policy/`) of the upstream IAM policy shipped with this release. */
    readonly policyFile: string;
    /** The upstream IAM policy shipped with this release. */
    readonly policy: PolicyDocument;
}

/** Upstream policy documents by file name. */
export const POLICY_DOCUMENTS: Readonly<Record<string, PolicyDocument>> = {
    "iam_policy-v2.7.0.json": policyV2_7_0 as PolicyDocument,
    "iam_policy-v2.9.0.json": policyV2_9_0 as PolicyDocument,
    "iam_policy-v2.10.0.json": policyV2_10_0 as PolicyDocument,
    "iam_policy-v2.11.0.json": policyV2_11_0 as PolicyDocument,
    "iam_policy-v2.12.0.json": policyV2_12_0 as PolicyDocument,
    "iam_policy-v2.13.0.json": policyV2_13_0 as PolicyDocument,
};

function releaseOf(entry: (typeof matrix)[number]): ControllerRelease {
    const policy = POLICY_DOCUMENTS[entry.policyFile];
    if (policy === undefined) {
        throw new Error(`data/matrix.json: ${entry.controllerVersion} names ${entry.policyFile}, which is not bundled`);
    }
    return Object.freeze({
        controllerVersion: entry.controllerVersion,
        chartVersion: entry.chartVersion,
        imageTag: entry.imageTag,
        policyFile: entry.policyFile,
        policy,
    });
}

/** Compares two `vX.Y.Z` (or `X.Y.Z`) versions numerically. */
export function compareVersions(a: string, b: string): number {
    const parts = (v: string) => v.replace(/^v/, "").split(".").map(Number);
    const [pa, pb] = [parts(a), parts(b)];
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const d = (pa[i] ?? 0) - (pb[i] ?? 0);
        if (d !== 0) {
            return d;
        }
    }
    return 0;
}

/** Every supported release, oldest first, keyed by controller version. */
export const CONTROLLER_RELEASES: ReadonlyMap<string, ControllerRelease> = new Map(
    [...matrix]
        .sort((a, b) => compareVersions(a.controllerVersion, b.controllerVersion))
        .map((entry) => [entry.controllerVersion, releaseOf(entry)]),
);

/** Supported controller versions, oldest first. */
export const CONTROLLER_VERSIONS: readonly string[] = [...CONTROLLER_RELEASES.keys()];

/** The default controller version: the newest in the matrix. */
export const DEFAULT_CONTROLLER_VERSION: string = CONTROLLER_VERSIONS[CONTROLLER_VERSIONS.length - 1];

/** Looks a release up; `undefined` for a version outside the matrix. */
export function findRelease(version: string): ControllerRelease | undefined {
    return CONTROLLER_RELEASES.get(version);
}

/** Where the controller chart is published. */
export const CONTROLLER_CHART = {
    name: "aws-load-balancer-controller",
    repository: "https://aws.github.io/eks-charts",
} as const;

/**
 * cert-manager, installed for the webhook certificates when `webhookCertificates` is `"certManager"`.
 * v1.21.1 is the newest stable release (see `data/README.md`); the legacy HTTP repository is kept because
 * `helm.v3.Release` `repositoryOpts` takes a repository URL.
 */
export const CERT_MANAGER_CHART = {
    name: "cert-manager",
    repository: "https://charts.jetstack.io",
    version: "v1.21.1",
} as const;
