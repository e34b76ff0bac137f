import * as assert from "assert";
import { placeholderIn, placeholders } from "../../plan/placeholderIds";

describe("placeholder ids: where they sit in a value", () => {
    it("finds an all-zero UUID followed by more of the ARN", () => {
        assert.strictEqual(
            placeholderIn(
                "arn:aws:wafv2:eu-west-1:492837465012:regional/webacl/00000000-0000-0000-0000-000000000000/x",
            ),
            "an all-zero UUID",
        );
    });

    it("finds an all-zero resource id after a slash and before a comma", () => {
        assert.strictEqual(
            placeholderIn("arn:aws:ec2:eu-west-1:492837465012:vpc/vpc-00000000"),
            "the all-zero resource id vpc-00000000",
        );
        assert.strictEqual(
            placeholderIn("subnet-00000000000000000,subnet-0a1b2c3d4e5f60718"),
            "the all-zero resource id subnet-00000000000000000",
        );
    });

    it("finds an account id written as a number (YAML reads 111122223333 as one), under its key", () => {
        assert.deepStrictEqual(placeholders({ accountId: 111122223333, replicas: 2 }), [
            ["accountId", "the placeholder account id 111122223333"],
        ]);
        assert.deepStrictEqual(placeholders(123456789012), [["", "the placeholder account id 123456789012"]]);
    });

    it("finds nothing in null, booleans or absent values, at any depth", () => {
        assert.deepStrictEqual(placeholders({ a: null, b: true, c: [false, null], d: undefined }), []);
        assert.deepStrictEqual(placeholders(null), []);
        assert.deepStrictEqual(placeholders(true), []);
    });
});
