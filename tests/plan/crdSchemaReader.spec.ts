/**
 * `readBundledCrds(dataDir)`, the reader behind `bundledCrds()` (which keeps its answer for the process): which files
 * of a data folder laid out as the package's it reads, in which order, and what it keeps of them. On the package's
 * own folder, then on temporary folders with odd files.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DATA_DIR } from "../../components/common/dataDir";
import { type CrdManifest, bundledCrds, readBundledCrds } from "../../plan/crdSchema";

const kinds = (crds: readonly CrdManifest[]) => crds.map((c) => `${c.spec?.group} ${c.spec?.names?.kind}`);

/** A CRD manifest of `kind` in `group`, as YAML. */
const crd = (group: string, kind: string) =>
    `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n  group: ${group}\n  names:\n    kind: ${kind}\n`;

const GATEWAY_API = path.join("gateway-api", "v1.6.0");

/** The controller's CRD index: `crds-3.yaml` is the newest chart CRD file, `gateway-crds-2.yaml` the newest gateway one. */
const INDEX = [
    { controllerVersion: "v1", "crds.yaml": "crds-1.yaml", "gateway-crds.yaml": null },
    { controllerVersion: "v2", "crds.yaml": "crds-2.yaml", "gateway-crds.yaml": "gateway-crds-2.yaml" },
    { controllerVersion: "v3", "crds.yaml": "crds-3.yaml", "gateway-crds.yaml": null },
];
const CONTROLLER_FILES = {
    [path.join("crds", "index.json")]: JSON.stringify(INDEX),
    [path.join("crds", "crds-1.yaml")]: crd("c.example", "Old"),
    [path.join("crds", "crds-2.yaml")]: crd("c.example", "Older"),
    [path.join("crds", "crds-3.yaml")]: crd("c.example", "Chart"),
    [path.join("crds", "gateway-crds-2.yaml")]: crd("c.example", "Gateway"),
    [path.join("crds", "gateway-crds-3.yaml")]: crd("c.example", "NotIndexed"),
};

describe("plan: readBundledCrds, the bundled CRDs' reader", () => {
    const made: string[] = [];
    /** A data folder holding `files` (paths relative to it). */
    const dataDir = (files: Record<string, string>) => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crd-reader-"));
        made.push(dir);
        for (const [file, text] of Object.entries(files)) {
            fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
            fs.writeFileSync(path.join(dir, file), text);
        }
        return dir;
    };
    after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

    it("reads the package's data folder as bundledCrds() has it: the Gateway API kinds, then the controller's newest", () => {
        const read = readBundledCrds(DATA_DIR);
        const gatewayApi = ["BackendTLSPolicy", "GatewayClass", "Gateway", "GRPCRoute", "HTTPRoute", "ListenerSet"];
        gatewayApi.push("ReferenceGrant", "TCPRoute", "TLSRoute", "UDPRoute");
        assert.deepStrictEqual(kinds(read), [
            ...gatewayApi.map((k) => `gateway.networking.k8s.io ${k}`),
            "elbv2.k8s.aws ALBTargetControlConfig",
            "aga.k8s.aws GlobalAccelerator",
            "elbv2.k8s.aws IngressClassParams",
            "elbv2.k8s.aws TargetGroupBinding",
            "gateway.k8s.aws ListenerRuleConfiguration",
            "gateway.k8s.aws LoadBalancerConfiguration",
            "gateway.k8s.aws TargetGroupConfiguration",
        ]);
        assert.deepStrictEqual(read, bundledCrds());
        assert.notStrictEqual(readBundledCrds(DATA_DIR), read, "read again on every call");
        assert.strictEqual(bundledCrds(), bundledCrds(), "bundledCrds() keeps its answer");
    });

    it("reads every CRD document of the Gateway API folder's YAML files, and of the controller's only the newest files", () => {
        const dir = dataDir({
            ...CONTROLLER_FILES,
            [path.join(GATEWAY_API, "b.yaml")]: [
                crd("g.example", "B1"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: not-a-crd\n",
                "", // an empty document
                "just a scalar\n",
                "- a list\n",
                crd("g.example", "B2"),
            ].join("---\n"),
            [path.join(GATEWAY_API, "a.yaml")]: crd("g.example", "A"),
            [path.join(GATEWAY_API, "notes.txt")]: crd("g.example", "Txt"),
            [path.join(GATEWAY_API, "c.yml")]: crd("g.example", "Yml"),
            [path.join(GATEWAY_API, "d.yaml.orig")]: crd("g.example", "Orig"),
            [path.join("gateway-api", "e.yaml")]: crd("g.example", "OtherRelease"),
        });
        assert.deepStrictEqual(
            kinds(readBundledCrds(dir)),
            ["g.example A", "g.example B1", "g.example B2", "c.example Chart", "c.example Gateway"],
            "a.yaml, b.yaml's CRD documents; not notes.txt, c.yml, d.yaml.orig nor gateway-api/e.yaml; " +
                "crds-3.yaml (newest chart CRDs) and gateway-crds-2.yaml (newest gateway CRDs), not crds-1/2 nor gateway-crds-3",
        );
    });

    it("orders each folder's files by name as JavaScript compares names, whatever order the file system lists them in", () => {
        // libuv lists a folder sorted byte-wise (src/unix/fs.c uv__fs_scandir_sort: strcmp), which puts U+FF5E before
        // U+1F600; compared as UTF-16 code units (String.prototype < , Array.prototype.sort) U+1F600 comes first
        const tilde = "\uFF5E.yaml";
        const smile = "\u{1F600}.yaml";
        const dir = dataDir({
            ...CONTROLLER_FILES,
            [path.join(GATEWAY_API, tilde)]: crd("g.example", "Tilde"),
            [path.join(GATEWAY_API, smile)]: crd("g.example", "Smile"),
            [path.join(GATEWAY_API, "B.yaml")]: crd("g.example", "Upper"),
            [path.join(GATEWAY_API, "a.yaml")]: crd("g.example", "Lower"),
        });
        assert.deepStrictEqual(kinds(readBundledCrds(dir)), [
            "g.example Upper",
            "g.example Lower",
            "g.example Smile",
            "g.example Tilde",
            "c.example Chart",
            "c.example Gateway",
        ]);
    });

    it("reads nothing from a missing Gateway API folder, and fails naming the index when the controller's is missing", () => {
        assert.deepStrictEqual(kinds(readBundledCrds(dataDir(CONTROLLER_FILES))), [
            "c.example Chart",
            "c.example Gateway",
        ]);
        const noController = dataDir({ [path.join(GATEWAY_API, "a.yaml")]: crd("g.example", "A") });
        assert.throws(
            () => readBundledCrds(noController),
            (e: NodeJS.ErrnoException) =>
                e.code === "ENOENT" && e.message.includes(path.join(noController, "crds", "index.json")),
        );
    });

    it("reads no gateway CRDs when no release has them, and skips an indexed file that is absent", () => {
        const index = [{ "crds.yaml": "crds-1.yaml", "gateway-crds.yaml": null }, { "crds.yaml": "crds-9.yaml" }];
        const dir = dataDir({
            [path.join("crds", "index.json")]: JSON.stringify(index),
            [path.join("crds", "crds-1.yaml")]: crd("c.example", "Old"),
            [path.join("crds", "gateway-crds-1.yaml")]: crd("c.example", "NotIndexed"),
        });
        assert.deepStrictEqual(readBundledCrds(dir), [], "crds-9.yaml is the newest and absent; no gateway file named");
    });
});
