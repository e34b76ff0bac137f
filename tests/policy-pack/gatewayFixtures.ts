/** Gateway API objects as the policies see them (props = the manifest), for the gateway policy specs. */
import type { Fake } from "../harness/policies";

export const CERT = "arn:aws:acm:us-west-2:123456789012:certificate/0f0e0d0c-1111-2222-3333-444455556666";
const API = "gateway.networking.k8s.io";

const fake = (type: string, name: string, props: Record<string, any>): Fake => ({ type, name, props });

export const gatewayClass = (name: string, controllerName: string, spec: Record<string, unknown> = {}): Fake =>
    fake(`kubernetes:${API}/v1:GatewayClass`, `class-${name}`, {
        metadata: { name },
        spec: { controllerName, ...spec },
    });

export const albClass = (spec: Record<string, unknown> = {}) => gatewayClass("alb", "gateway.k8s.aws/alb", spec);
export const nlbClass = () => gatewayClass("nlb", "gateway.k8s.aws/nlb");

export const HTTP = { name: "http", protocol: "HTTP", port: 80 };
export const HTTPS = { name: "https", protocol: "HTTPS", port: 443 };

/** A Gateway `namespace/name` of class `className`; `config` names its LoadBalancerConfiguration. */
export function gateway(
    name: string,
    o: {
        className?: string;
        namespace?: string;
        listeners?: unknown[];
        config?: string;
        spec?: Record<string, unknown>;
    } = {},
): Fake {
    return fake(`kubernetes:${API}/v1:Gateway`, `gw-${name}`, {
        metadata: { name, namespace: o.namespace ?? "apps" },
        spec: {
            gatewayClassName: o.className ?? "alb",
            listeners: o.listeners ?? [HTTP],
            ...(o.config && {
                infrastructure: {
                    parametersRef: { group: "gateway.k8s.aws", kind: "LoadBalancerConfiguration", name: o.config },
                },
            }),
            ...o.spec,
        },
    });
}

/** A route of `kind` in `apps` with one rule to Service `web` (merged with `rule`). */
export function route(
    kind: string,
    name: string,
    parentRefs: unknown[] | undefined,
    o: { namespace?: string; rule?: Record<string, unknown>; spec?: Record<string, unknown> } = {},
): Fake {
    const version = kind === "HTTPRoute" || kind === "GRPCRoute" ? "v1" : "v1alpha2";
    return fake(`kubernetes:${API}/${version}:${kind}`, `route-${name}`, {
        metadata: { name, namespace: o.namespace ?? "apps" },
        spec: { parentRefs, rules: [{ backendRefs: [{ name: "web", port: 80 }], ...o.rule }], ...o.spec },
    });
}

export const lbc = (name: string, spec: Record<string, unknown>, namespace = "apps"): Fake =>
    fake("kubernetes:gateway.k8s.aws/v1:LoadBalancerConfiguration", `lbc-${name}`, {
        metadata: { name, namespace },
        spec,
    });

export const tgc = (name: string, spec: Record<string, unknown>, namespace = "apps"): Fake =>
    fake("kubernetes:gateway.k8s.aws/v1:TargetGroupConfiguration", `tgc-${name}`, {
        metadata: { name, namespace },
        spec,
    });
