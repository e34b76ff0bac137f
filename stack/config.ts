/**
 * The stack's configuration: what `Pulumi.yaml` declares and `Pulumi.<stack>.yaml` sets, checked in one place.
 * Every problem is a {@link ConfigError} naming the key (`eks-alb-ingress:apps[1].targetType`) and what is allowed;
 * all of a stack's problems are reported at once, as a {@link ConfigErrors}.
 */
import type { AlbIngressControllerArgs, IngressAppValues } from "../components/index";
import { isPlainObject } from "../components/common/json";
import { show } from "../components/common/validation";
import { type AdoptConfig, type DeclaringConfig, checkAdoptConfig } from "./migration";
import { isDns1035Label } from "../components/common/kubernetesNames";
import { type GatewayConfig, checkGateways } from "./gateways";
import { AUTO_MODE_MIN_KUBERNETES, LOAD_BALANCING_MODES, type LoadBalancingMode } from "./loadBalancing";

/** The project name (`name:` in Pulumi.yaml), which is the namespace of every key this program reads. */
export const PROJECT = "eks-alb-ingress";

/**
 * Config namespaces other than the project's that something in this stack reads: the providers it uses
 * (`aws:region`, `kubernetes:…`, `tls:…`, `eks:…`) and the engine's own (`pulumi:tags`, …). A key in any other
 * namespace is read by nothing, which is how a misspelled project prefix (`eks-alb-ingres:clusterName`) shows.
 */
export const PROVIDER_NAMESPACES = ["aws", "kubernetes", "eks", "tls", "pulumi"] as const;

/** A configuration problem: the key, and what is wrong with its value. */
export class ConfigError extends Error {
    constructor(
        public readonly key: string,
        public readonly problem: string,
        /** The key's namespace; the project's unless it is another one (`aws`). */
        public readonly namespace: string = PROJECT,
    ) {
        super(`config ${namespace}:${key} ${problem}`);
        this.name = "ConfigError";
    }
}

/** Every configuration problem of a stack (or of one component built from it), one {@link ConfigError} each. */
export class ConfigErrors extends ConfigError {
    /** `key`, `problem` and `namespace` are the first error's; `message` holds one line per error. */
    constructor(public readonly errors: readonly ConfigError[]) {
        super(errors[0]?.key ?? "", errors[0]?.problem ?? "", errors[0]?.namespace);
        this.message = errors.map((e) => e.message).join("\n");
        this.name = "ConfigErrors";
    }
}

/**
 * One app of the stack: a name plus the arguments of an `IngressApp`; its class or gateway is wired by the program
 * (`gateway` names a gateway of the stack's `gateways` list).
 */
export interface AppConfig extends Omit<IngressAppValues, "controller" | "gateway" | "autoMode"> {
    readonly name: string;
    /**
     * The name of a gateway of the stack's `gateways` list to route through (an HTTPRoute instead of an Ingress).
     * @default - none: the app gets an Ingress
     */
    readonly gateway?: string;
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
    /** Delete the IAM OIDC provider this stack created when the stack deletes it (default: retain it). */
    readonly oidcProviderDeleteOnDestroy: boolean;
    readonly nodeInstanceType: string;
    readonly nodeCount: number;
    /** `undefined`: EKS's default version. */
    readonly kubernetesVersion?: string;
    readonly controller: ControllerConfig;
    readonly apps: AppConfig[];
    /** Who runs the load balancers (stack/loadBalancing.ts). */
    readonly loadBalancing: LoadBalancingMode;
    /** New clusters only: create the cluster with EKS Auto Mode. */
    readonly autoMode: boolean;
    /** The stack's ALB gateways (AlbGateway), which apps name in `gateway`. */
    readonly gateways: GatewayConfig[];
    /** Objects that exist in the cluster and are imported instead of created (stack/migration.ts). */
    readonly adopt: AdoptConfig;
}

/** The config types a project may declare (pulumi/pulumi `sdk/go/common/workspace/project.json` simpleConfigType). */
export type ConfigTypeName = "string" | "integer" | "boolean" | "array" | "object";

