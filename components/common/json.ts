/**
 * Deterministic JSON and plain-object helpers. Every document this package renders (IAM policies, trust
 * policies, annotation values) goes through `stableStringify`, so the same inputs always give the same
 * bytes and Pulumi never sees a diff that only reorders keys.
 */

/** A JSON value. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** True for a plain object (`{}` literal or `Object.create(null)`), false for arrays, nulls and class instances. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        return false;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    return proto === Object.prototype || proto === null;
}

/** Returns a copy of `value` whose object keys are sorted at every depth; arrays keep their order. */
export function sortKeys<T>(value: T): T {
    if (Array.isArray(value)) {
        return value.map((v: unknown) => sortKeys(v)) as T;
    }
    if (isPlainObject(value)) {
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(value).sort()) {
            out[key] = sortKeys(value[key]);
        }
        return out as T;
    }
    return value;
}

/** `JSON.stringify` with keys sorted at every depth. */
export function stableStringify(value: unknown, indent?: number): string {
    return JSON.stringify(sortKeys(value), undefined, indent);
}

/**
 * Deep-merges `override` into `base` and returns a new object: nested plain objects merge key by key,
 * everything else (arrays included) in `override` replaces what `base` has. Neither argument is modified.
 */
export function deepMerge(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(override)) {
        const current = out[key];
        out[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
    }
    return out;
}
