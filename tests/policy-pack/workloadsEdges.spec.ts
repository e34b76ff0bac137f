/**
 * The workload policies at their edges (policy-pack/policies/workloads.ts): the exact messages users read, which
 * containers each policy looks at (init containers only where Kubernetes lets them matter), the pod-level security
 * context, and values that are not numbers. Cases found by the mutation run of issue 11.
 */
import * as assert from "assert";
import {
    imagePin,
    workloadImagePinned,
    workloadMinReplicas,
    workloadProbes,
    workloadResources,
    workloadSecurityContext,
} from "../../policy-pack/policies/workloads";
import { type Fake, runResourcePolicy } from "../harness/policies";
import { GOOD_CONTAINER } from "./workloadFixtures";

const good = GOOD_CONTAINER;
/** A Deployment with the pod spec `pod` (containers default to one good container). */
const deployment = (pod: Record<string, unknown>, spec: Record<string, unknown> = { replicas: 2 }): Fake => ({
    type: "kubernetes:apps/v1:Deployment",
    name: "web",
    props: { metadata: { name: "web" }, spec: { ...spec, template: { spec: { containers: [good], ...pod } } } },
});
const violations = async (p: Parameters<typeof runResourcePolicy>[0], f: Fake) =>
    (await runResourcePolicy(p, f)).violations;

describe("workload policies at their edges (issue 11 mutation run)", () => {
    describe("workload-image-pinned messages", () => {
        it("names the container and the image, and says when :latest is implicit", async () => {
            assert.deepStrictEqual(
                await violations(workloadImagePinned, deployment({ containers: [{ ...good, image: "nginx:latest" }] })),
                ["container web uses image nginx:latest; pin it to a version tag or an @sha256 digest."],
            );
            assert.deepStrictEqual(
                await violations(workloadImagePinned, deployment({ containers: [{ ...good, image: "nginx" }] })),
                ["container web uses image nginx (implicitly :latest); pin it to a version tag or an @sha256 digest."],
            );
        });
        it("labels a container without a name by its index", async () => {
            const unnamed = { ...good, name: undefined, image: "busybox" };
            assert.deepStrictEqual(await violations(workloadImagePinned, deployment({ containers: [good, unnamed] })), [
                "container #1 uses image busybox (implicitly :latest); pin it to a version tag or an @sha256 digest.",
            ]);
        });
    });

    it("reads the tag after the last colon of the image's last path component, even at its start", async () => {
        // ":1.0" has an empty name (the kubelet refuses it as InvalidImageName), but it is pinned to a tag.
        assert.deepStrictEqual(imagePin(":1.0"), { tag: "1.0", digest: false });
        assert.deepStrictEqual(imagePin("registry:5000/app"), { tag: undefined, digest: false });
    });

    describe("init containers", () => {
        // Kubernetes refuses probes on init containers (they run to completion before the pod is ready), and the
        // policies ask for requests and probes only on the serving containers.
        const withInit = deployment({ initContainers: [{ name: "migrate", image: "migrate:1.0" }] });
        it("asks neither for a readiness probe nor for resources on an init container", async () => {
            assert.deepStrictEqual(await violations(workloadProbes, withInit), []);
            assert.deepStrictEqual(await violations(workloadResources, withInit), []);
        });
        it("judges an init container's security context like a container's", async () => {
            assert.deepStrictEqual(await violations(workloadSecurityContext, withInit), [
                "init container migrate may run as root; set securityContext.runAsNonRoot: true (with a non-root image user).",
                "init container migrate allows privilege escalation; set securityContext.allowPrivilegeEscalation: false.",
            ]);
        });
    });

    describe("workload-security-context", () => {
        it("takes runAsNonRoot from the pod's security context", async () => {
            const pod = deployment({
                securityContext: { runAsNonRoot: true },
                containers: [{ ...good, securityContext: { allowPrivilegeEscalation: false } }],
            });
            assert.deepStrictEqual(await violations(workloadSecurityContext, pod), []);
        });
        it("counts only a positive numeric runAsUser as non-root", async () => {
            for (const runAsUser of [-1, "1000"]) {
                const pod = deployment({
                    containers: [{ ...good, securityContext: { runAsUser, allowPrivilegeEscalation: false } }],
                });
                assert.deepStrictEqual(
                    await violations(workloadSecurityContext, pod),
                    [
                        "container web may run as root; set securityContext.runAsNonRoot: true (with a non-root image user).",
                    ],
                    String(runAsUser),
                );
            }
        });
    });

    describe("workload-min-replicas", () => {
        it("reads spec.replicas only when it is a number (the API server's int32 field)", async () => {
            assert.deepStrictEqual(await violations(workloadMinReplicas, deployment({}, { replicas: "1" })), []);
            assert.deepStrictEqual(await violations(workloadMinReplicas, deployment({}, { replicas: 1 })), [
                "Deployment runs 1 replica(s); set spec.replicas to at least 2.",
            ]);
        });
    });
});
