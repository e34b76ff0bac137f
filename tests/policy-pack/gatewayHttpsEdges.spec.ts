/**
 * gateway-internet-facing-https and gateway-load-balancer-configuration at their edges:
 * - a GRPCRoute on a plain HTTP listener: a listener accepts GRPCRoutes on HTTP only when its allowedRoutes.kinds
 *   names them (`pkg/gateway/routeutils/constants.go` DefaultProtocolToRouteKindMap: HTTP → HTTPRoute, HTTPS →
 *   HTTPRoute and GRPCRoute; `listener_attachment_helper.go` kindCheck); the controller then builds the route's rules
 *   on the HTTP listener with an HTTP/1.1 target group (`model_build_target_group.go`
 *   buildTargetGroupProtocolVersion: only HTTPS listeners get another protocol version; ALB gRPC target groups need
 *   an HTTPS listener, awsdocs/elb-application-load-balancers-user-guide load-balancer-target-groups.md), so the
 *   route is served in plain text on the internet-facing ALB, and a GRPCRoute has no RequestRedirect filter;
 * - the controller's release is read wherever it sits among the stack's resources.
 */
import * as assert from "assert";
import { gatewayLoadBalancerConfiguration } from "../../policy-pack/policies/gatewayFeatures";
import { gatewayInternetFacingHttps } from "../../policy-pack/policies/gatewayHttps";
import { type Fake, runStackPolicy } from "../harness/policies";
import { CERT, HTTP, HTTPS, albClass, gateway, lbc, route } from "./gatewayFixtures";

const certs = { listenerConfigurations: [{ protocolPort: "HTTPS:443", defaultCertificate: CERT }] };
const messages = async (fakes: Fake[]) =>
    (await runStackPolicy(gatewayInternetFacingHttps, fakes)).violations.map((v) => v.message);
/** An internet-facing ALB gateway `gw` with an HTTPS listener and the HTTP listener `http`. */
const internetFacing = (http: Record<string, unknown>): Fake[] => [
    albClass(),
    gateway("gw", { listeners: [http, HTTPS], config: "cfg" }),
    lbc("cfg", { scheme: "internet-facing", ...certs }),
];
const GRPC_ON_HTTP = { ...HTTP, allowedRoutes: { kinds: [{ group: "gateway.networking.k8s.io", kind: "GRPCRoute" }] } };

describe("gateway-internet-facing-https: GRPCRoutes", () => {
    it("reports a GRPCRoute attached to a plain HTTP listener that allows GRPCRoutes", async () => {
        const found = await messages([...internetFacing(GRPC_ON_HTTP), route("GRPCRoute", "api", [{ name: "gw" }])]);
        assert.strictEqual(found.length, 1, found.join("\n"));
        assert.match(
            found[0],
            /^GRPCRoute apps\/api serves plain HTTP on the internet-facing ALB of Gateway apps\/gw \(listener http\); attach it to the HTTPS listener only/,
        );
    });
    it("accepts a GRPCRoute attached to the HTTPS listener only", async () => {
        const api = route("GRPCRoute", "api", [{ name: "gw", sectionName: "https" }]);
        assert.deepStrictEqual(await messages([...internetFacing(GRPC_ON_HTTP), api]), []);
    });
    it("leaves alone a GRPCRoute an HTTP listener does not accept (its default kinds are HTTPRoute only)", async () => {
        const api = route("GRPCRoute", "api", [{ name: "gw" }]);
        assert.deepStrictEqual(await messages([...internetFacing(HTTP), api]), []);
    });
});

describe("the gateway policies read the controller's release wherever it is in the stack", () => {
    const release: Fake = {
        type: "kubernetes:helm.sh/v3:Release",
        name: "lbc",
        props: { chart: "aws-load-balancer-controller", values: { defaultLoadBalancerScheme: "internet-facing" } },
    };

    it("gateway-internet-facing-https takes the default scheme of a release listed after the Gateway", async () => {
        const found = await messages([albClass(), gateway("gw"), release]);
        assert.strictEqual(found.length, 1, found.join("\n"));
        assert.match(found[0], /^Internet-facing ALB of Gateway apps\/gw has no HTTPS listener/);
    });
    it("gateway-load-balancer-configuration names that scheme", async () => {
        const r = await runStackPolicy(gatewayLoadBalancerConfiguration, [albClass(), gateway("gw"), release]);
        assert.strictEqual(r.violations.length, 1);
        assert.match(r.violations[0].message, /the controller builds an internet-facing ALB with its defaults/);
    });
});
