import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { AlbIngressController, type AlbIngressControllerArgs, InvalidArgumentsError } from "../../../components/index";
import { unknownValuePaths, valuePaths } from "../../../components/controller/chartValues";
import {
    CERT_MANAGER_VALUES,
    WEBHOOK_CERTIFICATE,
    WEBHOOK_TLS_SECRET,
} from "../../../components/controller/certificates";
import { CONTROLLER_RELEASES } from "../../../components/controller/versions";
import { decide } from "../../../plan/lifecycle/diff";
import { controllerArgs, REFERENCE, referenceYaml } from "../../harness/fixtures";
import { one, ofType, waitsFor } from "../../harness/graph";
import { type Recorded, recorded, reset, settle } from "../../harness/mocks";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const CERTIFICATE_PATCH = "kubernetes:cert-manager.io/v1:CertificatePatch";

/** Registers a controller named `name` and returns what it registered. */
async function record(name: string, args: Partial<AlbIngressControllerArgs>): Promise<Recorded[]> {
    new AlbIngressController(name, controllerArgs(args));
    await settle();
    return [...recorded];
}

/**
 * The step the engine takes for resource `type`/`name` when a stack deployed with `before` is updated with
 * `after` (plan/lifecycle/diff.ts: the providers' replace rules and the resource options).
 */
