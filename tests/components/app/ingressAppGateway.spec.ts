import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as assert from "assert";
import {
    AlbGateway,
    AlbIngressController,
    IngressApp,
    InvalidArgumentsError,
    type IngressAppArgs,
} from "../../../components/index";
import { crdSchemaProblems } from "../../harness/crdSchema";
import { controllerArgs, CERT_ARN as CERT } from "../../harness/fixtures";
import { descendantsOf, one, ofType, waitsFor } from "../../harness/graph";
import { recorded, settle, valueOf } from "../../harness/mocks";
import { T } from "./appTypes";

/** A Gateway registered by the program (as an AlbGateway would), and the reference to it an app gets. */
function standInGateway(): { gw: k8s.apiextensions.CustomResource; ref: NonNullable<IngressAppArgs["gateway"]> } {
    const gw = new k8s.apiextensions.CustomResource("edge", {
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "Gateway",
        metadata: { name: "edge", namespace: "gateways" },
        spec: { gatewayClassName: "alb", listeners: [{ name: "http", port: 80, protocol: "HTTP" }] },
    });
    return {
        gw,
        ref: { name: gw.metadata.name, namespace: gw.metadata.apply((m) => m.namespace!) },
    };
}

const base = (o: Partial<IngressAppArgs> = {}): IngressAppArgs => ({
    image: "public.ecr.aws/nginx/nginx:1.27",
    containerPort: 8080,
    targetType: "ip",
    ...o,
});

