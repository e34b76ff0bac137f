/**
 * Who runs the load balancers (stack/loadBalancing.ts): read from the cluster's Auto Mode load balancing, and never
 * switched silently for a stack that runs the controller.
 */
import * as assert from "assert";
import { type LoadBalancingConfig, autoModeLoadBalancing, decideLoadBalancer } from "../../stack/loadBalancing";

/** The decision and the problems (as `key: message`) for a config on a cluster with or without Auto Mode. */
function decide(cfg: Partial<LoadBalancingConfig>, autoModeOn: boolean): { lb: string; problems: string[] } {
    const problems: string[] = [];
    const lb = decideLoadBalancer(
        { loadBalancing: "auto", clusterName: "c", clusterMode: "existing", controller: {}, gateways: [], ...cfg },
        autoModeOn,
        (key, message) => problems.push(`${key}: ${message}`),
    );
    return { lb, problems };
}
const keys = (r: { problems: string[] }) => r.problems.map((p) => p.split(": ")[0]);

describe("load balancing: controller or EKS Auto Mode", () => {
    it("reads Auto Mode load balancing from the cluster's kubernetesNetworkConfigs (@pulumi/aws 7.48 getCluster)", () => {
        const network = (enabled?: boolean) => ({
            kubernetesNetworkConfigs: [
                {
                    elasticLoadBalancings: enabled === undefined ? [] : [{ enabled }],
                    ipFamily: "ipv4",
                    serviceIpv4Cidr: "172.20.0.0/16",
                    serviceIpv6Cidr: "",
                },
            ],
        });
        assert.strictEqual(autoModeLoadBalancing(network(true)), true);
        assert.strictEqual(autoModeLoadBalancing(network(false)), false);
        assert.strictEqual(autoModeLoadBalancing(network()), false); // a cluster from before Auto Mode
        assert.strictEqual(autoModeLoadBalancing({ kubernetesNetworkConfigs: [] }), false);
    });

    it("auto follows the cluster: Auto Mode when its load balancing is on, the controller otherwise", () => {
        assert.deepStrictEqual(decide({}, true), { lb: "autoMode", problems: [] });
        assert.deepStrictEqual(decide({}, false), { lb: "controller", problems: [] });
        assert.deepStrictEqual(decide({ controller: { replicas: 2 } }, false), { lb: "controller", problems: [] });
    });

    it("auto never moves a stack with controller settings to Auto Mode: it asks which one", () => {
        const r = decide({ controller: { version: "v3.5.0" } }, true);
        assert.deepStrictEqual(keys(r), ["loadBalancing"]);
        assert.match(r.problems[0], /"controller" keeps the self-managed controller/);
        assert.match(r.problems[0], /"autoMode" moves the apps to Auto Mode/);
    });

    it("controller runs the controller on any cluster, side by side with Auto Mode", () => {
        assert.deepStrictEqual(decide({ loadBalancing: "controller", controller: { replicas: 2 } }, true), {
            lb: "controller",
            problems: [],
        });
        assert.deepStrictEqual(decide({ loadBalancing: "controller" }, false).lb, "controller");
    });

    it("autoMode needs a cluster with Auto Mode load balancing, and no controller settings", () => {
        assert.deepStrictEqual(decide({ loadBalancing: "autoMode" }, true), { lb: "autoMode", problems: [] });
        assert.deepStrictEqual(keys(decide({ loadBalancing: "autoMode" }, false)), ["loadBalancing"]);
        assert.match(
            decide({ loadBalancing: "autoMode", clusterMode: "new" }, false).problems[0],
            /\(set autoMode: true\)/,
        );
        assert.deepStrictEqual(keys(decide({ loadBalancing: "autoMode", controller: { replicas: 2 } }, true)), [
            "controller",
        ]);
    });

    it("refuses gateways on Auto Mode (its GatewayClass controller name is not confirmed), not on the controller", () => {
        const r = decide({ gateways: [{ name: "g" }] }, true);
        assert.deepStrictEqual(keys(r), ["gateways"]);
        assert.match(r.problems[0], /set loadBalancing: controller \(with controller\.gatewayApi: true\)/);
        assert.deepStrictEqual(
            decide({ gateways: [{ name: "g" }], controller: { gatewayApi: true } }, false).problems,
            [],
        );
        // on the controller, gateways need its Gateway API
        const off = decide({ gateways: [{ name: "g" }] }, false);
        assert.deepStrictEqual(keys(off), ["gateways"]);
        assert.match(off.problems[0], /set controller\.gatewayApi: true/);
        assert.deepStrictEqual(
            decide({ loadBalancing: "controller", gateways: [{ name: "g" }], controller: { gatewayApi: true } }, true)
                .problems,
            [],
        );
    });
});
