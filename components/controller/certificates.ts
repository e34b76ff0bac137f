/**
 * TLS for the controller's admission webhook. Without pinned certificates the chart renders a new CA on every
 * upgrade, which churns the webhook configurations and opens x509 windows; both modes here avoid that.
 *
 * Both modes use one Secret name, `aws-load-balancer-tls` (the chart's `webhookCertSecret`, fixed unless
 * `nameOverride`). With cert-manager, cert-manager writes it and keeps it when the Certificate goes (owner
 * references are off by default: cert-manager chart value `enableCertificateOwnerRef: false`); the self-signed
 * mode renders it from the chart, and Helm refuses to create an object that exists without its ownership labels
 * (helm/helm `pkg/action/validate.go` `existingResourceConflict`, called by install and upgrade before anything
 * is changed). So the certificate-manager mode gives the Certificate a `secretTemplate` with exactly those
 * labels (see {@link createWebhookSecretOwnership}), and switching modes replaces the release (release.ts).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { WebhookCertificates, type ResolvedControllerArgs } from "./controllerArgs";
import { childName } from "../common/naming";
import { CONTROLLER_RELEASE_NAME, RELEASE_LIFECYCLE, RELEASE_REPLACE_OPTIONS, chartSource } from "./release";
import { CERT_MANAGER_CHART } from "./versions";

/** The webhook Service the chart creates; its name does not depend on the release name. */
export const WEBHOOK_SERVICE = "aws-load-balancer-webhook-service";

/** The webhook's TLS Secret, in both modes (the chart's `aws-load-balancer-controller.webhookCertSecret`). */
export const WEBHOOK_TLS_SECRET = "aws-load-balancer-tls";

/** The cert-manager Certificate the chart renders with `enableCertManager` (`templates/webhook.yaml`). */
export const WEBHOOK_CERTIFICATE = "aws-load-balancer-serving-cert";

/**
 * The labels and annotations by which Helm recognises an object of `release` in `namespace` and adopts it
 * (helm/helm `pkg/action/validate.go`: `appManagedByLabel`, `helmReleaseNameAnnotation`,
 * `helmReleaseNamespaceAnnotation`, checked by `checkOwnership`).
 */
export function helmOwnership(
    release: string,
    namespace: string,
): { labels: Record<string, string>; annotations: Record<string, string> } {
    return {
        labels: { "app.kubernetes.io/managed-by": "Helm" },
        annotations: { "meta.helm.sh/release-name": release, "meta.helm.sh/release-namespace": namespace },
    };
}

/** Validity of the generated CA and serving certificate: ten years, as the chart's own `genCA`. */
export const WEBHOOK_CERT_VALIDITY_HOURS = 87600;

/** DNS names the API server may use to reach the webhook Service. */
export function webhookDnsNames(namespace: string, clusterDomain: string): string[] {
    const svc = WEBHOOK_SERVICE;
    return [svc, `${svc}.${namespace}`, `${svc}.${namespace}.svc`, `${svc}.${namespace}.svc.${clusterDomain}`];
}

/** cert-manager chart values: CRDs installed and kept by the chart. */
export const CERT_MANAGER_VALUES = { crds: { enabled: true, keep: true } } as const;

/** What the controller release needs from the certificate step. */
export interface WebhookCertificateResources {
    /** Chart values that select the certificate source. */
    readonly values: Record<string, unknown>;
    /** Resources the controller release must wait for. */
    readonly dependsOn: pulumi.Resource[];
}

