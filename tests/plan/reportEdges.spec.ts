import * as assert from "assert";
import type { Recorded } from "../../plan/engine";
import { aRecorded } from "../harness/graph";
import { countByType, createWaves, formatWaves, resourceTree } from "../../plan/report";

const rec = (name: string, deps: string[] = [], parent?: string, type = "test:index:R", custom = true): Recorded =>
    aRecorded({ name, type, custom, parent: parent && `urn:${parent}`, dependencies: deps.map((d) => `urn:${d}`) });
const names = (waves: Recorded[][]) => waves.map((w) => w.map((r) => r.name));

describe("plan report: tree, counts and waves at their edges", () => {
    it("shows a resource whose parent was not recorded (the stack) at the top, once", () => {
        const lines = resourceTree([rec("a", [], "stack"), rec("comp", [], undefined, "test:index:C", false)], "p-dev");
        assert.deepStrictEqual(
            lines.map((l) => l.trimEnd()),
            [
                "Type                 Name",
                "pulumi:pulumi:Stack  p-dev",
                "├─ test:index:R      a",
                "└─ test:index:C      comp",
            ],
        );
    });

    it("indents the children of the last resource without a rule", () => {
        const lines = resourceTree(
            [rec("top"), rec("comp", [], undefined, "test:index:C", false), rec("child", [], "comp")],
            "p-dev",
        );
        assert.deepStrictEqual(
            lines.map((l) => l.trimEnd()),
            [
                "Type                 Name",
                "pulumi:pulumi:Stack  p-dev",
                "├─ test:index:R      top",
                "└─ test:index:C      comp",
                "   └─ test:index:R   child",
            ],
        );
    });

    it("counts the most frequent type first, ties by name", () => {
        const rs = [rec("z", [], undefined, "z:index:Z"), rec("c", [], undefined, "c:index:C")];
        rs.push(rec("a1", [], undefined, "a:index:A"), rec("a2", [], undefined, "a:index:A"));
        assert.deepStrictEqual(countByType(rs), [
            ["a:index:A", 2],
            ["c:index:C", 1],
            ["z:index:Z", 1],
        ]);
    });

    it("layers a wide lattice of dependencies in one pass (each resource waits for both of the layer before)", function () {
        this.timeout(5000);
        const rs: Recorded[] = [rec("l0a"), rec("l0b")];
        for (let i = 1; i < 40; i++) {
            const before = [`l${i - 1}a`, `l${i - 1}b`];
            rs.push(rec(`l${i}a`, before), rec(`l${i}b`, before));
        }
        const waves = createWaves(rs);
        assert.strictEqual(waves.length, 40);
        assert.deepStrictEqual(
            waves[39].map((r) => r.name),
            ["l39a", "l39b"],
        );
    });

    it("does not take a resource listed among its own dependencies for a cycle", () => {
        assert.deepStrictEqual(names(createWaves([rec("a", ["a"]), rec("b", ["a"])])), [["a"], ["b"]]);
    });

    it("prints waves numbered from 1, names comma-separated", () => {
        const waves = createWaves([rec("a"), rec("b", ["a"]), rec("c", ["a"])]);
        assert.deepStrictEqual(formatWaves(waves, "wave"), ["  wave  1: a", "  wave  2: b, c"]);
        assert.deepStrictEqual(formatWaves([...waves].reverse(), "step"), ["  step  1: b, c", "  step  2: a"]);
    });
});
