import * as assert from "assert";
import * as path from "path";
import { AlbIngressController, InvalidArgumentsError } from "../../../components/index";
import { CERT_MANAGER_KUBERNETES, certManagerRange } from "../../../components/controller/kubernetesSupport";
import { CERT_MANAGER_CHART } from "../../../components/controller/versions";
import { emptyWorld, up } from "../../../plan/lifecycle/world";
import { loadStackFiles } from "../../../plan/stackFiles";
import { ConfigError, parseStackConfig } from "../../../stack/config";
import { createStack } from "../../../stack/program";
import { controllerArgs } from "../../harness/fixtures";
import { recorded, settle } from "../../harness/mocks";

const ROOT = path.resolve(__dirname, "..", "..", "..");

/** The problems the component reports for `args`, or [] when it accepts them. */
function problems(args: Parameters<typeof controllerArgs>[0]): string[] {
    try {
        new AlbIngressController("lbc", controllerArgs(args));
        return [];
    } catch (e) {
        if (e instanceof InvalidArgumentsError) return [...e.problems];
        throw e;
    }
}

describe("AlbIngressController: Kubernetes version and cert-manager", () => {
    it("knows the range of the cert-manager it installs (cert-manager.io Supported Releases: v1.21 → 1.33 – 1.36)", () => {
        assert.deepStrictEqual(certManagerRange(CERT_MANAGER_CHART.version), { min: "1.33", max: "1.36" });
        assert.deepStrictEqual(Object.keys(CERT_MANAGER_KUBERNETES), ["v1.21"]);
    });

    for (const version of ["1.32", "1.37", "1.22.17"]) {
        it(`refuses Kubernetes ${version} with the cert-manager it installs, naming the argument and the range`, () => {
            const found = problems({ kubernetesVersion: version });
            assert.strictEqual(found.length, 1, found.join("\n"));
            assert.match(found[0], /^`kubernetesVersion` is "1\.\d+", but cert-manager v1\.21\.1/);
            assert.match(found[0], /supports Kubernetes 1\.33 – 1\.36/);
            assert.match(found[0], /webhookCertificates: "selfSigned"|installCertManager: false/);
            assert.strictEqual(recorded.length, 0, "nothing registered on bad input");
        });
    }

    for (const version of ["1.33", "1.36", "1.34.2", "v1.35.0"]) {
        it(`accepts Kubernetes ${version}`, () => assert.deepStrictEqual(problems({ kubernetesVersion: version }), []));
    }

    it("keeps no range for a cert-manager line it does not know, rather than guessing one", () => {
        assert.throws(
            () => certManagerRange("v1.99.0"),
            /^Error: kubernetesSupport: no Kubernetes range for cert-manager v1\.99$/,
        );
    });

    it("does not check a cert-manager it does not install", () => {
        assert.deepStrictEqual(problems({ kubernetesVersion: "1.30", webhookCertificates: "selfSigned" }), []);
        assert.deepStrictEqual(problems({ kubernetesVersion: "1.30", installCertManager: false }), []);
    });

    it("refuses a kubernetesVersion that is not a Kubernetes version", () => {
        for (const bad of [
            "133",
            "latest",
            "2.1",
            "1.33.4.5",
            "1.33-eks",
            "v1.33+",
            "x1.33",
            "1.",
            1.33 as unknown as string,
        ]) {
            const found = problems({ kubernetesVersion: bad });
            assert.ok(
                found.some((p) => p.startsWith('`kubernetesVersion` must be a Kubernetes version such as "1.33"')),
                `${String(bad)}: ${found.join("\n")}`,
            );
        }
    });
});

describe("stack program: the cluster's Kubernetes version", function () {
    this.timeout(120_000);

    it("a new cluster: refuses the kubernetesVersion config under its own key", async () => {
        await assert.rejects(
            async () => {
                await createStack(
                    parseStackConfig({ clusterMode: "new", clusterName: "fresh", kubernetesVersion: "1.32" }),
                );
                await settle();
            },
            (e: unknown) =>
                e instanceof ConfigError &&
                e.message.includes('config eks-alb-ingress:kubernetesVersion is "1.32"') &&
                e.message.includes("1.33 – 1.36"),
        );
    });

    it("an existing cluster: checks the version aws.eks.getCluster reports, under clusterName", async () => {
        const dev = loadStackFiles(ROOT, "dev");
        const world = emptyWorld();
        world.external.cluster = { version: "1.32" };
        await assert.rejects(
            () => up(world, dev),
            (e: unknown) =>
                e instanceof Error &&
                e.message.includes('clusterName names a cluster whose Kubernetes version is "1.32"') &&
                e.message.includes("1.33 – 1.36"),
        );
        world.external.cluster = { version: "1.33" };
        const ok = await up(world, dev);
        assert.ok(ok.steps.length > 0);
    });
});
