import * as assert from "assert";
import { albAnnotationsKnown, albIngressClassName, ingressNetworkingV1 } from "../../policy-pack/policies/ingress";
import { runResourcePolicy } from "../harness/policies";
import { CERT_ARN as CERT } from "../harness/fixtures";

const ING = "kubernetes:networking.k8s.io/v1:Ingress";
const SVC = "kubernetes:core/v1:Service";
const A = (k: string) => `alb.ingress.kubernetes.io/${k}`;
const CERT2 = "arn:aws:acm:us-west-2:123456789012:certificate/1f0e0d0c-1111-2222-3333-444455556666";

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
const service = (annotations: Record<string, unknown>) => ({ type: SVC, props: { metadata: { annotations } } });
const known = async (f: { type: string; props: any }) => (await runResourcePolicy(albAnnotationsKnown, f)).violations;

describe("ingress policies", () => {
    describe("ingress-networking-v1", () => {
        for (const type of ["kubernetes:extensions/v1beta1:Ingress", "kubernetes:networking.k8s.io/v1beta1:Ingress"]) {
            it(`reports a violation when the Ingress is ${type.split(":")[1]}`, async () => {
                const { violations } = await runResourcePolicy(ingressNetworkingV1, ingress({}, {}, type));
                assert.strictEqual(violations.length, 1);
                assert.match(violations[0], /change apiVersion to networking\.k8s\.io\/v1/);
            });
        }
        it("accepts a networking.k8s.io/v1 Ingress", async () => {
            assert.deepStrictEqual((await runResourcePolicy(ingressNetworkingV1, ingress())).violations, []);
        });
        it("accepts a resource that is not an Ingress (not applicable)", async () => {
            const r = await runResourcePolicy(ingressNetworkingV1, { type: SVC, props: {} });
            assert.deepStrictEqual([r.violations, r.applicable], [[], false]);
        });
    });

    describe("alb-ingress-class-name (advisory: the controller still honours the annotation)", () => {
        it("is advisory, because the controller serves Ingresses that use the annotation (classifyIngress)", () => {
            assert.strictEqual(albIngressClassName.enforcementLevel, "advisory");
        });
        it("reports a violation when the deprecated class annotation is used", async () => {
            const f = ingress({ "kubernetes.io/ingress.class": "alb" }, { ingressClassName: undefined });
            const { violations } = await runResourcePolicy(albIngressClassName, f);
            assert.strictEqual(violations.length, 1);
            assert.match(violations[0], /still honours it\); remove it and set spec\.ingressClassName: alb/);
        });
        it("reports a violation when an Ingress with alb annotations has no class at all", async () => {
            const f = ingress({ [A("scheme")]: "internal" }, { ingressClassName: undefined });
            const { violations } = await runResourcePolicy(albIngressClassName, f);
            assert.match(violations[0], /default IngressClass/);
        });
        it("accepts spec.ingressClassName", async () => {
            assert.deepStrictEqual((await runResourcePolicy(albIngressClassName, ingress())).violations, []);
        });
        it("accepts an Ingress of another controller, even with leftover alb annotations (the annotation decides)", async () => {
            const f = ingress(
                { "kubernetes.io/ingress.class": "nginx", [A("scheme")]: "internet-facing" },
                { ingressClassName: undefined },
            );
            const r = await runResourcePolicy(albIngressClassName, f);
            assert.deepStrictEqual([r.violations, r.applicable], [[], false]);
        });
        it("accepts a configured class name", async () => {
            const f = ingress({}, { ingressClassName: "alb-internal" });
            const r = await runResourcePolicy(albIngressClassName, f, { albIngressClasses: ["alb", "alb-internal"] });
            assert.deepStrictEqual([r.violations, r.applicable], [[], true]);
        });
    });

    describe("alb-annotations-known", () => {
        it("reports a violation when an annotation is misspelled", async () => {
            const violations = await known(ingress({ [A("target_type")]: "ip" }));
            assert.strictEqual(violations.length, 1);
            assert.match(
                violations[0],
                /target_type is not an annotation .*did you mean alb\.ingress\.kubernetes\.io\/target-type/,
            );
        });
        it("reports a violation when a value is one the controller rejects at reconcile time", async () => {
            const bad = {
                [A("listen-ports")]: "80,443", // not JSON
                [A("group.order")]: "2000", // sortGroupMembers: [-1000, 1000]
                [A("scheme")]: "public", // buildLoadBalancerScheme: unknown scheme
                [A("shield-advanced-protection")]: "yes", // strconv.ParseBool
                [A("ssl-redirect")]: "443.0", // strconv.ParseInt
                [A("tags")]: "team=web,oops", // splitKeyValuePairs: a pair without =
                [A("inbound-cidrs")]: "10.0.0.0/8,10.1.0.0", // net.ParseCIDR
                [A("group.name")]: "Team_A", // validateGroupName
                [A("load-balancer-name")]: "a-name-that-is-longer-than-32-chars", // buildLoadBalancerName
            };
            const violations = await known(ingress(bad));
            assert.strictEqual(violations.length, Object.keys(bad).length, violations.join("\n"));
        });
        for (const [what, value, pattern] of [
            ["a quoted port", '[{"HTTP": "80"}]', /ports must be integers/],
            ["a lower-case protocol", '[{"http": 80}]', /protocols must be "HTTP" or "HTTPS"/],
            ["port 0", '[{"HTTP": 0}]', /from 1 to 65535/],
            ["an empty list", "[]", /non-empty/],
        ] as const) {
            it(`reports a violation when listen-ports has ${what}`, async () => {
                assert.match((await known(ingress({ [A("listen-ports")]: value })))[0], pattern);
            });
        }
        it("reports a violation when a Service carries an Ingress-only annotation", async () => {
            assert.match(
                (await known(service({ [A("scheme")]: "internal" })))[0],
                /Service annotation .*scheme is only read on Ingress/,
            );
        });
        it("accepts every known, well-formed annotation", async () => {
            const f = ingress({
                [A("scheme")]: "internet-facing",
                [A("tags")]: "team=web,env=prod",
                "example.com/owner": "me",
            });
            assert.deepStrictEqual(await known(f), []);
        });
        // The shapes below are what people write and what the controller's parsers accept (pkg/annotations/parser.go,
        // model_build_listener.go computeIngressListenPorts).
        for (const [what, annotations] of [
            ["listen-ports with two protocols in one entry", { [A("listen-ports")]: '[{"HTTP": 80, "HTTPS": 443}]' }],
            ["listen-ports listing HTTPS first", { [A("listen-ports")]: '[{"HTTPS": 443}, {"HTTP": 80}]' }],
            ["listen-ports with a null entry", { [A("listen-ports")]: '[{"HTTPS": 443}, null]' }],
            [
                "listen-ports declaring a port twice (the last wins)",
                { [A("listen-ports")]: '[{"HTTP": 8080}, {"HTTP": 8080}]' },
            ],
            [
                "listen-ports written over several lines",
                { [A("listen-ports")]: '[\n  {"HTTP": 80},\n  {"HTTPS": 443}\n]\n' },
            ],
            [
                "a Go boolean such as True or 1",
                { [A("shield-advanced-protection")]: "True", [A("manage-backend-security-group-rules")]: "1" },
            ],
            ["an integer with a plus sign", { [A("group.order")]: "+10" }],
            ["a list with spaces and a trailing comma", { [A("certificate-arn")]: `${CERT}, ${CERT2},` }],
            ["a map with spaces around keys and values", { [A("tags")]: " team = web , env = prod" }],
            ["an empty WAF name (ignored by the controller)", { [A("wafv2-acl-name")]: "" }],
            ["inbound-cidrs mixing IPv4 and IPv6", { [A("inbound-cidrs")]: "10.0.0.0/8, 2001:db8::/32" }],
            ["a group name with dots", { [A("group.name")]: "team-a.web" }],
        ] as const) {
            it(`accepts ${what}`, async () => {
                assert.deepStrictEqual(await known(ingress(annotations)), []);
            });
        }
        it("accepts target-type and target-control-port on a backend Service (read from the Service too)", async () => {
            const f = service({ [A("target-type")]: "ip", [A("target-control-port.web.80")]: "3000" });
            assert.deepStrictEqual(await known(f), []);
        });
        it("accepts an annotation value still unknown during preview", async () => {
            assert.deepStrictEqual(await known(ingress({ [A("certificate-arn")]: undefined })), []);
        });
    });
});
