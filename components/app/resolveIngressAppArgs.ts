/**
 * Checks the arguments of an {@link IngressApp} and fills in the defaults: the only place that decides
 * whether app arguments are valid. Values known at construction are checked then; inputs that are Outputs are
 * checked by the same code once they resolve, before any child is registered (`ingressAppInputs.ts`).
 */

import {
    readCidr,
    GROUP_ORDER,
    certificateArnProblem,
    groupNameProblem,
    tagProblem,
    wafv2AclArnProblem,
} from "eks-alb-ingress-rules";
import { appAnnotationProblems, ingressRuleArgProblems } from "./ingressAppRules";
import { autoModeAnnotationProblems, autoModeArgProblems, gatewayArgProblems } from "./ingressAppTargets";
import {
    ARGUMENT_NAMES,
    INGRESS_APP_DEFAULTS,
    INGRESS_INPUT_ARGUMENTS,
    INPUT_ARGUMENTS,
    type IngressAppArgs,
    type IngressAppValues,
    PathType,
    type ResolvedIngressAppArgs,
    type ResolvedIngressAppValues,
    Scheme,
    TargetType,
} from "./ingressAppArgs";
import { isDeferred, lift, pendingChecks, splitPending } from "./ingressAppInputs";
import { isPlainObject } from "../common/json";
import {
    type Check,
    Problems,
    checkKnownKeys,
    checkResources,
    dns1123Label,
    dns1123Subdomain,
    integerIn,
    isBoolean,
    oneOf,
    show,
} from "../common/validation";
import { isDns1123Subdomain, labelMap } from "../common/kubernetesNames";

