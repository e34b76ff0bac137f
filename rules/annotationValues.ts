/**
 * How the AWS Load Balancer Controller reads an annotation value, replicated so that a value is judged exactly
 * as the controller parses it: `pkg/annotations/parser.go` (`suffixAnnotationParser`) of
 * kubernetes-sigs/aws-load-balancer-controller v3.5.0, and the Go standard library functions it calls
 * (`strconv.ParseBool`, `strconv.ParseInt`, `encoding/json`, `net.ParseCIDR`). Pure functions: the component and
 * the policy pack share them.
 */

/** A reading: the value the controller gets, or why the controller fails to parse it. */
export type Reading<T> =
    { readonly value: T; readonly problem?: undefined } | { readonly value?: undefined; readonly problem: string };

const ok = <T>(value: T): Reading<T> => ({ value });
const fail = <T>(problem: string): Reading<T> => ({ problem });

/** The words Go's `strconv.ParseBool` accepts (`ParseBoolAnnotation`). */
export const GO_BOOLEANS: Readonly<Record<string, boolean>> = {
    "1": true,
    t: true,
    T: true,
    TRUE: true,
    true: true,
    True: true,
    "0": false,
    f: false,
    F: false,
    FALSE: false,
    false: false,
    False: false,
};

/** `ParseBoolAnnotation`: Go's `strconv.ParseBool`. */
export function readBool(raw: string): Reading<boolean> {
    return Object.hasOwn(GO_BOOLEANS, raw) ? ok(GO_BOOLEANS[raw]) : fail('must be "true" or "false"');
}

/** `ParseInt32Annotation` / `ParseInt64Annotation`: Go's `strconv.ParseInt(raw, 10, bits)`. */
export function readInt(raw: string, bits: 32 | 64 = 32): Reading<number> {
    if (!/^[+-]?\d+$/.test(raw)) {
        return fail("must be an integer (base 10)");
    }
    const n = BigInt(raw);
    const limit = 2n ** BigInt(bits - 1);
    return n < -limit || n >= limit ? fail(`must fit in a ${bits}-bit integer`) : ok(Number(n));
}

/** `ParseStringSliceAnnotation` (`splitCommaSeparatedString`): comma-separated, trimmed, empty items dropped. */
export function readStringList(raw: string): string[] {
    return raw
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
}

/**
 * `splitKeyValuePairs` of `parser.go`: a comma starts a new pair only when an `=` follows somewhere after it,
 * `\` escapes the next character, and a trailing comma stays in the value.
 */
export function splitKeyValuePairs(s: string): string[] {
    const result: string[] = [];
    let current = "";
    for (let i = 0; i < s.length; i++) {
        if (s[i] === "\\" && i + 1 < s.length) {
            current += s[i + 1];
            i++;
        } else if (s[i] === ",") {
            const remaining = s.slice(i + 1).trim();
            if (remaining.includes("=")) {
                result.push(current.trim());
                current = "";
            } else if (remaining.length > 0) {
                result.push(current.trim(), remaining);
                return result;
            } else {
                current += ",";
            }
        } else {
            current += s[i];
        }
    }
    if (current.length > 0) result.push(current.trim());
    return result;
}

/** `ParseStringMapAnnotation`: `k1=v1,k2=v2`, keys and values trimmed, every pair with `=` and a key. */
export function readStringMap(raw: string): Reading<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const pair of splitKeyValuePairs(raw)) {
        const at = pair.indexOf("=");
        const key = at < 0 ? "" : pair.slice(0, at).trim();
        if (key === "") {
            return fail("must be comma-separated key=value pairs with non-empty keys, e.g. k1=v1,k2=v2");
        }
        out[key] = pair.slice(at + 1).trim();
    }
    return ok(out);
}

/** A JSON number, kept as written: Go's `encoding/json` reads an integer field only from an integer literal. */
export class JsonNumber {
    constructor(public readonly literal: string) {}
}
/** A JSON value with numbers kept as written. */
export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | { [key: string]: JsonValue };

/** Parses JSON (the grammar `encoding/json` accepts), keeping number literals; `undefined` when malformed. */
export function readJson(raw: string): JsonValue | undefined {
    try {
        JSON.parse(raw);
    } catch {
        return undefined;
    }
    let i = 0;
    const ws = () => {
        while (/\s/.test(raw[i] ?? "")) i++;
    };
    const value = (): JsonValue => {
        ws();
        const c = raw[i];
        if (c === "{") {
            const obj: { [key: string]: JsonValue } = {};
            i++;
            ws();
            while (raw[i] !== "}") {
                const key = value() as string;
                ws();
                i++; // ':'
                obj[key] = value();
                ws();
                if (raw[i] === ",") i++;
                ws();
            }
            i++;
            return obj;
        }
        if (c === "[") {
            const arr: JsonValue[] = [];
            i++;
            ws();
            while (raw[i] !== "]") {
                arr.push(value());
                ws();
                if (raw[i] === ",") i++;
                ws();
            }
            i++;
            return arr;
        }
        if (c === '"') {
            const m = /^"(?:[^"\\]|\\.)*"/.exec(raw.slice(i))![0];
            i += m.length;
            return JSON.parse(m) as string;
        }
        const m = /^(true|false|null|-?\d+(\.\d+)?([eE][+-]?\d+)?)/.exec(raw.slice(i))![0];
        i += m.length;
        return m === "null" ? null : m === "true" ? true : m === "false" ? false : new JsonNumber(m);
    };
    return value();
}

