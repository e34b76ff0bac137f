import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as k8s from "@pulumi/kubernetes";
import { AlbIngressController, InvalidArgumentsError } from "../../../components/index";
import { crdInputs, crdResourceName } from "../../../components/controller/controllerCrds";
import { crdsOf } from "../../../components/controller/crds";
import { CONTROLLER_VERSIONS } from "../../../components/controller/versions";
import { GATEWAY_API_DIR, gatewayApiCrds } from "../../../components/gateway/gatewayApi";
import { decide } from "../../../plan/lifecycle/diff";
import { type StateResource, type Step, emptyWorld, noChanges, up } from "../../../plan/lifecycle/world";
import { type StackFiles, loadStackFiles } from "../../../plan/stackFiles";
import { gatewayClassProblems } from "eks-alb-ingress-rules";
import { crdSchemaProblems } from "../../harness/crdSchema";
import { REFERENCE, controllerArgs } from "../../harness/fixtures";
import { one, ofType, waitsFor } from "../../harness/graph";
import { type Recorded, recorded, reset, settle, valueOf } from "../../harness/mocks";

const CRD = "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const GATEWAY_CLASS = "kubernetes:gateway.networking.k8s.io/v1:GatewayClass";
const STANDARD = gatewayApiCrds().map((c) => c.name);

const featureGates = (release: Recorded) =>
    (release.inputs.values.controllerConfig as { featureGates?: Record<string, unknown> } | undefined)?.featureGates;

