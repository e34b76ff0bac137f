/** Shared inputs for specs: a plausible cluster, and paths to the project's upstream reference data. */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import type { AlbIngressControllerArgs } from "../../components/index";

export const ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
export const ISSUER_URL = `https://${ISSUER}`;
export const OIDC_ARN = `arn:aws:iam::123456789012:oidc-provider/${ISSUER}`;
export const VPC_ID = "vpc-0123456789abcdef0";
/** An ACM certificate ARN of the right shape (the account of the AWS documentation's examples). */
export const CERT_ARN = "arn:aws:acm:us-west-2:123456789012:certificate/0f0e0d0c-1111-2222-3333-444455556666";
/** The CRDs the cert-manager chart renders (cert-manager `deploy/charts/cert-manager/templates/crd-*.yaml`), by name. */
export const CERT_MANAGER_CRD_NAMES = [
    "certificaterequests.cert-manager.io",
    "certificates.cert-manager.io",
    "challenges.acme.cert-manager.io",
    "clusterissuers.cert-manager.io",
    "issuers.cert-manager.io",
    "orders.acme.cert-manager.io",
];

/** Arguments for a controller on an existing cluster whose OIDC provider is created. */
export function controllerArgs(overrides: Partial<AlbIngressControllerArgs> = {}): AlbIngressControllerArgs {
    return { clusterName: "demo", vpcId: VPC_ID, oidcIssuerUrl: ISSUER_URL, ...overrides };
}

/**
 * The upstream reference folder beside the project (`../shared/reference`). A mutation run's sandbox is a copy of the
 * project in `.stryker-tmp/`, so stryker.config.mjs passes the real folder in `EKS_ALB_REFERENCE_DIR`.
 */
export const REFERENCE =
    process.env.EKS_ALB_REFERENCE_DIR ?? path.resolve(__dirname, "..", "..", "..", "shared", "reference");

/** Reads a JSON file of the reference folder. */
export function referenceJson<T = any>(...parts: string[]): T {
    return JSON.parse(fs.readFileSync(path.join(REFERENCE, ...parts), "utf8")) as T;
}

/** Reads a YAML file of the reference folder. */
export function referenceYaml<T = any>(...parts: string[]): T {
    return parse(fs.readFileSync(path.join(REFERENCE, ...parts), "utf8")) as T;
}
