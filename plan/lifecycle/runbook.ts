/**
 * The world the manual runbook leaves behind, for the migration checks (issue 9 defect 12): what its steps put into
 * the account and the cluster, outside any Pulumi state. The steps are those of the AWS Load Balancer Controller's
 * Helm install guide the runbook follows:
 *
 * 1. `eksctl utils associate-iam-oidc-provider`: the cluster's IAM OIDC provider (client id sts.amazonaws.com);
 * 2. `aws iam create-policy --policy-name AWSLoadBalancerControllerIAMPolicy` (the upstream iam_policy.json);
 * 3. `eksctl create iamserviceaccount --name aws-load-balancer-controller --namespace kube-system --role-name
 *    AmazonEKSLoadBalancerControllerRole`: the role (a CloudFormation stack) and the ServiceAccount, which eksctl
 *    labels `app.kubernetes.io/managed-by: eksctl` and annotates with the role (eksctl-io/eksctl
 *    pkg/kubernetes/serviceaccount.go MaybeCreateServiceAccountOrUpdateMetadata);
 * 4. cert-manager, from its release manifest (`kubectl apply -f cert-manager.yaml`: namespace and CRDs without Helm
 *    metadata) or from its Helm chart (release `cert-manager` in namespace `cert-manager`);
 * 5. `helm install aws-load-balancer-controller eks/aws-load-balancer-controller -n kube-system --set
 *    clusterName=… --set serviceAccount.create=false --set serviceAccount.name=aws-load-balancer-controller`:
 *    the release and what it renders (charts.ts), labelled and annotated by Helm as its own, and the chart's
 *    CRDs (`crds/`, without Helm's metadata: {@link runbookCrds});
 * 6. per app `kubectl apply`: Namespace, Deployment and Service selecting `app: <name>` (the runbook's manifests,
 *    tests/policy-pack/pack.spec.ts), and an ALB Ingress (class `alb` by annotation) whose ALB the controller built.
 */
import { crdsOf } from "../../components/controller/crds";
import { CONTROLLER_RELEASES } from "../../components/controller/versions";
import { cloud, clusterIssuerUrl } from "../engine";
import { renderedObjects } from "./charts";
import { type World, emptyWorld, kubernetesKey } from "./world";

/** One app as the runbook deployed it. */
export interface RunbookApp {
    readonly name: string;
    readonly namespace: string;
    readonly targetType: "instance" | "ip";
    readonly scheme: "internal" | "internet-facing";
    readonly containerPort: number;
    readonly servicePort: number;
    /** What the API server assigned the app's Service. */
    readonly clusterIP: string;
    readonly nodePort: number;
}

/** How the runbook was run. */
export interface RunbookOptions {
    readonly clusterName?: string;
    /** The region of the cluster (the OIDC issuer's host names it). */
    readonly region?: string;
    /** How cert-manager was installed: its release manifest, its Helm chart, or not at all. */
    readonly certManager?: "manifest" | "helm" | "none";
    /** The controller chart version the runbook installed. */
    readonly controllerChartVersion?: string;
    /** The values its `helm install` set (default: clusterName, the ServiceAccount, and enableCertManager). */
    readonly controllerValues?: Record<string, unknown>;
    readonly apps?: readonly RunbookApp[];
}

/** The runbook's apps (Pulumi.dev.yaml reproduces them): both reached from a browser, so internet-facing. */
export const RUNBOOK_APPS: readonly RunbookApp[] = [
    {
        name: "alb-test-01",
        namespace: "alb-test-01",
        targetType: "instance",
        scheme: "internet-facing",
        containerPort: 80,
        servicePort: 8080,
        clusterIP: "10.100.23.45",
        nodePort: 31080,
    },
    {
        name: "ecsdemo-frontend",
        namespace: "ecsdemo-frontend",
        targetType: "ip",
        scheme: "internet-facing",
        containerPort: 3000,
        servicePort: 80,
        clusterIP: "10.100.87.12",
        nodePort: 30300,
    },
];

/** The runbook's IAM names (the install guide's). */
export const RUNBOOK_POLICY = "AWSLoadBalancerControllerIAMPolicy";
export const RUNBOOK_ROLE = "AmazonEKSLoadBalancerControllerRole";
/** The runbook's controller release: the install guide's name, in kube-system. */
export const RUNBOOK_RELEASE = { namespace: "kube-system", name: "aws-load-balancer-controller" } as const;
export const RUNBOOK_SERVICE_ACCOUNT = { namespace: "kube-system", name: "aws-load-balancer-controller" } as const;

