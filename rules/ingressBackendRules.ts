/**
 * The rules the AWS Load Balancer Controller applies per Ingress path and backend: rule conditions and path
 * patterns (`pkg/ingress/model_build_listener_rules.go`), the `actions.*` / `conditions.*` / `transforms.*`
 * annotations (`enhanced_backend_builder.go`, `config_types.go`), authentication (`auth_config_builder.go`,
 * `model_build_actions.go`), mutual TLS (`model_build_listener.go`) and the target group of each Service
 * (`model_build_target_group.go`, whose annotations a backend Service overrides). kubernetes-sigs/
 * aws-load-balancer-controller v3.5.0. Used by `ingressRules.ts`.
 */
import { ALB_PREFIX } from "./annotations";
import { type ListenPort, type Reading, readBool, readIntOrString, readJson } from "./annotationValues";
import {
    ACTION,
    type Decoded,
    type GoType,
    JWT_VALIDATION,
    MUTUAL_AUTHENTICATION,
    RULE_CONDITION,
    TRANSFORM,
    decodeGo,
} from "./ingressJsonTypes";
import type { BackendView, IngressView, RuleEffect, RuleProblem } from "./ingressRules";
import * as T from "./ingressRuleTables";

type Obj = { [field: string]: Decoded };
const A = (suffix: string) => `${ALB_PREFIX}${suffix}`;
const list = (v: Decoded): Decoded[] => (Array.isArray(v) ? v : []);
const obj = (v: Decoded): Obj | undefined => (v !== null && typeof v === "object" && !Array.isArray(v) ? v : undefined);
const nonEmpty = (v: Decoded) => list(v).length > 0;

/** Decodes a JSON annotation; `undefined` when absent or malformed (`annotationProblem` reports that). */
function decoded(raw: string | undefined, type: GoType): Decoded | undefined {
    const json = raw === undefined ? undefined : readJson(raw);
    const d = json === undefined ? undefined : decodeGo(json, type);
    return d !== undefined && "value" in d ? d.value : undefined;
}

/** `RuleCondition.Validate` (`config_types.go`). */
export function conditionProblem(c: Obj): string | undefined {
    const cfg: Record<string, [string, (o: Obj) => string | undefined]> = {
        "host-header": ["hostHeaderConfig", valuesXorRegex],
        "path-pattern": ["pathPatternConfig", valuesXorRegex],
        "http-header": ["httpHeaderConfig", valuesXorRegex],
        "http-request-method": [
            "httpRequestMethodConfig",
            (o) => (nonEmpty(o.values) ? undefined : "values cannot be empty"),
        ],
        "query-string": [
            "queryStringConfig",
            (o) =>
                !nonEmpty(o.values)
                    ? "values cannot be empty"
                    : list(o.values).some((p) => !obj(p)?.value)
                      ? "every value needs a non-empty value"
                      : undefined,
        ],
        "source-ip": ["sourceIPConfig", (o) => (nonEmpty(o.values) ? undefined : "values cannot be empty")],
    };
    const entry = cfg[String(c.field)];
    if (entry === undefined) return undefined; // buildRuleConditions ignores other fields
    const config = obj(c[entry[0]]);
    const p = config === undefined ? `missing ${entry[0]}` : entry[1](config);
    return p === undefined ? undefined : `${String(c.field)} condition: ${p}`;
}

function valuesXorRegex(o: Obj): string | undefined {
    const [v, r] = [nonEmpty(o.values), nonEmpty(o.regexValues)];
    return v === r ? "exactly one of values and regexValues must be set" : undefined;
}

/** `Transform.Validate`. */
export function transformProblem(t: Obj): string | undefined {
    const field =
        t.type === "host-header-rewrite"
            ? "hostHeaderRewriteConfig"
            : t.type === "url-rewrite"
              ? "urlRewriteConfig"
              : undefined;
    if (field === undefined)
        return `type must be one of ${T.TRANSFORM_TYPES.join(", ")}, got ${JSON.stringify(t.type ?? "")}`;
    return nonEmpty(obj(t[field])?.rewrites) ? undefined : `${field}.rewrites cannot be empty`;
}

