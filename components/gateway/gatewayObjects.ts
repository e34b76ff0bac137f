/**
 * The Kubernetes objects of an {@link AlbGateway}, as the controller's Gateway guide (v3.5.0) writes them:
 * - a LoadBalancerConfiguration (`docs/guide/gateway/loadbalancerconfig.md`) with scheme, IP address type, source
 *   ranges, WAF, tags and, with certificates, the `HTTPS:443` listener configuration that carries them
 *   (`defaultCertificate`, `certificates`, `sslPolicy`): the controller takes a listener's certificates from there
 *   or from discovery, never from `certificateRefs` (`pkg/gateway/model/model_build_listener.go`
 *   `buildCertificates`; l7gateway.md "ListenerTLSConfig - CertificateRefs ❌ -- Use LB Config");
 * - a Gateway whose `infrastructure.parametersRef` names it (l7gateway.md example), listeners `http` (HTTP:80) and,
 *   with certificates, `https` (HTTPS:443, no `tls`: the Gateway CRD requires `tls` only for protocol TLS);
 * - with certificates, an HTTPRoute attached to the `http` listener whose only rule redirects to HTTPS
 *   (`RequestRedirect`, supported: l7gateway.md; the controller turns scheme `https` without a port into a
 *   redirect to port 443, `pkg/gateway/routeutils/route_rule_action.go` `buildHttpRedirectAction`).
 * The controller materializes a listener only once a route is attached to it (`buildListeners`).
 */
import * as pulumi from "@pulumi/pulumi";
import type { ResolvedAlbGatewayArgs } from "./albGatewayArgs";
import { GATEWAY_LISTENERS, RouteNamespaces } from "./albGatewayArgs";
import { GATEWAY_API_GROUP, LBC_GATEWAY_GROUP } from "./gatewayApi";

/** A Kubernetes object whose fields may be inputs. */
export type ObjectInputs = {
    readonly apiVersion: string;
    readonly kind: string;
    readonly metadata: { readonly name: string; readonly namespace: pulumi.Input<string> } & Record<string, unknown>;
} & Record<string, unknown>;

/**
 * Makes pulumi-kubernetes wait, on create and update, until the controller has provisioned the ALB and written its
 * DNS name into the Gateway's status (pulumi/pulumi-kubernetes provider/pkg/await/awaiters.go `ReadyCondition`: a
 * custom resource without the annotation is ready at once; provider/pkg/jsonpath/jsonpath.go: a path without a
 * value matches once it exists). Deletes wait for the object to be gone (`DeletedCondition`), that is for the
 * controller to delete the ALB and lift its finalizer.
 */
export const WAIT_FOR_ADDRESS = { "pulumi.com/waitFor": "jsonpath={.status.addresses[0].value}" } as const;

/** The name of the HTTPS redirect route of gateway `name`. */
export const redirectRouteName = (name: string): string => `${name}-https-redirect`;

/** The port of each listener. */
export const LISTENER_PORTS = { http: 80, https: 443 } as const;

/** The LoadBalancerConfiguration of gateway `name`. */
export function loadBalancerConfiguration(name: string, a: ResolvedAlbGatewayArgs): ObjectInputs {
    const listenerConfigurations = a.certificateArns.apply((arns) => [
        {
            protocolPort: `HTTPS:${LISTENER_PORTS.https}`,
            defaultCertificate: arns[0],
            ...(arns.length > 1 ? { certificates: arns.slice(1) } : {}),
            sslPolicy: a.sslPolicy,
        },
    ]);
    // The controller puts a finalizer on the configuration and lifts it only while it runs and no Gateway uses the
    // configuration (controllers/gateway/loadbalancer_configuration_controller.go `handleDelete`): its namespace
    // carries the dependency of the class name (the GatewayClass, the controller's release), so it is deleted
    // before them.
    const namespace = pulumi.all([a.namespace, a.gatewayClassName]).apply(([ns]) => ns);
    return {
        apiVersion: a.lbcApiVersion,
        kind: "LoadBalancerConfiguration",
        metadata: { name, namespace },
        spec: {
            scheme: a.scheme,
            ipAddressType: a.ipAddressType,
            ...(a.https ? { listenerConfigurations } : {}),
            ...(a.inboundCidrs ? { sourceRanges: a.inboundCidrs } : {}),
            ...(a.wafv2AclArn ? { wafV2: { webACL: a.wafv2AclArn } } : {}),
            ...(a.tags ? { tags: a.tags } : {}),
        },
    };
}

/** The listener routes of apps attach to: `https` with certificates, else `http`. */
export const appListener = (a: Pick<ResolvedAlbGatewayArgs, "https">): string =>
    a.https ? GATEWAY_LISTENERS.https : GATEWAY_LISTENERS.http;

/** The Gateway `name`, configured by the LoadBalancerConfiguration of the same name. */
export function gateway(name: string, a: ResolvedAlbGatewayArgs): ObjectInputs {
    const listener = (section: "http" | "https", from: RouteNamespaces) => ({
        name: GATEWAY_LISTENERS[section],
        protocol: section.toUpperCase(),
        port: LISTENER_PORTS[section],
        allowedRoutes: { namespaces: { from } },
    });
    return {
        apiVersion: `${GATEWAY_API_GROUP}/v1`,
        kind: "Gateway",
        metadata: { name, namespace: a.namespace, annotations: { ...WAIT_FOR_ADDRESS } },
        spec: {
            gatewayClassName: a.gatewayClassName,
            infrastructure: {
                parametersRef: { group: LBC_GATEWAY_GROUP, kind: "LoadBalancerConfiguration", name },
            },
            listeners: a.https
                ? [listener("http", RouteNamespaces.Same), listener("https", a.routeNamespaces)]
                : [listener("http", a.routeNamespaces)],
        },
        // Output only: a key of a CustomResource's arguments becomes an output property (even `undefined`,
        // which is not sent), so `status` can be read back (@pulumi/kubernetes apiextensions/customResource.js).
        status: undefined,
    };
}

/** The HTTPRoute that redirects every request on the `http` listener of gateway `name` to HTTPS (301). */
export function httpsRedirectRoute(name: string, a: ResolvedAlbGatewayArgs): ObjectInputs {
    return {
        apiVersion: `${GATEWAY_API_GROUP}/v1`,
        kind: "HTTPRoute",
        metadata: { name: redirectRouteName(name), namespace: a.namespace },
        spec: {
            parentRefs: [{ group: GATEWAY_API_GROUP, kind: "Gateway", name, sectionName: GATEWAY_LISTENERS.http }],
            rules: [{ filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] }],
        },
    };
}
