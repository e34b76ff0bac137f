/**
 * `IngressApp`: one application behind an ALB — Namespace, Deployment, Service and a `networking.k8s.io/v1`
 * Ingress with the controller's annotations, or an HTTPRoute and TargetGroupConfiguration attached to a Gateway —
 * created after what serves it (the controller's release, the Auto Mode class, the Gateway) and deleted before it.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ingressAnnotationInputs, ingressAnnotations } from "./ingressAnnotations";
import { type IngressAppArgs, type ResolvedIngressAppArgs, TargetType } from "./ingressAppArgs";
import { resolveIngressAppArgs } from "./resolveIngressAppArgs";
import { createGatewayRoute } from "./gatewayRoute";
import { childName } from "../common/naming";
import { componentDependencies } from "../common/options";

export { ingressAnnotations };

/** The controller's label that turns on pod readiness gates for a namespace. */
export const READINESS_GATE_LABEL = "elbv2.k8s.aws/pod-readiness-gate-inject";

/** Labels of a namespace the app creates: with `ip` targets, the pod readiness gate is on. */
export function namespaceLabels(a: ResolvedIngressAppArgs): Record<string, string> {
    return a.targetType === TargetType.Ip ? { [READINESS_GATE_LABEL]: "enabled" } : {};
}

/** The URL the app is served at. */
export function appUrl(https: boolean, host: string, path: string): string {
    return `${https ? "https" : "http"}://${host}${path}`;
}

function probe(
    a: ResolvedIngressAppArgs,
    p: ResolvedIngressAppArgs["readinessProbe"],
    initialDelay: number,
): k8s.types.input.core.v1.Probe {
    return {
        httpGet: { path: p.path ?? a.healthCheckPath, port: "http" },
        initialDelaySeconds: p.initialDelaySeconds ?? initialDelay,
        periodSeconds: p.periodSeconds ?? 10,
        timeoutSeconds: p.timeoutSeconds ?? 3,
        failureThreshold: p.failureThreshold ?? 3,
    };
}

const intOrPercent = (v: string) => (v.endsWith("%") ? v : Number(v));

/**
 * An application served through an ALB Ingress, or an HTTPRoute of a Gateway. What serves it comes in as inputs
 * (`ingressClassName: controller.ingressClassName`, `gateway: { name: gw.gatewayName, ... }`): those Outputs resolve
 * only once the controller's release, the Auto Mode class or the Gateway exists, and every child depends on them
 * (through `deployTimeChecks`, which awaits every input that is an Output), so each object waits for the
 * controller's webhook and is deleted before the controller, which then still removes the ALB on destroy.
 *
 * Create order: Namespace → Service → Ingress → Deployment for `ip` targets, so that the controller's pod
 * webhook injects the readiness gate into the first pods (kubernetes-sigs/aws-load-balancer-controller
 * `docs/deploy/pod_readiness_gate.md`: only pods created while a TargetGroupBinding refers to their Service).
 * This cannot deadlock: the Ingress await (pulumi/pulumi-kubernetes `provider/pkg/await/ingress.go`) needs
 * `.status.loadBalancer.ingress`, and for each backend an Endpoints object only until the endpoint events settle
 * (after that a missing one is a warning); it never needs a ready pod. The controller writes that status after it
 * deployed the ALB and its TargetGroupBindings (`controllers/ingress/group_controller.go` `reconcile`). The
 * Deployment is deleted first and the Ingress before the Service. `instance` targets keep Namespace → Deployment
 * → Service → Ingress: a workload that never gets ready builds no ALB.
 *
 * With `gateway` the same orders hold with TargetGroupConfiguration → HTTPRoute in the Ingress's place
 * (`gatewayRoute.ts`). Neither is awaited by pulumi-kubernetes, so with `ip` targets the first pods may be created
 * before the controller made the route's TargetGroupBinding; such pods get no readiness gate until they are
 * replaced (the next rollout).
 */
