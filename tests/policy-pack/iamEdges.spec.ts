/**
 * The IAM policies at their edges (policy-pack/policies/iam.ts): a single Statement object, Action patterns, a
 * wildcard among several :sub values, and the exact messages naming inline and managed policies. Cases found by
 * the mutation run of issue 11.
 */
import * as assert from "assert";
import { iamNoAdminWildcard, irsaTrustScoped } from "../../policy-pack/policies/iam";
import { runResourcePolicy } from "../harness/policies";

const ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const SUB = "system:serviceaccount:kube-system:aws-load-balancer-controller";
const statement = (extra: Record<string, unknown> = {}) => ({
    Effect: "Allow",
    Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${ISSUER}` },
    Action: "sts:AssumeRoleWithWebIdentity",
    ...extra,
});
const role = (props: Record<string, unknown>) => ({ type: "aws:iam/role:Role", name: "lbc", props });
const trustRole = (Statement: unknown) =>
    role({ assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement }) });
const NO_SUB = `assumeRolePolicy Statement[0] allows sts:AssumeRoleWithWebIdentity without a StringEquals condition on <issuer>:sub; pin it to system:serviceaccount:<namespace>:<serviceaccount>.`;
const NO_AUD = `assumeRolePolicy Statement[0] allows sts:AssumeRoleWithWebIdentity without a StringEquals condition on <issuer>:aud; pin it to sts.amazonaws.com.`;
const ADMIN_DOC = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
});

describe("IAM policies at their edges (issue 11 mutation run)", () => {
    describe("irsa-trust-scoped", () => {
        it("reads a Statement given as one object (IAM accepts it without a list)", async () => {
            const r = await runResourcePolicy(irsaTrustScoped, trustRole(statement()));
            assert.deepStrictEqual(r.violations, [NO_SUB, NO_AUD]);
        });
        it("matches Action patterns with only * and ? as wildcards, other characters literally", async () => {
            const literal = await runResourcePolicy(
                irsaTrustScoped,
                trustRole([statement({ Action: "sts:AssumeRole(WithWebIdentity)" })]),
            );
            assert.deepStrictEqual(literal.violations, []);
            const wildcard = await runResourcePolicy(
                irsaTrustScoped,
                trustRole([statement({ Action: "sts:Assume*" })]),
            );
            assert.deepStrictEqual(wildcard.violations, [NO_SUB, NO_AUD]);
        });
        it("skips Action items that are not text instead of failing on them", async () => {
            const r = await runResourcePolicy(
                irsaTrustScoped,
                trustRole([statement({ Action: [7, "sts:AssumeRoleWithWebIdentity"] })]),
            );
            assert.deepStrictEqual(r.violations, [NO_SUB, NO_AUD]);
        });
        it("reports a wildcard among several :sub values", async () => {
            const Condition = {
                StringEquals: {
                    [`${ISSUER}:sub`]: [SUB, "system:serviceaccount:kube-system:*"],
                    [`${ISSUER}:aud`]: "sts.amazonaws.com",
                },
            };
            const r = await runResourcePolicy(irsaTrustScoped, trustRole([statement({ Condition })]));
            assert.deepStrictEqual(r.violations, [
                `assumeRolePolicy Statement[0] condition ${ISSUER}:sub contains a wildcard; name exactly one value.`,
            ]);
        });
    });

    describe("iam-no-admin-wildcard", () => {
        it("names each inline policy by its name, or as unnamed", async () => {
            const r = await runResourcePolicy(
                iamNoAdminWildcard,
                role({ inlinePolicies: [{ name: "admin", policy: ADMIN_DOC }, { policy: ADMIN_DOC }] }),
            );
            const tail = `Statement[0] allows Action "*" on Resource "*" (administrator access); list the actions and resources the workload needs.`;
            assert.deepStrictEqual(r.violations, [
                `inlinePolicies[0] (admin) ${tail}`,
                `inlinePolicies[1] (unnamed) ${tail}`,
            ]);
        });
        it("reports AdministratorAccess among the managed policies, and only it", async () => {
            const r = await runResourcePolicy(
                iamNoAdminWildcard,
                role({
                    managedPolicyArns: [
                        "arn:aws:iam::aws:policy/ReadOnlyAccess",
                        "arn:aws:iam::aws:policy/AdministratorAccess",
                    ],
                }),
            );
            assert.deepStrictEqual(r.violations, [
                "managedPolicyArns attaches arn:aws:iam::aws:policy/AdministratorAccess; attach a policy scoped to what the role needs.",
            ]);
        });
    });
});
