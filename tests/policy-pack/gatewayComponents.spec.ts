import * as assert from "assert";
import { AlbGateway, AlbIngressController, AutoModeIngressClass, IngressApp } from "../../components/index";
import { policies } from "../../policy-pack/policies";
import { controllerArgs } from "../harness/fixtures";
import { recorded, settle } from "../harness/mocks";
import { fakesOf, runPolicies, runStackPolicy } from "../harness/policies";
import { CERT } from "./gatewayFixtures";

const GATEWAY_POLICIES = [
    "gateway-route-parent",
    "gateway-route-attachment",
    "gateway-features-supported",
    "gateway-features-ignored",
    "gateway-load-balancer-configuration",
    "gateway-internet-facing-https",
];

/** The components' Gateway and Auto Mode objects, as the engine records them, are what the pack accepts. */
describe("the gateway and Auto Mode policies over the components' objects", () => {
    it("find nothing in a controller with the Gateway API, an AlbGateway with certificates and an app routed through it", async () => {
        const controller = new AlbIngressController("lbc", controllerArgs({ gatewayApi: true }));
        const gw = new AlbGateway("edge", {
            gatewayClassName: controller.gatewayClassName.apply((n) => n ?? "alb"),
            scheme: "internet-facing",
            certificateArns: [CERT],
            routeNamespaces: "All",
        });
        new IngressApp("web", {
            image: "public.ecr.aws/nginx/nginx:1.27",
            containerPort: 80,
            targetType: "ip",
            gateway: { name: gw.gatewayName, namespace: gw.gatewayNamespace, sectionName: "https" },
        });
        await settle();
        const fakes = fakesOf(recorded);
        const found = (await runPolicies(policies, fakes)).filter((v) => GATEWAY_POLICIES.includes(v.policy));
        assert.deepStrictEqual(found, []);
        for (const name of GATEWAY_POLICIES) {
            const p = policies.find((x) => x.name === name)!;
            assert.ok("validateStack" in p && (await runStackPolicy(p, fakes)).applicable, `${name} applied`);
        }
    });
    it("report an app routed from its own namespace to a gateway that admits routes from the gateway's only", async () => {
        const controller = new AlbIngressController("lbc", controllerArgs({ gatewayApi: true }));
        const gw = new AlbGateway("edge", {
            gatewayClassName: controller.gatewayClassName.apply((n) => n ?? "alb"),
            certificateArns: [CERT],
        });
        new IngressApp("web", {
            image: "public.ecr.aws/nginx/nginx:1.27",
            containerPort: 80,
            targetType: "ip",
            gateway: { name: gw.gatewayName, namespace: gw.gatewayNamespace, sectionName: "https" },
        });
        await settle();
        const found = (await runPolicies(policies, fakesOf(recorded))).filter((v) =>
            GATEWAY_POLICIES.includes(v.policy),
        );
        assert.deepStrictEqual(
            found.map((v) => v.policy),
            ["gateway-route-attachment"],
        );
        assert.match(
            found[0].message,
            /listener https allows routes from its own namespace default only .* the route is in web/,
        );
    });
    it("find nothing in an Auto Mode IngressClass and an app on it", async () => {
        const auto = new AutoModeIngressClass("auto", { scheme: "internet-facing", certificateArns: [CERT] });
        new IngressApp("web", {
            image: "public.ecr.aws/nginx/nginx:1.27",
            containerPort: 80,
            targetType: "ip",
            ingressClassName: auto.ingressClassName,
            autoMode: true,
            host: "web.example.com",
        });
        await settle();
        const fakes = fakesOf(recorded);
        const p = policies.find((x) => x.name === "automode-ingress-annotations")!;
        const r = "validateStack" in p ? await runStackPolicy(p, fakes) : undefined;
        assert.deepStrictEqual([r?.violations, r?.applicable], [[], true]);
    });
});
