/**
 * The Go types the controller decodes its JSON annotations into (`pkg/ingress/config_types.go`,
 * `MutualAuthenticationConfig` in `pkg/ingress/model_build_listener.go` of kubernetes-sigs/aws-load-balancer-controller
 * v3.5.0), and a decoder with `encoding/json`'s rules: a field matches its JSON key exactly or case-insensitively,
 * unknown keys are ignored, `null` leaves the zero value, and a value of the wrong JSON type fails the whole
 * annotation (the controller then fails the reconcile: `ParseJSONAnnotation`).
 */
import { type JsonValue, JsonNumber, readInt } from "./annotationValues";

/** A Go type as `encoding/json` sees it. */
export type GoType =
    | "string"
    | "bool"
    | "int32"
    | "int64"
    | "intOrString"
    | { readonly list: GoType }
    | { readonly map: GoType }
    | { readonly struct: Readonly<Record<string, GoType>> };

const S = "string";
const strings = { list: S } as const;
const stringMap = { map: S } as const;

/** `RuleCondition` and its configs. */
export const RULE_CONDITION: GoType = {
    struct: {
        field: S,
        hostHeaderConfig: { struct: { regexValues: strings, values: strings } },
        httpHeaderConfig: { struct: { httpHeaderName: S, regexValues: strings, values: strings } },
        httpRequestMethodConfig: { struct: { values: strings } },
        pathPatternConfig: { struct: { regexValues: strings, values: strings } },
        queryStringConfig: { struct: { values: { list: { struct: { key: S, value: S } } } } },
        sourceIPConfig: { struct: { values: strings } },
    },
};

const TARGET_GROUP_TUPLE: GoType = {
    struct: { targetGroupARN: S, targetGroupName: S, serviceName: S, servicePort: "intOrString", weight: "int32" },
};

/** `Action` (the `actions.<name>` annotation). */
export const ACTION: GoType = {
    struct: {
        type: S,
        targetGroupARN: S,
        targetGroupName: S,
        fixedResponseConfig: { struct: { contentType: S, messageBody: S, statusCode: S } },
        redirectConfig: { struct: { host: S, path: S, port: S, protocol: S, query: S, statusCode: S } },
        forwardConfig: {
            struct: {
                targetGroups: { list: TARGET_GROUP_TUPLE },
                targetGroupStickinessConfig: { struct: { enabled: "bool", durationSeconds: "int32" } },
            },
        },
    },
};

const REWRITES: GoType = { struct: { rewrites: { list: { struct: { regex: S, replace: S } } } } };
/** `Transform` (the `transforms.<name>` annotation). */
export const TRANSFORM: GoType = {
    struct: { type: S, hostHeaderRewriteConfig: REWRITES, urlRewriteConfig: REWRITES },
};

/** `AuthIDPConfigCognito`. */
export const AUTH_IDP_COGNITO: GoType = {
    struct: {
        userPoolARN: S,
        userPoolClientID: S,
        userPoolDomain: S,
        authenticationRequestExtraParams: stringMap,
    },
};

/** `AuthIDPConfigOIDC`. */
export const AUTH_IDP_OIDC: GoType = {
    struct: {
        issuer: S,
        authorizationEndpoint: S,
        tokenEndpoint: S,
        userInfoEndpoint: S,
        secretName: S,
        authenticationRequestExtraParams: stringMap,
    },
};

/** `JwtValidationConfig`. */
export const JWT_VALIDATION: GoType = {
    struct: {
        jwksEndpoint: S,
        issuer: S,
        additionalClaims: { list: { struct: { format: S, name: S, values: strings } } },
    },
};

/** `MutualAuthenticationConfig`. */
export const MUTUAL_AUTHENTICATION: GoType = {
    struct: {
        port: "int32",
        mode: S,
        trustStore: S,
        ignoreClientCertificateExpiry: "bool",
        advertiseTrustStoreCaNames: S,
    },
};

/** A decoded value: Go field names as keys, `undefined` for fields left at their zero value / nil. */
export type Decoded = string | boolean | number | undefined | Decoded[] | { [field: string]: Decoded };

/** A JSON value as written (numbers by their literal, also inside arrays and objects). */
const show = (v: JsonValue): string =>
    v instanceof JsonNumber
        ? v.literal
        : Array.isArray(v)
          ? `[${v.map(show).join(",")}]`
          : v !== null && typeof v === "object"
            ? `{${Object.entries(v)
                  .map(([k, x]) => `${JSON.stringify(k)}:${show(x)}`)
                  .join(",")}}`
            : JSON.stringify(v);

/**
 * Decodes `value` into `type` as `json.Unmarshal` does; returns the decoded value, or the problem (with the
 * JSON path) that makes the controller's `ParseJSONAnnotation` fail.
 */
export function decodeGo(value: JsonValue, type: GoType, path = "$"): { value: Decoded } | { problem: string } {
    if (value === null) return { value: undefined };
    const wrong = (what: string) => ({ problem: `${path} must be ${what}, got ${show(value)}` });
    if (type === "string") return typeof value === "string" ? { value } : wrong("a string");
    if (type === "bool") return typeof value === "boolean" ? { value } : wrong("true or false");
    if (type === "int32" || type === "int64" || type === "intOrString") {
        if (type === "intOrString" && typeof value === "string") return { value };
        const n = value instanceof JsonNumber ? readInt(value.literal, type === "int64" ? 64 : 32) : undefined;
        return n?.problem === undefined && n !== undefined
            ? { value: n.value }
            : wrong(type === "intOrString" ? "an integer or a string" : "an integer");
    }
    if ("list" in type) {
        if (!Array.isArray(value)) return wrong("a JSON array");
        const out: Decoded[] = [];
        for (const [i, item] of value.entries()) {
            const d = decodeGo(item, type.list, `${path}[${i}]`);
            if ("problem" in d) return d;
            out.push(d.value);
        }
        return { value: out };
    }
    if (typeof value !== "object" || Array.isArray(value) || value instanceof JsonNumber) {
        return wrong("a JSON object");
    }
    const out: { [field: string]: Decoded } = {};
    if ("map" in type) {
        for (const [k, v] of Object.entries(value)) {
            const d = decodeGo(v, type.map, `${path}.${k}`);
            if ("problem" in d) return d;
            out[k] = d.value;
        }
        return { value: out };
    }
    const fields = Object.keys(type.struct);
    for (const [k, v] of Object.entries(value)) {
        const field = fields.find((f) => f === k) ?? fields.find((f) => f.toLowerCase() === k.toLowerCase());
        if (field === undefined) continue; // encoding/json ignores unknown keys
        const d = decodeGo(v, type.struct[field], `${path}.${field}`);
        if ("problem" in d) return d;
        out[field] = d.value;
    }
    return { value: out };
}
