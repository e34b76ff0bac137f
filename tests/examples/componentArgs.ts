/**
 * Valid arguments of every component as another language sends them (plain JSON, enum values as strings), and the
 * language boundary itself: inputs serialized the way an SDK sends them to `Construct`, deserialized the way the
 * plugin's provider server does before calling `ComponentProvider.construct` (@pulumi/pulumi `provider/server.js`
 * `construct` → `deserializeInputs`), and a construct result's state serialized the way the server answers
 * (`rpc.serializeResourceProperties`, whose dependencies become the response's `stateDependencies`).
 */
import * as pulumi from "@pulumi/pulumi";
import { ISSUER_URL, VPC_ID } from "../harness/fixtures";

/** The package's resource type token of a component class. */
export const token = (component: string): string => `eks-alb-ingress:index:${component}`;

const CERTIFICATE_ARN = "arn:aws:acm:us-west-2:123456789012:certificate/0f0e0d0c-1111-2222-3333-444455556666";

/** One valid argument set per component, exercising its nested types and enums. */
export const COMPONENT_ARGS: Readonly<Record<string, Record<string, unknown>>> = {
    AlbIngressController: {
        clusterName: "demo",
        vpcId: VPC_ID,
        oidcIssuerUrl: ISSUER_URL,
        identity: "irsa",
        webhookCertificates: "selfSigned",
        replicas: 2,
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "512Mi" } },
        tolerations: [{ key: "dedicated", operator: "Equal", value: "ingress", effect: "NoSchedule" }],
        nodeSelector: { "kubernetes.io/os": "linux" },
        tags: { team: "platform" },
    },
    AlbGateway: {
        gatewayClassName: "alb",
        namespace: "gateways",
        createNamespace: true,
        scheme: "internet-facing",
        ipAddressType: "ipv4",
        certificateArns: [CERTIFICATE_ARN],
        inboundCidrs: ["10.0.0.0/8"],
        routeNamespaces: "All",
        tags: { team: "platform" },
    },
    AutoModeIngressClass: {
        ingressClassName: "alb-auto",
        scheme: "internet-facing",
        group: { name: "shared" },
        certificateArns: [CERTIFICATE_ARN],
        ipAddressType: "ipv4",
        tags: { team: "platform" },
        namespaceSelector: { matchLabels: { team: "web" } },
    },
    IngressApp: {
        image: "public.ecr.aws/z9d2n7e1/nginx:1.28.0",
        containerPort: 80,
        servicePort: 8080,
        targetType: "instance",
        scheme: "internet-facing",
        ingressClassName: "alb",
        healthCheckPath: "/",
        readinessProbe: { initialDelaySeconds: 5 },
        group: { name: "shared", order: 10 },
        env: { MODE: "demo" },
    },
};

// Internal but exported SDK pieces the plugin's gRPC server uses (@pulumi/pulumi 3.270).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const server = require("@pulumi/pulumi/provider/server") as {
    deserializeInputs(struct: unknown, deps: Map<string, { getUrnsList(): string[] }>): Promise<pulumi.Inputs>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rpc = require("@pulumi/pulumi/runtime/rpc") as {
    serializeProperties(label: string, props: unknown): Promise<Record<string, unknown>>;
    serializeResourceProperties(
        label: string,
        props: unknown,
    ): Promise<[Record<string, unknown>, Map<string, Set<pulumi.Resource>>]>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Struct } = require("google-protobuf/google/protobuf/struct_pb") as {
    Struct: { fromJavaScript(value: unknown): unknown };
};

/**
 * An output of another resource as a calling SDK sends it to a multi-language component: an output value with the
 * URNs it depends on (the Node.js, Python and Go SDKs keep output values for remote components when the engine
 * supports them, @pulumi/pulumi `runtime/resource.js` `keepOutputValues: remote`; `rpc.js` `specialOutputValueSig`).
 * The mock monitor reports no such support, so the value is built here as the engine would pass it on.
 */
export function outputValue(value: unknown, dependencies: readonly string[]): Record<string, unknown> {
    return {
        [pulumi.runtime.specialSigKey]: (pulumi.runtime as unknown as { specialOutputValueSig: string })
            .specialOutputValueSig,
        value,
        dependencies: [...dependencies],
    };
}

/**
 * `inputs` as the component receives them through `Construct`: values serialized and deserialized, each input with
 * dependencies (`dependencies[key]`: URNs, as the calling SDK computes them) wrapped in an Output of those URNs.
 */
export async function acrossBoundary(
    inputs: Record<string, unknown>,
    dependencies: Record<string, readonly string[]> = {},
): Promise<pulumi.Inputs> {
    const serialized = await rpc.serializeProperties("construct inputs", inputs);
    const deps = new Map(Object.entries(dependencies).map(([k, urns]) => [k, { getUrnsList: () => [...urns] }]));
    return server.deserializeInputs(Struct.fromJavaScript(serialized), deps);
}

/** A construct result's state as the server answers it: values, and the URNs each output depends on. */
export async function stateAcrossBoundary(
    state: pulumi.Inputs,
): Promise<{ values: Record<string, unknown>; dependencies: Record<string, string[]> }> {
    const [values, deps] = await rpc.serializeResourceProperties("construct state", state);
    const dependencies: Record<string, string[]> = {};
    for (const [key, resources] of deps) {
        dependencies[key] = await Promise.all(
            [...resources].map((r) => (r.urn as unknown as { promise(): Promise<string> }).promise()),
        );
    }
    return { values, dependencies };
}