/** Installs cert-manager or generates a CA and serving certificate, as `webhookCertificates` says. */
export function createWebhookCertificates(
    name: string,
    a: ResolvedControllerArgs,
    opts: pulumi.CustomResourceOptions,
): WebhookCertificateResources {
    if (a.webhookCertificates === WebhookCertificates.CertManager) {
        if (!a.installCertManager) {
            return { values: { enableCertManager: true }, dependsOn: [] };
        }
        const certManager = new k8s.helm.v3.Release(
            childName(name, "certManager"),
            {
                name: CERT_MANAGER_CHART.name,
                ...chartSource(CERT_MANAGER_CHART.repository, CERT_MANAGER_CHART.name),
                version: CERT_MANAGER_CHART.version,
                namespace: a.certManagerNamespace,
                createNamespace: true,
                values: CERT_MANAGER_VALUES,
                skipAwait: false,
                timeout: a.releaseTimeoutSeconds,
                ...RELEASE_LIFECYCLE,
            },
            // A new namespace uninstalls the old cert-manager first: its ClusterRoles and webhook configurations
            // cannot be owned by two releases. The kept CRDs still name the old namespace (README: "Changing
            // certManagerNamespace").
            { ...opts, ...RELEASE_REPLACE_OPTIONS },
        );
        return { values: { enableCertManager: true }, dependsOn: [certManager] };
    }

    const clusterDomain = (a.helmValues.cluster as { dnsDomain?: string } | undefined)?.dnsDomain ?? "cluster.local";
    const caKey = new tls.PrivateKey(childName(name, "webhookCaKey"), { algorithm: "RSA", rsaBits: 2048 }, opts);
    const ca = new tls.SelfSignedCert(
        childName(name, "webhookCa"),
        {
            privateKeyPem: caKey.privateKeyPem,
            isCaCertificate: true,
            subject: { commonName: "aws-load-balancer-controller-ca" },
            validityPeriodHours: WEBHOOK_CERT_VALIDITY_HOURS,
            // The API server needs only `cert_signing`; the others are those of the chart's own `genCA` CA
            // (Masterminds/sprig crypto.go) plus CRL signing. Kept as released: `allowed_uses` forces replacement
            // (terraform-provider-tls `listplanmodifier.RequiresReplace`), so a change would rotate the CA and the
            // serving certificate of every existing stack.
            allowedUses: ["cert_signing", "crl_signing", "digital_signature", "key_encipherment"],
        },
        opts,
    );
    const key = new tls.PrivateKey(childName(name, "webhookKey"), { algorithm: "RSA", rsaBits: 2048 }, opts);
    const dnsNames = webhookDnsNames(a.namespace, clusterDomain);
    const csr = new tls.CertRequest(
        childName(name, "webhookCsr"),
        { privateKeyPem: key.privateKeyPem, subject: { commonName: dnsNames[2] }, dnsNames },
        opts,
    );
    const cert = new tls.LocallySignedCert(
        childName(name, "webhookCert"),
        {
            certRequestPem: csr.certRequestPem,
            caPrivateKeyPem: caKey.privateKeyPem,
            caCertPem: ca.certPem,
            validityPeriodHours: WEBHOOK_CERT_VALIDITY_HOURS,
            allowedUses: ["digital_signature", "key_encipherment", "server_auth"],
        },
        opts,
    );
    return {
        values: {
            enableCertManager: false,
            webhookTLS: { caCert: ca.certPem, cert: cert.certPem, key: pulumi.secret(key.privateKeyPem) },
        },
        dependsOn: [],
    };
}

/**
 * With cert-manager, marks the Secret cert-manager writes for the chart's Certificate as an object of the
 * controller release, through the Certificate's `secretTemplate` (cert-manager >= v1.5 copies its labels and
 * annotations onto the Secret and keeps them there: `pkg/apis/certmanager/v1/types_certificate.go`
 * `SecretTemplate`, `pkg/controller/certificates/issuing/secret_manager.go`). The chart has no value for it, so
 * this is a server-side-apply patch of the chart's Certificate, created after the release.
 *
 * The Secret outlives the Certificate. When the self-signed mode or a reinstall later renders the Secret, Helm
 * finds these labels and adopts it instead of failing. The patch is retained on delete: deleting it would
 * relinquish `secretTemplate`, cert-manager would strip the labels again, and the next install would fail. Owner
 * references (cert-manager `--enable-certificate-owner-ref`) are deliberately not used: the garbage collector
 * would delete the Secret after Helm adopted it.
 */
export function createWebhookSecretOwnership(
    name: string,
    a: ResolvedControllerArgs,
    opts: pulumi.CustomResourceOptions,
): k8s.apiextensions.CustomResourcePatch | undefined {
    if (a.webhookCertificates !== WebhookCertificates.CertManager) {
        return undefined;
    }
    return new k8s.apiextensions.CustomResourcePatch(
        childName(name, "webhookSecretOwnership"),
        {
            apiVersion: "cert-manager.io/v1",
            kind: "Certificate",
            metadata: { name: WEBHOOK_CERTIFICATE, namespace: a.namespace },
            spec: { secretTemplate: helmOwnership(CONTROLLER_RELEASE_NAME, a.namespace) },
        },
        { ...opts, retainOnDelete: true },
    );
}
