import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import {
    ANNOTATIONS,
    annotationProblem,
    findAnnotation,
    parseListenPorts,
    parseStringMap,
} from "../../components/annotations";
import { REFERENCE } from "../harness/fixtures";

describe("annotations", () => {
    it("bundles the upstream annotation catalogue byte for byte", () => {
        const ours = path.resolve(
            __dirname,
            "..",
            "..",
            "components",
            "data",
            "annotations",
            "ingress-annotations.json",
        );
        assert.ok(
            fs
                .readFileSync(ours)
                .equals(fs.readFileSync(path.join(REFERENCE, "annotations", "ingress-annotations.json"))),
        );
        assert.strictEqual(ANNOTATIONS.length, 72);
    });

    it("knows every catalogued name, including templated ones", () => {
        for (const a of ANNOTATIONS.filter((x) => !x.pattern)) assert.strictEqual(findAnnotation(a.name), a);
        assert.strictEqual(findAnnotation("alb.ingress.kubernetes.io/actions.ssl-redirect")?.pattern, true);
        assert.strictEqual(
            findAnnotation("alb.ingress.kubernetes.io/listener-attributes.HTTPS-443")?.type,
            "stringMap",
        );
        assert.strictEqual(findAnnotation("alb.ingress.kubernetes.io/actions"), undefined);
    });

    it("reports typos with the nearest known name", () => {
        assert.match(
            annotationProblem("alb.ingress.kubernetes.io/target_type", "ip")!,
            /did you mean alb.ingress.kubernetes.io\/target-type\?/,
        );
        assert.match(
            annotationProblem("alb.ingress.kubernetes.io/sheme", "internal")!,
            /is not an annotation the AWS Load Balancer Controller knows/,
        );
        assert.strictEqual(annotationProblem("example.com/anything", "x"), undefined);
    });

    it("checks values by type: enums, booleans, integer ranges, lists, maps and JSON", () => {
        const bad: [string, string, RegExp][] = [
            ["scheme", "public", /must be one of "internal", "internet-facing"/],
            ["shield-advanced-protection", "yes", /must be "true" or "false"/],
            ["group.order", "1001", /must be from -1000 to 1000/],
            ["healthcheck-interval-seconds", "ten", /must be an integer/],
            ["subnets", "subnet-1,,subnet-2", /comma-separated list without empty items/],
            ["tags", "team", /key=value pairs/],
            ["listen-ports", '[{"HTTP": 80}, {"HTTP": 80}]', /declares port 80 twice/],
            ["listen-ports", '[{"TCP": 80}]', /entries must be/],
            ["auth-idp-oidc", "{issuer:", /must be valid JSON/],
        ];
        for (const [key, value, message] of bad)
            assert.match(annotationProblem(`alb.ingress.kubernetes.io/${key}`, value) ?? "", message, key);
        const good: [string, string][] = [
            ["scheme", "internet-facing"],
            ["group.order", "-1000"],
            ["tags", "a=b,c=d"],
            ["listen-ports", '[{"HTTP": 80}, {"HTTPS": 443}]'],
            ["certificate-arn", "arn:a,arn:b"],
            ["actions.forward-single", '{"type":"forward"}'],
        ];
        for (const [key, value] of good)
            assert.strictEqual(annotationProblem(`alb.ingress.kubernetes.io/${key}`, value), undefined, key);
    });

    it("knows which annotations a Service may carry", () => {
        assert.strictEqual(annotationProblem("alb.ingress.kubernetes.io/healthcheck-path", "/", "Service"), undefined);
        assert.match(
            annotationProblem("alb.ingress.kubernetes.io/scheme", "internal", "Service")!,
            /only read on Ingress objects/,
        );
    });

    it("parses maps and listen ports", () => {
        assert.deepStrictEqual(parseStringMap("a=1, b = 2"), { a: "1", b: "2" });
        assert.deepStrictEqual(parseListenPorts('[{"HTTPS": 8443}]'), [{ protocol: "HTTPS", port: 8443 }]);
    });
});
