/**
 * The stack program at its edges (stack/program.ts): what gateways take from the controller when the controller's
 * settings are refused or lack the Gateway API, an app's reference to a gateway, the URLs of apps routed through a
 * gateway, and what an Auto Mode cluster does without (no CRD provider, no OIDC issuer needed).
 */
import * as assert from "assert";
import { ConfigErrors, parseStackConfig } from "../../stack/config";
import { checkStackArguments, createStack } from "../../stack/program";
import { ofType } from "../harness/graph";
import { cloud, recorded, setEngineHooks, settle, valueOf } from "../harness/mocks";

const IMAGE = "public.ecr.aws/nginx/nginx:1.27";
const CERT = "arn:aws:acm:us-west-2:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
const APP = { name: "web", image: IMAGE, containerPort: 80, targetType: "ip" };
const NEEDS_GATEWAY_API =
    "gateways: needs the controller's Gateway API: set controller.gatewayApi: true (it applies the Gateway API CRDs and creates the GatewayClass the gateways use)";

/** The problems `checkStackArguments` reports (`key: message`), or the decision when there are none. */
function check(raw: Record<string, unknown>, autoModeOn = false): string[] | string {
    try {
        return checkStackArguments(parseStackConfig({ clusterName: "c", ...raw }), autoModeOn);
    } catch (e) {
        if (e instanceof ConfigErrors) return e.errors.map((x) => `${x.key}: ${x.problem}`);
        throw e;
    }
}

describe("stack program: what gateways take from the controller", () => {
    it("checks the gateways against the controller's release when the controller only lacks the Gateway API", () => {
        assert.deepStrictEqual(check({ controller: { version: "v2.13.0" }, gateways: [{ name: "g" }] }), [
            NEEDS_GATEWAY_API,
            'controller.version: must be v3.0.0 or newer (the first release with production Gateway API support), got "v2.13.0"',
        ]);
    });

    it("reports a release the controller refuses once, not again for each gateway", () => {
        const found = check({ controller: { version: "v9.9.9" }, gateways: [{ name: "g" }, { name: "h" }] });
        assert.ok(Array.isArray(found), String(found));
        assert.deepStrictEqual(
            found.map((p) => p.split(":")[0]),
            ["gateways", "controller.version"],
        );
    });

    it("checks an app's gateway reference with the gateway's namespace", () => {
        const badNamespace =
            'must be a DNS-1123 label (lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters), got "Edge_NS"';
        assert.deepStrictEqual(
            check({
                controller: { gatewayApi: true },
                gateways: [{ name: "g", namespace: "Edge_NS" }],
                apps: [{ ...APP, gateway: "g" }],
            }),
            [`gateways[0].namespace: ${badNamespace}`, `apps[0].gateway.namespace: ${badNamespace}`],
        );
    });

    it("does not check the gateways' arguments on Auto Mode, which refuses gateways as a whole", () => {
        const found = check({ gateways: [{ name: "g", scheme: "public" }] }, true);
        assert.ok(Array.isArray(found), String(found));
        assert.deepStrictEqual(
            found.map((p) => p.split(":")[0]),
            ["gateways"],
        );
    });

    it("gives a gateway the LoadBalancerConfiguration API version of the controller's release", async () => {
        await createStack(
            parseStackConfig({
                clusterName: "c",
                controller: { version: "v3.0.0", gatewayApi: true },
                gateways: [{ name: "g" }],
            }),
        );
        await settle();
        assert.deepStrictEqual(
            recorded.filter((r) => r.type.endsWith(":LoadBalancerConfiguration")).map((r) => r.inputs.apiVersion),
            ["gateway.k8s.aws/v1beta1"],
        );
    });
});

describe("stack program: the URLs of apps routed through a gateway", () => {
    it("is the gateway's URL and the app's path, unless the app has a host of its own", async () => {
        const out = await createStack(
            parseStackConfig({
                clusterName: "c",
                controller: { gatewayApi: true },
                gateways: [{ name: "public", scheme: "internet-facing", certificateArns: [CERT] }],
                apps: [
                    { ...APP, name: "shop", gateway: "public" },
                    { ...APP, name: "admin", gateway: "public", path: "/admin" },
                    { ...APP, name: "blog", gateway: "public", host: "blog.example.com" },
                ],
            }),
        );
        await settle();
        const gateway = await valueOf(out.gatewayUrls.public);
        assert.match(gateway, /^https:\/\/\S+$/);
        assert.deepStrictEqual(
            [await valueOf(out.appUrls.shop), await valueOf(out.appUrls.admin)],
            [`${gateway}/`, `${gateway}/admin`],
        );
        const blog = await valueOf(out.appUrls.blog);
        assert.ok(blog.includes("blog.example.com") && !blog.startsWith(gateway), blog);
    });
});

describe("stack program: an Auto Mode cluster", () => {
    const crdProviders = () => ofType("pulumi:providers:kubernetes").filter((r) => r.name.endsWith("-k8s-crds")).length;

    it("gets no provider for the controller's CRDs when it is new", async () => {
        await createStack(parseStackConfig({ clusterName: "fresh", clusterMode: "new", autoMode: true, apps: [APP] }));
        await settle();
        assert.strictEqual(ofType("pulumi:providers:kubernetes").length, 1);
        assert.strictEqual(crdProviders(), 0);
    });

    it("needs neither an OIDC issuer nor a CRD provider when it exists", async () => {
        cloud.autoMode = true;
        setEngineHooks({
            newResource: () => undefined,
            call: (a, fake) => {
                const answer = fake() as Record<string, unknown>;
                return a.token === "aws:eks/getCluster:getCluster" ? { ...answer, identities: [] } : answer;
            },
        });
        try {
            const out = await createStack(parseStackConfig({ clusterName: "auto", apps: [APP] }));
            await settle();
            assert.strictEqual(out.loadBalancing, "autoMode");
        } finally {
            setEngineHooks(undefined);
        }
        assert.strictEqual(crdProviders(), 0);
        assert.strictEqual(ofType("eks-alb-ingress:index:IngressApp").length, 1);
    });
});
