import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import {
    ANNOTATIONS,
    annotationProblem,
    findAnnotation,
    parseListenPorts,
    parseStringMap,
} from "../../rules/annotations";
import { REFERENCE } from "../harness/fixtures";

describe("annotations", () => {
    it("bundles the upstream annotation catalogue byte for byte", () => {
        const ours = path.resolve(__dirname, "..", "..", "rules", "data", "annotations", "ingress-annotations.json");
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
            ["group.order", "2147483648", /must fit in a 32-bit integer/],
            ["healthcheck-interval-seconds", "ten", /must be an integer/],
            ["healthcheck-interval-seconds", "1e1", /must be an integer/],
            ["tags", "team", /key=value pairs/],
            ["tags", "a=b,c", /key=value pairs/],
            ["tags", "a=b,,c=d", /key=value pairs/],
            ["listen-ports", '[{"TCP": 80}]', /protocols must be "HTTP" or "HTTPS"/],
            ["listen-ports", '[{"HTTP": "80"}]', /ports must be integers/],
            ["listen-ports", '[{"HTTP": 80.0}]', /ports must be integers/],
            ["listen-ports", '[{"HTTP": 0}]', /from 1 to 65535/],
            ["listen-ports", "[]", /non-empty/],
            ["listen-ports", "null", /non-empty/],
            ["listen-ports", '{"HTTP": 80}', /JSON array/],
            ["auth-idp-oidc", "{issuer:", /must be valid JSON/],
            ["auth-idp-oidc", '{"issuer": 1}', /\$\.issuer must be a string/],
            [
                "conditions.app",
                '[{"field": "host-header", "hostHeaderConfig": {"values": "a"}}]',
                /values must be a JSON array/,
            ],
            [
                "actions.app",
                '{"type": "forward", "forwardConfig": {"targetGroups": [{"weight": "1"}]}}',
                /weight must be an integer/,
            ],
            ["mutual-authentication", '{"port": 443}', /must be a JSON array/],
        ];
        for (const [key, value, message] of bad)
            assert.match(
                annotationProblem(`alb.ingress.kubernetes.io/${key}`, value) ?? "",
                message,
                `${key}=${value}`,
            );
        // Everything the controller's parser accepts passes (pkg/annotations/parser.go, computeIngressListenPorts).
        const good: [string, string][] = [
            ["scheme", "internet-facing"],
            ["group.order", "-1000"],
            ["group.order", "+10"],
            ["shield-advanced-protection", "True"],
            ["manage-backend-security-group-rules", "0"],
            ["tags", "a=b,c=d"],
            ["tags", "a = b , c=d"],
            ["tags", "a=x\\,y"],
            ["tags", "a=b,"],
            ["tags", "a=b=c"],
            ["tags", ""],
            ["subnets", "subnet-1,,subnet-2"],
            ["subnets", " subnet-1 , subnet-2 "],
            ["listen-ports", '[{"HTTP": 80}, {"HTTPS": 443}]'],
            ["listen-ports", '[{"HTTP": 80, "HTTPS": 443}]'],
            ["listen-ports", '[{"HTTP": 80}, {"HTTP": 80}]'],
            ["listen-ports", '[{"HTTP": 8080}, null, {}]'],
            ["certificate-arn", "arn:a,arn:b"],
            ["actions.forward-single", '{"type":"forward"}'],
            ["auth-idp-oidc", '{"Issuer": "https://idp", "unknownField": 1}'],
            ["wafv2-acl-name", ""],
            ["conditions.app", '[{"field": "source-ip", "sourceIPConfig": {"values": ["10.0.0.0/8"]}}]'],
        ];
        for (const [key, value] of good)
            assert.strictEqual(
                annotationProblem(`alb.ingress.kubernetes.io/${key}`, value),
                undefined,
                `${key}=${value}`,
            );
    });

    it("knows which annotations a Service may carry", () => {
        assert.strictEqual(annotationProblem("alb.ingress.kubernetes.io/healthcheck-path", "/", "Service"), undefined);
        assert.match(
            annotationProblem("alb.ingress.kubernetes.io/scheme", "internal", "Service")!,
            /only read on Ingress objects/,
        );
    });

    it("parses maps and listen ports as the controller does", () => {
        assert.deepStrictEqual(parseStringMap("a=1, b = 2"), { a: "1", b: "2" });
        assert.deepStrictEqual(parseStringMap("a=x\\,y,b=2"), { a: "x,y", b: "2" });
        assert.deepStrictEqual(parseStringMap("a=1,"), { a: "1," });
        assert.strictEqual(parseStringMap("a=1,b"), undefined);
        assert.deepStrictEqual(parseListenPorts('[{"HTTPS": 8443}]'), [{ protocol: "HTTPS", port: 8443 }]);
        // A port named again takes the later protocol (the controller fills a map in order).
        assert.deepStrictEqual(parseListenPorts('[{"HTTP": 80}, {"HTTPS": 80}, {"HTTPS": 443}]'), [
            { protocol: "HTTPS", port: 80 },
            { protocol: "HTTPS", port: 443 },
        ]);
        assert.deepStrictEqual(parseListenPorts("[{}]"), []);
    });
});
