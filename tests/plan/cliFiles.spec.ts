import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { redact, writePlanFiles } from "../../plan/cliFiles";
import type { Recorded } from "../../plan/engine";
import { aRecorded } from "../harness/graph";
import { PLAN_MARKER } from "../../plan/outDir";

const KEY = "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n";

/** A registration as the engine records it. */
function resource(type: string, name: string, inputs: Record<string, any>, secretInputs: string[] = []): Recorded {
    return aRecorded({ urn: `urn:pulumi:test::p::${type}::${name}`, type, name, inputs, secretInputs });
}

describe("plan files: secrets", () => {
    it("replaces a secret value with a marker, whatever its type", () => {
        const inputs = { password: "hunter2", token: null, port: 443, data: { password: "hunter2" } };
        assert.deepStrictEqual(redact(inputs, ["password", "token", "port", "data.password"]), {
            password: "[secret]",
            token: "[secret]",
            port: "[secret]",
            data: { password: "[secret]" },
        });
        assert.strictEqual(inputs.password, "hunter2", "the recorded inputs are left alone");
    });

    it("keeps a secret object readable, private keys redacted at any depth, lists as lists", () => {
        const values = {
            webhookTLS: { cert: "-----BEGIN CERTIFICATE-----", key: KEY },
            extra: [{ key: KEY, name: "a" }, "plain", 3, null, true],
            replicas: 2,
            empty: null,
        };
        assert.deepStrictEqual(redact({ values }, ["values"]), {
            values: {
                webhookTLS: { cert: "-----BEGIN CERTIFICATE-----", key: "[secret]" },
                extra: [{ key: "[secret]", name: "a" }, "plain", 3, null, true],
                replicas: 2,
                empty: null,
            },
        });
    });

    it("adds nothing for a secret path the inputs do not hold", () => {
        assert.deepStrictEqual(redact({ a: { b: 1 } }, ["c", "a.c", "x.y"]), { a: { b: 1 } });
    });
});

describe("plan files: writing", () => {
    it("writes an IAM document given as an object as well as one given as JSON text", () => {
        const doc = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] };
        const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-files-")), "out");
        writePlanFiles(
            out,
            (n) => `${n} files`,
            [
                resource("aws:iam/policy:Policy", "as-text", { policy: JSON.stringify(doc) }),
                resource("aws:iam/policy:Policy", "as-object", { policy: doc }),
                resource("aws:iam/role:Role", "r", { assumeRolePolicy: doc }),
            ],
            [],
        );
        for (const f of ["as-text.policy.json", "as-object.policy.json", "r.trust.json"])
            assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(out, "iam", f), "utf8")), doc, f);
        assert.strictEqual(fs.readFileSync(path.join(out, PLAN_MARKER), "utf8"), "3 files\n");
    });

    it("writes each object under its namespace, cluster-scoped ones under _cluster", () => {
        const map = resource("kubernetes:core/v1:ConfigMap", "c", {
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: { name: "settings", namespace: "apps" },
            data: { mode: "x" },
        });
        const ns = resource("kubernetes:core/v1:Namespace", "n", {
            apiVersion: "v1",
            kind: "Namespace",
            metadata: { name: "apps" },
        });
        const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-files-")), "out");
        const objects = [map, ns].map((r) => ({ resource: r, object: r.inputs as any }));
        writePlanFiles(out, () => "", [map, ns], objects);
        const written = parse(fs.readFileSync(path.join(out, "kubernetes", "apps", "ConfigMap-settings.yaml"), "utf8"));
        assert.deepStrictEqual(written, map.inputs);
        assert.ok(fs.existsSync(path.join(out, "kubernetes", "_cluster", "Namespace-apps.yaml")));
    });

    it("names an object without metadata after its resource (the provider names it)", () => {
        const map = resource("kubernetes:core/v1:ConfigMap", "settings", { apiVersion: "v1", kind: "ConfigMap" });
        const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-files-")), "out");
        writePlanFiles(out, () => "", [map], [{ resource: map, object: map.inputs as any }]);
        assert.ok(fs.existsSync(path.join(out, "kubernetes", "_cluster", "ConfigMap-settings.yaml")));
    });

    it("leaves no staging folder behind when the output folder cannot be replaced", () => {
        const parent = fs.mkdtempSync(path.join(os.tmpdir(), "plan-files-"));
        const out = path.join(parent, "out");
        fs.mkdirSync(out);
        const ns = resource("kubernetes:core/v1:Namespace", "n", { kind: "Namespace", metadata: { name: "a" } });
        // the user's file appears while the plan runs: the plan must not replace the folder
        const summary = () => (fs.writeFileSync(path.join(out, "mine.txt"), "mine"), "");
        assert.throws(() => writePlanFiles(out, summary, [ns], [{ resource: ns, object: ns.inputs as any }]));
        assert.deepStrictEqual(fs.readdirSync(parent), ["out"]);
        assert.deepStrictEqual(fs.readdirSync(out), ["mine.txt"]);
    });
});
