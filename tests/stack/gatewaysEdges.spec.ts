/**
 * The stack's `gateways` list and `apps[].gateway` (stack/gateways.ts): the exact refusals a stack's author reads,
 * and who is named as the creator of a namespace when a gateway would create it again.
 */
import * as assert from "assert";
import { ConfigErrors, parseStackConfig } from "../../stack/config";

const APP = { name: "web", image: "public.ecr.aws/nginx/nginx:1.27", containerPort: 80, targetType: "ip" };
const GATEWAY_API = { controller: { gatewayApi: true } };

/** The problems of a config, as `key: message` (none when it parses). */
function problems(raw: Record<string, unknown>): string[] {
    try {
        parseStackConfig({ clusterName: "c", ...GATEWAY_API, ...raw });
    } catch (e) {
        if (e instanceof ConfigErrors) return e.errors.map((x) => `${x.key}: ${x.problem}`);
        throw e;
    }
    return [];
}

describe("stack config: gateways, word for word", () => {
    it("refuses a gateways value that is not a list", () => {
        assert.deepStrictEqual(problems({ gateways: "g" }), [
            'gateways: must be a list of gateways ({name, namespace, scheme, ...}), got "g"',
        ]);
    });

    it("refuses entries that are not objects, names that are not non-empty strings, and repeated names", () => {
        assert.deepStrictEqual(
            problems({ gateways: [{ name: "g" }, "h", { name: "" }, { name: "g" }, null, { name: 7 }] }),
            [
                'gateways[1]: must be an object with a name and AlbGateway arguments, got "h"',
                'gateways[2].name: must be a non-empty string, got ""',
                'gateways[3].name: repeats "g" (gateways[0]); gateway names must be unique',
                "gateways[4]: must be an object with a name and AlbGateway arguments, got null",
                "gateways[5].name: must be a non-empty string, got 7",
            ],
        );
    });

    it("refuses what the program wires from the controller, naming the controller's key", () => {
        assert.deepStrictEqual(
            problems({ gateways: [{ name: "g", gatewayClassName: "x", controllerVersion: "v3.5.0" }] }),
            [
                "gateways[0].gatewayClassName: comes from the controller (controller.gatewayClassName); remove it",
                "gateways[0].controllerVersion: comes from the controller (controller.version); remove it",
            ],
        );
    });

    it("refuses an app's gateway that is not a name, or names no gateway, listing the known ones", () => {
        assert.deepStrictEqual(
            problems({
                gateways: [{ name: "a" }, { name: "b" }],
                apps: [
                    { ...APP, gateway: "c" },
                    { ...APP, name: "api", gateway: ["a"] },
                ],
            }),
            [
                'apps[0].gateway: names no gateway of the gateways list: "c"; known: "a", "b"',
                'apps[1].gateway: must be the name of a gateway of the gateways list, got ["a"]',
            ],
        );
        assert.deepStrictEqual(problems({ apps: [{ ...APP, gateway: "c" }] }), [
            'apps[0].gateway: names no gateway of the gateways list: "c"; the list is empty',
        ]);
    });
});

describe("stack config: one app or gateway creates each namespace", () => {
    const creating = (namespace: string) => ({ name: "g", namespace, createNamespace: true });

    it("names the app that creates the namespace, by its namespace or else its name", () => {
        assert.deepStrictEqual(problems({ gateways: [creating("web")], apps: [APP] }), [
            'gateways[0].createNamespace: must be false: apps[0] already creates namespace "web" (one app or gateway creates it)',
        ]);
        assert.deepStrictEqual(problems({ gateways: [creating("edge")], apps: [{ ...APP, namespace: "edge" }] }), [
            'gateways[0].createNamespace: must be false: apps[0] already creates namespace "edge" (one app or gateway creates it)',
        ]);
        assert.deepStrictEqual(problems({ gateways: [creating("web")], apps: [{ ...APP, namespace: "edge" }] }), []);
    });

    it("names the first app when several would create it, and skips entries that are not apps", () => {
        const found = problems({
            gateways: [creating("x")],
            apps: [null, { ...APP, namespace: "x" }, { ...APP, name: "api", namespace: "x" }],
        });
        assert.deepStrictEqual(
            found.filter((p) => p.startsWith("gateways")),
            [
                'gateways[0].createNamespace: must be false: apps[1] already creates namespace "x" (one app or gateway creates it)',
            ],
        );
    });

    it("counts a gateway without a namespace as creating AlbGateway's default namespace", () => {
        const inDefault = { name: "g", createNamespace: true };
        assert.deepStrictEqual(problems({ gateways: [inDefault, { ...inDefault, name: "h" }] }), [
            'gateways[1].createNamespace: must be false: gateways[0] already creates namespace "default" (one app or gateway creates it)',
        ]);
        assert.deepStrictEqual(problems({ gateways: [inDefault], apps: [{ ...APP, namespace: "default" }] }), [
            'gateways[0].createNamespace: must be false: apps[0] already creates namespace "default" (one app or gateway creates it)',
        ]);
        // a namespace that is no name is AlbGateway's to refuse (program.ts), not read as the default one
        assert.deepStrictEqual(
            problems({ gateways: [{ ...inDefault, namespace: 5 }], apps: [{ ...APP, namespace: "default" }] }),
            [],
        );
    });

    it("names the gateway that creates it first", () => {
        assert.deepStrictEqual(problems({ gateways: [creating("x"), { ...creating("x"), name: "h" }] }), [
            'gateways[1].createNamespace: must be false: gateways[0] already creates namespace "x" (one app or gateway creates it)',
        ]);
    });
});
