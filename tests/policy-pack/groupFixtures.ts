/** Ingresses of one IngressGroup and an IngressClass with IngressClassParams, for the alb-group-consistent specs. */
import type { Fake } from "../harness/policies";

export const A = (k: string) => `alb.ingress.kubernetes.io/${k}`;

/** An ALB Ingress of group `shared` (or `o.group`; `null`: none) in namespace `apps`, serving `<name>.example.com/`. */
export function member(
    name: string,
    annotations: Record<string, string>,
    o: { group?: string | null; className?: string; defaultBackend?: boolean } = {},
): Fake {
    const group = o.group === null ? {} : { [A("group.name")]: o.group ?? "shared" };
    return {
        type: "kubernetes:networking.k8s.io/v1:Ingress",
        name: `${name}-ing`,
        props: {
            metadata: { name, namespace: "apps", annotations: { ...group, ...annotations } },
            spec: {
                ingressClassName: o.className ?? "alb",
                ...(o.defaultBackend && { defaultBackend: { service: { name, port: { number: 80 } } } }),
                rules: [
                    {
                        host: `${name}.example.com`,
                        http: {
                            paths: [
                                { path: "/", pathType: "Prefix", backend: { service: { name, port: { number: 80 } } } },
                            ],
                        },
                    },
                ],
            },
        },
    };
}
/** IngressClass `params` of the controller, with IngressClassParams `spec`. */
export function classWithParams(spec: Record<string, unknown>): Fake[] {
    return [
        {
            type: "kubernetes:elbv2.k8s.aws/v1beta1:IngressClassParams",
            name: "icp",
            props: { metadata: { name: "params" }, spec },
        },
        {
            type: "kubernetes:networking.k8s.io/v1:IngressClass",
            name: "ic",
            props: {
                metadata: { name: "params" },
                spec: {
                    controller: "ingress.k8s.aws/alb",
                    parameters: { apiGroup: "elbv2.k8s.aws", kind: "IngressClassParams", name: "params" },
                },
            },
        },
    ];
}