/** How `Pulumi.yaml` declares one key: its type (arrays with their `items`) and its default. */
export interface ConfigDeclaration {
    readonly type: ConfigTypeName;
    readonly items?: { readonly type: ConfigTypeName };
    /** Without a default the Pulumi CLI requires every stack to set the key. */
    readonly default?: unknown;
}

/**
 * The keys this program reads, as `Pulumi.yaml` must declare them (a spec compares the two). Every key but
 * `clusterName` has a default, so a new stack needs only `clusterName` and `aws:region`.
 */
export const CONFIG = {
    clusterMode: { type: "string", default: "existing" },
    clusterName: { type: "string" },
    oidcProvider: { type: "string", default: "auto" },
    oidcProviderDeleteOnDestroy: { type: "boolean", default: false },
    nodeInstanceType: { type: "string", default: "t3.medium" },
    nodeCount: { type: "integer", default: 2 },
    kubernetesVersion: { type: "string", default: "" },
    controller: { type: "object", default: {} },
    apps: { type: "array", items: { type: "object" }, default: [] },
    gateways: { type: "array", items: { type: "object" }, default: [] },
    loadBalancing: { type: "string", default: "auto" },
    autoMode: { type: "boolean", default: false },
    adopt: { type: "object", default: {} },
} as const satisfies Record<string, ConfigDeclaration>;

/** A key this program reads. */
export type ConfigKey = keyof typeof CONFIG;

/** The keys this program reads. */
export const CONFIG_KEYS = Object.keys(CONFIG) as ConfigKey[];

const isConfigKey = (key: string): key is ConfigKey => (CONFIG_KEYS as readonly string[]).includes(key);

/** Levenshtein distance, to suggest the nearest known name for a misspelled one. */
function distance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const next = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
            diagonal = row[j];
            row[j] = next;
        }
    }
    return row[b.length];
}

/** The nearest of `names` to `name`, when it is close enough to be a typo. */
export function nearest(name: string, names: readonly string[]): string | undefined {
    const best = [...names].sort((x, y) => distance(name, x) - distance(name, y))[0];
    return best !== undefined && distance(name, best) <= Math.max(2, Math.floor(name.length / 4)) ? best : undefined;
}

/** Problems with the keys a stack sets (`<namespace>:<key>`): unknown keys of the project, unknown namespaces. */
function strayKeys(present: readonly string[], project: string): ConfigError[] {
    const errors: ConfigError[] = [];
    const known = [project, ...PROVIDER_NAMESPACES];
    for (const full of present) {
        const colon = full.indexOf(":");
        const [namespace, key] = colon < 0 ? [project, full] : [full.slice(0, colon), full.slice(colon + 1)];
        if (namespace === project) {
            if (!isConfigKey(key)) {
                const near = nearest(key, CONFIG_KEYS);
                errors.push(
                    new ConfigError(
                        key,
                        `is not a setting of this project${near ? ` (did you mean ${near}?)` : ""}; known: ${CONFIG_KEYS.join(", ")}`,
                        project,
                    ),
                );
            }
        } else if (!known.includes(namespace)) {
            const near = nearest(namespace, known);
            errors.push(
                new ConfigError(
                    key,
                    `is read by nothing in this stack: its namespace ${show(namespace)} is neither the project's (${show(project)}) nor one of ${PROVIDER_NAMESPACES.join(", ")}${near ? `; did you mean ${near}:${key}?` : ""}`,
                    namespace,
                ),
            );
        }
    }
    return errors;
}

/**
 * Reads the config the way the Pulumi engine hands it to a program (every value a string, objects as JSON)
 * and checks it. `get` returns the raw value of a key without the project prefix; `present` lists the keys the
 * stack sets (`<namespace>:<key>`), so that a misspelled key is an error instead of a silently ignored value.
 * Throws a {@link ConfigErrors} listing every problem.
 */
