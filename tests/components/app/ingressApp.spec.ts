import * as k8s from "@pulumi/kubernetes";
import * as assert from "assert";
import {
    AlbIngressController,
    IngressApp,
    InvalidArgumentsError,
    type IngressAppArgs,
    annotationProblem,
} from "../../../components/index";
import { controllerArgs, referenceJson, CERT_ARN as CERT } from "../../harness/fixtures";
import { descendantsOf, one, ofType, waitsFor } from "../../harness/graph";
import { recorded, settle, valueOf } from "../../harness/mocks";
import { isImageReference } from "../../../components/app/resolveIngressAppArgs";
import { A, T } from "./appTypes";

const base = (o: Partial<IngressAppArgs> = {}): IngressAppArgs => ({
    image: "public.ecr.aws/nginx/nginx:1.27",
    containerPort: 80,
    targetType: "instance",
    ...o,
});

/** Every annotation the component set must be one the controller knows, in a valid format (upstream catalogue). */
function assertKnownAnnotations(annotations: Record<string, string>): void {
    const known = new Set(
        referenceJson<{ name: string }[]>("annotations", "ingress-annotations.json").map((a) => a.name),
    );
    for (const [k, v] of Object.entries(annotations)) {
        if (k.startsWith("alb.ingress.kubernetes.io/")) {
            assert.ok(known.has(k), `${k} is not in the upstream catalogue`);
            assert.strictEqual(annotationProblem(k, v), undefined, `${k}=${v}`);
        }
    }
}

