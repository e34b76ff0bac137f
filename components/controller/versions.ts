/**
 * The closed version matrix: controller release → Helm chart version → image tag → IAM policy document.
 *
 * All of it is upstream data kept verbatim under `data/` (see `data/README.md`): `matrix.json` lists every
 * stable release from v2.7.0, `data/iam-policy/` holds each distinct upstream `iam_policy.json`, named by
 * the first release that shipped it, and `data/crds/` the chart's CRDs the same way (`index.json` maps each
 * release to its files). Supporting a new release means adding data, not code: `npm run upstream -- add`.
 */
import * as fs from "fs";
import * as path from "path";
import { DATA_DIR } from "../common/dataDir";
import crdIndex from "../data/crds/index.json";
import matrix from "../data/matrix.json";

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
    /**
     * File names (under `data/crds/`) of the chart's CRDs at this release: its `crds/crds.yaml`, then its
     * `crds/gateway-crds.yaml` when the chart has one (from v2.13.4). Parsed by `crdsOf` in `crds.ts`.
     */
    readonly crdFiles: readonly string[];
}

/**
 * Upstream policy documents by file name: every policy the matrix names, read from `data/iam-policy/` (not
 * imported one by one, so that `npm run upstream -- add` adds a release without a code change).
 */
export const POLICY_DOCUMENTS: Readonly<Record<string, PolicyDocument>> = Object.fromEntries(
    [...new Set(matrix.map((entry) => entry.policyFile))].sort().map((file) => {
        const text = fs.readFileSync(path.join(DATA_DIR, "iam-policy", file), "utf8");
        return [file, JSON.parse(text) as PolicyDocument];
    }),
);

/** `data/crds/index.json`: the CRD files (under `data/crds/`) of every release. */
const CRD_INDEX: ReadonlyMap<string, (typeof crdIndex)[number]> = new Map(
    crdIndex.map((e) => [e.controllerVersion, e]),
);

function crdFilesOf(entry: (typeof matrix)[number]): readonly string[] {
    const crds = CRD_INDEX.get(entry.controllerVersion);
    if (crds === undefined || crds.chartVersion !== entry.chartVersion) {
        throw new Error(
            `data/crds/index.json: no entry for ${entry.controllerVersion} with chart ${entry.chartVersion}`,
        );
    }
    const gateway = crds["gateway-crds.yaml"];
    return Object.freeze([crds["crds.yaml"], ...(gateway === null ? [] : [gateway])]);
}

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
        crdFiles: crdFilesOf(entry),
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

/**
 * What an unknown `version` is told (`shown` is the value as the error prints it): the supported releases, the
 * newest one, and how a newer upstream release gets into the matrix (never guessed: its IAM policy and CRDs are
 * imported from the upstream repositories).
 */
export function unknownVersionProblem(shown: string): string {
    return (
        `must be a controller release in the version matrix (${CONTROLLER_VERSIONS.join(", ")}), got ${shown}; ` +
        `the newest known release is ${DEFAULT_CONTROLLER_VERSION}. A newer release needs a newer eks-alb-ingress, ` +
        "or is added from checkouts of the upstream repositories with " +
        "`npm run upstream -- add <version> --controller <dir> --charts <dir>` (see CONTRIBUTING.md)"
    );
}

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
