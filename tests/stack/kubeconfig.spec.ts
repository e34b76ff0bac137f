import * as assert from "assert";
import { ConfigError } from "../../stack/config";
import { awsCliIdentity, eksKubeconfig, getTokenArgs } from "../../stack/kubeconfig";

const ROLE = "arn:aws:iam::123456789012:role/deployer";

/** `awsCliIdentity` over a map of `aws:` keys (objects as the engine passes them: JSON). */
function identityOf(config: Record<string, unknown>) {
    return awsCliIdentity((key) => {
        const v = config[key];
        return v === undefined ? undefined : typeof v === "string" ? v : JSON.stringify(v);
    });
}

describe("stack kubeconfig", () => {
    it("authenticates with aws eks get-token in JSON, for the cluster and region", () => {
        const k = JSON.parse(eksKubeconfig("c", "https://x", "Q0E=", "eu-west-1"));
        assert.deepStrictEqual(
            [k.clusters[0].cluster.server, k.users[0].user.exec.command, k.users[0].user.exec.args],
            [
                "https://x",
                "aws",
                ["eks", "get-token", "--cluster-name", "c", "--region", "eu-west-1", "--output", "json"],
            ],
        );
    });

    it("acts as the AWS provider's profile and role", () => {
        const identity = identityOf({ profile: "ops", assumeRoles: [{ roleArn: ROLE, sessionName: "pulumi" }] });
        assert.deepStrictEqual(identity, { profile: "ops", roleArn: ROLE });
        assert.deepStrictEqual(getTokenArgs("c", "r", identity).slice(-4), ["--profile", "ops", "--role-arn", ROLE]);
    });

    it("uses the ambient credentials when the AWS provider does", () => {
        assert.deepStrictEqual(identityOf({ region: "us-west-2" }), { profile: undefined });
        assert.deepStrictEqual(identityOf({ assumeRoles: [] }), { profile: undefined });
    });

    const refused: [string, Record<string, unknown>, string, RegExp][] = [
        ["static credentials", { accessKey: "AKIA", secretKey: "s" }, "accessKey", /static credentials/],
        [
            "a web identity",
            { assumeRoleWithWebIdentity: { roleArn: ROLE } },
            "assumeRoleWithWebIdentity",
            /web identity/,
        ],
        ["a chain of roles", { assumeRoles: [{ roleArn: ROLE }, { roleArn: ROLE }] }, "assumeRoles", /chains 2 roles/],
        ["an external id", { assumeRoles: [{ roleArn: ROLE, externalId: "x" }] }, "assumeRoles[0]", /sets externalId/],
        ["a role without an ARN", { assumeRoles: [{ sessionName: "x" }] }, "assumeRoles[0].roleArn", /must be the ARN/],
    ];
    for (const [what, config, key, message] of refused) {
        it(`refuses ${what}, which the CLI cannot reproduce, naming the aws: key`, () => {
            assert.throws(
                () => identityOf(config),
                (e: unknown) =>
                    e instanceof ConfigError &&
                    e.namespace === "aws" &&
                    e.key === key &&
                    message.test(e.message) &&
                    e.message.startsWith(`config aws:${key} `),
            );
        });
    }
});
