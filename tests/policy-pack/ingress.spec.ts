import * as assert from "assert";
import {
    albAnnotationsKnown,
    albIngressClassName,
    albInternetFacingHttps,
    albTlsPolicy,
    albWafInternetFacing,
    ingressNetworkingV1,
} from "../../policy-pack/policies/ingress";
import { runResourcePolicy } from "../harness/policies";

const ING = "kubernetes:networking.k8s.io/v1:Ingress";
const A = (k: string) => `alb.ingress.kubernetes.io/${k}`;
const CERT = "arn:aws:acm:us-west-2:123456789012:certificate/0f0e0d0c-1111-2222-3333-444455556666";
const WAF = "arn:aws:wafv2:us-west-2:123456789012:regional/webacl/web/abc";

/** An ALB Ingress with `annotations`, of `type`. */
const ingress = (annotations: Record<string, unknown> = {}, spec: Record<string, any> = {}, type = ING) => ({
    type,
    name: "web",
    props: {
        metadata: { name: "web", namespace: "apps", annotations },
        spec: {
            ingressClassName: "alb",
            rules: [{ http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web" } } }] } }],
            ...spec,
        },
    },
});
const secure = {
    [A("scheme")]: "internet-facing",
    [A("listen-ports")]: '[{"HTTP":80},{"HTTPS":443}]',
    [A("certificate-arn")]: CERT,
    [A("ssl-redirect")]: "443",
    [A("ssl-policy")]: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    [A("wafv2-acl-arn")]: WAF,
};

describe("ingress policies", () => {
    describe("ingress-networking-v1", () => {
        for (const type of ["kubernetes:extensions/v1beta1:Ingress", "kubernetes:networking.k8s.io/v1beta1:Ingress"]) {
            it(`reports a violation when the Ingress is ${type.split(":")[1]}`, async () => {
                const { violations } = await runResourcePolicy(ingressNetworkingV1, ingress({}, {}, type));
                assert.strictEqual(violations.length, 1);
                assert.match(violations[0], /change apiVersion to networking\.k8s\.io\/v1/);
            });
        }
        it("passes when the Ingress is networking.k8s.io/v1", async () => {
            assert.deepStrictEqual((await runResourcePolicy(ingressNetworkingV1, ingress())).violations, []);
        });
        it("passes when the resource is not an Ingress (not applicable)", async () => {
            const r = await runResourcePolicy(ingressNetworkingV1, { type: "kubernetes:core/v1:Service", props: {} });
            assert.deepStrictEqual([r.violations, r.applicable], [[], false]);
        });
    });

    describe("alb-ingress-class-name", () => {
        it("reports a violation when the deprecated class annotation is used instead of ingressClassName", async () => {
            const f = ingress({ "kubernetes.io/ingress.class": "alb" }, { ingressClassName: undefined });
            const { violations } = await runResourcePolicy(albIngressClassName, f);
            assert.strictEqual(violations.length, 2);
            assert.match(violations[0], /remove it and set spec\.ingressClassName: alb/);
            assert.match(violations[1], /does not set spec\.ingressClassName/);
        });
        it("reports a violation when an Ingress with alb annotations has no class", async () => {
            const f = ingress({ [A("scheme")]: "internal" }, { ingressClassName: undefined });
            assert.strictEqual((await runResourcePolicy(albIngressClassName, f)).violations.length, 1);
        });
        it("passes when spec.ingressClassName is set", async () => {
            assert.deepStrictEqual((await runResourcePolicy(albIngressClassName, ingress())).violations, []);
        });
        it("passes when the Ingress belongs to another controller", async () => {
            const f = ingress({ "kubernetes.io/ingress.class": "nginx" }, { ingressClassName: undefined });
            const r = await runResourcePolicy(albIngressClassName, f);
            assert.deepStrictEqual([r.violations, r.applicable], [[], false]);
        });
        it("passes when a configured class name is used", async () => {
            const f = ingress({}, { ingressClassName: "alb-internal" });
            const r = await runResourcePolicy(albIngressClassName, f, { albIngressClasses: ["alb", "alb-internal"] });
            assert.deepStrictEqual([r.violations, r.applicable], [[], true]);
        });
    });

    describe("alb-annotations-known", () => {
        it("reports a violation when an annotation is misspelled", async () => {
            const { violations } = await runResourcePolicy(albAnnotationsKnown, ingress({ [A("target_type")]: "ip" }));
            assert.strictEqual(violations.length, 1);
            assert.match(
                violations[0],
                /target_type is not an annotation .*did you mean alb\.ingress\.kubernetes\.io\/target-type/,
            );
        });
        it("reports a violation when a value is malformed", async () => {
            const f = ingress({ [A("listen-ports")]: "80,443", [A("group.order")]: "2000", [A("scheme")]: "public" });
            assert.strictEqual((await runResourcePolicy(albAnnotationsKnown, f)).violations.length, 3);
        });
        it("reports a violation when a Service carries an Ingress-only annotation", async () => {
            const svc = {
                type: "kubernetes:core/v1:Service",
                props: { metadata: { annotations: { [A("scheme")]: "internal" } } },
            };
            const { violations } = await runResourcePolicy(albAnnotationsKnown, svc);
            assert.match(violations[0], /Service annotation .*scheme is only read on Ingress/);
        });
        it("passes when every annotation is known and well-formed", async () => {
            const f = ingress({ ...secure, [A("tags")]: "team=web,env=prod", "example.com/owner": "me" });
            assert.deepStrictEqual((await runResourcePolicy(albAnnotationsKnown, f)).violations, []);
        });
        it("passes when an annotation value is still unknown (preview)", async () => {
            const f = ingress({ [A("certificate-arn")]: undefined });
            assert.deepStrictEqual((await runResourcePolicy(albAnnotationsKnown, f)).violations, []);
        });
    });

    describe("alb-internet-facing-https", () => {
        it("reports a violation when an internet-facing ALB serves only HTTP", async () => {
            const { violations } = await runResourcePolicy(
                albInternetFacingHttps,
                ingress({ [A("scheme")]: "internet-facing" }),
            );
            assert.strictEqual(violations.length, 3);
            assert.match(violations.join("\n"), /listen-ports/);
            assert.match(violations.join("\n"), /certificate-arn/);
            assert.match(violations.join("\n"), /ssl-redirect/);
        });
        it("reports a violation when HTTP is not redirected", async () => {
            const f = ingress({ ...secure, [A("ssl-redirect")]: undefined });
            const { violations } = await runResourcePolicy(albInternetFacingHttps, f);
            assert.deepStrictEqual(violations.length, 1);
            assert.match(violations[0], /ssl-redirect: "443"/);
        });
        it("passes when HTTPS with a certificate ARN and a redirect is set", async () => {
            assert.deepStrictEqual((await runResourcePolicy(albInternetFacingHttps, ingress(secure))).violations, []);
        });
        it("passes when only HTTPS is served with TLS hosts for certificate discovery", async () => {
            const f = ingress({ [A("scheme")]: "internet-facing" }, { tls: [{ hosts: ["web.example.com"] }] });
            assert.deepStrictEqual((await runResourcePolicy(albInternetFacingHttps, f)).violations, []);
        });
        it("passes when the ALB is internal", async () => {
            const r = await runResourcePolicy(albInternetFacingHttps, ingress({ [A("scheme")]: "internal" }));
            assert.deepStrictEqual([r.violations, r.applicable], [[], false]);
        });
    });

    describe("alb-tls-policy", () => {
        it("reports a violation when an HTTPS listener uses the default policy", async () => {
            const { violations } = await runResourcePolicy(
                albTlsPolicy,
                ingress({ ...secure, [A("ssl-policy")]: undefined }),
            );
            assert.match(violations[0], /set annotation alb\.ingress\.kubernetes\.io\/ssl-policy/);
        });
        it("reports a violation when the policy allows TLS 1.0", async () => {
            const f = ingress({ ...secure, [A("ssl-policy")]: "ELBSecurityPolicy-2016-08" });
            assert.match(
                (await runResourcePolicy(albTlsPolicy, f)).violations[0],
                /ELBSecurityPolicy-2016-08, which is not/,
            );
        });
        it("reports a violation when the policy is outside a configured list", async () => {
            const r = await runResourcePolicy(albTlsPolicy, ingress(secure), {
                allowedPolicies: ["ELBSecurityPolicy-TLS13-1-3-2021-06"],
            });
            assert.strictEqual(r.violations.length, 1);
        });
        it("passes when the policy is TLS 1.2+", async () => {
            assert.deepStrictEqual((await runResourcePolicy(albTlsPolicy, ingress(secure))).violations, []);
        });
        it("passes when there is no HTTPS listener", async () => {
            const r = await runResourcePolicy(albTlsPolicy, ingress({ [A("scheme")]: "internal" }));
            assert.deepStrictEqual([r.violations, r.applicable], [[], false]);
        });
    });

    describe("alb-waf-internet-facing", () => {
        it("reports a violation when an internet-facing ALB has no WAFv2 ACL", async () => {
            const f = ingress({ ...secure, [A("wafv2-acl-arn")]: undefined });
            assert.match((await runResourcePolicy(albWafInternetFacing, f)).violations[0], /wafv2-acl-arn/);
        });
        it("passes when a WAFv2 ACL is set", async () => {
            assert.deepStrictEqual((await runResourcePolicy(albWafInternetFacing, ingress(secure))).violations, []);
        });
        it("passes when the ALB is internal", async () => {
            assert.deepStrictEqual((await runResourcePolicy(albWafInternetFacing, ingress())).violations, []);
        });
    });
});
