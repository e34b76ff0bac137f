/**
 * What the plan checks in a stack's config beyond the Pulumi CLI's own rules (plan/stackFiles.ts): the program's
 * rules (stack/config.ts), a region for the AWS provider, encrypted values the program would read, and
 * placeholder ids. Every problem is reported at once, one line each, naming the file and the key.
 */
import { CONFIG_KEYS, type ConfigError, ConfigErrors, readStackConfig } from "../stack/config";
import { placeholders } from "./placeholderIds";
import type { StackFiles } from "./stackFiles";

/** Every problem of `files`' config, as `<file>: config <key> …` lines; empty when the plan may run. */
export function stackConfigProblems(files: StackFiles): string[] {
    const lines: string[] = [];
    const secureKeys = files.secureKeys ?? [];
    const values = files.values ?? Object.fromEntries(Object.entries(files.config).map(([k, v]) => [k, v]));
    const problem = (key: string, message: string) => lines.push(`${files.file}: config ${key} ${message}`);
    const read = CONFIG_KEYS.map((k) => `${files.project}:${k}`);
    for (const key of secureKeys) {
        if (read.includes(key))
            problem(key, "is encrypted (secure:); the offline plan cannot decrypt it: give a plaintext value to plan");
    }
    try {
        readStackConfig(
            (key) =>
                secureKeys.includes(`${files.project}:${key}`) ? undefined : files.config[`${files.project}:${key}`],
            Object.keys(values),
            files.project,
        );
    } catch (e) {
        if (!(e instanceof ConfigErrors)) throw e;
        // An encrypted key reads as unset here; it is reported above, not again as missing.
        const encrypted = (x: ConfigError) => secureKeys.includes(`${x.namespace}:${x.key.split(/[.[]/)[0]}`);
        lines.push(...e.errors.filter((x) => !encrypted(x)).map((x) => `${files.file}: ${x.message}`));
    }
    // The region decides the cluster looked up, the controller's `region` value and the kubeconfig: never guessed.
    if (files.config["aws:region"] === undefined)
        problem("aws:region", "is not set; the stack's region is required: `pulumi config set aws:region <region>`");
    for (const [key, value] of Object.entries(values)) {
        if (secureKeys.includes(key)) continue;
        for (const [at, what] of placeholders(value))
            problem(
                `${key}${at.startsWith("[") || at === "" ? at : `.${at}`}`,
                `holds ${what}, a placeholder: the cloud has no such resource; use your own`,
            );
    }
    return lines;
}
