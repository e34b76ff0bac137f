/** Runs the stack program (index.ts) on the mock engine with a stack's config: shared by the plan and the bench. */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { cloud, installMocks, settle } from "./engine";
import type { StackFiles } from "./stackFiles";

/** The repository root, where index.ts lives. */
export const ROOT = path.resolve(__dirname, "..");

/**
 * Evaluates index.ts with `files`' config as `pulumi up` would hand it over, and waits until every resource is
 * registered. Returns the stack outputs; what was registered is in the engine's `recorded`. Each call runs the
 * program afresh (index.ts runs it when loaded, so it leaves the require cache first); the modules it imports stay
 * cached: they hold no per-run state (components/controller/chartValues.ts caches only the bundled chart files).
 */
export async function evaluateStackProgram(files: StackFiles): Promise<Record<string, unknown>> {
    installMocks(files.project, files.stack);
    cloud.region = files.config["aws:region"] ?? "us-east-1";
    pulumi.runtime.setAllConfig(files.config);
    const main = path.join(ROOT, "index.ts");
    delete require.cache[require.resolve(main)];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const outputs = await (require(main) as Promise<Record<string, unknown>>);
    await settle();
    return outputs;
}
