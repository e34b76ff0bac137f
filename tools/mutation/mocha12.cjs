// Lets @stryker-mutator/mocha-runner 9.6.1 drive mocha 12. Loaded by stryker.config.mjs (main process) and through
// `testRunnerNodeArgs` (each test runner), never by `npm test`.
//
// Why: Stryker 10 (the release that supports mocha 12) refuses Node < 22, and this project runs on Node 20; Stryker
// 9.6.1 runs on Node 20 but its mocha runner loads mocha's CLI helpers by extension-less path
// (`<mocha>/lib/cli/run-helpers`, `options`, `collect-files`: stryker-js packages/mocha-runner/src/lib-wrapper.ts),
// and mocha 12 ships them as `.cjs` files with the same exports (handleRequires, loadOptions, the collect-files
// function). This hook adds the `.cjs` fallback for exactly those three modules. Delete it (and the `overrides` entry
// in package.json) when the project moves to Node 22 and Stryker 10.
"use strict";
const Module = require("module");
const fs = require("fs");
const path = require("path");

const CLI_HELPERS = new Set(["run-helpers", "options", "collect-files"]);
const original = Module._resolveFilename;

Module._resolveFilename = function resolveMochaCliHelpers(request, parent, isMain, options) {
    if (
        path.isAbsolute(request) &&
        CLI_HELPERS.has(path.basename(request)) &&
        path.basename(path.dirname(request)) === "cli" &&
        !fs.existsSync(`${request}.js`) &&
        fs.existsSync(`${request}.cjs`)
    ) {
        return `${request}.cjs`;
    }
    return original.call(this, request, parent, isMain, options);
};
