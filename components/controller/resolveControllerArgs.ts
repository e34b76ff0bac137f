/**
 * Checks the arguments of an {@link AlbIngressController} and fills in the defaults: the only place that
 * decides whether controller arguments are valid.
 */
import * as pulumi from "@pulumi/pulumi";

import { controllerChartDefaults, unknownValuePaths } from "./chartValues";
import {
    type AlbIngressControllerArgs,
    ARGUMENT_NAMES,
    CONTROLLER_DEFAULTS,
    ControllerIdentity,
    type ResolvedControllerArgs,
    TaintEffect,
    TolerationOperator,
    WIRED_VALUES,
    WebhookCertificates,
} from "./controllerArgs";
import { MANAGED_POLICY_MAX_CHARS, PolicyEffect, policySize, renderControllerPolicy } from "./iamPolicy";
import { isPlainObject } from "../common/json";
import { certManagerProblem, kubernetesMinor } from "./kubernetesSupport";
import {
    type Check,
    Problems,
    checkInput,
    checkKnownKeys,
    checkResources,
    dns1123Label,
    dns1123Subdomain,
    httpsUrl,
    iamArn,
    integerIn,
    isBoolean,
    nonEmptyString,
    oneOf,
    show,
    stringMap,
} from "../common/validation";
import { CONTROLLER_CHART, type ControllerRelease, findRelease, unknownVersionProblem } from "./versions";
import { MIN_GATEWAY_CONTROLLER_VERSION, supportsGatewayApi } from "../gateway/gatewayApi";
import { ALB_GATEWAY_GATE } from "./release";

const VPC_ID = /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ACTION = /^([a-z0-9-]+:[A-Za-z0-9*?]+|\*)$/;

function checkTolerations(problems: Problems, value: unknown): void {
    if (!Array.isArray(value)) {
        problems.add("tolerations", `must be a list of tolerations, got ${show(value)}`);
        return;
    }
    value.forEach((t: unknown, i) => {
        const arg = `tolerations[${i}]`;
        if (!isPlainObject(t)) {
            problems.add(arg, `must be an object, got ${show(t)}`);
            return;
        }
        checkKnownKeys(problems, t, ["key", "operator", "value", "effect", "tolerationSeconds"], `${arg}.`);
        problems.checkIfSet(`${arg}.operator`, t.operator, (v) => oneOf(v, Object.values(TolerationOperator)));
        problems.checkIfSet(`${arg}.effect`, t.effect, (v) => oneOf(v, Object.values(TaintEffect)));
        problems.checkIfSet(`${arg}.tolerationSeconds`, t.tolerationSeconds, (v) => integerIn(v, 0));
        if (t.operator === "Exists" && t.value !== undefined) {
            problems.add(`${arg}.value`, 'must be empty with operator "Exists"');
        }
    });
}

function checkStatements(problems: Problems, value: unknown): void {
    if (!Array.isArray(value)) {
        problems.add("additionalPolicyStatements", `must be a list of statements, got ${show(value)}`);
        return;
    }
    value.forEach((s: unknown, i) => {
        const arg = `additionalPolicyStatements[${i}]`;
        if (!isPlainObject(s)) {
            problems.add(arg, `must be an object with \`actions\`, got ${show(s)}`);
            return;
        }
        checkKnownKeys(problems, s, ["sid", "effect", "actions", "resources", "conditions"], `${arg}.`);
        problems.checkIfSet(`${arg}.effect`, s.effect, (v) => oneOf(v, Object.values(PolicyEffect)));
        if (
            !Array.isArray(s.actions) ||
            s.actions.length === 0 ||
            !s.actions.every((a) => typeof a === "string" && ACTION.test(a))
        ) {
            problems.add(
                `${arg}.actions`,
                `must be a non-empty list of "service:Action" strings, got ${show(s.actions)}`,
            );
        }
        if (
            s.resources !== undefined &&
            (!Array.isArray(s.resources) ||
                s.resources.length === 0 ||
                !s.resources.every((r) => nonEmptyString(r) === undefined))
        ) {
            problems.add(`${arg}.resources`, `must be a non-empty list of ARNs or "*", got ${show(s.resources)}`);
        }
        if (s.sid !== undefined && !(typeof s.sid === "string" && /^[A-Za-z0-9]+$/.test(s.sid))) {
            problems.add(`${arg}.sid`, `must be alphanumeric, got ${show(s.sid)}`);
        }
        const conditions: unknown = s.conditions ?? [];
        if (
            !Array.isArray(conditions) ||
            !conditions.every(
                (c) =>
                    isPlainObject(c) &&
                    typeof c.test === "string" &&
                    typeof c.variable === "string" &&
                    Array.isArray(c.values) &&
                    c.values.length > 0 &&
                    c.values.every((v) => typeof v === "string"),
            )
        ) {
            problems.add(
                `${arg}.conditions`,
                `must be a list of { test, variable, values: [string, …] }, got ${show(s.conditions)}`,
            );
        }
    });
}

