import * as assert from "assert";
import { validateIdentityPolicy } from "@cloud-copilot/iam-policy";
import { AlbIngressController } from "../../../components/index";
import {
    MANAGED_POLICY_MAX_CHARS,
    policySize,
    renderControllerPolicy,
    statementDocument,
} from "../../../components/controller/iamPolicy";
import { PARTITION_NAMES } from "../../../components/controller/partitions";
import { CONTROLLER_RELEASES, findRelease, type PolicyDocument } from "../../../components/controller/versions";
import { controllerArgs, referenceJson } from "../../harness/fixtures";
import { one } from "../../harness/graph";
import { cloud, settle } from "../../harness/mocks";
import { PARTITION_POLICY_FILES } from "../../../tools/upstream/checkouts";

/** A policy as a sorted multiset of statements with sorted actions and resources: equal means same meaning. */
function normalize(doc: PolicyDocument): string[] {
    const list = (v: unknown) => (v === undefined ? undefined : ([] as unknown[]).concat(v).map(String).sort());
    return doc.Statement.map((s) =>
        JSON.stringify(
            { ...s, Action: list(s.Action), Resource: list(s.Resource) },
            Object.keys({ ...s, Action: 1, Resource: 1 }).sort(),
        ),
    ).sort();
}

/** Upstream's own file for each partition but the commercial one (all share iam_policy-v2.13.0.json at the newest release). */
const PARTITION_FILES = Object.fromEntries(Object.entries(PARTITION_POLICY_FILES).filter(([p]) => p !== "aws"));

