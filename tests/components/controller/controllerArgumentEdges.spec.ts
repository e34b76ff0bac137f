/**
 * The edges of AlbIngressController's argument rules (components/controller/resolveControllerArgs.ts): the last
 * values each rule accepts, IAM's policy size limit to the character, and arguments known only at deployment (Outputs
 * and Promises), which fail the deployment with the same message naming the argument; and the refusals of the two
 * arguments passed on nearly as given (extra IAM statements, the chart repository). The other refusals, one per rule,
 * are in controllerArgumentRules.spec.ts.
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { renderControllerPolicy } from "../../../components/controller/iamPolicy";
import { resolveControllerArgs } from "../../../components/controller/resolveControllerArgs";
import { DEFAULT_CONTROLLER_VERSION, findRelease } from "../../../components/controller/versions";
import { valueOf } from "../../harness/mocks";
import { type Overrides, args, assertRefused, problemsOf } from "./controllerRefusals";

/** One extra statement whose action name makes the controller policy, rendered for aws-us-gov, `size` characters long. */
function statementsOfPolicySize(size: number): Overrides {
    const policy = (n: number) => [{ actions: [`wafv2:${"A".repeat(n)}`] }];
    const base = JSON.stringify(
        renderControllerPolicy(findRelease(DEFAULT_CONTROLLER_VERSION)!, "aws-us-gov", policy(1)),
    ).length;
    return { additionalPolicyStatements: policy(1 + size - base) };
}