describe("IngressApp", () => {
    describe("with instance targets (alb-test-01 of the runbook)", () => {
        let app: IngressApp;
        beforeEach(async () => {
            app = new IngressApp(
                "alb-test-01",
                base({ servicePort: 8080, containerPort: 80, healthCheckPath: "/healthz" }),
            );
            await settle();
        });

        it("creates Namespace, Deployment, Service and a networking.k8s.io/v1 Ingress as its children", () => {
            const children = descendantsOf(one(T.app, "alb-test-01"));
            assert.deepStrictEqual(
                children.map((r) => `${r.type} ${r.name}`).sort(),
                [
                    `${T.deploy} alb-test-01-deploy`,
                    `${T.ing} alb-test-01-ing`,
                    `${T.ns} alb-test-01-ns`,
                    `${T.svc} alb-test-01-svc`,
                ].sort(),
            );
            assert.strictEqual(one(T.ing).inputs.apiVersion, "networking.k8s.io/v1");
        });

        it("leaves the pod readiness gate off for instance targets", () => {
            assert.strictEqual(one(T.ns).inputs.metadata.labels["elbv2.k8s.aws/pod-readiness-gate-inject"], undefined);
        });

        it("exposes the pods through a NodePort Service on the service port", () => {
            const svc = one(T.svc).inputs;
            assert.strictEqual(svc.spec.type, "NodePort");
            assert.deepStrictEqual(svc.spec.ports, [{ name: "http", port: 8080, targetPort: "http", protocol: "TCP" }]);
            assert.deepStrictEqual(svc.spec.selector, { "app.kubernetes.io/name": "alb-test-01" });
            assert.deepStrictEqual(
                one(T.deploy).inputs.spec.template.metadata.labels["app.kubernetes.io/name"],
                "alb-test-01",
            );
        });

        it("annotates an internal, HTTP-only ALB with instance targets and the health-check path", () => {
            const ing = one(T.ing).inputs;
            assert.strictEqual(ing.spec.ingressClassName, "alb");
            assert.deepStrictEqual(ing.metadata.annotations, {
                [A("target-type")]: "instance",
                [A("scheme")]: "internal",
                [A("listen-ports")]: '[{"HTTP":80}]',
                [A("healthcheck-path")]: "/healthz",
            });
            assert.strictEqual(ing.metadata.annotations["kubernetes.io/ingress.class"], undefined);
            assert.deepStrictEqual(ing.spec.rules[0].http.paths, [
                {
                    path: "/",
                    pathType: "Prefix",
                    backend: { service: { name: "alb-test-01", port: { number: 8080 } } },
                },
            ]);
        });

        it("probes the container over HTTP on the health-check path and sets requests and a memory limit", () => {
            const c = one(T.deploy).inputs.spec.template.spec.containers[0];
            assert.deepStrictEqual(c.readinessProbe.httpGet, { path: "/healthz", port: "http" });
            assert.deepStrictEqual(c.livenessProbe.httpGet, { path: "/healthz", port: "http" });
            assert.deepStrictEqual(c.resources, {
                requests: { cpu: "100m", memory: "128Mi" },
                limits: { memory: "256Mi" },
            });
            assert.deepStrictEqual(c.ports, [{ name: "http", containerPort: 80, protocol: "TCP" }]);
            assert.strictEqual(c.securityContext.allowPrivilegeEscalation, false);
        });

        it("outputs the ALB hostname, an http:// URL and the object names", async () => {
            const hostname = await valueOf(app.hostname);
            assert.match(hostname, /\.elb\.amazonaws\.com$/);
            assert.strictEqual(await valueOf(app.url), `http://${hostname}/`);
            assert.deepStrictEqual(
                [
                    await valueOf(app.namespace),
                    await valueOf(app.serviceName),
                    await valueOf(app.ingressName),
                    await valueOf(app.deploymentName),
                ],
                ["alb-test-01", "alb-test-01", "alb-test-01", "alb-test-01"],
            );
        });

        it("deletes the Ingress before the Service and Deployment it routes to", () => {
            assert.ok(waitsFor(one(T.ing), one(T.svc)));
            assert.ok(waitsFor(one(T.ing), one(T.deploy)));
        });
    });

    it("uses a ClusterIP Service with ip targets (ecsdemo-frontend of the runbook)", async () => {
        new IngressApp(
            "ecsdemo-frontend",
            base({
                targetType: "ip",
                containerPort: 3000,
                replicas: 3,
                nodeSelector: { "nodegroup-type": "backend-workloads" },
                scheme: "internet-facing",
                certificateArns: [CERT],
            }),
        );
        await settle();
        assert.strictEqual(one(T.svc).inputs.spec.type, "ClusterIP");
        assert.strictEqual(one(T.ns).inputs.metadata.labels["elbv2.k8s.aws/pod-readiness-gate-inject"], "enabled");
        assert.strictEqual(one(T.ing).inputs.metadata.annotations[A("target-type")], "ip");
        const d = one(T.deploy).inputs.spec;
        assert.deepStrictEqual(
            [d.replicas, d.template.spec.nodeSelector, d.template.spec.containers[0].ports[0].containerPort],
            [3, { "nodegroup-type": "backend-workloads" }, 3000],
        );
    });

    it("serves internet-facing HTTPS with an HTTP redirect and a TLS 1.2+ policy", async () => {
        const app = new IngressApp(
            "web",
            base({
                scheme: "internet-facing",
                certificateArns: [CERT],
                host: "web.example.com",
                path: "/app",
                inboundCidrs: ["203.0.113.0/24"],
                wafv2AclArn: "arn:aws:wafv2:us-west-2:123456789012:regional/webacl/web/abc",
                tags: { team: "web", env: "prod" },
            }),
        );
        await settle();
        const ann = one(T.ing).inputs.metadata.annotations;
        assert.strictEqual(ann[A("scheme")], "internet-facing");
        assert.strictEqual(ann[A("listen-ports")], '[{"HTTP":80},{"HTTPS":443}]');
        assert.strictEqual(ann[A("certificate-arn")], CERT);
        assert.strictEqual(ann[A("ssl-redirect")], "443");
        assert.strictEqual(ann[A("ssl-policy")], "ELBSecurityPolicy-TLS13-1-2-2021-06");
        assert.strictEqual(ann[A("inbound-cidrs")], "203.0.113.0/24");
        assert.strictEqual(ann[A("tags")], "team=web,env=prod");
        assertKnownAnnotations(ann);
        assert.strictEqual(one(T.ing).inputs.spec.rules[0].host, "web.example.com");
        assert.strictEqual(await valueOf(app.url), "https://web.example.com/app");
    });

    it("puts two apps in one IngressGroup (one ALB) with their orders", async () => {
        new IngressApp("app-a", base({ group: { name: "shared.alb", order: 10 }, path: "/a" }));
        new IngressApp("app-b", base({ group: { name: "shared.alb", order: 20 }, path: "/b" }));
        await settle();
        const groups = ofType(T.ing).map((r) => [
            r.inputs.metadata.annotations[A("group.name")],
            r.inputs.metadata.annotations[A("group.order")],
        ]);
        assert.deepStrictEqual(groups.sort(), [
            ["shared.alb", "10"],
            ["shared.alb", "20"],
        ]);
        ofType(T.ing).forEach((r) => assertKnownAnnotations(r.inputs.metadata.annotations));
    });

    it("accepts known extra annotations and the controller's class name", async () => {
        const controller = new AlbIngressController("lbc", controllerArgs({ ingressClass: "alb-internal" }));
        new IngressApp(
            "extra",
            base({
                ingressClassName: controller.ingressClassName,
                annotations: {
                    [A("load-balancer-attributes")]: "idle_timeout.timeout_seconds=120",
                    "example.com/owner": "team",
                },
            }),
        );
        await settle();
        const ing = one(T.ing).inputs;
        assert.strictEqual(ing.spec.ingressClassName, "alb-internal");
        assert.strictEqual(ing.metadata.annotations[A("load-balancer-attributes")], "idle_timeout.timeout_seconds=120");
        assert.strictEqual(ing.metadata.annotations["example.com/owner"], "team");
    });

    describe("ordering against the controller", () => {
        beforeEach(async () => {
            const controller = new AlbIngressController("lbc", controllerArgs());
            new IngressApp("ordered", base({ ingressClassName: controller.ingressClassName }));
            await settle();
        });

        it("creates nothing of the app before the controller's release is ready", () => {
            const release = one(T.release, "lbc-release");
            for (const type of [T.ns, T.deploy, T.svc, T.ing]) {
                assert.ok(waitsFor(one(type), release), `${type} must wait for the release`);
            }
        });

        it("deletes the Ingress and the Service before the controller (reverse of the dependencies)", () => {
            const release = one(T.release, "lbc-release");
            assert.ok(
                !waitsFor(release, one(T.ing)) && !waitsFor(release, one(T.svc)),
                "no cycle: the release never waits for the app",
            );
            assert.ok(one(T.ing).dependencies.includes(release.urn), "the Ingress depends on the release directly");
        });
    });

    describe("create order of an app with ip targets (pod readiness gates)", () => {
        beforeEach(async () => {
            const controller = new AlbIngressController("lbc", controllerArgs());
            new IngressApp("gated", base({ ingressClassName: controller.ingressClassName, targetType: "ip" }));
            await settle();
        });

        it("creates Namespace → Service → Ingress → Deployment, so the first pods get the readiness gate", () => {
            assert.strictEqual(one(T.ns).inputs.metadata.labels["elbv2.k8s.aws/pod-readiness-gate-inject"], "enabled");
            assert.ok(waitsFor(one(T.svc), one(T.ns)), "Service after Namespace");
            assert.ok(waitsFor(one(T.ing), one(T.svc)), "Ingress after Service");
            assert.ok(waitsFor(one(T.deploy), one(T.ing)), "Deployment after Ingress (its TargetGroupBinding)");
            assert.ok(!waitsFor(one(T.ing), one(T.deploy)), "the Ingress must not wait for the pods");
        });

        it("destroys the Deployment, then the Ingress (the ALB) while the controller and the Service still run", () => {
            // Pulumi deletes a resource before everything it waits for.
            const release = one(T.release, "lbc-release");
            assert.ok(waitsFor(one(T.deploy), one(T.ing)), "Deployment deleted before the Ingress");
            assert.ok(waitsFor(one(T.ing), release), "Ingress deleted before the controller's release");
            assert.ok(waitsFor(one(T.ing), one(T.svc)), "Ingress deleted before its Service");
            assert.ok(!waitsFor(release, one(T.ing)) && !waitsFor(release, one(T.deploy)), "no cycle");
        });
    });

    it("keeps Deployment → Ingress for instance targets, which have no readiness gate", async () => {
        new IngressApp("ungated", base({ targetType: "instance" }));
        await settle();
        assert.ok(waitsFor(one(T.ing), one(T.deploy)));
        assert.ok(!waitsFor(one(T.deploy), one(T.ing)));
    });

    it("passes its own dependsOn on to every child", async () => {
        const before = new k8s.core.v1.ConfigMap("app-before", { data: { a: "b" } });
        new IngressApp("dep-app", base(), { dependsOn: before });
        await settle();
        for (const type of [T.ns, T.deploy, T.svc, T.ing]) {
            assert.ok(waitsFor(one(type), one("kubernetes:core/v1:ConfigMap", "app-before")), type);
        }
    });

    it("reuses an existing namespace when createNamespace is false", async () => {
        new IngressApp("shared-ns", base({ namespace: "apps", createNamespace: false }));
        await settle();
        assert.strictEqual(ofType(T.ns).length, 0);
        assert.strictEqual(one(T.svc).inputs.metadata.namespace, "apps");
    });

    describe("rejects bad input before registering anything", () => {
        const cases: [string, Record<string, unknown>, RegExp][] = [
            ["an unknown targetType", { targetType: "pod" }, /`targetType` must be one of "instance", "ip", got "pod"/],
            [
                "a missing targetType",
                { targetType: undefined },
                /`targetType` must be one of "instance", "ip", got undefined/,
            ],
            ["an unknown scheme", { scheme: "public" }, /`scheme` must be one of "internal", "internet-facing"/],
            ["a containerPort of 0", { containerPort: 0 }, /`containerPort` must be an integer from 1 to 65535, got 0/],
            ["a servicePort above 65535", { servicePort: 70000 }, /`servicePort` must be an integer from 1 to 65535/],
            ["negative replicas", { replicas: -1 }, /`replicas` must be an integer >= 0/],
            ["a namespace that is not DNS-1123", { namespace: "Apps" }, /`namespace` must be a DNS-1123 label/],
            ["an uppercase group name", { group: { name: "Shared" } }, /`group.name` must be lowercase letters/],
            ["a group name over 63 characters", { group: { name: "a".repeat(64) } }, /`group.name` must be lowercase/],
            [
                "a group order outside -1000..1000",
                { group: { name: "g", order: 1001 } },
                /`group.order` must be an integer from -1000 to 1000/,
            ],
            [
                "a certificate that is not an ACM or IAM ARN",
                { certificateArns: ["arn:aws:s3:::bucket"] },
                /`certificateArns\[0\]` must be an ACM certificate ARN/,
            ],
            ["a path without a leading slash", { path: "api" }, /`path` must start with "\/"/],
            [
                "a health-check path without a leading slash",
                { healthCheckPath: "healthz" },
                /`healthCheckPath` must start with "\/"/,
            ],
            [
                "an invalid CIDR",
                { inboundCidrs: ["10.0.0.0/33"] },
                /`inboundCidrs\[0\]` must be an IPv4 or IPv6 CIDR block/,
            ],
            ["sslRedirect without a certificate", { sslRedirect: true }, /`sslRedirect` needs `certificateArns`/],
            [
                "a misspelled annotation",
                { annotations: { [A("target_type")]: "ip" } },
                /`annotations\["alb.ingress.kubernetes.io\/target_type"\]` is not an annotation the AWS Load Balancer Controller knows \(did you mean alb.ingress.kubernetes.io\/target-type\?\)/,
            ],
            [
                "a malformed annotation value",
                { annotations: { [A("shield-advanced-protection")]: "yes" } },
                /must be "true" or "false", got "yes"/,
            ],
            [
                "an annotation an argument controls",
                { annotations: { [A("scheme")]: "internet-facing" } },
                /is set by the component; use the argument scheme instead/,
            ],
            [
                "the deprecated class annotation",
                { annotations: { "kubernetes.io/ingress.class": "alb" } },
                /is deprecated; the Ingress sets spec.ingressClassName/,
            ],
            [
                "a :latest image",
                { image: "nginx:latest" },
                /`image` must be pinned by a tag other than "latest" or by a digest/,
            ],
            ["an untagged image", { image: "nginx" }, /`image` must be pinned/],
            [
                "an image whose repository path has upper case, which no runtime pulls",
                { image: "public.ecr.aws/Nginx/nginx:1.27" },
                /`image` must be a container image reference/,
            ],
            [
                "an image with a malformed digest",
                { image: "public.ecr.aws/nginx/nginx@sha256:abc" },
                /`image` must be a container image reference/,
            ],
            [
                "a probe path without a leading slash",
                { readinessProbe: { path: "ready" } },
                /`readinessProbe.path` must start with "\/"/,
            ],
            [
                "a rolling-update bound that is neither a count nor a percentage",
                { maxSurge: "lots" },
                /`maxSurge` must be a count \("1"\) or a percentage/,
            ],
            [
                "the controller argument of 0.1 (pass ingressClassName: controller.ingressClassName)",
                { controller: { ingressClassName: "alb" } },
                /`controller` is not an argument; known arguments: .*ingressClassName, gateway, autoMode/,
            ],
            ["a misspelled argument", { healthcheckPath: "/" }, /`healthcheckPath` is not an argument/],
            [
                "a node-selector value the API server refuses",
                { nodeSelector: { "nodegroup-type": "backend workloads!" } },
                /`nodeSelector` maps "nodegroup-type" to "backend workloads!", which must be empty or at most 63/,
            ],
            [
                "a node-selector key with a bad prefix",
                { nodeSelector: { "Example.com/tier": "web" } },
                /`nodeSelector` has the key "Example.com\/tier", which must have a DNS-1123 subdomain before its '\/'/,
            ],
            [
                "a label value over 63 characters",
                { labels: { team: "x".repeat(64) } },
                /`labels` maps "team" to "x{64}", which must be empty or at most 63/,
            ],
        ];
        for (const [what, overrides, message] of cases) {
            it(`rejects ${what}`, async () => {
                assert.throws(
                    () => new IngressApp("bad", base(overrides as Partial<IngressAppArgs>)),
                    (e: unknown) =>
                        e instanceof InvalidArgumentsError &&
                        message.test(e.message) &&
                        /^IngressApp "bad": invalid arguments/.test(e.message),
                );
                await settle();
                assert.deepStrictEqual(
                    recorded.map((r) => r.name),
                    [],
                );
            });
        }

        it("rejects a component name that cannot name a Service", () => {
            assert.throws(
                () => new IngressApp("My_App", base({ namespace: "apps" })),
                /`name` must be a DNS-1035 label/,
            );
        });
    });
});

describe("image references", () => {
    it("accepts what a container runtime pulls: a domain with upper case or a port, tags with upper case, digests", () => {
        for (const image of [
            "nginx:1.27",
            "Registry.Example.com:5000/team/app:V1.2_rc-1",
            "localhost/app:dev",
            "public.ecr.aws/aws-containers/ecsdemo-frontend:776fd50",
            `123456789012.dkr.ecr.us-west-2.amazonaws.com/a__b/c-d:1@sha256:${"a".repeat(64)}`,
        ]) {
            assert.ok(isImageReference(image), image);
        }
    });

    it("refuses upper case in the repository path, empty components and bad tags", () => {
        for (const image of ["Nginx:1.27", "team/App:1", "a//b:1", "a/b:-x", "a/b:", "nginx:1.27/x", ":1"]) {
            assert.ok(!isImageReference(image), image);
        }
    });
});
