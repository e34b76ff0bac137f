/**
 * Reads `Pulumi.yaml` and `Pulumi.<stack>.yaml` the way the Pulumi CLI hands config to a program, refusing what
 * `pulumi preview` refuses before the program runs (pulumi/pulumi):
 * - `sdk/go/common/workspace/loaders.go` LoadProjectStackBytes: an empty file is an empty config; keys without a
 *   namespace get the project's (stackConfigNamespacedWithProject); `resource/config/key.go` ParseKey;
 * - `resource/config/object.go`: how a YAML value becomes the engine's string (scalars as text or JSON, maps and
 *   lists as JSON, `{secure: …}` encrypted);
 * - `pkg/workspace/config.go` mergeConfig: a declared project key without `default` or `value` that the stack does
 *   not set is missing ("Stack 'dev' is missing configuration value 'clusterName'"); the others get their
 *   default; then validateStackConfigValues/validateStackConfigValue check `secret` and every declared `type`.
 * The CLI stops at the first problem; the plan reports them all, with the CLI's messages.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { isPlainObject } from "../components/common/json";
import {
    type Project,
    configKeyIsNamespacedByProject,
    inferFullTypeName,
    readProject,
    validateConfigValue,
} from "./pulumiProject";

/** Problems with a stack's files: the file, and each thing wrong with it (one line each). */
export class StackFileError extends Error {
    public readonly problems: readonly string[];

    constructor(
        public readonly file: string,
        problems: string | readonly string[],
    ) {
        const list = typeof problems === "string" ? [problems] : problems;
        super(list.map((p) => `${file}: ${p}`).join("\n"));
        this.name = "StackFileError";
        this.problems = list;
    }
}

/** What a stack's files say. */
export interface StackFiles {
    readonly project: string;
    readonly stack: string;
    /** The stack file's name, for messages. */
    readonly file: string;
    /** Every config value as the engine passes it: `<namespace>:<key>` → string (objects as JSON). */
    readonly config: Record<string, string>;
    /** The values the stack file sets, by `<namespace>:<key>`, as written (defaults not included). */
    readonly values?: Record<string, unknown>;
    /** Keys whose stack value is, or holds, an encrypted `secure:` value the plan cannot decrypt. */
    readonly secureKeys?: readonly string[];
}

/** A config value as the engine holds it (`config.Value`): its text, whether it is JSON, whether encrypted. */
interface Value {
    readonly text: string;
    readonly object: boolean;
    readonly secure: boolean;
}

/** A map of exactly `{secure: "<ciphertext>"}` (object.go isSecureValue). */
const isSecure = (v: unknown): boolean =>
    isPlainObject(v) && Object.keys(v).length === 1 && typeof v.secure === "string";

const holdsSecure = (v: unknown): boolean =>
    isSecure(v) || (Array.isArray(v) ? v.some(holdsSecure) : isPlainObject(v) && Object.values(v).some(holdsSecure));

/** object.go unmarshalObject + MarshalString: how a stack file's YAML value becomes the engine's string. */
function stackValue(v: unknown): Value {
    if (typeof v === "string") return { text: v, object: false, secure: false };
    if (isSecure(v)) return { text: (v as { secure: string }).secure, object: false, secure: true };
    if (typeof v === "number" || typeof v === "boolean")
        return { text: JSON.stringify(v), object: false, secure: false };
    return { text: JSON.stringify(v ?? null), object: true, secure: holdsSecure(v) };
}

/** config.go createConfigValue: a declared default or value (primitives as text, the rest as JSON). */
function projectValue(v: unknown): Value {
    const primitive = typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isInteger(v));
    return primitive
        ? { text: String(v), object: false, secure: false }
        : { text: JSON.stringify(v), object: true, secure: false };
}

/** The decrypted content the CLI type-checks; offline every nested secret reads as a string, as decrypted. */
function content(v: Value): unknown {
    const reveal = (x: unknown): unknown =>
        isSecure(x)
            ? "[secret]"
            : Array.isArray(x)
              ? x.map(reveal)
              : isPlainObject(x)
                ? Object.fromEntries(Object.entries(x).map(([k, y]) => [k, reveal(y)]))
                : x;
    return v.object ? reveal(JSON.parse(v.text)) : v.text;
}

