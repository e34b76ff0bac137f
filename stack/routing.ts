/**
 * How each app of the stack reaches its load balancer: through a gateway of the stack (`apps[].gateway`), through
 * the controller's IngressClass, or through one of EKS Auto Mode's classes. The class or gateway is passed as the
 * Output of the component that provides it, so every object of the app is created after it and deleted before it.
 *
 * On Auto Mode the scheme (and the group) of an ALB belong to the IngressClassParams, not to Ingress annotations
 * (awsdocs amazon-eks-user-guide `latest/ug/automode/auto-configure-alb.adoc`, "IngressClassParams Reference" and
 * the annotation table; ../shared/reference/README.md "Added later"): the stack creates one AutoModeIngressClass per
 * scheme its apps use, `alb-internal` and `alb-internet-facing`, and gives each app the class of its scheme.
 */
import * as pulumi from "@pulumi/pulumi";
import type { IngressAppArgs } from "../components/index";
import type { GatewayRefArgs } from "../components/app/ingressAppArgs";
import type { AppConfig } from "./config";
import type { LoadBalancer } from "./loadBalancing";

/** An app's scheme: its own, else IngressApp's default. */
export const appScheme = (app: AppConfig): string => app.scheme ?? "internal";

/** The IngressClass name of the stack's Auto Mode class for `scheme`. */
export const autoModeClassName = (scheme: string): string => `alb-${scheme}`;

/** The resource name of the stack's Auto Mode class for `scheme`. */
export const autoModeClassResource = (scheme: string): string => `automode-${scheme}`;

/**
 * The Auto Mode classes the apps need (one per scheme of the apps that do not use a gateway), made by `make`
 * (resource name, arguments), by scheme.
 */
export function autoModeClasses<T>(
    apps: readonly AppConfig[],
    make: (name: string, args: { ingressClassName: string; scheme: "internal" | "internet-facing" }) => T,
): Map<string, T> {
    const classes = new Map<string, T>();
    for (const app of apps) {
        const scheme = appScheme(app);
        if (app.gateway !== undefined || classes.has(scheme)) continue;
        classes.set(
            scheme,
            make(autoModeClassResource(scheme), {
                ingressClassName: autoModeClassName(scheme),
                scheme: scheme as "internal" | "internet-facing",
            }),
        );
    }
    return classes;
}

/**
 * The IngressApp arguments of a configured app. `ingressClass`: the class of the app's load balancer (the
 * controller's or its scheme's Auto Mode class; a plain stand-in when only checking); an app's own
 * `ingressClassName` wins, still waiting for that class. `gateways`: the stack's gateways by name.
 */
export function appArgs(
    app: AppConfig,
    lb: LoadBalancer,
    ingressClass: pulumi.Input<string>,
    gateways: ReadonlyMap<string, GatewayRefArgs>,
): IngressAppArgs {
    const { gateway, ...withName } = app;
    const args: Omit<AppConfig, "name" | "gateway"> & { name?: string } = { ...withName };
    delete args.name; // the app's name is the component's, not an argument
    if (gateway !== undefined) {
        // an unknown name is refused by the config (stack/gateways.ts); the reference keeps the arguments checkable
        return { ...args, gateway: gateways.get(gateway) ?? { name: gateway, namespace: "default" } };
    }
    const own = args.ingressClassName;
    const ingressClassName =
        typeof ingressClass === "string" || own === undefined
            ? (own ?? ingressClass)
            : pulumi.output(ingressClass).apply(() => own);
    return { ...args, ingressClassName, ...(lb === "autoMode" ? { autoMode: true } : {}) };
}
