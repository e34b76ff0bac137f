import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import {
    CONFIG,
    CONFIG_KEYS,
    type ConfigDeclaration,
    ConfigErrors,
    parseStackConfig,
    readStackConfig,
} from "../../stack/config";

const ROOT = path.resolve(__dirname, "..", "..");
const APP = { name: "web", image: "public.ecr.aws/nginx/nginx:1.27", containerPort: 80, targetType: "ip" };

/** The messages of the ConfigErrors `run` throws. */
function problemsOf(run: () => unknown): string[] {
    try {
        run();
    } catch (e) {
        if (e instanceof ConfigErrors) return e.errors.map((x) => x.message);
        throw e;
    }
    return [];
}

describe("stack config", () => {
    describe("Pulumi.yaml", () => {
        const project = parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"));

        it("declares exactly the keys the program reads, with their types, items and defaults", () => {
            assert.deepStrictEqual(Object.keys(project.config).sort(), [...CONFIG_KEYS].sort());
            for (const key of CONFIG_KEYS) {
                const { description, ...declared } = project.config[key];
                assert.deepStrictEqual(declared, CONFIG[key], key);
                assert.ok(description, `${key} has a description`);
            }
        });

        it("leaves only clusterName without a default, so a new stack needs nothing else of this project", () => {
            const required = Object.entries<ConfigDeclaration>(project.config).filter(([, d]) => !("default" in d));
            assert.deepStrictEqual(
                required.map(([k]) => k),
                ["clusterName"],
            );
        });

        it("has defaults that mean what the program's own defaults mean", () => {
            const defaults = Object.fromEntries(
                Object.entries<ConfigDeclaration>(project.config)
                    .filter(([, d]) => "default" in d)
                    .map(([k, d]) => [k, d.default]),
            );
            assert.deepStrictEqual(
                parseStackConfig({ ...defaults, clusterName: "c" }),
                parseStackConfig({ clusterName: "c" }),
            );
        });
    });

    it("fills the defaults; an empty kubernetesVersion means EKS's default", () => {
        const c = parseStackConfig({ clusterName: "c", kubernetesVersion: "" });
        assert.deepStrictEqual(
            [c.clusterMode, c.oidcProvider, c.nodeCount, c.nodeInstanceType, c.apps, c.controller, c.kubernetesVersion],
            ["existing", "auto", 2, "t3.medium", [], {}, undefined],
        );
    });

    it("decodes values as the engine passes them: strings, integers and JSON", () => {
        const raw: Record<string, string> = { clusterName: "c", nodeCount: "3", apps: JSON.stringify([APP]) };
        const c = readStackConfig((k) => raw[k], ["eks-alb-ingress:clusterName", "aws:region"]);
        assert.deepStrictEqual([c.nodeCount, c.apps.length], [3, 1]);
    });

    it("reports every problem at once, one per key", () => {
        const problems = problemsOf(() =>
            parseStackConfig({
                clusterName: "-bad",
                nodeCount: 0,
                clusterMode: "import",
                apps: [{ ...APP, name: "" }],
            }),
        );
        assert.deepStrictEqual(
            problems.map((p) => p.split(" ")[1]),
            [
                "eks-alb-ingress:clusterMode",
                "eks-alb-ingress:clusterName",
                "eks-alb-ingress:nodeCount",
                "eks-alb-ingress:apps[0].name",
            ],
        );
    });

    it("names a key whose project prefix is misspelled, and suggests the right one", () => {
        const problems = problemsOf(() =>
            readStackConfig(
                (k) => (k === "clusterName" ? "c" : undefined),
                ["eks-alb-ingres:clusterName", "aws:region"],
            ),
        );
        assert.strictEqual(problems.length, 1);
        assert.match(
            problems[0],
            /^config eks-alb-ingres:clusterName is read by nothing in this stack: its namespace "eks-alb-ingres" is neither the project's \("eks-alb-ingress"\).*did you mean eks-alb-ingress:clusterName\?$/,
        );
    });

    it("reads the keys of the project it is given", () => {
        const c = readStackConfig((k) => (k === "clusterName" ? "c" : undefined), ["other:clusterName"], "other");
        assert.strictEqual(c.clusterName, "c");
        assert.match(
            problemsOf(() => readStackConfig(() => "c", ["other:clustrName"], "other"))[0],
            /other:clustrName is not a setting of this project \(did you mean clusterName\?\)/,
        );
    });

    const bad: [string, () => unknown, RegExp][] = [
        [
            "an unknown key",
            () => readStackConfig((k) => (k === "clusterName" ? "c" : undefined), ["eks-alb-ingress:clustername"]),
            /config eks-alb-ingress:clustername is not a setting of this project \(did you mean clusterName\?\); known: clusterMode/,
        ],
        [
            "an unknown cluster mode",
            () => parseStackConfig({ clusterName: "c", clusterMode: "import" }),
            /clusterMode must be one of "existing", "new", got "import"/,
        ],
        [
            "a bad OIDC mode",
            () => parseStackConfig({ clusterName: "c", oidcProvider: "maybe" }),
            /oidcProvider must be one of "auto", "reuse", "create"/,
        ],
        [
            "apps that are not a list",
            () => parseStackConfig({ clusterName: "c", apps: { a: 1 } }),
            /apps must be a list of apps/,
        ],
        [
            "an app without a name",
            () => parseStackConfig({ clusterName: "c", apps: [{ image: "x:1" }] }),
            /apps\[0\]\.name must be a DNS-1035 label/,
        ],
        [
            "two apps that both create one namespace",
            () =>
                parseStackConfig({
                    clusterName: "c",
                    apps: [
                        { ...APP, name: "a", namespace: "apps" },
                        { ...APP, name: "b", namespace: "apps" },
                    ],
                }),
            /apps\[1\]\.createNamespace must be false: apps\[0\] already creates namespace "apps"/,
        ],
        [
            "two apps with one name",
            () => parseStackConfig({ clusterName: "c", apps: [APP, { ...APP, namespace: "other" }] }),
            /apps\[1\]\.name repeats "web"/,
        ],
        [
            "an object that is not JSON",
            () => readStackConfig((k) => (k === "apps" ? "[oops" : k === "clusterName" ? "c" : undefined)),
            /apps must be structured YAML/,
        ],
        [
            "a bad Kubernetes version",
            () => parseStackConfig({ clusterName: "c", kubernetesVersion: "latest" }),
            /kubernetesVersion must be a Kubernetes minor version such as "1.33", or "" for EKS's default/,
        ],
    ];
    for (const [what, run, message] of bad) {
        it(`rejects ${what}, naming the key`, () => {
            const problems = problemsOf(run);
            assert.strictEqual(problems.length, 1, problems.join("\n"));
            assert.match(problems[0], message);
        });
    }
});