describe("AlbIngressController argument edges", () => {
    it("holds the controller policy to IAM's 6144 characters (counted in the longest partition), not one fewer", () => {
        assert.deepStrictEqual(problemsOf(statementsOfPolicySize(6144)), []);
        assert.throws(
            () => resolveControllerArgs("big", args(statementsOfPolicySize(6145))),
            /^InvalidArgumentsError: AlbIngressController "big": invalid arguments:\n {2}- `additionalPolicyStatements` make/,
        );
        assertRefused(
            statementsOfPolicySize(6145),
            /^`additionalPolicyStatements` make the controller policy 6145 characters long; IAM allows 6144: attach a separate policy to the role \(output `roleName`\) instead$/,
        );
    });

    describe("refuses extra policy statements IAM would refuse, naming the statement and key", () => {
        const refused: [string, Overrides, RegExp][] = [
            [
                "statements that are not a list",
                { additionalPolicyStatements: { actions: ["s3:GetObject"] } },
                /^`additionalPolicyStatements` must be a list of statements, got/,
            ],
            [
                "a statement that is a string",
                { additionalPolicyStatements: ["s3:GetObject"] },
                /^`additionalPolicyStatements\[0\]` must be an object with `actions`, got "s3:GetObject"$/,
            ],
            [
                "an unknown statement key",
                { additionalPolicyStatements: [{ actions: ["s3:GetObject"], resource: ["*"] }] },
                /^`additionalPolicyStatements\[0\]\.resource` is not an argument; known arguments: sid, effect, actions, resources, conditions$/,
            ],
            [
                "an unknown effect",
                { additionalPolicyStatements: [{ actions: ["s3:GetObject"], effect: "allow" }] },
                /^`additionalPolicyStatements\[0\]\.effect` must be one of "Allow", "Deny", got "allow"$/,
            ],
            [
                "no actions",
                { additionalPolicyStatements: [{ actions: [] }] },
                /^`additionalPolicyStatements\[0\]\.actions` must be a non-empty list of "service:Action" strings, got \[\]$/,
            ],
            [
                "actions as a string",
                { additionalPolicyStatements: [{ actions: "s3:GetObject" }] },
                /^`additionalPolicyStatements\[0\]\.actions` must be a non-empty list/,
            ],
            [
                "an action that is not a string",
                { additionalPolicyStatements: [{ actions: ["s3:GetObject", 5] }] },
                /^`additionalPolicyStatements\[0\]\.actions` must be a non-empty list/,
            ],
            [
                "an action with a space",
                { additionalPolicyStatements: [{ actions: ["s3: GetObject"] }] },
                /^`additionalPolicyStatements\[0\]\.actions` must be a non-empty list/,
            ],
            [
                "an action in a nested list",
                { additionalPolicyStatements: [{ actions: [["s3:GetObject"]] }] },
                /^`additionalPolicyStatements\[0\]\.actions` must be a non-empty list of "service:Action" strings, got \[\["s3:GetObject"\]\]$/,
            ],
            [
                "an empty resource list",
                { additionalPolicyStatements: [{ actions: ["s3:GetObject"], resources: [] }] },
                /^`additionalPolicyStatements\[0\]\.resources` must be a non-empty list of ARNs or "\*", got \[\]$/,
            ],
            [
                "a resource string instead of a list",
                { additionalPolicyStatements: [{ actions: ["s3:GetObject"], resources: "*" }] },
                /^`additionalPolicyStatements\[0\]\.resources` must be a non-empty list/,
            ],
            [
                "a blank resource",
                { additionalPolicyStatements: [{ actions: ["s3:GetObject"], resources: ["*", " "] }] },
                /^`additionalPolicyStatements\[0\]\.resources` must be a non-empty list/,
            ],
            [
                "a sid with a dash",
                { additionalPolicyStatements: [{ actions: ["s3:GetObject"], sid: "Tag-Lookup" }] },
                /^`additionalPolicyStatements\[0\]\.sid` must be alphanumeric, got "Tag-Lookup"$/,
            ],
            [
                "a numeric sid",
                { additionalPolicyStatements: [{ actions: ["s3:GetObject"], sid: 1 }] },
                /^`additionalPolicyStatements\[0\]\.sid` must be alphanumeric, got 1$/,
            ],
            [
                "conditions that are not a list",
                { additionalPolicyStatements: [{ actions: ["s3:GetObject"], conditions: { test: "Null" } }] },
                /^`additionalPolicyStatements\[0\]\.conditions` must be a list of \{ test, variable, values: \[string, …\] \}, got \{"test":"Null"\}$/,
            ],
            ...(
                [
                    ["a condition without test", { variable: "aws:RequestedRegion", values: ["us-west-2"] }],
                    ["a condition without variable", { test: "StringEquals", values: ["us-west-2"] }],
                    ["a condition without values", { test: "StringEquals", variable: "aws:RequestedRegion" }],
                    [
                        "a condition with no values",
                        { test: "StringEquals", variable: "aws:RequestedRegion", values: [] },
                    ],
                    [
                        "a condition with a number value",
                        { test: "NumericLessThan", variable: "aws:MultiFactorAuthAge", values: [3600] },
                    ],
                    [
                        "a condition with a number among its values",
                        { test: "StringEquals", variable: "aws:RequestedRegion", values: ["us-west-2", 1] },
                    ],
                    ["a condition that is a string", "StringEquals"],
                ] as const
            ).map(([what, condition]): [string, Overrides, RegExp] => [
                what,
                { additionalPolicyStatements: [{ actions: ["s3:GetObject"], conditions: [condition] }] },
                /^`additionalPolicyStatements\[0\]\.conditions` must be a list of \{ test, variable, values/,
            ]),
        ];
        for (const [what, overrides, message] of refused) {
            it(`refuses ${what}`, () => assertRefused(overrides, message));
        }
    });

    describe("refuses chart repositories Helm cannot install the chart from", () => {
        const refused: [string, Overrides, RegExp][] = [
            ...(
                [
                    ["a chart repository with a space", "https://charts.example.com/a b"],
                    ["a chart repository that is not a URL", "charts.example.com"],
                    ["an ftp chart repository", "ftp://charts.example.com"],
                    ["a chart repository with a user name", "https://user@charts.example.com"],
                    ["a chart repository with only a password", "https://:secret@charts.example.com"],
                    ["a chart repository that is not a string", 5],
                    ["an OCI URL without a registry", "oci:///charts"],
                    ["a chart repository in a list", ["https://charts.example.com"]],
                ] as const
            ).map(([what, chartRepository]): [string, Overrides, RegExp] => [
                what,
                { chartRepository },
                /^`chartRepository` must be an https:\/\/ or http:\/\/ Helm repository URL, or an oci:\/\/ registry path without the chart name \(oci:\/\/<registry>\/<path>\), got /,
            ]),
            ...(
                [
                    ["an OCI path with a query", "oci://registry.example.com/charts?tag=1"],
                    ["an OCI path with a fragment", "oci://registry.example.com/charts#x"],
                    ["an OCI path with a digest", "oci://registry.example.com/charts@sha256:abc"],
                ] as const
            ).map(([what, chartRepository]): [string, Overrides, RegExp] => [
                what,
                { chartRepository },
                /^`chartRepository` must be an oci:\/\/ registry path without a tag, digest, query or fragment \(the chart version comes from `version`\), got /,
            ]),
            [
                "an OCI path that names the chart, with a trailing slash",
                { chartRepository: "oci://registry.example.com/charts/aws-load-balancer-controller//" },
                /^`chartRepository` names the chart: give the registry path that holds it, without "\/aws-load-balancer-controller" \(the component appends it\), got /,
            ],
        ];
        for (const [what, overrides, message] of refused) {
            it(`refuses ${what}`, () => assertRefused(overrides, message));
        }
    });

    describe("accepts the edge values each rule allows", () => {
        const accepted: [string, Overrides][] = [
            ["an 8-digit VPC id", { vpcId: "vpc-0123abcd" }],
            ["a 17-digit VPC id", { vpcId: "vpc-0123456789abcdef0" }],
            ["a GovCloud region", { region: "us-gov-west-1" }],
            ["an ISO region", { region: "us-isob-east-1" }],
            ["one replica", { replicas: 1 }],
            ["a release timeout of a minute", { releaseTimeoutSeconds: 60 }],
            ["a release timeout of an hour", { releaseTimeoutSeconds: 3600 }],
            [
                "a dotted ingressClass and ServiceAccount name",
                { ingressClass: "alb.internal", serviceAccountName: "lbc.sa" },
            ],
            ["a 63-character namespace", { namespace: "n".repeat(63), createNamespace: true }],
            [
                "a 253-character ServiceAccount name",
                { serviceAccountName: `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}` },
            ],
            [
                "false booleans",
                {
                    createNamespace: false,
                    installCertManager: false,
                    defaultIngressClass: false,
                    serviceMutatorWebhook: false,
                    deleteCrdsOnDestroy: false,
                    deleteOidcProviderOnDestroy: false,
                },
            ],
            ["an empty nodeSelector and tags", { nodeSelector: {}, tags: {} }],
            [
                "maps without a prototype (Object.create(null), as parsed config may give)",
                {
                    tags: Object.assign(Object.create(null), { team: "a" }),
                    helmValues: Object.assign(Object.create(null), { logLevel: "debug" }),
                },
            ],
            ["empty resources", { resources: {} }],
            ["resources with requests only", { resources: { requests: { cpu: "1", "nvidia.com/gpu": "1" } } }],
            ["no tolerations", { tolerations: [] }],
            [
                "every toleration key",
                {
                    tolerations: [
                        { key: "k", operator: "Equal", value: "v", effect: "NoExecute", tolerationSeconds: 0 },
                        { operator: "Exists" },
                    ],
                },
            ],
            [
                "a permissions boundary in another partition",
                { permissionsBoundary: "arn:aws-us-gov:iam::123456789012:policy/boundary" },
            ],
            [
                "a permissions boundary as an Output",
                { permissionsBoundary: pulumi.output("arn:aws:iam::123456789012:policy/b") },
            ],
            [
                "an OIDC provider ARN in the China partition",
                {
                    oidcIssuerUrl: undefined,
                    oidcProviderArn:
                        "arn:aws-cn:iam::123456789012:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/X",
                },
            ],
            [
                "a statement with every key and wildcard actions",
                {
                    additionalPolicyStatements: [
                        {
                            sid: "Waf2",
                            effect: "Deny",
                            actions: ["wafv2:List*", "ec2:Describe?pcs", "*"],
                            resources: ["arn:aws:wafv2:*:*:*"],
                            conditions: [
                                {
                                    test: "StringEquals",
                                    variable: "aws:RequestedRegion",
                                    values: ["us-west-2", "us-east-1"],
                                },
                            ],
                        },
                    ],
                },
            ],
            [
                "helmValues below a wired key that the argument does not set",
                { helmValues: { image: { repository: "r" }, serviceMonitor: { enabled: true } } },
            ],
            ["free-form helmValues maps", { helmValues: { podLabels: { team: "a" }, defaultTags: { x: "y" } } }],
            ["a long action name", { additionalPolicyStatements: [{ actions: [`wafv2:${"X".repeat(200)}`] }] }],
            ["an http chart mirror", { chartRepository: "http://charts.internal:8080/eks" }],
            ["an OCI registry path with a port", { chartRepository: "oci://registry.internal:5000/charts" }],
            ["an OCI registry path with a trailing slash", { chartRepository: "oci://registry.internal/charts/" }],
            ["an https chart repository with a query", { chartRepository: "https://charts.example.com/eks?x=1" }],
            [
                "an https mirror whose path ends in the chart name",
                { chartRepository: "https://charts.example.com/aws-load-balancer-controller" },
            ],
            [
                "a Kubernetes version with self-signed certificates",
                { kubernetesVersion: "1.30", webhookCertificates: "selfSigned" },
            ],
            [
                "a Kubernetes version with a cert-manager the cluster has",
                { kubernetesVersion: "1.30", installCertManager: false },
            ],
            ["the newest Kubernetes cert-manager supports", { kubernetesVersion: "v1.36.1" }],
            ["the oldest Kubernetes cert-manager supports", { kubernetesVersion: "1.33" }],
        ];
        for (const [what, overrides] of accepted) {
            it(what, () => assert.deepStrictEqual(problemsOf(overrides), []));
        }
    });

    describe("arguments known only at deployment", () => {
        const later: [string, Overrides, keyof ReturnType<typeof resolveControllerArgs>, RegExp][] = [
            [
                "an empty clusterName",
                { clusterName: pulumi.output("") },
                "clusterName",
                /^`clusterName` must be a non-empty string, got ""$/,
            ],
            [
                "an empty clusterName given as a Promise",
                { clusterName: Promise.resolve("") },
                "clusterName",
                /^`clusterName` must be a non-empty string, got ""$/,
            ],
            [
                "a malformed VPC id",
                { vpcId: pulumi.output("vpc-x") },
                "vpcId",
                /^`vpcId` must be a VPC id \(vpc-…\), got "vpc-x"$/,
            ],
            ["a malformed region", { region: pulumi.output("west") }, "region", /^`region` must be an AWS region/],
            [
                "a role as permissions boundary",
                { permissionsBoundary: pulumi.output("arn:aws:iam::123456789012:role/r") },
                "permissionsBoundary",
                /^`permissionsBoundary` must be an IAM policy ARN/,
            ],
        ];
        for (const [what, overrides, key, message] of later) {
            it(`fails the deployment on ${what}, naming the argument`, async () => {
                const resolved = resolveControllerArgs("later", args(overrides));
                await assert.rejects(valueOf(resolved[key] as unknown as pulumi.Output<string>), (e: Error) =>
                    message.test(e.message),
                );
            });
        }

        it("fails the deployment on an OIDC provider ARN or issuer URL that resolves malformed", async () => {
            const byArn = resolveControllerArgs(
                "later",
                args({ oidcIssuerUrl: undefined, oidcProviderArn: pulumi.output("x") }),
            );
            assert.strictEqual(byArn.oidc.kind, "arn");
            await assert.rejects(
                valueOf((byArn.oidc as { arn: pulumi.Output<string> }).arn),
                /^Error: `oidcProviderArn` must be an IAM oidc-provider ARN/,
            );
            const byUrl = resolveControllerArgs("later", args({ oidcIssuerUrl: pulumi.output("http://x") }));
            assert.strictEqual(byUrl.oidc.kind, "issuerUrl");
            await assert.rejects(
                valueOf((byUrl.oidc as { url: pulumi.Output<string> }).url),
                /`oidcIssuerUrl` must be an https:\/\/ URL, got "http:\/\/x"/,
            );
        });
    });
});
