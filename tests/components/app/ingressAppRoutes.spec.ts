/**
 * IngressApp through a Gateway, at the edges: the HTTPRoute CRD's path rules as the component applies them before
 * anything is registered, the URL and hostname an app on a Gateway reports, and the objects' shape when optional
 * arguments are left out. Also the app's outputs in the stack's state, and its Ingress hostname from each status
 * shape the controller writes.
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { IngressApp, InvalidArgumentsError, type IngressAppArgs } from "../../../components/index";
import { crdSchemaProblems } from "../../harness/crdSchema";
import { one } from "../../harness/graph";
import { fakeAnswer, recorded, setEngineHooks, settle, valueOf } from "../../harness/mocks";
import { T } from "./appTypes";

const gateway = { name: "edge", namespace: "gateways" };
const base = (o: Record<string, unknown> = {}): IngressAppArgs =>
    ({ image: "public.ecr.aws/nginx/nginx:1.27", containerPort: 8080, targetType: "ip", ...o }) as IngressAppArgs;

/** The problems IngressApp refuses `args` with (`[]` when it accepts them); nothing is registered on a refusal. */
async function problemsOf(args: IngressAppArgs): Promise<readonly string[]> {
    let problems: readonly string[] = [];
    try {
        new IngressApp("shop", args);
    } catch (e) {
        if (!(e instanceof InvalidArgumentsError)) throw e;
        problems = e.problems;
    }
    await settle();
    if (problems.length > 0) assert.deepStrictEqual(recorded, [], "registered on bad input");
    return problems;
}

/** The outputs component `urn` recorded in the stack's state (`registerOutputs`; @pulumi/pulumi runtime/mocks.ts). */
function stateOutputs(urn: string): Record<string, unknown> | undefined {
    const monitor = pulumi.runtime.getMonitor() as unknown as {
        getRegisteredResources(): Map<string, { state?: { toJavaScript(): Record<string, unknown> } }>;
    };
    return monitor.getRegisteredResources().get(urn)?.state?.toJavaScript();
}

