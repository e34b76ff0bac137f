/**
 * The stack program on EKS Auto Mode: an existing cluster whose Auto Mode load balancing is on gets Auto Mode's
 * IngressClasses instead of the controller (no Helm, no IAM, no OIDC provider), a new cluster is created with
 * @pulumi/eks `autoMode`, and a stack that runs the controller is never moved silently.
 */
import * as assert from "assert";
import { ConfigErrors, parseStackConfig } from "../../stack/config";
import { createStack } from "../../stack/program";
import { ofType, one, waitsFor } from "../harness/graph";
import { cloud, invokes, recorded, settle, valueOf } from "../harness/mocks";

const IMAGE = "public.ecr.aws/nginx/nginx:1.27";
const APPS = [
    { name: "shop", image: IMAGE, containerPort: 80, targetType: "ip", scheme: "internet-facing" },
    { name: "admin", image: IMAGE, containerPort: 80, targetType: "ip" },
    { name: "cart", image: IMAGE, containerPort: 80, targetType: "ip", scheme: "internet-facing" },
];
const CLASS = "eks-alb-ingress:index:AutoModeIngressClass";
const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
const INGRESS_CLASS = "kubernetes:networking.k8s.io/v1:IngressClass";

/** What the program registered for `raw`, or the config errors it threw (as `key: message`). */
async function run(raw: Record<string, unknown>): Promise<string[]> {
    try {
        const out = await createStack(parseStackConfig({ clusterName: "auto", ...raw }));
        await settle();
        assert.ok(out);
        return [];
    } catch (e) {
        await settle();
        if (e instanceof ConfigErrors) return e.errors.map((x) => `${x.key}: ${x.problem}`);
        throw e;
    }
}

const controllerParts = () =>
    recorded.filter(
        (r) =>
            r.type === "kubernetes:helm.sh/v3:Release" ||
            r.type.startsWith("aws:iam/") ||
            r.type === "eks-alb-ingress:index:AlbIngressController",
    );

