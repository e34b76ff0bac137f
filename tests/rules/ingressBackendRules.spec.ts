/**
 * The per-path and per-backend rules of an Ingress (rules/ingressBackendRules.ts): the validations of the JSON
 * annotations (`config_types.go` RuleCondition/Transform/Action Validate, `validateMutualAuthenticationConfig`,
 * `buildJwtValidationConfig`), health checks and success codes (`model_build_target_group.go`, ELBv2 Matcher),
 * authentication (`model_build_actions.go`) and path patterns (`model_build_listener_rules.go`) of
 * kubernetes-sigs/aws-load-balancer-controller v3.5.0: what each refuses, its last accepted value, and what it leaves
 * alone. Cases found by the mutation run of issue 11 (these rules were reported by no spec before).
 */
import * as assert from "assert";
import {
    actionProblem,
    conditionProblem,
    mutualAuthenticationProblem,
    successCodesProblem,
    transformProblem,
} from "../../rules/ingressBackendRules";
import { type IngressView, type ServiceView, ingressRuleProblems } from "../../rules/ingressRules";
import { assertExplained } from "./explained";
import { CERT_ARN as CERT } from "../harness/fixtures";

const A = (k: string) => `alb.ingress.kubernetes.io/${k}`;
const HTTPS = { "listen-ports": '[{"HTTPS":443}]', "certificate-arn": CERT };
const j = (v: unknown) => JSON.stringify(v);

/** An Ingress with one rule (host `app.example.com` unless `host: undefined`) to Service `web`. */
function view(
    annotations: Record<string, string>,
    o: {
        host?: string | null;
        paths?: { path?: string; pathType?: string; servicePort?: number | string }[];
        service?: ServiceView | null;
    } = {},
): IngressView {
    return {
        annotations: Object.fromEntries(Object.entries(annotations).map(([k, v]) => [A(k), v])),
        rules: [
            {
                host: o.host === null ? undefined : (o.host ?? "app.example.com"),
                paths: (o.paths ?? [{ path: "/", pathType: "Prefix" }]).map((p) => ({
                    path: p.path,
                    pathType: p.pathType,
                    backend: { serviceName: "web", servicePort: p.servicePort ?? 80 },
                })),
            },
        ],
        services:
            o.service === null
                ? undefined
                : { web: o.service ?? { ports: [{ name: "http", port: 80, targetPort: 8080 }] } },
    };
}
const problems = (v: IngressView) => {
    const ps = ingressRuleProblems(v);
    assertExplained(ps);
    return ps.map((p) => `${p.key} ${p.effect}: ${p.message}`);
};

