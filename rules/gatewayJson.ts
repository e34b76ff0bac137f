/**
 * Tolerant readers of Gateway API manifests for the gateway rules: any part may be missing or of the wrong shape
 * (objects written by hand, or not yet known during a preview), and a reading that cannot be made stays silent.
 */

/** A JSON object. */
export type Json = Readonly<Record<string, unknown>>;

export const isJson = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** The value at `path` below `v`, or `undefined` when a step is missing. */
export function at(v: unknown, ...path: (string | number)[]): unknown {
    let cur: unknown = v;
    for (const key of path) {
        if (cur === null || typeof cur !== "object") return undefined;
        cur = (cur as Record<string, unknown>)[key as string];
    }
    return cur;
}

/** `v` when it is a string, else `undefined`. */
export const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** `v` when it is a finite number, else `undefined`. */
export const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** `v` when it is an array, else `[]`. */
export const list = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

/** The namespace of a namespaced object (`default` when unset, as the API server defaults it). */
export const namespaceOf = (obj: unknown): string => text(at(obj, "metadata", "namespace")) || "default";

/** The name of an object, or `undefined`. */
export const nameOf = (obj: unknown): string | undefined => text(at(obj, "metadata", "name"));