export function readStackConfig(
    get: (key: string) => string | undefined,
    present: readonly string[] = [],
    project: string = PROJECT,
): StackConfig {
    const errors = strayKeys(present, project);
    const raw: Record<string, unknown> = {};
    for (const key of CONFIG_KEYS) {
        const text = get(key);
        if (text === undefined) continue;
        switch (CONFIG[key].type) {
            case "integer":
                raw[key] = /^[+-]?\d+$/.test(text.trim()) ? Number(text) : text;
                break;
            case "boolean":
                raw[key] = text === "true" ? true : text === "false" ? false : text;
                break;
            case "object":
            case "array":
                try {
                    raw[key] = JSON.parse(text);
                } catch {
                    errors.push(
                        new ConfigError(key, `must be structured YAML (a map or a list), got ${show(text)}`, project),
                    );
                }
                break;
            default:
                raw[key] = text;
        }
    }
    return check(raw, errors, project);
}

/**
 * Checks the project's config values (keys without the `eks-alb-ingress:` prefix, values already parsed from
 * YAML/JSON) and fills in the defaults of {@link CONFIG}. Argument-level checks of apps and controller happen
 * when the components are built (see `program.ts`), which reports them under the same keys.
 * Throws a {@link ConfigErrors} listing every problem.
 */
export function parseStackConfig(raw: Record<string, unknown>): StackConfig {
    return check(raw, [], PROJECT);
}

const CONTROLLER_FORBIDDEN = ["cluster", "clusterName", "vpcId", "oidcProviderArn", "oidcIssuerUrl"];

