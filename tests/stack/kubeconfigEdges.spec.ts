/**
 * An existing cluster's kubeconfig (stack/kubeconfig.ts): the whole document the Kubernetes provider gets, and the
 * exact refusals of `aws:` settings that `aws eks get-token` cannot reproduce.
 */
import * as assert from "assert";
import { awsCliIdentity, eksKubeconfig } from "../../stack/kubeconfig";

const ROLE = "arn:aws:iam::123456789012:role/deployer";
const CANNOT =
    "which `aws eks get-token` (the cluster's kubeconfig) cannot use, so the Kubernetes token would belong to another identity; put the credentials or role in a named profile of ~/.aws/config and set aws:profile instead";

/** The error message `awsCliIdentity` throws for raw `aws:` values (as the engine passes them: text). */
function refusal(config: Record<string, string>): string {
    try {
        awsCliIdentity((key) => config[key]);
    } catch (e) {
        return (e as Error).message;
    }
    return assert.fail("expected a refusal");
}

describe("stack kubeconfig: the document", () => {
    it("is a complete kubeconfig whose one context joins the cluster and the get-token user", () => {
        assert.deepStrictEqual(JSON.parse(eksKubeconfig("c", "https://x", "Q0E=", "eu-west-1", { profile: "ops" })), {
            apiVersion: "v1",
            kind: "Config",
            clusters: [{ name: "c", cluster: { server: "https://x", "certificate-authority-data": "Q0E=" } }],
            contexts: [{ name: "c", context: { cluster: "c", user: "c" } }],
            "current-context": "c",
            users: [
                {
                    name: "c",
                    user: {
                        exec: {
                            apiVersion: "client.authentication.k8s.io/v1beta1",
                            command: "aws",
                            args: [
                                "eks",
                                "get-token",
                                "--cluster-name",
                                "c",
                                "--region",
                                "eu-west-1",
                                "--output",
                                "json",
                                "--profile",
                                "ops",
                            ],
                        },
                    },
                },
            ],
        });
    });
});

describe("stack kubeconfig: aws: settings the CLI cannot reproduce, word for word", () => {
    for (const key of ["accessKey", "secretKey", "token"]) {
        it(`refuses static credentials given as aws:${key}`, () => {
            assert.strictEqual(
                refusal({ [key]: "x" }),
                `config aws:${key} gives the AWS provider static credentials, ${CANNOT}`,
            );
        });
    }

    it("refuses assumeRoles that is not a list of role objects", () => {
        assert.strictEqual(
            refusal({ assumeRoles: "nope" }),
            'config aws:assumeRoles must be a list of roles, got "nope"',
        );
        assert.strictEqual(
            refusal({ assumeRoles: JSON.stringify({ roleArn: ROLE }) }),
            `config aws:assumeRoles must be a list of roles, got {"roleArn":"${ROLE}"}`,
        );
        assert.strictEqual(
            refusal({ assumeRoles: JSON.stringify([ROLE]) }),
            `config aws:assumeRoles must be a list of roles, got ["${ROLE}"]`,
        );
    });

    it("names every role setting the CLI lacks", () => {
        assert.strictEqual(
            refusal({ assumeRoles: JSON.stringify([{ roleArn: ROLE, policy: "{}", tags: { team: "a" } }]) }),
            `config aws:assumeRoles[0] sets policy, tags, ${CANNOT}`,
        );
    });

    it("refuses a role with an empty ARN", () => {
        assert.strictEqual(
            refusal({ assumeRoles: JSON.stringify([{ roleArn: "" }]) }),
            'config aws:assumeRoles[0].roleArn must be the ARN of a role, got ""',
        );
    });
});
