import * as assert from "assert";
import {
    imagePin,
    workloadImagePinned,
    workloadMinReplicas,
    workloadProbes,
    workloadResources,
    workloadSecurityContext,
} from "../../policy-pack/policies/workloads";
import { runResourcePolicy } from "../harness/policies";
import { GOOD_CONTAINER } from "./workloadFixtures";

const goodContainer = GOOD_CONTAINER;
const deployment = (container: Record<string, any> = {}, spec: Record<string, any> = { replicas: 2 }) => ({
    type: "kubernetes:apps/v1:Deployment",
    name: "web",
    props: { spec: { ...spec, template: { spec: { containers: [{ ...goodContainer, ...container }] } } } },
});

describe("workload policies", () => {
    it("parses image tags and digests", () => {
        assert.deepStrictEqual(imagePin("registry:5000/team/app"), { tag: undefined, digest: false });
        assert.deepStrictEqual(imagePin("nginx:1.27"), { tag: "1.27", digest: false });
        assert.deepStrictEqual(imagePin("nginx@sha256:abc"), { tag: undefined, digest: true });
    });

    describe("workload-image-pinned", () => {
        it("reports a violation when an image is :latest or untagged", async () => {
            for (const image of ["nginx:latest", "registry:5000/nginx"]) {
                const { violations } = await runResourcePolicy(workloadImagePinned, deployment({ image }));
                assert.strictEqual(violations.length, 1, image);
                assert.match(
                    violations[0],
                    /container web uses image .*; pin it to a version tag or an @sha256 digest/,
                );
            }
        });
        it("reports a violation when a Pod's init container is unpinned", async () => {
            const pod = {
                type: "kubernetes:core/v1:Pod",
                props: { spec: { initContainers: [{ name: "init", image: "busybox" }], containers: [goodContainer] } },
            };
            assert.match((await runResourcePolicy(workloadImagePinned, pod)).violations[0], /init container init/);
        });
        for (const image of [
            "registry:5000/team/app:1.2.3",
            "public.ecr.aws/eks/aws-load-balancer-controller:v2.17.1",
            "nginx@sha256:0123",
        ]) {
            it(`accepts the pinned image ${image}`, async () => {
                assert.deepStrictEqual(
                    (await runResourcePolicy(workloadImagePinned, deployment({ image }))).violations,
                    [],
                );
            });
        }
        it("passes when images are pinned by tag or digest", async () => {
            for (const image of ["nginx:1.27", "nginx:latest@sha256:0123", undefined]) {
                assert.deepStrictEqual(
                    (await runResourcePolicy(workloadImagePinned, deployment({ image }))).violations,
                    [],
                );
            }
        });
    });

    describe("workload-resources", () => {
        it("reports a violation when requests and the memory limit are missing", async () => {
            const { violations } = await runResourcePolicy(
                workloadResources,
                deployment({ resources: { limits: { cpu: "1" } } }),
            );
            assert.match(
                violations[0],
                /container web does not set resources\.requests\.cpu, resources\.requests\.memory, resources\.limits\.memory/,
            );
        });
        it("passes when requests and a memory limit are set", async () => {
            assert.deepStrictEqual((await runResourcePolicy(workloadResources, deployment())).violations, []);
        });
    });

    describe("workload-probes", () => {
        it("reports a violation when a container has no readiness probe", async () => {
            const sts = {
                type: "kubernetes:apps/v1:StatefulSet",
                props: {
                    spec: { template: { spec: { containers: [{ ...goodContainer, readinessProbe: undefined }] } } },
                },
            };
            assert.match(
                (await runResourcePolicy(workloadProbes, sts)).violations[0],
                /container web has no readinessProbe/,
            );
        });
        it("passes when every container has a readiness probe", async () => {
            assert.deepStrictEqual((await runResourcePolicy(workloadProbes, deployment())).violations, []);
        });
    });

    describe("workload-security-context", () => {
        it("reports a violation when a container may run as root with privilege escalation", async () => {
            const { violations } = await runResourcePolicy(
                workloadSecurityContext,
                deployment({ securityContext: { privileged: true } }),
            );
            assert.strictEqual(violations.length, 3);
            assert.match(violations.join("\n"), /runAsNonRoot: true[^]*allowPrivilegeEscalation: false[^]*privileged/);
        });
        it("reports a violation when runAsUser is 0", async () => {
            const ds = deployment({
                securityContext: { runAsNonRoot: true, runAsUser: 0, allowPrivilegeEscalation: false },
            });
            assert.strictEqual((await runResourcePolicy(workloadSecurityContext, ds)).violations.length, 1);
        });
        it("passes when the container runs as non-root without escalation", async () => {
            assert.deepStrictEqual((await runResourcePolicy(workloadSecurityContext, deployment())).violations, []);
        });
        it("passes when the pod sets a non-root user for its containers (DaemonSet)", async () => {
            const ds = {
                type: "kubernetes:apps/v1:DaemonSet",
                props: {
                    spec: {
                        template: {
                            spec: {
                                securityContext: { runAsUser: 1000 },
                                containers: [{ name: "a", securityContext: { allowPrivilegeEscalation: false } }],
                            },
                        },
                    },
                },
            };
            assert.deepStrictEqual((await runResourcePolicy(workloadSecurityContext, ds)).violations, []);
        });
    });

    describe("workload-min-replicas", () => {
        it("reports a violation when a Deployment runs one replica (or leaves the default)", async () => {
            for (const spec of [{ replicas: 1 }, {}]) {
                const { violations } = await runResourcePolicy(workloadMinReplicas, deployment({}, spec));
                assert.match(violations[0], /set spec\.replicas to at least 2/);
            }
        });
        it("reports a violation when replicas are below a configured minimum", async () => {
            assert.strictEqual(
                (await runResourcePolicy(workloadMinReplicas, deployment(), { minReplicas: 3 })).violations.length,
                1,
            );
        });
        it("passes when a Deployment runs at least two replicas", async () => {
            assert.deepStrictEqual((await runResourcePolicy(workloadMinReplicas, deployment())).violations, []);
        });
    });
});
