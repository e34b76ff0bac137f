// CI smoke run of StrykerJS (.ci/run): keeps the mutation set-up working in a couple of minutes. It mutates one small
// function of the rules (readBool) and runs the rules specs plus one policy-pack spec that
// reaches the rules only through the package name `eks-alb-ingress-rules` (so tests/harness/rulesFromSource.js is in
// play). The score is not judged here: CI fails only when Stryker itself fails. The full run: `npm run mutation`.
// @ts-check
import base from "./stryker.config.mjs";

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
    ...base,
    mochaOptions: { ...base.mochaOptions, spec: ["tests/rules/**/*.spec.ts", "tests/policy-pack/alb.spec.ts"] },
    mutate: ["rules/annotationValues.ts:33-35"],
    incremental: false,
    reporters: ["clear-text"],
};

export default config;
