/**
 * The stack config's rules at their edges, key by key: the last value each rule accepts and the first it refuses,
 * for the settings of a new cluster (clusterMode: new) and of the controller and apps, which config.spec.ts covers
 * only by one bad value each. Every refusal names its key, as `pulumi up` prints it.
 */
import * as assert from "assert";
import { ConfigErrors, parseStackConfig, readStackConfig } from "../../stack/config";

const APP = { name: "web", image: "public.ecr.aws/nginx/nginx:1.27", containerPort: 80, targetType: "ip" };

/** The keys of the problems a config has (none when it parses). */
function refusedKeys(raw: Record<string, unknown>): string[] {
    try {
        parseStackConfig({ clusterName: "c", ...raw });
    } catch (e) {
        if (e instanceof ConfigErrors) return e.errors.map((x) => x.key);
        throw e;
    }
    return [];
}

describe("stack config rules at their edges", () => {
    const cases: [key: string, accepted: unknown[], refused: unknown[]][] = [
        ["clusterName", ["a", "1-cluster_A", "a".repeat(100)], ["", "-a", "_a", "a.b", "a b", "a".repeat(101), 5]],
        ["nodeCount", [1, 100], [0, 101, 2.5, "3", -1]],
        [
            "nodeInstanceType",
            ["t3.medium", "m5.2xlarge", "c7gn.metal"],
            ["t3", "T3.medium", " t3.medium", "t3.medium ", "t3.med.ium", 3],
        ],
        ["kubernetesVersion", ["", "1.33", "1.9"], ["1.33.1", "v1.33", "2.0", 1.33, "latest "]],
        ["clusterMode", ["existing", "new"], ["New", ""]],
    ];
    for (const [key, accepted, refused] of cases) {
        it(`${key}: accepts ${accepted.map((v) => JSON.stringify(v)).join(", ")}`, () => {
            for (const value of accepted)
                assert.deepStrictEqual(refusedKeys({ [key]: value }), [], JSON.stringify(value));
        });
        it(`${key}: refuses ${refused.map((v) => JSON.stringify(v)).join(", ")}`, () => {
            for (const value of refused)
                assert.deepStrictEqual(refusedKeys({ [key]: value }), [key], JSON.stringify(value));
        });
    }

    it("refuses a controller that is not an object, and each setting that comes from the cluster", () => {
        for (const controller of ["lbc", [], 3]) {
            assert.deepStrictEqual(refusedKeys({ controller }), ["controller"], JSON.stringify(controller));
        }
        for (const key of ["cluster", "clusterName", "vpcId", "oidcProviderArn", "oidcIssuerUrl"]) {
            assert.deepStrictEqual(refusedKeys({ controller: { [key]: "x" } }), [`controller.${key}`]);
        }
        assert.deepStrictEqual(refusedKeys({ controller: { replicas: 3 } }), []);
    });

    it("refuses apps that are not objects, naming each by its index", () => {
        assert.deepStrictEqual(refusedKeys({ apps: [APP, "web", null] }), ["apps[1]", "apps[2]"]);
    });

    it("takes app names as DNS-1035 labels of at most 63 characters", () => {
        for (const name of ["a", "web-2", `a${"b".repeat(62)}`]) {
            assert.deepStrictEqual(refusedKeys({ apps: [{ ...APP, name }] }), [], name);
        }
        for (const name of ["", "2web", "web-", "Web", "we_b", `a${"b".repeat(63)}`, 7]) {
            assert.deepStrictEqual(refusedKeys({ apps: [{ ...APP, name }] }), ["apps[0].name"], String(name));
        }
    });

    it("counts an app's namespace as its name when none is given, and lets other apps share it with createNamespace: false", () => {
        const owner = { ...APP, name: "shop" };
        assert.deepStrictEqual(refusedKeys({ apps: [owner, { ...APP, name: "cart", namespace: "shop" }] }), [
            "apps[1].createNamespace",
        ]);
        assert.deepStrictEqual(
            refusedKeys({ apps: [owner, { ...APP, name: "cart", namespace: "shop", createNamespace: false }] }),
            [],
        );
        // An app that does not create its namespace does not own it either.
        assert.deepStrictEqual(
            refusedKeys({
                apps: [
                    { ...APP, name: "a", namespace: "shared", createNamespace: false },
                    { ...APP, name: "b", namespace: "shared" },
                ],
            }),
            [],
        );
    });

    it("reads integers as the engine passes them (strings), and nothing that is not one", () => {
        const read = (nodeCount: string) =>
            readStackConfig((k) => (k === "clusterName" ? "c" : k === "nodeCount" ? nodeCount : undefined));
        assert.strictEqual(read("3").nodeCount, 3);
        assert.strictEqual(read(" +3 ").nodeCount, 3);
        for (const text of ["3.0", "3a", "a3", "0x3"]) {
            assert.throws(() => read(text), /nodeCount must be an integer from 1 to 100/, text);
        }
    });

    it("puts one problem per line in the error `pulumi up` prints", () => {
        try {
            parseStackConfig({ clusterName: "", nodeCount: 0 });
            assert.fail("must throw");
        } catch (e) {
            assert.ok(e instanceof ConfigErrors);
            const lines = e.message.split("\n");
            assert.strictEqual(lines.length, 2, e.message);
            assert.match(lines[0], /clusterName must be an EKS cluster name/);
            assert.match(lines[1], /nodeCount must be an integer from 1 to 100, got 0/);
        }
    });
});
