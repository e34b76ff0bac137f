import * as assert from "assert";
import { AlbIngressController } from "../../components/index";
import { unknownValuePaths, valuePaths } from "../../components/chartValues";
import { CERT_MANAGER_VALUES } from "../../components/certificates";
import { CONTROLLER_RELEASES } from "../../components/versions";
import { controllerArgs, referenceYaml } from "../harness/fixtures";
import { one } from "../harness/graph";
import { settle } from "../harness/mocks";

/** Upstream values.yaml for a chart line: 1.x charts are checked against 1.17.1, 3.x against 3.5.0. */
function upstreamValues(chartVersion: string): Record<string, unknown> {
    return referenceYaml(
        "chart",
        chartVersion.startsWith("1.") ? "chart-values-1.17.1.yaml" : "chart-values-3.5.0.yaml",
    );
}

describe("release", () => {
    for (const release of CONTROLLER_RELEASES.values()) {
        it(`sets only keys that chart ${release.chartVersion} (${release.controllerVersion}) has, in both certificate modes`, async () => {
            for (const webhookCertificates of ["certManager", "selfSigned"] as const) {
                const name = `v-${release.controllerVersion}-${webhookCertificates}`;
                new AlbIngressController(
                    name,
                    controllerArgs({
                        version: release.controllerVersion,
                        webhookCertificates,
                        tolerations: [{ key: "k", operator: "Exists" }],
                    }),
                );
                await settle();
                const r = one("kubernetes:helm.sh/v3:Release", `${name}-release`).inputs;
                assert.strictEqual(r.version, release.chartVersion);
                assert.strictEqual(r.values.image.tag, release.imageTag);
                assert.deepStrictEqual(
                    unknownValuePaths(r.values, upstreamValues(release.chartVersion)),
                    [],
                    `paths: ${valuePaths(r.values).join(", ")}`,
                );
            }
        });
    }

    it("sets only cert-manager values that cert-manager v1.21.1 has", () => {
        const upstream = referenceYaml("cert-manager", "cert-manager-values-v1.21.1.yaml");
        assert.deepStrictEqual(unknownValuePaths(CERT_MANAGER_VALUES as never, upstream), []);
        assert.strictEqual(
            (upstream.crds as { enabled: boolean }).enabled,
            false,
            "upstream default must still need our override",
        );
    });

    it("deep-merges helmValues over the defaults and keeps the wiring on top", async () => {
        new AlbIngressController(
            "merge",
            controllerArgs({
                replicas: 3,
                helmValues: {
                    podDisruptionBudget: { minAvailable: 2 },
                    image: { repository: "registry.example.com/lbc" },
                    defaultTags: { team: "platform" },
                    logLevel: "debug",
                },
            }),
        );
        await settle();
        const values = one("kubernetes:helm.sh/v3:Release", "merge-release").inputs.values;
        assert.deepStrictEqual(values.image, { repository: "registry.example.com/lbc", tag: "v3.5.0" });
        assert.deepStrictEqual(values.podDisruptionBudget, { minAvailable: 2 }, "replaced whole, not merged");
        assert.strictEqual(values.replicaCount, 3);
        assert.deepStrictEqual(values.defaultTags, { team: "platform" });
        assert.strictEqual(values.logLevel, "debug");
        assert.strictEqual(values.clusterName, "demo");
    });

    it("renders no PodDisruptionBudget for a single replica (the chart would refuse it)", async () => {
        new AlbIngressController("single", controllerArgs({ replicas: 1 }));
        await settle();
        const values = one("kubernetes:helm.sh/v3:Release", "single-release").inputs.values;
        assert.deepStrictEqual([values.replicaCount, values.podDisruptionBudget], [1, {}]);
    });

    it("passes typed scheduling, class and webhook settings to the chart", async () => {
        new AlbIngressController(
            "typed",
            controllerArgs({
                resources: { requests: { cpu: "200m", memory: "256Mi" } },
                nodeSelector: { "kubernetes.io/os": "linux" },
                tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists" }],
                ingressClass: "alb-internal",
                defaultIngressClass: true,
                serviceMutatorWebhook: true,
                region: "eu-west-1",
            }),
        );
        await settle();
        const v = one("kubernetes:helm.sh/v3:Release", "typed-release").inputs.values;
        assert.deepStrictEqual(v.resources, { requests: { cpu: "200m", memory: "256Mi" } });
        assert.deepStrictEqual(v.nodeSelector, { "kubernetes.io/os": "linux" });
        assert.deepStrictEqual(v.tolerations, [{ key: "CriticalAddonsOnly", operator: "Exists" }]);
        assert.deepStrictEqual(
            [v.ingressClass, v.ingressClassConfig, v.enableServiceMutatorWebhook, v.region],
            ["alb-internal", { default: true }, true, "eu-west-1"],
        );
    });

    it("leaves the Service mutator webhook off by default, with safe default resources", async () => {
        new AlbIngressController("safe", controllerArgs());
        await settle();
        const v = one("kubernetes:helm.sh/v3:Release", "safe-release").inputs.values;
        assert.strictEqual(v.enableServiceMutatorWebhook, false);
        assert.deepStrictEqual(v.resources, {
            requests: { cpu: "100m", memory: "128Mi" },
            limits: { memory: "512Mi" },
        });
    });

    it("finds unknown keys only where the upstream map is closed", () => {
        const ref = { a: { b: 1 }, free: {}, nul: null, list: [] };
        assert.deepStrictEqual(
            unknownValuePaths({ a: { b: 2, c: 3 }, free: { x: 1 }, nul: { y: 1 }, list: [1], z: 0 }, ref),
            ["a.c", "z"],
        );
    });
});