export class IngressApp extends pulumi.ComponentResource {
    /** The Pulumi type token. */
    public static readonly __pulumiType = "eks-alb-ingress:index:IngressApp";

    /**
     * DNS name of the ALB (from the Ingress status, which Pulumi waits for). With `gateway`: the `host` argument,
     * else `""` (the ALB is the Gateway's: `AlbGateway.hostname`).
     */
    public readonly hostname: pulumi.Output<string>;
    /**
     * `https://` when an HTTPS listener exists, else `http://`, with the host (or ALB name) and path; `""` while the
     * Ingress has neither `host` nor an address. With
     * `gateway`: `https://` when `sectionName` is `"https"`, with the `host` argument; `""` without `host`.
     */
    public readonly url: pulumi.Output<string>;
    /** Namespace of the app's objects. */
    public readonly namespace: pulumi.Output<string>;
    /** Name of the Service the Ingress routes to. */
    public readonly serviceName: pulumi.Output<string>;
    /** Name of the Ingress (the ALB's, or the IngressGroup member's); `undefined` with `gateway`. */
    public readonly ingressName: pulumi.Output<string | undefined>;
    /** Name of the HTTPRoute (with `gateway`), else `undefined`. */
    public readonly routeName: pulumi.Output<string | undefined>;
    /** Name of the Deployment. */
    public readonly deploymentName: pulumi.Output<string>;

