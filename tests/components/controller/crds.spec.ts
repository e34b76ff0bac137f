import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { crdsOf, diffCrds, parseCrds } from "../../../components/controller/crds";
import { CONTROLLER_VERSIONS, findRelease } from "../../../components/controller/versions";
import { REFERENCE, referenceJson } from "../../harness/fixtures";

const CRDS = path.resolve(__dirname, "..", "..", "..", "components", "data", "crds");

interface IndexRow {
    controllerVersion: string;
    chartVersion: string;
    "crds.yaml": string;
    "gateway-crds.yaml": string | null;
}

describe("the chart's CRDs of every release", () => {
    const index = referenceJson<IndexRow[]>("crds", "index.json");

    it("bundles the reference CRD folder byte for byte (the package does not read ../shared at run time)", () => {
        assert.deepStrictEqual(fs.readdirSync(CRDS).sort(), fs.readdirSync(path.join(REFERENCE, "crds")).sort());
        for (const file of fs.readdirSync(CRDS)) {
            const [ours, upstream] = [path.join(CRDS, file), path.join(REFERENCE, "crds", file)];
            assert.ok(fs.readFileSync(ours).equals(fs.readFileSync(upstream)), `${file} differs from ${upstream}`);
        }
    });

    it("gives every release of the matrix its CRD files, and every file belongs to a release", () => {
        assert.deepStrictEqual(
            index.map((r) => r.controllerVersion),
            [...CONTROLLER_VERSIONS],
        );
        for (const row of index) {
            const release = findRelease(row.controllerVersion)!;
            assert.strictEqual(release.chartVersion, row.chartVersion);
            const files = [row["crds.yaml"], ...(row["gateway-crds.yaml"] === null ? [] : [row["gateway-crds.yaml"]])];
            assert.deepStrictEqual(release.crdFiles, files, row.controllerVersion);
            assert.deepStrictEqual([...new Set(crdsOf(row.controllerVersion).map((c) => c.file))], files);
        }
        const used = new Set(CONTROLLER_VERSIONS.flatMap((v) => findRelease(v)!.crdFiles));
        assert.deepStrictEqual(
            fs
                .readdirSync(CRDS)
                .filter((f) => f.endsWith(".yaml"))
                .sort(),
            [...used].sort(),
        );
    });

    it("parses each CRD's name, group, kind, scope, served and storage versions", () => {
        for (const version of CONTROLLER_VERSIONS) {
            for (const crd of crdsOf(version)) {
                const spec = crd.manifest.spec as { group: string; names: { plural: string } };
                assert.strictEqual(crd.name, `${spec.names.plural}.${crd.group}`);
                assert.ok(crd.servedVersions.includes(crd.storageVersion), `${version} ${crd.name}`);
                assert.ok(["Namespaced", "Cluster"].includes(crd.scope));
            }
        }
        const v270 = crdsOf("v2.7.0");
        assert.deepStrictEqual(
            v270.map((c) => [c.name, c.kind, c.servedVersions, c.storageVersion]),
            [
                ["ingressclassparams.elbv2.k8s.aws", "IngressClassParams", ["v1beta1"], "v1beta1"],
                ["targetgroupbindings.elbv2.k8s.aws", "TargetGroupBinding", ["v1alpha1", "v1beta1"], "v1beta1"],
            ],
        );
        assert.strictEqual(v270.find((c) => c.kind === "IngressClassParams")!.scope, "Cluster");
    });

    it("from v3.5.0 serves the gateway CRDs as gateway.k8s.aws/v1 (storage) and still v1beta1", () => {
        const gateway = (v: string) => crdsOf(v).filter((c) => c.group === "gateway.k8s.aws");
        assert.deepStrictEqual(
            gateway("v3.5.0").map((c) => [c.kind, [...c.servedVersions].sort(), c.storageVersion]),
            [
                ["ListenerRuleConfiguration", ["v1", "v1beta1"], "v1"],
                ["LoadBalancerConfiguration", ["v1", "v1beta1"], "v1"],
                ["TargetGroupConfiguration", ["v1", "v1beta1"], "v1"],
            ],
        );
        assert.ok(gateway("v3.4.3").every((c) => c.storageVersion === "v1beta1"));
        assert.deepStrictEqual(gateway("v2.13.3"), [], "no gateway CRDs before v2.13.4");
    });

    it("tells what an upgrade or a downgrade changes: served versions a downgrade would drop", () => {
        const up = diffCrds(crdsOf("v3.4.3"), crdsOf("v3.5.0"));
        assert.deepStrictEqual(up.added, []);
        assert.deepStrictEqual(up.removed, []);
        assert.ok(up.changed.every((c) => c.servedRemoved.length === 0 && c.storage?.to === "v1"));
        assert.strictEqual(up.changed.length, 3);
        const down = diffCrds(crdsOf("v3.5.0"), crdsOf("v3.4.3"));
        assert.ok(down.changed.every((c) => c.servedRemoved.join() === "v1" && c.storage?.to === "v1beta1"));
        const old = diffCrds(crdsOf("v3.5.0"), crdsOf("v2.7.0"));
        assert.strictEqual(old.removed.length, 5);
        assert.deepStrictEqual(diffCrds(crdsOf("v3.4.0"), crdsOf("v3.4.3")), { added: [], removed: [], changed: [] });
    });

    it("returns copies the caller may change", () => {
        const first = crdsOf("v3.5.0");
        (first[0].manifest as Record<string, unknown>).kind = "Changed";
        (first[0].servedVersions as string[]).push("v9");
        const second = crdsOf("v3.5.0");
        assert.strictEqual(second[0].manifest.kind, "CustomResourceDefinition");
        assert.ok(!second[0].servedVersions.includes("v9"));
    });

    it("fails loudly on a broken CRD file, naming the file, the document and the field", () => {
        const crd = (spec: string, metadata = "{name: as.x.io}") =>
            [
                "apiVersion: apiextensions.k8s.io/v1",
                "kind: CustomResourceDefinition",
                `metadata: ${metadata}`,
                `spec: ${spec}`,
            ].join("\n");
        const good =
            "{group: x.io, scope: Cluster, names: {kind: A}, versions: [{name: v1, served: true, storage: true}]}";
        assert.strictEqual(parseCrds(`---\n---\n${crd(good)}\n---\n`, "ok.yaml").length, 1, "empty documents skipped");
        const cases: [string, RegExp][] = [
            ["a: [1, 2", /^Error: bad\.yaml: /],
            [
                `${crd(good)}\n---\nkind: CustomResourceDefinition\napiVersion: apiextensions.k8s.io/v1beta1`,
                /^Error: bad\.yaml document 2: not an apiextensions\.k8s\.io\/v1 CustomResourceDefinition$/,
            ],
            ["- a\n- b", /^Error: bad\.yaml document 1: not an apiextensions/],
            [
                "apiVersion: apiextensions.k8s.io/v1\nkind: ConfigMap",
                /^Error: bad\.yaml document 1: not an apiextensions\.k8s\.io\/v1 CustomResourceDefinition$/,
            ],
            [crd(good.replace("}]}", "}, v2]}")), /^Error: bad\.yaml document 1: spec\.versions$/],
            [crd("[]"), /^Error: bad\.yaml document 1: spec is not a map$/],
            [crd("{group: x.io, versions: {v1: {}}}"), /^Error: bad\.yaml document 1: spec\.versions$/],
            [crd("{group: x.io, versions: [v1]}"), /^Error: bad\.yaml document 1: spec\.versions$/],
            [
                crd("{group: x.io, versions: [{name: v1, served: true}]}"),
                /^Error: bad\.yaml document 1: 0 storage versions, expected 1$/,
            ],
            [crd(good, "{}"), /^Error: bad\.yaml document 1: name is not a string$/],
            [crd(good.replace("group: x.io", "group: ''")), /^Error: bad\.yaml document 1: group is not a string$/],
            [crd(good.replace("names: {kind: A}", "names: kind")), /^Error: bad\.yaml document 1: names is not a map$/],
            [crd(good.replace("{name: v1,", "{name: 1,")), /^Error: bad\.yaml document 1: name is not a string$/],
        ];
        for (const [text, message] of cases) {
            assert.throws(() => parseCrds(text, "bad.yaml"), message, text);
        }
    });

    it("records only the versions marked served, in file order", () => {
        const [crd] = parseCrds(
            [
                "apiVersion: apiextensions.k8s.io/v1",
                "kind: CustomResourceDefinition",
                "metadata: {name: as.x.io}",
                "spec: {group: x.io, scope: Namespaced, names: {kind: A}, versions: [",
                "  {name: v2, served: true, storage: true}, {name: v1, served: false, storage: false},",
                "  {name: v3, served: true, storage: false}]}",
            ].join("\n"),
            "z.yaml",
        );
        assert.deepStrictEqual(
            [crd.name, crd.group, crd.kind, crd.scope, crd.servedVersions, crd.storageVersion, crd.file],
            ["as.x.io", "x.io", "A", "Namespaced", ["v2", "v3"], "v2", "z.yaml"],
        );
    });

    describe("what a version change does to one CRD", () => {
        /** A CRD `as.x.io` serving `versions` (name, storage, schema type), as parseCrds reads it. */
        const crdWith = (...versions: [string, boolean, string][]) =>
            parseCrds(
                [
                    "apiVersion: apiextensions.k8s.io/v1",
                    "kind: CustomResourceDefinition",
                    "metadata: {name: as.x.io}",
                    "spec: {group: x.io, scope: Cluster, names: {kind: A}, versions: [",
                    "  " +
                        versions
                            .map(
                                ([name, storage, type]) =>
                                    `{name: ${name}, served: true, storage: ${storage}, schema: {openAPIV3Schema: {type: ${type}}}}`,
                            )
                            .join(", "),
                    "  ]}",
                ].join("\n"),
                "as.yaml",
            );
        const change = (before: ReturnType<typeof crdWith>, after: ReturnType<typeof crdWith>) =>
            diffCrds(before, after).changed;

        it("a schema change of any served version, not only the first", () => {
            assert.deepStrictEqual(
                change(
                    crdWith(["v1", true, "object"], ["v2", false, "object"]),
                    crdWith(["v1", true, "object"], ["v2", false, "string"]),
                ),
                [{ name: "as.x.io", servedAdded: [], servedRemoved: [], schemaChanged: ["v2"] }],
            );
        });

        it("one served version swapped for another, the storage version kept", () => {
            assert.deepStrictEqual(
                change(
                    crdWith(["v1", true, "object"], ["v2", false, "object"]),
                    crdWith(["v1", true, "object"], ["v3", false, "object"]),
                ),
                [{ name: "as.x.io", servedAdded: ["v3"], servedRemoved: ["v2"], schemaChanged: [] }],
            );
        });

        it("only the storage version moved", () => {
            assert.deepStrictEqual(
                change(
                    crdWith(["v1", true, "object"], ["v2", false, "object"]),
                    crdWith(["v1", false, "object"], ["v2", true, "object"]),
                ),
                [
                    {
                        name: "as.x.io",
                        servedAdded: [],
                        servedRemoved: [],
                        storage: { from: "v1", to: "v2" },
                        schemaChanged: [],
                    },
                ],
            );
        });

        it("nothing but the order of the files: no change; a CRD gone or new by name", () => {
            const same = crdWith(["v1", true, "object"]);
            assert.deepStrictEqual(diffCrds(same, crdWith(["v1", true, "object"])), {
                added: [],
                removed: [],
                changed: [],
            });
            assert.deepStrictEqual(diffCrds(same, []), { added: [], removed: ["as.x.io"], changed: [] });
            assert.deepStrictEqual(diffCrds([], same), { added: ["as.x.io"], removed: [], changed: [] });
        });

        it("upstream v3.4.3 → v3.5.0 adds the served version v1 to each gateway CRD", () => {
            const up = diffCrds(crdsOf("v3.4.3"), crdsOf("v3.5.0"));
            assert.deepStrictEqual(
                up.changed.map((c) => c.servedAdded),
                [["v1"], ["v1"], ["v1"]],
            );
        });
    });

    it("refuses a version outside the matrix and files that are not CRDs", () => {
        assert.throws(() => crdsOf("v3.6.0"), /crdsOf: v3\.6\.0 is not a release of the version matrix/);
        assert.throws(() => parseCrds("apiVersion: v1\nkind: ConfigMap\n", "x.yaml"), /x\.yaml document 1: not an/);
        const twoStorage = [
            "apiVersion: apiextensions.k8s.io/v1",
            "kind: CustomResourceDefinition",
            "metadata: {name: as.x.io}",
            "spec: {group: x.io, scope: Cluster, names: {kind: A}, versions: [",
            "  {name: v1, served: true, storage: true}, {name: v2, served: true, storage: true}]}",
        ].join("\n");
        assert.throws(() => parseCrds(`---\n${twoStorage}\n`, "y.yaml"), /y\.yaml document 1: 2 storage versions/);
    });
});