describe("AlbIngressController: gatewayApi", () => {
    it('is off by default: no Gateway API CRDs, no GatewayClass, no feature gate, gatewayClassName ""', async () => {
        const c = new AlbIngressController("lbc", controllerArgs());
        await settle();
        const names = ofType(CRD).map((r) => r.inputs.metadata.name as string);
        assert.deepStrictEqual(
            names.filter((n) => n.endsWith(".gateway.networking.k8s.io")),
            [],
        );
        assert.deepStrictEqual(ofType(GATEWAY_CLASS), []);
        assert.strictEqual(featureGates(one(RELEASE, "lbc-release")), undefined);
        assert.strictEqual(await valueOf(c.gatewayClassName), "");
    });

    it("applies each Gateway API v1.6.0 standard CRD as its own resource, verbatim and forced, before the release", async () => {
        new AlbIngressController("lbc", controllerArgs({ gatewayApi: true }));
        await settle();
        const release = one(RELEASE, "lbc-release");
        assert.deepStrictEqual(STANDARD.length, 10);
        for (const crd of gatewayApiCrds()) {
            const r = one(CRD, crdResourceName("lbc", crd));
            assert.strictEqual(r.inputs.metadata.annotations["pulumi.com/patchForce"], "true");
            assert.deepStrictEqual(r.inputs, crdInputs(crd));
            assert.ok(waitsFor(release, r), `the release waits for ${crd.name}`);
        }
        // the controller's own gateway CRDs of its version are there too (they always were), also before the release
        for (const crd of crdsOf("v3.5.0").filter((c) => c.group === "gateway.k8s.aws")) {
            assert.ok(waitsFor(release, one(CRD, crdResourceName("lbc", crd))), crd.name);
        }
    });

    it("creates the GatewayClass for gateway.k8s.aws/alb after the release; its output carries that dependency", async () => {
        const c = new AlbIngressController("lbc", controllerArgs({ gatewayApi: true, gatewayClassName: "shared-alb" }));
        // a consumer that only takes the output, as AlbGateway does
        new k8s.apiextensions.CustomResource("consumer", {
            apiVersion: "example.com/v1",
            kind: "Consumer",
            metadata: { name: "x" },
            spec: { className: c.gatewayClassName },
        });
        await settle();
        const gatewayClass = one(GATEWAY_CLASS, "lbc-gateway-class");
        assert.strictEqual(gatewayClass.inputs.metadata.name, "shared-alb");
        assert.strictEqual(gatewayClass.inputs.spec.controllerName, "gateway.k8s.aws/alb");
        assert.deepStrictEqual(crdSchemaProblems(gatewayClass.inputs), []);
        assert.deepStrictEqual(gatewayClassProblems(gatewayClass.inputs), []);
        const release = one(RELEASE, "lbc-release");
        assert.ok(waitsFor(gatewayClass, release), "the class waits for the release");
        // and on its CRD directly: turned off with deleteCrdsOnDestroy, the class goes first although the release stays
        const classCrd = one(CRD, "lbc-crd-gatewayclasses.gateway.networking.k8s.io");
        assert.ok(gatewayClass.dependencies.includes(classCrd.urn));
        assert.ok(
            waitsFor(one("kubernetes:example.com/v1:Consumer"), gatewayClass),
            "the consumer waits for the class",
        );
        assert.strictEqual(await valueOf(c.gatewayClassName), "shared-alb");
    });

    it("turns the chart's feature gate ALBGatewayAPI on (off by default before v3.2.0), keeping the user's other gates", async () => {
        for (const version of ["v3.0.0", "v3.5.0"]) {
            reset();
            new AlbIngressController(
                "lbc",
                controllerArgs({
                    version,
                    gatewayApi: true,
                    helmValues: { controllerConfig: { featureGates: { NLBGatewayAPI: false } } },
                }),
            );
            await settle();
            assert.deepStrictEqual(featureGates(one(RELEASE, "lbc-release")), {
                NLBGatewayAPI: false,
                ALBGatewayAPI: true,
            });
        }
    });

    it("keeps the Gateway API CRDs on destroy unless deleteCrdsOnDestroy, and applies them with crdProvider", async () => {
        const crdProvider = new k8s.Provider("crds", { upsertExistingObjects: true });
        new AlbIngressController("kept", controllerArgs({ gatewayApi: true, crdProvider }));
        new AlbIngressController("gone", controllerArgs({ gatewayApi: true, deleteCrdsOnDestroy: true }));
        await settle();
        for (const crd of gatewayApiCrds()) {
            const kept = one(CRD, crdResourceName("kept", crd));
            assert.strictEqual(kept.options.retainOnDelete, true);
            assert.match(kept.provider ?? "", /::crds::/);
            assert.strictEqual(one(CRD, crdResourceName("gone", crd)).options.retainOnDelete, false);
        }
    });

    describe("refusals (nothing registered)", () => {
        const refused = (args: Record<string, unknown>, ...expected: RegExp[]) => {
            assert.throws(
                () => new AlbIngressController("lbc", controllerArgs(args)),
                (e: unknown) =>
                    e instanceof InvalidArgumentsError && expected.every((re) => e.problems.some((p) => re.test(p))),
            );
            assert.strictEqual(recorded.length, 0);
        };

        it("refuses releases without production Gateway API support, naming v3.0.0", () => {
            const older = CONTROLLER_VERSIONS.filter((v) => v.startsWith("v2."));
            assert.ok(older.includes("v2.17.1"));
            for (const version of older) {
                refused({ version, gatewayApi: true }, /^`gatewayApi` needs controller v3\.0\.0 or newer.*"v2\./);
            }
            new AlbIngressController("ok", controllerArgs({ version: "v3.0.0", gatewayApi: true }));
        });

        it("refuses a gatewayClassName that is no DNS-1123 subdomain, or without gatewayApi", () => {
            refused({ gatewayApi: true, gatewayClassName: "Shared_ALB" }, /^`gatewayClassName` must be a DNS-1123/);
            refused({ gatewayClassName: "alb" }, /^`gatewayClassName` is only used with `gatewayApi: true`/);
            refused({ gatewayApi: "yes" }, /^`gatewayApi` must be true or false/);
        });

        it("refuses the ALBGatewayAPI gate in helmValues when the component sets it", () => {
            refused(
                { gatewayApi: true, helmValues: { controllerConfig: { featureGates: { ALBGatewayAPI: false } } } },
                /^`helmValues\.controllerConfig\.featureGates\.ALBGatewayAPI` is set by the component/,
            );
        });
    });

    describe("lifecycle", () => {
        /** The state the engine keeps for `r` after an up. */
        const stateOf = (r: Recorded): StateResource =>
            ({ ...r, id: `${r.name}-id`, outputs: r.inputs }) as unknown as StateResource;

        async function registrations(args: Record<string, unknown>): Promise<Recorded[]> {
            reset();
            new AlbIngressController("lbc", controllerArgs(args));
            await settle();
            return [...recorded];
        }

        it("turning it on updates the release in place and leaves every existing CRD unchanged", async () => {
            const before = await registrations({});
            const after = await registrations({ gatewayApi: true });
            const old = new Map(before.map((r) => [r.urn, r]));
            const ops = after.map((r): [string, string] => [
                r.name,
                old.has(r.urn) ? decide(stateOf(old.get(r.urn)!), r, new Set()).op : "create",
            ]);
            const byName = new Map(ops);
            assert.strictEqual(byName.get("lbc-release"), "update");
            for (const crd of crdsOf("v3.5.0")) assert.strictEqual(byName.get(crdResourceName("lbc", crd)), "same");
            for (const name of STANDARD) assert.strictEqual(byName.get(`lbc-crd-${name}`), "create");
            assert.strictEqual(byName.get("lbc-gateway-class"), "create");
            assert.deepStrictEqual(
                ops.filter(([, op]) => op === "replace").map(([n]) => n),
                [],
            );
            // and off again: only the GatewayClass and the Gateway API CRDs leave the program; the CRDs are retained
            const urns = new Set(before.map((r) => r.urn));
            const leaving = after.filter((r) => !urns.has(r.urn));
            assert.deepStrictEqual(
                leaving.map((r) => r.name).sort(),
                ["lbc-gateway-class", ...STANDARD.map((n) => `lbc-crd-${n}`)].sort(),
            );
            for (const r of leaving.filter((x) => x.type === CRD)) assert.strictEqual(r.options.retainOnDelete, true);
        });
    });

    describe("lifecycle in the plan's world (dev stack)", function () {
        this.timeout(600_000);
        const ROOT = path.resolve(__dirname, "..", "..", "..");
        const dev = loadStackFiles(ROOT, "dev");
        /** `files` with the controller config patched. */
        const withController = (files: StackFiles, patch: Record<string, unknown>): StackFiles => {
            const key = `${files.project}:controller`;
            const controller = { ...(JSON.parse(files.config[key]) as Record<string, unknown>), ...patch };
            return { ...files, config: { ...files.config, [key]: JSON.stringify(controller) } };
        };
        const isGatewayApi = (s: Step) => s.name.endsWith(".gateway.networking.k8s.io");

        it("on: creates the CRDs and the class, updates the release, replaces nothing; off: retains the CRDs", async () => {
            const first = await up(emptyWorld(), dev);
            const on = await up(first.world, withController(dev, { gatewayApi: true }));
            assert.deepStrictEqual(
                on.steps.filter((s) => s.errors.length > 0).map((s) => `${s.name}: ${s.errors.join()}`),
                [],
            );
            assert.deepStrictEqual(
                on.steps.filter((s) => s.op === "replace" || s.op === "delete").map((s) => s.name),
                [],
            );
            assert.strictEqual(on.steps.find((s) => s.name === "lbc-release")?.op, "update");
            assert.deepStrictEqual(
                on.steps.filter(isGatewayApi).map((s) => s.op),
                STANDARD.map(() => "create"),
            );
            assert.strictEqual(on.steps.find((s) => s.name === "lbc-gateway-class")?.op, "create");
            const again = await up(on.world, withController(dev, { gatewayApi: true }));
            assert.ok(noChanges(again.steps), "a second up changes nothing");

            const off = await up(on.world, dev);
            const deletes = off.steps.filter((s) => s.op === "delete");
            assert.deepStrictEqual(
                deletes.map((s) => s.name).sort(),
                ["lbc-gateway-class", ...STANDARD.map((n) => `lbc-crd-${n}`)].sort(),
            );
            for (const s of deletes.filter(isGatewayApi)) assert.strictEqual(s.retained, true, s.name);
            // the class goes before its CRD would (the engine runs deletes dependents first)
            const names = deletes.map((s) => s.name);
            assert.ok(
                names.indexOf("lbc-gateway-class") < names.indexOf("lbc-crd-gatewayclasses.gateway.networking.k8s.io"),
            );
            const inCluster = [...off.world.external.kubernetes.keys()];
            for (const name of STANDARD)
                assert.ok(
                    inCluster.some((k) => k.endsWith(`/CustomResourceDefinition/_/${name}`)),
                    name,
                );
        });
    });

    it("bundles the Gateway API CRD files verbatim from the reference copy, and CRDs only", () => {
        const ours = fs.readdirSync(GATEWAY_API_DIR).sort();
        const upstream = fs.readdirSync(path.join(REFERENCE, "gateway-api", "v1.6.0")).sort();
        assert.deepStrictEqual(
            ours,
            upstream.filter((f) => !f.includes("vap_safeupgrades")),
        );
        for (const file of ours) {
            assert.strictEqual(
                fs.readFileSync(path.join(GATEWAY_API_DIR, file), "utf8"),
                fs.readFileSync(path.join(REFERENCE, "gateway-api", "v1.6.0", file), "utf8"),
                file,
            );
        }
    });
});
