/**
 * `npm run upstream -- add`: re-adding the newest release of the matrix from fake checkouts of the upstream
 * repositories rebuilds the package's data byte for byte; a newer release (a v3.6.0 made from v3.5.0's files)
 * is picked up by the package without a code change; and every refusal leaves the data untouched.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import { ANNOTATION_CATALOGUE } from "../../tools/upstream/dataFolder";
import { run } from "../../tools/upstream/main";
import {
    DATA,
    annotationsDoc,
    copyData,
    fakeCheckouts,
    removeNewest,
    removeTempDirs,
    snapshot,
    tempDir,
} from "./upstreamFixture";

const ROOT = path.resolve(__dirname, "..", "..");

function add(version: string, checkouts: { controller: string; charts: string }, data: string) {
    const lines: string[] = [];
    const code = run(
        ["add", version, "--controller", checkouts.controller, "--charts", checkouts.charts, "--data", data],
        (l) => lines.push(l),
    );
    return { code, out: lines.join("\n") };
}

function editJson(file: string, edit: (doc: any) => void): void {
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    edit(doc);
    fs.writeFileSync(file, JSON.stringify(doc, undefined, 4));
}

function editYaml(file: string, edit: (doc: any) => void): void {
    const doc = parse(fs.readFileSync(file, "utf8"));
    edit(doc);
    fs.writeFileSync(file, stringify(doc));
}

const NEW_ACTION = "ec2:ValidateSecurityGroupQuotasForInterface";

/** A v3.6.0 from v3.5.0's files: one IAM action (every partition), one values key, one annotation in, one out. */
function fakeV360(): { controller: string; charts: string } {
    const c = fakeCheckouts();
    for (const file of fs.readdirSync(path.join(c.controller, "docs/install"))) {
        if (file === "iam_policy_acm_certs.json") continue;
        editJson(path.join(c.controller, "docs/install", file), (doc) =>
            doc.Statement.push({ Effect: "Allow", Action: [NEW_ACTION], Resource: "*" }),
        );
    }
    for (const [repo, dir] of [
        [c.controller, "helm/aws-load-balancer-controller"],
        [c.charts, "stable/aws-load-balancer-controller"],
    ]) {
        editYaml(path.join(repo, dir, "Chart.yaml"), (doc) =>
            Object.assign(doc, { version: "3.6.0", appVersion: "v3.6.0" }),
        );
        editYaml(path.join(repo, dir, "values.yaml"), (doc) => {
            doc.image.tag = "v3.6.0";
            doc.gatewayClassMaxConcurrentReconciles = null;
        });
    }
    fs.copyFileSync(
        path.join(c.controller, "helm/aws-load-balancer-controller/values.yaml"),
        path.join(c.charts, "stable/aws-load-balancer-controller/values.yaml"),
    );
    editYaml(path.join(c.charts, "index.yaml"), (doc) =>
        doc.entries["aws-load-balancer-controller"].unshift({ version: "3.6.0", appVersion: "v3.6.0" }),
    );
    const catalogue = JSON.parse(fs.readFileSync(ANNOTATION_CATALOGUE, "utf8"));
    const names = catalogue.map((a: { name: string }) => a.name).filter((n: string) => !n.endsWith("/web-acl-id"));
    fs.writeFileSync(
        path.join(c.controller, "docs/guide/ingress/annotations.md"),
        annotationsDoc([...names, "alb.ingress.kubernetes.io/new-thing"]),
    );
    return c;
}

