/**
 * The stack's configuration: what `Pulumi.yaml` declares and `Pulumi.<stack>.yaml` sets, checked in one place.
 * Every problem is a {@link ConfigError} naming the key (`eks-alb-ingress:apps[1].targetType`) and what is allowed.
 */
import type { AlbIngressControllerArgs, IngressAppArgs } from "../components/index";
import { isPlainObject } from "../components/json";
import { show } from "../components/validation";

/** The project name, which is the namespace of every config key. */
export const PROJECT = "eks-alb-ingress";

/** A configuration problem: the key, and what is wrong with its value. */
export class ConfigError extends Error {
    constructor(
        public readonly key: string,
        public readonly problem: string,
    ) {
        super(`config ${PROJECT}:${key} ${problem}`);
        this.name = "ConfigError";
    }
}

/** One app of the stack: a name plus the arguments of an `IngressApp` (without `controller`). */
export interface AppConfig extends Omit<IngressAppArgs, "controller"> {
    readonly name: string;
}

/** Controller settings a stack may set; cluster wiring comes from the cluster. */
export type ControllerConfig = Omit<
    AlbIngressControllerArgs,
    "cluster" | "clusterName" | "vpcId" | "oidcProviderArn" | "oidcIssuerUrl"
>;

/** How the stack gets its cluster. */
export type ClusterMode = "existing" | "new";

/** Whether to reuse the cluster's IAM OIDC provider, create one, or decide by looking it up. */
export type OidcProviderMode = "auto" | "reuse" | "create";

/** The checked stack configuration. */
export interface StackConfig {
    readonly clusterMode: ClusterMode;
    readonly clusterName: string;
    readonly oidcProvider: OidcProviderMode;
    readonly nodeInstanceType: string;
    readonly nodeCount: number;
    readonly kubernetesVersion?: string;
    readonly controller: ControllerConfig;
    readonly apps: AppConfig[];
}

/** The keys this project reads and how their values are encoded (mirrors the `config:` block of `Pulumi.yaml`). */
export const CONFIG_TYPES = {
    clusterMode: "string",
    clusterName: "string",
    oidcProvider: "string",
    nodeInstanceType: "string",
    nodeCount: "number",
    kubernetesVersion: "string",
    controller: "object",
    apps: "object",
} as const;

/** The keys this project reads. */
export const CONFIG_KEYS = Object.keys(CONFIG_TYPES) as (keyof typeof CONFIG_TYPES)[];

/**
 * Reads the config the way the Pulumi engine hands it to a program (every value a string, objects as JSON)
 * and checks it. `get` returns the raw value of a key without the project prefix; `present` lists the keys the
 * stack sets (`<namespace>:<key>`), so that a misspelled key is an error instead of a silently ignored value.
 */
export function readStackConfig(
    get: (key: string) => string | undefined,
    present: readonly string[] = [],
): StackConfig {
    for (const full of present) {
        const key = full.startsWith(`${PROJECT}:`) ? full.slice(PROJECT.length + 1) : undefined;
        if (key !== undefined && !(CONFIG_KEYS as readonly string[]).includes(key)) {
            throw new ConfigError(key, `is not a setting of this project; known: ${CONFIG_KEYS.join(", ")}`);
        }
    }
    const raw: Record<string, unknown> = {};
    for (const key of CONFIG_KEYS) {
        const text = get(key);
        if (text === undefined) continue;
        switch (CONFIG_TYPES[key]) {
            case "number":
                raw[key] = /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text;
                break;
            case "object":
                try {
                    raw[key] = JSON.parse(text);
                } catch {
                    throw new ConfigError(key, `must be structured YAML (a map or a list), got ${show(text)}`);
                }
                break;
            default:
                raw[key] = text;
        }
    }
    return parseStackConfig(raw);
}

const CONTROLLER_FORBIDDEN = ["cluster", "clusterName", "vpcId", "oidcProviderArn", "oidcIssuerUrl"];

function enumOf<T extends string>(key: string, value: unknown, allowed: readonly T[], fallback: T): T {
    if (value === undefined) return fallback;
    if (!allowed.includes(value as T))
        throw new ConfigError(key, `must be one of ${allowed.map(show).join(", ")}, got ${show(value)}`);
    return value as T;
}

