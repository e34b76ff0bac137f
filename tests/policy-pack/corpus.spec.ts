import * as assert from "assert";
import { policies } from "../../policy-pack/policies";
import { runPolicies } from "../harness/policies";
import { fixtureFiles, loadFixture } from "./corpus";

/**
 * The mandatory findings each valid manifest of the corpus must get, and nothing else. Every one is the policy's
 * own rule applied to a fact the controller agrees with (no misreading): an internet-facing ALB that the
 * controller builds without an HTTPS listener (alb-internet-facing-https), a floating `:latest` image
 * (workload-image-pinned), an API removed in Kubernetes 1.22 (ingress-networking-v1). A stack that deploys such
 * a manifest on purpose turns the policy off in its --policy-pack-config file.
 */
const EXPECTED: Record<string, string[]> = {
    "automode-configure-alb.yaml": ["alb-internet-facing-https"], // scheme from IngressClassParams, HTTP only
    "automode-elb-example.yaml": ["alb-internet-facing-https", "workload-image-pinned"],
    "lbc-2048-dualstack.yaml": ["alb-internet-facing-https", "workload-image-pinned"],
    "lbc-2048-full.yaml": ["alb-internet-facing-https", "workload-image-pinned"],
    "lbc-annotations-actions.yaml": ["alb-internet-facing-https"],
    "lbc-annotations-conditions.yaml": ["alb-internet-facing-https"],
    "lbc-cert-discovery-host.yaml": [],
    "lbc-cert-discovery-tls.yaml": [],
    "lbc-cognito.yaml": [], // HTTP redirected by an actions.ssl-redirect catch-all rule
    "lbc-echoserver.yaml": ["alb-internet-facing-https"],
    "lbc-grpcserver.yaml": ["workload-image-pinned"], // HTTPS certificate discovered from the rule host
    "lbc-legacy-app-name.yaml": ["alb-internet-facing-https"],
    "lbc-migrate-legacy-apps.yaml": [],
    "lbc-spec-2048.yaml": [],
    "lbc-ssl-redirect.yaml": [],
    "lbc-url-rewrite.yaml": [],
    "pipelinedouble-ingress-class-annotation.yaml": [], // kubernetes.io/ingress.class, still honoured
    "ros-istio-alb-ingressgateway.yaml": ["ingress-networking-v1"],
    "workshop-external-dns.yaml": ["alb-internet-facing-https"],
    "workshop-multiple-ingress.yaml": ["alb-internet-facing-https"], // one ALB for the group: one finding
    "workshop-ui.yaml": ["alb-internet-facing-https"],
};

describe("the policy pack over valid manifests written by others (tests/policy-pack/fixtures)", () => {
    it("has an expectation for every fixture", () => {
        assert.deepStrictEqual(fixtureFiles(), Object.keys(EXPECTED).sort());
    });
    for (const file of Object.keys(EXPECTED)) {
        it(`accepts ${file}: no mandatory violation beyond ${EXPECTED[file].join(", ") || "none"}`, async () => {
            const fakes = loadFixture(file);
            assert.ok(fakes.length > 0);
            const mandatory = (await runPolicies(policies, fakes)).filter((v) => v.enforcementLevel === "mandatory");
            assert.deepStrictEqual(
                mandatory.map((v) => v.policy).sort(),
                [...EXPECTED[file]].sort(),
                mandatory.map((v) => `${v.policy}: ${v.message}`).join("\n"),
            );
        });
    }
});
