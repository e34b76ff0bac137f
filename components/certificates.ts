/**
 * TLS for the controller's admission webhook. Without pinned certificates the chart renders a new CA on every
 * upgrade, which churns the webhook configurations and opens x509 windows; both modes here avoid that.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { WebhookCertificates, type ResolvedControllerArgs } from "./controllerArgs";
import { childName } from "./naming";
import { CERT_MANAGER_CHART } from "./versions";

/** The webhook Service the chart creates; its name does not depend on the release name. */
export const WEBHOOK_SERVICE = "aws-load-balancer-webhook-service";

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
                chart: CERT_MANAGER_CHART.name,
                version: CERT_MANAGER_CHART.version,
                repositoryOpts: { repo: CERT_MANAGER_CHART.repository },
                namespace: a.certManagerNamespace,
                createNamespace: true,
                values: CERT_MANAGER_VALUES,
                skipAwait: false,
                timeout: a.releaseTimeoutSeconds,
            },
            opts,
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
