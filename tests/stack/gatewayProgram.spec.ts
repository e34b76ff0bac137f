/**
 * The stack program with gateways: one AlbGateway per entry of `gateways`, on the controller's GatewayClass, and
 * the apps that name one routed through it (an HTTPRoute instead of an Ingress), in dependency order.
 */
import * as assert from "assert";
import { ConfigErrors, parseStackConfig } from "../../stack/config";
import { createStack } from "../../stack/program";
import { ofType, one, waitsFor } from "../harness/graph";
import { recorded, settle, valueOf } from "../harness/mocks";

const IMAGE = "public.ecr.aws/nginx/nginx:1.27";
const CERT = "arn:aws:acm:us-west-2:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
const STACK = {
    clusterName: "demo",
    controller: { version: "v3.5.0", gatewayApi: true },
    gateways: [
        {
            name: "public",
            namespace: "edge",
            createNamespace: true,
            scheme: "internet-facing",
            certificateArns: [CERT],
        },
        { name: "private" },
    ],
    apps: [
        { name: "shop", image: IMAGE, containerPort: 80, targetType: "ip", gateway: "public" },
        { name: "admin", image: IMAGE, containerPort: 80, targetType: "ip", gateway: "private" },
        { name: "legacy", image: IMAGE, containerPort: 80, targetType: "ip" },
    ],
};
const GATEWAY = "kubernetes:gateway.networking.k8s.io/v1:Gateway";
const ROUTE = "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute";
const GATEWAY_CLASS = "kubernetes:gateway.networking.k8s.io/v1:GatewayClass";
const RELEASE = "kubernetes:helm.sh/v3:Release";

/** The config errors (`key: message`) the program throws for `raw`, after checking nothing was registered. */
async function refused(raw: Record<string, unknown>): Promise<string[]> {
    try {
        await createStack(parseStackConfig(raw));
    } catch (e) {
        await settle();
        if (!(e instanceof ConfigErrors)) throw e;
        assert.deepStrictEqual(
            recorded.filter((r) => r.custom),
            [],
            "nothing registered",
        );
        return e.errors.map((x) => `${x.key}: ${x.problem}`);
    }
    assert.fail("expected config errors");
}

describe("stack program with gateways", () => {
    it("creates one AlbGateway per gateway on the controller's GatewayClass, and reports their URLs", async () => {
        const out = await createStack(parseStackConfig(STACK));
        await settle();
        assert.deepStrictEqual(
            ofType("eks-alb-ingress:index:AlbGateway").map((r) => r.name),
            ["public", "private"],
        );
        const className = one(GATEWAY_CLASS).inputs.metadata.name;
        for (const g of ofType(GATEWAY)) assert.strictEqual(g.inputs.spec.gatewayClassName, className);
        const pub = ofType(GATEWAY).find((g) => g.inputs.metadata.namespace === "edge")!;
        assert.ok(waitsFor(pub, one(RELEASE, "lbc-release")), "the Gateway waits for the controller");
        assert.deepStrictEqual(Object.keys(out.gatewayUrls), ["public", "private"]);
        assert.match(await valueOf(out.gatewayUrls.public), /^https:\/\//);
    });

    it("routes the apps that name a gateway through it, and the others through an Ingress", async () => {
        await createStack(parseStackConfig(STACK));
        await settle();
        assert.deepStrictEqual(
            ofType(ROUTE)
                .filter((r) => !r.name.startsWith("public-") && !r.name.startsWith("private-"))
                .map((r) => [r.name, r.inputs.spec.parentRefs[0].name, r.inputs.spec.parentRefs[0].namespace])
                .sort(),
            [
                ["admin-route", "private", "default"],
                ["shop-route", "public", "edge"],
            ],
        );
        assert.deepStrictEqual(
            ofType("kubernetes:networking.k8s.io/v1:Ingress").map((r) => r.name),
            ["legacy-ing"],
        );
        const shopRoute = one(ROUTE, "shop-route");
        const publicGateway = ofType(GATEWAY).find((g) => g.inputs.metadata.namespace === "edge")!;
        assert.ok(waitsFor(shopRoute, publicGateway), "the route waits for its Gateway");
        assert.ok(waitsFor(one("kubernetes:apps/v1:Deployment", "shop-deploy"), publicGateway));
    });

    it("reports problems of the gateways' arguments with the apps' and the controller's, under their keys", async () => {
        const problems = await refused({
            ...STACK,
            gateways: [{ name: "public", scheme: "public" }],
            apps: [{ ...STACK.apps[0], annotations: { "alb.ingress.kubernetes.io/scheme": "internal" } }],
            controller: { version: "v2.14.0", gatewayApi: true },
        });
        const keys = problems.map((p) => p.split(":")[0]);
        assert.ok(keys.includes("gateways[0].scheme"), problems.join("\n"));
        assert.ok(keys.includes("apps[0].annotations"), problems.join("\n"));
        assert.ok(keys.includes("controller.gatewayApi"), problems.join("\n"));
    });

    it("needs the controller's Gateway API for gateways", async () => {
        const problems = await refused({ ...STACK, controller: { version: "v3.5.0" } });
        assert.deepStrictEqual(
            problems.map((p) => p.split(":")[0]),
            ["gateways"],
        );
    });
});

describe("stack program with gateways: what they take from the controller", () => {
    it("reports a bad controller class or release once, under the controller's keys", async () => {
        const problems = await refused({
            ...STACK,
            controller: { version: "v2.14.0", gatewayApi: true, gatewayClassName: "Bad_Name" },
        });
        assert.deepStrictEqual(
            problems.map((p) => p.split(":")[0]),
            ["controller.gatewayClassName", "controller.gatewayApi"],
        );
    });
});
