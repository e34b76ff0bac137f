/**
 * What a Helm release puts into the cluster, as far as the lifecycle world needs it: the objects whose names do not
 * depend on the release's namespace (so two installs collide on them) and the objects others create for it and
 * leave behind. Only the charts this project installs are known; any other chart renders nothing here (said in
 * the README's limits).
 */
import { kubernetesKey } from "./world";

/** One object a release renders (`keep`: Helm leaves it on uninstall, `helm.sh/resource-policy: keep`). */
export interface RenderedObject {
    readonly key: string;
    readonly kind: string;
    readonly namespace: string;
    readonly name: string;
    readonly keep?: boolean;
    /** Side objects: the cert-manager Certificate whose Secret this is. */
    readonly certificate?: string;
}

/** The chart name prefix: `.Chart.Name | trimSuffix "-controller"` (_helpers.tpl `namePrefix`). */
const LBC_PREFIX = "aws-load-balancer";

function object(apiVersion: string, kind: string, namespace: string, name: string, keep = false): RenderedObject {
    return { key: kubernetesKey(apiVersion, kind, namespace, name), kind, namespace, name, keep };
}

/**
 * Objects the AWS Load Balancer Controller chart renders (kubernetes-sigs/aws-load-balancer-controller
 * `helm/aws-load-balancer-controller/templates`): rbac.yaml (ClusterRole `<fullname>-role`,
 * ClusterRoleBinding `<fullname>-rolebinding`), webhook.yaml (both webhook configurations `<namePrefix>-webhook`,
 * and Secret `<namePrefix>-tls` unless enableCertManager), ingressclass.yaml (IngressClass `ingressClass` when
 * createIngressClassResource), service.yaml (the webhook Service).
 */
function loadBalancerControllerObjects(
    releaseName: string,
    namespace: string,
    values: Record<string, any>,
): RenderedObject[] {
    // _helpers.tpl `fullname`: the release name when it contains the chart name.
    const fullname = releaseName.includes("aws-load-balancer-controller")
        ? releaseName
        : `${releaseName}-aws-load-balancer-controller`;
    const out = [
        object("rbac.authorization.k8s.io/v1", "ClusterRole", "", `${fullname}-role`),
        object("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "", `${fullname}-rolebinding`),
        object("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", "", `${LBC_PREFIX}-webhook`),
        object("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", "", `${LBC_PREFIX}-webhook`),
        object("v1", "Service", namespace, `${LBC_PREFIX}-webhook-service`),
    ];
    if (values.enableCertManager !== true) out.push(object("v1", "Secret", namespace, `${LBC_PREFIX}-tls`));
    if (values.createIngressClassResource !== false) {
        out.push(object("networking.k8s.io/v1", "IngressClass", "", String(values.ingressClass ?? "alb")));
    }
    return out;
}

/** cert-manager's CRDs (templates/crd-*.yaml, rendered with crds.enabled; crds.keep adds the keep policy). */
const CERT_MANAGER_CRDS = [
    "certificaterequests.cert-manager.io",
    "certificates.cert-manager.io",
    "challenges.acme.cert-manager.io",
    "clusterissuers.cert-manager.io",
    "issuers.cert-manager.io",
    "orders.acme.cert-manager.io",
];

/** The objects a release with these inputs renders into the cluster (the parts the world tracks). */
export function renderedObjects(inputs: Record<string, any>): RenderedObject[] {
    const name = String(inputs.name ?? "");
    const namespace = String(inputs.namespace ?? "default");
    const values = (inputs.values ?? {}) as Record<string, any>;
    switch (inputs.chart) {
        case "aws-load-balancer-controller":
            return loadBalancerControllerObjects(name, namespace, values);
        case "cert-manager": {
            const crds = values.crds ?? {};
            if (crds.enabled !== true && values.installCRDs !== true) return [];
            const keep = crds.keep !== false;
            return CERT_MANAGER_CRDS.map((n) =>
                object("apiextensions.k8s.io/v1", "CustomResourceDefinition", "", n, keep),
            );
        }
        default:
            return [];
    }
}

/**
 * Objects created for a release by someone else, which nothing deletes with it: with enableCertManager the
 * chart's Certificate `<namePrefix>-serving-cert` makes cert-manager write Secret `<namePrefix>-tls`
 * (webhook.yaml), and cert-manager sets no owner reference on it by default (`--enable-certificate-owner-ref`
 * is off), so it outlives the release (issue 9 defect 5).
 */
export function sideObjects(inputs: Record<string, any>): RenderedObject[] {
    const values = (inputs.values ?? {}) as Record<string, any>;
    if (inputs.chart === "aws-load-balancer-controller" && values.enableCertManager === true) {
        const secret = object("v1", "Secret", String(inputs.namespace ?? "default"), `${LBC_PREFIX}-tls`);
        return [{ ...secret, certificate: `${LBC_PREFIX}-serving-cert` }];
    }
    return [];
}
