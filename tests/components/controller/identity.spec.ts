import * as assert from "assert";
import { runUnsafeSimulation } from "@cloud-copilot/iam-simulate";
import { createValidatedPolicy, validateTrustPolicy } from "@cloud-copilot/iam-policy";
import { AlbIngressController } from "../../../components/index";
import { irsaTrustPolicy, podIdentityTrustPolicy } from "../../../components/controller/identity";
import { issuerFromProviderArn, issuerFromUrl } from "../../../components/controller/oidc";
import { controllerArgs, ISSUER, OIDC_ARN } from "../../harness/fixtures";
import { one } from "../../harness/graph";
import { settle } from "../../harness/mocks";

const ROLE_ARN = "arn:aws:iam::123456789012:role/lbc";

/** Asks an independent IAM policy simulator whether `trust` lets `principal` assume the role. */
function simulate(trust: unknown, action: string, principal: string, context: Record<string, string>): string {
    const policy = createValidatedPolicy(trust, validateTrustPolicy, { name: "trust" });
    assert.deepStrictEqual(policy.errors, [], "the trust policy must be valid IAM");
    return runUnsafeSimulation(
        {
            request: {
                principal,
                action,
                resource: { resource: ROLE_ARN, accountId: "123456789012" },
                contextVariables: context,
            },
            identityPolicies: [],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            resourcePolicy: policy,
        },
        {},
    ) as string;
}

describe("identity", () => {
    describe("the IRSA trust policy the component attaches, checked by an IAM simulator", () => {
        let trust: unknown;
        before(async () => {
            new AlbIngressController(
                "sim",
                controllerArgs({ oidcIssuerUrl: undefined, oidcProviderArn: OIDC_ARN, namespace: "kube-system" }),
            );
            await settle();
            trust = JSON.parse(one("aws:iam/role:Role").inputs.assumeRolePolicy);
        });
        const token = (sub: string, aud: string) => ({ [`${ISSUER}:sub`]: sub, [`${ISSUER}:aud`]: aud });
        const CONTROLLER = "system:serviceaccount:kube-system:aws-load-balancer-controller";

        it("admits the controller's ServiceAccount with audience sts.amazonaws.com", () => {
            assert.strictEqual(
                simulate(trust, "sts:AssumeRoleWithWebIdentity", OIDC_ARN, token(CONTROLLER, "sts.amazonaws.com")),
                "Allowed",
            );
        });

        for (const [what, sub, aud] of [
            [
                "another ServiceAccount in the namespace",
                "system:serviceaccount:kube-system:default",
                "sts.amazonaws.com",
            ],
            [
                "the same name in another namespace",
                "system:serviceaccount:default:aws-load-balancer-controller",
                "sts.amazonaws.com",
            ],
            // A token's subject is data, never a pattern: this holds under StringEquals and StringLike alike. Which
            // operator the trust uses is pinned below (condition keys) and by the pack's irsa-trust-scoped over the
            // component's output (tests/policy-pack/pack.spec.ts); see TESTING.md, equivalent mutants.
            ["a subject that is literally `...:*`", "system:serviceaccount:kube-system:*", "sts.amazonaws.com"],
            ["another audience", CONTROLLER, "kubernetes.default.svc"],
        ]) {
            it(`rejects ${what}`, () => {
                assert.notStrictEqual(
                    simulate(trust, "sts:AssumeRoleWithWebIdentity", OIDC_ARN, token(sub, aud)),
                    "Allowed",
                );
            });
        }

        it("rejects a token from another cluster's OIDC provider", () => {
            const other = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/OTHER";
            assert.notStrictEqual(
                simulate(trust, "sts:AssumeRoleWithWebIdentity", other, token(CONTROLLER, "sts.amazonaws.com")),
                "Allowed",
            );
        });

        it("does not allow plain sts:AssumeRole", () => {
            assert.notStrictEqual(
                simulate(trust, "sts:AssumeRole", "arn:aws:iam::123456789012:role/other", {}),
                "Allowed",
            );
        });
    });

    it("builds the Pod Identity trust as AWS documents it, valid for IAM", () => {
        const policy = createValidatedPolicy(podIdentityTrustPolicy(), validateTrustPolicy, { name: "trust" });
        assert.deepStrictEqual(policy.errors, []);
        assert.deepStrictEqual(podIdentityTrustPolicy().Statement[0].Action, ["sts:AssumeRole", "sts:TagSession"]);
    });

    it("keys the trust on the issuer also when the issuer URL is given with trailing slashes", async () => {
        new AlbIngressController("slash", controllerArgs({ oidcIssuerUrl: `https://${ISSUER}//` }));
        await settle();
        const trust = JSON.parse(one("aws:iam/role:Role").inputs.assumeRolePolicy);
        assert.deepStrictEqual(Object.keys(trust.Statement[0].Condition.StringEquals).sort(), [
            `${ISSUER}:aud`,
            `${ISSUER}:sub`,
        ]);
    });

    it("refuses an OIDC provider ARN that names no issuer", () => {
        for (const arn of ["arn:aws:iam::123456789012:oidc-provider/", "oidc-provider/x"]) {
            assert.throws(
                () => issuerFromProviderArn(arn),
                /^Error: `oidcProviderArn` must be an IAM OIDC provider ARN/,
            );
        }
    });

    it("puts the issuer host/path, never the URL, in the condition keys", () => {
        const doc = irsaTrustPolicy(OIDC_ARN, issuerFromUrl(`https://${ISSUER}/`), "ns", "sa");
        assert.deepStrictEqual(Object.keys(doc.Statement[0].Condition!.StringEquals).sort(), [
            `${ISSUER}:aud`,
            `${ISSUER}:sub`,
        ]);
        assert.strictEqual(issuerFromProviderArn(OIDC_ARN), ISSUER);
        assert.strictEqual(
            issuerFromProviderArn(
                `arn:aws-cn:iam::123456789012:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/X`,
            ),
            "oidc.eks.cn-north-1.amazonaws.com.cn/id/X",
        );
        assert.throws(
            () => issuerFromProviderArn("arn:aws:iam::123456789012:role/x"),
            /`oidcProviderArn` must be an IAM OIDC provider ARN/,
        );
    });
});
