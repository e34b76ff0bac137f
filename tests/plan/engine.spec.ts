/**
 * plan/engine.ts, the recording engine the harness and the plan share: what it records of a registration (type, name,
 * inputs, parent, provider, dependencies, secrets, options) must be what the engine receives in the register request
 * (pulumi/pulumi sdk/nodejs/runtime/resource.ts `prepareResource`/`registerResource`), since every component, stack and
 * plan spec asserts on it. Hooks, invokes, `reset` and `installMocks`: engineEdges.spec.ts.
 */
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NO_OPTIONS, type Recorded } from "../../plan/engine";
import { one } from "../harness/graph";
import { settle, valueOf } from "../harness/mocks";

const R = "test:index:R";

/** A custom resource of a package no provider plugin is loaded for (the SDK's class is abstract). */
class Custom extends pulumi.CustomResource {
    constructor(name: string, props: pulumi.Inputs = {}, opts?: pulumi.CustomResourceOptions) {
        super(R, name, props, opts);
    }
}
const C = "test:index:C";
const ROLE = "aws:iam/role:Role";
/** The URN the engine gives a resource of this project and stack (`installMocks()`'s defaults). */
const urnOf = (qualifiedType: string, name: string) => `urn:pulumi:test::eks-alb-ingress::${qualifiedType}::${name}`;

