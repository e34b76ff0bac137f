import * as assert from "assert";
import { gatewayInternetFacingHttps } from "../../policy-pack/policies/gatewayHttps";
import { type Fake, runStackPolicy } from "../harness/policies";
import { CERT, HTTP, HTTPS, albClass, gateway, lbc, route } from "./gatewayFixtures";

const REDIRECT = { filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] };
const certs = { listenerConfigurations: [{ protocolPort: "HTTPS:443", defaultCertificate: CERT }] };
const run = async (fakes: Fake[]) =>
    (await runStackPolicy(gatewayInternetFacingHttps, fakes)).violations.map((v) => v.message);

describe("gateway-internet-facing-https", () => {
    it("is mandatory", () => assert.strictEqual(gatewayInternetFacingHttps.enforcementLevel, "mandatory"));
    it("reports an internet-facing ALB gateway without an HTTPS listener", async () => {
        const messages = await run([
            albClass(),
            gateway("gw", { config: "cfg" }),
            lbc("cfg", { scheme: "internet-facing" }),
        ]);
        assert.strictEqual(messages.length, 1);
        assert.match(messages[0], /^Internet-facing ALB of Gateway apps\/gw has no HTTPS listener/);
    });
    it("reports a route served on its HTTP listener without a redirect, and accepts the redirect route", async () => {
        const fakes = [
            albClass(),
            gateway("gw", { listeners: [HTTP, HTTPS], config: "cfg" }),
            lbc("cfg", { scheme: "internet-facing", ...certs }),
            route("HTTPRoute", "web", [{ name: "gw" }]),
            route("HTTPRoute", "redirect", [{ name: "gw", sectionName: "http" }], {
                rule: { backendRefs: [], ...REDIRECT },
            }),
        ];
        const messages = await run(fakes);
        assert.strictEqual(messages.length, 1, messages.join("\n"));
        assert.match(
            messages[0],
            /^HTTPRoute apps\/web serves plain HTTP on the internet-facing ALB of Gateway apps\/gw \(listener http\)/,
        );
        fakes[3] = route("HTTPRoute", "web", [{ name: "gw", sectionName: "https" }]);
        assert.deepStrictEqual(await run(fakes), []);
    });
    it("takes the scheme of the GatewayClass's configuration unless it prefers the Gateway's", async () => {
        const classRef = {
            group: "gateway.k8s.aws",
            kind: "LoadBalancerConfiguration",
            name: "org",
            namespace: "kube-system",
        };
        const fakes = (mergingMode?: string) => [
            albClass({ parametersRef: classRef }),
            lbc("org", { scheme: "internal", mergingMode }, "kube-system"),
            gateway("gw", { config: "cfg" }),
            lbc("cfg", { scheme: "internet-facing" }),
        ];
        assert.deepStrictEqual(await run(fakes()), []);
        assert.strictEqual((await run(fakes("prefer-gateway"))).length, 1);
    });
    it("takes the controller's default scheme when no configuration sets one, and stays silent when one is unknown", async () => {
        const release: Fake = {
            type: "kubernetes:helm.sh/v3:Release",
            name: "lbc",
            props: { chart: "aws-load-balancer-controller", values: { defaultLoadBalancerScheme: "internet-facing" } },
        };
        assert.strictEqual((await run([release, albClass(), gateway("gw")])).length, 1);
        assert.deepStrictEqual(await run([albClass(), gateway("gw")]), [], "internal by default");
        const r = await runStackPolicy(gatewayInternetFacingHttps, [
            release,
            albClass(),
            gateway("gw", { config: "elsewhere" }),
        ]);
        assert.deepStrictEqual([r.violations, r.applicable], [[], false]);
    });
});
