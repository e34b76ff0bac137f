import * as assert from "assert";
import { crdsOf } from "../../../components/controller/crds";
import { CONTROLLER_VERSIONS, compareVersions } from "../../../components/controller/versions";
import {
    GATEWAY_API_VERSION,
    MIN_GATEWAY_CONTROLLER_VERSION,
    gatewayApiCrds,
    lbcApiVersion,
    supportsGatewayApi,
} from "../../../components/gateway/gatewayApi";

describe("Gateway API data", () => {
    it("holds the standard channel of v1.6.0 only, with every kind the controller's ALB and ListenerSet gates look for", () => {
        const crds = gatewayApiCrds();
        for (const crd of crds) {
            const annotations = (crd.manifest.metadata as { annotations: Record<string, string> }).annotations;
            assert.strictEqual(annotations["gateway.networking.k8s.io/channel"], "standard", crd.name);
            assert.strictEqual(annotations["gateway.networking.k8s.io/bundle-version"], GATEWAY_API_VERSION);
            assert.strictEqual(crd.group, "gateway.networking.k8s.io");
        }
        // pkg/gateway/crddetect/gateway_feature_flags.go (v3.5.0) albKinds and listenerSetKinds, as gateway.networking.k8s.io/v1
        for (const kind of ["Gateway", "GatewayClass", "HTTPRoute", "GRPCRoute", "ListenerSet"]) {
            assert.ok(
                crds.some((c) => c.kind === kind && c.servedVersions.includes("v1")),
                `${kind} served as v1`,
            );
        }
    });

    it("supports the Gateway API from v3.0.0 on", () => {
        assert.strictEqual(MIN_GATEWAY_CONTROLLER_VERSION, "v3.0.0");
        assert.deepStrictEqual(["v2.13.4", "v2.17.1", "v3.0.0", "v3.1.0", "v3.5.0"].map(supportsGatewayApi), [
            false,
            false,
            true,
            true,
            true,
        ]);
    });

    it("picks the LoadBalancerConfiguration version each supported release stores and serves: v1 from v3.5.0", () => {
        for (const v of CONTROLLER_VERSIONS.filter(supportsGatewayApi)) {
            const apiVersion = lbcApiVersion(v);
            const crd = crdsOf(v).find((c) => c.name === "loadbalancerconfigurations.gateway.k8s.aws")!;
            assert.ok(crd.servedVersions.includes(apiVersion.split("/")[1]), v);
            assert.strictEqual(
                apiVersion,
                compareVersions(v, "v3.5.0") >= 0 ? "gateway.k8s.aws/v1" : "gateway.k8s.aws/v1beta1",
                v,
            );
        }
        assert.throws(() => lbcApiVersion("v2.7.0"), /has no LoadBalancerConfiguration/);
        assert.throws(() => lbcApiVersion("v9.0.0"), /unknown/);
    });
});
