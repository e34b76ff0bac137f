import * as assert from "assert";
import { albInternetFacingHttps, albTlsPolicy, albWafInternetFacing } from "../../policy-pack/policies/alb";
import { type Fake, runStackPolicy } from "../harness/policies";
import { CERT_ARN as CERT } from "../harness/fixtures";

const ING = "kubernetes:networking.k8s.io/v1:Ingress";
const A = (k: string) => `alb.ingress.kubernetes.io/${k}`;
const WAF = "arn:aws:wafv2:us-west-2:123456789012:regional/webacl/web/abc";
const TLS13 = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/** An Ingress named `name` with `annotations`; `spec` overrides its spec. */
const ingress = (name: string, annotations: Record<string, unknown> = {}, spec: Record<string, any> = {}): Fake => ({
    type: ING,
    name,
    props: {
        metadata: { name, namespace: "apps", annotations },
        spec: {
            ingressClassName: "alb",
            rules: [{ http: { paths: [{ path: `/${name}`, pathType: "Prefix", backend: { service: { name } } }] } }],
            ...spec,
        },
    },
});
const secure = {
    [A("scheme")]: "internet-facing",
    [A("listen-ports")]: '[{"HTTP":80},{"HTTPS":443}]',
    [A("certificate-arn")]: CERT,
    [A("ssl-redirect")]: "443",
    [A("ssl-policy")]: TLS13,
    [A("wafv2-acl-arn")]: WAF,
};
const group = (extra: Record<string, string | undefined> = {}) => ({ [A("group.name")]: "shared", ...extra });
const classObjects = (
    spec: Record<string, unknown>,
    controller = "ingress.k8s.aws/alb",
    apiGroup = "elbv2.k8s.aws",
): Fake[] => [
    {
        type: `kubernetes:${apiGroup}/${apiGroup === "elbv2.k8s.aws" ? "v1beta1" : "v1"}:IngressClassParams`,
        name: "params",
        props: { metadata: { name: "public" }, spec },
    },
    {
        type: "kubernetes:networking.k8s.io/v1:IngressClass",
        name: "class",
        props: {
            metadata: { name: "public" },
            spec: { controller, parameters: { apiGroup, kind: "IngressClassParams", name: "public" } },
        },
    },
];
const messages = async (p: typeof albInternetFacingHttps, fakes: Fake[], config?: Record<string, any>) =>
    (await runStackPolicy(p, fakes, config)).violations.map((v) => v.message);