const HELM_LABEL = "app.kubernetes.io/managed-by";

/** The ingress-class annotation the runbook's Ingresses use (the controller still honours it). */
export const LEGACY_CLASS_ANNOTATION = "kubernetes.io/ingress.class";

/** The ALB Ingress the runbook applied for `app` (stored by the API server as networking.k8s.io/v1). */
export function runbookIngress(app: RunbookApp): Record<string, unknown> {
    return {
        apiVersion: "networking.k8s.io/v1",
        kind: "Ingress",
        metadata: {
            name: app.name,
            namespace: app.namespace,
            annotations: {
                [LEGACY_CLASS_ANNOTATION]: "alb",
                "alb.ingress.kubernetes.io/scheme": app.scheme,
                "alb.ingress.kubernetes.io/target-type": app.targetType,
            },
            // The controller's finalizer for an Ingress of an implicit group (pkg/ingress/finalizer.go).
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
                                backend: { service: { name: app.name, port: { number: app.servicePort } } },
                            },
                        ],
                    },
                },
            ],
        },
    };
}

/** The other objects the runbook applied for `app`: Namespace, Deployment and Service selecting `app: <name>`. */
function appObjects(app: RunbookApp): [string, Record<string, unknown>][] {
    const selector = { app: app.name };
    const meta = { name: app.name, namespace: app.namespace, labels: selector };
    const out: [string, Record<string, unknown>][] = [];
    if (app.namespace !== "default") {
        out.push([
            kubernetesKey("v1", "Namespace", "", app.namespace),
            { apiVersion: "v1", kind: "Namespace", metadata: { name: app.namespace } },
        ]);
    }
    out.push([
        kubernetesKey("apps/v1", "Deployment", app.namespace, app.name),
        {
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: meta,
            spec: {
                selector: { matchLabels: selector },
                template: {
                    metadata: { labels: selector },
                    spec: { containers: [{ name: app.name, ports: [{ containerPort: app.containerPort }] }] },
                },
            },
        },
    ]);
    out.push([
        kubernetesKey("v1", "Service", app.namespace, app.name),
        {
            apiVersion: "v1",
            kind: "Service",
            metadata: meta,
            // As the API server returns it: with the cluster IP and node port it assigned.
            spec: {
                type: "NodePort",
                clusterIP: app.clusterIP,
                clusterIPs: [app.clusterIP],
                selector,
                ports: [{ port: app.servicePort, targetPort: app.containerPort, nodePort: app.nodePort }],
            },
        },
    ]);
    out.push([kubernetesKey("networking.k8s.io/v1", "Ingress", app.namespace, app.name), runbookIngress(app)]);
    return out;
}

/** The IAM OIDC provider ARN and issuer URL the fake cloud gives `clusterName` in `region`. */
export function runbookOidcProvider(clusterName: string, region: string): { arn: string; url: string } {
    const saved = cloud.region;
    cloud.region = region;
    try {
        const url = clusterIssuerUrl(clusterName);
        return {
            url,
            arn: `arn:${cloud.partition}:iam::${cloud.account}:oidc-provider/${url.slice("https://".length)}`,
        };
    } finally {
        cloud.region = saved;
    }
}

/**
 * The runbook's controller release as an import reads it: name, namespace, chart, version and the values the
 * `helm install` command set (`helm get values`; pulumi-kubernetes helm_release.go setReleaseAttributes reads the
 * release's user-supplied `Config`). With cert-manager, the runbook set `enableCertManager=true`.
 */
export function runbookControllerRelease(options: RunbookOptions = {}): Record<string, any> {
    const certManager = (options.certManager ?? "manifest") !== "none";
    return {
        name: RUNBOOK_RELEASE.name,
        namespace: RUNBOOK_RELEASE.namespace,
        chart: "aws-load-balancer-controller",
        version: options.controllerChartVersion ?? "1.7.2",
        values: options.controllerValues ?? {
            clusterName: options.clusterName ?? "eksworkshop",
            serviceAccount: { create: false, name: RUNBOOK_SERVICE_ACCOUNT.name },
            ...(certManager ? { enableCertManager: true } : {}),
        },
    };
}

