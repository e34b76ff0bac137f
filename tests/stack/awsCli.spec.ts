import * as assert from "assert";
import { awsCliProblem, checkAwsCli, providersRun } from "../../stack/awsCli";

describe("stack aws CLI check", () => {
    const accepted = [
        "aws-cli/2.7.0 Python/3.9.11 Linux/5.15 exe/x86_64.ubuntu.22 prompt/off",
        "aws-cli/2.22.35 Python/3.12.6 Darwin/24.3.0 exe/x86_64",
        "aws-cli/1.24.0 Python/3.8.10 Linux/5.4.0 botocore/1.26.0",
        "aws-cli/1.36.0 Python/3.11.0 Linux/6.1 botocore/1.35.0",
    ];
    for (const output of accepted) {
        it(`accepts ${output.split(" ")[0]}`, () => assert.strictEqual(awsCliProblem(output), undefined));
    }
    const refused: [string, string | undefined, RegExp][] = [
        ["a missing CLI", undefined, /aws CLI was not found on PATH.*get-token/],
        ["v2 before 2.7.0", "aws-cli/2.6.4 Python/3.9.11 Linux/5.15", /aws CLI 2\.6\.4 is too old.*at least 2\.7\.0/],
        [
            "v1 before 1.24.0",
            "aws-cli/1.23.9 Python/3.8.10 Linux/5.4.0",
            /aws CLI 1\.23\.9 is too old.*at least 1\.24\.0/,
        ],
        ["an unreadable version", "command not found", /could not read the aws CLI version/],
    ];
    for (const [what, output, message] of refused) {
        it(`refuses ${what}`, () => assert.match(awsCliProblem(output) ?? "", message));
    }

    it("throws the problem, and nothing when the CLI is fine", () => {
        assert.throws(() => checkAwsCli(() => undefined), /not found on PATH/);
        assert.doesNotThrow(() => checkAwsCli(() => "aws-cli/2.27.0 Python/3.13"));
    });

    it("knows that no provider runs under the mock engine", () => {
        assert.strictEqual(providersRun(), false);
    });
});
