/**
 * The controller's `alb.ingress.kubernetes.io/*` annotations: which exist, where they may be set, and what
 * their values look like. The controller silently ignores an unknown or malformed annotation, so this package
 * (and its policy pack) refuses them instead. The catalogue is upstream data (`data/annotations/`); the few
 * value ranges the catalogue states only in prose are in {@link INTEGER_RANGES}.
 */
import { type ListenPort, readBool, readInt, readJson, readListenPorts, readStringMap } from "./annotationValues";
import catalogue from "./data/annotations/ingress-annotations.json";
import {
    ACTION,
    AUTH_IDP_COGNITO,
    AUTH_IDP_OIDC,
    type GoType,
    JWT_VALIDATION,
    MUTUAL_AUTHENTICATION,
    RULE_CONDITION,
    TRANSFORM,
    decodeGo,
} from "./ingressJsonTypes";

/** The annotation prefix the controller reads on Ingresses and Services. */
export const ALB_PREFIX = "alb.ingress.kubernetes.io/";

/** One catalogued annotation. */
export interface AnnotationSpec {
    readonly name: string;
    readonly type: "string" | "integer" | "boolean" | "stringList" | "stringMap" | "json";
    readonly allowedValues?: readonly string[];
    /** `Ingress`, or `Ingress,Service` for annotations a backend Service may carry too. */
    readonly location: string;
    /** How members of an IngressGroup combine it: `exclusive` ones must agree across the group. */
    readonly mergeBehavior?: string;
    /** The name contains `${…}` placeholders. */
    readonly pattern?: boolean;
}

/** Every catalogued annotation. */
export const ANNOTATIONS: readonly AnnotationSpec[] = catalogue as AnnotationSpec[];

/**
 * Integer ranges by annotation suffix. `group.order`: the controller's `sortGroupMembers`
 * (`pkg/ingress/group_loader.go`); `ssl-redirect`, `target-control-port`: a TCP port; health checks: the ELBv2
 * `CreateTargetGroup` limits (terraform-provider-aws `internal/service/elbv2/target_group.go` validates the same
 * ranges), which the controller passes through and the API rejects; `auth-session-timeout`: ELBv2
 * `AuthenticateOidcActionConfig.SessionTimeout` (at most 7 days).
 */
export const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
    "group.order": [-1000, 1000],
    "ssl-redirect": [1, 65535],
    "healthcheck-interval-seconds": [5, 300],
    "healthcheck-timeout-seconds": [2, 120],
    "healthy-threshold-count": [2, 10],
    "unhealthy-threshold-count": [2, 10],
    "auth-session-timeout": [1, 604800],
    "frontend-nlb-healthcheck-interval-seconds": [5, 300],
    "frontend-nlb-healthcheck-timeout-seconds": [2, 120],
    "frontend-nlb-healthcheck-healthy-threshold-count": [2, 10],
    "frontend-nlb-healthcheck-unhealthy-threshold-count": [2, 10],
    "target-control-port": [1, 65535],
};

const patternOf = (spec: AnnotationSpec) =>
    new RegExp(
        `^${spec.name
            .split(/\$\{[^}]+\}/)
            .map((s) => s.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
            .join("[^/]+")}$`,
    );
const EXACT = new Map(ANNOTATIONS.filter((a) => !a.pattern).map((a) => [a.name, a]));
const PATTERNS = ANNOTATIONS.filter((a) => a.pattern).map((a) => ({ spec: a, re: patternOf(a) }));

/** The catalogue entry of an annotation name, or `undefined` when the controller does not know it. */
export function findAnnotation(name: string): AnnotationSpec | undefined {
    return EXACT.get(name) ?? PATTERNS.find((p) => p.re.test(name))?.spec;
}

/** Parses a map annotation (`k1=v1,k2=v2`) as the controller does; `undefined` when the controller fails to. */
export function parseStringMap(value: string): Record<string, string> | undefined {
    return readStringMap(value).value;
}

