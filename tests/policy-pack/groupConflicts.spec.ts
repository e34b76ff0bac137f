/**
 * alb-group-consistent, setting by setting: every setting the controller refuses to merge across an IngressGroup
 * (policy-pack/policies/group.ts cites the controller's `pkg/ingress/model_build_*.go`) is reported when two members
 * disagree, and only then. stack.spec.ts has the policy's overall cases; this file makes sure no branch of it is
 * silently dead.
 */
import * as assert from "assert";
import { albGroupConsistent } from "../../policy-pack/policies/stack";
import { type Fake, runStackPolicy } from "../harness/policies";
import { A, classWithParams, member } from "./groupFixtures";

async function messages(fakes: Fake[]): Promise<string[]> {
    return (await runStackPolicy(albGroupConsistent, fakes)).violations.map((v) => v.message);
}

/** Two members giving `suffix` the values `a` and `b`. */
const pair = (suffix: string, a: string, b: string, common: Record<string, string> = {}) => [
    member("a", { ...common, [A(suffix)]: a }),
    member("b", { ...common, [A(suffix)]: b }),
];

describe("alb-group-consistent, setting by setting", () => {
    const EXCLUSIVE: [suffix: string, a: string, b: string][] = [
        ["ip-address-type", "ipv4", "dualstack"],
        ["load-balancer-name", "web", "api"],
        ["subnets", "subnet-1,subnet-2", "subnet-1,subnet-3"],
        ["security-groups", "sg-1,sg-2", "sg-2,sg-1"], // order matters for security groups
        ["customer-owned-ipv4-pool", "ipv4pool-coip-1", "ipv4pool-coip-2"],
        ["wafv2-acl-name", "acl-a", "acl-b"],
        ["wafv2-acl-arn", "arn:aws:wafv2:::a", "arn:aws:wafv2:::b"],
        ["waf-acl-id", "id-a", "id-b"],
        ["shield-advanced-protection", "true", "false"],
        ["manage-backend-security-group-rules", "true", "false"],
        ["ssl-redirect", "443", "8443"],
    ];
    for (const [suffix, a, b] of EXCLUSIVE) {
        it(`reports members that disagree on ${suffix}, naming both values`, async () => {
            const v = await messages(pair(suffix, a, b));
            const about = v.filter((m) => m.includes(`disagrees on ${A(suffix)} (`));
            assert.strictEqual(about.length, 1, v.join("\n"));
            assert.ok(about[0].includes(`apps/a=`) && about[0].includes(`apps/b=`), about[0]);
        });
        it(`accepts members that give ${suffix} the same value`, async () => {
            const v = await messages(pair(suffix, a, a));
            assert.deepStrictEqual(
                v.filter((m) => m.includes("disagrees")),
                [],
            );
        });
    }

    it("compares booleans as the controller reads them (strconv.ParseBool: true = TRUE = 1)", async () => {
        assert.deepStrictEqual(await messages(pair("shield-advanced-protection", "true", "TRUE")), []);
        assert.deepStrictEqual(await messages(pair("manage-backend-security-group-rules", "1", "true")), []);
    });

    it("reports two TLS policies on one HTTPS listener", async () => {
        const https = (port: number, policy: string) => ({
            [A("listen-ports")]: `[{"HTTPS":${port}}]`,
            [A("certificate-arn")]: "arn:aws:acm:us-west-2:123456789012:certificate/c",
            [A("ssl-policy")]: policy,
        });
        const same = [
            member("a", https(443, "ELBSecurityPolicy-TLS13-1-2-2021-06")),
            member("b", https(443, "ELBSecurityPolicy-TLS13-1-3-2021-06")),
        ];
        const v = await messages(same);
        assert.strictEqual(v.length, 1, v.join("\n"));
        assert.match(v[0], /sets two TLS policies on HTTPS listener 443 \(ELBSecurityPolicy-TLS13-1-2-2021-06, /);
    });

    it("reports different inbound-cidrs or prefix lists on one listener port, comparing them as sets", async () => {
        const cidrs = await messages(pair("inbound-cidrs", "10.0.0.0/8", "0.0.0.0/0"));
        assert.strictEqual(cidrs.length, 1, cidrs.join("\n"));
        assert.match(cidrs[0], /disagrees on alb\.ingress\.kubernetes\.io\/inbound-cidrs for listener port 80 /);
        assert.deepStrictEqual(
            await messages(pair("inbound-cidrs", "10.0.0.0/8, 192.168.0.0/16", "192.168.0.0/16,10.0.0.0/8,10.0.0.0/8")),
            [],
        );
        const lists = await messages(pair("security-group-prefix-lists", "pl-1", "pl-2"));
        assert.strictEqual(lists.length, 1, lists.join("\n"));
        assert.match(lists[0], /security-group-prefix-lists for listener port 80 /);
        assert.deepStrictEqual(await messages(pair("security-group-prefix-lists", "pl-1,pl-2", "pl-2, pl-1")), []);
    });

    it("leaves malformed inbound-cidrs out of the comparison (alb-annotations-known reports them)", async () => {
        assert.deepStrictEqual(await messages(pair("inbound-cidrs", "10.0.0.0/8", "10.0.0.0/33")), []);
    });

    // IngressClassParams fields (crds.yaml of the chart, IngressClassParams spec) that override a member's annotation.
    for (const [field, suffix, fromParams, fromAnnotation] of [
        ["ipAddressType", "ip-address-type", "dualstack", "ipv4"],
        ["loadBalancerName", "load-balancer-name", "shared-alb", "web"],
        ["wafv2AclArn", "wafv2-acl-arn", "arn:aws:wafv2:::a", "arn:aws:wafv2:::b"],
        ["wafv2AclName", "wafv2-acl-name", "acl-a", "acl-b"],
        ["sslRedirectPort", "ssl-redirect", "443", "8443"],
    ]) {
        it(`reports an IngressClassParams ${field} that a member's ${suffix} contradicts`, async () => {
            const fakes = [
                ...classWithParams({ group: { name: "shared" }, [field]: fromParams }),
                member("a", { [A(suffix)]: fromAnnotation }, { className: "params" }), // the params win over its own annotation
                member("b", { [A(suffix)]: fromAnnotation }),
            ];
            const v = await messages(fakes);
            const about = v.filter((m) => m.includes(`disagrees on ${A(suffix)} (`));
            assert.strictEqual(about.length, 1, v.join("\n"));
            assert.ok(about[0].includes(`apps/a=${fromParams}`) && about[0].includes(`apps/b=${fromAnnotation}`));
        });
    }

    it("accepts one member with a default backend (only several conflict)", async () => {
        const [a, b] = [member("a", {}), member("b", {})];
        (a.props as any).spec.defaultBackend = { service: { name: "a", port: { number: 80 } } };
        assert.deepStrictEqual(await messages([a, b]), []);
    });

    it("takes IngressClassParams tags and inboundCIDRs as the member's own settings", async () => {
        const fakes = [
            ...classWithParams({
                group: { name: "shared" },
                tags: [{ key: "team", value: "platform" }],
                inboundCIDRs: ["10.0.0.0/8"],
            }),
            member("a", {}, { className: "params" }),
            member("b", { [A("tags")]: "team=web", [A("inbound-cidrs")]: "0.0.0.0/0" }),
        ];
        const v = await messages(fakes);
        assert.strictEqual(v.length, 2, v.join("\n"));
        assert.ok(
            v.some((m) =>
                /disagrees on alb\.ingress\.kubernetes\.io\/tags key team \(apps\/a=platform, apps\/b=web\)/.test(m),
            ),
        );
        assert.ok(v.some((m) => /inbound-cidrs for listener port 80 /.test(m)));
    });
});