/** `Action.validate` with `ForwardActionConfig.validate` and `TargetGroupTuple.validate`. */
export function actionProblem(a: Obj): string | undefined {
    switch (a.type) {
        case "fixed-response":
        case "redirect": {
            const field = a.type === "redirect" ? "redirectConfig" : "fixedResponseConfig";
            return obj(a[field])?.statusCode ? undefined : `${field}.statusCode is required`;
        }
        case "forward": {
            const direct = a.targetGroupARN !== undefined || a.targetGroupName !== undefined;
            const fwd = obj(a.forwardConfig);
            if (direct === (fwd !== undefined))
                return "exactly one of forwardConfig and targetGroupARN/targetGroupName must be set";
            const groups = list(fwd?.targetGroups).map((g) => obj(g) ?? {});
            for (const g of groups) {
                const byArn = g.targetGroupARN !== undefined || g.targetGroupName !== undefined;
                if (byArn === (g.serviceName !== undefined))
                    return "each target group needs exactly one of serviceName and targetGroupARN/targetGroupName";
                if (g.serviceName !== undefined && g.servicePort === undefined)
                    return "a target group with serviceName needs servicePort";
            }
            return groups.length > 1 && groups.some((g) => g.weight === undefined)
                ? "weight must be set when forwarding to several target groups"
                : undefined;
        }
        default:
            return `type must be one of ${T.ACTION_TYPES.join(", ")}, got ${JSON.stringify(a.type ?? "")}`;
    }
}

/** `validateMutualAuthenticationConfig` of one `mutual-authentication` entry. */
export function mutualAuthenticationProblem(e: Obj): string | undefined {
    const port = typeof e.port === "number" ? e.port : 0;
    const hasTrustStore = typeof e.trustStore === "string" && e.trustStore !== "";
    if (port < 1 || port > 65535) return `port must be from 1 to 65535, got ${port}`;
    if (!T.MTLS_MODES.includes(e.mode as never)) return `mode must be one of ${T.MTLS_MODES.join(", ")} (port ${port})`;
    if (e.mode === "verify" && !hasTrustStore) return `mode verify needs trustStore (port ${port})`;
    if (e.mode !== "verify" && (hasTrustStore || e.ignoreClientCertificateExpiry !== undefined)) {
        return `mode ${String(e.mode)} takes neither trustStore nor ignoreClientCertificateExpiry (port ${port})`;
    }
    if (
        e.advertiseTrustStoreCaNames !== undefined &&
        (e.mode !== "verify" || !T.MTLS_ADVERTISE_CA_NAMES.includes(e.advertiseTrustStoreCaNames as never))
    ) {
        return `advertiseTrustStoreCaNames must be "on" or "off", with mode verify (port ${port})`;
    }
    return undefined;
}

/** The problem with a health check success code list of the given protocol version (ELBv2 `Matcher`). */
export function successCodesProblem(codes: string, protocolVersion = "HTTP1"): string | undefined {
    const [min, max] = protocolVersion === "GRPC" ? T.SUCCESS_CODES.GRPC : T.SUCCESS_CODES.HTTP;
    const fine =
        /^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(codes) &&
        codes.split(",").every((item) => {
            const [lo, hi = lo] = item.split("-").map(Number);
            return lo >= min && hi <= max && lo <= hi;
        });
    return fine
        ? undefined
        : `must be ${protocolVersion === "GRPC" ? "gRPC" : "HTTP"} codes from ${min} to ${max}, as a list ("${min},${min + 2}") or a range ("${min}-${min + 99 > max ? max : min + 99}"), got ${JSON.stringify(codes)}`;
}

