/**
 * The module-level tables of the policies (policy-pack/policies/{alb,release,workloads,iam}.ts): the TLS 1.2+
 * security policies, the config schemas users' policy config is validated against, the exact-version pattern, the
 * AdministratorAccess ARNs and the workload kinds. Cases found by the static-mutant run (MUTATION_STATIC=1) of
 * issue 11.
 */
import * as assert from "assert";
import { albTlsPolicy } from "../../policy-pack/policies/alb";
import { iamNoAdminWildcard } from "../../policy-pack/policies/iam";
import { lbcReleasePinned } from "../../policy-pack/policies/release";
import { workloadImagePinned } from "../../policy-pack/policies/workloads";
import { policies } from "../../policy-pack/policies";
import { parsePolicyPackConfig, reconcilePolicyPackConfig } from "../../plan/policyConfig";
import { runResourcePolicy, runStackPolicy } from "../harness/policies";
import { CERT_ARN } from "../harness/fixtures";
import { A, member } from "./groupFixtures";

/** The errors the engine prints for a policy pack config file (before any policy runs). */
const configErrors = (config: Record<string, unknown>): string[] =>
    reconcilePolicyPackConfig(policies, parsePolicyPackConfig(JSON.stringify(config), "cfg.json")).errors;

describe("policy tables (issue 11 static-mutant run)", () => {
    describe("alb-tls-policy", () => {
        const tls = (sslPolicy: string) =>
            runStackPolicy(albTlsPolicy, [
                member(
                    "a",
                    {
                        [A("listen-ports")]: '[{"HTTPS":443}]',
                        [A("certificate-arn")]: CERT_ARN,
                        [A("ssl-policy")]: sslPolicy,
                    },
                    { group: null },
                ),
            ]);

        it("accepts each of AWS's TLS 1.2+ security policies by default", async () => {
            // The TLS 1.2 and TLS 1.3 policies of "Security policies for your Application Load Balancer"
            // (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html, the
            // policy's url): their minimum protocol is TLSv1.2.
            for (const policy of [
                "ELBSecurityPolicy-TLS13-1-2-2021-06",
                "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
                "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
                "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
                "ELBSecurityPolicy-TLS13-1-3-2021-06",
                "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
                "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
                "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
                "ELBSecurityPolicy-TLS-1-2-2017-01",
                "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
                "ELBSecurityPolicy-FS-1-2-2019-08",
                "ELBSecurityPolicy-FS-1-2-Res-2019-08",
                "ELBSecurityPolicy-FS-1-2-Res-2020-10",
                // the hybrid post-quantum policies of 2025-09 (the console's default is the Res-PQ one)
                "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
                "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
                "ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
                "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
                "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
                "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
                "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
                "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09",
                "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
                "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09",
                "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
            ]) {
                const r = await tls(policy);
                assert.deepStrictEqual([r.applicable, r.violations], [true, []], policy);
            }
        });

        it("reports a policy that still accepts TLS 1.0 or 1.1", async () => {
            for (const policy of ["ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-TLS-1-1-2017-01"]) {
                const r = await tls(policy);
                assert.strictEqual(r.violations.length, 1, policy);
                assert.match(
                    r.violations[0].message,
                    new RegExp(
                        `^HTTPS listener 443 of Ingress apps/a uses ssl-policy ${policy}, which is not an allowed TLS 1\\.2\\+ policy; use one of ELBSecurityPolicy-TLS13-1-2-2021-06, `,
                    ),
                );
            }
        });
    });

    describe("config schemas, what a policy pack config file is validated against", () => {
        it("refuses a minReplicas below 1 or not an integer, naming the policy and the key", () => {
            assert.deepStrictEqual(
                configErrors({
                    "lbc-high-availability": { minReplicas: 0 },
                    "workload-min-replicas": { minReplicas: "2" },
                }),
                [
                    "lbc-high-availability: minReplicas: Must be greater than or equal to 1",
                    "workload-min-replicas: minReplicas: Invalid type. Expected: integer, given: string",
                ],
            );
            assert.deepStrictEqual(configErrors({ "lbc-high-availability": { minReplicas: "3" } }), [
                "lbc-high-availability: minReplicas: Invalid type. Expected: integer, given: string",
            ]);
        });

        it("refuses alb-tls-policy allowedPolicies that is not a list of names", () => {
            assert.deepStrictEqual(configErrors({ "alb-tls-policy": { allowedPolicies: "x" } }), [
                "alb-tls-policy: allowedPolicies: Invalid type. Expected: array, given: string",
            ]);
            assert.deepStrictEqual(configErrors({ "alb-tls-policy": { allowedPolicies: ["a", 1] } }), [
                "alb-tls-policy: allowedPolicies.1: Invalid type. Expected: string, given: integer",
            ]);
        });

        it("declares albIngressClasses on every ALB policy: a list of names is accepted, text refused", () => {
            const names = ["alb-internet-facing-https", "alb-tls-policy", "alb-waf-internet-facing"];
            const classes = ["alb", "internal-alb"];
            assert.deepStrictEqual(
                configErrors(Object.fromEntries(names.map((n) => [n, { albIngressClasses: classes }]))),
                [],
            );
            assert.deepStrictEqual(
                configErrors(Object.fromEntries(names.map((n) => [n, { albIngressClasses: "alb" }]))),
                names.map((n) => `${n}: albIngressClasses: Invalid type. Expected: array, given: string`),
            );
        });

        it("describes every config property of every policy of the pack", () => {
            const described = policies.flatMap((p) =>
                Object.entries(p.configSchema?.properties ?? {}).map(([key, schema]) => {
                    const d = (schema as { description?: unknown }).description;
                    return [`${p.name}.${key}`, typeof d === "string" && d.trim() !== ""] as const;
                }),
            );
            assert.ok(described.length >= 6, "the pack has configurable policies");
            assert.deepStrictEqual(
                described.filter(([, ok]) => !ok).map(([k]) => k),
                [],
            );
        });
    });

    describe("lbc-release-pinned, exact versions", () => {
        const pinned = async (version: string) =>
            (
                await runResourcePolicy(lbcReleasePinned, {
                    type: "kubernetes:helm.sh/v3:Release",
                    name: "lbc",
                    props: {
                        chart: "aws-load-balancer-controller",
                        version,
                        values: { clusterName: "demo", region: "us-west-2", vpcId: "vpc-0123456789abcdef0" },
                    },
                })
            ).violations;

        it("accepts multi-digit numbers, a pre-release, build metadata and a leading v", async () => {
            for (const version of ["10.2.3", "1.17.10", "3.5.0-rc.1", "3.5.0+build.7", "v3.5.0-rc.1+b.2"])
                assert.deepStrictEqual(await pinned(version), [], version);
        });

        it("reports a range, an empty pre-release or build, or other characters, as not exact", async () => {
            for (const version of [">=3.5.0", "3.5.0-", "3.5.0+", "3.5.0-rc!1"])
                assert.deepStrictEqual(
                    await pinned(version),
                    [
                        `Release of aws-load-balancer-controller sets version ${version}, a range; pin an exact chart version such as 1.17.1.`,
                    ],
                    version,
                );
        });
    });

    describe("iam-no-admin-wildcard, AdministratorAccess", () => {
        const attached = async (arn: string) =>
            (
                await runResourcePolicy(iamNoAdminWildcard, {
                    type: "aws:iam/role:Role",
                    name: "lbc",
                    props: { managedPolicyArns: [arn] },
                })
            ).violations;

        it("reports the AWS managed policy in the China and GovCloud partitions too", async () => {
            for (const arn of [
                "arn:aws-cn:iam::aws:policy/AdministratorAccess",
                "arn:aws-us-gov:iam::aws:policy/AdministratorAccess",
            ])
                assert.deepStrictEqual(await attached(arn), [
                    `managedPolicyArns attaches ${arn}; attach a policy scoped to what the role needs.`,
                ]);
        });

        it("does not report a customer policy of that name, nor text that only contains the ARN", async () => {
            for (const arn of [
                "arn:aws:iam::123456789012:policy/AdministratorAccess",
                "xarn:aws:iam::aws:policy/AdministratorAccess",
                "arn:aws:iam::aws:policy/AdministratorAccess-Amplify",
            ])
                assert.deepStrictEqual(await attached(arn), [], arn);
        });
    });

    it("workload-image-pinned judges a DaemonSet's containers like a Deployment's", async () => {
        const r = await runResourcePolicy(workloadImagePinned, {
            type: "kubernetes:apps/v1:DaemonSet",
            name: "agent",
            props: { spec: { template: { spec: { containers: [{ name: "agent", image: "nginx:latest" }] } } } },
        });
        assert.deepStrictEqual(r.violations, [
            "container agent uses image nginx:latest; pin it to a version tag or an @sha256 digest.",
        ]);
    });
});
