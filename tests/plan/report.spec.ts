import * as assert from "assert";
import type { Recorded } from "../../plan/engine";
import { aRecorded } from "../harness/graph";
import { countByType, createWaves, resourceTree } from "../../plan/report";
import { schemaProblems } from "../../plan/validate";

const rec = (name: string, deps: string[] = [], parent?: string, custom = true): Recorded =>
    aRecorded({
        name,
        type: custom ? "test:index:R" : "test:index:C",
        custom,
        parent: parent && `urn:${parent}`,
        dependencies: deps.map((d) => `urn:${d}`),
    });

describe("plan report", () => {
    it("puts resources in the first wave whose dependencies all come earlier", () => {
        const waves = createWaves([rec("a"), rec("b", ["a"]), rec("c", ["a"]), rec("d", ["b", "c"]), rec("e")]);
        assert.deepStrictEqual(
            waves.map((w) => w.map((r) => r.name)),
            [["a", "e"], ["b", "c"], ["d"]],
        );
    });

    it("puts a resource after the provider it is created through", () => {
        const provider = rec("k8s");
        const release = { ...rec("release"), provider: "urn:k8s::k8s-id" };
        const waves = createWaves([release, provider]);
        assert.deepStrictEqual(
            waves.map((w) => w.map((r) => r.name)),
            [["k8s"], ["release"]],
        );
    });

    it("ignores component resources and refuses cycles", () => {
        assert.deepStrictEqual(
            createWaves([rec("comp", [], undefined, false), rec("x", ["comp"])]).map((w) => w.map((r) => r.name)),
            [["x"]],
        );
        assert.throws(() => createWaves([rec("a", ["b"]), rec("b", ["a"])]), /dependency cycle/);
    });

    it("draws the parent tree and counts by type", () => {
        const lines = resourceTree(
            [rec("comp", [], undefined, false), rec("child", [], "comp"), rec("top")],
            "proj-dev",
        );
        assert.deepStrictEqual(
            lines.map((l) => l.trimEnd()),
            [
                "Type                 Name",
                "pulumi:pulumi:Stack  proj-dev",
                "├─ test:index:C      comp",
                "│  └─ test:index:R   child",
                "└─ test:index:R      top",
            ],
        );
        assert.deepStrictEqual(countByType([rec("a"), rec("b"), rec("c", [], undefined, false)]), [
            ["test:index:R", 2],
            ["test:index:C", 1],
        ]);
    });

    it("validates Kubernetes objects against the OpenAPI schemas", () => {
        assert.deepStrictEqual(
            schemaProblems({
                apiVersion: "v1",
                kind: "Service",
                metadata: { name: "s" },
                spec: { ports: [{ port: 80 }] },
            }),
            [],
        );
        assert.match(
            schemaProblems({
                apiVersion: "apps/v1",
                kind: "Deployment",
                metadata: { name: "d" },
                spec: { replicas: "two" },
            })[0],
            /replicas must be integer/,
        );
        assert.match(
            schemaProblems({ apiVersion: "example.com/v1", kind: "Widget" })[0],
            /no schema for example.com\/v1 Widget/,
        );
    });
});
