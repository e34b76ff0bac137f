/**
 * The controller installed by a Node.js program's `helm.sh/v3:Chart` (@pulumi/kubernetes) instead of a Release. The
 * Chart is a local component; @pulumi/pulumi's `ComponentResource` sends its args (the ChartOpts) as the resource's
 * inputs (since v3.202.0, pulumi/pulumi #20357), and the engine runs resource policies on a component's inputs too
 * (pulumi/pulumi pkg/resource/deploy/step_generator.go: analyzers run on every registration, a component has no
 * provider). So lbc-release-pinned and lbc-high-availability judge it as they judge a Release. Stack policies see
 * outputs instead (step_generator.go `AnalyzeResources`), and the Chart registers none: they never see its values.
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { lbcHighAvailability, lbcReleasePinned } from "../../policy-pack/policies/release";
import { one } from "../harness/graph";
import { runResourcePolicy } from "../harness/policies";
import { setEngineHooks, settle } from "../harness/mocks";

const CHART = "kubernetes:helm.sh/v3:Chart";
const WIRED = { clusterName: "c", region: "us-west-2", vpcId: "vpc-0123456789abcdef0" };
const pinned = async (props: Record<string, unknown>, type = CHART) =>
    (await runResourcePolicy(lbcReleasePinned, { type, name: "lbc", props })).violations;

/** The state the mock monitor keeps for `urn` (a component's registered outputs). */
function stateOf(urn: string): Record<string, unknown> | undefined {
    const monitor = pulumi.runtime.getMonitor() as unknown as {
        getRegisteredResources(): Map<string, { state?: { toJavaScript(): Record<string, unknown> } }>;
    };
    return monitor.getRegisteredResources().get(urn)?.state?.toJavaScript();
}

describe("the controller installed by a Node.js helm.sh/v3:Chart", () => {
    afterEach(() => setEngineHooks(undefined));

    it("is judged by lbc-release-pinned and lbc-high-availability from the inputs the SDK registers", async () => {
        setEngineHooks({
            newResource: () => undefined,
            // `helm template` renders nothing here: only the Chart's own registration matters.
            call: (a, fake) => (a.token === "kubernetes:helm:template" ? { result: [] } : fake()),
        });
        new k8s.helm.v3.Chart("lbc", {
            chart: "aws-load-balancer-controller",
            fetchOpts: { repo: "https://aws.github.io/eks-charts", version: "1.17.1" },
            namespace: "kube-system",
            values: { clusterName: "c", replicaCount: 1 },
        });
        await settle();
        const chart = one(CHART, "lbc");
        const fake = { type: chart.type, name: chart.name, props: chart.inputs };
        assert.deepStrictEqual((await runResourcePolicy(lbcReleasePinned, fake)).violations, [
            "Chart of aws-load-balancer-controller does not set values.region (or values.env.AWS_REGION); set it explicitly.",
            "Chart of aws-load-balancer-controller does not set values.vpcId (or values.vpcTags); set it explicitly.",
        ]);
        assert.deepStrictEqual((await runResourcePolicy(lbcHighAvailability, fake)).violations, [
            "Controller runs 1 replica(s); set values.replicaCount to at least 2 so that the webhook survives a node drain.",
            "Controller has no PodDisruptionBudget; set values.podDisruptionBudget, e.g. { maxUnavailable: 1 }.",
        ]);
        // What a stack policy gets of it: the registered outputs, which hold neither chart nor values.
        assert.deepStrictEqual(stateOf(chart.urn), {});
    });

    it("takes the chart version from version, else fetchOpts.version, as the provider's helm template does", async () => {
        const base = { chart: "eks/aws-load-balancer-controller", values: WIRED };
        assert.deepStrictEqual(await pinned({ ...base, version: "", fetchOpts: { version: "1.17.1" } }), []);
        assert.deepStrictEqual(await pinned({ ...base, version: "1.17.x", fetchOpts: { version: "1.17.1" } }), [
            "Chart of aws-load-balancer-controller sets version 1.17.x, a range; pin an exact chart version such as 1.17.1.",
        ]);
        assert.deepStrictEqual(await pinned({ ...base, fetchOpts: { repo: "https://aws.github.io/eks-charts" } }), [
            "Chart of aws-load-balancer-controller does not set version; pin an exact chart version such as 1.17.1.",
        ]);
    });

    it("is not judged when it installs another chart, and a Release is still named a Release", async () => {
        const r = await runResourcePolicy(lbcReleasePinned, { type: CHART, name: "x", props: { chart: "nginx" } });
        assert.deepStrictEqual([r.violations, r.applicable], [[], false]);
        const release = { chart: "aws-load-balancer-controller", values: WIRED };
        assert.deepStrictEqual(await pinned(release, "kubernetes:helm.sh/v3:Release"), [
            "Release of aws-load-balancer-controller does not set version; pin an exact chart version such as 1.17.1.",
        ]);
    });
});