/** Every rule the paths and backends of one Ingress break (called by `ingressRuleProblems`). */
export function backendRuleProblems(view: IngressView, listeners: ListenPort[] | undefined): RuleProblem[] {
    const out: RuleProblem[] = [];
    const ann = view.annotations;
    const add = (key: string, message: string, source: string, effect: RuleEffect = "rejected") =>
        out.push({ key, message, effect, source });
    const https = listeners?.some((l) => l.protocol === "HTTPS") ?? false;

    const mtls = decoded(ann[A("mutual-authentication")], { list: MUTUAL_AUTHENTICATION });
    if (Array.isArray(mtls)) {
        const problems =
            mtls.length === 0
                ? ["must not be an empty list"]
                : mtls.map((e) => mutualAuthenticationProblem(obj(e) ?? {}));
        for (const p of problems)
            if (p) add(A("mutual-authentication"), p, "model_build_listener.go validateMutualAuthenticationConfig");
    }
    const jwt = obj(decoded(ann[A("jwt-validation")], JWT_VALIDATION));
    if (jwt !== undefined) {
        const claims = list(jwt.additionalClaims).map((c) => obj(c) ?? {});
        const p = !jwt.jwksEndpoint
            ? "jwksEndpoint is required"
            : !jwt.issuer
              ? "issuer is required"
              : claims.some((c) => !c.format || !c.name || !nonEmpty(c.values))
                ? "every additional claim needs format, name and values"
                : undefined;
        if (p) add(A("jwt-validation"), p, "enhanced_backend_builder.go buildJwtValidationConfig");
    }

    const backends: BackendView[] = [
        ...(view.defaultBackend ? [view.defaultBackend] : []),
        ...(view.rules ?? []).flatMap((r) => r.paths.map((p) => p.backend)),
    ];
    const seen = new Set<string>();
    for (const b of backends) {
        if (seen.has(b.serviceName)) continue;
        seen.add(b.serviceName);
        const svc = view.services?.[b.serviceName];
        const merged = { ...ann, ...(svc?.annotations ?? {}) }; // MergeStringMap(svc.Annotations, ing.Annotations)
        const get = (s: string) => merged[A(s)];
        const key = (s: string) => (svc?.annotations?.[A(s)] !== undefined ? `Service ${b.serviceName} ${A(s)}` : A(s));
        const tg = "model_build_target_group.go buildTargetGroupHealthCheckConfig, ELBv2 CreateTargetGroup";

        const path = get("healthcheck-path");
        if (path !== undefined && (!path.startsWith("/") || path.length > T.HEALTH_CHECK_PATH_MAX_LENGTH)) {
            add(
                key("healthcheck-path"),
                `must start with "/" and be at most ${T.HEALTH_CHECK_PATH_MAX_LENGTH} characters, got ${JSON.stringify(path)}`,
                tg,
            );
        }
        const hcPort = get("healthcheck-port");
        const port = hcPort === undefined || hcPort === T.TRAFFIC_PORT ? undefined : readIntOrString(hcPort);
        const targetType = get("target-type") ?? "instance";
        if (typeof port === "number" && (port < 1 || port > 65535)) {
            add(
                key("healthcheck-port"),
                `must be "traffic-port", a port from 1 to 65535 or a Service port name, got ${port}`,
                tg,
            );
        } else if (typeof port === "string" && svc !== undefined) {
            const named = svc.ports.find((p) => p.name === port);
            if (named === undefined) {
                add(
                    key("healthcheck-port"),
                    `names no port of Service ${b.serviceName} (ports: ${svc.ports.map((p) => p.name ?? p.port).join(", ")}), got ${JSON.stringify(port)}`,
                    "model_build_target_group.go buildTargetGroupHealthCheckPort",
                );
            } else if (targetType === "ip" && typeof named.targetPort === "string") {
                add(
                    key("healthcheck-port"),
                    `cannot name a Service port whose targetPort is a name (${JSON.stringify(named.targetPort)}) with ip targets; use "traffic-port" or a number`,
                    "model_build_target_group.go buildTargetGroupHealthCheckPort",
                );
            }
        }
        const codes = get("success-codes");
        if (codes !== undefined) {
            const p = successCodesProblem(codes, get("backend-protocol-version") ?? "HTTP1");
            if (p)
                add(
                    key("success-codes"),
                    p,
                    "model_build_target_group.go buildTargetGroupHealthCheckMatcher, ELBv2 Matcher",
                );
        }
        const controlPortKey = Object.keys(merged).find((k) =>
            k.startsWith(A(`target-control-port.${b.serviceName}.`)),
        );
        if (controlPortKey !== undefined && targetType === "instance") {
            add(
                controlPortKey,
                "needs ip targets (target-type: ip)",
                "model_build_target_group.go buildTargetGroupSpec",
            );
        }
        const authType = get("auth-type") ?? "none";
        if (https && authType !== "none") {
            const idp = authType === "cognito" ? "auth-idp-cognito" : "auth-idp-oidc";
            if (get(idp) === undefined)
                add(
                    key("auth-type"),
                    `${authType} needs the ${A(idp)} annotation`,
                    "model_build_actions.go buildAuthAction",
                );
            if (jwt !== undefined)
                add(
                    A("jwt-validation"),
                    `cannot be combined with auth-type ${authType}`,
                    "model_build_actions.go buildActions",
                );
        }
        for (const [kind, type, check] of [
            ["conditions", { list: RULE_CONDITION }, conditionProblem],
            ["transforms", { list: TRANSFORM }, transformProblem],
        ] as const) {
            for (const item of list(decoded(ann[A(`${kind}.${b.serviceName}`)], type))) {
                const p = check(obj(item) ?? {});
                if (p)
                    add(
                        A(`${kind}.${b.serviceName}`),
                        p,
                        `config_types.go ${kind === "conditions" ? "RuleCondition" : "Transform"}.Validate`,
                    );
            }
        }
        if (b.servicePort === "use-annotation") {
            const action = obj(decoded(ann[A(`actions.${b.serviceName}`)], ACTION));
            const p = action === undefined ? undefined : actionProblem(action);
            if (p) add(A(`actions.${b.serviceName}`), p, "config_types.go Action.validate");
        }
    }
    out.push(...pathProblems(view));
    return out;
}