describe("IngressApp through a Gateway, at the edges", () => {
    afterEach(() => setEngineHooks(undefined));

    describe("refuses paths the HTTPRoute CRD refuses (gateway.networking.k8s.io_httproutes.yaml v1.6.0)", () => {
        const cases: [string, string, RegExp][] = [
            ["longer than 1024 characters", `/${"a".repeat(1024)}`, /be at most 1024 characters/],
            ['ending in "/.."', "/api/..", /not end with "\/\." or "\/\.\."/],
            ['ending in "/."', "/api/.", /not end with "\/\." or "\/\.\."/],
            ["with a space", "/api v2", /hold only URL path characters/],
            ["with a space at the start", "/ api", /hold only URL path characters/],
            ["with a percent sign and a single hex digit", "/a%2Gb", /hold only URL path characters/],
        ];
        for (const [what, path, message] of cases) {
            it(what, async () => {
                const problems = await problemsOf(base({ gateway, path }));
                assert.strictEqual(problems.length, 1, problems.join("\n"));
                assert.match(problems[0], /^`path` must /);
                assert.match(problems[0], message);
                assert.match(problems[0], /\(the HTTPRoute CRD's path rules\)/);
            });
        }

        it("names every rule a path breaks, separated", async () => {
            const [problem] = await problemsOf(base({ gateway, path: "/a b/.." }));
            assert.match(problem, /must not end with "\/\." or "\/\.\.", hold only URL path characters \(/);
        });

        it("a path that is no string, as the argument's own problem", async () => {
            const problems = await problemsOf(base({ gateway, path: 42 }));
            assert.ok(
                problems.some((p) => p.startsWith('`path` must start with "/"')),
                problems.join("\n"),
            );
        });

        it("accepts what the CRD accepts: 1024 characters, escapes, dot segments inside names", async () => {
            for (const path of [`/${"a".repeat(1023)}`, "/a%20b", "/.well-known/acme-challenge", "/v1.2/x"]) {
                assert.deepStrictEqual(await problemsOf(base({ gateway, path })), [], path);
                const route = recorded.find((r) => r.type === T.route)!;
                assert.deepStrictEqual(crdSchemaProblems({ ...route.inputs, metadata: {} } as never), [], path);
                recorded.length = 0;
            }
        });
    });

    it("accepts autoMode: false next to gateway (the default, not a class)", async () => {
        assert.deepStrictEqual(await problemsOf(base({ gateway, autoMode: false })), []);
        one(T.route);
    });

    it("without sectionName or tags: a route to any listener of the Gateway, no tags on the target group", async () => {
        const app = new IngressApp("shop", base({ gateway }));
        await settle();
        const route = one(T.route).inputs;
        assert.deepStrictEqual(route.spec.parentRefs, [
            { group: "gateway.networking.k8s.io", kind: "Gateway", name: "edge", namespace: "gateways" },
        ]);
        assert.strictEqual(route.spec.hostnames, undefined);
        assert.deepStrictEqual(one(T.tgc).inputs.spec.defaultConfiguration, {
            targetType: "ip",
            healthCheckConfig: { healthCheckPath: "/" },
        });
        // no host: the address is the Gateway's (AlbGateway.hostname), not the app's
        assert.strictEqual(await valueOf(app.hostname), "");
        assert.strictEqual(await valueOf(app.url), "");
        assert.strictEqual(await valueOf(app.ingressName), undefined);
    });

    for (const [sectionName, scheme] of [
        ["https", "https"],
        ["http", "http"],
        [undefined, "http"],
    ] as const) {
        it(`reports ${scheme}://<host><path> on the listener ${sectionName ?? "(any)"}`, async () => {
            const app = new IngressApp(
                "shop",
                base({ gateway: { ...gateway, sectionName }, host: "shop.example.com", path: "/api" }),
            );
            await settle();
            assert.strictEqual(await valueOf(app.hostname), "shop.example.com");
            assert.strictEqual(await valueOf(app.url), `${scheme}://shop.example.com/api`);
        });
    }

    it("records its outputs and its kind in the stack's state", async () => {
        const app = new IngressApp(
            "shop",
            base({ gateway: { ...gateway, sectionName: "https" }, host: "shop.example.com" }),
        );
        await settle();
        const component = one(T.app, "shop");
        // no scheme: the Gateway's decides (an app on a Gateway takes no `scheme`); an Ingress app records its own
        assert.deepStrictEqual(component.inputs, {
            targetType: "ip",
            image: "public.ecr.aws/nginx/nginx:1.27",
        });
        const state = stateOutputs(component.urn);
        assert.deepStrictEqual(state, {
            hostname: "shop.example.com",
            url: "https://shop.example.com/",
            namespace: await valueOf(app.namespace),
            serviceName: await valueOf(app.serviceName),
            routeName: await valueOf(app.routeName),
            deploymentName: await valueOf(app.deploymentName),
        });
        // every object carries the label selecting what Pulumi manages
        for (const r of recorded.filter((r) => r.custom)) {
            assert.strictEqual(r.inputs.metadata.labels["app.kubernetes.io/managed-by"], "pulumi", r.name);
        }
    });
});

describe("IngressApp inputs known at deploy time, and its Ingress", () => {
    it("refuses a secret list when it resolves, naming the app and hiding the values", async () => {
        const app = new IngressApp("late", base({ certificateArns: pulumi.secret(["arn:aws:s3:::private-bucket"]) }));
        const error = await valueOf(app.url).then(
            () => assert.fail("accepted"),
            (e: unknown) => e as Error,
        );
        assert.match(error.message, /IngressApp "late": invalid arguments:\n {2}- `certificateArns\[0\]` must be/);
        assert.ok(!error.message.includes("private-bucket"), error.message);
        assert.match(error.message, /\[secret\]/);
        await settle();
        assert.deepStrictEqual(
            recorded.map((r) => r.type),
            [T.app],
        );
    });

    it("hides a secret value inside a map too", async () => {
        const app = new IngressApp("late", base({ tags: { team: pulumi.secret("web|shop") } }));
        const error = await valueOf(app.url).then(
            () => assert.fail("accepted"),
            (e: unknown) => e as Error,
        );
        assert.match(error.message, /IngressApp "late": invalid arguments:\n {2}- `tags\["team"\]`/);
        assert.ok(!error.message.includes("web|shop"), error.message);
        await settle();
    });

    it("lists several certificates in one certificate-arn annotation, comma-separated", async () => {
        const certs = [
            "arn:aws:acm:us-west-2:123456789012:certificate/0f0e0d0c-1111-2222-3333-444455556666",
            "arn:aws:acm:us-west-2:123456789012:certificate/0f0e0d0c-1111-2222-3333-777788889999",
        ];
        new IngressApp("shop", base({ certificateArns: certs }));
        await settle();
        assert.strictEqual(
            one(T.ing).inputs.metadata.annotations["alb.ingress.kubernetes.io/certificate-arn"],
            certs.join(","),
        );
    });
});

describe("IngressApp hostname from the Ingress status", () => {
    it("(an Ingress app records its own scheme in the stack's state)", async () => {
        new IngressApp("shop", base({ scheme: "internet-facing" }));
        await settle();
        assert.strictEqual(one(T.app, "shop").inputs.scheme, "internet-facing");
    });

    afterEach(() => setEngineHooks(undefined));

    // what the controller writes: a DNS name (ALB), an IP, or nothing yet
    const cases: [string, unknown, string][] = [
        [
            "a hostname",
            { loadBalancer: { ingress: [{ hostname: "k8s-shop.elb.amazonaws.com" }] } },
            "k8s-shop.elb.amazonaws.com",
        ],
        ["only an IP", { loadBalancer: { ingress: [{ ip: "192.0.2.10" }] } }, "192.0.2.10"],
        ["no status", undefined, ""],
        ["a status without loadBalancer", {}, ""],
        ["a loadBalancer without ingress", { loadBalancer: {} }, ""],
        ["an empty ingress list", { loadBalancer: { ingress: [] } }, ""],
    ];
    for (const [what, status, hostname] of cases) {
        it(`with ${what}: ${JSON.stringify(hostname)}`, async () => {
            setEngineHooks({
                newResource: (_r, args) => {
                    if (args.type !== T.ing) return undefined;
                    const state: Record<string, unknown> = { ...fakeAnswer(args).state, status };
                    if (status === undefined) delete state.status;
                    return { id: "shop", state };
                },
                call: (_a, fake) => fake(),
            });
            const app = new IngressApp("shop", base());
            await settle();
            assert.strictEqual(await valueOf(app.hostname), hostname);
            // Without an address (and no host) there is no URL yet, not "http:///".
            assert.strictEqual(await valueOf(app.url), hostname === "" ? "" : `http://${hostname}/`);
        });
    }
});
