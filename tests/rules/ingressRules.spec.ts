import * as assert from "assert";
import { IngressApp, InvalidArgumentsError, type IngressAppArgs } from "../../components/index";
import { type IngressView, ingressRuleProblems, listenPortsOf } from "../../rules/ingressRules";
import { readCidr, readInt } from "../../rules/annotationValues";
import { successCodesProblem } from "../../rules/ingressBackendRules";
import { recorded, settle } from "../harness/mocks";
import { CERT_ARN as CERT } from "../harness/fixtures";

const A = (k: string) => `alb.ingress.kubernetes.io/${k}`;

/** An Ingress like the ones people write: one host, one Prefix path to Service `web` (port `http` → `http`). */
function view(annotations: Record<string, string>, o: { host?: string; path?: string; pathType?: string } = {}) {
    const v: IngressView = {
        annotations: Object.fromEntries(Object.entries(annotations).map(([k, val]) => [A(k), val])),
        rules: [
            {
                host: o.host ?? "app.example.com",
                paths: [
                    {
                        path: o.path ?? "/",
                        pathType: o.pathType ?? "Prefix",
                        backend: { serviceName: "web", servicePort: 80 },
                    },
                ],
            },
        ],
        services: { web: { ports: [{ name: "http", port: 80, targetPort: "http" }] } },
    };
    return v;
}
const keysOf = (v: IngressView) => ingressRuleProblems(v).map((p) => `${p.key}: ${p.message}`);

