/**
 * The cluster's IAM OIDC provider for IRSA: reused when its ARN is known, created from the issuer URL
 * otherwise. Either way the result carries the issuer host/path that trust-policy condition keys start with.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ResolvedControllerArgs } from "./controllerArgs";
import { childName } from "../common/naming";

/** The audience EKS projects into service-account tokens for AWS STS. */
export const STS_AUDIENCE = "sts.amazonaws.com";

/** An IAM OIDC provider as IRSA needs it. */
export interface OidcProviderRef {
    /** ARN of the IAM OIDC provider (the trust policy's federated principal). */
    readonly arn: pulumi.Output<string>;
    /** Issuer host and path without scheme (`oidc.eks.<region>.amazonaws.com/id/<id>`): the condition key prefix. */
    readonly issuerHostPath: pulumi.Output<string>;
    /** The provider, when this component created it. */
    readonly resource?: aws.iam.OpenIdConnectProvider;
}

/** The issuer host/path of an IAM OIDC provider ARN: everything after `oidc-provider/`. */
export function issuerFromProviderArn(arn: string): string {
    const marker = ":oidc-provider/";
    const at = arn.indexOf(marker);
    if (at < 0 || at + marker.length === arn.length) {
        throw new Error(
            `\`oidcProviderArn\` must be an IAM OIDC provider ARN (arn:<partition>:iam::<account>:oidc-provider/<issuer>), got ${JSON.stringify(arn)}`,
        );
    }
    return arn.slice(at + marker.length);
}

/** The issuer host/path of an issuer URL: without `https://` and trailing slashes. */
export function issuerFromUrl(url: string): string {
    return url.replace(/^https:\/\//, "").replace(/\/+$/, "");
}

/** Resolves (or creates) the OIDC provider; `undefined` when the identity is not IRSA. */
export function resolveOidcProvider(
    name: string,
    a: ResolvedControllerArgs,
    opts: pulumi.CustomResourceOptions,
): OidcProviderRef | undefined {
    const oidc = a.oidc;
    switch (oidc.kind) {
        case "none":
            return undefined;
        case "arn":
        case "cluster":
            return { arn: oidc.arn, issuerHostPath: oidc.arn.apply(issuerFromProviderArn) };
        case "issuerUrl": {
            const provider = new aws.iam.OpenIdConnectProvider(
                childName(name, "oidcProvider"),
                { url: oidc.url, clientIdLists: [STS_AUDIENCE], tags: a.tags },
                // Shared by every IRSA workload of the cluster: kept on destroy unless the caller asks.
                { ...opts, retainOnDelete: !oidc.deleteOnDestroy },
            );
            return { arn: provider.arn, issuerHostPath: oidc.url.apply(issuerFromUrl), resource: provider };
        }
    }
}
