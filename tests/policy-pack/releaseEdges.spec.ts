/**
 * The release policies at their edges (policy-pack/policies/release.ts): a `replicaCount` given as text, and wiring
 * values that are not strings. Cases found by the mutation run of issue 11.
 */
import * as assert from "assert";
import { lbcHighAvailability, lbcReleasePinned } from "../../policy-pack/policies/release";
import { runResourcePolicy } from "../harness/policies";

const release = (values: Record<string, unknown>) => ({
    type: "kubernetes:helm.sh/v3:Release",
    name: "lbc",
    props: {
        chart: "aws-load-balancer-controller",
        version: "3.5.0",
        values: {
            clusterName: "demo",
            region: "us-west-2",
            vpcId: "vpc-0123456789abcdef0",
            podDisruptionBudget: { maxUnavailable: 1 },
            ...values,
        },
    },
});

describe("release policies at their edges (issue 11 mutation run)", () => {
    it("lbc-high-availability reads a replicaCount given as text as the number the chart renders", async () => {
        // templates/deployment.yaml renders `replicas: {{ .Values.replicaCount }}` and the chart has no
        // values.schema.json (kubernetes-sigs/aws-load-balancer-controller helm/aws-load-balancer-controller at
        // v3.5.0), so "1" (e.g. a Pulumi config string) runs one replica.
        assert.deepStrictEqual(
            (await runResourcePolicy(lbcHighAvailability, release({ replicaCount: "1" }))).violations,
            [
                "Controller runs 1 replica(s); set values.replicaCount to at least 2 so that the webhook survives a node drain.",
            ],
        );
        assert.deepStrictEqual(
            (await runResourcePolicy(lbcHighAvailability, release({ replicaCount: "3" }))).violations,
            [],
        );
    });
    it("lbc-release-pinned reports a version given as a number (YAML `version: 1.17`) as not exact", async () => {
        const r = release({});
        const numeric = { ...r, props: { ...r.props, version: 1.17 } };
        assert.deepStrictEqual((await runResourcePolicy(lbcReleasePinned, numeric)).violations, [
            "Release of aws-load-balancer-controller sets version 1.17, a range; pin an exact chart version such as 1.17.1.",
        ]);
    });
    it("lbc-release-pinned counts a wiring value that is not text as set (and does not fail on it)", async () => {
        const r = await runResourcePolicy(lbcReleasePinned, release({ clusterName: 42, env: { AWS_REGION: true } }));
        assert.deepStrictEqual(r.violations, []);
    });
});
