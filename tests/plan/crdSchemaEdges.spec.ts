/**
 * The CRD schema keywords at their edges, as kube-openapi's validator applies them to a structural schema
 * (kubernetes apiextensions-apiserver `pkg/apiserver/validation/validation.go`): each problem names the field path
 * the API server would name, and a value exactly at a bound is accepted.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import { type CrdManifest, crdFor, customResourceProblems, validateAgainst } from "../../plan/crdSchema";

const ok = (schema: Record<string, unknown>, value: unknown) =>
    assert.deepStrictEqual(validateAgainst(schema, value, "x"), []);
const refused = (schema: Record<string, unknown>, value: unknown, ...problems: string[]) =>
    assert.deepStrictEqual(validateAgainst(schema, value, "x"), problems);

describe("plan: CRD schema keywords at their edges", () => {
    it("checks each type, and refuses a value for a type it does not know", () => {
        ok({ type: "number" }, 1.5);
        refused({ type: "number" }, "1.5", 'x: must be of type number, got "1.5"');
        ok({ type: "integer" }, 3);
        refused({ type: "integer" }, 3.5, "x: must be of type integer, got 3.5");
        refused({ type: "integer" }, "3", 'x: must be of type integer, got "3"');
        ok({ type: "boolean" }, false);
        refused({ type: "boolean" }, "true", 'x: must be of type boolean, got "true"');
        ok({ type: "array" }, []);
        refused({ type: "array" }, {}, "x: must be of type array, got {}");
        refused({ type: "object" }, [], "x: must be of type object, got []");
        refused({ type: "string" }, 1, "x: must be of type string, got 1");
        ok({}, { any: "thing" });
        refused({ type: "date" }, "2026-01-01", 'x: must be of type date, got "2026-01-01"');
        refused({ type: "string" }, null, "x: must be of type string, got null");
        refused({ "x-kubernetes-int-or-string": true }, null, "x: must be of type int-or-string, got null");
    });

    it("checks a null in a nullable field against its enum only, as kube-openapi does", () => {
        // kube-openapi validate/schema.go `Validate`: a nil value meets only the type validator (which accepts it when
        // nullable) and the common validator (enum: a nil never matches, validator.go basicCommonValidator)
        ok({ type: "string", nullable: true }, null);
        refused({ type: "string", nullable: true, enum: ["A", "B"] }, null, 'x: must be one of "A", "B", got null');
        const bounded = { type: "string", nullable: true, minLength: 2, pattern: "^a", allOf: [{ minLength: 3 }] };
        ok({ ...bounded, anyOf: [{ maxLength: 1 }], oneOf: [{ pattern: "^b" }] }, null);
        ok({ type: "object", properties: { a: { ...bounded, nullable: true } } }, { a: null });
    });

    it("drops a null of a field that is not nullable, or defaults it, before validating, as the API server does", () => {
        // apiextensions-apiserver pkg/apiserver/schema/defaulting/prunenulls.go and algorithm.go
        const schema = { type: "object", properties: { a: { type: "string" }, b: { type: "string", default: "d" } } };
        ok(schema, { a: null, b: null });
        refused({ ...schema, required: ["a"] }, { a: null }, "x.a: is required");
        ok({ ...schema, required: ["b"] }, { b: null });
        ok({ ...schema, maxProperties: 1 }, { a: null, b: null }); // a dropped, b defaulted: one entry
        ok({ ...schema, minProperties: 1 }, { b: null });
        refused({ ...schema, minProperties: 1 }, { a: null }, "x: must have at least 1 entries, got 0");
        // under additionalProperties too; a nullable field keeps its null, and an unknown field is still unknown
        ok({ type: "object", additionalProperties: { type: "integer" } }, { n: null });
        refused(
            { type: "object", properties: { e: { type: "string", nullable: true, enum: ["A"] } } },
            { e: null },
            'x.e: must be one of "A", got null',
        );
        refused(
            { type: "object", properties: {} },
            { z: null },
            "x.z: unknown field (the API server prunes it: the schema has no such property)",
        );
    });
    it("checks enum by value, string lengths in characters at both ends, and patterns as Unicode", () => {
        ok({ enum: [{ a: 1 }, "b"] }, { a: 1 });
        refused({ enum: ["A", "B"] }, "C", 'x: must be one of "A", "B", got "C"');
        ok({ type: "string", minLength: 2, maxLength: 3 }, "ab");
        ok({ type: "string", minLength: 2, maxLength: 3 }, "abc");
        refused({ type: "string", minLength: 2 }, "é", 'x: must be at least 2 characters, got "é"');
        refused({ type: "string", maxLength: 3 }, "abcd", "x: must be at most 3 characters, got 4");
        ok({ type: "string", pattern: "^\\p{L}+$" }, "héllo");
        refused({ type: "string", pattern: "^[a-z]+$" }, "a1", 'x: must match ^[a-z]+$, got "a1"');
    });

    it("applies string keywords to strings and number keywords to numbers only (int-or-string fields)", () => {
        // go-openapi/kube-openapi validate: the string and number validators apply only to values of their kind
        const port = { "x-kubernetes-int-or-string": true, maxLength: 3, pattern: "^[a-z]+$", maximum: 10 };
        ok(port, 8);
        ok(port, "abc");
        refused(port, 80, "x: must be at most 10, got 80");
        refused(port, "a1", 'x: must match ^[a-z]+$, got "a1"');
        ok({ ...port, pattern: "^[0-9]+$" }, "20");
    });

    it("checks inclusive and exclusive bounds", () => {
        ok({ type: "integer", minimum: 1, maximum: 10 }, 1);
        ok({ type: "integer", minimum: 1, maximum: 10 }, 10);
        refused({ type: "integer", maximum: 10 }, 11, "x: must be at most 10, got 11");
        refused({ type: "integer", maximum: 10, exclusiveMaximum: true }, 10, "x: must be less than 10, got 10");
        ok({ type: "integer", maximum: 10, exclusiveMaximum: true }, 9);
        refused({ type: "integer", minimum: 1, exclusiveMinimum: true }, 1, "x: must be more than 1, got 1");
        ok({ type: "integer", minimum: 1, exclusiveMinimum: true }, 2);
        ok({ type: "integer", minimum: 0 }, 0);
    });

    it("checks list sizes at both ends and every item under its index", () => {
        const list = { type: "array", minItems: 1, maxItems: 2, items: { type: "string" } };
        ok(list, ["a"]);
        ok(list, ["a", "b"]);
        refused(list, [], "x: must have at least 1 items, got 0");
        refused(list, ["a", "b", "c"], "x: must have at most 2 items, got 3");
        refused(list, ["a", 2], "x[1]: must be of type string, got 2");
    });

    it("refuses duplicates in map lists (by their keys), sets and unique lists, naming both entries", () => {
        const map = {
            type: "array",
            "x-kubernetes-list-type": "map",
            "x-kubernetes-list-map-keys": ["name", "port"],
        };
        ok(map, [
            { name: "a", port: 80 },
            { name: "a", port: 443 },
        ]);
        refused(
            map,
            [{ name: "a", port: 80 }, { name: "b" }, { name: "a", port: 80, extra: 1 }],
            "x[2]: duplicates x[0] (list map keys name, port)",
        );
        refused(
            { type: "array", "x-kubernetes-list-type": "set" },
            ["a", "b", "a", "a"],
            "x[2]: duplicates x[0]",
            "x[3]: duplicates x[0]",
        );
        refused({ type: "array", uniqueItems: true }, [1, 1], "x[1]: duplicates x[0]");
        ok({ type: "array", "x-kubernetes-list-type": "atomic" }, ["a", "a"]);
        ok({ type: "array" }, ["a", "a"]);
    });

    it("checks required fields, entry counts at both ends, and fields under additionalProperties", () => {
        const object = { type: "object", required: ["a"], minProperties: 1, maxProperties: 2 };
        ok(object, { a: 1 });
        ok(object, { a: 1, b: 2 });
        refused(object, { b: 1 }, "x.a: is required");
        refused(object, { a: 1, b: 2, c: 3 }, "x: must have at most 2 entries, got 3");
        refused({ type: "object", minProperties: 1 }, {}, "x: must have at least 1 entries, got 0");
        refused({ type: "object", required: ["a"] }, { a: undefined }, "x.a: is required");
        refused(
            { type: "object", additionalProperties: { type: "string" } },
            { k: "v", n: 1 },
            "x.n: must be of type string, got 1",
        );
    });

    it("reports a field the schema does not know only where the schema lists its fields or forbids others", () => {
        const known = { type: "object", properties: { a: { type: "string" } } };
        ok(known, { a: "v", b: undefined });
        refused(
            known,
            { a: "v", b: 1 },
            "x.b: unknown field (the API server prunes it: the schema has no such property)",
        );
        refused(
            { type: "object", additionalProperties: false },
            { b: 1 },
            "x.b: unknown field (the API server prunes it: the schema has no such property)",
        );
        ok({ type: "object" }, { b: 1 });
        ok({ ...known, additionalProperties: true }, { b: 1 });
        ok({ ...known, "x-kubernetes-preserve-unknown-fields": true }, { b: { c: 1 } });
    });

    it("applies allOf, anyOf and not", () => {
        const allOf = { allOf: [{ type: "string", minLength: 2 }, { pattern: "^a" }] };
        ok(allOf, "ab");
        refused(allOf, "b", 'x: must be at least 2 characters, got "b"', 'x: must match ^a, got "b"');
        const anyOf = { anyOf: [{ type: "integer" }, { type: "string" }] };
        ok(anyOf, 1);
        ok(anyOf, "a");
        refused(anyOf, true, "x: must match at least one of the schema's anyOf alternatives");
        const oneOf = { type: "object", oneOf: [{ required: ["a"] }, { required: ["b"] }] };
        refused(oneOf, {}, "x: must match exactly one of the schema's oneOf alternatives (0)");
        refused({ not: { type: "string" } }, "a", `x: must not match the schema's "not" alternative`);
        ok({ not: { type: "string" } }, 1);
    });
});

describe("plan: a custom resource against its CRD", () => {
    const crd = (versions: unknown[]): CrdManifest =>
        ({ spec: { group: "example.com", names: { kind: "Widget" }, versions } }) as CrdManifest;
    const schema = {
        type: "object",
        properties: {
            apiVersion: { type: "string" },
            kind: { type: "string" },
            metadata: { type: "object", properties: { name: { type: "string", maxLength: 3 } } },
            spec: { type: "object", required: ["size"] },
        },
    };
    const widget = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "a-long-name" }, spec: {} };

    it("finds the CRD by group and kind, not by either alone", () => {
        const other = { spec: { group: "example.org", names: { kind: "Widget" } } } as CrdManifest;
        const gadget = { spec: { group: "example.com", names: { kind: "Gadget" } } } as CrdManifest;
        const mine = crd([]);
        assert.strictEqual(crdFor([other, gadget, mine], "example.com", "Widget"), mine);
        assert.strictEqual(crdFor([other, gadget], "example.com", "Widget"), undefined);
        assert.strictEqual(customResourceProblems(widget, [other, gadget]), undefined);
        const malformed = [{}, { spec: {} }, { spec: { group: "example.com" } }] as CrdManifest[];
        assert.strictEqual(crdFor([...malformed, mine], "example.com", "Widget"), mine, "malformed CRDs skipped");
    });

    it("checks the object against the served version's schema, leaving metadata to the API server's rules", () => {
        const crds = [crd([{ name: "v1", served: true, schema: { openAPIV3Schema: schema } }])];
        assert.deepStrictEqual(customResourceProblems(widget, crds), ["Widget.spec.size: is required"]);
        assert.deepStrictEqual(customResourceProblems({ ...widget, spec: { size: 1 } }, crds), []);
    });

    it("refuses a version the CRD does not serve, listing those it does, or none", () => {
        const crds = [
            crd([
                { name: "v1", served: false, schema: { openAPIV3Schema: schema } },
                { name: "v2", served: true },
                { name: "v3", served: true },
            ]),
        ];
        assert.deepStrictEqual(customResourceProblems(widget, crds), [
            "example.com/v1 Widget is not served by its CRD (served: example.com/v2, example.com/v3)",
        ]);
        const noVersions = { spec: { group: "example.com", names: { kind: "Widget" } } } as CrdManifest;
        assert.deepStrictEqual(customResourceProblems(widget, [noVersions]), [
            "example.com/v1 Widget is not served by its CRD (served: none)",
        ]);
        assert.deepStrictEqual(customResourceProblems(widget, [crd([{ name: "v1" }])]), [
            "example.com/v1 Widget is not served by its CRD (served: none)",
        ]);
        assert.deepStrictEqual(customResourceProblems({ ...widget, apiVersion: "example.com/v2" }, crds), []);
    });
});

describe("plan: the bundled CRDs", function () {
    this.timeout(60000);

    it("are the Gateway API v1.6.0 standard kinds and the controller's newest CRDs, each once", () => {
        // a fresh process: bundledCrds() reads the files once per process
        const script = `console.log(JSON.stringify(require(${JSON.stringify(path.resolve(__dirname, "..", "..", "plan", "crdSchema"))}).bundledCrds().map((c) => c.spec.group + " " + c.spec.names.kind)))`;
        const out = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], {
            cwd: path.resolve(__dirname, "..", ".."),
            encoding: "utf8",
        });
        const gatewayApi = ["BackendTLSPolicy", "GatewayClass", "Gateway", "GRPCRoute", "HTTPRoute", "ListenerSet"];
        gatewayApi.push("ReferenceGrant", "TCPRoute", "TLSRoute", "UDPRoute");
        assert.deepStrictEqual(JSON.parse(out), [
            ...gatewayApi.map((k) => `gateway.networking.k8s.io ${k}`),
            "elbv2.k8s.aws ALBTargetControlConfig",
            "aga.k8s.aws GlobalAccelerator",
            "elbv2.k8s.aws IngressClassParams",
            "elbv2.k8s.aws TargetGroupBinding",
            "gateway.k8s.aws ListenerRuleConfiguration",
            "gateway.k8s.aws LoadBalancerConfiguration",
            "gateway.k8s.aws TargetGroupConfiguration",
        ]);
    });
});