describe("ALB policies (judged per ALB: an Ingress, or its IngressGroup)", () => {
    describe("alb-internet-facing-https", () => {
        it("reports a violation when an internet-facing ALB serves only HTTP", async () => {
            const v = await messages(albInternetFacingHttps, [ingress("web", { [A("scheme")]: "internet-facing" })]);
            assert.strictEqual(v.length, 1);
            assert.match(v[0], /Ingress apps\/web has no HTTPS listener; add \{"HTTPS": 443\}/);
        });
        it("reports a violation when HTTP is not redirected", async () => {
            const v = await messages(albInternetFacingHttps, [
                ingress("web", { ...secure, [A("ssl-redirect")]: undefined }),
            ]);
            assert.strictEqual(v.length, 1);
            assert.match(
                v[0],
                /plain HTTP on port 80 \(apps\/web\) without a redirect; set annotation .*ssl-redirect: "443"/,
            );
        });
        it("reports a violation when the HTTPS listener has no certificate source at all", async () => {
            const f = ingress("web", { ...secure, [A("certificate-arn")]: undefined });
            assert.match((await messages(albInternetFacingHttps, [f]))[0], /no certificate for its HTTPS listener/);
        });
        it("reports a violation when the scheme comes from IngressClassParams and the Ingress says nothing", async () => {
            const f = ingress("web", {}, { ingressClassName: "public" });
            const v = await messages(albInternetFacingHttps, [...classObjects({ scheme: "internet-facing" }), f]);
            assert.match(v[0], /has no HTTPS listener/);
        });
        it("reports a violation when another group member makes the ALB internet-facing", async () => {
            const fakes = [ingress("a", group({ [A("scheme")]: "internet-facing" })), ingress("b", group())];
            assert.match(
                (await messages(albInternetFacingHttps, fakes))[0],
                /IngressGroup shared has no HTTPS listener/,
            );
        });
        it("accepts HTTPS with a certificate ARN and a redirect", async () => {
            assert.deepStrictEqual(await messages(albInternetFacingHttps, [ingress("web", secure)]), []);
        });
        it("accepts HTTPS only, with TLS hosts for certificate discovery", async () => {
            const f = ingress(
                "web",
                { [A("scheme")]: "internet-facing", [A("listen-ports")]: '[{"HTTPS":443}]' },
                { tls: [{ hosts: ["web.example.com"] }] },
            );
            assert.deepStrictEqual(await messages(albInternetFacingHttps, [f]), []);
        });
        it("accepts HTTPS with a rule host and no TLS section (discovery uses rule hosts too)", async () => {
            const f = ingress("web", { ...secure, [A("certificate-arn")]: undefined });
            (f.props.spec.rules[0] as any).host = "web.example.com";
            assert.deepStrictEqual(await messages(albInternetFacingHttps, [f]), []);
        });
        it("accepts a certificate-arn without listen-ports (the controller then listens on HTTPS:443 only)", async () => {
            const f = ingress("web", { [A("scheme")]: "internet-facing", [A("certificate-arn")]: CERT });
            assert.deepStrictEqual(await messages(albInternetFacingHttps, [f]), []);
        });
        it("accepts create-acm-cert with hosts (the controller requests the certificate)", async () => {
            const f = ingress("web", { [A("scheme")]: "internet-facing", [A("create-acm-cert")]: "true" });
            (f.props.spec.rules[0] as any).host = "web.example.com";
            assert.deepStrictEqual(await messages(albInternetFacingHttps, [f]), []);
        });
        it('accepts listen-ports with both protocols in one entry, [{"HTTP": 80, "HTTPS": 443}]', async () => {
            const f = ingress("web", { ...secure, [A("listen-ports")]: '[{"HTTP": 80, "HTTPS": 443}]' });
            assert.deepStrictEqual(await messages(albInternetFacingHttps, [f]), []);
        });
        it("accepts HTTPS, certificate and redirect set on different members of the IngressGroup", async () => {
            const fakes = [
                ingress(
                    "a",
                    group({ [A("scheme")]: "internet-facing", [A("listen-ports")]: '[{"HTTP":80},{"HTTPS":443}]' }),
                ),
                ingress("b", group({ [A("listen-ports")]: '[{"HTTPS":443}]', [A("certificate-arn")]: CERT })),
                ingress("c", group({ [A("ssl-redirect")]: "443" })),
            ];
            assert.deepStrictEqual(await messages(albInternetFacingHttps, fakes), []);
        });
        it("accepts group membership, certificate and redirect given by IngressClassParams", async () => {
            const params = {
                scheme: "internet-facing",
                group: { name: "shared" },
                certificateArn: [CERT],
                sslRedirectPort: "443",
            };
            const f = ingress(
                "web",
                { [A("listen-ports")]: '[{"HTTP":80},{"HTTPS":443}]' },
                { ingressClassName: "public" },
            );
            assert.deepStrictEqual(await messages(albInternetFacingHttps, [...classObjects(params), f]), []);
        });
        it("accepts the older redirect: a catch-all first rule to an actions.* redirect to HTTPS", async () => {
            const f = ingress("web", {
                ...secure,
                [A("ssl-redirect")]: undefined,
                [A("actions.ssl-redirect")]:
                    '{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}',
            });
            f.props.spec.rules[0].http.paths.unshift({
                path: "/",
                pathType: "Prefix",
                backend: { service: { name: "ssl-redirect", port: { name: "use-annotation" } } },
            });
            assert.deepStrictEqual(await messages(albInternetFacingHttps, [f]), []);
        });
        it("accepts the older kubernetes.io/ingress.class annotation", async () => {
            const f = ingress(
                "web",
                { ...secure, "kubernetes.io/ingress.class": "alb" },
                { ingressClassName: undefined },
            );
            const r = await runStackPolicy(albInternetFacingHttps, [f]);
            assert.deepStrictEqual([r.violations, r.applicable], [[], true]);
        });
        it("accepts an internal ALB: the default scheme, an IngressClassParams scheme, or a controller default", async () => {
            const release: Fake = {
                type: "kubernetes:helm.sh/v3:Release",
                name: "lbc",
                props: { chart: "aws-load-balancer-controller", values: { defaultLoadBalancerScheme: "internal" } },
            };
            const fakes = [
                ingress("a"),
                release,
                ...classObjects({ scheme: "internal" }),
                ingress("b", {}, { ingressClassName: "public" }),
            ];
            assert.deepStrictEqual(await messages(albInternetFacingHttps, fakes), []);
        });
        it("accepts an Ingress another controller serves", async () => {
            const f = ingress("web", { "kubernetes.io/ingress.class": "nginx", [A("scheme")]: "internet-facing" });
            assert.deepStrictEqual(await messages(albInternetFacingHttps, [f]), []);
        });
    });

    describe("alb-tls-policy", () => {
        it("reports a violation when an HTTPS listener uses the controller's default policy", async () => {
            const v = await messages(albTlsPolicy, [ingress("web", { ...secure, [A("ssl-policy")]: undefined })]);
            assert.match(v[0], /default TLS policy ELBSecurityPolicy-2016-08, which allows TLS 1\.0/);
        });
        it("reports a violation when the policy allows TLS 1.0", async () => {
            const v = await messages(albTlsPolicy, [
                ingress("web", { ...secure, [A("ssl-policy")]: "ELBSecurityPolicy-2016-08" }),
            ]);
            assert.match(v[0], /ELBSecurityPolicy-2016-08, which is not an allowed/);
        });
        it("reports a violation when the policy is outside a configured list", async () => {
            const v = await messages(albTlsPolicy, [ingress("web", secure)], {
                allowedPolicies: ["ELBSecurityPolicy-TLS13-1-3-2021-06"],
            });
            assert.strictEqual(v.length, 1);
        });
        it("accepts a TLS 1.2+ policy", async () => {
            assert.deepStrictEqual(await messages(albTlsPolicy, [ingress("web", secure)]), []);
        });
        it("accepts a policy set on another member of the group for the same port", async () => {
            const fakes = [
                ingress("a", group({ ...secure, [A("ssl-policy")]: undefined })),
                ingress("b", group({ [A("listen-ports")]: '[{"HTTPS":443}]', [A("ssl-policy")]: TLS13 })),
            ];
            assert.deepStrictEqual(await messages(albTlsPolicy, fakes), []);
        });
        it("accepts a policy from IngressClassParams, or from the controller's defaultSSLPolicy", async () => {
            const release: Fake = {
                type: "kubernetes:helm.sh/v3:Release",
                name: "lbc",
                props: { chart: "eks/aws-load-balancer-controller", values: { defaultSSLPolicy: TLS13 } },
            };
            const viaParams = ingress("a", { ...secure, [A("ssl-policy")]: undefined }, { ingressClassName: "public" });
            const viaDefault = ingress("b", { ...secure, [A("ssl-policy")]: undefined });
            assert.deepStrictEqual(
                await messages(albTlsPolicy, [...classObjects({ sslPolicy: TLS13 }), viaParams, release, viaDefault]),
                [],
            );
        });
        it("accepts an ALB without HTTPS listeners", async () => {
            assert.deepStrictEqual(await messages(albTlsPolicy, [ingress("web")]), []);
        });
    });

    describe("alb-waf-internet-facing", () => {
        it("reports a violation when an internet-facing ALB has no WAFv2 ACL", async () => {
            const v = await messages(albWafInternetFacing, [
                ingress("web", { ...secure, [A("wafv2-acl-arn")]: undefined }),
            ]);
            assert.match(v[0], /has no WAF; set annotation .*wafv2-acl-arn/);
        });
        it("reports a violation when the ACL is set to none", async () => {
            const v = await messages(albWafInternetFacing, [
                ingress("web", { ...secure, [A("wafv2-acl-arn")]: "none" }),
            ]);
            assert.match(v[0], /has no WAF \(set to none\)/);
        });
        it("accepts a WAFv2 ACL by ARN, by name, on another group member, or from IngressClassParams", async () => {
            const noWaf = { ...secure, [A("wafv2-acl-arn")]: undefined };
            const fakes = [
                ingress("a", { ...noWaf, [A("wafv2-acl-name")]: "web-acl" }),
                ingress("b", group(noWaf)),
                ingress("c", group({ [A("wafv2-acl-arn")]: WAF })),
                ...classObjects({ wafv2AclArn: WAF }),
                ingress("d", noWaf, { ingressClassName: "public" }),
            ];
            assert.deepStrictEqual(await messages(albWafInternetFacing, fakes), []);
        });
        it("accepts an internal ALB", async () => {
            assert.deepStrictEqual(await messages(albWafInternetFacing, [ingress("web")]), []);
        });
    });
});