describe("IngressApp through a Gateway (gateway)", () => {
    describe("with ip targets", () => {
        let app: IngressApp;
        beforeEach(async () => {
            const { ref } = standInGateway();
            app = new IngressApp(
                "shop",
                base({
                    gateway: { ...ref, sectionName: "http" },
                    host: "shop.example.com",
                    path: "/api",
                    healthCheckPath: "/healthz",
                    servicePort: 8080,
                    tags: { team: "shop" },
                }),
            );
            await settle();
        });

        it("creates an HTTPRoute and a TargetGroupConfiguration instead of an Ingress", () => {
            assert.deepStrictEqual(
                descendantsOf(one(T.app, "shop"))
                    .map((r) => `${r.type} ${r.name}`)
                    .sort(),
                [
                    `${T.deploy} shop-deploy`,
                    `${T.route} shop-route`,
                    `${T.ns} shop-ns`,
                    `${T.svc} shop-svc`,
                    `${T.tgc} shop-tgc`,
                ].sort(),
            );
            assert.strictEqual(ofType(T.ing).length, 0);
        });

        it("attaches the route to the Gateway's listener and routes host and path to the app's Service", () => {
            const route = one(T.route).inputs;
            assert.deepStrictEqual(route.metadata.namespace, "shop");
            assert.deepStrictEqual(route.spec, {
                parentRefs: [
                    {
                        group: "gateway.networking.k8s.io",
                        kind: "Gateway",
                        name: "edge",
                        namespace: "gateways",
                        sectionName: "http",
                    },
                ],
                hostnames: ["shop.example.com"],
                rules: [
                    {
                        matches: [{ path: { type: "PathPrefix", value: "/api" } }],
                        backendRefs: [{ group: "", kind: "Service", name: "shop", port: 8080 }],
                    },
                ],
            });
        });

        it("carries the target type, health check path and target group tags in the TargetGroupConfiguration", () => {
            const tgc = one(T.tgc).inputs;
            assert.deepStrictEqual(tgc.metadata.namespace, "shop");
            assert.deepStrictEqual(tgc.spec, {
                targetReference: { group: "", kind: "Service", name: "shop" },
                defaultConfiguration: {
                    targetType: "ip",
                    healthCheckConfig: { healthCheckPath: "/healthz" },
                    tags: { team: "shop" },
                },
            });
        });

        it("writes objects the CRDs accept (Gateway API v1.6.0; the controller's gateway CRDs of v3.2.0 and v3.5.0)", () => {
            for (const version of ["v3.2.0", "v3.5.0"]) {
                for (const type of [T.route, T.tgc]) {
                    const { apiVersion, kind, metadata, spec } = one(type).inputs;
                    assert.deepStrictEqual(crdSchemaProblems({ apiVersion, kind, metadata, spec }, version), [], type);
                }
            }
        });

        it("creates Namespace → Service → TargetGroupConfiguration → HTTPRoute → Deployment (readiness gate)", () => {
            assert.strictEqual(one(T.ns).inputs.metadata.labels["elbv2.k8s.aws/pod-readiness-gate-inject"], "enabled");
            assert.ok(waitsFor(one(T.svc), one(T.ns)), "Service after Namespace");
            assert.ok(waitsFor(one(T.tgc), one(T.svc)), "TargetGroupConfiguration after Service");
            assert.ok(waitsFor(one(T.route), one(T.tgc)), "route after its TargetGroupConfiguration");
            assert.ok(waitsFor(one(T.deploy), one(T.route)), "Deployment after the route");
            assert.ok(!waitsFor(one(T.route), one(T.deploy)), "the route does not wait for the pods");
        });

        it("exposes the route's name, no Ingress, and the host as hostname and URL", async () => {
            assert.strictEqual(await valueOf(app.routeName), "shop");
            assert.strictEqual(await valueOf(app.ingressName), undefined);
            assert.strictEqual(await valueOf(app.hostname), "shop.example.com");
            assert.strictEqual(await valueOf(app.url), "http://shop.example.com/api");
        });
    });

    it("keeps Deployment → Service → route for instance targets, and maps Exact paths", async () => {
        const { ref } = standInGateway();
        new IngressApp("plain", base({ targetType: "instance", gateway: ref, pathType: "Exact", path: "/status" }));
        await settle();
        assert.ok(waitsFor(one(T.route), one(T.deploy)));
        assert.ok(!waitsFor(one(T.deploy), one(T.route)));
        assert.strictEqual(one(T.svc).inputs.spec.type, "NodePort");
        assert.deepStrictEqual(one(T.route).inputs.spec.rules[0].matches, [
            { path: { type: "Exact", value: "/status" } },
        ]);
        assert.strictEqual(one(T.route).inputs.spec.parentRefs[0].sectionName, undefined);
        assert.strictEqual(one(T.route).inputs.spec.hostnames, undefined);
        assert.strictEqual(one(T.tgc).inputs.spec.defaultConfiguration.targetType, "instance");
    });

    it("creates every object after the Gateway and deletes it before (the dependency flows through the Outputs)", async () => {
        const { gw, ref } = standInGateway();
        new IngressApp("after", base({ gateway: ref }));
        await settle();
        const gateway = one(T.gateway);
        assert.strictEqual(gateway.urn, await valueOf(gw.urn));
        for (const type of [T.ns, T.svc, T.tgc, T.route, T.deploy]) {
            assert.ok(waitsFor(one(type), gateway), `${type} waits for the Gateway (and is deleted before it)`);
        }
        assert.ok(one(T.route).dependencies.includes(gateway.urn), "the route depends on the Gateway directly");
        assert.ok(!waitsFor(gateway, one(T.route)), "no cycle");
    });

    it("chains controller release → GatewayClass → Gateway → app with the package's own AlbGateway", async () => {
        const controller = new AlbIngressController("lbc", controllerArgs({ gatewayApi: true }));
        const gw = new AlbGateway("edge", { gatewayClassName: controller.gatewayClassName.apply((n) => n!) });
        new IngressApp(
            "web",
            base({ gateway: { name: gw.gatewayName, namespace: gw.gatewayNamespace, sectionName: gw.sectionName } }),
        );
        await settle();
        const release = one(T.release, "lbc-release");
        const gateway = one(T.gateway);
        for (const type of [T.ns, T.svc, T.tgc, T.route, T.deploy]) {
            assert.ok(waitsFor(one(type), gateway), `${type} after the Gateway`);
            assert.ok(waitsFor(one(type), release), `${type} after the controller's release`);
        }
        assert.deepStrictEqual(
            crdSchemaProblems({ ...one(T.route).inputs, metadata: {} } as never),
            [],
            "the route the AlbGateway's outputs build is valid",
        );
    });

    describe("refuses at construction, registering nothing", () => {
        const gateway = { name: "edge", namespace: "gateways" };
        const cases: [string, Record<string, unknown>, RegExp][] = [
            [
                "ingressClassName next to gateway",
                { ingressClassName: "alb" },
                /`ingressClassName` selects an IngressClass, and an app with `gateway` gets an HTTPRoute/,
            ],
            ["autoMode next to gateway", { autoMode: true }, /`autoMode` selects an IngressClass/],
            [
                "annotations (they configure an Ingress)",
                { annotations: { "example.com/x": "y" } },
                /`annotations` configures the Ingress or its load balancer, and an app with `gateway` has no Ingress: the Gateway carries/,
            ],
            ["group", { group: { name: "shared" } }, /`group` configures the Ingress/],
            ["scheme", { scheme: "internet-facing" }, /`scheme` configures the Ingress/],
            ["certificateArns", { certificateArns: [CERT] }, /`certificateArns` configures the Ingress/],
            ["sslRedirect", { sslRedirect: false }, /`sslRedirect` configures the Ingress/],
            ["sslPolicy", { sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" }, /`sslPolicy` configures the Ingress/],
            ["inboundCidrs", { inboundCidrs: ["10.0.0.0/8"] }, /`inboundCidrs` configures the Ingress/],
            ["wafv2AclArn", { wafv2AclArn: "none" }, /`wafv2AclArn` configures the Ingress/],
            [
                "an ImplementationSpecific path (no HTTPRoute match type)",
                { pathType: "ImplementationSpecific" },
                /`pathType` must be "Prefix" or "Exact" with `gateway`/,
            ],
            [
                "a path the HTTPRoute CRD refuses",
                { path: "/a//b" },
                /`path` must not contain "\/\/", "\/.\/", "\/..\/", "%2f" or "#" \(the HTTPRoute CRD's path rules\)/,
            ],
            [
                "a gateway without a namespace",
                { gateway: { name: "edge" } },
                /`gateway.namespace` must be a DNS-1123 label/,
            ],
            [
                "a misspelled gateway field",
                { gateway: { ...gateway, listener: "http" } },
                /`gateway.listener` is not an argument/,
            ],
            [
                "a listener name that is not one",
                { gateway: { ...gateway, sectionName: "HTTPS" } },
                /`gateway.sectionName` must be the name of a listener/,
            ],
            [
                "a gateway that is not an object",
                { gateway: "edge" },
                /`gateway` must be \{ name, namespace, sectionName\? \}/,
            ],
        ];
        for (const [what, overrides, message] of cases) {
            it(what, async () => {
                assert.throws(
                    () => new IngressApp("bad", { ...base({ gateway }), ...overrides } as IngressAppArgs),
                    (e: unknown) => e instanceof InvalidArgumentsError && message.test(e.message),
                );
                await settle();
                assert.deepStrictEqual(recorded, []);
            });
        }

        it("names every Ingress argument given at once", () => {
            assert.throws(
                () =>
                    new IngressApp("bad", {
                        ...base({ gateway }),
                        scheme: "internal",
                        certificateArns: [CERT],
                        annotations: {},
                    }),
                (e: unknown) =>
                    e instanceof InvalidArgumentsError &&
                    ["scheme", "certificateArns", "annotations"].every((a) =>
                        e.problems.some((p) => p.startsWith(`\`${a}\` configures the Ingress`)),
                    ),
            );
        });
    });

    it("checks a gateway reference known only at deploy time when it resolves, before any child registers", async () => {
        const app = new IngressApp(
            "late",
            base({ gateway: { name: pulumi.output("Edge_GW"), namespace: "gateways" } }),
        );
        await assert.rejects(
            valueOf(app.routeName),
            /IngressApp "late": invalid arguments:\n {2}- `gateway.name` must be a DNS-1123 subdomain/,
        );
        await settle();
        assert.deepStrictEqual(
            recorded.map((r) => r.type),
            [T.app],
        );
    });
});
