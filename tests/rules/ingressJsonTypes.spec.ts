/**
 * The JSON annotations as the controller's `ParseJSONAnnotation` decodes them (`encoding/json` `Unmarshal` into the
 * Go types of `pkg/ingress/config_types.go`, kubernetes-sigs/aws-load-balancer-controller v3.5.0): null leaves the
 * zero value, a value of the wrong JSON type fails the whole annotation with its JSON path, integers are range-checked
 * by their Go size, IntOrString takes both. Cases found by the mutation run of issue 11.
 */
import * as assert from "assert";
import { readJson } from "../../rules/annotationValues";
import { type GoType, MUTUAL_AUTHENTICATION, decodeGo } from "../../rules/ingressJsonTypes";

const decode = (json: string, type: GoType) => decodeGo(readJson(json)!, type);

describe("JSON annotations decoded as encoding/json does (ingressJsonTypes.ts)", () => {
    it("null leaves any type at its zero value", () => {
        for (const type of [
            "string",
            "bool",
            "int32",
            "intOrString",
            { list: "string" },
            MUTUAL_AUTHENTICATION,
        ] as const) {
            assert.deepStrictEqual(decode("null", type), { value: undefined }, JSON.stringify(type));
        }
    });
    it("bool takes true and false only", () => {
        assert.deepStrictEqual(decode("false", "bool"), { value: false });
        assert.deepStrictEqual(decode('"true"', "bool"), { problem: '$ must be true or false, got "true"' });
    });
    it("int32 and int64 take JSON numbers in their range, IntOrString also strings", () => {
        assert.deepStrictEqual(decode("2147483647", "int32"), { value: 2147483647 });
        assert.deepStrictEqual(decode("2147483648", "int32"), { problem: "$ must be an integer, got 2147483648" });
        assert.deepStrictEqual(decode("2147483648", "int64"), { value: 2147483648 });
        assert.deepStrictEqual(decode('"80"', "int32"), { problem: '$ must be an integer, got "80"' });
        assert.deepStrictEqual(decode('"http"', "intOrString"), { value: "http" });
        assert.deepStrictEqual(decode("8080", "intOrString"), { value: 8080 });
        assert.deepStrictEqual(decode("true", "intOrString"), {
            problem: "$ must be an integer or a string, got true",
        });
        assert.deepStrictEqual(decode("2147483648", "intOrString"), {
            problem: "$ must be an integer or a string, got 2147483648",
        });
    });
    it("structs and maps take JSON objects only, and report the path of a wrong member", () => {
        for (const json of ['"x"', "[]", "5", "true"]) {
            assert.deepStrictEqual(
                decode(json, MUTUAL_AUTHENTICATION),
                { problem: `$ must be a JSON object, got ${json}` },
                json,
            );
        }
        const map: GoType = { map: "string" };
        assert.deepStrictEqual(decode('{"a":"b","c":null}', map), { value: { a: "b", c: undefined } });
        assert.deepStrictEqual(decode('{"a":"b","c":1}', map), { problem: "$.c must be a string, got 1" });
        assert.deepStrictEqual(decode("[1]", map), { problem: "$ must be a JSON object, got [1]" });
        assert.deepStrictEqual(decode('{"a":[1.50,null]}', { list: "string" }), {
            problem: '$ must be a JSON array, got {"a":[1.50,null]}',
        });
        assert.deepStrictEqual(decode('{"a":1,"b":{"c":2}}', "string"), {
            problem: '$ must be a string, got {"a":1,"b":{"c":2}}',
        });
        assert.deepStrictEqual(decode('[{"port":"443"}]', { list: MUTUAL_AUTHENTICATION }), {
            problem: '$[0].port must be an integer, got "443"',
        });
    });
    it("matches struct fields case-insensitively and ignores unknown keys", () => {
        assert.deepStrictEqual(decode('{"PORT":443,"Mode":"off","extra":[1]}', MUTUAL_AUTHENTICATION), {
            value: { port: 443, mode: "off" },
        });
    });
});
