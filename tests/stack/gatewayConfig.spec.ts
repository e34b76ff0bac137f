/**
 * The stack config of issue 13: the `gateways` list, `apps[].gateway`, `loadBalancing` and `autoMode` (new
 * clusters). Every refusal names its key, and all of a stack's problems come at once.
 */
import * as assert from "assert";
import { ConfigErrors, parseStackConfig, readStackConfig } from "../../stack/config";

const APP = { name: "web", image: "public.ecr.aws/nginx/nginx:1.27", containerPort: 80, targetType: "ip" };
const GATEWAY_API = { controller: { gatewayApi: true } };

/** The problems of a config, as `key: message` (none when it parses). */
function problems(raw: Record<string, unknown>): string[] {
    try {
        parseStackConfig({ clusterName: "c", ...raw });
    } catch (e) {
        if (e instanceof ConfigErrors) return e.errors.map((x) => `${x.key}: ${x.problem}`);
        throw e;
    }
    return [];
}
const keys = (raw: Record<string, unknown>) => problems(raw).map((p) => p.split(": ")[0]);

describe("stack config: gateways, loadBalancing, autoMode", () => {
    it("defaults to no gateways, loadBalancing auto and no Auto Mode", () => {
        const cfg = parseStackConfig({ clusterName: "c" });
        assert.deepStrictEqual([cfg.gateways, cfg.loadBalancing, cfg.autoMode], [[], "auto", false]);
    });

    it("takes gateways with unique names and apps that name one of them", () => {
        const cfg = parseStackConfig({
            clusterName: "c",
            ...GATEWAY_API,
            gateways: [{ name: "public", scheme: "internet-facing" }, { name: "private" }],
            apps: [{ ...APP, gateway: "public" }],
        });
        assert.deepStrictEqual(
            cfg.gateways.map((g) => g.name),
            ["public", "private"],
        );
        assert.strictEqual(cfg.apps[0].gateway, "public");
    });

    it("refuses an app whose gateway is not in the list, naming the known ones", () => {
        const found = problems({
            ...GATEWAY_API,
            gateways: [{ name: "public" }],
            apps: [{ ...APP, gateway: "pubic" }],
        });
        assert.deepStrictEqual(found, [
            'apps[0].gateway: names no gateway of the gateways list: "pubic"; known: "public"',
        ]);
        assert.deepStrictEqual(keys({ apps: [{ ...APP, gateway: 3 }] }), ["apps[0].gateway"]);
        assert.match(problems({ apps: [{ ...APP, gateway: "x" }] })[0], /the list is empty/);
    });

    it("refuses malformed gateways, repeated names and what the controller wires (class, release)", () => {
        assert.deepStrictEqual(keys({ ...GATEWAY_API, gateways: "g" }), ["gateways"]);
        assert.deepStrictEqual(
            keys({
                ...GATEWAY_API,
                gateways: [
                    { name: "g" },
                    "h",
                    { name: "" },
                    { name: "g", gatewayClassName: "x", controllerVersion: "v3.5.0" },
                ],
            }),
            [
                "gateways[1]",
                "gateways[2].name",
                "gateways[3].name",
                "gateways[3].gatewayClassName",
                "gateways[3].controllerVersion",
            ],
        );
        assert.match(problems({ gateways: [{ name: "g", controllerVersion: "v3.5.0" }] })[0], /controller\.version/);
    });

    it("lets one app or gateway create each namespace", () => {
        const shared = { name: "g", namespace: "web", createNamespace: true };
        assert.deepStrictEqual(keys({ ...GATEWAY_API, gateways: [shared], apps: [APP] }), [
            "gateways[0].createNamespace",
        ]);
        assert.match(problems({ ...GATEWAY_API, gateways: [shared], apps: [APP] })[0], /apps\[0\] already creates/);
        assert.deepStrictEqual(keys({ ...GATEWAY_API, gateways: [shared, { ...shared, name: "h" }] }), [
            "gateways[1].createNamespace",
        ]);
        assert.deepStrictEqual(
            keys({ ...GATEWAY_API, gateways: [shared], apps: [{ ...APP, createNamespace: false }] }),
            [],
        );
        assert.deepStrictEqual(
            keys({ ...GATEWAY_API, gateways: [{ ...shared, createNamespace: false }], apps: [APP] }),
            [],
        );
    });

    it("reports every problem of a stack at once", () => {
        assert.deepStrictEqual(
            keys({
                loadBalancing: "nlb",
                autoMode: "yes",
                gateways: [{ name: 1 }],
                apps: [{ ...APP, gateway: "h" }],
            }),
            ["loadBalancing", "autoMode", "gateways[0].name", "apps[0].gateway"],
        );
    });

    it("takes loadBalancing auto, controller or autoMode, nothing else", () => {
        for (const loadBalancing of ["auto", "controller", "autoMode"])
            assert.deepStrictEqual(keys({ loadBalancing }), [], loadBalancing);
        for (const loadBalancing of ["Auto", "automode", "", "nlb"])
            assert.deepStrictEqual(keys({ loadBalancing }), ["loadBalancing"], loadBalancing);
    });

    it("takes autoMode only for a new cluster of Kubernetes 1.29 or newer", () => {
        assert.deepStrictEqual(keys({ clusterMode: "new", autoMode: true }), []);
        assert.deepStrictEqual(keys({ clusterMode: "new", autoMode: true, kubernetesVersion: "1.29" }), []);
        assert.deepStrictEqual(keys({ clusterMode: "new", autoMode: true, kubernetesVersion: "1.28" }), [
            "kubernetesVersion",
        ]);
        assert.deepStrictEqual(keys({ clusterMode: "new", kubernetesVersion: "1.28" }), []);
        assert.match(problems({ autoMode: true })[0], /^autoMode: .*needs clusterMode "new"/);
    });

    it("reads the new keys as the engine passes them (strings, JSON)", () => {
        const values: Record<string, string> = {
            clusterName: "c",
            controller: JSON.stringify({ gatewayApi: true }),
            gateways: JSON.stringify([{ name: "g" }]),
            loadBalancing: "controller",
            clusterMode: "new",
            autoMode: "true",
        };
        const cfg = readStackConfig((k) => values[k]);
        assert.deepStrictEqual([cfg.gateways, cfg.loadBalancing, cfg.autoMode], [[{ name: "g" }], "controller", true]);
    });
});

describe("stack config: adopting objects of apps routed through a gateway", () => {
    it("declares no Ingress for an app routed through a gateway, so adopting one is refused", () => {
        const raw = {
            ...GATEWAY_API,
            gateways: [{ name: "g" }],
            apps: [
                { ...APP, gateway: "g" },
                { ...APP, name: "legacy" },
            ],
        };
        assert.deepStrictEqual(keys({ ...raw, adopt: { services: ["web/web"], ingresses: ["legacy/legacy"] } }), []);
        const found = problems({ ...raw, adopt: { ingresses: ["web/web"] } });
        assert.deepStrictEqual(found, [
            'adopt.ingresses[0]: names "web/web", which this stack does not declare; the Ingress objects it declares: "legacy/legacy"',
        ]);
    });
});