describe("npm run upstream -- add", function () {
    this.timeout(120000);
    after(removeTempDirs);

    it("re-adds the newest release from upstream checkouts and rebuilds the data byte for byte", () => {
        const data = copyData();
        const version = removeNewest(data);
        assert.strictEqual(version, "v3.5.0");
        assert.notDeepStrictEqual(snapshot(data), snapshot(DATA), "the fixture must start without the release");
        const { code, out } = add(version, fakeCheckouts(), data);
        assert.strictEqual(code, 0, out);
        const [ours, original] = [snapshot(data), snapshot(DATA)];
        assert.deepStrictEqual([...ours.keys()], [...original.keys()]);
        for (const [file, bytes] of original) assert.ok(ours.get(file)!.equals(bytes), `${file} differs`);
        // What it prints: v3.5.0 moved the gateway CRDs' storage to v1 (reference README, "Added later"), kept the
        // policy of v2.13.0, and its chart has the keys chart-values-keydiff.md lists as new since 1.17.1.
        for (const crd of ["listenerruleconfigurations", "loadbalancerconfigurations", "targetgroupconfigurations"]) {
            assert.match(out, new RegExp(`~ ${crd}\\.gateway\\.k8s\\.aws: serves v1; storage v1beta1 → v1`));
        }
        assert.match(out, /IAM policy: iam_policy-v2\.13\.0\.json .*\n\s+no action added or removed/);
        for (const key of [
            "albGatewayMaxConcurrentReconciles",
            "certManagement",
            "targetgroupbindingRequeueDuration",
        ]) {
            assert.match(out, new RegExp(`\\+ ${key}\\b`));
        }
        assert.match(out, /~ keepTLSSecret: true → false/);
        assert.match(out, /no annotation added or removed/);
    });

    it("adds a newer release: new policy file, replaced values file, reused CRD files, annotation changes to edit", () => {
        const data = copyData();
        const { code, out } = add("v3.6.0", fakeV360(), data);
        assert.strictEqual(code, 0, out);
        assert.match(out, new RegExp(`IAM policy: new file iam_policy-v3\\.6\\.0\\.json .*\\n\\s+\\+ ${NEW_ACTION}`));
        assert.match(out, /\+ gatewayClassMaxConcurrentReconciles/);
        assert.match(out, /~ image\.tag: "v3\.5\.0" → "v3\.6\.0"/);
        assert.match(out, /no CRD change/);
        assert.match(out, /\+ alb\.ingress\.kubernetes\.io\/new-thing\n\s+- alb\.ingress\.kubernetes\.io\/web-acl-id/);
        assert.match(out, /edit it by hand/);
        const after = snapshot(data);
        const before = snapshot(DATA);
        const changed = [...new Set([...after.keys(), ...before.keys()])]
            .filter((f) => !after.get(f)?.equals(before.get(f) ?? Buffer.alloc(0)))
            .sort();
        assert.deepStrictEqual(changed, [
            "chart/chart-values-3.5.0.yaml",
            "chart/chart-values-3.6.0.yaml",
            "crds/index.json",
            "iam-policy/iam_policy-v3.6.0.json",
            "matrix.json",
        ]);
        assert.ok(!after.has("chart/chart-values-3.5.0.yaml"), "the older values.yaml of the 3.x line is replaced");
        const index = JSON.parse(after.get("crds/index.json")!.toString());
        assert.deepStrictEqual(index[index.length - 1], {
            controllerVersion: "v3.6.0",
            chartVersion: "3.6.0",
            "crds.yaml": "crds-v3.2.0.yaml",
            "gateway-crds.yaml": "gateway-crds-v3.5.0.yaml",
        });
    });

    it("the package picks the added release up without a code change", () => {
        const work = tempDir("components");
        const components = path.join(work, "components");
        fs.cpSync(path.join(ROOT, "components"), components, {
            recursive: true,
            filter: (src) => !src.includes(`${path.sep}bin`) && !src.includes("node_modules"),
        });
        fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(work, "node_modules"));
        assert.strictEqual(add("v3.6.0", fakeV360(), path.join(components, "data")).code, 0);
        const probe = `
            const { findRelease, DEFAULT_CONTROLLER_VERSION } = require("./components/controller/versions");
            const { crdsOf } = require("./components/controller/crds");
            const { controllerChartDefaults } = require("./components/controller/chartValues");
            const r = findRelease("v3.6.0");
            console.log(JSON.stringify({
                newest: DEFAULT_CONTROLLER_VERSION, chart: r.chartVersion,
                action: JSON.stringify(r.policy).includes("${NEW_ACTION}"),
                crds: crdsOf("v3.6.0").length, key: "gatewayClassMaxConcurrentReconciles" in controllerChartDefaults("3.6.0"),
            }));`;
        const node = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", probe], {
            cwd: work,
            env: { ...process.env, TS_NODE_PROJECT: path.join(components, "tsconfig.json") },
            encoding: "utf8",
        });
        assert.strictEqual(node.status, 0, node.stderr);
        assert.deepStrictEqual(JSON.parse(node.stdout), {
            newest: "v3.6.0",
            chart: "3.6.0",
            action: true,
            crds: 7,
            key: true,
        });
    });

    describe("refuses, and writes nothing, when", () => {
        function refused(version: string, checkouts: { controller: string; charts: string }, message: RegExp) {
            const data = copyData();
            const before = snapshot(data);
            const { code, out } = add(version, checkouts, data);
            assert.strictEqual(code, 1, out);
            assert.match(out, message);
            assert.deepStrictEqual(snapshot(data), before);
        }

        it("the release is already in the matrix", () => {
            refused("v3.5.0", fakeCheckouts(), /v3\.5\.0 is already in the version matrix/);
        });

        it("a partition's policy file is missing", () => {
            const c = fakeV360();
            fs.rmSync(path.join(c.controller, "docs/install/iam_policy_isof.json"));
            refused("v3.6.0", c, /--controller \(aws-iso-f policy\): docs\/install\/iam_policy_isof\.json is missing/);
        });

        it("the gateway CRDs are missing", () => {
            const c = fakeV360();
            fs.rmSync(path.join(c.controller, "helm/aws-load-balancer-controller/crds/gateway-crds.yaml"));
            fs.rmSync(path.join(c.charts, "stable/aws-load-balancer-controller/crds/gateway-crds.yaml"));
            refused("v3.6.0", c, /crds\/gateway-crds\.yaml is missing \(v3\.5\.0 has one\)/);
        });

        it("the eks-charts checkout is not at the chart of the release", () => {
            refused("v3.6.0", fakeCheckouts(), /Chart\.yaml is chart 3\.5\.0 for appVersion v3\.5\.0, not v3\.6\.0/);
        });

        it("the published index does not publish the chart for the release", () => {
            const c = fakeV360();
            editYaml(path.join(c.charts, "index.yaml"), (doc) => doc.entries["aws-load-balancer-controller"].shift());
            refused("v3.6.0", c, /index\.yaml publishes no chart for appVersion v3\.6\.0.*cannot be matched/);
        });

        it("the published values.yaml is not the one of the tag", () => {
            const c = fakeV360();
            fs.appendFileSync(path.join(c.charts, "stable/aws-load-balancer-controller/values.yaml"), "extra: 1\n");
            refused("v3.6.0", c, /values\.yaml differs from .* at v3\.6\.0/);
        });

        it("a partition's policy is not what the package derives from iam_policy.json", () => {
            const c = fakeV360();
            editJson(path.join(c.controller, "docs/install/iam_policy_iso.json"), (doc) =>
                doc.Statement.push({ Effect: "Allow", Action: ["iso:Only"], Resource: "*" }),
            );
            refused("v3.6.0", c, /iam_policy_iso\.json is not iam_policy\.json rewritten for aws-iso .*\+ iso:Only/);
        });

        it("the version is older than the newest or not a tag", () => {
            refused("v3.4.9", fakeCheckouts(), /older than the newest release of the matrix, v3\.5\.0/);
            refused("3.6.0", fakeCheckouts(), /must be a release tag like v3\.6\.0/);
        });
    });
});
