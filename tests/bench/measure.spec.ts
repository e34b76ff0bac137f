import * as assert from "assert";
import { albCount, criticalPath, linearFit, stats } from "../../bench/measure";
import { scaleApps } from "../../bench/worker";
import { NO_OPTIONS, type Recorded } from "../../plan/engine";

const ingress = (name: string, group?: string, deps: string[] = []): Recorded => ({
    urn: `urn:${name}`,
    type: "kubernetes:networking.k8s.io/v1:Ingress",
    name,
    custom: true,
    inputs: { metadata: { annotations: group ? { "alb.ingress.kubernetes.io/group.name": group } : {} } },
    dependencies: deps.map((d) => `urn:${d}`),
    propertyDependencies: {},
    secretInputs: [],
    options: NO_OPTIONS,
});

describe("bench measures", () => {
    it("counts one ALB per IngressGroup and one per Ingress outside a group", () => {
        assert.strictEqual(
            albCount([ingress("a"), ingress("b"), ingress("c", "g1"), ingress("d", "g1"), ingress("e", "g2")]),
            4,
        );
    });

    it("measures the create critical path as the longest dependency chain", () => {
        assert.strictEqual(
            criticalPath([
                ingress("a"),
                ingress("b", undefined, ["a"]),
                ingress("c", undefined, ["b"]),
                ingress("d", undefined, ["a"]),
            ]),
            3,
        );
    });

    it("computes median, min and max, and a linear fit", () => {
        assert.deepStrictEqual(stats([5, 1, 3]), { median: 3, min: 1, max: 5 });
        assert.strictEqual(stats([1, 2, 3, 4]).median, 2.5);
        const fit = linearFit([1, 10, 100], [12, 30, 210]);
        assert.ok(Math.abs(fit.slope - 2) < 1e-9 && Math.abs(fit.intercept - 10) < 1e-9 && fit.r2 > 0.999);
    });

    it("generates valid scale apps, grouped with distinct paths and orders in range", () => {
        const apps = scaleApps(3, true);
        assert.deepStrictEqual(
            apps.map((a) => a.path),
            ["/app-0", "/app-1", "/app-2"],
        );
        assert.ok(
            apps.every(
                (a) => (a.group as { order: number }).order >= -1000 && (a.group as { order: number }).order <= 1000,
            ),
        );
        assert.ok(scaleApps(2, false).every((a) => a.group === undefined));
    });
});
