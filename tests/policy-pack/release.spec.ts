import * as assert from "assert";
import { lbcHighAvailability, lbcReleasePinned } from "../../policy-pack/policies/release";
import { runResourcePolicy } from "../harness/policies";

const release = (props: Record<string, any>) => ({ type: "kubernetes:helm.sh/v3:Release", name: "lbc", props });
const good = {
    chart: "aws-load-balancer-controller",
    version: "1.17.1",
    repositoryOpts: { repo: "https://aws.github.io/eks-charts" },
    values: {
        clusterName: "demo",
        region: "us-west-2",
        vpcId: "vpc-0123456789abcdef0",
        replicaCount: 2,
        podDisruptionBudget: { maxUnavailable: 1 },
    },
};

describe("release policies", () => {
    describe("lbc-release-pinned", () => {
        it("reports a violation when the version and wiring values are missing", async () => {
            const { violations } = await runResourcePolicy(
                lbcReleasePinned,
                release({ chart: "eks/aws-load-balancer-controller", values: {} }),
            );
            assert.strictEqual(violations.length, 4);
            assert.match(violations[0], /does not set version; pin an exact chart version/);
            assert.match(violations.slice(1).join("\n"), /values\.clusterName[^]*values\.region[^]*values\.vpcId/);
        });
        it("reports a violation when the version is a range", async () => {
            const { violations } = await runResourcePolicy(lbcReleasePinned, release({ ...good, version: "^1.17.0" }));
            assert.match(violations[0], /sets version \^1\.17\.0, a range/);
        });
        it("accepts a pinned chart version with clusterName, region and vpcId", async () => {
            assert.deepStrictEqual((await runResourcePolicy(lbcReleasePinned, release(good))).violations, []);
        });
        it("accepts region from values.env and the VPC from values.vpcTags (no instance metadata either)", async () => {
            const values = { clusterName: "demo", env: { AWS_REGION: "us-west-2" }, vpcTags: { Name: "demo-vpc" } };
            assert.deepStrictEqual(
                (await runResourcePolicy(lbcReleasePinned, release({ ...good, values }))).violations,
                [],
            );
        });
        it("accepts values kept in valueYamlFiles, which a policy cannot read", async () => {
            const f = release({ ...good, values: undefined, valueYamlFiles: [{ path: "values.yaml" }] });
            assert.deepStrictEqual((await runResourcePolicy(lbcReleasePinned, f)).violations, []);
        });
        for (const chart of [
            "eks/aws-load-balancer-controller",
            "oci://public.ecr.aws/eks/aws-load-balancer-controller",
        ]) {
            it(`accepts the chart named ${chart}`, async () => {
                const r = await runResourcePolicy(lbcReleasePinned, release({ ...good, chart }));
                assert.deepStrictEqual([r.violations, r.applicable], [[], true]);
            });
        }
        it("accepts a version with a v prefix, which Helm reads as SemVer", async () => {
            assert.deepStrictEqual(
                (await runResourcePolicy(lbcReleasePinned, release({ ...good, version: "v1.17.1" }))).violations,
                [],
            );
        });
        it("passes when the release installs another chart", async () => {
            const r = await runResourcePolicy(lbcReleasePinned, release({ chart: "cert-manager" }));
            assert.deepStrictEqual([r.violations, r.applicable], [[], false]);
        });
    });

    describe("lbc-high-availability", () => {
        it("reports a violation when one replica runs without a PodDisruptionBudget", async () => {
            const f = release({ ...good, values: { ...good.values, replicaCount: 1, podDisruptionBudget: {} } });
            const { violations } = await runResourcePolicy(lbcHighAvailability, f);
            assert.strictEqual(violations.length, 2);
            assert.match(violations[0], /set values\.replicaCount to at least 2/);
            assert.match(violations[1], /set values\.podDisruptionBudget/);
        });
        it("reports a violation when the chart default replicas run without a PodDisruptionBudget", async () => {
            const { violations } = await runResourcePolicy(
                lbcHighAvailability,
                release({ chart: "aws-load-balancer-controller" }),
            );
            assert.strictEqual(violations.length, 1);
        });
        it("reports a violation when replicas are below a configured minimum", async () => {
            const r = await runResourcePolicy(lbcHighAvailability, release(good), { minReplicas: 3 });
            assert.strictEqual(r.violations.length, 1);
        });
        it("passes when two replicas run with a PodDisruptionBudget", async () => {
            assert.deepStrictEqual((await runResourcePolicy(lbcHighAvailability, release(good))).violations, []);
        });
    });
});
