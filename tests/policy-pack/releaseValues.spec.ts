/**
 * lbc-release-pinned, value by value: which releases it judges (the controller chart by name, repository path or
 * URL) and what counts as "set" for each value the controller would otherwise read from instance metadata. The
 * message names the value and its alternative, so a user knows what to add.
 */
import * as assert from "assert";
import { lbcReleasePinned } from "../../policy-pack/policies/release";
import { runResourcePolicy } from "../harness/policies";

const WIRED = { clusterName: "c", region: "us-west-2", vpcId: "vpc-0123456789abcdef0" };

async function violations(props: Record<string, unknown>): Promise<string[]> {
    const fake = { type: "kubernetes:helm.sh/v3:Release", name: "lbc", props };
    return (await runResourcePolicy(lbcReleasePinned, fake)).violations;
}
const release = (values: Record<string, unknown>, o: Record<string, unknown> = {}) => ({
    chart: "aws-load-balancer-controller",
    version: "1.17.1",
    values,
    ...o,
});

describe("lbc-release-pinned, value by value", () => {
    it("judges the controller chart by name, by repository path or by URL, and no other chart", async () => {
        for (const chart of [
            "aws-load-balancer-controller",
            "eks/aws-load-balancer-controller",
            "https://aws.github.io/eks-charts/aws-load-balancer-controller",
        ]) {
            assert.strictEqual((await violations(release({}, { chart }))).length, 3, chart);
        }
        for (const chart of ["my-aws-load-balancer-controller", "aws-load-balancer-controller-crds", undefined]) {
            assert.deepStrictEqual(await violations(release({}, { chart })), [], String(chart));
        }
    });

    it("refuses an empty version like a missing one", async () => {
        for (const version of ["", null, undefined]) {
            const v = await violations(release(WIRED, { version }));
            assert.deepStrictEqual(v, [
                "Release of aws-load-balancer-controller does not set version; pin an exact chart version such as 1.17.1.",
            ]);
        }
    });

    it("counts blank strings and null as not set, naming each value and its alternative", async () => {
        const v = await violations(release({ clusterName: "  ", region: null, vpcId: "" }));
        assert.deepStrictEqual(v, [
            "Release of aws-load-balancer-controller does not set values.clusterName; set it explicitly.",
            "Release of aws-load-balancer-controller does not set values.region (or values.env.AWS_REGION); set it explicitly.",
            "Release of aws-load-balancer-controller does not set values.vpcId (or values.vpcTags); set it explicitly.",
        ]);
    });

    it("takes vpcTags instead of vpcId only when they name at least one tag", async () => {
        const base = { clusterName: "c", region: "us-west-2" };
        assert.strictEqual((await violations(release({ ...base, vpcTags: {} }))).length, 1);
        assert.deepStrictEqual(await violations(release({ ...base, vpcTags: { Name: "main" } })), []);
    });

    it("takes the region from env.AWS_REGION or env.AWS_DEFAULT_REGION", async () => {
        const base = { clusterName: "c", vpcId: "vpc-1" };
        assert.deepStrictEqual(await violations(release({ ...base, env: { AWS_REGION: "eu-west-1" } })), []);
        assert.deepStrictEqual(await violations(release({ ...base, env: { AWS_DEFAULT_REGION: "eu-west-1" } })), []);
        assert.strictEqual((await violations(release({ ...base, env: { AWS_REGION: " " } }))).length, 1);
    });
});
