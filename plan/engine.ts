/**
 * The offline engine shared by the tests and the plan: installs the Pulumi SDK mocks once per process and
 * records every registration the way the engine would receive it — type, name, inputs, parent, provider and the resolved dependency URNs
 * (taken from the register request itself, so `dependsOn: component` shows up expanded as the engine sees it).
 * Invokes are answered from a fake AWS account whose partition and region tests may change.
 */
import * as pulumi from "@pulumi/pulumi";

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
    /** Alias URNs and specs, as given. */
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

/**
 * The fake cloud the mocks answer from; tests may change it (`reset()` restores it). Everything it invents is a
 * placeholder for what only the real cloud knows: the account, ARNs, ids, the OIDC issuer, ALB host names.
 */
export const cloud = {
    account: "123456789012",
    partition: "aws",
    region: "us-west-2",
    dnsSuffix: "amazonaws.com",
    /** Whether `aws.iam.getOpenIdConnectProvider` finds the cluster's provider. */
    oidcProviderExists: false,
    /** The tags of that provider (a provider a stack created carries `eks-alb-ingress:stack`). */
    oidcProviderTags: {} as Record<string, string>,
    /** When set, the look-up fails with this error instead (e.g. IAM's AccessDenied), as the engine reports it. */
    oidcProviderLookupError: undefined as string | undefined,
};
const DEFAULT_CLOUD = { ...cloud };

export const recorded: Recorded[] = [];
export const invokes: RecordedInvoke[] = [];

/** Forgets what was recorded and restores the fake cloud. */
export function reset(): void {
    recorded.length = 0;
    invokes.length = 0;
    Object.assign(cloud, DEFAULT_CLOUD);
}

const SECRET_SIG = pulumi.runtime.specialSigKey;

/** Unwraps secrets and resource references into plain JSON; collects secret paths. */
export function plain(value: unknown, secrets: string[] = [], path = ""): any {
    if (value === null || typeof value !== "object") {
        return value;
    }
    if (pulumi.Resource.isInstance(value)) {
        return { $ref: (value as unknown as { __pulumiType: string }).__pulumiType };
    }
    const v = value as Record<string, unknown>;
    if (v[SECRET_SIG] === pulumi.runtime.specialSecretSig) {
        secrets.push(path);
        return plain(v.value, secrets, path);
    }
    if (Array.isArray(value)) {
        return value.map((x, i) => plain(x, secrets, `${path}[${i}]`));
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x, secrets, path ? `${path}.${k}` : k)]));
}

const PLACEHOLDER_PEM = (kind: string, name: string) =>
    `-----BEGIN ${kind}-----\nMOCK-${name}\n-----END ${kind}-----\n`;

