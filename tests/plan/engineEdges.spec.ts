/**
 * plan/engine.ts beyond one registration: the invokes it records and answers, `reset` between runs, `installMocks`
 * once per process, the lifecycle world's hooks (plan/lifecycle/run.ts) and `plain`'s secret paths.
 */
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type EngineHooks, type Recorded, installMocks, plain } from "../../plan/engine";
import { one } from "../harness/graph";
import { cloud, invokes, recorded, reset, setEngineHooks, settle, valueOf } from "../harness/mocks";

const R = "test:index:R";

/** A custom resource of a package no provider plugin is loaded for (the SDK's class is abstract). */
class Custom extends pulumi.CustomResource {
    constructor(name: string, props: pulumi.Inputs = {}, opts?: pulumi.CustomResourceOptions) {
        super(R, name, props, opts);
    }
}
const REGION = "aws:index/getRegion:getRegion";

/** Runs `body` with `hooks` set, and removes them afterwards. */
async function withHooks<T>(hooks: EngineHooks, body: () => Promise<T>): Promise<T> {
    setEngineHooks(hooks);
    try {
        return await body();
    } finally {
        setEngineHooks(undefined);
    }
}

/** The error `output` rejects with (its message), or fails when it resolves. */
async function failureOf(output: pulumi.Output<unknown>): Promise<string> {
    return valueOf(output).then(
        (v) => assert.fail(`expected a failure, got ${String(v)}`),
        (e: Error) => e.message,
    );
}

/**
 * A register request the mock monitor fails on before it answers (it has no transforms list), as an SDK whose monitor
 * stopped answering `newResource` synchronously would leave the engine: the registration stays the one being answered.
 */
async function registerUnanswered(type: string, name: string): Promise<void> {
    const request = {
        getType: () => type,
        getName: () => name,
        getCustom: () => true,
        getParent: () => "",
        getProvider: () => "",
        getObject: () => ({ toJavaScript: () => ({}) }),
        getDependenciesList: () => [],
        getPropertydependenciesMap: () => ({ forEach: () => undefined }),
        getProtect: () => false,
        getRetainondelete: () => false,
        getDeletebeforereplace: () => false,
        getImportid: () => "",
        getReplaceonchangesList: () => [],
        getIgnorechangesList: () => [],
        getAliasesList: () => [],
        getAliasurnsList: () => [],
        getDeletedwith: () => "",
    };
    const monitor = pulumi.runtime.getMonitor() as unknown as {
        registerResource(req: unknown, cb: (err: Error | null) => void): void;
    };
    const err = await new Promise<Error | null>((resolve) => monitor.registerResource(request, resolve));
    assert.match(String(err), /getTransformsList/);
}