/** The image reference grammar of distribution/reference (`reference.go`, `regexp.go`). */
const IMAGE_PATH_COMPONENT = /^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*$/;
const IMAGE_DOMAIN =
    /^([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(\.([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(:\d+)?$/;
const IMAGE_TAG = /^\w[\w.-]{0,127}$/;
const IMAGE_DIGEST = /^sha256:[a-f0-9]{64}$/;

/**
 * Whether `ref` is an image reference: `[domain[:port]/]path[:tag][@digest]`. The domain may hold upper case (it is
 * a host name); the path components may not, and a runtime refuses such a reference ("repository name must be
 * lowercase"). The first component is a domain when it holds a "." or ":", is "localhost", or holds upper case
 * (distribution/reference `splitDomain`).
 */
export function isImageReference(ref: string): boolean {
    let rest = ref;
    const at = rest.indexOf("@");
    if (at >= 0) {
        if (!IMAGE_DIGEST.test(rest.slice(at + 1))) return false;
        rest = rest.slice(0, at);
    }
    const colon = rest.lastIndexOf(":");
    if (colon > rest.lastIndexOf("/")) {
        if (!IMAGE_TAG.test(rest.slice(colon + 1))) return false;
        rest = rest.slice(0, colon);
    }
    if (rest.length === 0 || rest.length > 255) return false;
    const parts = rest.split("/");
    if (parts.length > 1 && (/[.:A-Z]/.test(parts[0]) || parts[0] === "localhost")) {
        if (!IMAGE_DOMAIN.test(parts.shift()!)) return false;
    }
    return parts.every((p) => IMAGE_PATH_COMPONENT.test(p));
}
const INT_OR_PERCENT = /^(\d+|\d+%)$/;

/** Problem with an HTTP path, or `undefined`. */
const absolutePath = (v: unknown) =>
    typeof v === "string" && v.startsWith("/") ? undefined : `must start with "/", got ${show(v)}`;

/** Problem with a rolling-update bound (`"1"` or `"25%"`), or `undefined`. */
const countOrPercent = (v: unknown) =>
    typeof v === "string" && INT_OR_PERCENT.test(v)
        ? undefined
        : `must be a count ("1") or a percentage ("25%"), got ${show(v)}`;

/** True for an IPv4 or IPv6 CIDR block as the controller reads it (Go's `net.ParseCIDR`). */
export function isCidr(value: unknown): boolean {
    return typeof value === "string" && readCidr(value).problem === undefined;
}

/** The image's tag or digest problem, or `undefined`. */
function imageProblem(image: unknown): string | undefined {
    if (typeof image !== "string" || !isImageReference(image)) {
        return `must be a container image reference such as "public.ecr.aws/nginx/nginx:1.27", got ${show(image)}`;
    }
    const lastSegment = image.split("/").pop()!;
    if (!image.includes("@sha256:") && (!lastSegment.includes(":") || lastSegment.endsWith(":latest"))) {
        return `must be pinned by a tag other than "latest" or by a digest, got ${show(image)}`;
    }
    return undefined;
}

function probeProblems(problems: Problems, arg: string, probe: unknown): void {
    if (!isPlainObject(probe)) {
        problems.add(arg, `must be an object, got ${show(probe)}`);
        return;
    }
    checkKnownKeys(
        problems,
        probe,
        ["path", "initialDelaySeconds", "periodSeconds", "timeoutSeconds", "failureThreshold"],
        `${arg}.`,
    );
    problems.checkIfSet(`${arg}.path`, probe.path, absolutePath);
    for (const key of ["initialDelaySeconds", "periodSeconds", "timeoutSeconds", "failureThreshold"]) {
        problems.checkIfSet(`${arg}.${key}`, probe[key], (v) =>
            integerIn(v, key === "initialDelaySeconds" ? 0 : 1, 3600),
        );
    }
}

/** `check` for a value known now; a value known only at deploy time ({@link isDeferred}) passes until then. */
const whenKnown =
    (check: Check): Check =>
    (v) =>
        isDeferred(v) ? undefined : check(v);

/** A map of strings, whose values may be known only at deploy time. */
const stringInputMap: Check = (v) =>
    isPlainObject(v) && Object.values(v).every((x) => typeof x === "string" || isDeferred(x))
        ? undefined
        : `must be a map of strings to strings, got ${show(v)}`;

/**
 * Checks the arguments and fills in the defaults, recording every problem. An input argument's value (or an
 * item or map value of it) may be `DEFERRED` at construction: its own checks then wait for the deploy-time pass,
 * and so do the controller's rules when the Ingress depends on it (`deferIngress`).
 */
function checkArgs(
    name: string,
    args: IngressAppValues,
    problems: Problems,
    deferIngress: boolean,
): ResolvedIngressAppValues {
    checkKnownKeys(problems, args, ARGUMENT_NAMES);
    const d = INGRESS_APP_DEFAULTS;
    problems.check("name", name, (v) =>
        typeof v === "string" && /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(v) && v.length <= 63
            ? undefined
            : `must be a DNS-1035 label (lowercase letters, digits and "-", starting with a letter, at most 63 characters): it names the Deployment, Service and Ingress; got ${show(v)}`,
    );
    const certificateArns: unknown = args.certificateArns ?? [];
    const certificateCount = Array.isArray(certificateArns) ? certificateArns.length : undefined;
    const r = {
        image: args.image,
        containerPort: args.containerPort,
        targetType: args.targetType,
        namespace: args.namespace ?? name,
        createNamespace: args.createNamespace ?? d.createNamespace,
        servicePort: args.servicePort ?? d.servicePort,
        replicas: args.replicas ?? d.replicas,
        scheme: args.scheme ?? d.scheme,
        host: args.host,
        path: args.path ?? d.path,
        pathType: args.pathType ?? d.pathType,
        healthCheckPath: args.healthCheckPath ?? d.healthCheckPath,
        env: args.env ?? {},
        resources: args.resources ?? d.resources,
        nodeSelector: args.nodeSelector ?? {},
        labels: args.labels ?? {},
        maxSurge: args.maxSurge ?? d.maxSurge,
        maxUnavailable: args.maxUnavailable ?? d.maxUnavailable,
        readinessProbe: args.readinessProbe ?? {},
        livenessProbe: args.livenessProbe ?? {},
        certificateArns,
        sslRedirect: args.sslRedirect ?? (certificateCount ?? 0) > 0,
        sslPolicy: (certificateCount ?? 0) > 0 ? (args.sslPolicy ?? d.sslPolicy) : args.sslPolicy,
        group: args.group === undefined ? undefined : { name: args.group.name, order: args.group.order ?? 0 },
        inboundCidrs: args.inboundCidrs,
        wafv2AclArn: args.wafv2AclArn,
        tags: args.tags ?? {},
        annotations: args.annotations ?? {},
        ingressClassName: args.gateway === undefined ? (args.ingressClassName ?? d.ingressClassName) : undefined,
        gateway: args.gateway,
        autoMode: args.autoMode ?? d.autoMode,
        runAsNonRoot: args.runAsNonRoot ?? d.runAsNonRoot,
    };
    const checks: [string, unknown, Check][] = [
        ["image", r.image, whenKnown(imageProblem)],
        ["containerPort", r.containerPort, (v) => integerIn(v, 1, 65535)],
        ["servicePort", r.servicePort, (v) => integerIn(v, 1, 65535)],
        ["replicas", r.replicas, (v) => integerIn(v, 0)],
        ["targetType", r.targetType, (v) => oneOf(v, Object.values(TargetType))],
        ["scheme", r.scheme, (v) => oneOf(v, Object.values(Scheme))],
        ["pathType", r.pathType, (v) => oneOf(v, Object.values(PathType))],
        ["namespace", r.namespace, whenKnown(dns1123Label)],
        ["path", r.path, absolutePath],
        ["healthCheckPath", r.healthCheckPath, absolutePath],
        ["maxSurge", r.maxSurge, countOrPercent],
        ["maxUnavailable", r.maxUnavailable, countOrPercent],
        ["env", r.env, stringInputMap],
        ["nodeSelector", r.nodeSelector, labelMap],
        ["labels", r.labels, labelMap],
        ["tags", r.tags, stringInputMap],
        ["annotations", r.annotations, stringInputMap],
        ["createNamespace", r.createNamespace, isBoolean],
        ["runAsNonRoot", r.runAsNonRoot, isBoolean],
        ["autoMode", r.autoMode, isBoolean],
    ];
    for (const [arg, value, check] of checks) {
        problems.check(arg, value, check);
    }
    problems.checkIfSet(
        "host",
        r.host,
        whenKnown((v) =>
            typeof v === "string" && v.length <= 253 && isDns1123Subdomain(v.replace(/^\*\./, "")) === undefined
                ? undefined
                : `must be a DNS host name such as "app.example.com" (or "*.example.com"), got ${show(v)}`,
        ),
    );
    problems.checkIfSet("ingressClassName", r.ingressClassName, whenKnown(dns1123Subdomain));
    problems.checkIfSet("sslRedirect", args.sslRedirect, isBoolean);
    problems.checkIfSet("sslPolicy", r.sslPolicy, (v) =>
        typeof v === "string" && /^ELBSecurityPolicy-[A-Za-z0-9-]+$/.test(v)
            ? undefined
            : `must be an ELB security policy name such as "ELBSecurityPolicy-TLS13-1-2-2021-06", got ${show(v)}`,
    );
    problems.checkIfSet(
        "wafv2AclArn",
        r.wafv2AclArn,
        whenKnown((v) => (typeof v === "string" ? wafv2AclArnProblem(v) : `must be a string, got ${show(v)}`)),
    );
    if (isDeferred(r.certificateArns)) {
        // The list's length is known at deploy time: so is whether HTTPS exists.
    } else if (!Array.isArray(r.certificateArns)) {
        problems.add("certificateArns", `must be a list of certificate ARNs, got ${show(r.certificateArns)}`);
    } else {
        r.certificateArns.forEach((arn: unknown, i) =>
            problems.check(
                `certificateArns[${i}]`,
                arn,
                whenKnown((v) =>
                    typeof v === "string" && !v.includes(",")
                        ? certificateArnProblem(v)
                        : `must be an ARN, got ${show(v)}`,
                ),
            ),
        );
        if (args.sslRedirect === true && r.certificateArns.length === 0) {
            problems.add(
                "sslRedirect",
                "needs `certificateArns`: HTTP can only be redirected to an HTTPS listener, which needs a certificate",
            );
        }
        if (args.sslPolicy !== undefined && r.certificateArns.length === 0) {
            problems.add("sslPolicy", "needs `certificateArns`: it applies to the HTTPS listener");
        }
    }
    if (r.inboundCidrs !== undefined && !isDeferred(r.inboundCidrs)) {
        if (!Array.isArray(r.inboundCidrs) || r.inboundCidrs.length === 0)
            problems.add("inboundCidrs", `must be a non-empty list of CIDR blocks, got ${show(r.inboundCidrs)}`);
        else
            r.inboundCidrs.forEach((c: unknown, i) =>
                problems.check(
                    `inboundCidrs[${i}]`,
                    c,
                    whenKnown((v) =>
                        isCidr(v)
                            ? undefined
                            : `must be an IPv4 or IPv6 CIDR block as Go's net.ParseCIDR reads it, such as "10.0.0.0/8" or "2001:db8::/32", got ${show(v)}`,
                    ),
                ),
            );
    }
    if (args.group !== undefined) {
        const g = args.group as unknown;
        if (!isPlainObject(g)) problems.add("group", `must be { name, order? }, got ${show(g)}`);
        else {
            checkKnownKeys(problems, g, ["name", "order"], "group.");
            problems.check("group.name", g.name, (v) =>
                typeof v === "string" ? groupNameProblem(v) : `must be a string, got ${show(v)}`,
            );
            problems.checkIfSet("group.order", g.order, (v) => integerIn(v, GROUP_ORDER.min, GROUP_ORDER.max));
        }
    }
    for (const [key, probe] of [
        ["readinessProbe", args.readinessProbe],
        ["livenessProbe", args.livenessProbe],
    ] as const) {
        if (probe !== undefined) probeProblems(problems, key, probe);
    }
    checkResources(problems, r.resources);
    if (isPlainObject(r.tags)) {
        for (const [key, value] of Object.entries(r.tags)) {
            // A value known only at deploy time: the key is checked now (with an empty value, which passes).
            problems.check(`tags["${key}"]`, isDeferred(value) ? "" : value, (v) =>
                typeof v === "string" ? tagProblem(key, v) : undefined,
            );
        }
    }
    if (args.gateway !== undefined) {
        // An HTTPRoute instead of an Ingress: the Ingress arguments are refused, the controller's Ingress rules moot.
        gatewayArgProblems(problems, args, r.path, r.pathType);
        return r as ResolvedIngressAppValues;
    }
    if (r.autoMode === true) autoModeArgProblems(problems, args);
    if (isPlainObject(r.annotations)) {
        const judged = r.autoMode === true ? autoModeAnnotationProblems(problems, r.annotations) : new Set<string>();
        appAnnotationProblems(
            problems,
            name,
            Object.fromEntries(Object.entries(r.annotations).filter(([key]) => !judged.has(key))),
        );
    }
    if (problems.size === 0 && !deferIngress) {
        // The Ingress the arguments make, judged as the controller builds it (ingressRules.ts).
        ingressRuleArgProblems(problems, name, r as ResolvedIngressAppValues);
    }
    return r as ResolvedIngressAppValues;
}

/**
 * Checks every argument of an {@link IngressApp} and fills in the defaults; throws an `InvalidArgumentsError`
 * listing every problem of the values known now. Inputs that are Outputs (or Promises) are checked, with all the
 * other arguments and the controller's rules, when they resolve: `deployTimeChecks` then throws the same error.
 */
export function resolveIngressAppArgs(name: string, args: IngressAppArgs): ResolvedIngressAppArgs {
    const problems = new Problems();
    if (!isPlainObject(args)) {
        problems.add("args", `must be an object, got ${show(args)}`);
        problems.throwIfAny("IngressApp", name);
    }
    const input = args as unknown as Record<string, unknown>;
    const { pending, now } = splitPending(input, INPUT_ARGUMENTS);
    const deferIngress = pending.some((arg) => INGRESS_INPUT_ARGUMENTS.includes(arg));
    const values = checkArgs(name, now as IngressAppValues, problems, deferIngress);
    problems.throwIfAny("IngressApp", name);

    const deployTimeChecks = pendingChecks("IngressApp", name, input, pending, (values, later) =>
        checkArgs(name, values as IngressAppValues, later, false),
    );
    const certificateArns = args.certificateArns ?? [];
    const https = Array.isArray(certificateArns)
        ? certificateArns.length > 0
        : lift(certificateArns, (arns) => arns.length > 0);
    return {
        ...values,
        image: args.image,
        namespace: args.namespace ?? name,
        host: args.host,
        env: args.env ?? {},
        certificateArns,
        inboundCidrs: args.inboundCidrs,
        wafv2AclArn: args.wafv2AclArn,
        tags: args.tags ?? {},
        annotations: args.annotations ?? {},
        ingressClassName:
            args.gateway === undefined ? (args.ingressClassName ?? INGRESS_APP_DEFAULTS.ingressClassName) : undefined,
        gateway: args.gateway,
        https,
        sslRedirect: args.sslRedirect ?? https,
        sslPolicy: args.sslPolicy ?? INGRESS_APP_DEFAULTS.sslPolicy,
        deployTimeChecks,
    };
}
