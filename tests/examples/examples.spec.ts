/**
 * The examples in examples/ (the runbook's stack in Pulumi YAML and in Python) cannot run here (no Pulumi CLI, no
 * cloud): these specs parse them and resolve every type token, input, nested property, enum value and output they
 * use against components/schema.json, as `pulumi package add` exposes the package to each language.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import type { PackageSpec } from "@pulumi/pulumi/provider/experimental/schema";
import { PACKAGE_DIR, checkedInSchema, packageJson, providerIdentity } from "../../tools/schema/packageSchema";
import { type OutputRead, type ProgramResource, type Spelling, type Value, programProblems } from "./programCheck";
import { initParamName, pyName, pyPack } from "./pythonNames";
import { type YamlProgram, readYamlProgram } from "./yamlProgram";

const EXAMPLES = path.resolve(__dirname, "..", "..", "examples");
const PACKAGE = providerIdentity(packageJson().name).name;
const YAML_SPELLING: Spelling = { input: (n) => n, property: (n) => n };
const PYTHON_SPELLING: Spelling = { input: initParamName, property: pyName };

const readYaml = <T>(...parts: string[]): T => parse(fs.readFileSync(path.join(EXAMPLES, ...parts), "utf8")) as T;

/** The package folder a project's `packages` entry names, checked to be this plugin package. */
function assertPackageEntry(dir: string): void {
    const project = readYaml<YamlProgram>(dir, "Pulumi.yaml");
    const source = project.packages?.[PACKAGE];
    assert.strictEqual(typeof source, "string", `${dir}/Pulumi.yaml: packages.${PACKAGE}`);
    assert.strictEqual(path.resolve(EXAMPLES, dir, source as string), PACKAGE_DIR);
    const plugin = parse(fs.readFileSync(path.join(PACKAGE_DIR, "PulumiPlugin.yaml"), "utf8")) as { runtime: unknown };
    assert.strictEqual(plugin.runtime, "nodejs");
}

function yamlProblems(schema: PackageSpec, program: YamlProgram): string[] {
    const { resources, reads } = readYamlProgram(program, PACKAGE);
    return programProblems(schema, resources, reads, YAML_SPELLING);
}

