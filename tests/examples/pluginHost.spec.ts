/**
 * What the Pulumi plugin host reads from components/ when a program runs `pulumi package add` on it: the plugin
 * manifest, package.json, and the built entry point (@pulumi/pulumi `cmd/run-plugin/run.js` requires the folder,
 * i.e. package.json `main`). Run after `npm run build` (as `npm test` does).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { getPulumiComponents } from "@pulumi/pulumi/provider/experimental/provider";
import { PACKAGE_DIR, packageComponents, packageJson, providerIdentity } from "../../tools/schema/packageSchema";

describe("components/ as a Pulumi plugin package", () => {
    it("declares the Node.js runtime in PulumiPlugin.yaml, with fields the CLI knows", () => {
        const manifest = parse(fs.readFileSync(path.join(PACKAGE_DIR, "PulumiPlugin.yaml"), "utf8")) as object;
        assert.deepStrictEqual(manifest, { runtime: "nodejs" });
        // pulumi/pulumi sdk/go/common/workspace/project.go PluginProject: runtime, packages, requiredPulumiVersion, template.
    });

    it("serves from the built entry point the same components the sources export", () => {
        const main = path.join(PACKAGE_DIR, packageJson().main ?? "index.js");
        assert.ok(fs.existsSync(main), `${main} is missing: run \`npm run build\``);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const built = getPulumiComponents(require(PACKAGE_DIR)).map((c) => c.name);
        assert.deepStrictEqual(
            built.sort(),
            packageComponents()
                .map((c) => c.name)
                .sort(),
        );
        assert.strictEqual(built.length, 4);
    });

    it("names the provider from package.json as the plugin host does", () => {
        assert.deepStrictEqual(providerIdentity(packageJson().name), { name: "eks-alb-ingress" });
        assert.deepStrictEqual(providerIdentity("@acme/eks.alb"), { name: "eks-alb", namespace: "acme" });
        assert.throws(() => providerIdentity("1st"), /must start with a letter/);
    });

    it("ships the TypeScript sources and tsconfig.json the schema is inferred from", () => {
        // ComponentProvider.getSchema() analyses `<folder>/tsconfig.json` from index.ts (package.json `main`
        // bin/index.js has no bin/index.ts, so the analyzer falls back to index.ts): both must be in the folder.
        assert.ok(fs.existsSync(path.join(PACKAGE_DIR, "tsconfig.json")));
        assert.ok(fs.existsSync(path.join(PACKAGE_DIR, "index.ts")));
        assert.ok(!fs.existsSync(path.join(PACKAGE_DIR, "bin", "index.ts")));
    });
});
