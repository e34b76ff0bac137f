/**
 * The AWS CLI check. An existing cluster's kubeconfig (stack/kubeconfig.ts) runs `aws eks get-token`: the
 * Kubernetes provider executes it (client-go's exec credential plugin) on the machine that runs `pulumi`, in every
 * preview and update. Without the CLI, or with one too old to print `client.authentication.k8s.io/v1beta1`
 * credentials, the first Kubernetes call fails with an exec error far from its cause; so the program checks the
 * CLI before it registers anything. It checks when it runs, never while components are constructed (STYLE.md: no
 * I/O in constructors), and only under a real engine: the SDK's mock engine (tests, the offline plan) runs no
 * provider, so nothing there ever executes the CLI.
 *
 * The minimum versions are @pulumi/eks's, which makes the same check for the clusters it creates
 * (pulumi/pulumi-eks `nodejs/eks/dependencies.ts` `assertCompatibleAWSCLIExists`: v1 >= 1.24.0, v2 >= 2.7.0).
 */
import { spawnSync } from "child_process";
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";

/** The oldest CLI release of each major version whose `eks get-token` prints v1beta1 credentials. */
export const MIN_AWS_CLI: Readonly<Record<number, string>> = { 1: "1.24.0", 2: "2.7.0" };

const INSTALL = "https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html";

function older(version: number[], min: number[]): boolean {
    for (let i = 0; i < 3; i++) {
        if (version[i] !== min[i]) return version[i] < min[i];
    }
    return false;
}

/** What is wrong with the CLI, judged from the output of `aws --version` (`undefined`: it did not run). */
export function awsCliProblem(versionOutput: string | undefined): string | undefined {
    if (versionOutput === undefined)
        return `the aws CLI was not found on PATH; the cluster's kubeconfig runs \`aws eks get-token\`. Install it: ${INSTALL}`;
    const match = /aws-cli\/(\d+)\.(\d+)\.(\d+)/.exec(versionOutput);
    if (!match)
        return `could not read the aws CLI version from \`aws --version\`: ${JSON.stringify(versionOutput.trim())}`;
    const version = match.slice(1, 4).map(Number);
    const min = MIN_AWS_CLI[version[0]];
    if (min !== undefined && older(version, min.split(".").map(Number))) {
        return `aws CLI ${version.join(".")} is too old: \`aws eks get-token\` needs at least ${min} to print client.authentication.k8s.io/v1beta1 credentials. Upgrade it: ${INSTALL}`;
    }
    return undefined;
}

/** Runs `aws --version`; `undefined` when there is no `aws` to run. */
export function awsVersionOutput(): string | undefined {
    // AWS CLI v1 prints its version on stderr, v2 on stdout.
    const run = spawnSync("aws", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    if (run.error) return undefined;
    return `${run.stdout ?? ""}${run.stderr ?? ""}`;
}

/** Throws when the aws CLI is missing or too old. */
export function checkAwsCli(versionOutput: () => string | undefined = awsVersionOutput): void {
    const problem = awsCliProblem(versionOutput());
    if (problem) throw new Error(problem);
}

/** Whether a real engine runs this program (its providers, the Kubernetes provider among them, will run). */
export function providersRun(): boolean {
    return !(pulumi.runtime.getMonitor() instanceof MockMonitor);
}
