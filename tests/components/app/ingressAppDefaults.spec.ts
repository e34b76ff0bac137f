/**
 * The documented defaults of IngressApp (`@default` of components/app/ingressAppArgs.ts, repeated in the README) as the
 * objects receive them, for an app given only what is required. A user who leaves an argument out gets exactly
 * this: a changed default changes every such stack on its next `pulumi up`, so each one is stated here.
 */
import * as assert from "assert";
import { IngressApp, type IngressAppArgs } from "../../../components/index";
import { one } from "../../harness/graph";
import { settle } from "../../harness/mocks";
import { CERT_ARN as CERT } from "../../harness/fixtures";
import { A, T } from "./appTypes";

const REQUIRED: IngressAppArgs = { image: "public.ecr.aws/nginx/nginx:1.27", containerPort: 8080, targetType: "ip" };

describe("IngressApp defaults, as the objects receive them", () => {
    beforeEach(async () => {
        new IngressApp("plain", REQUIRED);
        await settle();
    });

    it("runs 2 replicas, rolling 25% surge and no unavailable pod", () => {
        const spec = one(T.deploy).inputs.spec;
        assert.strictEqual(spec.replicas, 2);
        assert.deepStrictEqual(spec.strategy, {
            type: "RollingUpdate",
            rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 },
        });
    });

    it("probes / over HTTP: readiness after 5 s, liveness after 15 s, every 10 s, 3 s timeout, 3 failures", () => {
        const c = one(T.deploy).inputs.spec.template.spec.containers[0];
        const common = {
            httpGet: { path: "/", port: "http" },
            periodSeconds: 10,
            timeoutSeconds: 3,
            failureThreshold: 3,
        };
        assert.deepStrictEqual(c.readinessProbe, { ...common, initialDelaySeconds: 5 });
        assert.deepStrictEqual(c.livenessProbe, { ...common, initialDelaySeconds: 15 });
    });

    it("requests 100m CPU and 128Mi, limits memory to 256Mi, forbids privilege escalation and does not force non-root", () => {
        const pod = one(T.deploy).inputs.spec.template.spec;
        assert.deepStrictEqual(pod.containers[0].resources, {
            requests: { cpu: "100m", memory: "128Mi" },
            limits: { memory: "256Mi" },
        });
        assert.deepStrictEqual(pod.containers[0].securityContext, { allowPrivilegeEscalation: false });
        assert.deepStrictEqual(pod.containers[0].env, []);
        assert.strictEqual(pod.nodeSelector, undefined);
    });

    it("creates a namespace named after the app and serves port 80 of its Service", () => {
        assert.strictEqual(one(T.ns).inputs.metadata.name, "plain");
        const svc = one(T.svc).inputs;
        assert.strictEqual(svc.metadata.namespace, "plain");
        assert.deepStrictEqual(svc.spec.ports, [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }]);
    });

    it("routes every host's / (Prefix) through an internal, HTTP-only ALB of class alb", () => {
        const ing = one(T.ing).inputs;
        assert.strictEqual(ing.spec.ingressClassName, "alb");
        assert.strictEqual(ing.spec.rules.length, 1);
        assert.strictEqual(ing.spec.rules[0].host, undefined);
        assert.deepStrictEqual(
            ing.spec.rules[0].http.paths.map((p: any) => [p.path, p.pathType, p.backend.service.port.number]),
            [["/", "Prefix", 80]],
        );
        const annotations = ing.metadata.annotations;
        assert.strictEqual(annotations[A("scheme")], "internal");
        assert.strictEqual(annotations[A("listen-ports")], '[{"HTTP":80}]');
        assert.strictEqual(annotations[A("healthcheck-path")], "/");
        for (const unset of [
            "ssl-policy",
            "ssl-redirect",
            "certificate-arn",
            "group.name",
            "inbound-cidrs",
            "wafv2-acl-arn",
            "tags",
        ]) {
            assert.strictEqual(annotations[A(unset)], undefined, unset);
        }
    });
});

describe("IngressApp defaults with certificates", () => {
    it("listens on HTTPS 443 with a TLS 1.2+ policy and redirects HTTP 80 to it", async () => {
        new IngressApp("tls", { ...REQUIRED, certificateArns: [CERT] });
        await settle();
        const annotations = one(T.ing).inputs.metadata.annotations;
        assert.strictEqual(annotations[A("ssl-policy")], "ELBSecurityPolicy-TLS13-1-2-2021-06");
        assert.strictEqual(annotations[A("ssl-redirect")], "443");
        assert.deepStrictEqual(JSON.parse(annotations[A("listen-ports")]), [{ HTTP: 80 }, { HTTPS: 443 }]);
        assert.strictEqual(annotations[A("certificate-arn")], CERT);
    });
});

describe("IngressApp arguments reach the objects", () => {
    it("puts given probe timings, env, node selector, non-root and rollout counts on the Deployment", async () => {
        new IngressApp("tuned", {
            ...REQUIRED,
            readinessProbe: {
                path: "/ready",
                initialDelaySeconds: 0,
                periodSeconds: 7,
                timeoutSeconds: 2,
                failureThreshold: 6,
            },
            livenessProbe: { initialDelaySeconds: 30 },
            env: { MODE: "prod", PORT: "8080" },
            nodeSelector: { "kubernetes.io/arch": "arm64" },
            runAsNonRoot: true,
            maxSurge: "1",
            maxUnavailable: "10%",
        });
        await settle();
        const spec = one(T.deploy).inputs.spec;
        const c = spec.template.spec.containers[0];
        assert.deepStrictEqual(c.readinessProbe, {
            httpGet: { path: "/ready", port: "http" },
            initialDelaySeconds: 0,
            periodSeconds: 7,
            timeoutSeconds: 2,
            failureThreshold: 6,
        });
        assert.deepStrictEqual(c.livenessProbe, {
            httpGet: { path: "/", port: "http" },
            initialDelaySeconds: 30,
            periodSeconds: 10,
            timeoutSeconds: 3,
            failureThreshold: 3,
        });
        assert.deepStrictEqual(c.env, [
            { name: "MODE", value: "prod" },
            { name: "PORT", value: "8080" },
        ]);
        assert.deepStrictEqual(spec.template.spec.nodeSelector, { "kubernetes.io/arch": "arm64" });
        assert.deepStrictEqual(c.securityContext, { allowPrivilegeEscalation: false, runAsNonRoot: true });
        assert.deepStrictEqual(spec.strategy.rollingUpdate, { maxSurge: 1, maxUnavailable: "10%" });
        assert.deepStrictEqual(spec.selector, { matchLabels: { "app.kubernetes.io/name": "tuned" } });
    });
});
