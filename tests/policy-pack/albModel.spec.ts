/**
 * The pack's model of the AWS Load Balancer Controller's Ingress handling (policy-pack/policies/albModel.ts), which
 * several policies share: IngressClass resolution (`classifyIngress`, `is-default-class`), the chart values it reads,
 * IngressGroup ids (`loadGroupID`), listener ports, the older `actions.*` catch-all redirect and the WAFv2 choice of a
 * group (kubernetes-sigs/aws-load-balancer-controller v3.5.0). Cases found by the mutation run of issue 11.
 */
import * as assert from "assert";
import type { PolicyResource } from "@pulumi/policy";
import {
    type Member,
    albListeners,
    albWebAcl,
    albsOf,
    classify,
    controllerView,
    discoveryHosts,
    groupIdOf,
    memberListeners,
    memberName,
    memberSetting,
    redirectsByAction,
} from "../../policy-pack/policies/albModel";

const A = (k: string) => `alb.ingress.kubernetes.io/${k}`;
const res = (type: string, props: Record<string, unknown>, name = "r") => ({ type, name, props }) as PolicyResource;
const ingressClass = (name: string | undefined, controller: string | undefined, annotations = {}) =>
    res("kubernetes:networking.k8s.io/v1:IngressClass", { metadata: { name, annotations }, spec: { controller } });
const release = (values: Record<string, unknown>) =>
    res("kubernetes:helm.sh/v3:Release", { chart: "aws-load-balancer-controller", values });
const ingress = (annotations: Record<string, string> = {}, spec: Record<string, unknown> = {}) => ({
    metadata: { name: "web", namespace: "apps", annotations },
    spec,
});
const member = (props: unknown, params?: Record<string, unknown>): Member => ({
    resource: res("kubernetes:networking.k8s.io/v1:Ingress", props as Record<string, unknown>),
    params,
    autoMode: false,
});