describe("plan/engine.ts: what a registration records", () => {
    it("records a root resource's type, name, inputs and URN, with no parent, provider, dependency or option", async () => {
        new Custom("plain", {
            text: "t",
            count: 2,
            enabled: false,
            nothing: null,
            list: [1, "two", [3], { four: 4 }],
            nested: { a: { b: "c" } },
        });
        await settle();
        const expected: Recorded = {
            urn: urnOf(R, "plain"),
            type: R,
            name: "plain",
            custom: true,
            inputs: {
                text: "t",
                count: 2,
                enabled: false,
                nothing: null,
                list: [1, "two", [3], { four: 4 }],
                nested: { a: { b: "c" } },
            },
            parent: undefined,
            provider: undefined,
            dependencies: [],
            propertyDependencies: { text: [], count: [], enabled: [], nothing: [], list: [], nested: [] },
            secretInputs: [],
            options: NO_OPTIONS,
        };
        assert.deepStrictEqual(one(R, "plain"), expected);
    });

    it("records a component as not custom, and a child's parent URN, which qualifies the child's type in its URN", async () => {
        const group = new pulumi.ComponentResource(C, "group", { size: 1 });
        new Custom("member", {}, { parent: group });
        await settle();
        const component = one(C, "group");
        assert.strictEqual(component.custom, false);
        assert.deepStrictEqual(component.inputs, { size: 1 });
        assert.strictEqual(component.parent, undefined);
        const member = one(R, "member");
        assert.strictEqual(member.parent, urnOf(C, "group"));
        assert.strictEqual(member.urn, urnOf(`${C}$${R}`, "member"));
    });

    it("expands dependsOn on a component to the custom resources below it, and keeps each input's dependencies", async () => {
        // sdk/nodejs/runtime/dependsOn.ts getAllTransitivelyReferencedResourceURNs: a component stands for the custom
        // resources in its subtree, never for itself or a nested component.
        const group = new pulumi.ComponentResource(C, "deps");
        const first = new Custom("first", {}, { parent: group });
        const inner = new pulumi.ComponentResource(C, "inner", {}, { parent: group });
        new Custom("second", {}, { parent: inner });
        const other = new Custom("other", { port: 80 });
        new Custom("after", { name: first.urn, fixed: "x" }, { dependsOn: [group, other] });
        await settle();
        const after = one(R, "after");
        assert.deepStrictEqual(
            [...after.dependencies].sort(),
            ["other", "first", "second"].map((n) => one(R, n).urn).sort(),
        );
        assert.deepStrictEqual(after.propertyDependencies, { name: [urnOf(`${C}$${R}`, "first")], fixed: [] });
        assert.deepStrictEqual(after.inputs, { name: urnOf(`${C}$${R}`, "first"), fixed: "x" });
    });

    it("unwraps secrets and names the top-level inputs that hold one", async () => {
        new Custom("secrets", {
            password: pulumi.secret("hunter2"),
            config: { token: pulumi.secret("t"), open: "o" },
            list: ["a", pulumi.secret("b")],
            open: "visible",
        });
        await settle();
        const r = one(R, "secrets");
        assert.deepStrictEqual(r.inputs, {
            password: "hunter2",
            config: { token: "t", open: "o" },
            list: ["a", "b"],
            open: "visible",
        });
        // The SDK's deserialization lifts a nested secret to its top-level property ("push secretness up to the top
        // level", sdk/nodejs/runtime/rpc.ts deserializeProperty), so the names are the top-level keys.
        assert.deepStrictEqual([...r.secretInputs].sort(), ["config", "list", "password"]);
    });

    it("records a resource reference as { $ref: urn }, whatever kind of resource it names", async () => {
        const group = new pulumi.ComponentResource(C, "refs");
        const role = new aws.iam.Role("role", { assumeRolePolicy: "{}" }, { parent: group });
        const plainResource = new Custom("target", {});
        new pulumi.ComponentResource(C, "holder", {
            role,
            nested: { list: [plainResource, group], hidden: pulumi.secret(plainResource) },
        });
        await settle();
        const holder = one(C, "holder");
        assert.deepStrictEqual(holder.inputs, {
            role: { $ref: urnOf(`${C}$${ROLE}`, "role") },
            nested: {
                list: [{ $ref: urnOf(R, "target") }, { $ref: urnOf(C, "refs") }],
                hidden: { $ref: urnOf(R, "target") },
            },
        });
        assert.deepStrictEqual(holder.secretInputs, ["nested"]);
    });

    it("records the provider reference `urn::id` of an explicit provider, and none for the default provider", async () => {
        const east = new aws.Provider("east", { region: "us-east-1" });
        new aws.iam.Role("pinned", { assumeRolePolicy: "{}" }, { provider: east });
        new aws.iam.Role("unpinned", { assumeRolePolicy: "{}" });
        await settle();
        // sdk/nodejs/runtime/resource.ts: providerRef = `${providerURN}::${providerID}`.
        assert.strictEqual(one(ROLE, "pinned").provider, `${urnOf("pulumi:providers:aws", "east")}::east-id`);
        assert.strictEqual(one(ROLE, "unpinned").provider, undefined);
    });

    it("records every resource option the engine acts on across runs", async () => {
        const keeper = new Custom("keeper", {});
        new Custom(
            "guarded",
            { x: 1 },
            {
                protect: true,
                retainOnDelete: true,
                deleteBeforeReplace: true,
                replaceOnChanges: ["x", "spec.*"],
                ignoreChanges: ["tags"],
                aliases: [{ name: "old-name" }, urnOf(R, "older")],
                deletedWith: keeper,
            },
        );
        await settle();
        const { aliases, ...options } = one(R, "guarded").options;
        assert.deepStrictEqual(options, {
            protect: true,
            retainOnDelete: true,
            deleteBeforeReplace: true,
            importId: "",
            replaceOnChanges: ["x", "spec.*"],
            ignoreChanges: ["tags"],
            deletedWith: urnOf(R, "keeper"),
        });
        // The SDK sends both forms as `Alias` messages when the monitor supports them (the mock monitor does:
        // sdk/nodejs/runtime/mocks.ts setMocks, supportsAliasSpecs; runtime/resource.ts mapAliasesForRequest): a URN
        // stays a string (what plan/lifecycle/run.ts looks up in the old state), a spec is its message's `toObject()`,
        // whose unset fields are undefined (dropped by JSON).
        assert.strictEqual(aliases[1], urnOf(R, "older"));
        assert.deepStrictEqual(JSON.parse(JSON.stringify(aliases[0])), {
            spec: { name: "old-name", type: "", stack: "", project: "" },
        });
        assert.strictEqual(aliases.length, 2);
    });

    it("adopts an imported resource under its import id, and gives a new custom resource the id `<name>-id`", async () => {
        const adopted = new Custom("adopted", {}, { import: "existing-42" });
        const created = new Custom("created", {});
        await settle();
        assert.deepStrictEqual(one(R, "adopted").options, { ...NO_OPTIONS, importId: "existing-42" });
        assert.strictEqual(await valueOf(adopted.id), "existing-42");
        assert.strictEqual(await valueOf(created.id), "created-id");
    });
});
