/**
 * The kubeconfig of an existing cluster: authenticated by `aws eks get-token` as the same AWS identity the AWS
 * provider uses. The provider takes its identity from `aws:profile` and `aws:assumeRoles`; the CLI sees neither
 * unless they are passed on its command line (`--profile`, `--role-arn`), so without them the token could belong
 * to whatever the ambient credentials are. @pulumi/eks does the same for the clusters it creates
 * (pulumi/pulumi-eks `nodejs/eks/cluster/cluster.ts` `generateKubeconfig`: `--profile` rather than `AWS_PROFILE`
 * "because the latter can be overridden by ambient credentials", and the role as an exec argument).
 */
import { isPlainObject } from "../components/common/json";
import { show } from "../components/common/validation";
import { ConfigError } from "./config";

/** What `aws eks get-token` must be told to act as the AWS provider's identity. */
export interface AwsCliIdentity {
    /**
     * `aws:profile`: the named profile of the shared config files.
     * @default - the CLI's default credential chain
     */
    readonly profile?: string;
    /**
     * The role of `aws:assumeRoles` (one role, assumed with the profile's or the ambient credentials).
     * @default - no role
     */
    readonly roleArn?: string;
}

/** Settings of a role in `aws:assumeRoles` that `aws eks get-token --role-arn` cannot reproduce. */
const ROLE_SETTINGS_CLI_LACKS = ["externalId", "policy", "policyArns", "sourceIdentity", "tags", "transitiveTagKeys"];

/**
 * Reads the AWS provider's identity from its config (`get` takes a key of the `aws` namespace and returns its raw
 * value). Identity settings the CLI cannot reproduce are a {@link ConfigError} in the `aws` namespace, naming what
 * to do instead: a named profile (`role_arn`, `source_profile`, `external_id`, …) serves both the provider and the CLI.
 */
export function awsCliIdentity(get: (key: string) => string | undefined): AwsCliIdentity {
    const unsupported = (key: string, why: string) =>
        new ConfigError(
            key,
            `${why}, which \`aws eks get-token\` (the cluster's kubeconfig) cannot use, so the Kubernetes token would belong to another identity; put the credentials or role in a named profile of ~/.aws/config and set aws:profile instead`,
            "aws",
        );
    for (const key of ["accessKey", "secretKey", "token"]) {
        if (get(key) !== undefined) throw unsupported(key, "gives the AWS provider static credentials");
    }
    if (get("assumeRoleWithWebIdentity") !== undefined)
        throw unsupported("assumeRoleWithWebIdentity", "makes the AWS provider assume a role with a web identity");
    const profile = get("profile") || undefined;
    const rolesText = get("assumeRoles");
    if (rolesText === undefined) return { profile };
    let roles: unknown;
    try {
        roles = JSON.parse(rolesText);
    } catch {
        throw new ConfigError("assumeRoles", `must be a list of roles, got ${show(rolesText)}`, "aws");
    }
    if (!Array.isArray(roles) || !roles.every(isPlainObject))
        throw new ConfigError("assumeRoles", `must be a list of roles, got ${show(roles)}`, "aws");
    if (roles.length === 0) return { profile };
    if (roles.length > 1) throw unsupported("assumeRoles", `chains ${roles.length} roles`);
    const role = roles[0];
    const lacking = ROLE_SETTINGS_CLI_LACKS.filter((k) => role[k] !== undefined);
    if (lacking.length > 0) throw unsupported("assumeRoles[0]", `sets ${lacking.join(", ")}`);
    if (typeof role.roleArn !== "string" || role.roleArn === "")
        throw new ConfigError("assumeRoles[0].roleArn", `must be the ARN of a role, got ${show(role.roleArn)}`, "aws");
    return { profile, roleArn: role.roleArn };
}

/** The arguments of `aws eks get-token` for a cluster, acting as `identity`. */
export function getTokenArgs(clusterName: string, region: string, identity: AwsCliIdentity = {}): string[] {
    return [
        "eks",
        "get-token",
        "--cluster-name",
        clusterName,
        "--region",
        region,
        // The exec plugin needs JSON; a profile's `output = text` would break it (pulumi-eks passes it too).
        "--output",
        "json",
        ...(identity.profile ? ["--profile", identity.profile] : []),
        // aws/aws-cli `awscli/customizations/eks/get_token.py`: `--role-arn` assumes the role before signing.
        ...(identity.roleArn ? ["--role-arn", identity.roleArn] : []),
    ];
}

/** A kubeconfig for an EKS cluster that gets its token from `aws eks get-token` (the AWS CLI). */
export function eksKubeconfig(
    name: string,
    endpoint: string,
    caData: string,
    region: string,
    identity: AwsCliIdentity = {},
): string {
    return JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name, cluster: { server: endpoint, "certificate-authority-data": caData } }],
        contexts: [{ name, context: { cluster: name, user: name } }],
        "current-context": name,
        users: [
            {
                name,
                user: {
                    exec: {
                        apiVersion: "client.authentication.k8s.io/v1beta1",
                        command: "aws",
                        args: getTokenArgs(name, region, identity),
                    },
                },
            },
        ],
    });
}
