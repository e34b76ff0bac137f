/**
 * The ALB policies at their edges (policy-pack/policies/alb.ts): when they do not apply, members named in the
 * controller's order (namespace/name), conflicting schemes left to alb-group-consistent, one HTTPS listener with a
 * certificate being enough, and the exact lists in the messages. Cases found by the mutation run of issue 11.
 */
import * as assert from "assert";
import { albInternetFacingHttps, albTlsPolicy, albWafInternetFacing } from "../../policy-pack/policies/alb";
import { type Fake, runStackPolicy, urnOf } from "../harness/policies";
import { CERT_ARN } from "../harness/fixtures";
import { A, member } from "./groupFixtures";

const PUBLIC = { [A("scheme")]: "internet-facing" };
const WAF = { [A("wafv2-acl-arn")]: "arn:aws:wafv2:us-west-2:123456789012:regional/webacl/web/abc" };

describe("ALB policies at their edges (issue 11 mutation run)", () => {
    it("are not applicable to a stack without an Ingress the controller serves", async () => {
        // An Ingress of another class, without alb.ingress.kubernetes.io annotations (albModel.ts `classify`).
        const nginx = member("web", {}, { className: "nginx", group: null });
        for (const p of [albInternetFacingHttps, albTlsPolicy, albWafInternetFacing]) {
            const r = await runStackPolicy(p, [nginx]);
            assert.deepStrictEqual([r.violations, r.applicable], [[], false], p.name);
        }
    });

    it("name the members of a group in the controller's order, and report on the first", async () => {
        // Given in reverse order: the controller sorts an IngressGroup's members by namespace/name.
        const both = {
            ...PUBLIC,
            ...WAF,
            [A("listen-ports")]: '[{"HTTP":80},{"HTTPS":443}]',
            [A("certificate-arn")]: CERT_ARN,
        };
        const fakes: Fake[] = [member("zeta", both), member("alpha", both)];
        const r = await runStackPolicy(albInternetFacingHttps, fakes);
        assert.deepStrictEqual(r.violations, [
            {
                message: `Internet-facing ALB of IngressGroup shared serves plain HTTP on port 80 (apps/alpha, apps/zeta) without a redirect; set annotation ${A("ssl-redirect")}: "443" on one member of the group (or drop the HTTP listener).`,
                urn: urnOf(fakes[1]),
            },
        ]);
        const noHttps = [member("zeta", PUBLIC), member("alpha", PUBLIC)];
        const waf = await runStackPolicy(albWafInternetFacing, noHttps);
        assert.deepStrictEqual(
            waf.violations.map((v) => v.urn),
            [urnOf(noHttps[1])],
        );
    });

    it("leave a group with conflicting schemes to alb-group-consistent", async () => {
        const fakes = [member("a", PUBLIC), member("b", { [A("scheme")]: "internal" })];
        assert.deepStrictEqual((await runStackPolicy(albInternetFacingHttps, fakes)).violations, []);
        assert.deepStrictEqual((await runStackPolicy(albWafInternetFacing, fakes)).violations, []);
    });

    it("alb-internet-facing-https: one HTTPS listener with a certificate is enough", async () => {
        // b's HTTPS:8443 has neither a certificate nor a host for discovery: alb-group-consistent reports that
        // listener; this policy asks only that the internet-facing ALB has HTTPS with a certificate at all.
        const b = member("b", { ...PUBLIC, [A("listen-ports")]: '[{"HTTPS":8443}]' });
        const fakes = [
            member("a", { ...PUBLIC, [A("listen-ports")]: '[{"HTTPS":443}]', [A("certificate-arn")]: CERT_ARN }),
            { ...b, props: { ...b.props, spec: { ...b.props.spec, rules: [] } } },
        ];
        assert.deepStrictEqual((await runStackPolicy(albInternetFacingHttps, fakes)).violations, []);
    });

    it("alb-tls-policy lists the allowed policies in its messages", async () => {
        const allowed = ["ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-3-2021-06"];
        const https = { [A("listen-ports")]: '[{"HTTPS":443}]', [A("certificate-arn")]: CERT_ARN };
        const byDefault = await runStackPolicy(albTlsPolicy, [member("a", https, { group: null })], {
            allowedPolicies: allowed,
        });
        assert.deepStrictEqual(
            byDefault.violations.map((v) => v.message),
            [
                `HTTPS listener 443 of Ingress apps/a uses the controller's default TLS policy ELBSecurityPolicy-2016-08, which allows TLS 1.0; set annotation ${A("ssl-policy")} to one of ${allowed[0]}, ${allowed[1]}.`,
            ],
        );
        const old = { ...https, [A("ssl-policy")]: "ELBSecurityPolicy-TLS-1-1-2017-01" };
        const explicit = await runStackPolicy(albTlsPolicy, [member("a", old, { group: null })], {
            allowedPolicies: allowed,
        });
        assert.deepStrictEqual(
            explicit.violations.map((v) => v.message),
            [
                `HTTPS listener 443 of Ingress apps/a uses ssl-policy ELBSecurityPolicy-TLS-1-1-2017-01, which is not an allowed TLS 1.2+ policy; use one of ${allowed[0]}, ${allowed[1]}.`,
            ],
        );
    });
});
