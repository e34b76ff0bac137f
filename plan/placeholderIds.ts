/**
 * Placeholder ids in a stack file: AWS documentation example accounts (111122223333, 123456789012, …), accounts of
 * one repeated digit, and all-zero UUIDs or resource ids. A real `pulumi up` with them fails late, in the cloud:
 * the controller cannot build the ALB, never writes the Ingress status, and pulumi-kubernetes waits for it until its
 * timeout (pulumi/pulumi-kubernetes `provider/pkg/await/ingress.go`). The plan refuses them up front, naming the key.
 */

/** Account ids the AWS documentation uses in its example ARNs and policies. */
export const EXAMPLE_ACCOUNTS: readonly string[] = ["111122223333", "123456789012", "444455556666"];

/** A 12-digit account id that is an example or a single repeated digit (000000000000, 111111111111, …). */
const exampleAccount = (id: string): boolean => EXAMPLE_ACCOUNTS.includes(id) || /^(\d)\1{11}$/.test(id);

/** What is a placeholder in one string (e.g. "the placeholder account id 111122223333 and an all-zero UUID"). */
export function placeholderIn(text: string): string | undefined {
    const found: string[] = [];
    for (const m of text.matchAll(/(?<![0-9A-Za-z-])\d{12}(?![0-9A-Za-z-])/g)) {
        if (exampleAccount(m[0])) found.push(`the placeholder account id ${m[0]}`);
    }
    if (/(?<![0-9A-Fa-f-])0{8}-0{4}-0{4}-0{4}-0{12}(?![0-9A-Fa-f-])/.test(text)) found.push("an all-zero UUID");
    for (const m of text.matchAll(/(?<![0-9A-Za-z-])[a-z][a-z0-9]*-0{8,}(?![0-9A-Za-z-])/g))
        found.push(`the all-zero resource id ${m[0]}`);
    return found.length === 0 ? undefined : found.join(" and ");
}

/** Every placeholder in `value` (a config value as written), as `[path, what]`, paths like `apps[1].image`. */
export function placeholders(value: unknown, at = ""): [string, string][] {
    if (typeof value === "string") {
        const what = placeholderIn(value);
        return what === undefined ? [] : [[at, what]];
    }
    if (Array.isArray(value)) return value.flatMap((v, i) => placeholders(v, `${at}[${i}]`));
    if (value !== null && typeof value === "object") {
        return Object.entries(value).flatMap(([k, v]) => placeholders(v, at ? `${at}.${k}` : k));
    }
    return typeof value === "number" ? placeholders(String(value), at) : [];
}
