/**
 * Argument checking shared by every component: one collector per constructor call, so a caller sees every
 * problem at once, and every message names the argument and what is allowed. Constructors run their checks
 * before `super()`, so bad input registers nothing.
 */
import * as pulumi from "@pulumi/pulumi";
import { isPlainObject } from "./json";
import { DNS1123_LABEL, DNS1123_SUBDOMAIN } from "./kubernetesNames";

/** Thrown by a component constructor whose arguments are invalid; nothing has been registered then. */
export class InvalidArgumentsError extends Error {
    /** One entry per problem, each starting with the argument's name in backticks. */
    public readonly problems: readonly string[];

    constructor(component: string, name: string, problems: readonly string[]) {
        super(`${component} "${name}": invalid arguments:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "InvalidArgumentsError";
        this.problems = problems;
    }
}

/** A check of one value: its problem (what is allowed), or `undefined` when the value is valid. */
export type Check = (value: unknown) => string | undefined;

/** Collects problems found in a component's arguments. */
export class Problems {
    private readonly list: string[] = [];

    /** Records that `arg` is invalid; `message` says what is allowed. */
    add(arg: string, message: string): void {
        this.list.push(`\`${arg}\` ${message}`);
    }

    /** Runs `check` on the value of `arg` and records its problem, if any. */
    check(arg: string, value: unknown, check: Check): void {
        const problem = check(value);
        if (problem !== undefined) {
            this.add(arg, problem);
        }
    }

    /** Like {@link check}, for an optional argument: a value left out (`undefined`) passes. */
    checkIfSet(arg: string, value: unknown, check: Check): void {
        if (value !== undefined) {
            this.check(arg, value, check);
        }
    }

    /** How many problems were recorded. */
    get size(): number {
        return this.list.length;
    }

    /** Throws an {@link InvalidArgumentsError} when any problem was recorded. */
    throwIfAny(component: string, name: string): void {
        if (this.list.length > 0) {
            throw new InvalidArgumentsError(component, name, this.list);
        }
    }
}

/** Prints a value for an error message. */
export function show(value: unknown): string {
    return typeof value === "string" ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
}

/** The value of an input when it is known now (not an Output or a Promise); `undefined` otherwise. */
export function knownValue<T>(value: pulumi.Input<T> | undefined): T | undefined {
    if (value === undefined || pulumi.Output.isInstance(value) || value instanceof Promise) {
        return undefined;
    }
    return value as T;
}

/**
 * Checks an input now when it is known, or inside its apply when it is an Output (the deployment then fails
 * with the same message). `check` returns a problem description, or `undefined` when the value is valid.
 */
export function checkInput<T>(
    problems: Problems,
    arg: string,
    value: pulumi.Input<T>,
    check: (v: T) => string | undefined,
): pulumi.Output<T> {
    const now = knownValue(value);
    if (now !== undefined) {
        const problem = check(now);
        if (problem !== undefined) {
            problems.add(arg, problem);
        }
        return pulumi.output(value) as pulumi.Output<T>;
    }
    return pulumi.output(value).apply((v) => {
        const problem = check(v as T);
        if (problem !== undefined) {
            throw new Error(`\`${arg}\` ${problem}`);
        }
        return v as T;
    }) as pulumi.Output<T>;
}

/** Problem with a Kubernetes DNS-1123 label (namespaces, Service names), or `undefined`. */
export function dns1123Label(value: unknown): string | undefined {
    return typeof value === "string" && value.length <= 63 && DNS1123_LABEL.test(value)
        ? undefined
        : `must be a DNS-1123 label (lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters), got ${show(value)}`;
}

/** Problem with a Kubernetes DNS-1123 subdomain (most object names), or `undefined`. */
export function dns1123Subdomain(value: unknown): string | undefined {
    return typeof value === "string" && value.length <= 253 && DNS1123_SUBDOMAIN.test(value)
        ? undefined
        : `must be a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters), got ${show(value)}`;
}

