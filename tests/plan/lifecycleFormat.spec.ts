import * as assert from "assert";
import { formatSteps, summarize } from "../../plan/lifecycle/format";
import type { Step } from "../../plan/lifecycle/world";

function step(op: Step["op"], name: string, fields: Partial<Step> = {}): Step {
    return {
        op,
        urn: `urn:${name}`,
        type: "kubernetes:core/v1:Namespace",
        name,
        diffs: [],
        replaceKeys: [],
        deleteBeforeReplace: false,
        dangers: [],
        errors: [],
        ...fields,
    };
}

// The signs of `pulumi preview --diff`: pulumi/pulumi pkg/display (+ create, ~ update, +- replace, -+ delete-before-
// replace, - delete, = import).
describe("lifecycle: printing steps", () => {
    it("one line per change: sign, operation, type, name and the keys", () => {
        const T = "kubernetes:core/v1:Namespace";
        assert.deepStrictEqual(
            formatSteps([
                step("create", "a"),
                step("update", "b", { diffs: ["metadata", "spec"] }),
                step("replace", "c", { replaceKeys: ["metadata.name", "spec.selector"] }),
                step("replace", "d", { replaceKeys: ["namespace"], deleteBeforeReplace: true }),
                step("delete", "e"),
                step("import", "f"),
            ]),
            [
                `  +  create  ${T}  a`,
                `  ~  update  ${T}  b [metadata, spec]`,
                `  +- replace ${T}  c [replace: metadata.name, spec.selector; create-before-delete]`,
                `  -+ replace ${T}  d [replace: namespace; delete-before-replace]`,
                `  -  delete  ${T}  e`,
                `  =  import  ${T}  f`,
            ],
        );
    });

    it("leaves out unchanged resources unless asked, but never one with a danger or an error", () => {
        const same = step("same", "quiet");
        assert.deepStrictEqual(formatSteps([same]), []);
        assert.deepStrictEqual(formatSteps([same], true), ["     same    kubernetes:core/v1:Namespace  quiet"]);
        assert.deepStrictEqual(formatSteps([step("same", "x", { dangers: ["d"] })]), [
            "     same    kubernetes:core/v1:Namespace  x",
            "       DANGER d",
        ]);
        assert.deepStrictEqual(formatSteps([step("same", "y", { errors: ["e"] })]), [
            "     same    kubernetes:core/v1:Namespace  y",
            "       ERROR  e",
        ]);
    });

    it("prints each danger and error below its step, and marks a retained delete", () => {
        assert.deepStrictEqual(
            formatSteps([
                step("delete", "crd", {
                    retained: true,
                    dangers: ["one", "two"],
                    errors: ["refused"],
                }),
            ]),
            [
                "  -  delete  kubernetes:core/v1:Namespace  crd (retained: stays in the cloud)",
                "       DANGER one",
                "       DANGER two",
                "       ERROR  refused",
            ],
        );
    });

    it("summarizes the operations in the order they first occur", () => {
        assert.strictEqual(
            summarize([step("same", "a"), step("create", "b"), step("same", "c"), step("delete", "d")]),
            "2 same, 1 create, 1 delete",
        );
        assert.strictEqual(summarize([]), "");
    });
});
