/**
 * Each argument rule of AlbIngressController (components/controller/resolveControllerArgs.ts), one case per rule
 * and per nested key: a bad value is refused before anything is registered, with exactly the problems expected,
 * each naming the argument (nested keys by their path); the edge values each rule accepts are accepted. A rule that
 * went missing would let the value through to the Helm release or IAM, where it fails later or silently does
 * something else. albIngressController.spec.ts covers the first rules, this file the rest; the extra policy statements
 * and the chart repository are in controllerArgumentEdges.spec.ts.
 */
import * as assert from "assert";
import { AlbIngressController, InvalidArgumentsError } from "../../../components/index";
import type { AlbIngressControllerArgs } from "../../../components/controller/controllerArgs";
import { OIDC_ARN } from "../../harness/fixtures";
import { recorded, settle } from "../../harness/mocks";
import { type Overrides, args, assertRefused } from "./controllerRefusals";

describe("AlbIngressController argument rules, one by one", () => {
    const refused: [string, Overrides, ...RegExp[]][] = [
        ["a blank clusterName", { clusterName: "   " }, /^`clusterName` must be a non-empty string, got " {3}"$/],
        ["a numeric clusterName", { clusterName: 5 }, /^`clusterName` must be a non-empty string, got 5$/],
        [
            "a misspelled argument",
            { replica: 3 },
            /^`replica` is not an argument; known arguments: cluster, clusterName, vpcId, /,
        ],
        [
            "a namespace in a list",
            { namespace: ["kube-system"] },
            /^`namespace` must be a DNS-1123 label .*got \["kube-system"\]$/,
        ],
        [
            "a ServiceAccount name in a list",
            { serviceAccountName: ["lbc"] },
            /^`serviceAccountName` must be a DNS-1123 subdomain .*got \["lbc"\]$/,
        ],
        [
            "a ServiceAccount name over 253 characters",
            { serviceAccountName: `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(62)}` },
            /^`serviceAccountName` must be a DNS-1123 subdomain .* at most 253 characters\), got /,
        ],
        [
            "no clusterName and no cluster",
            { clusterName: undefined },
            /^`clusterName` is required when `cluster` is not given: the name of the EKS cluster$/,
        ],
        [
            "no vpcId and no cluster",
            { vpcId: undefined },
            /^`vpcId` is required when `cluster` is not given: the id of the cluster's VPC \(vpc-…\)$/,
        ],
        ["an unknown identity", { identity: "node" }, /^`identity` must be one of "irsa", "podIdentity", got "node"$/],
        [
            "both OIDC arguments",
            { oidcProviderArn: OIDC_ARN },
            /^`oidcProviderArn` and `oidcIssuerUrl` exclude each other: reuse a provider \(ARN\) or create one \(issuer URL\)$/,
        ],
        [
            "an OIDC issuer URL with Pod Identity",
            { identity: "podIdentity" },
            /^`oidcIssuerUrl` is only used with `identity: "irsa"`; Pod Identity needs no OIDC provider$/,
        ],
        [
            "IRSA without an OIDC provider or issuer",
            { oidcIssuerUrl: undefined },
            /^`oidcProviderArn` or `oidcIssuerUrl` \(or `cluster`\) is required with `identity: "irsa"`; or use `identity: "podIdentity"`$/,
        ],
        [
            "a non-boolean deleteOidcProviderOnDestroy",
            { deleteOidcProviderOnDestroy: "yes" },
            /^`deleteOidcProviderOnDestroy` must be true or false, got "yes"$/,
        ],
        [
            "a namespace with a dot",
            { namespace: "kube.system" },
            /^`namespace` must be a DNS-1123 label .*got "kube\.system"$/,
        ],
        [
            "a ServiceAccount name with upper case",
            { serviceAccountName: "LBC" },
            /^`serviceAccountName` must be a DNS-1123 subdomain .*got "LBC"$/,
        ],
        [
            "an unknown certificate mode",
            { webhookCertificates: "acm" },
            /^`webhookCertificates` must be one of "certManager", "selfSigned", got "acm"$/,
        ],
        [
            "a kubernetesVersion that is not a version",
            { kubernetesVersion: "latest" },
            /^`kubernetesVersion` must be a Kubernetes version such as "1\.33" or "1\.33\.4", got "latest"$/,
        ],
        [
            "a Kubernetes version the cert-manager it installs does not support",
            { kubernetesVersion: "1.30" },
            /^`kubernetesVersion` is "1\.30", but cert-manager v1\.21\.1 \(installed for `webhookCertificates: "certManager"`\) supports Kubernetes 1\.33 – 1\.36/,
        ],
        [
            "a Kubernetes version given as a number",
            { kubernetesVersion: 1.33 },
            /^`kubernetesVersion` must be a Kubernetes version such as "1\.33" or "1\.33\.4", got 1\.33$/,
        ],
        [
            "the first Kubernetes minor after the cert-manager range",
            { kubernetesVersion: "1.37.0" },
            /^`kubernetesVersion` is "1\.37", but cert-manager v1\.21\.1 .* supports Kubernetes 1\.33 – 1\.36: upgrade the cluster, or use `webhookCertificates: "selfSigned"`, or install a cert-manager that supports it yourself and set `installCertManager: false`$/,
        ],
        [
            "a Kubernetes version the cert-manager it installs (asked for explicitly) does not support",
            { kubernetesVersion: "1.30", installCertManager: true },
            /^`kubernetesVersion` is "1\.30", but cert-manager/,
        ],
        ["a short VPC id", { vpcId: "vpc-1234567" }, /^`vpcId` must be a VPC id \(vpc-…\), got "vpc-1234567"$/],
        ["a VPC id of 9 hex digits", { vpcId: "vpc-123456789" }, /^`vpcId` must be a VPC id/],
        ["a VPC id in upper case", { vpcId: "vpc-ABCDEF12" }, /^`vpcId` must be a VPC id/],
        ["a subnet id for the VPC", { vpcId: "subnet-12345678" }, /^`vpcId` must be a VPC id/],
        [
            "a VPC id in a list",
            { vpcId: ["vpc-0123abcd"] },
            /^`vpcId` must be a VPC id \(vpc-…\), got \["vpc-0123abcd"\]$/,
        ],
        [
            "a region in a list",
            { region: ["us-west-2"] },
            /^`region` must be an AWS region such as "us-west-2", got \["us-west-2"\]$/,
        ],
        [
            "a region without a number",
            { region: "us-west" },
            /^`region` must be an AWS region such as "us-west-2", got "us-west"$/,
        ],
        ["a region in upper case", { region: "US-WEST-2" }, /^`region` must be an AWS region/],
        ["an availability zone for the region", { region: "us-west-2a" }, /^`region` must be an AWS region/],
        [
            "an OIDC provider ARN with Pod Identity",
            { identity: "podIdentity", oidcIssuerUrl: undefined, oidcProviderArn: OIDC_ARN },
            /^`oidcProviderArn` is only used with `identity: "irsa"`; Pod Identity needs no OIDC provider$/,
        ],
        [
            "a role ARN as OIDC provider",
            { oidcIssuerUrl: undefined, oidcProviderArn: "arn:aws:iam::123456789012:role/x" },
            /^`oidcProviderArn` must be an IAM oidc-provider ARN \(arn:<partition>:iam::<account>:oidc-provider\/…\), got/,
        ],
        [
            "an OIDC provider ARN with a short account",
            { oidcIssuerUrl: undefined, oidcProviderArn: "arn:aws:iam::12345:oidc-provider/x" },
            /^`oidcProviderArn` must be an IAM oidc-provider ARN/,
        ],
        [
            "deleteOidcProviderOnDestroy with Pod Identity",
            { identity: "podIdentity", oidcIssuerUrl: undefined, deleteOidcProviderOnDestroy: false },
            /^`deleteOidcProviderOnDestroy` only applies to the provider created from `oidcIssuerUrl`/,
        ],
        [
            "a certManagerNamespace that is not a DNS-1123 label",
            { certManagerNamespace: "cert.manager" },
            /^`certManagerNamespace` must be a DNS-1123 label .*got "cert\.manager"$/,
        ],
        [
            "an ingressClass that is not a DNS-1123 subdomain",
            { ingressClass: "ALB" },
            /^`ingressClass` must be a DNS-1123 subdomain .*got "ALB"$/,
        ],
        [
            "a release timeout over an hour",
            { releaseTimeoutSeconds: 3601 },
            /^`releaseTimeoutSeconds` must be an integer from 60 to 3600, got 3601$/,
        ],
        [
            "a release timeout of 59 s",
            { releaseTimeoutSeconds: 59 },
            /^`releaseTimeoutSeconds` must be an integer from 60 to 3600, got 59$/,
        ],
        ["replicas as text", { replicas: "2" }, /^`replicas` must be an integer >= 1, got "2"$/],
        [
            "createNamespace as text",
            { createNamespace: "true" },
            /^`createNamespace` must be true or false, got "true"$/,
        ],
        [
            "installCertManager as a number",
            { installCertManager: 0 },
            /^`installCertManager` must be true or false, got 0$/,
        ],
        ["defaultIngressClass as text", { defaultIngressClass: "yes" }, /^`defaultIngressClass` must be true or false/],
        [
            "serviceMutatorWebhook as null",
            { serviceMutatorWebhook: null },
            /^`serviceMutatorWebhook` must be true or false, got null$/,
        ],
        [
            "deleteCrdsOnDestroy as text",
            { deleteCrdsOnDestroy: "no" },
            /^`deleteCrdsOnDestroy` must be true or false, got "no"$/,
        ],
        [
            "a cert-manager namespace with self-signed certificates",
            { webhookCertificates: "selfSigned", certManagerNamespace: "cert-manager" },
            /^`certManagerNamespace` is only used with `webhookCertificates: "certManager"`$/,
        ],
        [
            "a crdProvider that is not a provider",
            { crdProvider: { kubeconfig: "{}" } },
            /^`crdProvider` must be a Kubernetes provider \(k8s\.Provider\), got \{"kubeconfig":"\{\}"\}$/,
        ],
        [
            "a nodeSelector with a number",
            { nodeSelector: { zone: 1 } },
            /^`nodeSelector` must be a map of strings to strings, got \{"zone":1\}$/,
        ],
        [
            "a nodeSelector that is a list",
            { nodeSelector: ["linux"] },
            /^`nodeSelector` must be a map of strings to strings/,
        ],
        [
            "tags with a boolean",
            { tags: { team: true } },
            /^`tags` must be a map of strings to strings, got \{"team":true\}$/,
        ],
        [
            "resources that are not an object",
            { resources: "small" },
            /^`resources` must be an object with `requests` and\/or `limits`, got "small"$/,
        ],
        [
            "an unknown resources key",
            { resources: { limit: { memory: "1Gi" } } },
            /^`resources\.limit` is not an argument; known arguments: requests, limits$/,
        ],
        [
            "resources.limits that are not a map",
            { resources: { limits: "1Gi" } },
            /^`resources\.limits` must be a map such as \{ cpu: "100m", memory: "128Mi" \}, got "1Gi"$/,
        ],
        [
            "a bad limit quantity",
            { resources: { limits: { cpu: "1 core" } } },
            /^`resources\.limits\.cpu` must be a Kubernetes quantity/,
        ],
        [
            "tolerations that are not a list",
            { tolerations: { key: "a" } },
            /^`tolerations` must be a list of tolerations, got \{"key":"a"\}$/,
        ],
        [
            "a toleration that is not an object",
            { tolerations: [{ key: "a" }, "b"] },
            /^`tolerations\[1\]` must be an object, got "b"$/,
        ],
        [
            "an unknown toleration key",
            { tolerations: [{ keys: "a" }] },
            /^`tolerations\[0\]\.keys` is not an argument; known arguments: key, operator, value, effect, tolerationSeconds$/,
        ],
        [
            "an unknown toleration operator",
            { tolerations: [{ key: "a", operator: "Maybe" }] },
            /^`tolerations\[0\]\.operator` must be one of "Equal", "Exists", got "Maybe"$/,
        ],
        [
            "an unknown taint effect",
            { tolerations: [{ key: "a", effect: "NoRun" }] },
            /^`tolerations\[0\]\.effect` must be one of "NoSchedule", "PreferNoSchedule", "NoExecute", got "NoRun"$/,
        ],
        [
            "negative tolerationSeconds",
            { tolerations: [{ key: "a", effect: "NoExecute", tolerationSeconds: -1 }] },
            /^`tolerations\[0\]\.tolerationSeconds` must be an integer >= 0, got -1$/,
        ],
        [
            "a value with operator Exists",
            { tolerations: [{ key: "a", operator: "Exists", value: "b" }] },
            /^`tolerations\[0\]\.value` must be empty with operator "Exists"$/,
        ],
        [
            "a permissions boundary that is a role",
            { permissionsBoundary: "arn:aws:iam::123456789012:role/x" },
            /^`permissionsBoundary` must be an IAM policy ARN/,
        ],
        [
            "helmValues that are a list",
            { helmValues: [["replicaCount", 3]] },
            /^`helmValues` must be an object of chart values, got \[\["replicaCount",3\]\]$/,
        ],
        [
            "helmValues given as a Map (Helm would get {})",
            { helmValues: new Map([["replicaCount", 3]]) },
            /^`helmValues` must be an object of chart values, got \{\}$/,
        ],
        [
            "a nodeSelector given as a class instance",
            { nodeSelector: new URL("https://example.com") },
            /^`nodeSelector` must be a map of strings to strings/,
        ],
        [
            "helmValues setting the image tag",
            { helmValues: { image: { tag: "v9" } } },
            /^`helmValues\.image\.tag` is set by the component; use the argument version instead$/,
        ],
        [
            "helmValues setting the ServiceAccount",
            { helmValues: { serviceAccount: { create: true } } },
            /^`helmValues\.serviceAccount` is set by the component; use the argument serviceAccountName instead$/,
        ],
        [
            "helmValues setting the certificate mode",
            { helmValues: { enableCertManager: false, webhookTLS: { caCert: "x" } } },
            /^`helmValues\.enableCertManager` is set by the component; use the argument webhookCertificates instead$/,
            /^`helmValues\.webhookTLS` is set by the component; use the argument webhookCertificates instead$/,
        ],
        [
            "helmValues setting the class default",
            { helmValues: { ingressClassConfig: { default: true } } },
            /^`helmValues\.ingressClassConfig` is set by the component; use the argument defaultIngressClass instead$/,
        ],
        [
            "helmValues with a typo below a wired key",
            { helmValues: { image: { repositry: "r" } } },
            /^`helmValues\.image\.repositry` is not a value of chart aws-load-balancer-controller 3\.5\.0; Helm would ignore it/,
        ],
        [
            "a version outside the matrix with bad helmValues (only the version is reported)",
            { version: "v9.9.9", helmValues: { replicaCont: 1 } },
            /^`version` must be a controller release in the version matrix/,
        ],
        [
            "every problem at once, in argument order",
            { clusterName: "", region: "x", replicas: 0, tags: [] },
            /^`clusterName` /,
            /^`region` /,
            /^`replicas` /,
            /^`tags` /,
        ],
    ];
    for (const [what, overrides, ...expected] of refused) {
        it(`refuses ${what}`, () => assertRefused(overrides, ...expected));
    }

    it("refuses arguments that are not an object, naming `args`", () => {
        for (const [bad, shown] of [
            [null, "null"],
            ["demo", '"demo"'],
            [["demo"], '["demo"]'],
        ] as const) {
            assert.throws(
                () => new AlbIngressController("rules", bad as unknown as AlbIngressControllerArgs),
                (e: unknown) =>
                    e instanceof InvalidArgumentsError &&
                    e.problems.length === 1 &&
                    e.problems[0] === `\`args\` must be an object, got ${shown}` &&
                    e.message.startsWith('AlbIngressController "rules": invalid arguments:\n  - `args`'),
            );
        }
    });

    it("lists every problem on its own line", () => {
        assert.throws(
            () => new AlbIngressController("many", args({ replicas: 0, namespace: "A" })),
            (e: unknown) =>
                e instanceof InvalidArgumentsError &&
                e.message ===
                    'AlbIngressController "many": invalid arguments:\n' +
                        `  - ${e.problems[0]}\n` +
                        `  - ${e.problems[1]}` &&
                e.problems[0].startsWith("`namespace`") &&
                e.problems[1].startsWith("`replicas`"),
        );
    });

    it("names the component and the resource in the error", () => {
        assert.throws(
            () => new AlbIngressController("my-lbc", args({ replicas: 0 })),
            (e: unknown) =>
                e instanceof InvalidArgumentsError &&
                e.message ===
                    'AlbIngressController "my-lbc": invalid arguments:\n  - `replicas` must be an integer >= 1, got 0',
        );
    });

    it("registers nothing for refused arguments", async () => {
        for (const [, overrides] of refused) {
            assert.throws(() => new AlbIngressController("rules", args(overrides)), InvalidArgumentsError);
        }
        await settle();
        assert.deepStrictEqual(
            recorded.map((r) => r.name),
            [],
        );
    });
});
