/** Reads `Pulumi.yaml` and `Pulumi.<stack>.yaml` the way the Pulumi CLI hands config to a program. */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { isPlainObject } from "../components/json";

/** A problem with the stack files: the file, and what is wrong. */
export class StackFileError extends Error {
    constructor(
        public readonly file: string,
        message: string,
    ) {
        super(`${file}: ${message}`);
        this.name = "StackFileError";
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
}

function readYaml(file: string): unknown {
    try {
        return parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new StackFileError(path.basename(file), `is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
    }
}

/** Lists the stacks that have a `Pulumi.<stack>.yaml` in `dir`. */
export function listStacks(dir: string): string[] {
    return fs
        .readdirSync(dir)
        .flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? [])
        .sort();
}

/** Loads the project and stack files of `stack` in `dir`; project config defaults fill keys the stack leaves out. */
export function loadStackFiles(dir: string, stack: string): StackFiles {
    const project = readYaml(path.join(dir, "Pulumi.yaml"));
    if (!isPlainObject(project) || typeof project.name !== "string")
        throw new StackFileError("Pulumi.yaml", "has no project name");
    const file = `Pulumi.${stack}.yaml`;
    if (!/^[A-Za-z0-9_.-]+$/.test(stack) || !fs.existsSync(path.join(dir, file))) {
        throw new StackFileError(file, `no such stack (stacks here: ${listStacks(dir).join(", ") || "none"})`);
    }
    const doc = readYaml(path.join(dir, file)) ?? {};
    const values = isPlainObject(doc) ? (doc.config ?? {}) : undefined;
    if (!isPlainObject(values)) throw new StackFileError(file, "must be a map with a `config:` map");
    const config: Record<string, string> = {};
    for (const [key, declaration] of Object.entries(isPlainObject(project.config) ? project.config : {})) {
        if (isPlainObject(declaration) && declaration.default !== undefined)
            config[`${project.name}:${key}`] = encode(declaration.default);
    }
    for (const [key, value] of Object.entries(values)) {
        const full = key.includes(":") ? key : `${project.name}:${key}`;
        if (isPlainObject(value) && "secure" in value)
            throw new StackFileError(file, `config ${full} is encrypted; the offline plan cannot decrypt secrets`);
        config[full] = encode(value);
    }
    return { project: project.name, stack, file, config };
}

/** A config value as the engine passes it to a program. */
function encode(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}