/**
 * The CRDs the runbook's `helm install` left: Helm installs the chart's `crds/` on first install, as they are,
 * without its ownership labels and annotations, and never upgrades or deletes them (helm/helm pkg/action/install.go
 * `installCRDs`; Helm's docs, chart_best_practices/custom_resource_definitions). Each is the chart's manifest of
 * the release published as `chartVersion`, with the API server's `status.storedVersions`.
 */
export function runbookCrds(chartVersion: string): [string, Record<string, unknown>][] {
    const release = [...CONTROLLER_RELEASES.values()].find((r) => r.chartVersion === chartVersion);
    if (release === undefined) throw new Error(`runbook: no controller release has chart version ${chartVersion}`);
    return crdsOf(release.controllerVersion).map((crd) => [
        kubernetesKey("apiextensions.k8s.io/v1", "CustomResourceDefinition", "", crd.name),
        { ...crd.manifest, status: { storedVersions: [crd.storageVersion] } },
    ]);
}

/** A world holding what the runbook created, and no Pulumi state. */
export function runbookWorld(options: RunbookOptions = {}): World {
    const clusterName = options.clusterName ?? "eksworkshop";
    const certManager = options.certManager ?? "manifest";
    const world = emptyWorld();
    const { external } = world;
    const account = `arn:${cloud.partition}:iam::${cloud.account}`;

    const oidc = runbookOidcProvider(clusterName, options.region ?? "ap-northeast-2");
    external.oidcProviders.set(oidc.arn, { url: oidc.url, clientIdLists: ["sts.amazonaws.com"], tags: {} });
    const policyArn = `${account}:policy/${RUNBOOK_POLICY}`;
    const roleArn = `${account}:role/${RUNBOOK_ROLE}`;
    external.iam.set(RUNBOOK_POLICY, { name: RUNBOOK_POLICY, arn: policyArn });
    external.iam.set(RUNBOOK_ROLE, { name: RUNBOOK_ROLE, arn: roleArn, managedPolicyArns: [policyArn] });

    const sa = RUNBOOK_SERVICE_ACCOUNT;
    external.kubernetes.set(kubernetesKey("v1", "ServiceAccount", sa.namespace, sa.name), {
        apiVersion: "v1",
        kind: "ServiceAccount",
        metadata: {
            name: sa.name,
            namespace: sa.namespace,
            labels: { [HELM_LABEL]: "eksctl" },
            annotations: { "eks.amazonaws.com/role-arn": roleArn },
        },
    });

    const release = (namespace: string, name: string, chart: string, version: string, values: object) => {
        external.helmReleases.set(`${namespace}/${name}`, { chart, version });
        for (const o of renderedObjects({ chart, name, namespace, values })) {
            external.kubernetes.set(o.key, {
                metadata: {
                    name: o.name,
                    ...(o.namespace ? { namespace: o.namespace } : {}),
                    labels: { [HELM_LABEL]: "Helm" },
                    annotations: { "meta.helm.sh/release-name": name, "meta.helm.sh/release-namespace": namespace },
                },
            });
        }
    };
    if (certManager === "helm") {
        release("cert-manager", "cert-manager", "cert-manager", "v1.14.5", { installCRDs: true });
    } else if (certManager === "manifest") {
        external.kubernetes.set(kubernetesKey("v1", "Namespace", "", "cert-manager"), {
            apiVersion: "v1",
            kind: "Namespace",
            metadata: { name: "cert-manager" },
        });
        // The manifest holds the same CRDs the chart renders, without Helm's ownership metadata.
        for (const o of renderedObjects({ chart: "cert-manager", values: { crds: { enabled: true } } })) {
            external.kubernetes.set(o.key, { metadata: { name: o.name } });
        }
    }
    const enableCertManager = certManager !== "none";
    const controller = runbookControllerRelease(options);
    release(controller.namespace, controller.name, controller.chart, controller.version, controller.values);
    for (const [key, crd] of runbookCrds(controller.version)) external.kubernetes.set(key, crd);
    if (enableCertManager) {
        // Written by cert-manager for the chart's Certificate; no owner reference (charts.ts sideObjects).
        external.kubernetes.set(kubernetesKey("v1", "Secret", RUNBOOK_RELEASE.namespace, "aws-load-balancer-tls"), {
            metadata: { name: "aws-load-balancer-tls", namespace: RUNBOOK_RELEASE.namespace },
        });
    }
    for (const app of options.apps ?? RUNBOOK_APPS) {
        for (const [key, object] of appObjects(app)) external.kubernetes.set(key, object);
    }
    return world;
}
