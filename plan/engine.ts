/**
 * The offline engine shared by the tests and the plan: installs the Pulumi SDK mocks once per process and
 * records every registration the way the engine would receive it — type, name, inputs, parent, provider and the resolved dependency URNs
 * (taken from the register request itself, so `dependsOn: component` shows up expanded as the engine sees it).
 * Invokes are answered from a fake AWS account whose partition and region tests may change.
 */
import * as pulumi from "@pulumi/pulumi";
import { cloud, fakeInvoke, outputsOf } from "./fakeCloud";

export { cloud, clusterIssuerUrl, invokeError, oidcProviderNotFound } from "./fakeCloud";

/** One registered resource. */
export interface Recorded {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    /** Inputs as sent to the engine, with secrets unwrapped and resource references as `{ $ref: urn }`. */
    readonly inputs: Record<string, any>;
    readonly parent?: string;
    /** Provider reference `urn::id`, when one was chosen for the resource. */
    readonly provider?: string;
    /** URNs this resource waits for (explicit `dependsOn`, expanded, plus input dependencies). */
    readonly dependencies: readonly string[];
    /** Input property → URNs it depends on. */
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
    /** Inputs held secret. */
    readonly secretInputs: readonly string[];
    /** The resource options the engine acts on across runs (replace, delete, import). */
    readonly options: RecordedOptions;
}

/** Resource options as the register request carries them. */
export interface RecordedOptions {
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    readonly deleteBeforeReplace: boolean;
    /** `import` option: the id of an existing cloud object to adopt ("" when none). */
    readonly importId: string;
    readonly replaceOnChanges: readonly string[];
    readonly ignoreChanges: readonly string[];
    /** Alias URNs (strings) and specs (the request's `Alias` objects), as given. */
    readonly aliases: readonly unknown[];
    /** URN of the resource this one is deleted with ("" when none). */
    readonly deletedWith: string;
}

/** The options of a resource registered without any. */
export const NO_OPTIONS: RecordedOptions = {
    protect: false,
    retainOnDelete: false,
    deleteBeforeReplace: false,
    importId: "",
    replaceOnChanges: [],
    ignoreChanges: [],
    aliases: [],
    deletedWith: "",
};

/** One invoke. */
export interface RecordedInvoke {
    readonly token: string;
    readonly inputs: Record<string, unknown>;
    readonly provider?: string;
}

const DEFAULT_CLOUD = { ...cloud };

/** The fake cloud's answer to an invoke, recorded like every other. */
function invoke(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    invokes.push({
        token: args.token,
        inputs: args.inputs as Record<string, unknown>,
        provider: args.provider || undefined,
    });
    return fakeInvoke(args);
}

export const recorded: Recorded[] = [];
export const invokes: RecordedInvoke[] = [];

/** Forgets what was recorded and restores the fake cloud. */
export function reset(): void {
    recorded.length = 0;
    invokes.length = 0;
    Object.assign(cloud, DEFAULT_CLOUD);
}

const SIG_KEY = pulumi.runtime.specialSigKey;

/**
 * A register request's serialized inputs with each resource reference as `{ $ref: urn }`. Deserialized, a reference
 * would become a resource object whose URN is only an Output, or a bare id or URN when its package is not loaded
 * (@pulumi/pulumi runtime/rpc.js `deserializeProperty`).
 */
function refsAsUrns(raw: unknown): unknown {
    if (raw === null || typeof raw !== "object") {
        return raw;
    }
    if (Array.isArray(raw)) {
        return raw.map(refsAsUrns);
    }
    const v = raw as Record<string, unknown>;
    if (v[SIG_KEY] === pulumi.runtime.specialResourceSig) {
        return { $ref: v.urn };
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, refsAsUrns(x)]));
}

/** Unwraps secrets into plain JSON; collects secret paths. */
export function plain(value: unknown, secrets: string[] = [], path = ""): any {
    if (value === null || typeof value !== "object") {
        return value;
    }
    const v = value as Record<string, unknown>;
    if (v[SIG_KEY] === pulumi.runtime.specialSecretSig) {
        secrets.push(path);
        return plain(v.value, secrets, path);
    }
    if (Array.isArray(value)) {
        return value.map((x, i) => plain(x, secrets, `${path}[${i}]`));
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x, secrets, path ? `${path}.${k}` : k)]));
}

type RegisterRequest = {
    getType(): string;
    getName(): string;
    getCustom(): boolean;
    getParent(): string;
    getProvider(): string;
    getObject(): { toJavaScript(): Record<string, unknown> };
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { forEach(cb: (v: { getUrnsList(): string[] }, k: string) => void): void };
    getProtect(): boolean;
    getRetainondelete(): boolean;
    getDeletebeforereplace(): boolean;
    getImportid(): string;
    getReplaceonchangesList(): string[];
    getIgnorechangesList(): string[];
    getAliasesList(): { hasUrn(): boolean; getUrn(): string; toObject(): unknown }[];
    getAliasurnsList(): string[];
    getDeletedwith(): string;
};
type Callback = (err: Error | null, resp?: { getUrn(): string }) => void;

