import * as assert from "assert";
import { findAnnotation } from "../../rules/annotations";
import {
    AUTO_MODE_UNSUPPORTED_INGRESS_ANNOTATIONS,
    autoModeAnnotationProblem,
    autoModeIngressClassAnnotationProblem,
    autoModeIngressClassParamsProblems,
    autoModeTargetGroupBindingProblems,
} from "../../rules/autoMode";
import * as fs from "fs";
import * as path from "path";
import { REFERENCE } from "../harness/fixtures";

const A = (k: string) => `alb.ingress.kubernetes.io/${k}`;

describe("EKS Auto Mode rules (auto-configure-alb.adoc)", () => {
    it("lists every annotation of the guide's 'Ingress annotations' table as not supported", () => {
        const guide = fs.readFileSync(path.join(REFERENCE, "automode", "auto-configure-alb.adoc"), "utf8");
        const table = guide.slice(guide.indexOf("=== Ingress annotations"), guide.indexOf("=== TargetGroupBinding"));
        const notSupported = [...table.matchAll(/^\| `([^`]+)` \| Not supported/gm)].map((m) => m[1]);
        assert.ok(notSupported.length >= 5, table);
        for (const key of notSupported) assert.ok(autoModeAnnotationProblem(key), `${key} must be refused`);
    });

    it("names only annotations the self-managed controller knows (its catalogue), and says what to use instead", () => {
        for (const u of AUTO_MODE_UNSUPPORTED_INGRESS_ANNOTATIONS.filter((a) => a.key.startsWith(A("")))) {
            const example = u.key.endsWith(".") ? `${u.key}HTTP-80` : u.key;
            assert.ok(findAnnotation(example), example);
            assert.ok(u.instead.length > 0 && u.source.includes("auto-configure-alb.adoc"));
        }
    });

    it("refuses a family by its prefix and leaves what Auto Mode supports alone", () => {
        assert.match(
            autoModeAnnotationProblem(A("listener-attributes.HTTPS-443")) ?? "",
            /listener attributes cannot be set/,
        );
        assert.strictEqual(
            autoModeAnnotationProblem(A("listener-attributes.")),
            undefined,
            "no protocol-port: not the family",
        );
        for (const supported of ["scheme", "target-type", "wafv2-acl-arn", "group.order", "certificate-arn", "tags"]) {
            assert.strictEqual(autoModeAnnotationProblem(A(supported)), undefined, supported);
        }
        assert.match(
            autoModeAnnotationProblem(A("waf-acl-id")) ?? "",
            /use WAF v2 \(alb\.ingress\.kubernetes\.io\/wafv2-acl-arn\)/,
        );
    });

    it("judges IngressClass annotations: the controller's have no effect on an Auto Mode class", () => {
        assert.match(
            autoModeIngressClassAnnotationProblem(A("scheme")) ?? "",
            /^has no effect: annotations on an IngressClass/,
        );
        assert.strictEqual(
            autoModeIngressClassAnnotationProblem("ingressclass.kubernetes.io/is-default-class"),
            undefined,
        );
    });

    it("reports the v1beta1 IngressClassParams fields Auto Mode renamed or dropped", () => {
        assert.deepStrictEqual(
            autoModeIngressClassParamsProblems({ scheme: "internal", certificateArn: ["a"], listeners: [] }).map(
                (p) => p.path,
            ),
            ["spec.certificateArn", "spec.listeners"],
        );
        assert.match(
            autoModeIngressClassParamsProblems({ certificateArn: [] })[0].message,
            /use spec\.certificateARNs/,
        );
        assert.deepStrictEqual(
            autoModeIngressClassParamsProblems({ certificateARNs: ["a"], group: { name: "g" } }),
            [],
        );
        assert.deepStrictEqual(autoModeIngressClassParamsProblems(undefined), []);
    });

    it("reports what an eks.amazonaws.com/v1 TargetGroupBinding needs or cannot have", () => {
        assert.deepStrictEqual(
            autoModeTargetGroupBindingProblems({
                networking: { ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/8" } }] }] },
            }).map((p) => p.path),
            ["spec.targetType", "spec.networking.ingress[0].from"],
        );
        assert.deepStrictEqual(autoModeTargetGroupBindingProblems({ targetType: "ip" }), []);
    });
});
