/**
 * `npm run upstream -- add <version> --controller <dir> --charts <dir> [--data <dir>]`
 *
 * Adds a controller release to the package's closed version matrix from local checkouts of
 * kubernetes-sigs/aws-load-balancer-controller (at the release tag) and aws/eks-charts (at the commit that
 * published its chart; with `index.yaml` of branch gh-pages when available), and prints what the release changes.
 * Writes only under the data folder (`components/data/` unless `--data` names another, as the tests do).
 * See CONTRIBUTING.md for the release process.
 */
import { type AddOptions, planAdd } from "./add";
import { UpstreamError } from "./checkouts";
import { PACKAGE_DATA, applyWrites } from "./dataFolder";

const USAGE =
    "usage: npm run upstream -- add <version> --controller <checkout of kubernetes-sigs/aws-load-balancer-controller> " +
    "--charts <checkout of aws/eks-charts> [--data <data folder>]";

/** Parses the command line; throws {@link UpstreamError} with the usage on anything else. */
export function parseArgs(argv: readonly string[]): AddOptions {
    const [command, version, ...rest] = argv;
    if (command !== "add" || version === undefined || version.startsWith("--")) {
        throw new UpstreamError(USAGE);
    }
    const flags = new Map<string, string>();
    for (let i = 0; i < rest.length; i += 2) {
        const [flag, value] = [rest[i], rest[i + 1]];
        if (!["--controller", "--charts", "--data"].includes(flag) || value === undefined || flags.has(flag)) {
            throw new UpstreamError(`unexpected argument ${flag}\n${USAGE}`);
        }
        flags.set(flag, value);
    }
    const controller = flags.get("--controller");
    const charts = flags.get("--charts");
    if (controller === undefined || charts === undefined) throw new UpstreamError(`${USAGE}`);
    return { version, controller, charts, data: flags.get("--data") ?? PACKAGE_DATA };
}

/** Runs the command; returns the exit code. */
export function run(argv: readonly string[], out: (line: string) => void): number {
    try {
        const options = parseArgs(argv);
        const plan = planAdd(options);
        applyWrites(options.data, plan.writes);
        out(`Added ${options.version} to ${options.data}. Review what it changes:`);
        for (const line of plan.report) out(`  ${line}`);
        out("Files:");
        for (const [file, content] of [...plan.writes].sort(([a], [b]) => a.localeCompare(b))) {
            out(`  ${content === null ? "deleted" : "written"} ${file}`);
        }
        out("Next: npm test, then CHANGELOG.md and the README's supported range (CONTRIBUTING.md).");
        return 0;
    } catch (e) {
        if (!(e instanceof UpstreamError)) throw e;
        out(`upstream: ${e.message}`);
        return 1;
    }
}

if (require.main === module) {
    process.exitCode = run(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`));
}