describe("plan/engine.ts: invokes, reset, installation, hooks", () => {
    it("records each invoke with its token, inputs and the provider reference it was made with", async () => {
        const west = new aws.Provider("west", { region: "eu-west-1" });
        await aws.getRegion({});
        await aws.getCallerIdentity({}, { provider: west });
        assert.deepStrictEqual(invokes, [
            { token: REGION, inputs: {}, provider: undefined },
            {
                token: "aws:index/getCallerIdentity:getCallerIdentity",
                inputs: {},
                provider: "urn:pulumi:test::eks-alb-ingress::pulumi:providers:aws::west::west-id",
            },
        ]);
    });

    it("reset forgets the registrations and invokes and restores the fake cloud", async () => {
        const before = { ...cloud };
        new Custom("forgotten", {});
        await aws.getPartition({});
        await settle();
        Object.assign(cloud, { region: "eu-central-1", oidcProviderExists: true, autoMode: true });
        reset();
        assert.deepStrictEqual([recorded.length, invokes.length], [0, 0]);
        assert.deepStrictEqual(cloud, before);
        assert.strictEqual(cloud.region, "us-west-2");
    });

    it("installs the mocks once per process: a later call keeps the project, the stack and the recording", async () => {
        installMocks("another-project", "another-stack");
        new Custom("still", {});
        await settle();
        assert.deepStrictEqual([pulumi.getProject(), pulumi.getStack()], ["eks-alb-ingress", "test"]);
        assert.strictEqual(one(R, "still").urn, "urn:pulumi:test::eks-alb-ingress::test:index:R::still");
        assert.strictEqual(recorded.length, 1);
    });

    it("hands a hook each registration as recorded, and answers with the hook's id or else the fake cloud's", async () => {
        const seen: (Recorded | undefined)[] = [];
        const hooks: EngineHooks = {
            newResource: (registration, args) => {
                seen.push(registration);
                return args.name === "kept" ? { id: "stored-id", state: { size: 3 } } : undefined;
            },
            call: (_args, fake) => fake(),
        };
        const answers = await withHooks(hooks, async () => {
            const kept = new Custom("kept", { size: 1 });
            const fresh = new Custom("fresh", { size: 2 });
            const sizeOf = (r: pulumi.CustomResource) => (r as unknown as { size: pulumi.Output<number> }).size;
            await settle();
            return Promise.all([kept.id, sizeOf(kept), fresh.id, sizeOf(fresh)].map((o) => valueOf<unknown>(o)));
        });
        assert.deepStrictEqual(answers, ["stored-id", 3, "fresh-id", 2]);
        assert.deepStrictEqual(
            seen.map((r) => r?.urn).sort(),
            ["fresh", "kept"].map((n) => one(R, n).urn),
        );
        assert.deepStrictEqual(
            seen.find((r) => r?.name === "kept"),
            one(R, "kept"),
        );
    });

    it("hands a hook no registration for a read, which the engine does not record", async () => {
        const seen: [Recorded | undefined, string][] = [];
        const id = await withHooks(
            {
                newResource: (registration, args) => (seen.push([registration, args.id ?? ""]), undefined),
                call: (_a, f) => f(),
            },
            async () => valueOf(new Custom("read", {}, { id: "existing-7" }).id),
        );
        assert.strictEqual(id, "existing-7");
        assert.deepStrictEqual(seen, [[undefined, "existing-7"]]);
        assert.deepStrictEqual(recorded, []);
        // and without hooks, the fake cloud answers the read with the id asked for
        assert.strictEqual(await valueOf(new Custom("read2", {}, { id: "existing-8" }).id), "existing-8");
    });

    it("refuses to answer with hooks while the registration being answered is another resource (same type or same name)", async () => {
        const hooks: EngineHooks = { newResource: () => undefined, call: (_a, f) => f() };
        await withHooks(hooks, async () => {
            await registerUnanswered(R, "ghost");
            assert.strictEqual(
                await failureOf(new Custom("late", {}, { id: "x" }).urn),
                "failed to read resource #x 'late' [test:index:R]: mock engine: answering test:index:R late but recorded " +
                    "urn:pulumi:test::eks-alb-ingress::test:index:R::ghost",
            );
            await registerUnanswered("test:index:Other", "twin");
            assert.match(
                await failureOf(new Custom("twin", {}, { id: "y" }).urn),
                /mock engine: answering test:index:R twin but recorded urn:pulumi:test::eks-alb-ingress::test:index:Other::twin$/,
            );
        });
        assert.deepStrictEqual(recorded, []);
    });

    it("does not record a registration the hook fails, and hands its error to the program", async () => {
        const hooks: EngineHooks = {
            newResource: (_r, args) => {
                if (args.name === "refused") throw new Error("AlreadyExists");
                return undefined;
            },
            call: (_a, f) => f(),
        };
        const [message, id] = await withHooks(hooks, async () => {
            const refused = new Custom("refused", {});
            const accepted = new Custom("accepted", {});
            return Promise.all([failureOf(refused.urn), valueOf(accepted.id)]);
        });
        assert.strictEqual(message, "failed to register new resource refused [test:index:R]: AlreadyExists");
        assert.strictEqual(id, "accepted-id");
        assert.deepStrictEqual(
            recorded.map((r) => r.name),
            ["accepted"],
        );
    });

    it("lets a hook answer an invoke itself or through the fake cloud, recording each invoke once", async () => {
        const west = new aws.Provider("west", { region: "eu-west-1" });
        const hooks: EngineHooks = {
            newResource: () => undefined,
            call: (args, fake) =>
                args.token === REGION ? { ...fake(), region: "ap-south-1" } : { partition: "aws-cn" },
        };
        const answers = await withHooks(hooks, async () => [
            (await aws.getRegion({})).region,
            (await aws.getPartition({})).partition,
            (await aws.getPartition({}, { provider: west })).partition,
        ]);
        assert.deepStrictEqual(answers, ["ap-south-1", "aws-cn", "aws-cn"]);
        assert.deepStrictEqual(invokes, [
            { token: REGION, inputs: {}, provider: undefined },
            { token: "aws:index/getPartition:getPartition", inputs: {}, provider: undefined },
            {
                token: "aws:index/getPartition:getPartition",
                inputs: {},
                provider: "urn:pulumi:test::eks-alb-ingress::pulumi:providers:aws::west::west-id",
            },
        ]);
    });

    it("plain names nested secret paths `a.b` and `list[1]` of a value that is not lifted to its top level", () => {
        const secret = (value: unknown) => ({ [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value });
        const paths: string[] = [];
        const value = plain(
            { a: { b: secret("s"), c: 1 }, list: ["x", secret({ deep: true })], top: secret(null) },
            paths,
        );
        assert.deepStrictEqual(value, { a: { b: "s", c: 1 }, list: ["x", { deep: true }], top: null });
        assert.deepStrictEqual(paths, ["a.b", "list[1]", "top"]);
    });
});