/** Outputs the fake cloud returns for a new resource (only what provider-side defaults would fill in). */
function outputsOf(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
    const i = (args.inputs ?? {}) as Record<string, any>;
    const { account, partition } = cloud;
    const autoName = `${args.name}-a1b2c3d`;
    if (args.type === "kubernetes:helm.sh/v3:Release") {
        const name = i.name ?? autoName;
        return {
            ...i,
            name,
            status: { name, namespace: i.namespace ?? "default", status: "deployed", version: i.version ?? "" },
        };
    }
    if (args.type.startsWith("kubernetes:")) {
        const metadata = {
            ...i.metadata,
            name: i.metadata?.name ?? autoName,
            namespace: i.metadata?.namespace ?? "default",
        };
        const status =
            args.type === "kubernetes:networking.k8s.io/v1:Ingress"
                ? {
                      loadBalancer: {
                          ingress: [
                              {
                                  hostname: `k8s-${metadata.namespace}-${metadata.name}-0123456789.${cloud.region}.elb.${cloud.dnsSuffix}`,
                              },
                          ],
                      },
                  }
                : i.status;
        return { ...i, metadata, ...(status === undefined ? {} : { status }) };
    }
    switch (args.type) {
        case "aws:iam/role:Role":
            return {
                ...i,
                name: i.name ?? autoName,
                arn: `arn:${partition}:iam::${account}:role/${i.name ?? autoName}`,
            };
        case "aws:iam/policy:Policy":
            return {
                ...i,
                name: i.name ?? autoName,
                arn: `arn:${partition}:iam::${account}:policy/${i.name ?? autoName}`,
            };
        case "aws:iam/openIdConnectProvider:OpenIdConnectProvider":
            return {
                ...i,
                arn: `arn:${partition}:iam::${account}:oidc-provider/${String(i.url).replace(/^https:\/\//, "")}`,
            };
        case "aws:eks/podIdentityAssociation:PodIdentityAssociation":
            return {
                ...i,
                associationId: "a-0123456789",
                associationArn: `arn:${partition}:eks:${cloud.region}:${account}:podidentityassociation/${i.clusterName}/a-0123456789`,
            };
        case "awsx:ec2:Vpc": {
            // A remote component: its state becomes the outputs of the awsx.ec2.Vpc object (ids only).
            const zones = i.numberOfAvailabilityZones ?? 3;
            const ids = (kind: string) => Array.from({ length: zones }, (_, z) => `subnet-${kind}00000000000000${z}`);
            const types = (i.subnetSpecs ?? [{ type: "Public" }, { type: "Private" }]).map(
                (spec: { type: string }) => spec.type,
            );
            return {
                vpcId: "vpc-0a1b2c3d4e5f60718",
                publicSubnetIds: types.includes("Public") ? ids("0a") : [],
                privateSubnetIds: types.includes("Private") ? ids("0b") : [],
                isolatedSubnetIds: types.includes("Isolated") ? ids("0c") : [],
            };
        }
        case "eks:index:Cluster": {
            // A remote component: its state becomes the outputs of the eks.Cluster object.
            const issuer = `oidc.eks.${cloud.region}.${cloud.dnsSuffix}/id/${args.name.toUpperCase()}`;
            const createOidc = i.createOidcProvider === true;
            return {
                kubeconfig: { apiVersion: "v1", clusters: [] },
                kubeconfigJson: '{"apiVersion":"v1","clusters":[]}',
                oidcProviderArn: createOidc ? `arn:${partition}:iam::${account}:oidc-provider/${issuer}` : "",
                oidcProviderUrl: `https://${issuer}`,
                oidcIssuer: issuer,
                eksCluster: {
                    name: `${args.name}-eks`,
                    // The cluster is in the VPC it was given, else in the account's default VPC.
                    vpcConfig: { vpcId: i.vpcId ?? "vpc-0fedcba9876543210" },
                },
            };
        }
        case "tls:index/privateKey:PrivateKey":
            return {
                ...i,
                privateKeyPem: PLACEHOLDER_PEM("PRIVATE KEY", args.name),
                publicKeyPem: PLACEHOLDER_PEM("PUBLIC KEY", args.name),
            };
        case "tls:index/selfSignedCert:SelfSignedCert":
        case "tls:index/locallySignedCert:LocallySignedCert":
            return { ...i, certPem: PLACEHOLDER_PEM("CERTIFICATE", args.name) };
        case "tls:index/certRequest:CertRequest":
            return { ...i, certRequestPem: PLACEHOLDER_PEM("CERTIFICATE REQUEST", args.name) };
        default:
            return i;
    }
}

/** The OIDC issuer URL the fake cloud gives a cluster. */
export function clusterIssuerUrl(clusterName: string): string {
    return `https://oidc.eks.${cloud.region}.${cloud.dnsSuffix}/id/${clusterName.toUpperCase().replace(/[^A-Z0-9]/g, "")}`;
}

/**
 * A failed invoke as the SDK receives it: the engine answers the invoke RPC with an error status whose details are
 * `invocation of <token> returned an error: <provider's error>` (pulumi/pulumi pkg/resource/deploy/source_eval.go
 * `Invoke`), and the SDK rejects with `new Error(err.details)` (@pulumi/pulumi runtime/invoke.js). A bridged
 * provider's error is `invoking <token>: <diagnostics>` (pulumi-terraform-bridge pkg/tfbridge/provider.go `Invoke`,
 * diagnostics joined by go-multierror in pkg/tfshim/sdk-v2/diagnostics.go).
 */
