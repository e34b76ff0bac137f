import * as assert from "assert";
import { NO_OPTIONS, type Recorded, type RecordedOptions } from "../../plan/engine";
import { IMPORT_REPLACE_REFUSED, afterImport } from "../../plan/lifecycle/afterImport";

// pulumi/pulumi pkg/resource/deploy/step_generator.go continueStepsFromImport (v3.174.0+, #19339): after the import
// reads the object, the program's inputs are diffed against what was read; a replace is refused while the import id
// stays in the program.

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const SERVICE = "kubernetes:core/v1:Service";

function imported(type: string, inputs: Record<string, any>, options: Partial<RecordedOptions> = {}): Recorded {
    return {
        urn: `urn:pulumi:dev::p::${type}::web`,
        type,
        name: "web",
        custom: true,
        inputs,
        dependencies: [],
        propertyDependencies: {},
        secretInputs: [],
        provider: "urn:pulumi:dev::p::pulumi:providers:kubernetes::k8s::id",
        options: { ...NO_OPTIONS, importId: "apps/web", ...options },
    };
}

const deployment = (app: string, image: string) => ({
    metadata: { name: "web", namespace: "apps" },
    spec: { selector: { matchLabels: { app } }, template: { spec: { containers: [{ image }] } } },
});

describe("lifecycle: the step after an import", () => {
    it("nothing to do when the program declares the object as it was read", () => {
        assert.deepStrictEqual(afterImport(deployment("web", "a"), imported(DEPLOYMENT, deployment("web", "a"))), {
            op: "same",
            diffs: [],
            replaceKeys: [],
            deleteBeforeReplace: false,
            errors: [],
        });
    });

    it("an update in place when only updatable fields differ", () => {
        const d = afterImport(deployment("web", "a"), imported(DEPLOYMENT, deployment("web", "b")));
        assert.deepStrictEqual([d.op, d.diffs, d.errors], ["update", ["spec"], []]);
    });

    it("a replace is refused with the engine's message, naming the keys", () => {
        const d = afterImport(deployment("old", "a"), imported(DEPLOYMENT, deployment("web", "a")));
        assert.strictEqual(d.op, "replace");
        assert.deepStrictEqual(d.errors, [`${IMPORT_REPLACE_REFUSED} (spec.selector differ)`]);
        const moved = { ...deployment("old", "a"), metadata: { name: "web", namespace: "other" } };
        assert.deepStrictEqual(afterImport(moved, imported(DEPLOYMENT, deployment("web", "a"))).errors, [
            `${IMPORT_REPLACE_REFUSED} (metadata.namespace, spec.selector differ)`,
        ]);
        assert.match(
            IMPORT_REPLACE_REFUSED,
            /^previously-imported resources that still specify an ID may not be replaced; please remove the `import` declaration from your program$/,
        );
    });

    it("keeps the step's own errors before the refusal", () => {
        const d = afterImport({ a: 1 }, imported("aws:s3/bucket:Bucket", { a: 2 }));
        assert.strictEqual(d.op, "update");
        assert.match(d.errors.join(), /no replace rule for aws:s3\/bucket:Bucket/);
        const both = afterImport({ a: 1 }, imported("aws:s3/bucket:Bucket", { a: 2 }, { replaceOnChanges: ["a"] }));
        assert.deepStrictEqual(
            [both.op, both.errors.length, both.errors[1]],
            ["replace", 2, `${IMPORT_REPLACE_REFUSED} (a differ)`],
        );
    });

    it("honours the program's ignoreChanges: an adopted Service keeps its cluster IP", () => {
        const service = (clusterIP: string) => ({ metadata: { name: "web", namespace: "apps" }, spec: { clusterIP } });
        const d = afterImport(
            service("10.100.0.7"),
            imported(SERVICE, service(""), { ignoreChanges: ["spec.clusterIP"] }),
        );
        assert.deepStrictEqual([d.op, d.errors], ["same", []]);
        const refused = afterImport(service("10.100.0.7"), imported(SERVICE, service("")));
        assert.deepStrictEqual(refused.replaceKeys, ["spec.clusterIP"]);
    });
});