/** What the mock engine answers for a new resource: the provider's id and the resource's outputs. */
export interface MockAnswer {
    readonly id: string | undefined;
    readonly state: Record<string, unknown>;
}

/**
 * Answers that replace the fake cloud's while set (the lifecycle world, plan/lifecycle/run.ts): `newResource` gets
 * the registration as recorded (URN, options, dependencies) and may return the stored id and outputs of a resource
 * already in state (`undefined`: the fake cloud's answer); `call` answers invokes.
 */
export interface EngineHooks {
    newResource(registration: Recorded | undefined, args: pulumi.runtime.MockResourceArgs): MockAnswer | undefined;
    /** Answers an invoke; `fake()` is the fake cloud's answer (recorded as usual when called). */
    call(args: pulumi.runtime.MockCallArgs, fake: () => Record<string, unknown>): Record<string, unknown>;
}

let hooks: EngineHooks | undefined;

/** Sets (or, with `undefined`, removes) the hooks; the caller removes them when its run ends. */
export function setEngineHooks(next: EngineHooks | undefined): void {
    hooks = next;
}

/** The fake cloud's answer for a new resource: `<name>-id` (or the import id) and {@link outputsOf}. */
export function fakeAnswer(a: pulumi.runtime.MockResourceArgs): MockAnswer {
    return { id: a.custom ? a.id || `${a.name}-id` : undefined, state: outputsOf(a) };
}

/**
 * The registration the mock monitor is answering. `MockMonitor.registerResource` (@pulumi/pulumi
 * runtime/mocks.js) calls `mocks.newResource` synchronously, before its first `await`, so the wrapper below sets
 * this just before and `newResource` reads it first thing; the type/name check catches an SDK that changes that.
 */
let answering: Recorded | undefined;

function recordOf(req: RegisterRequest, urn: string): Recorded {
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((v, k) => (propertyDependencies[k] = v.getUrnsList()));
    const secretInputs: string[] = [];
    const serialized = Object.entries(req.getObject().toJavaScript());
    const inputs = plain(
        Object.fromEntries(serialized.map(([k, x]) => [k, pulumi.runtime.deserializeProperty(refsAsUrns(x))])),
        secretInputs,
    );
    return {
        urn,
        type: req.getType(),
        name: req.getName(),
        custom: req.getCustom(),
        inputs,
        parent: req.getParent() || undefined,
        provider: req.getProvider() || undefined,
        dependencies: req.getDependenciesList(),
        propertyDependencies,
        secretInputs,
        options: {
            protect: req.getProtect(),
            retainOnDelete: req.getRetainondelete(),
            deleteBeforeReplace: req.getDeletebeforereplace(),
            importId: req.getImportid(),
            replaceOnChanges: req.getReplaceonchangesList(),
            ignoreChanges: req.getIgnorechangesList(),
            aliases: [
                ...req.getAliasurnsList(),
                ...req.getAliasesList().map((a) => (a.hasUrn() ? a.getUrn() : a.toObject())),
            ],
            deletedWith: req.getDeletedwith(),
        },
    };
}

let installed = false;

/** Installs the mocks (once per process) for `project`/`stack` and starts recording. */
export function installMocks(project = "eks-alb-ingress", stack = "test"): void {
    if (installed) {
        return;
    }
    installed = true;
    void pulumi.runtime.setMocks(
        {
            newResource: (a) => {
                const registration = answering;
                answering = undefined;
                const mine = registration && registration.type === a.type && registration.name === a.name;
                if (hooks && registration && !mine) {
                    throw new Error(`mock engine: answering ${a.type} ${a.name} but recorded ${registration.urn}`);
                }
                return hooks?.newResource(mine ? registration : undefined, a) ?? fakeAnswer(a);
            },
            call: (a) => {
                if (!hooks) return invoke(a);
                let faked = false;
                const answer = hooks.call(a, () => ((faked = true), invoke(a)));
                if (!faked) {
                    invokes.push({
                        token: a.token,
                        inputs: a.inputs as Record<string, unknown>,
                        provider: a.provider || undefined,
                    });
                }
                return answer;
            },
        },
        project,
        stack,
        false,
    );
    // MockMonitor (@pulumi/pulumi runtime/mocks.js): registerResource and its URN rule newUrn.
    const monitor = pulumi.runtime.getMonitor() as unknown as {
        registerResource(req: RegisterRequest, cb: Callback): Promise<void>;
        newUrn(parent: string, type: string, name: string): string;
    };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: RegisterRequest, cb: Callback) => {
        const record = recordOf(req, monitor.newUrn(req.getParent(), req.getType(), req.getName()));
        answering = record;
        return register(req, (err, resp) => {
            if (!err && resp) {
                recorded.push(resp.getUrn() === record.urn ? record : { ...record, urn: resp.getUrn() });
            }
            cb(err, resp);
        });
    };
}

/** Waits until every registration in flight has reached the mock engine. */
export async function settle(): Promise<void> {
    await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
}

/** Resolves an output (unknowns resolve to `undefined`); assert on the value afterwards, never inside `apply`. */
export function valueOf<T>(output: pulumi.Input<T> | undefined): Promise<T> {
    return (pulumi.output(output) as unknown as { promise(): Promise<T> }).promise();
}