function checkHelmValues(problems: Problems, values: unknown, release: ControllerRelease): void {
    if (!isPlainObject(values)) {
        problems.add("helmValues", `must be an object of chart values, got ${show(values)}`);
        return;
    }
    for (const [path, arg] of Object.entries(WIRED_VALUES)) {
        const [head, tail] = path.split(".");
        const v = values[head];
        if (v !== undefined && (tail === undefined || (isPlainObject(v) && v[tail] !== undefined))) {
            problems.add(`helmValues.${path}`, `is set by the component; use the argument ${arg} instead`);
        }
    }
    const reference = controllerChartDefaults(release.chartVersion);
    for (const path of unknownValuePaths(values, reference)) {
        problems.add(
            `helmValues.${path}`,
            `is not a value of chart ${CONTROLLER_CHART.name} ${release.chartVersion}; Helm would ignore it (check the spelling against the chart's values.yaml)`,
        );
    }
}

/**
 * Checks `gatewayApi` and `gatewayClassName`; returns the class to create, or `undefined` with the Gateway API off.
 * The chart passes `controllerConfig.featureGates` as `--feature-gates` (templates/deployment.yaml); the component
 * sets `ALBGatewayAPI`, so `helmValues` may not.
 */
function checkGatewayApi(
    problems: Problems,
    args: AlbIngressControllerArgs,
    release: ControllerRelease | undefined,
): string | undefined {
    problems.checkIfSet("gatewayApi", args.gatewayApi, isBoolean);
    if (args.gatewayApi !== true) {
        if (args.gatewayClassName !== undefined)
            problems.add("gatewayClassName", "is only used with `gatewayApi: true`");
        return undefined;
    }
    const className = args.gatewayClassName ?? CONTROLLER_DEFAULTS.gatewayClassName;
    problems.check("gatewayClassName", className, dns1123Subdomain);
    if (release !== undefined && !supportsGatewayApi(release.controllerVersion)) {
        problems.add(
            "gatewayApi",
            `needs controller ${MIN_GATEWAY_CONTROLLER_VERSION} or newer (the first release with production Gateway API support), got version ${show(release.controllerVersion)}`,
        );
    }
    const config = isPlainObject(args.helmValues) ? args.helmValues.controllerConfig : undefined;
    const gates = isPlainObject(config) ? config.featureGates : undefined;
    if (isPlainObject(gates) && gates[ALB_GATEWAY_GATE] !== undefined) {
        problems.add(
            `helmValues.controllerConfig.featureGates.${ALB_GATEWAY_GATE}`,
            "is set by the component with `gatewayApi: true`; remove it",
        );
    }
    return className;
}

/**
 * A chart repository: an `http(s)://` repository URL, or an `oci://` registry path that holds the chart. Helm
 * pulls `<path>/<chart>:<version>` from an OCI registry, so the path must not name the chart, a tag or a digest.
 */
function chartRepository(v: unknown): string | undefined {
    const allowed = `must be an https:// or http:// Helm repository URL, or an oci:// registry path without the chart name (oci://<registry>/<path>), got ${show(v)}`;
    if (typeof v !== "string" || /\s/.test(v)) return allowed;
    let url: URL;
    try {
        url = new URL(v);
    } catch {
        return allowed;
    }
    if (!["https:", "http:", "oci:"].includes(url.protocol) || url.host === "" || url.username || url.password) {
        return allowed;
    }
    if (url.protocol !== "oci:") return undefined;
    const path = url.pathname.replace(/\/+$/, "");
    if (url.search || url.hash || /[@:]/.test(path)) {
        return `must be an oci:// registry path without a tag, digest, query or fragment (the chart version comes from \`version\`), got ${show(v)}`;
    }
    if (path.split("/").pop() === CONTROLLER_CHART.name) {
        return `names the chart: give the registry path that holds it, without "/${CONTROLLER_CHART.name}" (the component appends it), got ${show(v)}`;
    }
    return undefined;
}

/**
 * Checks every argument of an {@link AlbIngressController} and fills in the defaults. Throws an
 * `InvalidArgumentsError` that lists every problem; arguments that are Outputs are checked when they resolve.
 */
