import * as assert from "assert";
import { iamNoAdminWildcard, irsaTrustScoped } from "../../policy-pack/policies/iam";
import { runResourcePolicy } from "../harness/policies";

const ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const trust = (condition: Record<string, any> | undefined, action: unknown = "sts:AssumeRoleWithWebIdentity") => ({
    Version: "2012-10-17",
    Statement: [
        {
            Effect: "Allow",
            Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${ISSUER}` },
            Action: action,
            ...(condition ? { Condition: condition } : {}),
        },
    ],
});
const scoped = {
    StringEquals: {
        [`${ISSUER}:sub`]: "system:serviceaccount:kube-system:aws-load-balancer-controller",
        [`${ISSUER}:aud`]: "sts.amazonaws.com",
    },
};
const role = (assumeRolePolicy: unknown, extra: Record<string, unknown> = {}) => ({
    type: "aws:iam/role:Role",
    props: { assumeRolePolicy, ...extra },
});
const admin = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
const scopedPolicy = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: ["elasticloadbalancing:Describe*"], Resource: "*" }],
};

describe("IAM policies", () => {
    describe("irsa-trust-scoped", () => {
        it("reports a violation when the trust has no conditions", async () => {
            const { violations } = await runResourcePolicy(irsaTrustScoped, role(JSON.stringify(trust(undefined))));
            assert.strictEqual(violations.length, 2);
            assert.match(violations[0], /Statement\[0\] .*<issuer>:sub; pin it to system:serviceaccount/);
            assert.match(violations[1], /<issuer>:aud; pin it to sts\.amazonaws\.com/);
        });
        it("reports a violation when :sub is matched with StringLike and a wildcard", async () => {
            const doc = trust({
                StringLike: { [`${ISSUER}:sub`]: "system:serviceaccount:*" },
                StringEquals: { [`${ISSUER}:aud`]: "sts.amazonaws.com" },
            });
            const { violations } = await runResourcePolicy(irsaTrustScoped, role(doc));
            assert.match(violations.join("\n"), /tests :sub with StringLike; use StringEquals/);
        });
        it("reports a violation when :aud is not sts.amazonaws.com", async () => {
            const doc = trust({ StringEquals: { ...scoped.StringEquals, [`${ISSUER}:aud`]: "other" } });
            assert.match(
                (await runResourcePolicy(irsaTrustScoped, role(doc))).violations[0],
                /must be sts\.amazonaws\.com/,
            );
        });
        it("reports a violation when a wildcard action allows web identity", async () => {
            assert.strictEqual(
                (await runResourcePolicy(irsaTrustScoped, role(trust(undefined, "sts:*")))).violations.length,
                2,
            );
        });
        it("passes when :sub and :aud are pinned with StringEquals (JSON string)", async () => {
            assert.deepStrictEqual(
                (await runResourcePolicy(irsaTrustScoped, role(JSON.stringify(trust(scoped))))).violations,
                [],
            );
        });
        it("accepts Action as a list, a single Statement object and :sub as a list of exact service accounts", async () => {
            const statement = trust({
                StringEquals: {
                    [`${ISSUER}:sub`]: ["system:serviceaccount:a:web", "system:serviceaccount:b:web"],
                    [`${ISSUER}:aud`]: ["sts.amazonaws.com"],
                },
            }).Statement[0];
            const doc = {
                Version: "2012-10-17",
                Statement: { ...statement, Action: ["sts:AssumeRoleWithWebIdentity"] },
            };
            assert.deepStrictEqual((await runResourcePolicy(irsaTrustScoped, role(doc))).violations, []);
        });
        it("passes when the trust is for a service principal (object)", async () => {
            const doc = {
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: "pods.eks.amazonaws.com" },
                        Action: ["sts:AssumeRole", "sts:TagSession"],
                    },
                ],
            };
            assert.deepStrictEqual((await runResourcePolicy(irsaTrustScoped, role(doc))).violations, []);
        });
        it("passes when the trust is unknown during preview", async () => {
            const r = await runResourcePolicy(irsaTrustScoped, role(undefined));
            assert.deepStrictEqual([r.violations, r.applicable], [[], false]);
        });
    });

    describe("iam-no-admin-wildcard", () => {
        it("reports a violation when a managed policy allows * on *", async () => {
            const { violations } = await runResourcePolicy(iamNoAdminWildcard, {
                type: "aws:iam/policy:Policy",
                props: { policy: JSON.stringify(admin) },
            });
            assert.match(violations[0], /policy Statement\[0\] allows Action "\*" on Resource "\*"/);
        });
        it("reports a violation when an inline RolePolicy allows * on * (object document)", async () => {
            const f = { type: "aws:iam/rolePolicy:RolePolicy", props: { role: "r", policy: admin } };
            assert.strictEqual((await runResourcePolicy(iamNoAdminWildcard, f)).violations.length, 1);
        });
        it("reports a violation when a role has an admin inline policy or AdministratorAccess", async () => {
            const f = role(trust(scoped), {
                inlinePolicies: [{ name: "all", policy: JSON.stringify(admin) }],
                managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
            });
            assert.strictEqual((await runResourcePolicy(iamNoAdminWildcard, f)).violations.length, 2);
        });
        it("passes when the policy is scoped", async () => {
            const f = { type: "aws:iam/policy:Policy", props: { policy: JSON.stringify(scopedPolicy) } };
            assert.deepStrictEqual((await runResourcePolicy(iamNoAdminWildcard, f)).violations, []);
        });
        it("passes when the policy document is unknown or malformed", async () => {
            for (const policy of [undefined, "{not json", 42]) {
                const f = { type: "aws:iam/policy:Policy", props: { policy } };
                assert.deepStrictEqual((await runResourcePolicy(iamNoAdminWildcard, f)).violations, []);
            }
        });
    });
});
