import * as assert from "assert";
import { cloud } from "../../plan/engine";
import {
    RUNBOOK_APPS,
    type RunbookApp,
    runbookControllerRelease,
    runbookCrds,
    runbookIngress,
    runbookOidcProvider,
    runbookWorld,
} from "../../plan/lifecycle/runbook";
import { kubernetesKey } from "../../plan/lifecycle/world";
import { CERT_MANAGER_CRD_NAMES } from "../harness/fixtures";

/** What the manual runbook leaves in the account and the cluster, per the way it was run (its options). */

const CERT_MANAGER_CRDS = CERT_MANAGER_CRD_NAMES.map((n) =>
    kubernetesKey("apiextensions.k8s.io/v1", "CustomResourceDefinition", "", n),
);
const TLS = kubernetesKey("v1", "Secret", "kube-system", "aws-load-balancer-tls");
const CERT_MANAGER_NS = kubernetesKey("v1", "Namespace", "", "cert-manager");
const HELM = (name: string, namespace: string) => ({
    labels: { "app.kubernetes.io/managed-by": "Helm" },
    annotations: { "meta.helm.sh/release-name": name, "meta.helm.sh/release-namespace": namespace },
});

describe("lifecycle: the runbook's world", () => {
    it("the cluster's IAM OIDC provider, by the issuer of the cluster's name in its region", () => {
        const region = cloud.region;
        const p = runbookOidcProvider("eks-workshop", "eu-central-1");
        assert.deepStrictEqual(p, {
            url: "https://oidc.eks.eu-central-1.amazonaws.com/id/EKSWORKSHOP",
            arn: `arn:aws:iam::${cloud.account}:oidc-provider/oidc.eks.eu-central-1.amazonaws.com/id/EKSWORKSHOP`,
        });
        assert.strictEqual(cloud.region, region, "the fake cloud's region is restored");
        const world = runbookWorld({ clusterName: "eks-workshop", region: "eu-central-1" });
        assert.deepStrictEqual(
            [...world.external.oidcProviders],
            [[p.arn, { url: p.url, clientIdLists: ["sts.amazonaws.com"], tags: {} }]],
        );
        const byDefault = runbookOidcProvider("eksworkshop", "ap-northeast-2");
        assert.deepStrictEqual([...runbookWorld().external.oidcProviders.keys()], [byDefault.arn]);
    });

    it("the install guide's IAM policy and role, the role with the policy attached; no Pulumi state", () => {
        const world = runbookWorld();
        const account = `arn:aws:iam::${cloud.account}`;
        assert.deepStrictEqual(
            [...world.external.iam],
            [
                [
                    "AWSLoadBalancerControllerIAMPolicy",
                    {
                        name: "AWSLoadBalancerControllerIAMPolicy",
                        arn: `${account}:policy/AWSLoadBalancerControllerIAMPolicy`,
                    },
                ],
                [
                    "AmazonEKSLoadBalancerControllerRole",
                    {
                        name: "AmazonEKSLoadBalancerControllerRole",
                        arn: `${account}:role/AmazonEKSLoadBalancerControllerRole`,
                        managedPolicyArns: [`${account}:policy/AWSLoadBalancerControllerIAMPolicy`],
                    },
                ],
            ],
        );
        assert.strictEqual(world.state.size, 0);
        assert.deepStrictEqual(
            world.external.kubernetes.get(
                kubernetesKey("v1", "ServiceAccount", "kube-system", "aws-load-balancer-controller"),
            ),
            {
                apiVersion: "v1",
                kind: "ServiceAccount",
                metadata: {
                    name: "aws-load-balancer-controller",
                    namespace: "kube-system",
                    labels: { "app.kubernetes.io/managed-by": "eksctl" },
                    annotations: {
                        "eks.amazonaws.com/role-arn": `${account}:role/AmazonEKSLoadBalancerControllerRole`,
                    },
                },
            },
        );
    });

    it("cert-manager from its manifest: its Namespace and CRDs without Helm's metadata, and the webhook Secret", () => {
        const world = runbookWorld();
        const k8s = world.external.kubernetes;
        assert.deepStrictEqual(k8s.get(CERT_MANAGER_NS), {
            apiVersion: "v1",
            kind: "Namespace",
            metadata: { name: "cert-manager" },
        });
        for (const key of CERT_MANAGER_CRDS)
            assert.deepStrictEqual(k8s.get(key), { metadata: { name: key.split("/").pop() } });
        assert.deepStrictEqual([...world.external.helmReleases.keys()], ["kube-system/aws-load-balancer-controller"]);
        assert.deepStrictEqual(k8s.get(TLS), { metadata: { name: "aws-load-balancer-tls", namespace: "kube-system" } });
        assert.deepStrictEqual(runbookWorld({ certManager: "manifest" }), world);
    });

    it("cert-manager from its Helm chart: a release owning its CRDs, no Namespace object", () => {
        const world = runbookWorld({ certManager: "helm" });
        const k8s = world.external.kubernetes;
        assert.deepStrictEqual(world.external.helmReleases.get("cert-manager/cert-manager"), {
            chart: "cert-manager",
            version: "v1.14.5",
        });
        for (const key of CERT_MANAGER_CRDS)
            assert.deepStrictEqual(k8s.get(key), {
                metadata: { name: key.split("/").pop(), ...HELM("cert-manager", "cert-manager") },
            });
        assert.ok(!k8s.has(CERT_MANAGER_NS));
        assert.ok(k8s.has(TLS));
    });

    it("without cert-manager: the controller chart renders its own webhook Secret, and nothing of cert-manager", () => {
        const world = runbookWorld({ certManager: "none" });
        const k8s = world.external.kubernetes;
        assert.ok(!k8s.has(CERT_MANAGER_NS));
        for (const key of CERT_MANAGER_CRDS) assert.ok(!k8s.has(key), key);
        assert.deepStrictEqual(k8s.get(TLS), {
            metadata: {
                name: "aws-load-balancer-tls",
                namespace: "kube-system",
                ...HELM("aws-load-balancer-controller", "kube-system"),
            },
        });
        assert.deepStrictEqual(runbookControllerRelease({ certManager: "none" }).values, {
            clusterName: "eksworkshop",
            serviceAccount: { create: false, name: "aws-load-balancer-controller" },
        });
    });

    it("the controller release as an import reads it, and what it rendered, labelled as Helm's own", () => {
        assert.deepStrictEqual(runbookControllerRelease({ clusterName: "prod" }), {
            name: "aws-load-balancer-controller",
            namespace: "kube-system",
            chart: "aws-load-balancer-controller",
            version: "1.7.2",
            values: {
                clusterName: "prod",
                serviceAccount: { create: false, name: "aws-load-balancer-controller" },
                enableCertManager: true,
            },
        });
        const values = { clusterName: "x", createIngressClassResource: false };
        assert.deepStrictEqual(
            runbookControllerRelease({ controllerValues: values, controllerChartVersion: "1.8.0" }).values,
            values,
        );
        const world = runbookWorld({ controllerChartVersion: "1.8.0" });
        assert.deepStrictEqual(world.external.helmReleases.get("kube-system/aws-load-balancer-controller"), {
            chart: "aws-load-balancer-controller",
            version: "1.8.0",
        });
        const role = kubernetesKey(
            "rbac.authorization.k8s.io/v1",
            "ClusterRole",
            "",
            "aws-load-balancer-controller-role",
        );
        assert.deepStrictEqual(world.external.kubernetes.get(role), {
            metadata: {
                name: "aws-load-balancer-controller-role",
                ...HELM("aws-load-balancer-controller", "kube-system"),
            },
        });
        const service = kubernetesKey("v1", "Service", "kube-system", "aws-load-balancer-webhook-service");
        assert.deepStrictEqual(world.external.kubernetes.get(service)?.metadata, {
            name: "aws-load-balancer-webhook-service",
            namespace: "kube-system",
            ...HELM("aws-load-balancer-controller", "kube-system"),
        });
    });

    it("the chart's CRDs of the installed chart version, with their stored version; an unknown version is refused", () => {
        const crds = runbookCrds("1.8.0");
        const world = runbookWorld({ controllerChartVersion: "1.8.0" });
        assert.ok(crds.length > 0);
        for (const [key, crd] of crds) {
            const name = (crd.metadata as { name: string }).name;
            assert.strictEqual(key, `apiextensions.k8s.io/v1/CustomResourceDefinition/_/${name}`);
            assert.deepStrictEqual(world.external.kubernetes.get(key), crd);
            const stored = (crd.status as { storedVersions: string[] }).storedVersions;
            assert.strictEqual(stored.length, 1, key);
            const versions = (crd.spec as { versions: { name: string; storage: boolean }[] }).versions;
            assert.strictEqual(versions.find((v) => v.storage)?.name, stored[0], key);
        }
        assert.throws(
            () => runbookCrds("0.0.1"),
            (e: Error) => e.message === "runbook: no controller release has chart version 0.0.1",
        );
        assert.throws(
            () => runbookWorld({ controllerChartVersion: "0.0.1" }),
            /no controller release has chart version 0\.0\.1/,
        );
    });

    it("each app's objects in its namespace; an app in default gets no Namespace object", () => {
        const app: RunbookApp = { ...RUNBOOK_APPS[0], name: "demo", namespace: "default" };
        const world = runbookWorld({ apps: [app] });
        const keys = [...world.external.kubernetes.keys()].filter((k) => k.endsWith("/demo") || k.endsWith("/default"));
        assert.deepStrictEqual(keys, [
            "apps/v1/Deployment/default/demo",
            "v1/Service/default/demo",
            "networking.k8s.io/v1/Ingress/default/demo",
        ]);
        const byDefault = runbookWorld().external.kubernetes;
        for (const key of byDefault.keys()) assert.ok(key.split("/").length >= 4, key);
        for (const a of RUNBOOK_APPS) {
            assert.deepStrictEqual(byDefault.get(kubernetesKey("v1", "Namespace", "", a.namespace)), {
                apiVersion: "v1",
                kind: "Namespace",
                metadata: { name: a.namespace },
            });
            assert.deepStrictEqual(byDefault.get(kubernetesKey("v1", "Service", a.namespace, a.name))?.spec, {
                type: "NodePort",
                clusterIP: a.clusterIP,
                clusterIPs: [a.clusterIP],
                selector: { app: a.name },
                ports: [{ port: a.servicePort, targetPort: a.containerPort, nodePort: a.nodePort }],
            });
        }
    });

    it("each app as the runbook's manifests applied it: Deployment and Service selecting app: <name>, an ALB Ingress", () => {
        const app = RUNBOOK_APPS[1];
        const k8s = runbookWorld().external.kubernetes;
        const meta = { name: app.name, namespace: app.namespace, labels: { app: app.name } };
        assert.deepStrictEqual(k8s.get(kubernetesKey("apps/v1", "Deployment", app.namespace, app.name)), {
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: meta,
            spec: {
                selector: { matchLabels: { app: app.name } },
                template: {
                    metadata: { labels: { app: app.name } },
                    spec: { containers: [{ name: app.name, ports: [{ containerPort: 3000 }] }] },
                },
            },
        });
        const service = k8s.get(kubernetesKey("v1", "Service", app.namespace, app.name))!;
        assert.deepStrictEqual([service.apiVersion, service.kind, service.metadata], ["v1", "Service", meta]);
        assert.deepStrictEqual(
            k8s.get(kubernetesKey("networking.k8s.io/v1", "Ingress", app.namespace, app.name)),
            runbookIngress(app),
        );
        assert.deepStrictEqual(runbookIngress(app), {
            apiVersion: "networking.k8s.io/v1",
            kind: "Ingress",
            metadata: {
                name: "ecsdemo-frontend",
                namespace: "ecsdemo-frontend",
                annotations: {
                    "kubernetes.io/ingress.class": "alb",
                    "alb.ingress.kubernetes.io/scheme": "internet-facing",
                    "alb.ingress.kubernetes.io/target-type": "ip",
                },
                finalizers: ["ingress.k8s.aws/resources"],
            },
            spec: {
                rules: [
                    {
                        http: {
                            paths: [
                                {
                                    path: "/",
                                    pathType: "Prefix",
                                    backend: { service: { name: "ecsdemo-frontend", port: { number: 80 } } },
                                },
                            ],
                        },
                    },
                ],
            },
        });
    });
});
