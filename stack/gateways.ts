/**
 * The stack's `gateways` list and the apps routed through them (`apps[].gateway: <name>`), checked as config: each
 * gateway is `{name, ...AlbGateway arguments}` (components/gateway), each app's `gateway` names one of the list, and
 * the list needs the controller's Gateway API (`controller.gatewayApi: true`; stack/loadBalancing.ts checks it once it
 * knows the controller runs the load balancers). The AlbGateway arguments themselves
 * are checked by the component's own resolver when the program checks every argument (program.ts
 * `checkStackArguments`), under the key `gateways[<i>].<argument>`.
 */
import { isPlainObject } from "../components/common/json";
import { show } from "../components/common/validation";

/** One gateway of the stack: a name plus the arguments of an `AlbGateway` (its class comes from the controller). */
export interface GatewayConfig {
    readonly name: string;
    /** AlbGateway arguments (`namespace`, `scheme`, `certificateArns`, …), checked by the component. */
    readonly [argument: string]: unknown;
}

/** Gateway settings the program wires from the controller: its class and its release. */
export const GATEWAY_FORBIDDEN = {
    gatewayClassName: "controller.gatewayClassName",
    controllerVersion: "controller.version",
};

/** The namespace a gateway's objects go to (AlbGateway's default). */
export const gatewayNamespace = (g: GatewayConfig): string =>
    typeof g.namespace === "string" ? g.namespace : "default";

/**
 * Checks the `gateways` value and each app's `gateway` reference; reports through `problem`. Returns the gateways
 * when the list is well-formed enough to be used (objects with unique string names), else `undefined`.
 */
export function checkGateways(
    gateways: unknown,
    apps: unknown,
    problem: (key: string, message: string) => void,
): GatewayConfig[] | undefined {
    if (!Array.isArray(gateways)) {
        problem("gateways", `must be a list of gateways ({name, namespace, scheme, ...}), got ${show(gateways)}`);
        return undefined;
    }
    const names = new Map<string, number>();
    // Who creates each namespace: one app or gateway each (IngressApp creates its namespace unless told not to).
    const creators = new Map<string, string>();
    if (Array.isArray(apps))
        apps.forEach((app: unknown, i) => {
            if (!isPlainObject(app) || app.createNamespace === false) return;
            const ns = typeof app.namespace === "string" ? app.namespace : app.name;
            if (typeof ns === "string" && !creators.has(ns)) creators.set(ns, `apps[${i}]`);
        });
    let wellFormed = true;
    gateways.forEach((g: unknown, i) => {
        if (!isPlainObject(g)) {
            problem(`gateways[${i}]`, `must be an object with a name and AlbGateway arguments, got ${show(g)}`);
            wellFormed = false;
            return;
        }
        if (typeof g.name !== "string" || g.name === "") {
            problem(`gateways[${i}].name`, `must be a non-empty string, got ${show(g.name)}`);
            wellFormed = false;
        } else if (names.has(g.name)) {
            problem(
                `gateways[${i}].name`,
                `repeats ${show(g.name)} (gateways[${names.get(g.name)}]); gateway names must be unique`,
            );
        } else {
            names.set(g.name, i);
        }
        // Without a namespace, the gateway creates AlbGateway's default one (a non-string is the component's to refuse).
        if (g.createNamespace === true && (g.namespace === undefined || typeof g.namespace === "string")) {
            const namespace = gatewayNamespace(g as GatewayConfig);
            const owner = creators.get(namespace);
            if (owner !== undefined)
                problem(
                    `gateways[${i}].createNamespace`,
                    `must be false: ${owner} already creates namespace ${show(namespace)} (one app or gateway creates it)`,
                );
            else creators.set(namespace, `gateways[${i}]`);
        }
        for (const [key, from] of Object.entries(GATEWAY_FORBIDDEN)) {
            if (key in g) problem(`gateways[${i}].${key}`, `comes from the controller (${from}); remove it`);
        }
    });
    if (Array.isArray(apps)) {
        apps.forEach((app: unknown, i) => {
            if (!isPlainObject(app) || app.gateway === undefined) return;
            if (typeof app.gateway !== "string") {
                problem(
                    `apps[${i}].gateway`,
                    `must be the name of a gateway of the gateways list, got ${show(app.gateway)}`,
                );
            } else if (!names.has(app.gateway)) {
                const known = [...names.keys()];
                problem(
                    `apps[${i}].gateway`,
                    `names no gateway of the gateways list: ${show(app.gateway)}; ${known.length > 0 ? `known: ${known.map(show).join(", ")}` : "the list is empty"}`,
                );
            }
        });
    }
    return wellFormed ? (gateways as GatewayConfig[]) : undefined;
}
