/**
 * The controller's `alb.ingress.kubernetes.io/*` annotations: which exist, where they may be set, and what
 * their values look like. The controller silently ignores an unknown or malformed annotation, so this package
 * (and its policy pack) refuses them instead. The catalogue is upstream data (`data/annotations/`); the few
 * value ranges the catalogue states only in prose are in {@link INTEGER_RANGES}.
 */
import catalogue from "./data/annotations/ingress-annotations.json";

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

/** Integer ranges from the controller documentation, by annotation suffix. */
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

/** Parses `k1=v1,k2=v2` (the controller's map format); `undefined` when malformed. */
export function parseStringMap(value: string): Record<string, string> | undefined {
    const out: Record<string, string> = {};
    for (const pair of value.split(",")) {
        const at = pair.indexOf("=");
        if (at <= 0 || pair.slice(0, at).trim() === "") {
            return undefined;
        }
        out[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
    }
    return out;
}

/** Parses `listen-ports` (`[{"HTTP": 80}, {"HTTPS": 443}]`): protocol/port pairs, or a problem. */
export function parseListenPorts(value: string): { protocol: string; port: number }[] | string {
    let parsed: unknown;
    try {
        parsed = JSON.parse(value);
    } catch {
        return 'must be a JSON array such as [{"HTTP": 80}, {"HTTPS": 443}]';
    }
    if (!Array.isArray(parsed) || parsed.length === 0) {
        return 'must be a non-empty JSON array such as [{"HTTP": 80}, {"HTTPS": 443}]';
    }
    const out: { protocol: string; port: number }[] = [];
    for (const entry of parsed) {
        const pairs = entry !== null && typeof entry === "object" ? Object.entries(entry as object) : [];
        const [protocol, port] = pairs[0] ?? [];
        if (
            pairs.length !== 1 ||
            !["HTTP", "HTTPS"].includes(protocol) ||
            !Number.isInteger(port) ||
            port < 1 ||
            port > 65535
        ) {
            return `entries must be {"HTTP"|"HTTPS": <port 1-65535>}, got ${JSON.stringify(entry)}`;
        }
        if (out.some((o) => o.port === port)) {
            return `declares port ${port} twice`;
        }
        out.push({ protocol, port });
    }
    return out;
}

function valueProblem(spec: AnnotationSpec, value: string): string | undefined {
    const suffix = spec.name.slice(ALB_PREFIX.length).split(".$")[0];
    switch (spec.type) {
        case "boolean":
            return value === "true" || value === "false" ? undefined : 'must be "true" or "false"';
        case "integer": {
            if (!/^-?\d+$/.test(value)) {
                return "must be an integer";
            }
            const range = INTEGER_RANGES[suffix];
            const n = Number(value);
            return range && (n < range[0] || n > range[1]) ? `must be from ${range[0]} to ${range[1]}` : undefined;
        }
        case "string":
            if (spec.allowedValues && !spec.allowedValues.includes(value)) {
                return `must be one of ${spec.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
            }
            return value.trim() === "" ? "must not be empty" : undefined;
        case "stringList":
            return value.split(",").every((v) => v.trim() !== "")
                ? undefined
                : "must be a comma-separated list without empty items";
        case "stringMap":
            return parseStringMap(value) ? undefined : "must be comma-separated key=value pairs, e.g. k1=v1,k2=v2";
        case "json": {
            if (suffix === "listen-ports") {
                const ports = parseListenPorts(value);
                return typeof ports === "string" ? ports : undefined;
            }
            try {
                JSON.parse(value);
                return undefined;
            } catch {
                return "must be valid JSON";
            }
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
