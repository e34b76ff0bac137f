/**
 * Who runs the load balancers (stack/loadBalancing.ts): the exact refusals a stack's author reads, which name the
 * cluster as the config gives it (an existing cluster by name, a new one by its `autoMode` setting) and the fix.
 */
import * as assert from "assert";
import { type LoadBalancingConfig, autoModeLoadBalancing, decideLoadBalancer } from "../../stack/loadBalancing";

/** The decision and its problems (`key: message`). */
function decide(cfg: Partial<LoadBalancingConfig>, autoModeOn: boolean): { lb: string; problems: string[] } {
    const problems: string[] = [];
    const lb = decideLoadBalancer(
        { loadBalancing: "auto", clusterName: "prod", clusterMode: "existing", controller: {}, gateways: [], ...cfg },
        autoModeOn,
        (key, message) => problems.push(`${key}: ${message}`),
    );
    return { lb, problems };
}

const NOT_ENABLED =
    "does not have EKS Auto Mode load balancing enabled (kubernetesNetworkConfig.elasticLoadBalancing.enabled)";
const SAY_WHICH =
    'but controller settings are given: say which runs the load balancers — "controller" keeps the self-managed controller (it runs side by side with Auto Mode), "autoMode" moves the apps to Auto Mode (AWS does not move load balancers: every app gets a new ALB; remove the controller settings)';

describe("load balancing: the refusals, word for word", () => {
    it("autoMode on a cluster without Auto Mode load balancing names the existing cluster and the way out", () => {
        assert.deepStrictEqual(decide({ loadBalancing: "autoMode", controller: { replicas: 2 } }, false), {
            lb: "autoMode",
            problems: [
                `loadBalancing: is "autoMode", but cluster "prod" ${NOT_ENABLED}; enable it on the cluster or set "controller"`,
                'controller: is not used with loadBalancing "autoMode" (Auto Mode runs the load balancers; no controller is installed); remove the controller settings',
            ],
        });
    });

    it("autoMode on a new cluster without autoMode tells to set autoMode: true", () => {
        assert.deepStrictEqual(decide({ loadBalancing: "autoMode", clusterMode: "new" }, false).problems, [
            `loadBalancing: is "autoMode", but the new cluster (config autoMode) ${NOT_ENABLED}; enable it on the cluster (set autoMode: true) or set "controller"`,
        ]);
    });

    it("auto with controller settings on an Auto Mode cluster asks which one, naming the cluster", () => {
        assert.deepStrictEqual(decide({ controller: { replicas: 2 } }, true).problems, [
            `loadBalancing: is "auto" and cluster "prod" has EKS Auto Mode load balancing enabled, ${SAY_WHICH}`,
        ]);
        assert.deepStrictEqual(decide({ clusterMode: "new", controller: { replicas: 2 } }, true).problems, [
            `loadBalancing: is "auto" and the new cluster (config autoMode) has EKS Auto Mode load balancing enabled, ${SAY_WHICH}`,
        ]);
    });

    it("gateways: what the controller needs for them, and why Auto Mode gets none", () => {
        assert.deepStrictEqual(decide({ gateways: [{ name: "g" }] }, false).problems, [
            "gateways: needs the controller's Gateway API: set controller.gatewayApi: true (it applies the Gateway API CRDs and creates the GatewayClass the gateways use)",
        ]);
        assert.deepStrictEqual(decide({ gateways: [{ name: "g" }] }, true).problems, [
            "gateways: cannot be used with EKS Auto Mode load balancing: Auto Mode's GatewayClass controller name is not confirmed from an AWS source this project can cite, so the stack does not create Gateways for it; set loadBalancing: controller (with controller.gatewayApi: true) to route through the self-managed controller's gateways",
        ]);
    });

    it("controller.gatewayApi counts only when true", () => {
        for (const gatewayApi of [false, "true", 1])
            assert.deepStrictEqual(
                decide({ gateways: [{ name: "g" }], controller: { gatewayApi } }, false).problems.length,
                1,
                String(gatewayApi),
            );
    });

    it("reads Auto Mode load balancing as off when the cluster says nothing or says it is not enabled", () => {
        assert.strictEqual(autoModeLoadBalancing({ kubernetesNetworkConfigs: undefined! }), false);
        const config = (elasticLoadBalancings: unknown) =>
            ({ kubernetesNetworkConfigs: [{ elasticLoadBalancings }] }) as unknown as Parameters<
                typeof autoModeLoadBalancing
            >[0];
        assert.strictEqual(autoModeLoadBalancing(config(undefined)), false);
        assert.strictEqual(autoModeLoadBalancing(config([{}])), false);
        assert.strictEqual(autoModeLoadBalancing(config([{ enabled: false }, { enabled: true }])), true);
    });
});
