import * as assert from "assert";
import * as path from "path";
import { placeholderIn, placeholders } from "../../plan/placeholderIds";
import { loadStackFiles } from "../../plan/stackFiles";

const ROOT = path.resolve(__dirname, "..", "..");

describe("placeholder ids in stack files", () => {
    it("finds documentation example accounts and accounts of one repeated digit in ARNs", () => {
        for (const account of ["111122223333", "123456789012", "444455556666", "000000000000", "999999999999"]) {
            assert.strictEqual(
                placeholderIn(`arn:aws:acm:eu-west-1:${account}:certificate/1f0e5a3c-8d2b-4e6a-9c1d-2b3a4c5d6e7f`),
                `the placeholder account id ${account}`,
            );
        }
    });

    it("finds all-zero UUIDs and resource ids, and every placeholder of one value", () => {
        assert.strictEqual(
            placeholderIn(
                "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/x/00000000-0000-0000-0000-000000000000",
            ),
            "the placeholder account id 111122223333 and an all-zero UUID",
        );
        assert.strictEqual(placeholderIn("vpc-00000000000000000"), "the all-zero resource id vpc-00000000000000000");
    });

    it("leaves real-looking ids alone", () => {
        for (const text of [
            "arn:aws:acm:ap-northeast-2:492837465012:certificate/1f0e5a3c-8d2b-4e6a-9c1d-2b3a4c5d6e7f",
            "vpc-0123456789abcdef0",
            "1234567890123",
            "public.ecr.aws/aws-containers/ecsdemo-frontend:776fd50",
        ]) {
            assert.strictEqual(placeholderIn(text), undefined, text);
        }
    });

    it("names where in a value each placeholder is", () => {
        const apps = [
            { name: "a" },
            { name: "b", certificateArns: ["arn:aws:acm:us-east-1:123456789012:certificate/x"] },
        ];
        assert.deepStrictEqual(placeholders(apps), [
            ["[1].certificateArns[0]", "the placeholder account id 123456789012"],
        ]);
    });

    it("finds none in the shipped dev stack", () => {
        const files = loadStackFiles(ROOT, "dev");
        assert.deepStrictEqual(
            Object.values(files.values ?? {}).flatMap((v) => placeholders(v)),
            [],
        );
    });
});