function check(raw: Record<string, unknown>, errors: ConfigError[], project: string): StackConfig {
    const problem = (key: string, message: string) => errors.push(new ConfigError(key, message, project));
    const value = <K extends ConfigKey>(key: K): unknown => raw[key] ?? (CONFIG[key] as ConfigDeclaration).default;
    for (const key of Object.keys(raw)) {
        if (!isConfigKey(key)) problem(key, `is not a setting of this project; known: ${CONFIG_KEYS.join(", ")}`);
    }
    const oneOf = (key: ConfigKey, allowed: readonly string[]) => {
        if (!allowed.includes(value(key) as string))
            problem(key, `must be one of ${allowed.map(show).join(", ")}, got ${show(value(key))}`);
    };
    oneOf("clusterMode", ["existing", "new"]);
    oneOf("oidcProvider", ["auto", "reuse", "create"]);
    oneOf("loadBalancing", LOAD_BALANCING_MODES);
    const autoMode = value("autoMode");
    if (typeof autoMode !== "boolean") problem("autoMode", `must be true or false, got ${show(autoMode)}`);
    else if (autoMode && value("clusterMode") !== "new")
        problem(
            "autoMode",
            `creates a new cluster with EKS Auto Mode and needs clusterMode "new"; an existing cluster's Auto Mode load balancing is looked up (loadBalancing)`,
        );
    if (typeof value("oidcProviderDeleteOnDestroy") !== "boolean") {
        problem(
            "oidcProviderDeleteOnDestroy",
            `must be true or false, got ${show(value("oidcProviderDeleteOnDestroy"))}`,
        );
    }
    const clusterName = value("clusterName");
    if (typeof clusterName !== "string" || !/^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/.test(clusterName)) {
        problem(
            "clusterName",
            `must be an EKS cluster name (letters, digits, "-" and "_", at most 100 characters), got ${show(clusterName)}`,
        );
    }
    const nodeCount = value("nodeCount");
    if (typeof nodeCount !== "number" || !Number.isInteger(nodeCount) || nodeCount < 1 || nodeCount > 100) {
        problem("nodeCount", `must be an integer from 1 to 100, got ${show(nodeCount)}`);
    }
    const nodeInstanceType = value("nodeInstanceType");
    if (typeof nodeInstanceType !== "string" || !/^[a-z0-9-]+\.[a-z0-9]+$/.test(nodeInstanceType)) {
        problem("nodeInstanceType", `must be an EC2 instance type such as "t3.medium", got ${show(nodeInstanceType)}`);
    }
    const kubernetesVersion = value("kubernetesVersion");
    if (!(typeof kubernetesVersion === "string" && /^(1\.\d+)?$/.test(kubernetesVersion))) {
        problem(
            "kubernetesVersion",
            `must be a Kubernetes minor version such as "1.33", or "" for EKS's default, got ${show(kubernetesVersion)}`,
        );
    }
    if (autoMode === true && typeof kubernetesVersion === "string" && /^1\.\d+$/.test(kubernetesVersion)) {
        if (Number(kubernetesVersion.split(".")[1]) < Number(AUTO_MODE_MIN_KUBERNETES.split(".")[1]))
            problem(
                "kubernetesVersion",
                `must be ${AUTO_MODE_MIN_KUBERNETES} or newer with autoMode: true (EKS Auto Mode requires Kubernetes ${AUTO_MODE_MIN_KUBERNETES} or greater), got ${show(kubernetesVersion)}`,
            );
    }
    const controller = value("controller");
    if (!isPlainObject(controller)) {
        problem("controller", `must be an object of AlbIngressController arguments, got ${show(controller)}`);
    } else {
        for (const key of CONTROLLER_FORBIDDEN) {
            if (key in controller)
                problem(`controller.${key}`, "comes from the cluster (clusterName, clusterMode); remove it");
        }
    }
    const apps = value("apps");
    if (!Array.isArray(apps)) problem("apps", `must be a list of apps, got ${show(apps)}`);
    else checkApps(apps, problem);
    const gateways = checkGateways(value("gateways"), apps, problem);
    const declaring = errors.length === 0 ? ({ controller, apps } as DeclaringConfig) : undefined;
    const adopt = checkAdoptConfig(value("adopt"), declaring, problem);
    if (errors.length > 0) throw new ConfigErrors(errors);
    return {
        clusterMode: value("clusterMode") as ClusterMode,
        clusterName: clusterName as string,
        oidcProvider: value("oidcProvider") as OidcProviderMode,
        oidcProviderDeleteOnDestroy: value("oidcProviderDeleteOnDestroy") as boolean,
        nodeInstanceType: nodeInstanceType as string,
        nodeCount: nodeCount as number,
        kubernetesVersion: (kubernetesVersion as string) || undefined,
        controller: controller as ControllerConfig,
        apps: apps as AppConfig[],
        loadBalancing: value("loadBalancing") as LoadBalancingMode,
        autoMode: autoMode as boolean,
        gateways: gateways ?? [],
        adopt,
    };
}

/** App names are unique DNS-1035 labels, and one app creates each namespace. */
function checkApps(apps: unknown[], problem: (key: string, message: string) => void): void {
    const names = new Set<string>();
    const namespaceOwners = new Map<string, number>();
    apps.forEach((app: unknown, i) => {
        if (!isPlainObject(app)) {
            problem(`apps[${i}]`, `must be an object with name, image, containerPort and targetType, got ${show(app)}`);
            return;
        }
        if (typeof app.name !== "string" || isDns1035Label(app.name) !== undefined) {
            problem(
                `apps[${i}].name`,
                `must be a DNS-1035 label (lowercase letters, digits and "-", starting with a letter), got ${show(app.name)}`,
            );
        } else if (names.has(app.name)) {
            problem(`apps[${i}].name`, `repeats ${show(app.name)}; app names must be unique`);
        } else {
            names.add(app.name);
        }
        const namespace = typeof app.namespace === "string" ? app.namespace : app.name;
        if (app.createNamespace !== false && typeof namespace === "string") {
            const owner = namespaceOwners.get(namespace);
            if (owner !== undefined) {
                problem(
                    `apps[${i}].createNamespace`,
                    `must be false: apps[${owner}] already creates namespace ${show(namespace)} (one app creates it, the others set createNamespace: false)`,
                );
            } else {
                namespaceOwners.set(namespace, i);
            }
        }
    });
}
