/**
 * EKS Auto Mode across runs, on the offline world (plan/lifecycle): the look-up decides the same way every run (a
 * second up changes nothing), and a stack that runs the controller moves to Auto Mode only when its config says so.
 */
import * as assert from "assert";
import type { StackFiles } from "../../plan/stackFiles";
import { type World, emptyWorld, up } from "../../plan/lifecycle/world";

const P = "eks-alb-ingress";
const APPS = [
    {
        name: "shop",
        image: "public.ecr.aws/nginx/nginx:1.27",
        containerPort: 80,
        targetType: "ip",
        scheme: "internet-facing",
    },
    { name: "admin", image: "public.ecr.aws/nginx/nginx:1.27", containerPort: 80, targetType: "ip" },
];

/** Stack files on the existing cluster "demo" with `values` (keys without the project prefix). */
function stack(values: Record<string, unknown>): StackFiles {
    const config: Record<string, string> = { "aws:region": "us-west-2", [`${P}:clusterName`]: "demo" };
    for (const [k, v] of Object.entries(values)) config[`${P}:${k}`] = typeof v === "string" ? v : JSON.stringify(v);
    return { project: P, stack: "test", file: "Pulumi.test.yaml", values: {}, secureKeys: [], config };
}

/** `world` whose cluster has (or has not) Auto Mode load balancing, as `aws.eks.getCluster` reports it. */
function withAutoMode(world: World, enabled: boolean): World {
    world.external.cluster = {
        kubernetesNetworkConfigs: [
            {
                elasticLoadBalancings: [{ enabled }],
                ipFamily: "ipv4",
                serviceIpv4Cidr: "172.20.0.0/16",
                serviceIpv6Cidr: "",
            },
        ],
    };
    return world;
}

const changes = (steps: readonly { op: string; name: string }[]) =>
    steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.name}`);

describe("lifecycle: EKS Auto Mode", function () {
    this.timeout(120000);

    it("decides the same way on every run: a second up of an Auto Mode stack changes nothing", async () => {
        const files = stack({ apps: APPS });
        const first = await up(withAutoMode(emptyWorld(), true), files);
        assert.deepStrictEqual(
            first.steps.flatMap((s) => s.errors),
            [],
        );
        assert.strictEqual(first.outputs.loadBalancing, "autoMode");
        assert.ok(first.steps.some((s) => s.type === "eks-alb-ingress:index:AutoModeIngressClass"));
        const second = await up(first.world, files);
        assert.deepStrictEqual(changes(second.steps), []);
    });

    it("refuses to move a controller stack when its cluster turns on Auto Mode, until the config says autoMode", async () => {
        const controllerStack = stack({ apps: APPS, controller: { version: "v3.5.0" } });
        const deployed = await up(withAutoMode(emptyWorld(), false), controllerStack);
        assert.strictEqual(deployed.outputs.loadBalancing, "controller");

        const turnedOn = withAutoMode(deployed.world, true);
        await assert.rejects(
            up(turnedOn, controllerStack),
            /loadBalancing is "auto" and cluster "demo" has EKS Auto Mode/,
        );

        // Saying so keeps the controller, side by side: nothing changes.
        const kept = await up(
            turnedOn,
            stack({ apps: APPS, controller: { version: "v3.5.0" }, loadBalancing: "controller" }),
        );
        assert.deepStrictEqual(changes(kept.steps), []);

        // Moving: the Auto Mode classes come, the apps' Ingresses take them, the controller goes last.
        const moved = await up(kept.world, stack({ apps: APPS, loadBalancing: "autoMode" }));
        assert.deepStrictEqual(
            moved.steps.flatMap((s) => s.errors),
            [],
        );
        const ingress = moved.steps.find((s) => s.name === "shop-ing")!;
        assert.strictEqual(ingress.op, "update");
        const names = moved.steps.map((s) => `${s.op} ${s.name}`);
        assert.ok(names.includes("create automode-internet-facing"), names.join("\n"));
        assert.ok(names.indexOf("delete lbc-release") > names.indexOf("update shop-ing"), names.join("\n"));
    });
});
