/**
 * alb-group-consistent at its edges (policy-pack/policies/group.ts): values the controller cannot read are not
 * compared, a member that does not set a per-port setting does not disagree, IngressClassParams entries of the wrong
 * shape are skipped, the SSL redirect is judged only when the group names one port, and messages name the group (or
 * the Ingress alone) and every member involved. Cases found by the mutation run of issue 11.
 */
import * as assert from "assert";
import { albGroupConsistent } from "../../policy-pack/policies/stack";
import { type Fake, runStackPolicy } from "../harness/policies";
import { A, classWithParams, member } from "./groupFixtures";

const messages = async (fakes: Fake[]) =>
    (await runStackPolicy(albGroupConsistent, fakes)).violations.map((v) => v.message);

describe("alb-group-consistent edges (issue 11 mutation run)", () => {
    it("is not applicable without an Ingress the controller serves", async () => {
        assert.strictEqual(
            (await runStackPolicy(albGroupConsistent, [member("a", {}, { className: "nginx", group: null })]))
                .applicable,
            false,
        );
    });
    it("compares only booleans Go reads (a malformed shield-advanced-protection is not a value)", async () => {
        assert.deepStrictEqual(
            await messages([
                member("a", { [A("shield-advanced-protection")]: "yes" }),
                member("b", { [A("shield-advanced-protection")]: "true" }),
            ]),
            [],
        );
    });
    it("skips IngressClassParams attributes that are not {key, value} strings", async () => {
        const params = classWithParams({
            loadBalancerAttributes: [
                null,
                "x",
                { key: "idle_timeout.timeout_seconds", value: 60 },
                { key: 1, value: "2" },
            ],
        });
        const b = member("b", { [A("load-balancer-attributes")]: "idle_timeout.timeout_seconds=30,1=3" });
        assert.deepStrictEqual(await messages([...params, member("a", {}, { className: "params" }), b]), []);
    });
    it("compares inbound CIDRs and prefix lists only between members that set valid ones", async () => {
        const params = classWithParams({ inboundCIDRs: [1, "10.0.0.0/8"] });
        const same = member("b", { [A("inbound-cidrs")]: "10.0.0.0/8" });
        assert.deepStrictEqual(await messages([...params, member("a", {}, { className: "params" }), same]), []);
        assert.deepStrictEqual(
            await messages([member("a", { [A("inbound-cidrs")]: "10.0.0.0/8" }), member("b", {})]),
            [],
        );
        assert.deepStrictEqual(
            await messages([
                member("a", { [A("inbound-cidrs")]: "10.0.0.0/8,bad" }),
                member("b", { [A("inbound-cidrs")]: "10.1.0.0/16" }),
            ]),
            [],
        );
        assert.deepStrictEqual(
            await messages([member("a", { [A("security-group-prefix-lists")]: "pl-1" }), member("b", {})]),
            [],
        );
    });
    it("names the group or the Ingress alone, and every member on a two-protocol port", async () => {
        const ports = (v: string) => ({
            [A("listen-ports")]: v,
            [A("certificate-arn")]: "arn:aws:acm:us-west-2:123456789012:certificate/abc",
        });
        const [m] = await messages([member("a", ports('[{"HTTP":8080}]')), member("b", ports('[{"HTTPS":8080}]'))]);
        assert.match(
            m,
            /^IngressGroup shared declares listener port 8080 as both HTTP and HTTPS \(apps\/a=HTTP, apps\/b=HTTPS\)/,
        );
        const [alone] = await messages(
            [member("a", { [A("listen-ports")]: '[{"HTTPS":443}]' }, { group: null })].map((f) => ({
                ...f,
                props: { ...f.props, spec: { ...f.props.spec, rules: [] } },
            })),
        );
        assert.match(alone, /^Ingress apps\/a has an HTTPS listener on port 443 without a certificate/);
        const tls = (p: string) => ({ ...ports('[{"HTTPS":443}]'), [A("ssl-policy")]: p });
        const [two] = await messages([member("a", tls("p1")), member("b", tls("p2"))]);
        assert.match(two, /two TLS policies on HTTPS listener 443 \(p1, p2\)/);
        const defaults = await messages([
            member("a", {}, { defaultBackend: true }),
            member("b", {}, { defaultBackend: true }),
        ]);
        assert.match(defaults[0], /several members with spec\.defaultBackend \(apps\/a, apps\/b\)/);
    });
    it("judges the SSL redirect when the group names one port, set by one member or by IngressClassParams", async () => {
        const http = { [A("listen-ports")]: '[{"HTTP":80}]' };
        const [m] = await messages([member("a", { ...http, [A("ssl-redirect")]: "80" }), member("b", http)]);
        assert.match(
            m,
            /redirects HTTP to port 80 with alb\.ingress\.kubernetes\.io\/ssl-redirect, but that listener is HTTP/,
        );
        const params = classWithParams({ sslRedirectPort: "443" });
        const [p] = await messages([...params, member("a", http, { className: "params" })]);
        assert.match(p, /redirects HTTP to port 443 .* but no member listens on it/);
        const two = await messages([
            member("a", { ...http, [A("ssl-redirect")]: "80" }),
            member("b", { ...http, [A("ssl-redirect")]: "443" }),
        ]);
        assert.strictEqual(two.length, 1, two.join("\n"));
        assert.match(two[0], /disagrees on alb\.ingress\.kubernetes\.io\/ssl-redirect/);
    });
});
