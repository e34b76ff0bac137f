/**
 * The edges of the Ingress-level rules (rules/ingressRules.ts): the last accepted and first refused value, the
 * annotation a finding is reported under, whether it is refused or ignored, and that it cites its upstream source
 * (kubernetes-sigs/aws-load-balancer-controller v3.5.0 and the ELBv2 API). Cases found by the mutation run of issue 11.
 */
import * as assert from "assert";
import { type IngressView, ingressRuleProblems, listenPortsOf, tagProblem } from "../../rules/ingressRules";
import { assertExplained } from "./explained";

const A = (k: string) => `alb.ingress.kubernetes.io/${k}`;
const view = (annotations: Record<string, string>): IngressView => ({
    annotations: Object.fromEntries(Object.entries(annotations).map(([k, v]) => [A(k), v])),
    rules: [{ host: "app.example.com", paths: [{ path: "/", pathType: "Prefix", backend: { serviceName: "web" } }] }],
});
const found = (annotations: Record<string, string>) => {
    const ps = ingressRuleProblems(view(annotations));
    assertExplained(ps);
    return ps.map((p) => `${p.key.replace(A(""), "")} ${p.effect}: ${p.message}`);
};

describe("Ingress rule edges (issue 11 mutation run)", () => {
    it("create-acm-cert: true makes the default listener HTTPS:443, false leaves HTTP:80", () => {
        assert.deepStrictEqual(listenPortsOf({ [A("create-acm-cert")]: "true" }), [{ protocol: "HTTPS", port: 443 }]);
        assert.deepStrictEqual(listenPortsOf({ [A("create-acm-cert")]: "false" }), [{ protocol: "HTTP", port: 80 }]);
        assert.deepStrictEqual(found({ "create-acm-cert": "true", "ssl-redirect": "443" }), []);
    });

    it("tags: keys of 1 to 128 characters without '=', values up to 256 (ELBv2 Tag)", () => {
        assert.strictEqual(tagProblem("k", ""), undefined);
        assert.strictEqual(tagProblem("k".repeat(128), "v".repeat(256)), undefined);
        for (const key of ["", "k".repeat(129), "a=b", "a*b"])
            assert.match(tagProblem(key, "v") ?? "", /^key must be 1-128/, key);
        assert.match(tagProblem("k", "v".repeat(257)) ?? "", /^value of "k" must be at most 256/);
        assert.match(tagProblem("AWS:x", "v") ?? "", /^key must not start with "aws:"/);
        assert.deepStrictEqual(found({ "frontend-nlb-tags": "aws:x=1" }), [
            'frontend-nlb-tags rejected: key must not start with "aws:" (reserved to AWS), got "aws:x"',
        ]);
    });

    it("ssl-redirect names the listeners it sees, and is not judged when listen-ports is malformed", () => {
        assert.deepStrictEqual(found({ "listen-ports": '[{"HTTP":80},{"HTTP":8080}]', "ssl-redirect": "443" }), [
            "ssl-redirect rejected: must name an HTTPS listener port of the Ingress (listeners: HTTP:80, HTTP:8080), got 443",
        ]);
        const malformed = found({ "listen-ports": "[{", "ssl-redirect": "443" });
        assert.ok(
            malformed.every((p) => p.startsWith("listen-ports")),
            malformed.join("\n"),
        );
    });

    it("IPv6 inbound CIDRs: kept by any dualstack address type, ignored (not refused) on IPv4", () => {
        assert.deepStrictEqual(
            found({ "inbound-cidrs": "2001:db8::/32", "ip-address-type": "dualstack-without-public-ipv4" }),
            [],
        );
        assert.deepStrictEqual(found({ "inbound-cidrs": "10.0.0.0/8,2001:db8::/32" }), [
            'inbound-cidrs ignored: "2001:db8::/32" is IPv6 but the ALB is IPv4-only: the controller leaves it out of the security group (set ip-address-type to dualstack)',
        ]);
        assert.deepStrictEqual(found({ "inbound-cidrs": "10.0.0.0/33" }).length, 1);
    });

    it("with security-groups, inbound-cidrs and security-group-prefix-lists are ignored, each under its own name", () => {
        assert.deepStrictEqual(
            found({
                "security-groups": "sg-1",
                "inbound-cidrs": "10.0.0.0/8",
                "security-group-prefix-lists": "pl-1",
            }).map((p) => p.split(":")[0]),
            ["inbound-cidrs ignored", "security-group-prefix-lists ignored"],
        );
    });

    it("load balancer attributes, capacity, pools and port mappings: what each accepts and how it reports", () => {
        assert.deepStrictEqual(found({ "load-balancer-attributes": "deletion_protection.enabled=false" }), []);
        assert.deepStrictEqual(found({ "minimum-load-balancer-capacity": "CapacityUnits=abc" }), [
            'minimum-load-balancer-capacity rejected: must be CapacityUnits=<integer>, got "CapacityUnits=abc"',
        ]);
        assert.deepStrictEqual(found({ "customer-owned-ipv4-pool": "" }), []);
        assert.deepStrictEqual(found({ "frontend-nlb-listener-port-mapping": "http=443" }), [
            'frontend-nlb-listener-port-mapping rejected: must map integer NLB ports to integer ALB ports, got "http=443"',
        ]);
        const all = found({
            "group.name": "Team",
            "certificate-arn": "arn:x",
            "load-balancer-attributes": "deletion_protection.enabled=yes",
            "customer-owned-ipv4-pool": "pool",
            "load-balancer-name": "-x",
            tags: "a*b=x",
        });
        assert.deepStrictEqual(
            all.map((p) => p.split(" ")[0]),
            [
                "group.name",
                "certificate-arn",
                "tags",
                "load-balancer-name",
                "load-balancer-attributes",
                "customer-owned-ipv4-pool",
            ],
        );
    });

    it("WAF: a wafv2-acl-name that is set wins over the ARN; waf-acl-id over web-acl-id; bad ARNs refused", () => {
        const arn = "arn:aws:wafv2:us-west-2:123456789012:regional/webacl/web/0f0e";
        assert.deepStrictEqual(found({ "wafv2-acl-arn": arn, "wafv2-acl-name": "" }), []);
        assert.deepStrictEqual(found({ "wafv2-acl-arn": arn, "wafv2-acl-name": "web" }), [
            "wafv2-acl-arn ignored: has no effect: wafv2-acl-name is set, and the controller uses the name instead",
        ]);
        assert.deepStrictEqual(found({ "wafv2-acl-name": "web" }), []);
        assert.deepStrictEqual(found({ "waf-acl-id": "acl-1" }), []);
        assert.deepStrictEqual(
            found({ "waf-acl-id": "acl-1", "web-acl-id": "acl-2" }).map((p) => p.split(":")[0]),
            ["web-acl-id ignored"],
        );
        assert.deepStrictEqual(
            found({ "wafv2-acl-arn": "arn:aws:wafv2:x" }).map((p) => p.split(":")[0]),
            ["wafv2-acl-arn rejected"],
        );
    });
});