export function resolveControllerArgs(name: string, args: AlbIngressControllerArgs): ResolvedControllerArgs {
    const problems = new Problems();
    if (!isPlainObject(args)) {
        problems.add("args", `must be an object, got ${show(args)}`);
        problems.throwIfAny("AlbIngressController", name);
    }
    checkKnownKeys(problems, args, ARGUMENT_NAMES);
    const d = CONTROLLER_DEFAULTS;
    const version = args.version ?? d.version;
    const release = findRelease(version);
    if (release === undefined) {
        problems.add("version", unknownVersionProblem(show(version)));
    }

    const cluster = args.cluster;
    let clusterName: pulumi.Output<string> = pulumi.output("");
    if (args.clusterName !== undefined) {
        clusterName = checkInput(problems, "clusterName", args.clusterName, nonEmptyString);
    } else if (cluster !== undefined) {
        clusterName = cluster.eksCluster.apply((c) => c.name);
    } else {
        problems.add("clusterName", "is required when `cluster` is not given: the name of the EKS cluster");
    }
    let vpcId: pulumi.Output<string> = pulumi.output("");
    if (args.vpcId !== undefined) {
        vpcId = checkInput(problems, "vpcId", args.vpcId, (v) =>
            typeof v === "string" && VPC_ID.test(v) ? undefined : `must be a VPC id (vpc-…), got ${show(v)}`,
        );
    } else if (cluster !== undefined) {
        vpcId = cluster.eksCluster.apply((c) => c.vpcConfig.vpcId);
    } else {
        problems.add("vpcId", "is required when `cluster` is not given: the id of the cluster's VPC (vpc-…)");
    }
    const region =
        args.region === undefined
            ? undefined
            : checkInput(problems, "region", args.region, (v) =>
                  typeof v === "string" && REGION.test(v)
                      ? undefined
                      : `must be an AWS region such as "us-west-2", got ${show(v)}`,
              );

    const identity = args.identity ?? d.identity;
    problems.check("identity", identity, (v) => oneOf(v, Object.values(ControllerIdentity)));
    let oidc: ResolvedControllerArgs["oidc"] = { kind: "none" };
    if (args.oidcProviderArn !== undefined && args.oidcIssuerUrl !== undefined) {
        problems.add(
            "oidcProviderArn",
            "and `oidcIssuerUrl` exclude each other: reuse a provider (ARN) or create one (issuer URL)",
        );
    } else if (
        identity === ControllerIdentity.PodIdentity &&
        (args.oidcProviderArn !== undefined || args.oidcIssuerUrl !== undefined)
    ) {
        problems.add(
            args.oidcProviderArn !== undefined ? "oidcProviderArn" : "oidcIssuerUrl",
            'is only used with `identity: "irsa"`; Pod Identity needs no OIDC provider',
        );
    } else if (identity === ControllerIdentity.Irsa) {
        if (args.oidcProviderArn !== undefined) {
            oidc = {
                kind: "arn",
                arn: checkInput(problems, "oidcProviderArn", args.oidcProviderArn, (v) => iamArn(v, "oidc-provider")),
            };
        } else if (args.oidcIssuerUrl !== undefined) {
            oidc = {
                kind: "issuerUrl",
                url: checkInput(problems, "oidcIssuerUrl", args.oidcIssuerUrl, httpsUrl),
                deleteOnDestroy: args.deleteOidcProviderOnDestroy === true,
            };
        } else if (cluster !== undefined) {
            oidc = {
                kind: "cluster",
                arn: cluster.oidcProviderArn.apply((arn) => {
                    if (!arn) {
                        throw new Error(
                            "`cluster` has no IAM OIDC provider: create it with `createOidcProvider: true`, or pass `oidcProviderArn` or `oidcIssuerUrl`",
                        );
                    }
                    return arn;
                }),
            };
        } else {
            problems.add(
                "oidcProviderArn",
                'or `oidcIssuerUrl` (or `cluster`) is required with `identity: "irsa"`; or use `identity: "podIdentity"`',
            );
        }
    }

    problems.checkIfSet("deleteOidcProviderOnDestroy", args.deleteOidcProviderOnDestroy, isBoolean);
    if (args.deleteOidcProviderOnDestroy !== undefined && args.oidcIssuerUrl === undefined) {
        problems.add(
            "deleteOidcProviderOnDestroy",
            "only applies to the provider created from `oidcIssuerUrl`; a provider this component did not create is never deleted",
        );
    }

    const namespace = args.namespace ?? d.namespace;
    const serviceAccountName = args.serviceAccountName ?? d.serviceAccountName;
    const webhookCertificates = args.webhookCertificates ?? d.webhookCertificates;
    const certManagerNamespace = args.certManagerNamespace ?? d.certManagerNamespace;
    const replicas = args.replicas ?? d.replicas;
    const ingressClass = args.ingressClass ?? d.ingressClass;
    const releaseTimeoutSeconds = args.releaseTimeoutSeconds ?? d.releaseTimeoutSeconds;
    const simple: [string, unknown, Check][] = [
        ["namespace", namespace, dns1123Label],
        ["serviceAccountName", serviceAccountName, dns1123Subdomain],
        ["webhookCertificates", webhookCertificates, (v) => oneOf(v, Object.values(WebhookCertificates))],
        ["certManagerNamespace", certManagerNamespace, dns1123Label],
        ["replicas", replicas, (v) => integerIn(v, 1)],
        ["ingressClass", ingressClass, dns1123Subdomain],
        ["releaseTimeoutSeconds", releaseTimeoutSeconds, (v) => integerIn(v, 60, 3600)],
        ["chartRepository", args.chartRepository ?? d.chartRepository, chartRepository],
    ];
    for (const [arg, value, check] of simple) {
        problems.check(arg, value, check);
    }
    for (const arg of [
        "createNamespace",
        "installCertManager",
        "defaultIngressClass",
        "serviceMutatorWebhook",
    ] as const) {
        problems.checkIfSet(arg, args[arg], isBoolean);
    }
    if (webhookCertificates === WebhookCertificates.SelfSigned) {
        for (const arg of ["installCertManager", "certManagerNamespace"] as const) {
            if (args[arg] !== undefined) {
                problems.add(arg, 'is only used with `webhookCertificates: "certManager"`');
            }
        }
    }
    // Kubernetes version: checked against the cert-manager the component installs (kubernetesSupport.ts).
    const kubernetesVersion = kubernetesMinor(args.kubernetesVersion);
    if (args.kubernetesVersion !== undefined && kubernetesVersion === undefined) {
        problems.add(
            "kubernetesVersion",
            `must be a Kubernetes version such as "1.33" or "1.33.4", got ${show(args.kubernetesVersion)}`,
        );
    }
    const installsCertManager =
        webhookCertificates === WebhookCertificates.CertManager && (args.installCertManager ?? d.installCertManager);
    if (kubernetesVersion !== undefined && installsCertManager) {
        const problem = certManagerProblem(kubernetesVersion);
        if (problem !== undefined) problems.add("kubernetesVersion", problem);
    }
    problems.checkIfSet("deleteCrdsOnDestroy", args.deleteCrdsOnDestroy, isBoolean);
    const gatewayClassName = checkGatewayApi(problems, args, release);
    if (args.crdProvider !== undefined && !pulumi.CustomResource.isInstance(args.crdProvider)) {
        problems.add("crdProvider", `must be a Kubernetes provider (k8s.Provider), got ${show(args.crdProvider)}`);
    }
    for (const arg of ["nodeSelector", "tags"] as const) {
        problems.checkIfSet(arg, args[arg], stringMap);
    }
    if (args.resources !== undefined) {
        checkResources(problems, args.resources);
    }
    if (args.tolerations !== undefined) {
        checkTolerations(problems, args.tolerations);
    }
    const permissionsBoundary =
        args.permissionsBoundary === undefined
            ? undefined
            : checkInput(problems, "permissionsBoundary", args.permissionsBoundary, (v) => iamArn(v, "policy"));
    const statements = args.additionalPolicyStatements ?? [];
    if (args.additionalPolicyStatements !== undefined) {
        checkStatements(problems, args.additionalPolicyStatements);
    }
    if (release !== undefined && args.helmValues !== undefined) {
        checkHelmValues(problems, args.helmValues, release);
    }
    problems.throwIfAny("AlbIngressController", name);

    // The longest partition name gives the largest document; IAM refuses managed policies over the limit.
    const size = policySize(renderControllerPolicy(release!, "aws-us-gov", statements));
    if (size > MANAGED_POLICY_MAX_CHARS) {
        problems.add(
            "additionalPolicyStatements",
            `make the controller policy ${size} characters long; IAM allows ${MANAGED_POLICY_MAX_CHARS}: attach a separate policy to the role (output \`roleName\`) instead`,
        );
        problems.throwIfAny("AlbIngressController", name);
    }

    return {
        release: release!,
        kubernetesVersion,
        deleteCrdsOnDestroy: args.deleteCrdsOnDestroy ?? d.deleteCrdsOnDestroy,
        crdProvider: args.crdProvider,
        gatewayClassName,
        clusterName,
        vpcId,
        region,
        identity,
        oidc,
        namespace,
        createNamespace: args.createNamespace ?? d.createNamespace,
        serviceAccountName,
        webhookCertificates,
        installCertManager: args.installCertManager ?? d.installCertManager,
        certManagerNamespace,
        replicas,
        resources: args.resources ?? d.resources,
        nodeSelector: args.nodeSelector ?? {},
        tolerations: args.tolerations ?? [],
        ingressClass,
        defaultIngressClass: args.defaultIngressClass ?? d.defaultIngressClass,
        serviceMutatorWebhook: args.serviceMutatorWebhook ?? d.serviceMutatorWebhook,
        additionalPolicyStatements: statements,
        permissionsBoundary,
        tags: args.tags ?? {},
        helmValues: (args.helmValues as Record<string, unknown> | undefined) ?? {},
        chartRepository: args.chartRepository ?? d.chartRepository,
        releaseTimeoutSeconds,
    };
}
