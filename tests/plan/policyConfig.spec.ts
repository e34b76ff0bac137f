import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import {
    PolicyConfigError,
    parsePolicyPackConfig,
    reconcilePolicyPackConfig,
    unknownPolicies,
} from "../../plan/policyConfig";
import { runPolicies, runnerConfig, type Fake } from "../../plan/policyRunner";
import { policies } from "../../policy-pack/policies";

const ROOT = path.resolve(__dirname, "..", "..");

const reconcile = (json: unknown) =>
    reconcilePolicyPackConfig(policies, parsePolicyPackConfig(JSON.stringify(json), "f.json"));

/** A Deployment of one replica: a violation of workload-min-replicas (advisory, minReplicas 2 by default). */
const SINGLE: Fake = {
    type: "kubernetes:apps/v1:Deployment",
    name: "single",
    props: {
        metadata: { name: "single" },
        spec: { replicas: 1, template: { spec: { containers: [{ name: "c", image: "nginx:1.28.0" }] } } },
    },
};

const violationsOf = async (json: unknown, policy: string) =>
    (await runPolicies(policies, [SINGLE], runnerConfig(reconcile(json).config))).filter((v) => v.policy === policy);

describe("policy pack config, as --policy-pack-config takes it", () => {
    it("fills every policy's level and configSchema defaults, as the engine's createConfigWithDefaults", () => {
        const { config, errors } = reconcile({});
        assert.deepStrictEqual(errors, []);
        assert.deepStrictEqual(config["workload-min-replicas"], {
            enforcementLevel: "advisory",
            properties: { minReplicas: 2 },
        });
        assert.deepStrictEqual(config["alb-internet-facing-https"].enforcementLevel, "mandatory");
    });

    it("takes a level as a string or as enforcementLevel of an object, with properties merged over the defaults", () => {
        const { config } = reconcile({
            "alb-internet-facing-https": "advisory",
            "workload-min-replicas": { enforcementLevel: "mandatory", minReplicas: 3 },
        });
        assert.strictEqual(config["alb-internet-facing-https"].enforcementLevel, "advisory");
        assert.deepStrictEqual(config["workload-min-replicas"], {
            enforcementLevel: "mandatory",
            properties: { minReplicas: 3 },
        });
    });

    it("applies `all` to every policy, before each policy's own entry", () => {
        const { config } = reconcile({ all: "disabled", "workload-min-replicas": "mandatory" });
        assert.strictEqual(config["alb-internet-facing-https"].enforcementLevel, "disabled");
        assert.strictEqual(config["workload-min-replicas"].enforcementLevel, "mandatory");
    });

    it("runs policies at their configured level, skips disabled ones and passes properties to getConfig()", async () => {
        assert.deepStrictEqual(
            (await violationsOf({}, "workload-min-replicas")).map((v) => v.enforcementLevel),
            ["advisory"],
        );
        assert.deepStrictEqual(
            (await violationsOf({ "workload-min-replicas": "mandatory" }, "workload-min-replicas")).map(
                (v) => v.enforcementLevel,
            ),
            ["mandatory"],
        );
        assert.deepStrictEqual(
            await violationsOf({ "workload-min-replicas": "disabled" }, "workload-min-replicas"),
            [],
        );
        assert.deepStrictEqual(
            await violationsOf({ "workload-min-replicas": { minReplicas: 1 } }, "workload-min-replicas"),
            [],
        );
        assert.deepStrictEqual(
            (await violationsOf({ "workload-min-replicas": "remediate" }, "workload-min-replicas")).map(
                (v) => v.enforcementLevel,
            ),
            ["mandatory"],
        );
    });

    it("validates properties against each policy's configSchema, with the engine's messages", () => {
        const { errors } = reconcile({
            "workload-min-replicas": { minReplicas: 0 },
            "alb-ingress-class-name": { albIngressClasses: "alb" },
            "alb-tls-policy": { allowedPolicies: ["ok", 7] },
        });
        assert.deepStrictEqual(errors, [
            "alb-ingress-class-name: albIngressClasses: Invalid type. Expected: array, given: string",
            "alb-tls-policy: allowedPolicies.1: Invalid type. Expected: string, given: integer",
            "workload-min-replicas: minReplicas: Must be greater than or equal to 1",
        ]);
    });

    const badFiles: [string, string, RegExp][] = [
        [
            "an unknown level",
            `{"alb-tls-policy": "warn"}`,
            /parsing enforcement level for "alb-tls-policy": "warn" is not a valid enforcement level/,
        ],
        [
            "a level that is no string",
            `{"alb-tls-policy": {"enforcementLevel": 1}}`,
            /1 is not a valid enforcement level; must be a string/,
        ],
        [
            "a value that is neither string nor object",
            `{"alb-tls-policy": true}`,
            /parsing "alb-tls-policy": true is not a valid value; must be a string or object/,
        ],
        ["no JSON", `{"alb-tls-policy": `, /^f\.json: /],
    ];
    for (const [what, text, message] of badFiles) {
        it(`refuses a file with ${what}`, () => {
            assert.throws(
                () => parsePolicyPackConfig(text, "f.json"),
                (e: unknown) => e instanceof PolicyConfigError && message.test(e.message),
            );
        });
    }

    it("takes an empty file as no config, and names entries that match no policy", () => {
        assert.strictEqual(parsePolicyPackConfig("  \n", "f.json").size, 0);
        assert.deepStrictEqual(
            unknownPolicies(policies, parsePolicyPackConfig(`{"alb-https": "advisory", "all": "advisory"}`, "f.json")),
            ["alb-https"],
        );
    });

    it("ships a dev stack config that only lowers the HTTPS policy, and validates", () => {
        const file = parsePolicyPackConfig(
            fs.readFileSync(path.join(ROOT, "policy-config.dev.json"), "utf8"),
            "policy-config.dev.json",
        );
        assert.deepStrictEqual(
            [...file],
            [["alb-internet-facing-https", { enforcementLevel: "advisory", properties: {} }]],
        );
        assert.deepStrictEqual(reconcilePolicyPackConfig(policies, file).errors, []);
    });
});