export function invokeError(token: string, providerError: string): Error {
    const details = `invocation of ${token} returned an error: invoking ${token}: 1 error occurred:\n\t* ${providerError}\n\n`;
    return Object.assign(new Error(details), { code: 2 /* grpc UNKNOWN */, details });
}

/**
 * `aws.iam.getOpenIdConnectProvider` for a provider that does not exist: terraform-provider-aws
 * internal/service/iam/openid_connect_provider_data_source.go ("reading IAM OIDC Provider: %s") around the
 * `retry.NotFoundError` of `findOpenIDConnectProvider` ("couldn't find resource", internal/retry/error.go).
 */
export function oidcProviderNotFound(): Error {
    return invokeError(
        "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider",
        "reading IAM OIDC Provider: couldn't find resource",
    );
}

/** Answers of the fake cloud for invokes; anything else fails loudly. */
function invoke(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    invokes.push({
        token: args.token,
        inputs: args.inputs as Record<string, unknown>,
        provider: args.provider || undefined,
    });
    switch (args.token) {
        case "aws:index/getPartition:getPartition":
            return {
                partition: cloud.partition,
                dnsSuffix: cloud.dnsSuffix,
                id: cloud.partition,
                reverseDnsPrefix: "com.amazonaws",
            };
        case "aws:index/getRegion:getRegion":
            return {
                region: cloud.region,
                name: cloud.region,
                id: cloud.region,
                endpoint: `ec2.${cloud.region}.${cloud.dnsSuffix}`,
                description: cloud.region,
            };
        case "aws:eks/getCluster:getCluster": {
            const name = String(args.inputs.name);
            return {
                name,
                id: name,
                arn: `arn:${cloud.partition}:eks:${cloud.region}:${cloud.account}:cluster/${name}`,
                endpoint: `https://0123456789ABCDEF.gr7.${cloud.region}.eks.${cloud.dnsSuffix}`,
                certificateAuthorities: [{ data: "TU9DSy1DQQ==" }],
                identities: [{ oidcs: [{ issuer: clusterIssuerUrl(name) }] }],
                vpcConfig: {
                    vpcId: "vpc-0123456789abcdef0",
                    subnetIds: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
                },
                version: "1.33",
                status: "ACTIVE",
            };
        }
        case "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider":
            if (cloud.oidcProviderLookupError !== undefined)
                throw invokeError(args.token, cloud.oidcProviderLookupError);
            if (!cloud.oidcProviderExists) throw oidcProviderNotFound();
            return {
                arn: args.inputs.arn,
                url: String(args.inputs.arn).split("oidc-provider/")[1],
                clientIdLists: ["sts.amazonaws.com"],
                thumbprintLists: [],
                tags: { ...cloud.oidcProviderTags },
                id: args.inputs.arn,
            };
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return {
                accountId: cloud.account,
                arn: `arn:${cloud.partition}:iam::${cloud.account}:user/test`,
                userId: "AIDTEST",
                id: cloud.account,
            };
        default:
            throw new Error(`unmocked invoke ${args.token}`);
    }
}

type RegisterRequest = {
    getType(): string;
    getName(): string;
    getCustom(): boolean;
    getParent(): string;
    getProvider(): string;
    getObject(): unknown;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { forEach(cb: (v: { getUrnsList(): string[] }, k: string) => void): void };
    getProtect(): boolean;
    getRetainondelete(): boolean;
    getDeletebeforereplace(): boolean;
    getImportid(): string;
    getReplaceonchangesList(): string[];
    getIgnorechangesList(): string[];
    getAliasesList(): { toObject(): unknown }[];
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
    const inputs = plain(pulumi.runtime.deserializeProperties(req.getObject() as never), secretInputs);
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
            aliases: [...req.getAliasurnsList(), ...req.getAliasesList().map((a) => a.toObject())],
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