/**
 * Parses `listen-ports` as the controller's `computeIngressListenPorts` does: protocol/port pairs, or the
 * problem that fails the controller's model build.
 */
export function parseListenPorts(value: string): ListenPort[] | string {
    const reading = readListenPorts(value);
    return reading.problem ?? reading.value;
}

/** The Go type the controller decodes each JSON annotation into, by suffix (templated ones by prefix). */
const JSON_TYPES: Readonly<Record<string, GoType>> = {
    "auth-idp-cognito": AUTH_IDP_COGNITO,
    "auth-idp-oidc": AUTH_IDP_OIDC,
    "jwt-validation": JWT_VALIDATION,
    "mutual-authentication": { list: MUTUAL_AUTHENTICATION },
    actions: ACTION,
    conditions: { list: RULE_CONDITION },
    transforms: { list: TRANSFORM },
};

/** `string` annotations the controller treats as unset when empty (`model_build_load_balancer_addons.go`, `model_build_ipam.go`). */
const EMPTY_MEANS_UNSET = new Set(["wafv2-acl-name", "waf-acl-id", "web-acl-id", "ipam-ipv4-pool-id"]);

/** Annotations read with `ParseInt64Annotation` (the others with `ParseInt32Annotation`). */
const INT64_ANNOTATIONS = new Set(["auth-session-timeout"]);

function valueProblem(spec: AnnotationSpec, value: string): string | undefined {
    const suffix = spec.name.slice(ALB_PREFIX.length).split(".$")[0];
    switch (spec.type) {
        case "boolean":
            return readBool(value).problem;
        case "integer": {
            const n = readInt(value, INT64_ANNOTATIONS.has(suffix) ? 64 : 32);
            if (n.problem !== undefined) return n.problem;
            const range = INTEGER_RANGES[suffix];
            return range && (n.value < range[0] || n.value > range[1])
                ? `must be from ${range[0]} to ${range[1]}`
                : undefined;
        }
        case "string":
            if (spec.allowedValues && !spec.allowedValues.includes(value)) {
                return `must be one of ${spec.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
            }
            return value.trim() === "" && !EMPTY_MEANS_UNSET.has(suffix) ? "must not be empty" : undefined;
        case "stringList":
            return undefined; // splitCommaSeparatedString accepts any text (empty items are dropped)
        case "stringMap":
            return readStringMap(value).problem;
        case "json": {
            if (suffix === "listen-ports") return readListenPorts(value).problem;
            const json = readJson(value);
            if (json === undefined) return "must be valid JSON";
            const type = JSON_TYPES[suffix];
            const decoded = type === undefined ? undefined : decodeGo(json, type);
            return decoded !== undefined && "problem" in decoded
                ? `does not decode into the controller's type: ${decoded.problem}`
                : undefined;
        }
    }
}

/**
 * The problem with one `alb.ingress.kubernetes.io/*` annotation on an object of `kind` (`Ingress` or
 * `Service`), or `undefined` when the controller knows it and its value is well-formed. Other annotations
 * (outside the prefix) are not this function's business and always pass.
 */
export function annotationProblem(
    name: string,
    value: unknown,
    kind: "Ingress" | "Service" = "Ingress",
): string | undefined {
    if (!name.startsWith(ALB_PREFIX)) {
        return undefined;
    }
    const spec = findAnnotation(name);
    if (spec === undefined) {
        const near = ANNOTATIONS.map((a) => a.name).find((n) => n.replace(/[-_.]/g, "") === name.replace(/[-_.]/g, ""));
        return `is not an annotation the AWS Load Balancer Controller knows${near ? ` (did you mean ${near}?)` : ""}; the controller would ignore it`;
    }
    if (!spec.location.split(",").includes(kind)) {
        return `is only read on ${spec.location} objects, not on a ${kind}`;
    }
    if (typeof value !== "string") {
        return `must be a string, got ${JSON.stringify(value)}`;
    }
    const problem = valueProblem(spec, value);
    return problem === undefined ? undefined : `${problem}, got ${JSON.stringify(value)}`;
}
