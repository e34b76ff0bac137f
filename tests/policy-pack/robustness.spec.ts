import * as assert from "assert";
import { policies } from "../../policy-pack/policies";
import { runPolicies, type Fake } from "../harness/policies";

const TYPES = [
    "kubernetes:networking.k8s.io/v1:Ingress",
    "kubernetes:extensions/v1beta1:Ingress",
    "kubernetes:core/v1:Service",
    "kubernetes:apps/v1:Deployment",
    "kubernetes:core/v1:Pod",
    "kubernetes:helm.sh/v3:Release",
    "aws:iam/role:Role",
    "aws:iam/policy:Policy",
    "aws:iam/rolePolicy:RolePolicy",
];

/** Props of odd shapes: what an engine may pass while values are unknown, or what hand-written programs send. */
const ODD_PROPS: Record<string, unknown>[] = [
    {},
    { metadata: null, spec: null },
    { metadata: { annotations: null, name: 5 }, spec: 7 },
    {
        metadata: {
            annotations: { "alb.ingress.kubernetes.io/scheme": 3, "alb.ingress.kubernetes.io/listen-ports": "[" },
        },
    },
    { spec: { rules: [null, { http: { paths: [null, { backend: null }] } }], tls: "x" } },
    { spec: { template: { spec: { containers: [null, { image: 4, resources: "big", securityContext: [] }] } } } },
    { chart: "aws-load-balancer-controller", version: null, values: "not-an-object" },
    { assumeRolePolicy: "{not json", policy: { Statement: "all" }, inlinePolicies: [null, { policy: 1 }] },
    { assumeRolePolicy: { Statement: [{ Action: null, Condition: "x" }] }, policy: [] },
    { assumeRolePolicy: { Statement: [null, 3, "Allow"] }, policy: { Statement: [null] } },
];

describe("every policy, over props of any shape", () => {
    it("reports or passes, and never throws", async () => {
        const fakes: Fake[] = TYPES.flatMap((type, i) =>
            ODD_PROPS.map((props, j) => ({ type, name: `r${i}-${j}`, props })),
        );
        // runPolicies rethrows what a policy throws, so getting here is the "never throws" half.
        const violations = await runPolicies(policies, fakes);
        assert.ok(violations.every((v) => typeof v.message === "string" && v.message.length > 0));
    });

    it("still reports what it can read next to values of the wrong shape", async () => {
        const fakes: Fake[] = TYPES.flatMap((type, i) =>
            ODD_PROPS.map((props, j) => ({ type, name: `r${i}-${j}`, props })),
        );
        const violations = await runPolicies(policies, fakes);
        const about = (name: string) =>
            violations.filter((v) => v.urn?.endsWith(`::${name}`)).map((v) => `${v.policy}: ${v.message}`);
        // The Ingress whose annotations hold a number and a truncated JSON list (both Ingress API versions).
        for (const name of ["r0-3", "r1-3"]) {
            assert.ok(about(name).some((m) => /^alb-annotations-known: .*scheme must be a string, got 3/.test(m)));
            assert.ok(about(name).some((m) => /^alb-annotations-known: .*listen-ports must be a JSON array/.test(m)));
        }
        // The controller release whose version is null and whose values are a string: still not pinned.
        assert.ok(about("r5-6").some((m) => /^lbc-release-pinned: .*does not set version/.test(m)));
    });
});
