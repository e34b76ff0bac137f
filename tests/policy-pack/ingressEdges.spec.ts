/**
 * alb-annotations-known at its edges (policy-pack/policies/ingress.ts): how one Ingress is read for the controller's
 * reconcile-time rules (hosts, paths and path types, `use-annotation` backends of networking.k8s.io/v1), annotation
 * values that are not text, and paths without a Service backend. Cases found by the mutation run of issue 11.
 */
import * as assert from "assert";
import { albAnnotationsKnown } from "../../policy-pack/policies/ingress";
import { type Fake, runResourcePolicy } from "../harness/policies";

const A = (k: string) => `alb.ingress.kubernetes.io/${k}`;
const RECONCILE = "the controller would fail to reconcile the Ingress";
const web = { service: { name: "web", port: { number: 80 } } };
/** An ALB Ingress `web` in namespace `apps` with one rule. */
const ingress = (annotations: Record<string, unknown>, rule: Record<string, unknown>): Fake => ({
    type: "kubernetes:networking.k8s.io/v1:Ingress",
    name: "web",
    props: {
        metadata: { name: "web", namespace: "apps", annotations },
        spec: { ingressClassName: "alb", rules: [rule] },
    },
});
const paths = (...list: Record<string, unknown>[]) => ({ http: { paths: list } });
const violations = async (f: Fake) => (await runResourcePolicy(albAnnotationsKnown, f)).violations;

describe("alb-annotations-known at its edges (issue 11 mutation run)", () => {
    it("reads the rule's host and each path with its pathType", async () => {
        const host = `${"a".repeat(120)}.example.com`;
        assert.deepStrictEqual(
            await violations(ingress({}, { host, ...paths({ path: "/api*", pathType: "Prefix", backend: web }) })),
            [
                `Ingress spec.rules[0].host must be at most 128 characters (ELBv2 host-header condition); ${RECONCILE} (model_build_listener_rules.go buildRuleConditions).`,
                `Ingress spec.rules[0].http.paths[0].path must not contain "*" or "?" with pathType Prefix (use ImplementationSpecific for wildcards); ${RECONCILE} (model_build_listener_rules.go buildPathPatterns).`,
            ],
        );
        // The same wildcard path is a pattern with ImplementationSpecific.
        assert.deepStrictEqual(
            await violations(ingress({}, paths({ path: "/api*", pathType: "ImplementationSpecific", backend: web }))),
            [],
        );
    });

    it("judges the actions.<name> annotation of a networking.k8s.io/v1 use-annotation backend", async () => {
        const redirect = { service: { name: "redirect", port: { name: "use-annotation" } } };
        const f = ingress(
            { [A("actions.redirect")]: '{"type":"redirect"}' },
            paths({ path: "/", pathType: "Prefix", backend: redirect }),
        );
        assert.deepStrictEqual(await violations(f), [
            `Ingress ${A("actions.redirect")} redirectConfig.statusCode is required; ${RECONCILE} (config_types.go Action.validate).`,
        ]);
    });

    it("reports an annotation value that is not text once, without judging the Ingress's rules on it", async () => {
        // Kubernetes annotations are strings; an unquoted YAML number arrives as a number.
        const f = ingress({ [A("healthcheck-path")]: 8080 }, paths({ path: "/", pathType: "Prefix", backend: web }));
        assert.deepStrictEqual(await violations(f), [
            `Ingress annotation ${A("healthcheck-path")} must be a string, got 8080; fix or remove the annotation.`,
        ]);
    });

    it("reports a backend without a Service, which the controller cannot build, instead of shifting path indices", async () => {
        // pkg/ingress/enhanced_backend_builder.go Build: `missing required "service" field`, for every path
        // (model_build_listener_rules.go) and the default backend (model_build_listener.go).
        const bucket = { resource: { apiGroup: "k8s.example.com", kind: "StorageBucket", name: "static" } };
        const f = ingress(
            {},
            paths(
                { path: "/static", pathType: "Prefix", backend: bucket },
                { path: "/api*", pathType: "Prefix", backend: web },
            ),
        );
        assert.deepStrictEqual(await violations(f), [
            `Ingress spec.rules[0].http.paths[0].backend names no Service; ${RECONCILE} (enhanced_backend_builder.go Build: missing required "service" field).`,
        ]);
        const byDefault = { ...f, props: { ...f.props, spec: { ...f.props.spec, defaultBackend: bucket, rules: [] } } };
        assert.deepStrictEqual(await violations(byDefault), [
            `Ingress spec.defaultBackend names no Service; ${RECONCILE} (enhanced_backend_builder.go Build: missing required "service" field).`,
        ]);
        const v1beta1 = {
            type: "kubernetes:networking.k8s.io/v1beta1:Ingress",
            props: { ...f.props, spec: { ingressClassName: "alb", backend: bucket } },
        };
        assert.deepStrictEqual(await violations(v1beta1), [
            `Ingress spec.backend names no Service; ${RECONCILE} (enhanced_backend_builder.go Build: missing required "service" field).`,
        ]);
    });

    it("skips a path without a backend object (the API server requires one) instead of failing on it", async () => {
        const f = ingress(
            {},
            paths({ path: "/", pathType: "Prefix" }, { path: "/api*", pathType: "Prefix", backend: web }),
        );
        const v = await violations(f);
        assert.strictEqual(v.length, 1);
        assert.match(v[0], /path must not contain "\*" or "\?" with pathType Prefix/);
    });

    it("judges a Service's annotations one by one, not by the Ingress's reconcile rules", async () => {
        // An IngressGroup name copied onto a Service: misplaced (and, on an Ingress, an invalid group name too).
        const svc: Fake = {
            type: "kubernetes:core/v1:Service",
            name: "web",
            props: { metadata: { name: "web", namespace: "apps", annotations: { [A("group.name")]: "Bad_Name!" } } },
        };
        assert.deepStrictEqual(await violations(svc), [
            `Service annotation ${A("group.name")} is only read on Ingress objects, not on a Service; fix or remove the annotation.`,
        ]);
    });
});