function pathProblems(view: IngressView): RuleProblem[] {
    const out: RuleProblem[] = [];
    const regexPaths = readBool(view.annotations[A("use-regex-path-match")] ?? "false").value === true;
    const source = "model_build_listener_rules.go buildRuleConditions";
    (view.rules ?? []).forEach((rule, i) => {
        if (rule.host !== undefined && rule.host.length > T.RULE_VALUE_MAX_LENGTH) {
            out.push({
                key: `spec.rules[${i}].host`,
                message: `must be at most ${T.RULE_VALUE_MAX_LENGTH} characters (ELBv2 host-header condition)`,
                effect: "rejected",
                source,
            });
        }
        rule.paths.forEach((p, j) => {
            const key = `spec.rules[${i}].http.paths[${j}].path`;
            const type = p.pathType ?? "ImplementationSpecific";
            const path = p.path ?? "";
            let patterns: Reading<{ values: string[]; regex: string[] }>;
            if ((type === "Exact" || type === "Prefix") && path !== "/" && /[*?]/.test(path)) {
                patterns = {
                    problem: `must not contain "*" or "?" with pathType ${type} (use ImplementationSpecific for wildcards)`,
                };
            } else if (type === "Prefix") {
                const trimmed = path.replace(/\/$/, "");
                patterns = { value: { values: path === "/" ? ["/*"] : [trimmed, `${trimmed}/*`], regex: [] } };
            } else if (type === "ImplementationSpecific" && regexPaths) {
                patterns = { value: { values: [], regex: path === "" ? [] : [path.slice(1)] } };
            } else {
                patterns = { value: { values: path === "" ? [] : [path], regex: [] } };
            }
            if (patterns.problem !== undefined) {
                out.push({
                    key,
                    message: patterns.problem,
                    effect: "rejected",
                    source: "model_build_listener_rules.go buildPathPatterns",
                });
                return;
            }
            const { values, regex } = patterns.value;
            if ([...values, ...regex].some((v) => v.length > T.RULE_VALUE_MAX_LENGTH)) {
                out.push({
                    key,
                    message: `makes a path pattern longer than ${T.RULE_VALUE_MAX_LENGTH} characters (ELBv2 path-pattern condition)`,
                    effect: "rejected",
                    source,
                });
            }
            const conditions = list(
                decoded(view.annotations[A(`conditions.${p.backend.serviceName}`)], { list: RULE_CONDITION }),
            ).map((c) => obj(c) ?? {});
            const extra = (field: string, cfg: string) =>
                conditions.filter((c) => c.field === field).map((c) => obj(c[cfg]) ?? {});
            const hosts = extra("host-header", "hostHeaderConfig");
            const paths = extra("path-pattern", "pathPatternConfig");
            if (
                (rule.host ? 1 : 0) + hosts.filter((h) => nonEmpty(h.values)).length > 0 &&
                hosts.some((h) => nonEmpty(h.regexValues))
            ) {
                out.push({
                    key: A(`conditions.${p.backend.serviceName}`),
                    message: "host-header regexValues cannot be combined with the rule's host or host-header values",
                    effect: "rejected",
                    source,
                });
            }
            if (
                values.length + paths.filter((h) => nonEmpty(h.values)).length > 0 &&
                regex.length + paths.filter((h) => nonEmpty(h.regexValues)).length > 0
            ) {
                out.push({
                    key,
                    message:
                        "path values and path regexValues cannot be combined (use-regex-path-match and path-pattern conditions)",
                    effect: "rejected",
                    source,
                });
            }
        });
    });
    return out;
}
