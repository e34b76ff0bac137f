// Loaded only by StrykerJS (stryker.config.mjs `testRunnerNodeArgs`) into each test runner, before mocha and ts-node.
//
// The components and the policy pack import `eks-alb-ingress-rules` by package name; node resolves it through the
// workspace link node_modules/eks-alb-ingress-rules -> rules/, i.e. to the BUILT rules/bin/index.js of the working
// tree, never to the mutated sources in Stryker's sandbox. This hook resolves the package name (and any sub-path) to
// the sandbox's own rules/*.ts sources instead, so a mutant of rules/ is exercised by every spec that reaches the rules
// through the components or the pack, not only by tests/rules/*.spec.ts. ts-node (required by .mocharc.json) compiles
// them when they load. It does nothing else; `npm test` never loads it.
"use strict";
const Module = require("module");
const path = require("path");

// Resolved per request from the working directory: Stryker loads this file in the project root, then moves
// the test runner into its sandbox before mocha loads a spec; the sandbox's rules/ is the one holding the mutants.
const rulesDir = () => path.resolve(process.cwd(), "rules");
const original = Module._resolveFilename;

Module._resolveFilename = function resolveRulesFromSource(request, parent, isMain, options) {
    if (request === "eks-alb-ingress-rules") {
        return path.join(rulesDir(), "index.ts");
    }
    if (request.startsWith("eks-alb-ingress-rules/")) {
        return original.call(
            this,
            path.join(rulesDir(), request.slice("eks-alb-ingress-rules/".length)),
            parent,
            isMain,
            options,
        );
    }
    return original.call(this, request, parent, isMain, options);
};
