// StrykerJS (mutation testing): `npm run mutation` mutates every configured area; one area:
// `npm run mutation -- --mutate 'rules/**/*.ts'`. How to read and extend it: TESTING.md, "Mutation testing".
// @ts-check
import { createRequire } from "module";
import { fileURLToPath } from "url";

// Stryker 9.6.1's mocha runner with mocha 12 (see the file); must run before Stryker loads its plugins.
createRequire(import.meta.url)("./tools/mutation/mocha12.cjs");
// The specs read the upstream reference beside the project (tests/harness/fixtures.ts); the sandbox is a copy one
// level deeper, so tell its test runners (which inherit this environment) where the real folder is.
process.env.EKS_ALB_REFERENCE_DIR ??= fileURLToPath(new URL("../shared/reference", import.meta.url));

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
    testRunner: "mocha",
    // The project's .mocharc.json (ts-node + the mock engine harness); only the spec files differ from `npm test`:
    // specs that pack/install the built package in a temp dir, the benchmark and tools/ cannot see a mutant of the
    // sources and only slow every run down. MUTATION_SPECS (comma-separated globs) narrows them for a quick local run.
    mochaOptions: {
        config: ".mocharc.json",
        spec: process.env.MUTATION_SPECS
            ? process.env.MUTATION_SPECS.split(",")
            : [
                  "tests/components/**/*.spec.ts",
                  "tests/plan/**/*.spec.ts",
                  "tests/policy-pack/!(server).spec.ts",
                  "tests/rules/**/*.spec.ts",
                  "tests/stack/**/*.spec.ts",
              ],
    },
    // In each test runner: the mocha 12 shim, and `eks-alb-ingress-rules` resolved to the sandbox's rules/*.ts instead
    // of the built rules/bin (see the files).
    testRunnerNodeArgs: [
        "--require",
        "./tools/mutation/mocha12.cjs",
        "--require",
        "./tools/mutation/rulesFromSource.cjs",
    ],
    checkers: ["typescript"],
    tsconfigFile: "tsconfig.json",
    typescriptChecker: { prioritizePerformanceOverAccuracy: true },
    coverageAnalysis: "perTest",
    // A static mutant (module-level code: the rule tables, the annotation catalogue, constants) needs a fresh process
    // and the whole spec list for each run: on two cores that multiplies a run's time several-fold. They are reported
    // as "ignored" and listed in TESTING.md; MUTATION_STATIC=1 runs them (the CLI has no flag to turn it off).
    ignoreStatic: process.env.MUTATION_STATIC !== "1",
    mutate: [
        "rules/**/*.ts",
        "components/**/*.ts",
        "policy-pack/**/*.ts",
        "plan/**/*.ts",
        "stack/**/*.ts",
        "!**/bin/**",
        "!**/*.d.ts",
        // Entry points only wire modules together; their pieces are mutated where they are defined.
        "!policy-pack/index.ts",
        "!rules/index.ts",
        "!components/index.ts",
        // `npm run plan`'s entry only runs plan/cli.ts's `main` and exits with its code (tested in process).
        "!plan/main.ts",
    ],
    ignorePatterns: ["out", "bench", "reports", "components/bin", "rules/bin", ".ci", ".stryker-tmp*"],
    // Re-test only mutants whose code or covering tests changed since the last run (reports/stryker-incremental.json).
    incremental: true,
    incrementalFile: "reports/stryker-incremental.json",
    // Two cores, usually shared with other work: one test runner. Raise it with --concurrency on a bigger machine.
    concurrency: 1,
    timeoutMS: 10000,
    reporters: ["clear-text", "progress", "html", "json"],
    htmlReporter: { fileName: "reports/mutation/mutation.html" },
    jsonReporter: { fileName: "reports/mutation/mutation.json" },
    // The score is recorded in TESTING.md; a run never fails on it (no `break` threshold).
    thresholds: { high: 85, low: 75, break: null },
    tempDirName: ".stryker-tmp",
    cleanTempDir: true,
};

export default config;
