/**
 * `npm run schema`: regenerates `components/schema.json`, the schema other languages get from
 * `pulumi package add`, from the package's TypeScript sources (packageSchema.ts). The spec
 * tests/components/schema.spec.ts fails while the checked-in file differs, so every API change is a visible diff.
 */
import * as fs from "fs";
import * as path from "path";
import { SCHEMA_FILE, packageSchema, renderSchema } from "./packageSchema";
import { schemaProblems } from "./schemaProblems";

async function main(): Promise<number> {
    const schema = await packageSchema();
    fs.writeFileSync(SCHEMA_FILE, await renderSchema(schema));
    const resources = Object.keys(schema.resources);
    console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}: ${resources.join(", ")}`);
    const problems = schemaProblems(schema);
    for (const p of problems) console.error(`  ${p}`);
    return problems.length === 0 ? 0 : 1;
}

main().then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
        console.error(e instanceof Error ? e.message : e);
        process.exitCode = 1;
    },
);