describe("the pack's controller model (albModel.ts)", () => {
    describe("controllerView", () => {
        it('takes the default class from is-default-class: "true"', () => {
            const isDefault = (v: string) => ({ "ingressclass.kubernetes.io/is-default-class": v });
            assert.strictEqual(
                controllerView([ingressClass("a", "ingress.k8s.aws/alb", isDefault("true"))], []).defaultClass,
                "a",
            );
            assert.strictEqual(
                controllerView([ingressClass("a", "ingress.k8s.aws/alb", isDefault("false"))], []).defaultClass,
                undefined,
            );
            assert.strictEqual(controllerView([ingressClass("a", "ingress.k8s.aws/alb")], []).defaultClass, undefined);
        });
        it("registers IngressClasses with a name and a controller, of the IngressClass type only", () => {
            const view = controllerView(
                [
                    ingressClass("nameless", undefined),
                    ingressClass(undefined, "ingress.k8s.aws/alb"),
                    res("kubernetes:networking.k8s.io/v1:IngressClassList", {
                        metadata: { name: "list" },
                        spec: { controller: "ingress.k8s.aws/alb" },
                    }),
                ],
                [],
            );
            assert.deepStrictEqual([...view.classes.keys()], []);
        });
        it("reads the controller's defaults, with empty chart values meaning the controller's own", () => {
            const none = controllerView([], []);
            assert.deepStrictEqual(
                [none.ingressClass, none.defaultScheme, none.defaultTargetType],
                ["alb", "internal", "instance"],
            );
            const empty = controllerView(
                [release({ defaultTargetType: "", defaultLoadBalancerScheme: "", ingressClass: "" })],
                [],
            );
            assert.deepStrictEqual([empty.defaultScheme, empty.defaultTargetType], ["internal", "instance"]);
            assert.deepStrictEqual([...empty.classes.keys()], []);
            const set = controllerView(
                [release({ defaultTargetType: "ip", defaultLoadBalancerScheme: "internet-facing" })],
                [],
            );
            assert.deepStrictEqual(
                [set.defaultScheme, set.defaultTargetType, [...set.classes.keys()]],
                ["internet-facing", "ip", ["alb"]],
            );
        });
    });

    describe("classify (classifyIngress)", () => {
        it("serves kubernetes.io/ingress.class of the controller's class, or alb when its class is empty", () => {
            const byAnnotation = (cls: string, values: Record<string, unknown>) =>
                classify(ingress({ "kubernetes.io/ingress.class": cls }), controllerView([release(values)], []));
            assert.deepStrictEqual(byAnnotation("alb", { ingressClass: "" }), { served: true, autoMode: false });
            assert.deepStrictEqual(byAnnotation("nginx", { ingressClass: "" }), { served: false, autoMode: false });
            assert.deepStrictEqual(byAnnotation("alb", { ingressClass: "custom" }), { served: false, autoMode: false });
            assert.deepStrictEqual(byAnnotation("custom", { ingressClass: "custom" }), {
                served: true,
                autoMode: false,
            });
        });
        it("serves an Ingress of an unknown class when it carries the controller's annotations, never as Auto Mode", () => {
            const view = controllerView([], []);
            const unknown = { ...ingress({ [A("scheme")]: "internal" }), spec: { ingressClassName: "other" } };
            assert.deepStrictEqual(classify(unknown, view), { served: true, autoMode: false });
        });
    });

    describe("IngressGroups and listeners", () => {
        it("names an ALB by its group, or by the Ingress alone; an invalid group name makes none", () => {
            assert.strictEqual(groupIdOf(ingress(), undefined, "apps/web"), "ingress apps/web");
            assert.strictEqual(groupIdOf(ingress({ [A("group.name")]: "team" }), undefined, "apps/web"), "group team");
            assert.strictEqual(groupIdOf(ingress({ [A("group.name")]: "Team!" }), undefined, "apps/web"), undefined);
            assert.strictEqual(
                groupIdOf(ingress(), { group: { name: "from-params" } }, "apps/web"),
                "group from-params",
            );
        });
        it("skips an Ingress with an invalid group name, and names one without namespace as in default", () => {
            const ing = (name: string, annotations: Record<string, string>) =>
                res("kubernetes:networking.k8s.io/v1:Ingress", {
                    metadata: { name, annotations },
                    spec: { ingressClassName: "alb" },
                });
            const args = {
                resources: [ing("bad", { [A("group.name")]: "Team!" }), ing("web", {})],
                getConfig: () => ({}),
            } as unknown as Parameters<typeof albsOf>[0];
            const { albs } = albsOf(args);
            assert.deepStrictEqual([...albs.keys()], ["ingress default/web"]);
            assert.strictEqual(memberName(albs.get("ingress default/web")![0]), "default/web");
        });
        it("looks certificates up for rule hosts and TLS hosts; a malformed listen-ports opens no listener", () => {
            const props = {
                spec: { rules: [{ host: "a.example.com" }], tls: [{ hosts: ["b.example.com", "c.example.com"] }] },
            };
            assert.deepStrictEqual(discoveryHosts(props), ["a.example.com", "b.example.com", "c.example.com"]);
            assert.deepStrictEqual(albListeners([member(ingress({ [A("listen-ports")]: "HTTP:80" }))]), []);
        });
        it("lets a non-empty IngressClassParams field win over the annotation", () => {
            const m = (params: Record<string, unknown>) => member(ingress({ [A("scheme")]: "internal" }), params);
            assert.strictEqual(memberSetting(m({ scheme: "internet-facing" }), "scheme", "scheme"), "internet-facing");
            assert.strictEqual(memberSetting(m({ scheme: "" }), "scheme", "scheme"), "internal");
        });
        it("opens HTTP:80 by default, and gives HTTPS listeners the certificate sources and SSL policy", () => {
            assert.deepStrictEqual(
                [...memberListeners(member(ingress()))!],
                [[80, { protocol: "HTTP", certificate: false }]],
            );
            const both = member(
                ingress(
                    { [A("listen-ports")]: '[{"HTTP":80},{"HTTPS":443}]' },
                    { tls: [{ hosts: ["web.example.com"] }] },
                ),
                { sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" },
            );
            assert.deepStrictEqual(
                [...memberListeners(both)!],
                [
                    [80, { protocol: "HTTP", certificate: false }],
                    [443, { protocol: "HTTPS", certificate: true, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" }],
                ],
            );
            const noHosts = member(ingress({ [A("listen-ports")]: '[{"HTTPS":443}]' }));
            assert.deepStrictEqual(
                [...memberListeners(noHosts)!],
                [[443, { protocol: "HTTPS", certificate: false, sslPolicy: undefined }]],
            );
        });
    });

    describe("redirectsByAction (the older actions.* catch-all redirect)", () => {
        const redirect = JSON.stringify({
            type: "redirect",
            redirectConfig: { protocol: "HTTPS", statusCode: "HTTP_301" },
        });
        const rule = (path: string, pathType: string | undefined, backend: Record<string, unknown>) => ({
            http: { paths: [{ path, pathType, backend }] },
        });
        const v1 = { service: { name: "ssl-redirect", port: { name: "use-annotation" } } };
        const withRules = (rules: unknown[], action = redirect) =>
            redirectsByAction(ingress({ [A("actions.ssl-redirect")]: action }, { rules }));
        it("reads a first catch-all path (/ Prefix or /*) to a use-annotation redirect to HTTPS, in every rule", () => {
            assert.ok(withRules([rule("/", "Prefix", v1)]));
            assert.ok(
                withRules([
                    rule("/*", "ImplementationSpecific", {
                        serviceName: "ssl-redirect",
                        servicePort: "use-annotation",
                    }),
                ]),
            );
            assert.ok(
                withRules(
                    [rule("/", "Prefix", v1)],
                    JSON.stringify({ Type: "redirect", RedirectConfig: { Protocol: "HTTPS" } }),
                ),
            );
        });
        it("does not read anything else as that redirect", () => {
            const cases: [unknown[], string?][] = [
                [[]],
                [[rule("/", "Prefix", v1), rule("/", "Prefix", { service: { name: "web", port: { number: 80 } } })]],
                [[rule("/", "Exact", v1)]],
                [[rule("/app", "Prefix", v1)]],
                [[rule("/", "Prefix", { service: { name: "ssl-redirect", port: { name: "http" } } })]],
                [[rule("/", "Prefix", { service: { port: { name: "use-annotation" } } })]],
                [[rule("/", "Prefix", v1)], "{"],
                [[rule("/", "Prefix", v1)], JSON.stringify({ type: "redirect", redirectConfig: { protocol: "HTTP" } })],
                [[rule("/", "Prefix", v1)], JSON.stringify({ type: "forward", redirectConfig: { protocol: "HTTPS" } })],
            ];
            for (const [rules, action] of cases)
                assert.strictEqual(withRules(rules, action), false, JSON.stringify([rules, action]));
            assert.strictEqual(redirectsByAction(ingress({}, { rules: [rule("/", "Prefix", v1)] })), false);
        });
    });

    describe("albWebAcl (buildWAFv2WebACLAssociation)", () => {
        it("prefers the first web ACL name (or none), then the first ARN, from params or annotations", () => {
            const m = (ann: Record<string, string>, params?: Record<string, unknown>) => member(ingress(ann), params);
            assert.strictEqual(albWebAcl([m({}), m({ [A("wafv2-acl-name")]: "web" })]), "name web");
            assert.strictEqual(albWebAcl([m({}, { wafv2AclName: "none" })]), "none");
            assert.strictEqual(albWebAcl([m({ [A("wafv2-acl-name")]: "", [A("wafv2-acl-arn")]: "arn:x" })]), "arn:x");
            assert.strictEqual(albWebAcl([m({})]), undefined);
        });
    });
});
