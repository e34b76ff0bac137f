/**
 * What other languages cannot be offered is refused when the schema is inferred, not discovered by a user: the SDK
 * analyzer (@pulumi/pulumi `provider/experimental/analyzer.js` `analyzeType`, `getResourceType`) throws, naming the
 * component and the argument, for a reference to a component of the package itself (why IngressApp's `controller`
 * argument went), a function, and a union other than string literals. `npm run schema` and
 * tests/components/schema.spec.ts fail the same way on such an argument of this package; methods, which the analyzer
 * skips silently instead, are refused by that spec.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Analyzer } from "@pulumi/pulumi/provider/experimental/analyzer";

const ROOT = path.resolve(__dirname, "..", "..");

/** A one-file component package with the argument `arg` in `BadArgs`, and a component `Ok` it may refer to. */
function fixture(dir: string, arg: string): void {
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "fixture", version: "1.0.0" }));
    fs.writeFileSync(
        path.join(dir, "tsconfig.json"),
        JSON.stringify({
            compilerOptions: { strict: true, module: "commonjs", skipLibCheck: true },
            include: ["*.ts"],
        }),
    );
    fs.writeFileSync(
        path.join(dir, "index.ts"),
        [
            'import * as pulumi from "@pulumi/pulumi";',
            "export interface OkArgs { readonly name: pulumi.Input<string> }",
            "export class Ok extends pulumi.ComponentResource {",
            "    constructor(name: string, args: OkArgs) { super('fixture:index:Ok', name, args) }",
            "}",
            `export interface BadArgs { ${arg} }`,
            "export class Bad extends pulumi.ComponentResource {",
            "    constructor(name: string, args: BadArgs) { super('fixture:index:Bad', name, args) }",
            "}",
        ].join("\n"),
    );
}

describe("arguments other languages cannot be offered (the SDK's schema inference refuses them)", function () {
    this.timeout(120000);
    const cases: [string, string, RegExp][] = [
        [
            "a component of the package itself",
            "readonly controller?: Ok;",
            // The analyzer looks for the class's Pulumi type in an @pulumi/* package and finds none.
            /(Cannot determine resource type|Could not determine __pulumiType).*'BadArgs\.controller'/,
        ],
        ["a function", "readonly onReady?: () => void;", /Unsupported type for component 'Bad' .*'BadArgs.onReady'/],
        [
            "a union that is no string-literal enum",
            "readonly port: number | string;",
            /Union types are not supported for component 'Bad' .*'BadArgs.port'/,
        ],
    ];
    for (const [what, arg, refusal] of cases) {
        it(`refuses ${what}, naming the component and the argument`, () => {
            // Inside the project, so that the fixture resolves @pulumi/pulumi from its node_modules.
            const dir = fs.mkdtempSync(path.join(ROOT, ".schema-fixture-"));
            try {
                fixture(dir, arg);
                const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
                const analyzer = new Analyzer(dir, "fixture", pkg, new Set(["Ok", "Bad"]));
                assert.throws(() => analyzer.analyze(), refusal);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });
    }
});
