/**
 * Checks the arguments of an {@link AlbGateway} and fills in the defaults: the only place that decides whether
 * gateway arguments are valid. What the controller (v3.5.0) would reject or silently drop when it reconciles the
 * Gateway is refused here, with its source:
 * - `pkg/gateway/model/base_model_builder.go` `buildLoadBalancerScheme` / `buildLoadBalancerIPAddressType`;
 * - `model_build_listener.go` `buildExplicitTLSCertARNs` (certificate ARNs passed to ELBv2 as written);
 * - `model_build_security_group.go` `buildManagedSecurityGroupIngressPermissions` (IPv6 `sourceRanges` dropped
 *   unless dualstack);
 * - `addons/waf.go` (the `webACL` is passed to WAFv2 `AssociateWebACL` as an ARN);
 * - `pkg/deploy/tracking/provider.go` `ResourceTags` (the controller's tracking tags win over the user's) and the
 *   ELBv2 tag rules (`tagProblem` of the rules package).
 */
import * as pulumi from "@pulumi/pulumi";
import { certificateArnProblem, readCidr, tagProblem, wafv2AclArnProblem } from "eks-alb-ingress-rules";
import { isPlainObject } from "../common/json";
import {
    Problems,
    checkInput,
    checkKnownKeys,
    dns1123Label,
    dns1123Subdomain,
    isBoolean,
    knownValue,
    oneOf,
    show,
} from "../common/validation";
import { Scheme } from "../app/ingressAppArgs";
import { findRelease, unknownVersionProblem } from "../controller/versions";
import {
    ALB_GATEWAY_ARGUMENT_NAMES,
    ALB_GATEWAY_DEFAULTS,
    type AlbGatewayArgs,
    GatewayIpAddressType,
    type ResolvedAlbGatewayArgs,
    RouteNamespaces,
} from "./albGatewayArgs";
import { MIN_GATEWAY_CONTROLLER_VERSION, lbcApiVersion, supportsGatewayApi } from "./gatewayApi";

/** The tag key prefixes of the controller's own tracking tags, which win over a user's tag of the same key. */
export const CONTROLLER_TAG_PREFIXES = ["elbv2.k8s.aws/", "gateway.k8s.aws.alb/"] as const;

/** ELBv2: at most 50 tags per load balancer, of which the controller's tracking tags take up to 4. */
export const MAX_GATEWAY_TAGS = 46;

/** The ALB's name must leave room for the child names (`<name>-https-redirect`) within a DNS-1123 subdomain. */
const MAX_NAME_LENGTH = 253 - "-https-redirect".length;

/**
 * Checks a list input: each element with `each`, the whole list with `whole`. Known now: problems are recorded;
 * otherwise the deployment fails with the first problem when the list resolves.
 */
function checkList(
    problems: Problems,
    arg: string,
    value: pulumi.Input<pulumi.Input<string>[]>,
    each: (v: string) => string | undefined,
    whole: (list: string[]) => string | undefined,
): pulumi.Output<string[]> {
    const collect = (list: unknown): [string, string][] => {
        if (!Array.isArray(list) || !list.every((v) => typeof v === "string")) {
            return [[arg, `must be a list of strings, got ${show(list)}`]];
        }
        const found = list.flatMap((v, i): [string, string][] => {
            const p = each(v);
            return p === undefined ? [] : [[`${arg}[${i}]`, p]];
        });
        const p = whole(list);
        return p === undefined ? found : [...found, [arg, p]];
    };
    const now = knownValue(value);
    if (now !== undefined && (!Array.isArray(now) || now.every((v) => knownValue(v) !== undefined))) {
        for (const [key, p] of collect(now)) problems.add(key, p);
        return pulumi.output(value) as pulumi.Output<string[]>;
    }
    return pulumi.output(value).apply((list) => {
        const [first] = collect(list);
        if (first !== undefined) throw new Error(`\`${first[0]}\` ${first[1]}`);
        return list;
    });
}

const noDuplicates = (list: string[]): string | undefined => {
    const dupes = list.filter((v, i) => list.indexOf(v) !== i);
    return dupes.length > 0 ? `must not repeat a value, got ${show(dupes[0])} twice` : undefined;
};

function checkTags(problems: Problems, tags: unknown): pulumi.Output<Record<string, string>> | undefined {
    if (!isPlainObject(tags)) {
        problems.add("tags", `must be a map of tag keys to values, got ${show(tags)}`);
        return undefined;
    }
    const keys = Object.keys(tags);
    if (keys.length > MAX_GATEWAY_TAGS) {
        problems.add(
            "tags",
            `must have at most ${MAX_GATEWAY_TAGS} tags (ELBv2 allows 50 per load balancer and the controller adds up to 4 of its own), got ${keys.length}`,
        );
    }
    const checked: Record<string, pulumi.Output<string>> = {};
    for (const key of keys) {
        const prefix = CONTROLLER_TAG_PREFIXES.find((p) => key.startsWith(p));
        if (prefix !== undefined) {
            problems.add(
                `tags.${key}`,
                `uses the prefix "${prefix}" of the controller's own tracking tags, which replace it`,
            );
        }
        checked[key] = checkInput(problems, `tags.${key}`, tags[key] as pulumi.Input<string>, (v: unknown) =>
            typeof v === "string" ? tagProblem(key, v) : `must be a string, got ${show(v)}`,
        );
    }
    return pulumi.output(checked);
}