/** [rule, accepted annotations, rejected annotations, message of the rejection] */
const RULES: [string, Record<string, string>, Record<string, string>, RegExp][] = [
    [
        "ssl-redirect names an HTTPS listener",
        { "listen-ports": '[{"HTTP":80},{"HTTPS":443}]', "certificate-arn": CERT, "ssl-redirect": "443" },
        { "listen-ports": '[{"HTTP":80}]', "ssl-redirect": "443" },
        /ssl-redirect: must name an HTTPS listener port/,
    ],
    [
        "ssl-redirect may use the default HTTPS listener of a certificate",
        { "certificate-arn": CERT, "ssl-redirect": "443" },
        { "ssl-redirect": "443" },
        /listeners: HTTP:80/,
    ],
    [
        "certificate ARNs",
        { "certificate-arn": `${CERT}, arn:aws:iam::123456789012:server-certificate/prod/web` },
        { "certificate-arn": "arn:aws:acm:us-west-2:123:certificate/x" },
        /certificate-arn: must be an ACM certificate ARN/,
    ],
    [
        "group.name",
        { "group.name": "team-a.prod" },
        { "group.name": "Team_A" },
        /group.name: must be lowercase letters/,
    ],
    ["group.name length", { "group.name": "a".repeat(63) }, { "group.name": "a".repeat(64) }, /at most 63 characters/],
    [
        "inbound-cidrs as Go's net.ParseCIDR reads them",
        { "inbound-cidrs": "10.0.0.0/8, 192.168.1.0/24" },
        { "inbound-cidrs": "010.0.0.0/8" },
        /inbound-cidrs: must be an IPv4 or IPv6 CIDR block/,
    ],
    [
        "IPv6 inbound-cidrs need a dual-stack ALB",
        { "inbound-cidrs": "::/0", "ip-address-type": "dualstack" },
        { "inbound-cidrs": "::/0" },
        /is IPv6 but the ALB is IPv4-only/,
    ],
    [
        "inbound-cidrs has no effect with security-groups",
        { "security-groups": "sg-1" },
        { "security-groups": "sg-1", "inbound-cidrs": "10.0.0.0/8" },
        /has no effect with security-groups/,
    ],
    [
        "tags follow the AWS tag rules",
        { tags: "team=a b,cost-center=1:2/3" },
        { tags: "aws:team=a" },
        /must not start with "aws:"/,
    ],
    ["tag characters", { tags: "team=a+b@c" }, { tags: "team=a;b" }, /value of "team" must be at most 256 letters/],
    [
        "load-balancer-name",
        { "load-balancer-name": "my-alb-1" },
        { "load-balancer-name": "internal-alb" },
        /load-balancer-name: must be at most 32 letters/,
    ],
    [
        "load-balancer-name length",
        { "load-balancer-name": "a".repeat(32) },
        { "load-balancer-name": "a".repeat(33) },
        /at most 32/,
    ],
    [
        "deletion protection attribute",
        { "load-balancer-attributes": "deletion_protection.enabled=true,idle_timeout.timeout_seconds=60" },
        { "load-balancer-attributes": "deletion_protection.enabled=yes" },
        /deletion_protection.enabled must be "true" or "false"/,
    ],
    [
        "minimum capacity",
        { "minimum-load-balancer-capacity": "CapacityUnits=100" },
        { "minimum-load-balancer-capacity": "Units=100" },
        /must be CapacityUnits=<integer>/,
    ],
    [
        "customer-owned IPv4 pool",
        { "customer-owned-ipv4-pool": "ipv4pool-coip-0123abcd" },
        { "customer-owned-ipv4-pool": "pool-1" },
        /must be a pool id/,
    ],
    [
        "wafv2-acl-arn accepts none",
        { "wafv2-acl-arn": "none" },
        { "wafv2-acl-arn": "my-acl" },
        /regional WAFv2 web ACL ARN/,
    ],
    [
        "wafv2-acl-name wins over wafv2-acl-arn",
        { "wafv2-acl-name": "", "wafv2-acl-arn": "none" },
        { "wafv2-acl-name": "my-acl", "wafv2-acl-arn": "none" },
        /wafv2-acl-arn: has no effect: wafv2-acl-name is set/,
    ],
    [
        "waf-acl-id wins over the deprecated web-acl-id",
        { "web-acl-id": "acl-1" },
        { "waf-acl-id": "acl-1", "web-acl-id": "acl-2" },
        /web-acl-id: has no effect/,
    ],
    [
        "frontend NLB port mapping",
        { "frontend-nlb-listener-port-mapping": "80=443" },
        { "frontend-nlb-listener-port-mapping": "80=https" },
        /must map integer NLB ports/,
    ],
    [
        "healthcheck-path",
        { "healthcheck-path": "/healthz?full=1" },
        { "healthcheck-path": "healthz" },
        /healthcheck-path: must start with "\/"/,
    ],
    [
        "healthcheck-port",
        { "healthcheck-port": "8080" },
        { "healthcheck-port": "70000" },
        /healthcheck-port: must be "traffic-port"/,
    ],
    [
        "named healthcheck-port must exist",
        { "healthcheck-port": "http" },
        { "healthcheck-port": "metrics" },
        /names no port of Service web/,
    ],
    [
        "named healthcheck-port with ip targets",
        { "healthcheck-port": "traffic-port", "target-type": "ip" },
        { "healthcheck-port": "http", "target-type": "ip" },
        /with ip targets/,
    ],
    [
        "success-codes",
        { "success-codes": "200,202,300-399" },
        { "success-codes": "200-599" },
        /must be HTTP codes from 200 to 499/,
    ],
    [
        "gRPC success-codes",
        { "backend-protocol-version": "GRPC", "success-codes": "0-12" },
        { "backend-protocol-version": "GRPC", "success-codes": "200" },
        /gRPC codes from 0 to 99/,
    ],
    [
        "target-control-port needs ip targets",
        { "target-type": "ip", "target-control-port.web.80": "3000" },
        { "target-control-port.web.80": "3000" },
        /needs ip targets/,
    ],
    [
        "auth needs its IdP on an HTTPS listener",
        {
            "certificate-arn": CERT,
            "auth-type": "oidc",
            "auth-idp-oidc":
                '{"issuer":"https://i","authorizationEndpoint":"https://a","tokenEndpoint":"https://t","userInfoEndpoint":"https://u","secretName":"s"}',
        },
        { "certificate-arn": CERT, "auth-type": "cognito" },
        /cognito needs the alb.ingress.kubernetes.io\/auth-idp-cognito/,
    ],
    [
        "jwt-validation fields",
        { "jwt-validation": '{"jwksEndpoint":"https://j","issuer":"https://i"}' },
        { "jwt-validation": '{"issuer":"https://i"}' },
        /jwksEndpoint is required/,
    ],
    [
        "jwt-validation with auth",
        { "certificate-arn": CERT, "jwt-validation": '{"jwksEndpoint":"https://j","issuer":"https://i"}' },
        {
            "certificate-arn": CERT,
            "jwt-validation": '{"jwksEndpoint":"https://j","issuer":"https://i"}',
            "auth-type": "cognito",
            "auth-idp-cognito": '{"userPoolARN":"arn"}',
        },
        /cannot be combined with auth-type cognito/,
    ],
    [
        "mutual-authentication",
        { "mutual-authentication": '[{"port":443,"mode":"verify","trustStore":"ts"},{"port":8443,"mode":"off"}]' },
        { "mutual-authentication": '[{"port":443,"mode":"passthrough","trustStore":"ts"}]' },
        /mode passthrough takes neither trustStore/,
    ],
    [
        "conditions",
        { "conditions.web": '[{"field":"http-header","httpHeaderConfig":{"httpHeaderName":"X","values":["a"]}}]' },
        { "conditions.web": '[{"field":"query-string","queryStringConfig":{"values":[{"key":"a"}]}}]' },
        /every value needs a non-empty value/,
    ],
    [
        "host regex conditions against the rule's host",
        { "conditions.web": '[{"field":"host-header","hostHeaderConfig":{"values":["b.example.com"]}}]' },
        { "conditions.web": '[{"field":"host-header","hostHeaderConfig":{"regexValues":["^a"]}}]' },
        /regexValues cannot be combined/,
    ],
    [
        "transforms",
        {
            "transforms.web":
                '[{"type":"url-rewrite","urlRewriteConfig":{"rewrites":[{"regex":"^/a","replace":"/b"}]}}]',
        },
        { "transforms.web": '[{"type":"url-rewrite"}]' },
        /urlRewriteConfig.rewrites cannot be empty/,
    ],
];