describe("stack program on EKS Auto Mode", () => {
    describe("an existing cluster with Auto Mode load balancing", () => {
        beforeEach(() => {
            cloud.autoMode = true;
        });

        it("gets one Auto Mode class per scheme its apps use, and no controller, IAM or OIDC provider", async () => {
            const out = await createStack(parseStackConfig({ clusterName: "auto", apps: APPS }));
            await settle();
            assert.strictEqual(out.loadBalancing, "autoMode");
            assert.strictEqual(out.controllerRoleArn, undefined);
            assert.deepStrictEqual(controllerParts(), []);
            assert.ok(!invokes.some((i) => i.token.includes("getOpenIdConnectProvider")));
            assert.deepStrictEqual(
                ofType(CLASS).map((r) => r.name),
                ["automode-internet-facing", "automode-internal"],
            );
            const classes = ofType(INGRESS_CLASS);
            assert.deepStrictEqual(classes.map((r) => r.inputs.metadata.name).sort(), [
                "alb-internal",
                "alb-internet-facing",
            ]);
            for (const c of classes) assert.strictEqual(c.inputs.spec.controller, "eks.amazonaws.com/alb");
            assert.match(await valueOf(out.appUrls.shop), /^http:\/\/k8s-/);
        });

        it("gives each app the class of its scheme, created before the app's Ingress", async () => {
            await run({ apps: APPS });
            const classOf = (app: string) => one(INGRESS, `${app}-ing`).inputs.spec.ingressClassName;
            assert.deepStrictEqual(["shop", "admin", "cart"].map(classOf), [
                "alb-internet-facing",
                "alb-internal",
                "alb-internet-facing",
            ]);
            const facing = ofType(INGRESS_CLASS).find((r) => r.inputs.metadata.name === "alb-internet-facing")!;
            assert.ok(waitsFor(one(INGRESS, "shop-ing"), facing));
            assert.ok(waitsFor(one("kubernetes:apps/v1:Deployment", "shop-deploy"), facing));
        });

        it("asks instead of switching a stack that has controller settings (loadBalancing auto)", async () => {
            const problems = await run({ apps: APPS, controller: { version: "v3.5.0" } });
            assert.deepStrictEqual(
                problems.map((p) => p.split(":")[0]),
                ["loadBalancing"],
            );
            assert.deepStrictEqual(
                recorded.filter((r) => r.custom),
                [],
                "nothing registered",
            );
        });

        it("keeps the controller when loadBalancing says controller (side by side with Auto Mode)", async () => {
            const out = await createStack(
                parseStackConfig({ clusterName: "auto", apps: APPS, loadBalancing: "controller" }),
            );
            await settle();
            assert.strictEqual(out.loadBalancing, "controller");
            assert.deepStrictEqual(ofType(CLASS), []);
            one("kubernetes:helm.sh/v3:Release", "lbc-release");
            assert.strictEqual(one(INGRESS, "shop-ing").inputs.spec.ingressClassName, "alb");
        });

        it("refuses gateways, with every other problem, before registering anything", async () => {
            const problems = await run({
                gateways: [{ name: "public" }],
                apps: [{ ...APPS[0], gateway: "public" }],
            });
            // the app's Ingress-only scheme is refused with the gateway (IngressApp), in the same error
            assert.deepStrictEqual(
                problems.map((p) => p.split(":")[0]),
                ["gateways", "apps[0].scheme"],
            );
            assert.match(problems[0], /Auto Mode's GatewayClass controller name is not confirmed/);
            assert.deepStrictEqual(
                recorded.filter((r) => r.custom),
                [],
            );
        });
    });

    it("refuses loadBalancing autoMode on a cluster without Auto Mode load balancing", async () => {
        const problems = await run({ apps: APPS, loadBalancing: "autoMode" });
        assert.deepStrictEqual(
            problems.map((p) => p.split(":")[0]),
            ["loadBalancing"],
        );
        assert.deepStrictEqual(
            recorded.filter((r) => r.custom),
            [],
        );
    });

    it("runs the controller on a cluster without Auto Mode, as before (loadBalancing auto)", async () => {
        const out = await createStack(parseStackConfig({ clusterName: "plain", apps: APPS }));
        await settle();
        assert.strictEqual(out.loadBalancing, "controller");
        assert.deepStrictEqual(ofType(CLASS), []);
        one("kubernetes:helm.sh/v3:Release", "lbc-release");
    });

    describe("a new cluster with autoMode: true", () => {
        it("creates it with @pulumi/eks autoMode and no node group settings, and uses Auto Mode's classes", async () => {
            const out = await createStack(
                parseStackConfig({ clusterName: "fresh", clusterMode: "new", autoMode: true, apps: APPS }),
            );
            await settle();
            const cluster = one("eks:index:Cluster", "fresh").inputs;
            assert.strictEqual(cluster.autoMode.enabled, true);
            for (const key of ["instanceType", "desiredCapacity", "minSize", "maxSize"])
                assert.strictEqual(cluster[key], undefined, key);
            assert.strictEqual(cluster.createOidcProvider, false);
            assert.strictEqual(out.loadBalancing, "autoMode");
            assert.deepStrictEqual(controllerParts(), []);
            assert.strictEqual(ofType(CLASS).length, 2);
        });

        it("keeps the node group settings of a cluster without Auto Mode", async () => {
            await createStack(parseStackConfig({ clusterName: "fresh", clusterMode: "new", nodeCount: 3 }));
            await settle();
            const cluster = one("eks:index:Cluster", "fresh").inputs;
            assert.strictEqual(cluster.autoMode, undefined);
            assert.deepStrictEqual(
                [cluster.instanceType, cluster.desiredCapacity, cluster.minSize, cluster.maxSize],
                ["t3.medium", 3, 3, 3],
            );
        });
    });
});