/**
 * Checks the project's config values (keys without the `eks-alb-ingress:` prefix, values already parsed from
 * YAML/JSON) and fills in the defaults. Argument-level checks of apps and controller happen when the components
 * are built (see `program.ts`), which reports them under the same keys.
 */
export function parseStackConfig(raw: Record<string, unknown>): StackConfig {
    for (const key of Object.keys(raw)) {
        if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
            throw new ConfigError(key, `is not a setting of this project; known: ${CONFIG_KEYS.join(", ")}`);
        }
    }
    const clusterName = raw.clusterName;
    if (typeof clusterName !== "string" || !/^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/.test(clusterName)) {
        throw new ConfigError(
            "clusterName",
            `must be an EKS cluster name (letters, digits, "-" and "_", at most 100 characters), got ${show(clusterName)}`,
        );
    }
    const nodeCount = raw.nodeCount ?? 2;
    if (typeof nodeCount !== "number" || !Number.isInteger(nodeCount) || nodeCount < 1 || nodeCount > 100) {
        throw new ConfigError("nodeCount", `must be an integer from 1 to 100, got ${show(nodeCount)}`);
    }
    const nodeInstanceType = raw.nodeInstanceType ?? "t3.medium";
    if (typeof nodeInstanceType !== "string" || !/^[a-z0-9-]+\.[a-z0-9]+$/.test(nodeInstanceType)) {
        throw new ConfigError(
            "nodeInstanceType",
            `must be an EC2 instance type such as "t3.medium", got ${show(nodeInstanceType)}`,
        );
    }
    if (
        raw.kubernetesVersion !== undefined &&
        !(typeof raw.kubernetesVersion === "string" && /^1\.\d+$/.test(raw.kubernetesVersion))
    ) {
        throw new ConfigError(
            "kubernetesVersion",
            `must be a Kubernetes minor version such as "1.33", got ${show(raw.kubernetesVersion)}`,
        );
    }
    const controller = raw.controller ?? {};
    if (!isPlainObject(controller))
        throw new ConfigError(
            "controller",
            `must be an object of AlbIngressController arguments, got ${show(controller)}`,
        );
    for (const key of CONTROLLER_FORBIDDEN) {
        if (key in controller)
            throw new ConfigError(`controller.${key}`, "comes from the cluster (clusterName, clusterMode); remove it");
    }
    const apps = raw.apps ?? [];
    if (!Array.isArray(apps)) throw new ConfigError("apps", `must be a list of apps, got ${show(apps)}`);
    const names = new Set<string>();
    const namespaceOwners = new Map<string, number>();
    apps.forEach((app: unknown, i) => {
        if (!isPlainObject(app))
            throw new ConfigError(
                `apps[${i}]`,
                `must be an object with name, image, containerPort and targetType, got ${show(app)}`,
            );
        if (typeof app.name !== "string" || !/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(app.name) || app.name.length > 63) {
            throw new ConfigError(
                `apps[${i}].name`,
                `must be a DNS-1035 label (lowercase letters, digits and "-", starting with a letter), got ${show(app.name)}`,
            );
        }
        if (names.has(app.name))
            throw new ConfigError(`apps[${i}].name`, `repeats ${show(app.name)}; app names must be unique`);
        names.add(app.name);
        const namespace = typeof app.namespace === "string" ? app.namespace : app.name;
        if (app.createNamespace !== false) {
            const owner = namespaceOwners.get(namespace);
            if (owner !== undefined) {
                throw new ConfigError(
                    `apps[${i}].createNamespace`,
                    `must be false: apps[${owner}] already creates namespace ${show(namespace)} (one app creates it, the others set createNamespace: false)`,
                );
            }
            namespaceOwners.set(namespace, i);
        }
    });
    return {
        clusterMode: enumOf("clusterMode", raw.clusterMode, ["existing", "new"] as const, "existing"),
        clusterName,
        oidcProvider: enumOf("oidcProvider", raw.oidcProvider, ["auto", "reuse", "create"] as const, "auto"),
        nodeInstanceType,
        nodeCount,
        kubernetesVersion: raw.kubernetesVersion as string | undefined,
        controller: controller as ControllerConfig,
        apps: apps as AppConfig[],
    };
}
