/**
 * Child resource names. Every child is named `<component name>-<role>`; the roles are fixed here so that a
 * rename (which Pulumi treats as delete + create) can only happen through a reviewed change to this table.
 */
export const ROLES = {
    oidcProvider: "oidc",
    policy: "policy",
    role: "role",
    policyAttachment: "policy-attachment",
    serviceAccount: "sa",
    podIdentityAssociation: "pod-identity",
    namespace: "ns",
    certManager: "cert-manager",
    webhookCaKey: "webhook-ca-key",
    webhookCa: "webhook-ca",
    webhookKey: "webhook-key",
    webhookCsr: "webhook-csr",
    webhookCert: "webhook-cert",
    webhookSecretOwnership: "webhook-secret-ownership",
    crd: "crd",
    release: "release",
    deployment: "deploy",
    service: "svc",
    ingress: "ing",
    gatewayClass: "gateway-class",
    loadBalancerConfiguration: "lbconfig",
    gateway: "gateway",
    httpsRedirect: "https-redirect",
    httpRoute: "route",
    targetGroupConfiguration: "tgc",
    ingressClass: "class",
    ingressClassParams: "params",
} as const;

/** A child role: one of the keys of {@link ROLES}. */
export type ChildRole = keyof typeof ROLES;

/** The Pulumi resource name of a component's child. */
export function childName(componentName: string, role: ChildRole): string {
    return `${componentName}-${ROLES[role]}`;
}
