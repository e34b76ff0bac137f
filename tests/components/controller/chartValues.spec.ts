/**
 * The chart's values.yaml as the component reads it (components/controller/chartValues.ts): which keys of
 * `helmValues` are unknown to the chart line of `version` (Helm ignores them silently), where the chart is free-form.
 */
import * as assert from "assert";
import { AlbIngressController, InvalidArgumentsError } from "../../../components/index";
import { controllerChartDefaults, unknownValuePaths, valuePaths } from "../../../components/controller/chartValues";
import { controllerArgs } from "../../harness/fixtures";

describe("chart values", () => {
    it("checks helmValues against the values.yaml of the chart line of `version`", () => {
        const newKey = { helmValues: { albGatewayMaxConcurrentReconciles: 3 } };
        assert.throws(
            () => new AlbIngressController("old-line", controllerArgs({ version: "v2.17.1", ...newKey })),
            (e: unknown) =>
                e instanceof InvalidArgumentsError &&
                /`helmValues\.albGatewayMaxConcurrentReconciles` is not a value of chart aws-load-balancer-controller 1\.17\.1/.test(
                    e.message,
                ),
        );
        assert.throws(
            () => controllerChartDefaults("10.0.0"),
            /^Error: no bundled values\.yaml for chart version 10\.0\.0$/,
        );
    });

    it("lists the leaf paths of a values object (lists and empty maps are leaves)", () => {
        assert.deepStrictEqual(valuePaths({ a: { b: 1, c: { d: [1] } }, e: {}, f: null, g: [] }), [
            "a.b",
            "a.c.d",
            "e",
            "f",
            "g",
        ]);
    });

    it("finds unknown keys only where the upstream map is closed", () => {
        const ref = { a: { b: 1 }, free: {}, nul: null, list: [] };
        assert.deepStrictEqual(
            unknownValuePaths({ a: { b: 2, c: 3 }, free: { x: 1 }, nul: { y: 1 }, list: [1], z: 0 }, ref),
            ["a.c", "z"],
        );
        assert.deepStrictEqual(
            unknownValuePaths({ a: "replaced" }, ref),
            [],
            "a value in place of a map is not a new key",
        );
    });
});
