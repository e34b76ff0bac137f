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
    });
});