describe("ingressRules: what the AWS Load Balancer Controller rejects when it builds an Ingress", () => {
    for (const [rule, accepted, rejected, message] of RULES) {
        it(`${rule}: accepts what the controller accepts and reports what it rejects`, () => {
            assert.deepStrictEqual(keysOf(view(accepted)), [], rule);
            assert.ok(
                keysOf(view(rejected)).some((p) => message.test(p)),
                `${rule}: ${keysOf(view(rejected)).join("; ")}`,
            );
        });
    }

    it("judges paths as buildPathPatterns does: no wildcards in Exact or Prefix paths, 128 characters per pattern", () => {
        assert.deepStrictEqual(keysOf(view({}, { path: "/api/*", pathType: "ImplementationSpecific" })), []);
        assert.deepStrictEqual(keysOf(view({}, { path: "/api/", pathType: "Prefix" })), []);
        assert.match(
            keysOf(view({}, { path: "/api/*", pathType: "Prefix" })).join(),
            /must not contain "\*" or "\?" with pathType Prefix/,
        );
        assert.match(keysOf(view({}, { path: "/a?", pathType: "Exact" })).join(), /with pathType Exact/);
        assert.deepStrictEqual(keysOf(view({}, { path: `/${"a".repeat(125)}` })), []);
        assert.match(keysOf(view({}, { path: `/${"a".repeat(126)}` })).join(), /longer than 128 characters/);
        assert.match(
            keysOf(view({}, { host: `${"a".repeat(60)}.${"b".repeat(60)}.example.com` })).join(),
            /spec.rules\[0\].host: must be at most 128/,
        );
        assert.deepStrictEqual(
            keysOf(
                view({ "use-regex-path-match": "true" }, { path: "/api/v[0-9]+", pathType: "ImplementationSpecific" }),
            ),
            [],
        );
        assert.match(
            keysOf(
                view(
                    {
                        "use-regex-path-match": "true",
                        "conditions.web": '[{"field":"path-pattern","pathPatternConfig":{"values":["/x"]}}]',
                    },
                    { path: "/a.*", pathType: "ImplementationSpecific" },
                ),
            ).join(),
            /path values and path regexValues cannot be combined/,
        );
    });

    it("leaves group-wide settings to the group: ssl-redirect is not judged on one member of an IngressGroup", () => {
        assert.deepStrictEqual(
            keysOf(view({ "group.name": "shared", "listen-ports": '[{"HTTP":80}]', "ssl-redirect": "443" })),
            [],
        );
    });

    it("reads listeners as computeIngressListenPorts does, with its defaults", () => {
        assert.deepStrictEqual(listenPortsOf({}), [{ protocol: "HTTP", port: 80 }]);
        assert.deepStrictEqual(listenPortsOf({ [A("certificate-arn")]: CERT }), [{ protocol: "HTTPS", port: 443 }]);
        assert.deepStrictEqual(listenPortsOf({ [A("listen-ports")]: '[{"HTTP": 80, "HTTPS": 443}]' }), [
            { protocol: "HTTP", port: 80 },
            { protocol: "HTTPS", port: 443 },
        ]);
        assert.strictEqual(listenPortsOf({ [A("listen-ports")]: "[]" }), undefined);
    });

    it("reads values with Go's rules: ParseInt, ParseCIDR, the ELBv2 Matcher", () => {
        assert.strictEqual(readInt("+443").value, 443);
        assert.ok(readInt("443.0").problem);
        assert.ok(readCidr("2001:db8::ffff:10.0.0.0/120").value?.ipv6);
        assert.ok(readCidr("10.0.0.0/33").problem);
        assert.ok(readCidr("10.0.0.0").problem);
        assert.strictEqual(successCodesProblem("200-299"), undefined);
        assert.ok(successCodesProblem("299-200"));
        assert.ok(successCodesProblem("200, 202"));
    });
});

