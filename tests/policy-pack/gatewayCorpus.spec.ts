import * as assert from "assert";
import { policies } from "../../policy-pack/policies";
import { runPolicies } from "../harness/policies";
import { loadFixture } from "./corpus";

/**
 * The controller's own Gateway guide (docs/guide/gateway at v3.5.0, tests/policy-pack/fixtures/gateway/*.yaml, each
 * citing its page) is valid input: no policy of the pack may refuse it. The only findings are the advisory
 * gateway-load-balancer-configuration on the guide's Gateways that have no LoadBalancerConfiguration (they get the
 * controller's default scheme, which the guide's l4gateway.md examples rely on).
 */
const EXPECTED: Record<string, string[]> = {
    "l7gateway-step-by-step.yaml": [],
    "l7gateway-examples.yaml": [],
    "l4gateway.yaml": [
        "gateway-load-balancer-configuration example-ns/my-tcp-gateway",
        "gateway-load-balancer-configuration tcp-udp/my-tcp-udp-gateway",
    ],
    "targetgroupconfig-defaults.yaml": [],
    "listenersets.yaml": ["gateway-load-balancer-configuration infra/my-gateway"],
};

describe("the policy pack over the controller's Gateway guide (tests/policy-pack/fixtures/gateway)", () => {
    for (const [file, expected] of Object.entries(EXPECTED)) {
        it(`accepts ${file}${expected.length ? ` (advisories: ${expected.length})` : ""}`, async () => {
            const fakes = loadFixture(`gateway/${file}`);
            assert.ok(fakes.some((f) => f.type.includes("gateway.networking.k8s.io")));
            const violations = await runPolicies(policies, fakes);
            const found = violations.map((v) => `${v.policy} ${v.message.match(/Gateway (\S+)/)?.[1] ?? v.message}`);
            assert.deepStrictEqual(found, expected, violations.map((v) => `${v.policy}: ${v.message}`).join("\n"));
            assert.ok(violations.every((v) => v.enforcementLevel === "advisory"));
        });
    }
});