function readYaml(file: string): unknown {
    try {
        return parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new StackFileError(path.basename(file), `is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
    }
}

/** The project of `dir`'s Pulumi.yaml, checked by the CLI's rules. */
export function loadProject(dir: string): Project {
    if (!fs.existsSync(path.join(dir, "Pulumi.yaml"))) throw new StackFileError("Pulumi.yaml", `not found in ${dir}`);
    const { project, problems } = readProject(readYaml(path.join(dir, "Pulumi.yaml")));
    if (project === undefined) throw new StackFileError("Pulumi.yaml", problems);
    return project;
}

/** Lists the stacks that have a `Pulumi.<stack>.yaml` in `dir`. */
export function listStacks(dir: string): string[] {
    return fs
        .readdirSync(dir)
        .flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? [])
        .sort();
}

/** key.go ParseKey after stackConfigNamespacedWithProject: `<namespace>:<name>` or `<namespace>:config:<name>`. */
function parseKey(project: string, key: string): string | undefined {
    const parts = key.includes(":") ? key.split(":") : [project, key];
    if (parts.length === 2) return parts.join(":");
    if (parts.length === 3 && parts[1] === "config") return `${parts[0]}:${parts[2]}`;
    return undefined;
}

/** config.go formatMissingKeys + missingStackConfigurationKeysError. */
function missingKeysError(keys: string[], stack: string): string {
    const sorted = keys.length === 1 ? keys : [...keys].sort();
    const list =
        sorted.length === 1
            ? `'${sorted[0]}'`
            : sorted
                  .map((k, i) =>
                      i === sorted.length - 1 ? `and '${k}'` : i === sorted.length - 2 ? `'${k}' ` : `'${k}', `,
                  )
                  .join("");
    return `Stack '${stack}' is missing configuration ${keys.length > 1 ? "values" : "value"} ${list}`;
}

/** Loads and checks the project and stack files of `stack` in `dir`; project config defaults fill keys the stack leaves out. */
export function loadStackFiles(dir: string, stack: string): StackFiles {
    const project = loadProject(dir);
    const stackDir = path.join(dir, project.stackConfigDir);
    const file = `Pulumi.${stack}.yaml`;
    if (!/^[A-Za-z0-9_.-]+$/.test(stack) || !fs.existsSync(path.join(stackDir, file))) {
        throw new StackFileError(file, `no such stack (stacks here: ${listStacks(stackDir).join(", ") || "none"})`);
    }
    const doc = readYaml(path.join(stackDir, file)) ?? {};
    const raw = isPlainObject(doc) ? (doc.config ?? {}) : undefined;
    if (!isPlainObject(raw)) throw new StackFileError(file, "must be a map with a `config:` map");
    const problems: string[] = [];
    const merged = new Map<string, Value>();
    const values: Record<string, unknown> = {};
    for (const [written, value] of Object.entries(raw)) {
        const key = parseKey(project.name, written);
        if (key === undefined) {
            problems.push(
                `could not parse ${written} as a configuration key (configuration keys should be of the form \`<namespace>:<name>\`)`,
            );
        } else if (key in values) {
            problems.push(`config ${key} is set twice (as ${written} and another spelling of the same key)`);
        } else {
            values[key] = value;
            merged.set(key, stackValue(value));
        }
    }
    // mergeConfig: missing keys, then defaults and values of the keys the stack leaves out.
    const declared = [...project.config.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const missing: string[] = [];
    for (const [written, t] of declared) {
        const key = parseKey(project.name, written) ?? written;
        if (merged.has(key)) continue;
        const fallback = t.default ?? t.value;
        if (fallback === undefined || fallback === null) {
            if (configKeyIsNamespacedByProject(project.name, written)) missing.push(written);
            continue;
        }
        merged.set(key, projectValue(fallback));
    }
    if (missing.length > 0) problems.push(missingKeysError(missing, stack));
    // validateStackConfigValues: `secret` and `type` of every declared key.
    for (const [written, t] of declared) {
        const v = merged.get(parseKey(project.name, written) ?? written);
        if (v === undefined) continue;
        if (t.secret && !v.secure) {
            problems.push(`Stack '${stack}' with configuration key '${written}' must be encrypted as it's secret`);
            continue;
        }
        // An encrypted scalar decrypts to a string the plan cannot read: only its type against integer/boolean is unknown.
        const unknowable = v.secure && !v.object && (t.type === "integer" || t.type === "boolean");
        if (t.type !== undefined && !unknowable && !validateConfigValue(t.type, t.items, content(v))) {
            problems.push(
                `Stack '${stack}' with configuration key '${written}' must be of type '${inferFullTypeName(t.type, t.items)}'`,
            );
        }
    }
    if (problems.length > 0) throw new StackFileError(file, problems);
    const config = Object.fromEntries([...merged].map(([k, v]) => [k, v.text]));
    const secureKeys = [...merged].filter(([, v]) => v.secure).map(([k]) => k);
    return { project: project.name, stack, file, config, values, secureKeys };
}