/** A listener the controller opens: protocol and port. */
export interface ListenPort {
    readonly protocol: "HTTP" | "HTTPS";
    readonly port: number;
}

/**
 * `listen-ports` as `computeIngressListenPorts` (`pkg/ingress/model_build_listener.go`) reads it: a JSON array of
 * objects mapping `HTTP`/`HTTPS` to integer ports 1-65535 (`[]map[string]int32`). An object may name both
 * protocols, `null` items and `{}` add nothing, and a port named again takes the later protocol.
 */
export function readListenPorts(raw: string): Reading<ListenPort[]> {
    const json = readJson(raw);
    const shape = 'a JSON array such as [{"HTTP": 80}, {"HTTPS": 443}]';
    if (json === undefined || (json !== null && !Array.isArray(json))) {
        return fail(`must be ${shape}`);
    }
    if (json === null || json.length === 0) {
        return fail(`must be a non-empty ${shape}`);
    }
    const byPort = new Map<number, "HTTP" | "HTTPS">();
    for (const entry of json) {
        if (entry === null) continue;
        if (typeof entry !== "object" || Array.isArray(entry) || entry instanceof JsonNumber) {
            return fail(`items must be objects such as {"HTTPS": 443}, got ${JSON.stringify(entry)}`);
        }
        for (const [protocol, port] of Object.entries(entry)) {
            const n = port === null ? 0 : port instanceof JsonNumber ? readInt(port.literal).value : undefined;
            if (n === undefined) {
                return fail(`ports must be integers, got ${protocol}: ${JSON.stringify(port)}`);
            }
            if (n < 1 || n > 65535) return fail(`ports must be from 1 to 65535, got ${n}`);
            if (protocol !== "HTTP" && protocol !== "HTTPS") {
                return fail(`protocols must be "HTTP" or "HTTPS", got ${JSON.stringify(protocol)}`);
            }
            byPort.set(n, protocol);
        }
    }
    return ok([...byPort].map(([port, protocol]) => ({ protocol, port })));
}

const IPV4 = /^(0|[1-9]\d{0,2})(\.(0|[1-9]\d{0,2})){3}$/;

function isIPv4(ip: string): boolean {
    return IPV4.test(ip) && ip.split(".").every((o) => Number(o) <= 255);
}

function isIPv6(ip: string): boolean {
    let groups = ip;
    let extra = 0;
    const lastColon = ip.lastIndexOf(":");
    if (ip.slice(lastColon + 1).includes(".")) {
        if (!isIPv4(ip.slice(lastColon + 1))) return false;
        groups = ip.slice(0, lastColon + 1) + "0"; // the embedded IPv4 address counts as two groups
        extra = 1;
    }
    const halves = groups.split("::");
    if (halves.length > 2) return false;
    const parts = halves.flatMap((h) => (h === "" ? [] : h.split(":")));
    if (!parts.every((p) => /^[0-9a-fA-F]{1,4}$/.test(p))) return false;
    const count = parts.length + extra;
    return halves.length === 2 ? count < 8 : count === 8;
}

/** Go's `net.ParseCIDR` (`computeIngressExplicitInboundCIDRs`): an IPv4 or IPv6 address, `/`, a prefix length. */
export function readCidr(raw: string): Reading<{ readonly ipv6: boolean; readonly bits: number }> {
    const slash = raw.indexOf("/");
    const [ip, mask] = slash < 0 ? [raw, ""] : [raw.slice(0, slash), raw.slice(slash + 1)];
    const v6 = ip.includes(":");
    if (!/^\d+$/.test(mask) || !(v6 ? isIPv6(ip) : isIPv4(ip)) || Number(mask) > (v6 ? 128 : 32)) {
        return fail('must be an IPv4 or IPv6 CIDR block such as "10.0.0.0/8" or "2001:db8::/32"');
    }
    return ok({ ipv6: v6, bits: Number(mask) });
}

/** `intstr.Parse` (`buildTargetGroupHealthCheckPort`): an integer when Go's `strconv.Atoi` reads one, else a name. */
export function readIntOrString(raw: string): number | string {
    const n = readInt(raw, 64);
    return n.problem === undefined ? n.value : raw;
}
