/**
 * alb-annotations-known reads an Ingress's backends the way the controller does, in both API shapes: the
 * networking.k8s.io/v1 `service: { name, port: { name | number } }` and the removed extensions/v1beta1
 * `serviceName`/`servicePort`, in rules and in the default backend (`spec.defaultBackend`, v1beta1 `spec.backend`).
 * Backend-level rules (rules/ingressBackendRules.ts) only fire when the backend reaches them, so each case below is
 * one the controller rejects at reconcile time and the pack must report in every shape.
 */
import * as assert from "assert";
import { albAnnotationsKnown, albIngressClassName } from "../../policy-pack/policies/ingress";
import { runResourcePolicy } from "../harness/policies";

const A = (k: string) => `alb.ingress.kubernetes.io/${k}`;
const V1 = "kubernetes:networking.k8s.io/v1:Ingress";
const V1BETA1 = "kubernetes:extensions/v1beta1:Ingress";

/** `actions.redirect` whose type the controller does not know (config_types.go Action.validate). */
const BAD_ACTION = { [A("actions.redirect")]: '{"type": "bounce"}' };

const v1Backend = (name: string, port: { name: string } | { number: number }) => ({ service: { name, port } });
const v1beta1Backend = (serviceName: string, servicePort: string | number) => ({ serviceName, servicePort });

function ingressOf(type: string, annotations: Record<string, string>, spec: Record<string, unknown>) {
    return {
        type,
        name: "web",
        props: {
            metadata: { name: "web", namespace: "apps", annotations },
            spec: { ingressClassName: "alb", ...spec },
        },
    };
}
const inRule = (backend: unknown) => ({ rules: [{ http: { paths: [{ path: "/", pathType: "Prefix", backend }] } }] });

async function reported(f: ReturnType<typeof ingressOf>): Promise<string[]> {
    return (await runResourcePolicy(albAnnotationsKnown, f)).violations;
}

describe("alb-annotations-known over the Ingress's backends", () => {
    for (const [shape, type, spec] of [
        ["a v1 rule backend", V1, inRule(v1Backend("redirect", { name: "use-annotation" }))],
        ["a v1 default backend", V1, { defaultBackend: v1Backend("redirect", { name: "use-annotation" }) }],
        ["a v1beta1 rule backend", V1BETA1, inRule(v1beta1Backend("redirect", "use-annotation"))],
        ["a v1beta1 default backend", V1BETA1, { backend: v1beta1Backend("redirect", "use-annotation") }],
    ] as const) {
        it(`reports a malformed action that ${shape} uses (port use-annotation)`, async () => {
            const v = await reported(ingressOf(type, BAD_ACTION, spec));
            assert.ok(
                v.some((m) => m.includes(`Ingress ${A("actions.redirect")} type must be one of`)),
                v.join("\n"),
            );
        });
    }

    it("does not read actions.<name> for a backend that routes to a Service port", async () => {
        for (const spec of [
            inRule(v1Backend("redirect", { number: 80 })),
            inRule(v1Backend("redirect", { name: "http" })),
        ]) {
            assert.deepStrictEqual(await reported(ingressOf(V1, BAD_ACTION, spec)), []);
        }
    });

    it("judges backend rules only on Ingresses the ALB serves", async () => {
        // The class annotation decides first (classifyIngress): this Ingress belongs to another controller.
        const other = ingressOf(
            V1,
            { ...BAD_ACTION, "kubernetes.io/ingress.class": "nginx" },
            { ...inRule(v1Backend("redirect", { name: "use-annotation" })), ingressClassName: undefined },
        );
        assert.deepStrictEqual(await reported(other), []);
    });

    it("reports target-control-port for the backend's Service when targets are instances", async () => {
        const annotations = { [A("target-control-port.web.80")]: "8080" };
        const v = await reported(ingressOf(V1, annotations, inRule(v1Backend("web", { number: 80 }))));
        assert.ok(
            v.some((m) => m.includes(`${A("target-control-port.web.80")} needs ip targets`)),
            v.join("\n"),
        );
        const ip = { ...annotations, [A("target-type")]: "ip" };
        assert.deepStrictEqual(await reported(ingressOf(V1, ip, inRule(v1Backend("web", { number: 80 })))), []);
    });
});

describe("alb-ingress-class-name: an empty class is no class", () => {
    for (const ingressClassName of [undefined, null, ""]) {
        it(`advises spec.ingressClassName when it is ${JSON.stringify(ingressClassName)}`, async () => {
            const f = ingressOf(
                V1,
                { [A("scheme")]: "internal" },
                { ...inRule(v1Backend("web", { number: 80 })), ingressClassName },
            );
            const v = (await runResourcePolicy(albIngressClassName, f)).violations;
            assert.strictEqual(v.length, 1, v.join("\n"));
            assert.match(v[0], /Ingress sets no class/);
        });
    }
});
