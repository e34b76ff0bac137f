/**
 * The controller's AWS identity: an IAM role with the controller policy attached, the ServiceAccount the
 * chart runs as, and what binds the two (the IRSA annotation, or an EKS Pod Identity association).
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ControllerIdentity, type ResolvedControllerArgs } from "./controllerArgs";
import { stableStringify } from "../common/json";
import { childName } from "../common/naming";
import { STS_AUDIENCE, type OidcProviderRef } from "./oidc";
import type { PolicyDocument } from "./versions";

/** The service principal EKS Pod Identity assumes roles as. */
export const POD_IDENTITY_PRINCIPAL = "pods.eks.amazonaws.com";

/** The annotation that binds a ServiceAccount to an IAM role under IRSA. */
export const ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";

/**
 * IRSA trust: only tokens of exactly `system:serviceaccount:<namespace>:<serviceAccount>` with audience
 * `sts.amazonaws.com`, issued by the cluster's OIDC provider, may assume the role.
 */
export function irsaTrustPolicy(
    providerArn: string,
    issuerHostPath: string,
    namespace: string,
    serviceAccount: string,
): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Federated: providerArn },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: {
                        [`${issuerHostPath}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
                        [`${issuerHostPath}:aud`]: STS_AUDIENCE,
                    },
                },
            } as PolicyDocument["Statement"][number],
        ],
    };
}

/** EKS Pod Identity trust, as AWS documents it. */
export function podIdentityTrustPolicy(): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: POD_IDENTITY_PRINCIPAL },
                Action: ["sts:AssumeRole", "sts:TagSession"],
            } as PolicyDocument["Statement"][number],
        ],
    };
}

/** What {@link createIdentity} made. */
export interface ControllerIdentityResources {
    readonly role: aws.iam.Role;
    readonly attachment: aws.iam.RolePolicyAttachment;
    readonly serviceAccount: k8s.core.v1.ServiceAccount;
    readonly podIdentityAssociation?: aws.eks.PodIdentityAssociation;
}

/** Creates the role, attaches `policy`, and creates the ServiceAccount bound to the role. */
export function createIdentity(
    name: string,
    a: ResolvedControllerArgs,
    oidc: OidcProviderRef | undefined,
    policy: aws.iam.Policy,
    opts: pulumi.CustomResourceOptions,
): ControllerIdentityResources {
    const irsa = a.identity === ControllerIdentity.Irsa;
    if (irsa && oidc === undefined) {
        throw new Error("IRSA needs an OIDC provider"); // resolveControllerArgs guarantees one
    }
    const trust = irsa
        ? pulumi
              .all([oidc!.arn, oidc!.issuerHostPath])
              .apply(([arn, issuer]) =>
                  stableStringify(irsaTrustPolicy(arn, issuer, a.namespace, a.serviceAccountName)),
              )
        : pulumi.output(stableStringify(podIdentityTrustPolicy()));
    const role = new aws.iam.Role(
        childName(name, "role"),
        {
            description: `AWS Load Balancer Controller (${a.identity}: ${a.namespace}/${a.serviceAccountName}), managed by eks-alb-ingress`,
            assumeRolePolicy: trust,
            permissionsBoundary: a.permissionsBoundary,
            tags: a.tags,
        },
        opts,
    );
    const attachment = new aws.iam.RolePolicyAttachment(
        childName(name, "policyAttachment"),
        { role: role.name, policyArn: policy.arn },
        opts,
    );
    const serviceAccount = new k8s.core.v1.ServiceAccount(
        childName(name, "serviceAccount"),
        {
            metadata: {
                name: a.serviceAccountName,
                namespace: a.namespace,
                labels: {
                    "app.kubernetes.io/name": "aws-load-balancer-controller",
                    "app.kubernetes.io/managed-by": "pulumi",
                },
                ...(irsa ? { annotations: { [ROLE_ARN_ANNOTATION]: role.arn } } : {}),
            },
        },
        opts,
    );
    const podIdentityAssociation = irsa
        ? undefined
        : new aws.eks.PodIdentityAssociation(
              childName(name, "podIdentityAssociation"),
              {
                  clusterName: a.clusterName,
                  namespace: a.namespace,
                  serviceAccount: a.serviceAccountName,
                  roleArn: role.arn,
                  tags: a.tags,
              },
              opts,
          );
    return { role, attachment, serviceAccount, podIdentityAssociation };
}