describe("iamPolicy", () => {
    for (const release of CONTROLLER_RELEASES.values()) {
        it(`attaches exactly the upstream policy of ${release.controllerVersion} in the aws partition`, async () => {
            new AlbIngressController(
                `p-${release.controllerVersion}`,
                controllerArgs({ version: release.controllerVersion }),
            );
            await settle();
            const attached = JSON.parse(one("aws:iam/policy:Policy").inputs.policy) as PolicyDocument;
            assert.deepStrictEqual(normalize(attached), normalize(referenceJson("matrix", release.policyFile)));
            assert.deepStrictEqual(validateIdentityPolicy(attached), []);
        });
    }

    for (const [partition, file] of Object.entries(PARTITION_FILES)) {
        it(`renders upstream's ${file} for the ${partition} partition of the provider`, async () => {
            cloud.partition = partition;
            new AlbIngressController(`p-${partition}`, controllerArgs());
            await settle();
            const text: string = one("aws:iam/policy:Policy").inputs.policy;
            assert.ok(!text.includes("arn:aws:"), "no commercial ARN may remain");
            assert.deepStrictEqual(normalize(JSON.parse(text)), normalize(referenceJson("matrix", "partition", file)));
        });
    }

    it("knows every partition it has upstream data for", () => {
        assert.deepStrictEqual([...PARTITION_NAMES].sort(), ["aws", ...Object.keys(PARTITION_FILES)].sort());
        assert.throws(
            () => renderControllerPolicy(findRelease("v3.5.0")!, "aws-mars"),
            /partition is "aws-mars"; supported: aws, aws-cn/,
        );
    });

    it("keeps every release's policy within IAM's managed-policy size limit in the longest partition", () => {
        for (const release of CONTROLLER_RELEASES.values()) {
            assert.ok(
                policySize(renderControllerPolicy(release, "aws-us-gov")) <= MANAGED_POLICY_MAX_CHARS,
                release.controllerVersion,
            );
        }
    });

    it("appends extra statements after the upstream ones", async () => {
        new AlbIngressController(
            "extra",
            controllerArgs({
                additionalPolicyStatements: [
                    { actions: ["wafv2:ListWebACLs"] },
                    {
                        sid: "TagLookup",
                        effect: "Allow",
                        actions: ["tag:GetResources"],
                        resources: ["*"],
                        conditions: [{ test: "StringEquals", variable: "aws:RequestedRegion", values: ["us-west-2"] }],
                    },
                ],
            }),
        );
        await settle();
        const attached = JSON.parse(one("aws:iam/policy:Policy").inputs.policy) as PolicyDocument;
        const upstream = referenceJson<PolicyDocument>("matrix", "iam_policy-v2.13.0.json");
        assert.strictEqual(attached.Statement.length, upstream.Statement.length + 2);
        assert.deepStrictEqual(attached.Statement.slice(-2), [
            { Action: ["wafv2:ListWebACLs"], Effect: "Allow", Resource: "*" },
            {
                Action: ["tag:GetResources"],
                Condition: { StringEquals: { "aws:RequestedRegion": "us-west-2" } },
                Effect: "Allow",
                Resource: ["*"],
                Sid: "TagLookup",
            },
        ]);
        assert.deepStrictEqual(validateIdentityPolicy(attached), []);
    });

    describe("statements the caller adds, as IAM receives them", () => {
        it("defaults to Allow on every resource, and keeps a given Deny, resource list and single-valued condition", () => {
            assert.deepStrictEqual(statementDocument({ actions: ["wafv2:ListWebACLs"] }), {
                Effect: "Allow",
                Action: ["wafv2:ListWebACLs"],
                Resource: "*",
            });
            assert.deepStrictEqual(
                statementDocument({
                    sid: "NoDelete",
                    effect: "Deny",
                    actions: ["elasticloadbalancing:DeleteLoadBalancer"],
                    resources: ["arn:aws:elasticloadbalancing:*:*:loadbalancer/app/prod-*"],
                    conditions: [{ test: "StringEquals", variable: "aws:RequestedRegion", values: ["us-west-2"] }],
                }),
                {
                    Sid: "NoDelete",
                    Effect: "Deny",
                    Action: ["elasticloadbalancing:DeleteLoadBalancer"],
                    Resource: ["arn:aws:elasticloadbalancing:*:*:loadbalancer/app/prod-*"],
                    Condition: { StringEquals: { "aws:RequestedRegion": "us-west-2" } },
                },
            );
        });

        it("keeps conditions on different operators apart", () => {
            const doc = statementDocument({
                actions: ["ec2:CreateTags"],
                conditions: [
                    { test: "StringEquals", variable: "ec2:CreateAction", values: ["CreateSecurityGroup"] },
                    { test: "Null", variable: "aws:RequestTag/elbv2.k8s.aws/cluster", values: ["false"] },
                ],
            });
            assert.deepStrictEqual(doc.Condition, {
                StringEquals: { "ec2:CreateAction": "CreateSecurityGroup" },
                Null: { "aws:RequestTag/elbv2.k8s.aws/cluster": "false" },
            });
        });

        it("does not share the caller's lists with the rendered document", () => {
            const actions = ["wafv2:ListWebACLs"];
            const values = ["a", "b"];
            const doc = statementDocument({
                actions,
                conditions: [{ test: "StringEquals", variable: "aws:PrincipalTag/x", values }],
            });
            actions.push("wafv2:DeleteWebACL");
            values.push("c");
            assert.deepStrictEqual(doc.Action, ["wafv2:ListWebACLs"]);
            assert.deepStrictEqual(doc.Condition, { StringEquals: { "aws:PrincipalTag/x": ["a", "b"] } });
        });
    });

    it("drops a statement left without actions in an isolated partition (IAM refuses an empty Action)", () => {
        const release = {
            ...findRelease("v3.5.0")!,
            policy: {
                Version: "2012-10-17",
                Statement: [
                    { Effect: "Allow", Action: "elasticloadbalancing:DescribeTrustStores", Resource: "*" },
                    {
                        Effect: "Allow",
                        Action: ["elasticloadbalancing:DescribeListenerAttributes", "ec2:DescribeVpcs"],
                        Resource: "arn:aws:ec2:*:*:vpc/*",
                    },
                ],
            },
        } as const;
        assert.deepStrictEqual(renderControllerPolicy(release, "aws-iso-b").Statement, [
            { Effect: "Allow", Action: ["ec2:DescribeVpcs"], Resource: "arn:aws-iso-b:ec2:*:*:vpc/*" },
        ]);
        assert.deepStrictEqual(renderControllerPolicy(release, "aws-cn").Statement, [
            { Effect: "Allow", Action: ["elasticloadbalancing:DescribeTrustStores"], Resource: "*" },
            {
                Effect: "Allow",
                Action: ["elasticloadbalancing:DescribeListenerAttributes", "ec2:DescribeVpcs"],
                Resource: "arn:aws-cn:ec2:*:*:vpc/*",
            },
        ]);
    });

    it("merges conditions that share an operator", () => {
        const doc = statementDocument({
            actions: ["ec2:AuthorizeSecurityGroupIngress"],
            conditions: [
                { test: "Null", variable: "aws:ResourceTag/elbv2.k8s.aws/cluster", values: ["false"] },
                { test: "Null", variable: "aws:RequestTag/elbv2.k8s.aws/cluster", values: ["true", "false"] },
            ],
        });
        assert.deepStrictEqual(doc.Condition, {
            Null: {
                "aws:ResourceTag/elbv2.k8s.aws/cluster": "false",
                "aws:RequestTag/elbv2.k8s.aws/cluster": ["true", "false"],
            },
        });
    });

    it("records the version in a tag and keeps the description stable, so upgrades update the policy in place", async () => {
        new AlbIngressController("old", controllerArgs({ version: "v2.7.0", tags: { team: "platform" } }));
        await settle();
        const old = one("aws:iam/policy:Policy").inputs;
        assert.deepStrictEqual(old.tags, { team: "platform", "eks-alb-ingress/controller-version": "v2.7.0" });
        new AlbIngressController("new", controllerArgs({ version: "v3.5.0" }));
        await settle();
        assert.strictEqual(one("aws:iam/policy:Policy", "new-policy").inputs.description, old.description);
        assert.match(old.description, /^AWS Load Balancer Controller \(upstream iam_policy\.json\)/);
        assert.doesNotMatch(old.description, /v\d/);
    });
});