async function stepFor(
    type: string,
    name: string,
    before: Partial<AlbIngressControllerArgs>,
    after: Partial<AlbIngressControllerArgs>,
): Promise<ReturnType<typeof decide>> {
    const old = (await record("step", before)).find((r) => r.type === type && r.name === name);
    reset();
    const next = (await record("step", after)).find((r) => r.type === type && r.name === name);
    assert.ok(old && next, `${type} ${name} must be registered in both runs`);
    return decide({ ...old, id: "id", outputs: {} }, next, new Set());
}

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

    describe("lifecycle of every release", () => {
        for (const webhookCertificates of ["certManager", "selfSigned"] as const) {
            it(`uninstalls a failed install, cleans up a failed upgrade and bounds history (${webhookCertificates})`, async () => {
                const releases = (await record("life", { webhookCertificates })).filter((r) => r.type === RELEASE);
                assert.strictEqual(releases.length, webhookCertificates === "certManager" ? 2 : 1);
                for (const r of releases) {
                    assert.deepStrictEqual(
                        [r.inputs.atomic, r.inputs.cleanupOnFail, r.inputs.maxHistory],
                        [true, true, 10],
                        r.name,
                    );
                }
            });
        }

        it("replaces the controller release delete-before-replace when its namespace changes", async () => {
            const step = await stepFor(RELEASE, "step-release", {}, { namespace: "lbc-system" });
            assert.deepStrictEqual(
                [step.op, step.replaceKeys, step.deleteBeforeReplace],
                ["replace", ["namespace"], true],
            );
        });

        it("replaces cert-manager delete-before-replace when certManagerNamespace changes", async () => {
            const step = await stepFor(RELEASE, "step-cert-manager", {}, { certManagerNamespace: "certs" });
            assert.deepStrictEqual(
                [step.op, step.replaceKeys, step.deleteBeforeReplace],
                ["replace", ["namespace"], true],
            );
        });

        it("updates the controller release in place for a new version (no replace)", async () => {
            const step = await stepFor(RELEASE, "step-release", { version: "v2.17.1" }, {});
            assert.deepStrictEqual([step.op, step.diffs.sort()], ["update", ["values", "version"]]);
        });
    });

    describe("webhook certificate modes", () => {
        it("gives the Secret cert-manager writes Helm's ownership of the controller release", async () => {
            await record("cm", { namespace: "lbc-system", createNamespace: true });
            const patch = one(CERTIFICATE_PATCH, "cm-webhook-secret-ownership");
            assert.deepStrictEqual(patch.inputs.metadata, { name: WEBHOOK_CERTIFICATE, namespace: "lbc-system" });
            assert.deepStrictEqual(patch.inputs.spec, {
                secretTemplate: {
                    labels: { "app.kubernetes.io/managed-by": "Helm" },
                    annotations: {
                        "meta.helm.sh/release-name": "aws-load-balancer-controller",
                        "meta.helm.sh/release-namespace": "lbc-system",
                    },
                },
            });
            const release = one(RELEASE, "cm-release");
            assert.strictEqual(release.inputs.name, "aws-load-balancer-controller");
            assert.ok(waitsFor(patch, release), "the chart's Certificate must exist before it is patched");
            assert.ok(patch.options.retainOnDelete, "deleting the patch would strip the labels again");
        });

        it("patches the chart's Certificate also when the cluster already runs cert-manager", async () => {
            await record("own-cm", { installCertManager: false });
            assert.strictEqual(ofType(RELEASE).length, 1);
            assert.strictEqual(one(CERTIFICATE_PATCH).inputs.metadata.namespace, "kube-system");
        });

        it("patches nothing with self-signed certificates, whose Secret the chart renders", async () => {
            await record("ss", { webhookCertificates: "selfSigned" });
            assert.strictEqual(ofType(CERTIFICATE_PATCH).length, 0);
        });

        it("names the Certificate and Secret the chart renders", () => {
            const upstream = fs.readFileSync(path.join(REFERENCE, "UPSTREAM.md"), "utf8");
            assert.match(upstream, new RegExp(`TLS Secret \`${WEBHOOK_TLS_SECRET}\``));
            assert.match(upstream, new RegExp(`cert-manager Certificate \`${WEBHOOK_CERTIFICATE}\``));
        });

        for (const [from, to] of [
            ["certManager", "selfSigned"],
            ["selfSigned", "certManager"],
        ] as const) {
            it(`uninstalls the release before reinstalling it when switching ${from} → ${to}`, async () => {
                const step = await stepFor(
                    RELEASE,
                    "step-release",
                    { webhookCertificates: from },
                    { webhookCertificates: to },
                );
                assert.deepStrictEqual(
                    [step.op, step.replaceKeys, step.deleteBeforeReplace],
                    ["replace", ["values.enableCertManager"], true],
                );
            });
        }
    });

    describe("chart source", () => {
        it("installs an OCI chart by reference in `chart`, without repositoryOpts", async () => {
            const registry = "oci://123456789012.dkr.ecr.us-west-2.amazonaws.com/charts";
            await record("oci", { chartRepository: `${registry}/` });
            const r = one(RELEASE, "oci-release").inputs;
            assert.deepStrictEqual(
                [r.chart, r.repositoryOpts, r.version],
                [`${registry}/aws-load-balancer-controller`, undefined, "3.5.0"],
            );
        });

        it("drops every trailing slash of an OCI registry path, so Helm gets one reference", async () => {
            const registry = "oci://123456789012.dkr.ecr.us-west-2.amazonaws.com/charts";
            await record("oci2", { chartRepository: `${registry}//` });
            assert.strictEqual(one(RELEASE, "oci2-release").inputs.chart, `${registry}/aws-load-balancer-controller`);
        });

        it("keeps an https mirror in repositoryOpts.repo with the bare chart name", async () => {
            await record("mirror", { chartRepository: "https://charts.example.com/eks" });
            const r = one(RELEASE, "mirror-release").inputs;
            assert.deepStrictEqual(
                [r.chart, r.repositoryOpts],
                ["aws-load-balancer-controller", { repo: "https://charts.example.com/eks" }],
            );
        });

        const bad: [string, string, RegExp][] = [
            [
                "an OCI reference that names the chart",
                "oci://public.ecr.aws/example/aws-load-balancer-controller",
                /`chartRepository` names the chart: give the registry path that holds it/,
            ],
            [
                "an OCI reference with a tag",
                "oci://registry.example.com/charts:3.5.0",
                /`chartRepository` must be an oci:\/\/ registry path without a tag, digest/,
            ],
            ["an OCI URL without a registry", "oci:///charts", /`chartRepository` must be an https:\/\/ or http:\/\//],
            ["another scheme", "s3://bucket/charts", /`chartRepository` must be an https:\/\/ or http:\/\//],
            ["credentials in the URL", "https://user:pw@charts.example.com", /`chartRepository` must be an https/],
        ];
        for (const [what, chartRepository, message] of bad) {
            it(`rejects ${what}`, () => {
                assert.throws(
                    () => new AlbIngressController("bad-repo", controllerArgs({ chartRepository })),
                    (e: unknown) => e instanceof InvalidArgumentsError && message.test(e.message),
                );
            });
        }
    });
});