    constructor(name: string, args: IngressAppArgs, opts?: pulumi.ComponentResourceOptions) {
        const a = resolveIngressAppArgs(name, args); // throws before anything is registered
        // With `gateway` the scheme is the Gateway's, not the app's (its `scheme` argument is refused): none recorded.
        const scheme = a.gateway ? undefined : a.scheme;
        super(IngressApp.__pulumiType, name, { targetType: a.targetType, scheme, image: a.image }, opts);
        const after = [
            ...componentDependencies(opts),
            ...a.deployTimeChecks, // arguments known only at deploy time: checked before any child registers
        ];
        const child = { parent: this, dependsOn: after };
        const labels = { ...a.labels, "app.kubernetes.io/name": name, "app.kubernetes.io/managed-by": "pulumi" };
        const selector = { "app.kubernetes.io/name": name };

        const ns = a.createNamespace
            ? new k8s.core.v1.Namespace(
                  childName(name, "namespace"),
                  { metadata: { name: a.namespace, labels: { ...labels, ...namespaceLabels(a) } } },
                  child,
              )
            : undefined;
        const namespace = ns ? ns.metadata.name : pulumi.output(a.namespace);
        const metadata = { name, namespace, labels };
        const readinessGated = a.targetType === TargetType.Ip;

        const createDeployment = (dependsOn: pulumi.Input<pulumi.Resource>[]) =>
            new k8s.apps.v1.Deployment(
                childName(name, "deployment"),
                {
                    metadata,
                    spec: {
                        replicas: a.replicas,
                        selector: { matchLabels: selector },
                        strategy: {
                            type: "RollingUpdate",
                            rollingUpdate: {
                                maxSurge: intOrPercent(a.maxSurge),
                                maxUnavailable: intOrPercent(a.maxUnavailable),
                            },
                        },
                        template: {
                            metadata: { labels },
                            spec: {
                                nodeSelector: Object.keys(a.nodeSelector).length > 0 ? a.nodeSelector : undefined,
                                containers: [
                                    {
                                        name,
                                        image: a.image,
                                        ports: [{ name: "http", containerPort: a.containerPort, protocol: "TCP" }],
                                        env: Object.entries(a.env).map(([k, v]) => ({ name: k, value: v })),
                                        resources: a.resources,
                                        readinessProbe: probe(a, a.readinessProbe, 5),
                                        livenessProbe: probe(a, a.livenessProbe, 15),
                                        securityContext: {
                                            allowPrivilegeEscalation: false,
                                            ...(a.runAsNonRoot ? { runAsNonRoot: true } : {}),
                                        },
                                    },
                                ],
                            },
                        },
                    },
                },
                { ...child, dependsOn },
            );

        // Instance targets: the Deployment first, so that a workload that never gets ready builds no ALB.
        const instanceDeployment = readinessGated ? undefined : createDeployment(after);
        const service = new k8s.core.v1.Service(
            childName(name, "service"),
            {
                metadata,
                spec: {
                    type: a.targetType === TargetType.Instance ? "NodePort" : "ClusterIP",
                    selector,
                    ports: [{ name: "http", port: a.servicePort, targetPort: "http", protocol: "TCP" }],
                },
            },
            child,
        );
        // The Ingress, or with `gateway` the TargetGroupConfiguration and HTTPRoute: after the Service (and, for
        // instance targets, the Deployment).
        const routeOpts = {
            ...child,
            dependsOn: [...after, service, ...(instanceDeployment ? [instanceDeployment] : [])],
        };
        const routed = a.gateway
            ? createGatewayRoute(name, a, a.gateway, metadata, service.metadata.name, routeOpts).route
            : createIngress(name, a, metadata, service.metadata.name, routeOpts);
        // ip targets: the Deployment after the Ingress. The pod webhook adds the readiness gate only to pods created
        // while a TargetGroupBinding selects their Service, and the Ingress is ready only once the controller has
        // deployed the ALB with its TargetGroupBindings and written the Ingress status.
        const deployment = instanceDeployment ?? createDeployment([...after, routed]);

        if (routed instanceof k8s.networking.v1.Ingress) {
            this.hostname = routed.status.apply(
                (s) => s?.loadBalancer?.ingress?.[0]?.hostname ?? s?.loadBalancer?.ingress?.[0]?.ip ?? "",
            );
            this.url = pulumi
                .all([this.hostname, a.https, a.host])
                // No host and no address yet (the controller has not written the status): no URL, as with gateway.
                .apply(([h, https, host]) => ((host ?? h) === "" ? "" : appUrl(https, host ?? h, a.path)));
            this.ingressName = routed.metadata.name;
            this.routeName = pulumi.output(undefined);
        } else {
            this.hostname = pulumi.all([routed.metadata, a.host]).apply(([, host]) => host ?? "");
            this.url = pulumi
                .all([this.hostname, a.gateway?.sectionName])
                .apply(([host, section]) => (host === "" ? "" : appUrl(section === "https", host, a.path)));
            this.ingressName = pulumi.output(undefined);
            this.routeName = routed.metadata.name;
        }
        this.namespace = namespace;
        this.serviceName = service.metadata.name;
        this.deploymentName = deployment.metadata.name;
        this.registerOutputs({
            hostname: this.hostname,
            url: this.url,
            namespace: this.namespace,
            serviceName: this.serviceName,
            ingressName: this.ingressName,
            routeName: this.routeName,
            deploymentName: this.deploymentName,
        });
    }
}

/** The app's `networking.k8s.io/v1` Ingress: one rule routing `path` (and `host`) to the Service. */
function createIngress(
    name: string,
    a: ResolvedIngressAppArgs,
    metadata: k8s.types.input.meta.v1.ObjectMeta,
    serviceName: pulumi.Input<string>,
    opts: pulumi.CustomResourceOptions,
): k8s.networking.v1.Ingress {
    return new k8s.networking.v1.Ingress(
        childName(name, "ingress"),
        {
            metadata: { ...metadata, annotations: ingressAnnotationInputs(a) },
            spec: {
                ingressClassName: a.ingressClassName,
                rules: [
                    {
                        host: a.host,
                        http: {
                            paths: [
                                {
                                    path: a.path,
                                    pathType: a.pathType,
                                    backend: { service: { name: serviceName, port: { number: a.servicePort } } },
                                },
                            ],
                        },
                    },
                ],
            },
        },
        opts,
    );
}
