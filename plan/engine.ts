/**
 * The offline engine shared by the tests and the plan: installs the Pulumi SDK mocks once per process and
 * records every registration the way the engine would receive it — type, name, inputs, parent, provider and the resolved dependency URNs
 * (taken from the register request itself, so `dependsOn: component` shows up expanded as the engine sees it).
 * Invokes are answered from a fake AWS account whose partition and region tests may change.
 */
import * as pulumi from "@pulumi/pulumi";
import type { MockMonitor } from "@pulumi/pulumi/runtime/mocks";

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
                eksCluster: { name: `${args.name}-eks`, vpcConfig: { vpcId: "vpc-0fedcba9876543210" } },
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
            if (!cloud.oidcProviderExists) {
                throw new Error(`finding IAM OIDC Provider (${String(args.inputs.arn)}): couldn't find resource`);
            }
            return {
                arn: args.inputs.arn,
                url: String(args.inputs.arn).split("oidc-provider/")[1],
                clientIdLists: ["sts.amazonaws.com"],
                thumbprintLists: [],
                tags: {},
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

let installed = false;

/** Installs the mocks (once per process) for `project`/`stack` and starts recording. */
export function installMocks(project = "eks-alb-ingress", stack = "test"): void {
    if (installed) {
        return;
    }
    installed = true;
    void pulumi.runtime.setMocks(
        {
            newResource: (a) => ({ id: a.custom ? a.id || `${a.name}-id` : undefined, state: outputsOf(a) }),
            call: invoke,
        },
        project,
        stack,
        false,
    );
    const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitor & {
        registerResource(req: RegisterRequest, cb: Callback): Promise<void>;
    };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: RegisterRequest, cb: Callback) =>
        register(req, (err, resp) => {
            if (!err && resp) {
                const propertyDependencies: Record<string, string[]> = {};
                req.getPropertydependenciesMap().forEach((v, k) => (propertyDependencies[k] = v.getUrnsList()));
                const secretInputs: string[] = [];
                const inputs = plain(pulumi.runtime.deserializeProperties(req.getObject() as never), secretInputs);
                recorded.push({
                    urn: resp.getUrn(),
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
                });
            }
            cb(err, resp);
        });
}

/** Waits until every registration in flight has reached the mock engine. */
export async function settle(): Promise<void> {
    await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
}

/** Resolves an output (unknowns resolve to `undefined`); assert on the value afterwards, never inside `apply`. */
export function valueOf<T>(output: pulumi.Input<T> | undefined): Promise<T> {
    return (pulumi.output(output) as unknown as { promise(): Promise<T> }).promise();
}
