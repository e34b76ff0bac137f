/**
 * `AlbGateway`: one ALB that many routes share — a Gateway API Gateway of the controller's ALB GatewayClass, its
 * LoadBalancerConfiguration and, with certificates, the route that redirects HTTP to HTTPS.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../common/naming";
import { componentDependencies } from "../common/options";
import type { AlbGatewayArgs } from "./albGatewayArgs";
import { appListener, gateway, httpsRedirectRoute, loadBalancerConfiguration } from "./gatewayObjects";
import { resolveAlbGatewayArgs } from "./resolveAlbGatewayArgs";

/**
 * The first address in a Gateway's status: the ALB's DNS name once the controller has provisioned it (the Gateway
 * is awaited until it is there, `WAIT_FOR_ADDRESS`); `""` when the status has none, as `IngressApp.hostname`.
 */
function addressOf(status: unknown): string {
    const addresses = (status as { addresses?: { value?: unknown }[] } | undefined)?.addresses;
    const value = addresses?.[0]?.value;
    return typeof value === "string" ? value : "";
}

/**
 * A shared ALB, served by an `AlbIngressController` created with `gatewayApi: true`: pass its `gatewayClassName`
 * output, and route apps to it with `IngressApp`'s `gateway` (`{ name: gatewayName, namespace: gatewayNamespace }`,
 * `sectionName` from the output `sectionName`). Pass the cluster's Kubernetes provider through `opts.providers`.
 */
export class AlbGateway extends pulumi.ComponentResource {
    /** The Pulumi type token. */
    public static readonly __pulumiType = "eks-alb-ingress:index:AlbGateway";

    /** Name of the Gateway (a route's `parentRefs[].name`). */
    public readonly gatewayName: pulumi.Output<string>;
    /** Namespace of the Gateway (a route's `parentRefs[].namespace`). */
    public readonly gatewayNamespace: pulumi.Output<string>;
    /** The listener apps' routes attach to (`parentRefs[].sectionName`): `"https"` with certificates, else `"http"`. */
    public readonly sectionName: pulumi.Output<string>;
    /** DNS name of the ALB, from the Gateway's status (`status.addresses[0].value`); `""` while it has none. */
    public readonly hostname: pulumi.Output<string>;
    /** `https://<hostname>` with certificates, else `http://<hostname>`; `""` while there is no hostname. */
    public readonly url: pulumi.Output<string>;

    constructor(name: string, args: AlbGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        const a = resolveAlbGatewayArgs(name, args); // throws before anything is registered
        super(AlbGateway.__pulumiType, name, { scheme: a.scheme, https: a.https }, opts);
        const child = { parent: this, dependsOn: componentDependencies(opts) };

        const namespace = a.createNamespace
            ? new k8s.core.v1.Namespace(childName(name, "namespace"), { metadata: { name: a.namespace } }, child)
            : undefined;
        const inNamespace = { ...child, dependsOn: [...child.dependsOn, ...(namespace ? [namespace] : [])] };
        // The controller puts a finalizer on the configuration and lifts it once no Gateway uses it
        // (controllers/gateway/config_resolver.go): the Gateway depends on it, so it is deleted first, and the
        // configuration before the controller (gatewayObjects.ts).
        const config = new k8s.apiextensions.CustomResource(
            childName(name, "loadBalancerConfiguration"),
            loadBalancerConfiguration(name, a),
            inNamespace,
        );
        const gw = new k8s.apiextensions.CustomResource(childName(name, "gateway"), gateway(name, a), {
            ...inNamespace,
            dependsOn: [...inNamespace.dependsOn, config],
        });
        if (a.https) {
            new k8s.apiextensions.CustomResource(childName(name, "httpsRedirect"), httpsRedirectRoute(name, a), {
                ...inNamespace,
                dependsOn: [...inNamespace.dependsOn, gw],
            });
        }

        this.gatewayName = gw.metadata.name;
        this.gatewayNamespace = gw.metadata.namespace;
        this.sectionName = gw.metadata.apply(() => appListener(a));
        this.hostname = (gw as unknown as { status: pulumi.Output<unknown> }).status.apply(addressOf);
        const scheme = a.https ? "https" : "http";
        this.url = this.hostname.apply((h) => (h === "" ? "" : `${scheme}://${h}`));
        this.registerOutputs({
            gatewayName: this.gatewayName,
            gatewayNamespace: this.gatewayNamespace,
            sectionName: this.sectionName,
            hostname: this.hostname,
            url: this.url,
        });
    }
}
