/**
 * The aws CLI check (stack/awsCli.ts): the version it reports is the one `aws --version` printed, in full, and
 * releases of a major version it has no minimum for are not judged.
 */
import * as assert from "assert";
import { awsCliProblem } from "../../stack/awsCli";

const INSTALL = "https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html";

describe("stack aws CLI check: what it reports", () => {
    it("names the whole version that is too old, and the minimum", () => {
        assert.strictEqual(
            awsCliProblem("aws-cli/1.23.15 Python/3.8.10 Linux/5.4.0 botocore/1.25.0"),
            `aws CLI 1.23.15 is too old: \`aws eks get-token\` needs at least 1.24.0 to print client.authentication.k8s.io/v1beta1 credentials. Upgrade it: ${INSTALL}`,
        );
    });

    it("quotes an unreadable version output without its surrounding blank space", () => {
        assert.strictEqual(
            awsCliProblem("  command not found\n"),
            'could not read the aws CLI version from `aws --version`: "command not found"',
        );
    });

    it("accepts major versions it has no minimum for", () => {
        for (const output of ["aws-cli/3.0.0 Python/3.13", "aws-cli/10.1.0 Python/3.13"])
            assert.strictEqual(awsCliProblem(output), undefined, output);
    });
});
