/**
 * The offline policy runner (plan/policyRunner.ts, also the policy specs' harness) behaves as the policy server
 * (pulumi/pulumi-policy sdk/nodejs/policy/server.ts, policy.ts) for what a policy author relies on: config
 * defaults under the given config, each validateResource function may be not-applicable on its own, async
 * validations are awaited, stack policies see parents and dependencies as resources, levels as configured.
 */
import * as assert from "assert";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import * as k8s from "@pulumi/kubernetes";
import {
    type Fake,
    configWithDefaults,
    fakesOf,
    policyResources,
    runPolicies,
    runResourcePolicy,
    runStackPolicy,
} from "../../plan/policyRunner";
import type { Recorded } from "../../plan/engine";

const DEPLOYMENT: Fake = { type: "kubernetes:apps/v1:Deployment", props: { spec: { replicas: 1 } } };
const SERVICE: Fake = { type: "kubernetes:core/v1:Service", name: "svc", props: {} };

const resourcePolicy = (
    name: string,
    validateResource: ResourceValidationPolicy["validateResource"],
    extra: Partial<ResourceValidationPolicy> = {},
): ResourceValidationPolicy => ({ name, description: name, validateResource, ...extra });

describe("policy runner, as the policy server runs a pack", () => {
    it("names a resource without a name `res` in its URN, and reports that URN", async () => {
        const p = resourcePolicy("p", (args, report) => report(`${args.name} ${args.urn}`));
        assert.deepStrictEqual(await runPolicies([p], [DEPLOYMENT]), [
            {
                policy: "p",
                enforcementLevel: "advisory",
                message: "res urn:pulumi:test::proj::kubernetes:apps/v1:Deployment::res",
                urn: "urn:pulumi:test::proj::kubernetes:apps/v1:Deployment::res",
            },
        ]);
    });

    it("answers isType and asType for SDK resource classes", async () => {
        const seen: unknown[] = [];
        const p = resourcePolicy("p", (args) => {
            seen.push(args.isType(k8s.apps.v1.Deployment), args.asType(k8s.apps.v1.Deployment) !== undefined);
            seen.push(args.isType(k8s.core.v1.Service), args.asType(k8s.core.v1.Service));
        });
        await runResourcePolicy(p, DEPLOYMENT);
        assert.deepStrictEqual(seen, [true, true, false, undefined]);
        const withIsInstanceOnly = { isInstance: (o: any) => o.__pulumiType === "kubernetes:apps/v1:Deployment" };
        const q = resourcePolicy("q", (args, report) => report(String(args.isType(withIsInstanceOnly as any))));
        assert.deepStrictEqual((await runResourcePolicy(q, DEPLOYMENT)).violations, ["true"]);
        const classes: [unknown, boolean][] = [
            [{ __pulumiType: "kubernetes:apps/v1:Deployment" }, true],
            [{ isInstance: () => false }, false],
            [{}, false],
            [undefined, false],
        ];
        const r = resourcePolicy("r", (args, report) =>
            classes.forEach(([c]) => report(String(args.isType(c as any)))),
        );
        assert.deepStrictEqual(
            (await runResourcePolicy(r, DEPLOYMENT)).violations,
            classes.map(([, is]) => String(is)),
        );
    });

    it("fills configSchema defaults (falsy ones too) under the given config, without enforcementLevel", () => {
        const schema = {
            properties: {
                n: { type: "integer", default: 0 },
                on: { type: "boolean", default: false },
                list: { type: "array", default: ["a"] },
                none: { type: "string" },
                undef: { type: "string", default: undefined },
                anything: true,
                nothing: null,
            },
        } as any;
        assert.deepStrictEqual(configWithDefaults(schema, { enforcementLevel: "mandatory", n: 3 }), {
            n: 3,
            on: false,
            list: ["a"],
        });
        const a = configWithDefaults(schema);
        (a.list as string[]).push("b");
        assert.deepStrictEqual(configWithDefaults(schema).list, ["a"], "a default is not shared between runs");
    });

    it("passes the parent, the merged config and a not-applicable reason to each function", async () => {
        const p = resourcePolicy(
            "p",
            [
                (args, report) => report(`${args.opts.parent} ${JSON.stringify(args.getConfig())}`),
                (args) => args.notApplicable("not mine"),
            ],
            { configSchema: { properties: { n: { type: "integer", default: 2 } } } },
        );
        const r = await runResourcePolicy(p, { ...SERVICE, parent: "urn:parent" }, { m: 1 });
        assert.deepStrictEqual(r, {
            violations: [`urn:parent {"n":2,"m":1}`],
            notApplicable: ["not mine"],
            applicable: true,
        });
    });

    it("is not applicable only when every function says so, awaits async ones, and rethrows errors", async () => {
        const na = resourcePolicy("na", [(a) => a.notApplicable(), (a) => a.notApplicable("x")]);
        assert.deepStrictEqual(await runResourcePolicy(na, SERVICE), {
            violations: [],
            notApplicable: ["", "x"],
            applicable: false,
        });
        const later = resourcePolicy("later", async (_a, report) => {
            await new Promise((r) => setTimeout(r, 5));
            report("late");
        });
        assert.deepStrictEqual((await runResourcePolicy(later, SERVICE)).violations, ["late"]);
        const broken = resourcePolicy("broken", () => {
            throw new Error("bug in the policy");
        });
        await assert.rejects(runResourcePolicy(broken, SERVICE), /bug in the policy/);
        const empty = { name: "e", description: "e" } as ResourceValidationPolicy;
        assert.deepStrictEqual(await runResourcePolicy(empty, SERVICE), {
            violations: [],
            notApplicable: [],
            applicable: false,
        });
    });

    it("links parents and dependencies of stack resources by URN, dropping unknown ones", () => {
        const parent: Fake = { type: "t:p", name: "p", props: {} };
        const child: Fake = {
            type: "t:c",
            name: "c",
            props: {},
            parent: "urn:pulumi:test::proj::t:p::p",
            dependencies: ["urn:pulumi:test::proj::t:p::p", "urn:nowhere"],
        };
        const [p, c] = policyResources([parent, child]);
        assert.strictEqual(c.parent, p);
        assert.deepStrictEqual(c.dependencies, [p]);
        assert.strictEqual(p.parent, undefined);
        assert.deepStrictEqual(p.dependencies, []);
        assert.strictEqual(c.isType(k8s.apps.v1.Deployment), false);
        assert.strictEqual(c.name, "c");
        assert.strictEqual(policyResources([DEPLOYMENT])[0].name, "res");
    });

    it("runs stack policies with config and URNs, not applicable when they say so", async () => {
        const stack: StackValidationPolicy = {
            name: "s",
            description: "s",
            configSchema: { properties: { max: { type: "integer", default: 1 } } },
            validateStack: (args, report) => {
                const { max } = args.getConfig<{ max: number }>();
                if (args.resources.length > max) report(`${args.resources.length} > ${max}`, args.resources[0].urn);
            },
        };
        assert.deepStrictEqual(await runStackPolicy(stack, [DEPLOYMENT, SERVICE]), {
            violations: [{ message: "2 > 1", urn: "urn:pulumi:test::proj::kubernetes:apps/v1:Deployment::res" }],
            applicable: true,
        });
        assert.deepStrictEqual((await runStackPolicy(stack, [DEPLOYMENT, SERVICE], { max: 2 })).violations, []);
        const na: StackValidationPolicy = { name: "n", description: "n", validateStack: (a) => a.notApplicable() };
        assert.deepStrictEqual(await runStackPolicy(na, []), { violations: [], applicable: false });
        const broken: StackValidationPolicy = {
            name: "b",
            description: "b",
            validateStack: () => {
                throw new Error("bug");
            },
        };
        await assert.rejects(runStackPolicy(broken, []), /bug/);
    });

    it("runs every policy at its configured level: disabled skipped, remediate as mandatory", async () => {
        const p = resourcePolicy("p", (_a, report) => report("r"), { enforcementLevel: "mandatory" });
        const s: StackValidationPolicy = {
            name: "s",
            description: "s",
            validateStack: (_a, report) => report("s"),
        };
        const levels = async (config: Record<string, Record<string, any>>) =>
            (await runPolicies([p, s], [SERVICE], config)).map((v) => `${v.policy}:${v.enforcementLevel}`);
        assert.deepStrictEqual(await levels({}), ["p:mandatory", "s:advisory"]);
        assert.deepStrictEqual(
            await levels({ p: { enforcementLevel: "disabled" }, s: { enforcementLevel: "remediate" } }),
            ["s:mandatory"],
        );
    });

    it("turns the plan's recorded registrations into resources", () => {
        const recorded = {
            type: "t:x",
            name: "x",
            urn: "urn:x",
            inputs: { a: 1 },
            parent: "urn:p",
            dependencies: ["urn:d"],
        } as unknown as Recorded;
        assert.deepStrictEqual(fakesOf([recorded]), [
            { type: "t:x", name: "x", urn: "urn:x", props: { a: 1 }, parent: "urn:p", dependencies: ["urn:d"] },
        ]);
    });
});