const base = (o: Partial<IngressAppArgs> = {}): IngressAppArgs => ({
    image: "public.ecr.aws/nginx/nginx:1.27",
    containerPort: 80,
    targetType: "instance",
    ...o,
});

describe("IngressApp refuses at construction what the controller would reject at reconcile time", () => {
    const cases: [string, Partial<IngressAppArgs>, RegExp][] = [
        [
            "a wildcard in a Prefix path",
            { path: "/api/*" },
            /`path` must not contain "\*" or "\?" with pathType Prefix/,
        ],
        [
            "a host longer than a host-header condition",
            { host: `${"a".repeat(63)}.${"b".repeat(63)}.example.com` },
            /`host` must be at most 128 characters/,
        ],
        [
            "a path longer than a path-pattern condition",
            { path: `/${"a".repeat(126)}` },
            /`path` makes a path pattern longer than 128/,
        ],
        [
            "an AWS-reserved tag key",
            { tags: { "aws:owner": "me" } },
            /`tags\["aws:owner"\]` key must not start with "aws:"/,
        ],
        [
            "a tag value AWS refuses",
            { tags: { team: "a,b" } },
            /`tags\["team"\]` value of "team" must be at most 256 letters/,
        ],
        [
            "an IPv4 CIDR with a leading zero",
            { inboundCidrs: ["010.0.0.0/8"] },
            /`inboundCidrs\[0\]` must be an IPv4 or IPv6 CIDR block as Go's net.ParseCIDR reads it/,
        ],
        [
            "an IPv6 CIDR on an IPv4 ALB",
            { inboundCidrs: ["::/0"] },
            /`inboundCidrs` "::\/0" is IPv6 but the ALB is IPv4-only.*annotation alb.ingress.kubernetes.io\/inbound-cidrs/,
        ],
        [
            "inboundCidrs with the user's own security groups",
            { inboundCidrs: ["10.0.0.0/8"], annotations: { [A("security-groups")]: "sg-1" } },
            /`inboundCidrs` has no effect with security-groups/,
        ],
        [
            "a health check path longer than 1024",
            { healthCheckPath: `/${"a".repeat(1024)}` },
            /`healthCheckPath` must start with "\/" and be at most 1024/,
        ],
        [
            "success codes outside 200-499",
            { annotations: { [A("success-codes")]: "200-599" } },
            /`annotations\["alb.ingress.kubernetes.io\/success-codes"\]` must be HTTP codes from 200 to 499/,
        ],
        [
            "a named health check port with ip targets",
            { targetType: "ip", annotations: { [A("healthcheck-port")]: "http" } },
            /`annotations\["alb.ingress.kubernetes.io\/healthcheck-port"\]` cannot name a Service port/,
        ],
        [
            "OIDC without its IdP",
            { certificateArns: [CERT], annotations: { [A("auth-type")]: "oidc" } },
            /`annotations\["alb.ingress.kubernetes.io\/auth-type"\]` oidc needs the alb.ingress.kubernetes.io\/auth-idp-oidc annotation/,
        ],
        [
            "host regex conditions with a host",
            {
                host: "a.example.com",
                annotations: {
                    [A("conditions.bad")]: '[{"field":"host-header","hostHeaderConfig":{"regexValues":["^b"]}}]',
                },
            },
            /`annotations\["alb.ingress.kubernetes.io\/conditions.bad"\]` host-header regexValues cannot be combined/,
        ],
        [
            "a WAF ARN the user's wafv2-acl-name overrides",
            { wafv2AclArn: "none", annotations: { [A("wafv2-acl-name")]: "my-acl" } },
            /`wafv2AclArn` has no effect: wafv2-acl-name is set.*the controller would ignore it/,
        ],
        [
            "a load balancer name AWS refuses",
            { annotations: { [A("load-balancer-name")]: "-alb" } },
            /`annotations\["alb.ingress.kubernetes.io\/load-balancer-name"\]` must be at most 32 letters/,
        ],
        [
            "target-control-port with instance targets",
            { annotations: { [A("target-control-port.bad.80")]: "3000" } },
            /needs ip targets/,
        ],
        [
            "actions, which never apply to the app's backend",
            {
                annotations: {
                    [A("actions.bad")]: '{"type":"fixed-response","fixedResponseConfig":{"statusCode":"200"}}',
                },
            },
            /`annotations\["alb.ingress.kubernetes.io\/actions.bad"\]` has no effect/,
        ],
        [
            "conditions of another Service",
            { annotations: { [A("conditions.other")]: "[]" } },
            /applies to Service "other", but the app's Ingress routes only to Service "bad"/,
        ],
        [
            "a malformed JSON annotation type",
            { annotations: { [A("mutual-authentication")]: '[{"port":"443"}]' } },
            /\$\[0\]\.port must be an integer/,
        ],
    ];
    for (const [what, overrides, message] of cases) {
        it(`rejects ${what}, naming the argument, and registers nothing`, async () => {
            assert.throws(
                () => new IngressApp("bad", base(overrides)),
                (e: unknown) => e instanceof InvalidArgumentsError && message.test(e.message),
            );
            await settle();
            assert.deepStrictEqual(
                recorded.map((r) => r.name),
                [],
            );
        });
    }

    it("accepts what the controller accepts: every argument at once and well-formed passthrough annotations", async () => {
        new IngressApp(
            "good",
            base({
                targetType: "ip",
                host: "app.example.com",
                path: "/api/",
                certificateArns: [CERT],
                group: { name: "team-a.prod", order: -1000 },
                inboundCidrs: ["10.0.0.0/8", "2001:db8::/32"],
                wafv2AclArn: "none",
                tags: { team: "a b", "cost:center": "1/2" },
                annotations: {
                    [A("ip-address-type")]: "dualstack",
                    [A("healthcheck-port")]: "traffic-port",
                    [A("success-codes")]: "200,301-302",
                    [A("healthcheck-interval-seconds")]: "+30",
                    [A("shield-advanced-protection")]: "False",
                    [A("conditions.good")]:
                        '[{"field":"http-request-method","httpRequestMethodConfig":{"values":["GET"]}}]',
                    [A("target-control-port.good.80")]: "3000",
                    [A("load-balancer-attributes")]: "idle_timeout.timeout_seconds=120",
                },
            }),
        );
        await settle();
        assert.ok(recorded.some((r) => r.type === "kubernetes:networking.k8s.io/v1:Ingress"));
    });
});
