import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import {
    CONTROLLER_RELEASES,
    CONTROLLER_VERSIONS,
    DEFAULT_CONTROLLER_VERSION,
    POLICY_DOCUMENTS,
    compareVersions,
    findRelease,
    unknownVersionProblem,
} from "../../../components/controller/versions";
import { resolveControllerArgs } from "../../../components/controller/resolveControllerArgs";
import { REFERENCE, referenceJson } from "../../harness/fixtures";

const DATA = path.resolve(__dirname, "..", "..", "..", "components", "data");

describe("versions", () => {
    const matrix = referenceJson<
        { controllerVersion: string; chartVersion: string; imageTag: string; policyFile: string }[]
    >("matrix", "matrix.json");

    it("bundles the upstream matrix and policies byte for byte", () => {
        const pairs: [string, string][] = [
            [path.join(DATA, "matrix.json"), path.join(REFERENCE, "matrix", "matrix.json")],
        ];
        for (const file of fs.readdirSync(path.join(DATA, "iam-policy"))) {
            pairs.push([path.join(DATA, "iam-policy", file), path.join(REFERENCE, "matrix", file)]);
        }
        for (const [ours, upstream] of pairs) {
            assert.ok(fs.readFileSync(ours).equals(fs.readFileSync(upstream)), `${ours} differs from ${upstream}`);
        }
    });

    it("has one release per matrix row, with the published chart version, image tag and policy", () => {
        assert.deepStrictEqual(
            [...CONTROLLER_VERSIONS].sort(compareVersions),
            matrix.map((m) => m.controllerVersion).sort(compareVersions),
        );
        for (const row of matrix) {
            const release = findRelease(row.controllerVersion)!;
            assert.strictEqual(release.chartVersion, row.chartVersion);
            assert.strictEqual(release.imageTag, row.imageTag);
            assert.deepStrictEqual(release.policy, referenceJson("matrix", row.policyFile));
        }
    });

    it("bundles a policy for every matrix row and no policy that no row uses", () => {
        const used = new Set(matrix.map((m) => m.policyFile));
        assert.deepStrictEqual(Object.keys(POLICY_DOCUMENTS).sort(), [...used].sort());
        assert.deepStrictEqual(fs.readdirSync(path.join(DATA, "iam-policy")).sort(), [...used].sort());
    });

    it("defaults to the newest release, v3.5.0", () => {
        assert.strictEqual(DEFAULT_CONTROLLER_VERSION, "v3.5.0");
        assert.strictEqual(CONTROLLER_VERSIONS[0], "v2.7.0");
        assert.ok(
            CONTROLLER_VERSIONS.every((v, i) => i === 0 || compareVersions(CONTROLLER_VERSIONS[i - 1], v) < 0),
            "oldest first",
        );
    });

    it("pairs chart 1.X.Y with controller v2.X.Y and 3.X.Y with v3.X.Y", () => {
        for (const r of CONTROLLER_RELEASES.values()) {
            const [major, minor, patch] = r.controllerVersion.slice(1).split(".");
            assert.strictEqual(r.chartVersion, `${major === "2" ? "1" : major}.${minor}.${patch}`, r.controllerVersion);
        }
    });

    it("reads every policy the matrix names from data/iam-policy/ (a new release needs no code change)", () => {
        for (const [file, doc] of Object.entries(POLICY_DOCUMENTS)) {
            assert.deepStrictEqual(doc, JSON.parse(fs.readFileSync(path.join(DATA, "iam-policy", file), "utf8")));
        }
    });

    it("tells an unknown version the newest known release and how to add a newer one", () => {
        const message = unknownVersionProblem('"v3.6.0"');
        assert.match(message, /the newest known release is v3\.5\.0/);
        assert.match(
            message,
            /or is added from checkouts of the upstream repositories with `npm run upstream -- add <version> --controller <dir> --charts <dir>`/,
        );
        assert.throws(
            () => resolveControllerArgs("lbc", { clusterName: "demo", vpcId: "vpc-1", version: "v3.6.0" }),
            (e: Error) =>
                e.message.includes("`version` must be a controller release in the version matrix (v2.7.0, ") &&
                e.message.includes('got "v3.6.0"; the newest known release is v3.5.0') &&
                e.message.includes("CONTRIBUTING.md"),
        );
    });

    it("compares versions numerically, not as text", () => {
        assert.ok(compareVersions("v2.10.0", "v2.9.2") > 0);
        assert.strictEqual(compareVersions("v3.5.0", "3.5.0"), 0);
        assert.ok(compareVersions("v2.10", "v2.10.1") < 0 && compareVersions("v2.10.1", "v2.10") > 0);
        assert.ok(findRelease("v9.9.9") === undefined);
    });
});