describe("examples (checked against components/schema.json)", () => {
    let schema: PackageSpec;
    before(() => {
        schema = checkedInSchema();
    });

    describe("Pulumi YAML (examples/yaml)", () => {
        let program: YamlProgram;
        before(() => {
            program = readYaml<YamlProgram>("yaml", "Pulumi.yaml");
        });

        it("takes the package from the plugin folder, as `pulumi package add ../../components` records it", () => {
            assertPackageEntry("yaml");
        });

        it("declares the controller and the runbook's two apps by their type tokens", () => {
            const { resources } = readYamlProgram(program, PACKAGE);
            assert.deepStrictEqual(resources.map((r) => `${r.name} ${r.token}`).sort(), [
                `alb-test-01 ${PACKAGE}:index:IngressApp`,
                `ecsdemo-frontend ${PACKAGE}:index:IngressApp`,
                `lbc ${PACKAGE}:index:AlbIngressController`,
            ]);
        });

        it("passes only inputs, enum values and nested properties the schema has, and reads only its outputs", () => {
            const { reads } = readYamlProgram(program, PACKAGE);
            assert.ok(reads.length >= 4, "reads the controller's class and role, and the apps' URLs");
            assert.deepStrictEqual(yamlProblems(schema, program), []);
        });

        it("would report a misspelt input, a wrong enum value or type, a missing output and an output into a plain input", () => {
            const mutated = JSON.parse(JSON.stringify(program)) as Required<YamlProgram>;
            const app = mutated.resources["alb-test-01"].properties!;
            app.targetKind = app.targetType;
            delete app.targetType;
            app.scheme = "public";
            app.containerPort = "80";
            app.ingressClassName = "${lbc.ingressClass}";
            mutated.resources.lbc.properties!.namespace = "${alb-test-01.namespace}";
            mutated.resources["ecsdemo-frontend"].type = `${PACKAGE}:index:AlbApp`;
            const problems = yamlProblems(schema, mutated).join("\n");
            for (const expected of [
                "no input `targetKind`",
                "required targetType not given",
                ".scheme must be one of internal, internet-facing",
                ".containerPort takes a number",
                "has no output `ingressClass`",
                "resources.lbc.namespace is a plain input",
                `no resource ${PACKAGE}:index:AlbApp`,
            ]) {
                assert.ok(problems.includes(expected), `expected "${expected}" in:\n${problems}`);
            }
        });
    });

    describe("Python (examples/python)", () => {
        interface PyProgram {
            imports: Record<string, string>;
            calls: {
                line: number;
                var: string;
                module: string;
                cls: string;
                positional: number;
                kwargs: Record<string, Value>;
            }[];
            attributes: { line: number; var: string; attr: string }[];
        }
        let py: PyProgram;
        const MODULE = pyPack(PACKAGE, providerIdentity(packageJson().name).namespace ?? "");

        /** The program read by python3's `ast` (pythonCalls.py); `undefined` without python3. */
        function readPython(file: string): PyProgram | undefined {
            const run = spawnSync("python3", [path.join(__dirname, "pythonCalls.py"), file], { encoding: "utf8" });
            if (run.error && (run.error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
            assert.strictEqual(run.status, 0, run.stderr);
            return JSON.parse(run.stdout) as PyProgram;
        }

        function pythonProblems(program: PyProgram): string[] {
            const resources: ProgramResource[] = program.calls
                .filter((c) => c.module === MODULE)
                .map((c) => {
                    // `opts` is the resource options keyword of every resource class, not an input.
                    const kwargs = Object.fromEntries(Object.entries(c.kwargs).filter(([k]) => k !== "opts"));
                    return {
                        where: `__main__.py:${c.line}`,
                        name: c.var,
                        token: `${PACKAGE}:index:${c.cls}`,
                        properties: kwargs,
                    };
                });
            const reads: OutputRead[] = program.attributes.map((a) => ({
                where: `__main__.py:${a.line}`,
                resource: a.var,
                property: a.attr,
            }));
            return programProblems(schema, resources, reads, PYTHON_SPELLING);
        }

        before(function () {
            const program = readPython(path.join(EXAMPLES, "python", "__main__.py"));
            // python3 parses the program (its `ast`); without it the Python checks cannot run.
            if (program === undefined) this.skip();
            py = program!;
        });

        it("takes the package from the plugin folder, as `pulumi package add ../../components` records it", () => {
            assertPackageEntry("python");
        });

        it(`imports the generated SDK as ${pyPack("eks-alb-ingress")} and constructs each component by name`, () => {
            assert.strictEqual(MODULE, "pulumi_eks_alb_ingress");
            assert.ok(Object.values(py.imports).includes(MODULE), `import ${MODULE}`);
            const ours = py.calls.filter((c) => c.module === MODULE);
            assert.deepStrictEqual(ours.map((c) => `${c.var} ${c.cls}`).sort(), [
                "alb_test IngressApp",
                "controller AlbIngressController",
                "frontend IngressApp",
            ]);
            for (const c of ours)
                assert.strictEqual(c.positional, 1, `line ${c.line}: the resource name, then keywords`);
        });

        it("passes only keywords, enum values and nested keys the schema has, and reads only its outputs", () => {
            assert.ok(py.attributes.some((a) => a.attr === "ingress_class_name"));
            assert.deepStrictEqual(pythonProblems(py), []);
        });

        it("would report a camelCase keyword, a wrong enum value, a camelCase nested key and a missing output", () => {
            const source = fs
                .readFileSync(path.join(EXAMPLES, "python", "__main__.py"), "utf8")
                .replace("container_port=80", "containerPort=80")
                .replace('target_type="ip"', 'target_type="pod"')
                .replace('{"initial_delay_seconds": 120}', '{"initialDelaySeconds": 120}')
                .replace("controller.role_arn", "controller.roleArn");
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eks-alb-ingress-example-"));
            try {
                fs.writeFileSync(path.join(dir, "__main__.py"), source);
                const problems = pythonProblems(readPython(path.join(dir, "__main__.py"))!).join("\n");
                for (const expected of [
                    "no input `containerPort`",
                    "required container_port not given",
                    ".target_type must be one of instance, ip",
                    "no input `initialDelaySeconds`",
                    "has no output `roleArn`",
                ]) {
                    assert.ok(problems.includes(expected), `expected "${expected}" in:\n${problems}`);
                }
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });
    });

    it("spells Python names as the SDK generator does (pulumi/pulumi pkg/codegen/python/python_test.go cases)", () => {
        const cases: [string, string][] = [
            ["kubeletConfigKey", "kubelet_config_key"],
            ["podCIDR", "pod_cidr"],
            ["podCidr", "pod_cidr"],
            ["podCIDRs", "pod_cidrs"],
            ["podIPs", "pod_ips"],
            ["nonResourceURLs", "non_resource_urls"],
            ["someTHINGsAREWeird", "some_things_are_weird"],
            ["podCIDRSet", "pod_cidr_set"],
            ["Sha256Hash", "sha256_hash"],
            ["SHA256Hash", "sha256_hash"],
            ["proj:config", "proj_config"],
        ];
        assert.deepStrictEqual(
            cases.map(([n]) => [n, pyName(n)]),
            cases,
        );
        assert.strictEqual(initParamName("opts"), "opts_");
        assert.strictEqual(pyName("class"), "class_");
    });
});
