/**
 * irsa-trust-scoped, branch by branch: which trust statements it judges (IAM matches actions case-insensitively and
 * with `*`/`?` wildcards) and each way a :sub or :aud condition can be too loose. iam.spec.ts has the main cases.
 */
import * as assert from "assert";
import { irsaTrustScoped } from "../../policy-pack/policies/iam";
import { runResourcePolicy } from "../harness/policies";

const ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const SUB = `${ISSUER}:sub`;
const AUD = `${ISSUER}:aud`;
const CONTROLLER = "system:serviceaccount:kube-system:aws-load-balancer-controller";

function statement(o: { effect?: string; action?: unknown; condition?: Record<string, unknown> }) {
    return {
        Effect: o.effect ?? "Allow",
        Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${ISSUER}` },
        Action: o.action ?? "sts:AssumeRoleWithWebIdentity",
        ...(o.condition ? { Condition: o.condition } : {}),
    };
}

async function violations(...statements: unknown[]): Promise<string[]> {
    const doc = { Version: "2012-10-17", Statement: statements };
    return (await runResourcePolicy(irsaTrustScoped, { type: "aws:iam/role:Role", props: { assumeRolePolicy: doc } }))
        .violations;
}

describe("irsa-trust-scoped, branch by branch", () => {
    it("reports a * or ? in an exact :sub value (it names no single ServiceAccount)", async () => {
        for (const sub of ["system:serviceaccount:kube-system:*", "system:serviceaccount:kube-system:aws-lb-?"]) {
            const v = await violations(
                statement({ condition: { StringEquals: { [SUB]: sub, [AUD]: "sts.amazonaws.com" } } }),
            );
            assert.strictEqual(v.length, 1, v.join("\n"));
            assert.match(v[0], new RegExp(`condition ${SUB.replace(/[./]/g, "\\$&")} contains a wildcard`));
        }
    });

    it("reports an :aud list that admits any audience besides sts.amazonaws.com", async () => {
        const v = await violations(
            statement({ condition: { StringEquals: { [SUB]: CONTROLLER, [AUD]: ["sts.amazonaws.com", "other"] } } }),
        );
        assert.strictEqual(v.length, 1, v.join("\n"));
        assert.match(v[0], /must be sts\.amazonaws\.com, got sts\.amazonaws\.com, other/);
    });

    it("reports a :sub condition with no value as no condition", async () => {
        const v = await violations(
            statement({ condition: { StringEquals: { [SUB]: [], [AUD]: "sts.amazonaws.com" } } }),
        );
        assert.strictEqual(v.length, 1, v.join("\n"));
        assert.match(v[0], /without a StringEquals condition on <issuer>:sub/);
    });

    it("reports StringLike on :sub also when the same operator tests other keys", async () => {
        const v = await violations(
            statement({
                condition: {
                    StringEquals: { [SUB]: CONTROLLER, [AUD]: "sts.amazonaws.com" },
                    StringLike: { [`${ISSUER}:amr`]: "x", [SUB]: "system:serviceaccount:*" },
                },
            }),
        );
        assert.strictEqual(v.length, 1, v.join("\n"));
        assert.match(v[0], /tests :sub with StringLike/);
    });

    it("judges web-identity actions however IAM would match them: any case, * and ? wildcards", async () => {
        for (const action of [
            "sts:assumerolewithwebidentity",
            "STS:AssumeRoleWith*",
            "sts:AssumeRoleWithWebIdentit?",
            ["sts:TagSession", "sts:*"],
        ]) {
            assert.strictEqual((await violations(statement({ action }))).length, 2, JSON.stringify(action));
        }
    });

    it("does not judge statements that cannot admit a web identity: Deny, or other actions", async () => {
        assert.deepStrictEqual(await violations(statement({ effect: "Deny" })), []);
        for (const action of [
            "sts:AssumeRole",
            "sts:AssumeRoleWithSAML",
            "sts:AssumeRoleWith",
            "sts.AssumeRoleWith*",
        ]) {
            assert.deepStrictEqual(await violations(statement({ action })), [], action);
        }
    });
});