describe("Ingress backend rules (ingressBackendRules.ts)", () => {
    describe("JSON annotation validations (config_types.go)", () => {
        it("conditions: each field needs its config, values or regexValues (not both), non-empty lists", () => {
            const cases: [unknown, string | undefined][] = [
                [{ field: "host-header" }, "host-header condition: missing hostHeaderConfig"],
                [
                    { field: "http-header", httpHeaderConfig: { values: ["a"], regexValues: ["b"] } },
                    "http-header condition: exactly one of values and regexValues must be set",
                ],
                [
                    { field: "path-pattern", pathPatternConfig: {} },
                    "path-pattern condition: exactly one of values and regexValues must be set",
                ],
                [{ field: "path-pattern", pathPatternConfig: { regexValues: ["^/a"] } }, undefined],
                [
                    { field: "http-request-method", httpRequestMethodConfig: { values: [] } },
                    "http-request-method condition: values cannot be empty",
                ],
                [{ field: "http-request-method", httpRequestMethodConfig: { values: ["GET"] } }, undefined],
                [{ field: "source-ip", sourceIPConfig: { values: [] } }, "source-ip condition: values cannot be empty"],
                [{ field: "source-ip", sourceIPConfig: { values: ["10.0.0.0/8"] } }, undefined],
                [
                    { field: "query-string", queryStringConfig: { values: [] } },
                    "query-string condition: values cannot be empty",
                ],
                [
                    {
                        field: "query-string",
                        queryStringConfig: {
                            values: [
                                { key: "a", value: "x" },
                                { key: "b", value: "" },
                            ],
                        },
                    },
                    "query-string condition: every value needs a non-empty value",
                ],
                [
                    { field: "query-string", queryStringConfig: { values: [null] } },
                    "query-string condition: every value needs a non-empty value",
                ],
                [{ field: "query-string", queryStringConfig: { values: [{ value: "x" }] } }, undefined],
                [{ field: "unknown-field" }, undefined],
            ];
            for (const [c, want] of cases) assert.strictEqual(conditionProblem(c as never), want, j(c));
        });
        it("conditions: a config of the wrong JSON shape counts as missing", () => {
            for (const hostHeaderConfig of [null, "a.example.com", ["a.example.com"]]) {
                assert.strictEqual(
                    conditionProblem({ field: "host-header", hostHeaderConfig } as never),
                    "host-header condition: missing hostHeaderConfig",
                    JSON.stringify(hostHeaderConfig),
                );
            }
        });
        it("transforms: a known type with its rewrites", () => {
            const rewrites = { rewrites: [{ regex: "^a$", replace: "b" }] };
            assert.strictEqual(
                transformProblem({ type: "host-header-rewrite", hostHeaderRewriteConfig: rewrites }),
                undefined,
            );
            assert.strictEqual(transformProblem({ type: "url-rewrite", urlRewriteConfig: rewrites }), undefined);
            assert.strictEqual(
                transformProblem({ type: "host-header-rewrite", urlRewriteConfig: rewrites }),
                "hostHeaderRewriteConfig.rewrites cannot be empty",
            );
            assert.strictEqual(transformProblem({ type: "url-rewrite" }), "urlRewriteConfig.rewrites cannot be empty");
            assert.strictEqual(
                transformProblem({ type: "x" }),
                'type must be one of url-rewrite, host-header-rewrite, got "x"',
            );
            assert.strictEqual(transformProblem({}), 'type must be one of url-rewrite, host-header-rewrite, got ""');
        });
        it("actions: status codes, one forward target, service ports, weights of several target groups", () => {
            const tg = (g: Record<string, unknown>) => ({ type: "forward", forwardConfig: { targetGroups: [g] } });
            const cases: [unknown, string | undefined][] = [
                [{ type: "fixed-response", fixedResponseConfig: { statusCode: "503" } }, undefined],
                [{ type: "fixed-response" }, "fixedResponseConfig.statusCode is required"],
                [{ type: "redirect", redirectConfig: {} }, "redirectConfig.statusCode is required"],
                [{ type: "redirect", redirectConfig: { statusCode: "HTTP_301" } }, undefined],
                [
                    { type: "forward", targetGroupARN: "arn", forwardConfig: {} },
                    "exactly one of forwardConfig and targetGroupARN/targetGroupName must be set",
                ],
                [{ type: "forward" }, "exactly one of forwardConfig and targetGroupARN/targetGroupName must be set"],
                [{ type: "forward", targetGroupName: "tg" }, undefined],
                [tg({}), "each target group needs exactly one of serviceName and targetGroupARN/targetGroupName"],
                [
                    tg({ serviceName: "a", servicePort: 80, targetGroupARN: "arn" }),
                    "each target group needs exactly one of serviceName and targetGroupARN/targetGroupName",
                ],
                [tg({ serviceName: "a" }), "a target group with serviceName needs servicePort"],
                [tg({ serviceName: "a", servicePort: "http" }), undefined],
                [
                    {
                        type: "forward",
                        forwardConfig: {
                            targetGroups: [{ targetGroupName: "a", weight: 1 }, { targetGroupName: "b" }],
                        },
                    },
                    "weight must be set when forwarding to several target groups",
                ],
                [
                    {
                        type: "forward",
                        forwardConfig: {
                            targetGroups: [
                                { targetGroupName: "a", weight: 1 },
                                { targetGroupName: "b", weight: 0 },
                            ],
                        },
                    },
                    undefined,
                ],
                [{ type: "bogus" }, 'type must be one of fixed-response, forward, redirect, got "bogus"'],
                [{}, 'type must be one of fixed-response, forward, redirect, got ""'],
            ];
            for (const [a, want] of cases) assert.strictEqual(actionProblem(a as never), want, j(a));
        });
        it("mutual-authentication: port 1 to 65535, a known mode, trustStore only and always with verify", () => {
            const cases: [unknown, string | undefined][] = [
                [{ port: 1, mode: "off" }, undefined],
                [{ port: 65535, mode: "passthrough" }, undefined],
                [{ port: 0, mode: "off" }, "port must be from 1 to 65535, got 0"],
                [{ port: 65536, mode: "off" }, "port must be from 1 to 65535, got 65536"],
                [{ port: "443", mode: "off" }, "port must be from 1 to 65535, got 0"],
                [{ port: 443, mode: "strict" }, "mode must be one of off, passthrough, verify (port 443)"],
                [{ port: 443, mode: "verify" }, "mode verify needs trustStore (port 443)"],
                [{ port: 443, mode: "verify", trustStore: "" }, "mode verify needs trustStore (port 443)"],
                [{ port: 443, mode: "verify", trustStore: "ts", advertiseTrustStoreCaNames: "on" }, undefined],
                [
                    { port: 443, mode: "off", trustStore: "ts" },
                    "mode off takes neither trustStore nor ignoreClientCertificateExpiry (port 443)",
                ],
                [
                    { port: 443, mode: "passthrough", ignoreClientCertificateExpiry: false },
                    "mode passthrough takes neither trustStore nor ignoreClientCertificateExpiry (port 443)",
                ],
                [
                    { port: 443, mode: "verify", trustStore: "ts", advertiseTrustStoreCaNames: "yes" },
                    'advertiseTrustStoreCaNames must be "on" or "off", with mode verify (port 443)',
                ],
                [
                    { port: 443, mode: "off", advertiseTrustStoreCaNames: "off" },
                    'advertiseTrustStoreCaNames must be "on" or "off", with mode verify (port 443)',
                ],
            ];
            for (const [e, want] of cases) assert.strictEqual(mutualAuthenticationProblem(e as never), want, j(e));
        });
        it("success codes: HTTP 200-499 and gRPC 0-99, lists and ascending ranges, every item in range", () => {
            for (const ok of ["200", "499", "200-499", "200,300-310"])
                assert.strictEqual(successCodesProblem(ok), undefined, ok);
            for (const bad of ["199", "500", "200,500", "300-200", "100"]) assert.ok(successCodesProblem(bad), bad);
            assert.strictEqual(
                successCodesProblem("500"),
                'must be HTTP codes from 200 to 499, as a list ("200,202") or a range ("200-299"), got "500"',
            );
            assert.strictEqual(successCodesProblem("12", "GRPC"), undefined);
            assert.strictEqual(
                successCodesProblem("200", "GRPC"),
                'must be gRPC codes from 0 to 99, as a list ("0,2") or a range ("0-99"), got "200"',
            );
        });
    });

    describe("on an Ingress", () => {
        it("refuses an empty mutual-authentication list and each bad entry, jwt-validation without what it needs", () => {
            assert.deepStrictEqual(problems(view({ ...HTTPS, "mutual-authentication": "[]" })), [
                `${A("mutual-authentication")} rejected: must not be an empty list`,
            ]);
            assert.deepStrictEqual(
                problems(view({ ...HTTPS, "mutual-authentication": j([{ port: 443, mode: "verify" }]) })),
                [`${A("mutual-authentication")} rejected: mode verify needs trustStore (port 443)`],
            );
            const jwt = (v: unknown) => problems(view({ "jwt-validation": j(v) }));
            assert.deepStrictEqual(jwt({ issuer: "i" }), [`${A("jwt-validation")} rejected: jwksEndpoint is required`]);
            assert.deepStrictEqual(jwt({ jwksEndpoint: "https://k" }), [
                `${A("jwt-validation")} rejected: issuer is required`,
            ]);
            const claim = { format: "string-array", name: "scope", values: ["read"] };
            assert.deepStrictEqual(jwt({ jwksEndpoint: "https://k", issuer: "i", additionalClaims: [claim] }), []);
            for (const bad of [
                { ...claim, format: "" },
                { ...claim, name: undefined },
                { ...claim, values: [] },
                null,
            ]) {
                assert.deepStrictEqual(
                    jwt({ jwksEndpoint: "https://k", issuer: "i", additionalClaims: [claim, bad] }),
                    [`${A("jwt-validation")} rejected: every additional claim needs format, name and values`],
                );
            }
        });
        it("health checks: path up to 1024 characters, port 1 to 65535 or traffic-port or a port name of the Service", () => {
            assert.deepStrictEqual(problems(view({ "healthcheck-path": `/${"a".repeat(1023)}` })), []);
            assert.strictEqual(problems(view({ "healthcheck-path": `/${"a".repeat(1024)}` })).length, 1);
            for (const ok of ["1", "65535", "traffic-port", "http"]) {
                assert.deepStrictEqual(problems(view({ "healthcheck-port": ok })), [], ok);
            }
            assert.deepStrictEqual(problems(view({ "healthcheck-port": "0" })), [
                `${A("healthcheck-port")} rejected: must be "traffic-port", a port from 1 to 65535 or a Service port name, got 0`,
            ]);
            assert.strictEqual(problems(view({ "healthcheck-port": "65536" })).length, 1);
            const ports = { ports: [{ name: "http", port: 80 }, { port: 9090 }] };
            assert.deepStrictEqual(problems(view({ "healthcheck-port": "metrics" }, { service: ports })), [
                `${A("healthcheck-port")} rejected: names no port of Service web (ports: http, 9090), got "metrics"`,
            ]);
            assert.deepStrictEqual(problems(view({ "healthcheck-port": "metrics" }, { service: null })), []);
        });
        it("health check port names with ip targets: only Service ports whose targetPort is a number", () => {
            const svc = {
                ports: [
                    { name: "http", port: 80, targetPort: "web" },
                    { name: "num", port: 81, targetPort: 8081 },
                ],
            };
            assert.deepStrictEqual(
                problems(view({ "target-type": "ip", "healthcheck-port": "num" }, { service: svc })),
                [],
            );
            assert.strictEqual(
                problems(view({ "target-type": "ip", "healthcheck-port": "http" }, { service: svc })).length,
                1,
            );
            assert.deepStrictEqual(problems(view({ "healthcheck-port": "http" }, { service: svc })), []);
        });
        it("reads a non-integer health check port as a port name (intstr.Parse), and judges Ingresses whose Services and rules are not known", () => {
            assert.deepStrictEqual(problems(view({ "healthcheck-port": "1e5" })), [
                `${A("healthcheck-port")} rejected: names no port of Service web (ports: http), got "1e5"`,
            ]);
            assert.deepStrictEqual(problems(view({ "healthcheck-path": "health" }, { service: null })), [
                `${A("healthcheck-path")} rejected: must start with "/" and be at most 1024 characters, got "health"`,
            ]);
            const unknownRules: IngressView = {
                annotations: { [A("healthcheck-path")]: "health" },
                defaultBackend: { serviceName: "web", servicePort: 80 },
            };
            assert.strictEqual(ingressRuleProblems(unknownRules).length, 1);
        });
        it("a Service's own annotation overrides the Ingress's and is named with the Service", () => {
            const svc = { annotations: { [A("healthcheck-port")]: "0" }, ports: [{ name: "http", port: 80 }] };
            assert.deepStrictEqual(problems(view({ "healthcheck-port": "80" }, { service: svc })), [
                `Service web ${A("healthcheck-port")} rejected: must be "traffic-port", a port from 1 to 65535 or a Service port name, got 0`,
            ]);
        });
        it("judges success codes by the backend protocol version, each Service once", () => {
            assert.deepStrictEqual(problems(view({ "backend-protocol-version": "GRPC", "success-codes": "12" })), []);
            const twice = view(
                { "success-codes": "500" },
                {
                    paths: [
                        { path: "/a", pathType: "Prefix" },
                        { path: "/b", pathType: "Prefix" },
                    ],
                },
            );
            assert.strictEqual(problems(twice).length, 1);
        });
        it("target-control-port needs ip targets", () => {
            assert.deepStrictEqual(problems(view({ "target-control-port.web.8080": "3000" })), [
                `${A("target-control-port.web.8080")} rejected: needs ip targets (target-type: ip)`,
            ]);
            assert.deepStrictEqual(problems(view({ "target-type": "ip", "target-control-port.web.8080": "3000" })), []);
        });
        it("authentication on HTTPS listeners needs its IdP annotation and excludes jwt-validation", () => {
            assert.deepStrictEqual(problems(view({ ...HTTPS, "auth-type": "cognito" })), [
                `${A("auth-type")} rejected: cognito needs the ${A("auth-idp-cognito")} annotation`,
            ]);
            assert.deepStrictEqual(problems(view({ ...HTTPS, "auth-type": "oidc" })), [
                `${A("auth-type")} rejected: oidc needs the ${A("auth-idp-oidc")} annotation`,
            ]);
            const idp = j({
                issuer: "i",
                authorizationEndpoint: "a",
                tokenEndpoint: "t",
                userInfoEndpoint: "u",
                secretName: "s",
            });
            const jwt = j({ jwksEndpoint: "https://k", issuer: "i" });
            assert.deepStrictEqual(
                problems(view({ ...HTTPS, "auth-type": "oidc", "auth-idp-oidc": idp, "jwt-validation": jwt })),
                [`${A("jwt-validation")} rejected: cannot be combined with auth-type oidc`],
            );
            assert.deepStrictEqual(problems(view({ "listen-ports": '[{"HTTP":80}]', "auth-type": "cognito" })), []);
            const malformed = problems(view({ "listen-ports": "HTTPS:443", "auth-type": "cognito" }));
            assert.ok(
                malformed.every((p) => p.startsWith(A("listen-ports"))),
                malformed.join("\n"),
            );
        });
        it("reports conditions, transforms and actions under their annotation, actions only for use-annotation", () => {
            const ann = {
                "conditions.web": j([{ field: "source-ip", sourceIPConfig: { values: [] } }]),
                "transforms.web": j([{ type: "url-rewrite" }]),
                "actions.web": j({ type: "fixed-response" }),
            };
            const ps = ingressRuleProblems(
                view(ann, { paths: [{ path: "/", pathType: "Prefix", servicePort: "use-annotation" }] }),
            );
            assert.deepStrictEqual(
                ps.map((p) => [p.key, p.source]),
                [
                    [A("conditions.web"), "config_types.go RuleCondition.Validate"],
                    [A("transforms.web"), "config_types.go Transform.Validate"],
                    [A("actions.web"), "config_types.go Action.validate"],
                ],
            );
            assert.strictEqual(ingressRuleProblems(view(ann)).length, 2);
            const useAnnotation = { paths: [{ path: "/", pathType: "Prefix", servicePort: "use-annotation" }] };
            const valid = { "actions.web": j({ type: "fixed-response", fixedResponseConfig: { statusCode: "404" } }) };
            assert.deepStrictEqual(problems(view(valid, useAnnotation)), []);
            assert.deepStrictEqual(problems(view({}, useAnnotation)), []);
        });
    });

    describe("paths (buildPathPatterns, buildRuleConditions)", () => {
        const path = (p: { path?: string; pathType?: string }, ann: Record<string, string> = {}) =>
            problems(view(ann, { paths: [p] }));
        const pathCondition = (cfg: Record<string, unknown>) => ({
            "conditions.web": j([{ field: "path-pattern", pathPatternConfig: cfg }]),
        });
        it("allows hosts up to 128 characters", () => {
            assert.deepStrictEqual(problems(view({}, { host: `${"a".repeat(124)}.com` })), []);
            assert.deepStrictEqual(problems(view({}, { host: `${"a".repeat(125)}.com` })), [
                "spec.rules[0].host rejected: must be at most 128 characters (ELBv2 host-header condition)",
            ]);
        });
        it("refuses wildcards in Exact and Prefix paths as rejected, reads a path without type as ImplementationSpecific", () => {
            assert.deepStrictEqual(path({ path: "/a*", pathType: "Exact" }), [
                'spec.rules[0].http.paths[0].path rejected: must not contain "*" or "?" with pathType Exact (use ImplementationSpecific for wildcards)',
            ]);
            assert.deepStrictEqual(path({ path: "/a*" }), []);
        });
        it("reads regex paths without their first character, for ImplementationSpecific paths only", () => {
            const regex = { "use-regex-path-match": "true" };
            assert.deepStrictEqual(
                path({ path: `/${"a".repeat(128)}`, pathType: "ImplementationSpecific" }, regex),
                [],
            );
            assert.strictEqual(path({ path: `/${"a".repeat(128)}`, pathType: "ImplementationSpecific" }).length, 1);
            const exact = path(
                { path: "/a", pathType: "Exact" },
                { ...regex, ...pathCondition({ regexValues: ["^/b"] }) },
            );
            assert.deepStrictEqual(exact, [
                "spec.rules[0].http.paths[0].path rejected: path values and path regexValues cannot be combined (use-regex-path-match and path-pattern conditions)",
            ]);
        });
        it("Prefix paths add /* within the 128 characters; a trailing / is dropped first", () => {
            assert.deepStrictEqual(path({ path: `/${"a".repeat(125)}/`, pathType: "Prefix" }), []);
            assert.deepStrictEqual(path({ path: `/${"a".repeat(126)}`, pathType: "Prefix" }), [
                "spec.rules[0].http.paths[0].path rejected: makes a path pattern longer than 128 characters (ELBv2 path-pattern condition)",
            ]);
        });
        it("a Prefix / is the value /*, a path without type is ImplementationSpecific, a missing path none", () => {
            const regexCondition = pathCondition({ regexValues: ["^/b"] });
            assert.strictEqual(path({ path: "/", pathType: "Prefix" }, regexCondition).length, 1);
            const regex = { "use-regex-path-match": "true" };
            assert.strictEqual(path({ path: "/^a" }, { ...regex, ...pathCondition({ values: ["/b"] }) }).length, 1);
            assert.deepStrictEqual(
                path({ pathType: "ImplementationSpecific" }, { ...regex, ...pathCondition({ values: ["/b"] }) }),
                [],
            );
            assert.deepStrictEqual(path({ path: "/a", pathType: "Prefix" }, pathCondition({ values: ["/b"] })), []);
        });
        it("reads each condition's own config only (host-header config on a path-pattern condition is not read)", () => {
            const stray = {
                "conditions.web": j([
                    {
                        field: "path-pattern",
                        pathPatternConfig: { values: ["/b"] },
                        hostHeaderConfig: { regexValues: ["^a"] },
                    },
                ]),
            };
            assert.deepStrictEqual(problems(view(stray)), []);
        });
        it("does not mix path values and regexValues, from the path or path-pattern conditions", () => {
            const regexCondition = pathCondition({ regexValues: ["^/b"] });
            assert.strictEqual(path({ path: "/a", pathType: "ImplementationSpecific" }, regexCondition).length, 1);
            assert.deepStrictEqual(path({ pathType: "ImplementationSpecific" }, regexCondition), []);
            const regex = { "use-regex-path-match": "true" };
            assert.deepStrictEqual(
                path({ path: "/^a", pathType: "ImplementationSpecific" }, { ...regex, ...regexCondition }),
                [],
            );
            assert.strictEqual(
                path(
                    { path: "/^a", pathType: "ImplementationSpecific" },
                    { ...regex, ...pathCondition({ values: ["/b"] }) },
                ).length,
                1,
            );
        });
        it("does not mix host-header regexValues with the rule's host or host-header values", () => {
            const hosts = (...cfgs: Record<string, unknown>[]) => ({
                "conditions.web": j(cfgs.map((c) => ({ field: "host-header", hostHeaderConfig: c }))),
            });
            const combined = `${A("conditions.web")} rejected: host-header regexValues cannot be combined with the rule's host or host-header values`;
            assert.deepStrictEqual(problems(view(hosts({ regexValues: ["^a"] }))), [combined]);
            assert.deepStrictEqual(problems(view(hosts({ regexValues: ["^a"] }), { host: null })), []);
            assert.deepStrictEqual(
                problems(view(hosts({ values: ["b.com"] }, { regexValues: ["^a"] }), { host: null })),
                [combined],
            );
        });
    });
});