/**
 * Checks every argument of an {@link AlbGateway} and fills in the defaults. Throws an `InvalidArgumentsError` that
 * lists every problem; arguments that are Outputs are checked when they resolve.
 */
export function resolveAlbGatewayArgs(name: string, args: AlbGatewayArgs): ResolvedAlbGatewayArgs {
    const problems = new Problems();
    if (!isPlainObject(args)) {
        problems.add("args", `must be an object, got ${show(args)}`);
        problems.throwIfAny("AlbGateway", name);
    }
    checkKnownKeys(problems, args, ALB_GATEWAY_ARGUMENT_NAMES);
    const d = ALB_GATEWAY_DEFAULTS;
    // The component's name is the Gateway's and the LoadBalancerConfiguration's metadata.name.
    problems.check("name", name, (v) =>
        typeof v === "string" && v.length > MAX_NAME_LENGTH
            ? `must be at most ${MAX_NAME_LENGTH} characters (it names the Gateway and its redirect route), got ${show(v)}`
            : dns1123Subdomain(v),
    );
    let gatewayClassName: pulumi.Output<string> = pulumi.output("");
    if (args.gatewayClassName === undefined) {
        problems.add("gatewayClassName", "is required: pass the controller's `gatewayClassName` output");
    } else {
        gatewayClassName = checkInput(problems, "gatewayClassName", args.gatewayClassName, (v: unknown) =>
            v === undefined || v === ""
                ? `is ${show(v)}: pass the \`gatewayClassName\` output of an AlbIngressController created with \`gatewayApi: true\``
                : dns1123Subdomain(v),
        );
    }
    const version = args.controllerVersion ?? d.controllerVersion;
    let apiVersion = "";
    if (typeof version !== "string" || findRelease(version) === undefined) {
        problems.add("controllerVersion", unknownVersionProblem(show(version)));
    } else if (!supportsGatewayApi(version)) {
        problems.add(
            "controllerVersion",
            `must be ${MIN_GATEWAY_CONTROLLER_VERSION} or newer (the first release with production Gateway API support), got ${show(version)}`,
        );
    } else {
        apiVersion = lbcApiVersion(version);
    }
    const namespace = checkInput(problems, "namespace", args.namespace ?? d.namespace, dns1123Label);
    problems.checkIfSet("createNamespace", args.createNamespace, isBoolean);
    const scheme = args.scheme ?? d.scheme;
    problems.check("scheme", scheme, (v) => oneOf(v, Object.values(Scheme)));
    const ipAddressType = args.ipAddressType ?? d.ipAddressType;
    problems.check("ipAddressType", ipAddressType, (v) => oneOf(v, Object.values(GatewayIpAddressType)));
    const routeNamespaces = args.routeNamespaces ?? d.routeNamespaces;
    problems.check("routeNamespaces", routeNamespaces, (v) => oneOf(v, Object.values(RouteNamespaces)));

    const https = args.certificateArns !== undefined;
    const certificateArns = https
        ? checkList(problems, "certificateArns", args.certificateArns!, certificateArnProblem, (list) =>
              list.length === 0
                  ? "must name at least one certificate (leave it out for an HTTP-only gateway)"
                  : noDuplicates(list),
          )
        : pulumi.output([]);
    if (args.sslPolicy !== undefined && !https) {
        problems.add("sslPolicy", "needs `certificateArns`: it applies to the HTTPS listener");
    }
    problems.checkIfSet("sslPolicy", args.sslPolicy, (v) =>
        typeof v === "string" && /^ELBSecurityPolicy-[A-Za-z0-9-]+$/.test(v)
            ? undefined
            : `must be an ELB security policy name such as "ELBSecurityPolicy-TLS13-1-2-2021-06", got ${show(v)}`,
    );
    const wafv2AclArn =
        args.wafv2AclArn === undefined
            ? undefined
            : checkInput(problems, "wafv2AclArn", args.wafv2AclArn, (v: unknown) =>
                  typeof v !== "string" || v === "none"
                      ? `must be a regional WAFv2 web ACL ARN (arn:aws:wafv2:<region>:<account>:regional/webacl/…); leave it out for none, got ${show(v)}`
                      : wafv2AclArnProblem(v),
              );
    const dualstack = String(ipAddressType).startsWith("dualstack");
    const inboundCidrs =
        args.inboundCidrs === undefined
            ? undefined
            : checkList(
                  problems,
                  "inboundCidrs",
                  args.inboundCidrs,
                  (v) => {
                      const c = readCidr(v);
                      if (c.problem !== undefined) return `${c.problem}, got ${show(v)}`;
                      return c.value.ipv6 && !dualstack
                          ? `${show(v)} is IPv6, which the controller leaves out of an IPv4 ALB's security group: set a dualstack \`ipAddressType\``
                          : undefined;
                  },
                  (list) =>
                      list.length === 0
                          ? "must list at least one CIDR (leave it out to allow every address)"
                          : noDuplicates(list),
              );
    const tags = args.tags === undefined ? undefined : checkTags(problems, args.tags);
    problems.throwIfAny("AlbGateway", name);

    return {
        gatewayClassName,
        lbcApiVersion: apiVersion,
        namespace,
        createNamespace: args.createNamespace ?? d.createNamespace,
        scheme,
        ipAddressType,
        https,
        certificateArns,
        sslPolicy: https ? (args.sslPolicy ?? d.sslPolicy) : undefined,
        wafv2AclArn,
        inboundCidrs,
        routeNamespaces,
        tags,
    };
}