/** Problem with an integer in `[min, max]`, or `undefined`. */
export function integerIn(value: unknown, min: number, max: number = Number.MAX_SAFE_INTEGER): string | undefined {
    if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) {
        return undefined;
    }
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    return `must be an integer ${range}, got ${show(value)}`;
}

/** Problem with a value outside `allowed`, or `undefined`. */
export function oneOf(value: unknown, allowed: readonly unknown[]): string | undefined {
    return allowed.includes(value) ? undefined : `must be one of ${allowed.map(show).join(", ")}, got ${show(value)}`;
}

/** Problem with a non-empty string, or `undefined`. */
export function nonEmptyString(value: unknown): string | undefined {
    return typeof value === "string" && value.trim().length > 0
        ? undefined
        : `must be a non-empty string, got ${show(value)}`;
}

/** Problem with a boolean, or `undefined`. */
export function isBoolean(value: unknown): string | undefined {
    return typeof value === "boolean" ? undefined : `must be true or false, got ${show(value)}`;
}

/** Problem with a map of strings to strings, or `undefined`. */
export function stringMap(value: unknown): string | undefined {
    return isPlainObject(value) && Object.values(value).every((v) => typeof v === "string")
        ? undefined
        : `must be a map of strings to strings, got ${show(value)}`;
}

/** Problem with a `https://` URL, or `undefined`. */
export function httpsUrl(value: unknown): string | undefined {
    if (typeof value === "string" && /^https:\/\/[^\s/]+(\/\S*)?$/.test(value)) {
        return undefined;
    }
    return `must be an https:// URL, got ${show(value)}`;
}

/** Problem with an IAM ARN of the given resource kind (`role`, `policy`, `oidc-provider`), or `undefined`. */
export function iamArn(value: unknown, kind: string): string | undefined {
    const pattern = new RegExp(`^arn:aws[a-z-]*:iam::\\d{12}:${kind}/\\S+$`);
    return typeof value === "string" && pattern.test(value)
        ? undefined
        : `must be an IAM ${kind} ARN (arn:<partition>:iam::<account>:${kind}/…), got ${show(value)}`;
}

/** Problem with a Kubernetes resource quantity such as `100m`, `128Mi` or `1.5`, or `undefined`. */
export function quantity(value: unknown): string | undefined {
    return typeof value === "string" && /^[+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+|[numkMGTPE]|[KMGTPE]i)?$/.test(value)
        ? undefined
        : `must be a Kubernetes quantity such as "250m", "128Mi" or "2", got ${show(value)}`;
}

/** Reports every key of `args` that is not one of `known` (catches misspelled argument names from JavaScript). */
export function checkKnownKeys(problems: Problems, args: object, known: readonly string[], prefix = ""): void {
    for (const key of Object.keys(args)) {
        if (!known.includes(key)) {
            problems.add(`${prefix}${key}`, `is not an argument; known arguments: ${known.join(", ")}`);
        }
    }
}

/** Checks a `{ requests?, limits? }` resources argument: maps of Kubernetes quantities. */
export function checkResources(problems: Problems, value: unknown): void {
    if (!isPlainObject(value)) {
        problems.add("resources", `must be an object with \`requests\` and/or \`limits\`, got ${show(value)}`);
        return;
    }
    checkKnownKeys(problems, value, ["requests", "limits"], "resources.");
    for (const part of ["requests", "limits"] as const) {
        const map = value[part];
        if (map === undefined) {
            continue;
        }
        if (!isPlainObject(map)) {
            problems.add(
                `resources.${part}`,
                `must be a map such as { cpu: "100m", memory: "128Mi" }, got ${show(map)}`,
            );
            continue;
        }
        for (const [resource, amount] of Object.entries(map)) {
            const problem = quantity(amount);
            if (problem !== undefined) {
                problems.add(`resources.${part}.${resource}`, problem);
            }
        }
    }
}
