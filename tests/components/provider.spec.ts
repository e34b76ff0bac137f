/**
 * The package served the way `pulumi package add` serves it to other languages, without the CLI: the SDK's
 * `ComponentProvider` over the package (tools/schema/packageSchema.ts mirrors @pulumi/pulumi `cmd/run-plugin`),
 * its `getSchema()`, and `construct()` under the mock engine with inputs that crossed the language boundary.
 */
import * as assert from "assert";
import type { PackageSpec } from "@pulumi/pulumi/provider/experimental/schema";
import { packageComponents, packageJson, packageProvider, providerIdentity } from "../../tools/schema/packageSchema";
import { COMPONENT_ARGS, acrossBoundary, outputValue, stateAcrossBoundary, token } from "../examples/componentArgs";
import { ofType, one, waitsFor } from "../harness/graph";
import { type Recorded, recorded, reset, settle, valueOf } from "../harness/mocks";

/** The components the package must offer every language (issues 13 and 14). */
const COMPONENTS = ["AlbGateway", "AlbIngressController", "AutoModeIngressClass", "IngressApp"];

/** What was registered, in a comparable form: sorted by URN, dependency lists sorted. */
function registrations(): Recorded[] {
    return recorded
        .map((r) => ({
            ...r,
            dependencies: [...r.dependencies].sort(),
            propertyDependencies: Object.fromEntries(
                Object.entries(r.propertyDependencies).map(([k, urns]) => [k, [...urns].sort()]),
            ),
        }))
        .sort((a, b) => a.urn.localeCompare(b.urn));
}

describe("the package served as a Pulumi plugin (ComponentProvider)", function () {
    this.timeout(180000);
    let schema: PackageSpec;
    before(async () => {
        schema = JSON.parse(await packageProvider().getSchema()) as PackageSpec;
    });

    it("serves the schema under the name and version the plugin host takes from package.json", () => {
        const pkg = packageJson();
        assert.deepStrictEqual(providerIdentity(pkg.name), { name: "eks-alb-ingress" });
        assert.strictEqual(schema.name, "eks-alb-ingress");
        assert.strictEqual(schema.version, pkg.version);
        assert.strictEqual(schema.description, pkg.description);
    });

    it("serves every component, and only components, as eks-alb-ingress:index:<Class>", () => {
        assert.deepStrictEqual(
            packageComponents()
                .map((c) => c.name)
                .sort(),
            COMPONENTS,
        );
        assert.deepStrictEqual(Object.keys(schema.resources).sort(), COMPONENTS.map(token));
        for (const c of COMPONENTS) assert.strictEqual(schema.resources[token(c)].isComponent, true, c);
    });

    it("has valid construct arguments in this spec for every component it serves", () => {
        assert.deepStrictEqual(Object.keys(COMPONENT_ARGS).sort(), COMPONENTS);
    });

    for (const [component, args] of Object.entries(COMPONENT_ARGS)) {
        it(`constructs ${component} through construct() with the registrations of the TypeScript path`, async () => {
            const name = `ml-${component.toLowerCase()}`;
            const Class = packageComponents().find((c) => c.name === component);
            assert.ok(Class, `${component} is not exported`);
            const outputNames = Object.keys(schema.resources[token(component)].properties ?? {});
            const instance = new Class(name, args) as unknown as Record<string, unknown>;
            const directState = await stateAcrossBoundary(Object.fromEntries(outputNames.map((k) => [k, instance[k]])));
            await settle();
            const direct = registrations();
            reset();

            const inputs = await acrossBoundary(args);
            const result = await packageProvider().construct(name, token(component), inputs, {});
            await settle();
            const served = registrations();

            assert.ok(direct.length > 1, `${component} registered no children`);
            assert.deepStrictEqual(served, direct);
            assert.strictEqual(await valueOf(result.urn), one(token(component), name).urn);
            // The construct response carries exactly the schema's outputs, with the values TypeScript gets.
            assert.deepStrictEqual(Object.keys(result.state).sort(), [...outputNames].sort());
            assert.deepStrictEqual(await stateAcrossBoundary(result.state), directState);
        });
    }

    it("refuses a type token of another package", async () => {
        await assert.rejects(
            packageProvider().construct("x", "other:index:IngressApp", {}, {}),
            /Invalid package name other, expected 'eks-alb-ingress'/,
        );
    });

    /** An output of the component the app is wired to, as the calling SDK passes it on. */
    type Out = (output: string) => Record<string, unknown>;
    /** How an app from another language is wired to what serves it, and what its routing object must wait for. */
    const WIRINGS = [
        {
            via: "the controller's class",
            server: "AlbIngressController",
            waitsFor: "kubernetes:helm.sh/v3:Release",
            routing: "kubernetes:networking.k8s.io/v1:Ingress",
            app: (out: Out) => ({ ingressClassName: out("ingressClassName") }),
        },
        {
            via: "the Auto Mode class",
            server: "AutoModeIngressClass",
            waitsFor: "kubernetes:networking.k8s.io/v1:IngressClass",
            routing: "kubernetes:networking.k8s.io/v1:Ingress",
            app: (out: Out) => ({ ingressClassName: out("ingressClassName"), autoMode: true }),
        },
        {
            via: "a gateway",
            server: "AlbGateway",
            waitsFor: "kubernetes:gateway.networking.k8s.io/v1:Gateway",
            routing: "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute",
            app: (out: Out) => ({ gateway: { name: out("gatewayName"), namespace: out("gatewayNamespace") } }),
        },
    ];
    for (const w of WIRINGS) {
        it(`keeps an app behind ${w.via} when both come from another language (create and delete order)`, async () => {
            const provider = packageProvider();
            const args = await acrossBoundary(COMPONENT_ARGS[w.server]);
            const server = await provider.construct("ml-srv", token(w.server), args, {});
            // The caller gets the outputs with the URNs each depends on, and passes both on to the app.
            const state = await stateAcrossBoundary(server.state);
            await settle();
            const target = one(w.waitsFor);
            const used = new Set<string>();
            const wiring: Record<string, unknown> = w.app((output) => {
                used.add(output);
                return outputValue(state.values[output], state.dependencies[output] ?? []);
            });
            const urns = [...used].flatMap((output) => state.dependencies[output] ?? []);
            assert.ok(urns.includes(target.urn), `the outputs ${[...used]} carry ${target.urn}`);
            const { image, containerPort } = COMPONENT_ARGS.IngressApp;
            const inputs = await acrossBoundary(
                { image, containerPort, targetType: "ip", ...wiring },
                // The SDK sends the dependencies of every property that holds an output.
                Object.fromEntries(
                    Object.entries(wiring)
                        .filter(([, v]) => JSON.stringify(v).includes(`"dependencies"`))
                        .map(([k]) => [k, urns]),
                ),
            );
            await provider.construct("ml-app", token("IngressApp"), inputs, {});
            await settle();
            const routing = ofType(w.routing).filter((r) => r.name.startsWith("ml-app"));
            assert.strictEqual(routing.length, 1, `one ${w.routing} of the app`);
            // The engine creates what a resource depends on first and deletes it last.
            assert.ok(routing[0].dependencies.includes(target.urn), `the app's ${w.routing} depends on ${target.urn}`);
            assert.ok(waitsFor(routing[0], target));
        });
    }
});
