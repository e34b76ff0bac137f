/**
 * The edges of the annotation readers (rules/annotationValues.ts, annotations.ts) that replicate the controller's
 * parsers (kubernetes-sigs/aws-load-balancer-controller v3.5.0 `pkg/annotations/parser.go` splitKeyValuePairs,
 * `encoding/json` number literals, Go's `net.ParseCIDR`) and the catalogue's value checks. Cases found by the mutation
 * run of issue 11.
 */
import * as assert from "assert";
import { annotationProblem } from "../../rules/annotations";
import { JsonNumber, readCidr, readJson, readStringMap } from "../../rules/annotationValues";

const A = (k: string) => `alb.ingress.kubernetes.io/${k}`;

describe("annotation reader edges (issue 11 mutation run)", () => {
    it("string maps keep a trailing comma or backslash in the value, and split on a comma before a key=", () => {
        assert.deepStrictEqual(readStringMap(" a=1 , b=2 ").value, { a: "1", b: "2" });
        assert.deepStrictEqual(readStringMap("a=1, ").value, { a: "1," });
        assert.deepStrictEqual(readStringMap("a=1\\").value, { a: "1\\" });
        assert.deepStrictEqual(readStringMap("a=x\\,y=1").value, { a: "x,y=1" });
        assert.ok(readStringMap("a=1, b").problem);
    });

    it("reads JSON number literals whole (fractions, exponents with or without sign) and the three keywords", () => {
        const literals = ["1.25", "1e5", "1E+05", "-2.5e-3", "1e10"];
        assert.deepStrictEqual(
            readJson(`[${literals.join(",")}]`),
            literals.map((l) => new JsonNumber(l)),
        );
        assert.deepStrictEqual(readJson("[true,false,null]"), [true, false, null]);
    });

    it("refuses an IPv6 address with two '::' even when it names eight groups (net.ParseCIDR)", () => {
        assert.ok(readCidr("1::2:3:4:5:6:7::8/64").problem);
        assert.strictEqual(readCidr("1:2:3:4:5:6:7:8/64").problem, undefined);
    });

    it("integer ranges include both ends", () => {
        for (const ok of ["5", "300"])
            assert.strictEqual(annotationProblem(A("healthcheck-interval-seconds"), ok), undefined);
        assert.strictEqual(annotationProblem(A("healthcheck-interval-seconds"), "4"), 'must be from 5 to 300, got "4"');
        assert.strictEqual(
            annotationProblem(A("healthcheck-interval-seconds"), "301"),
            'must be from 5 to 300, got "301"',
        );
    });

    it("refuses blank strings where a value is needed, accepts any text in string lists", () => {
        for (const blank of ["", "  "]) {
            assert.strictEqual(
                annotationProblem(A("load-balancer-name"), blank),
                `must not be empty, got ${JSON.stringify(blank)}`,
            );
        }
        assert.strictEqual(annotationProblem(A("waf-acl-id"), ""), undefined);
        assert.strictEqual(annotationProblem(A("security-groups"), "sg-1, web"), undefined);
    });

    it("says an unknown annotation is ignored, suggesting a near name only when there is one", () => {
        assert.strictEqual(
            annotationProblem(A("no-such-thing"), "x"),
            "is not an annotation the AWS Load Balancer Controller knows; the controller would ignore it",
        );
        assert.match(
            annotationProblem(A("loadbalancer-name"), "x") ?? "",
            /did you mean alb\.ingress\.kubernetes\.io\/load-balancer-name\?/,
        );
    });
});
