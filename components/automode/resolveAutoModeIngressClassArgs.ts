/**
 * Checks the arguments of an {@link AutoModeIngressClass} and fills in the defaults: the only place that decides
 * whether they are valid. Values known at construction are checked then; inputs that are Outputs are checked by
 * the same code when they resolve, before any child is registered (`../app/ingressAppInputs.ts`).
 */
import { certificateArnProblem, groupNameProblem, tagProblem } from "eks-alb-ingress-rules";
import {
    AUTO_MODE_ARGUMENT_NAMES,
    AUTO_MODE_INPUT_ARGUMENTS,
    type AutoModeIngressClassArgs,
    AutoModeIpAddressType,
    type ResolvedAutoModeIngressClassArgs,
    Scheme,
} from "./autoModeIngressClassArgs";
import { isDeferred, pendingChecks, splitPending } from "../app/ingressAppInputs";
import { isPlainObject } from "../common/json";
import { labelMap } from "../common/kubernetesNames";
import { type Check, Problems, checkKnownKeys, dns1123Subdomain, isBoolean, oneOf, show } from "../common/validation";

/** `spec.subnets.ids` items of IngressClassParams (`elbv2.k8s.aws/v1beta1` CRD pattern `subnet-[0-9a-f]+`). */
const SUBNET_ID = /^subnet-[0-9a-f]+$/;
/** ELBv2 `LoadBalancerAttribute`: `Key` at most 256 characters of `^[a-zA-Z0-9._]+$`, `Value` at most 1024. */
const LB_ATTRIBUTE_KEY = /^[a-zA-Z0-9._]{1,256}$/;

/** `check` for a value known now; a value known only at deploy time passes until then. */
const whenKnown =
    (check: Check): Check =>
    (v) =>
        isDeferred(v) ? undefined : check(v);

/** Checks a list argument whose items `item` judges; the list itself may be known only at deploy time. */
function checkList(problems: Problems, arg: string, value: unknown, min: number, what: string, item: Check): void {
    if (value === undefined || isDeferred(value)) return;
    if (!Array.isArray(value) || value.length < min) {
        problems.add(arg, `must be a list of at least ${min} ${what}, got ${show(value)}`);
        return;
    }
    value.forEach((v: unknown, i) => problems.check(`${arg}[${i}]`, v, whenKnown(item)));
}

/** Checks the arguments (an input's unknown parts are `DEFERRED`), recording every problem. */
function checkArgs(name: string, args: Record<string, unknown>, problems: Problems): void {
    checkKnownKeys(problems, args, AUTO_MODE_ARGUMENT_NAMES);
    problems.check("ingressClassName", args.ingressClassName ?? name, dns1123Subdomain);
    problems.checkIfSet("isDefault", args.isDefault, isBoolean);
    problems.checkIfSet("scheme", args.scheme, (v) => oneOf(v, Object.values(Scheme)));
    problems.checkIfSet("ipAddressType", args.ipAddressType, (v) => oneOf(v, Object.values(AutoModeIpAddressType)));
    if (args.group !== undefined) {
        const g = args.group;
        if (!isPlainObject(g)) problems.add("group", `must be { name }, got ${show(g)}`);
        else {
            checkKnownKeys(problems, g, ["name"], "group.");
            problems.check("group.name", g.name, (v) =>
                typeof v === "string" ? groupNameProblem(v) : `must be a string, got ${show(v)}`,
            );
        }
    }
    checkList(problems, "certificateArns", args.certificateArns, 1, "ACM certificate ARNs", (v) =>
        typeof v === "string" ? certificateArnProblem(v) : `must be an ARN, got ${show(v)}`,
    );
    checkList(problems, "subnetIds", args.subnetIds, 2, "subnet IDs (an ALB spans two Availability Zones)", (v) =>
        typeof v === "string" && SUBNET_ID.test(v)
            ? undefined
            : `must be a subnet ID such as "subnet-0abc12", got ${show(v)}`,
    );
    if (args.tags !== undefined) {
        if (!isPlainObject(args.tags))
            problems.add("tags", `must be a map of tag keys to values, got ${show(args.tags)}`);
        else
            for (const [key, value] of Object.entries(args.tags)) {
                problems.check(`tags["${key}"]`, isDeferred(value) ? "" : value, (v) =>
                    typeof v === "string" ? tagProblem(key, v) : `must be a string, got ${show(v)}`,
                );
            }
    }
    if (args.loadBalancerAttributes !== undefined) {
        const attrs = args.loadBalancerAttributes;
        if (!isPlainObject(attrs))
            problems.add("loadBalancerAttributes", `must be a map of attribute keys to values, got ${show(attrs)}`);
        else
            for (const [key, value] of Object.entries(attrs)) {
                problems.check(`loadBalancerAttributes["${key}"]`, value, (v) =>
                    LB_ATTRIBUTE_KEY.test(key) && typeof v === "string" && v.length <= 1024
                        ? undefined
                        : `must map an ALB attribute key (letters, digits, "." and "_") to a string of at most 1024 characters, such as "idle_timeout.timeout_seconds": "60"; got ${show(v)}`,
                );
            }
    }
    if (args.namespaceSelector !== undefined) {
        const sel = args.namespaceSelector;
        if (!isPlainObject(sel)) problems.add("namespaceSelector", `must be { matchLabels }, got ${show(sel)}`);
        else {
            checkKnownKeys(problems, sel, ["matchLabels"], "namespaceSelector.");
            problems.check("namespaceSelector.matchLabels", sel.matchLabels, labelMap);
        }
    }
}

/**
 * Checks every argument of an {@link AutoModeIngressClass} and fills in the defaults; throws an
 * `InvalidArgumentsError` listing every problem of the values known now. Inputs that are Outputs are checked when
 * they resolve: `deployTimeChecks` then throws the same error.
 */
export function resolveAutoModeIngressClassArgs(
    name: string,
    args: AutoModeIngressClassArgs | undefined,
): ResolvedAutoModeIngressClassArgs {
    const problems = new Problems();
    const input = (args ?? {}) as unknown as Record<string, unknown>;
    if (!isPlainObject(input)) {
        problems.add("args", `must be an object, got ${show(args)}`);
        problems.throwIfAny("AutoModeIngressClass", name);
    }
    const { pending, now } = splitPending(input, AUTO_MODE_INPUT_ARGUMENTS);
    checkArgs(name, now, problems);
    problems.throwIfAny("AutoModeIngressClass", name);
    const deployTimeChecks = pendingChecks("AutoModeIngressClass", name, input, pending, (values, later) =>
        checkArgs(name, values, later),
    );
    const a = args ?? {};
    return {
        ingressClassName: a.ingressClassName ?? name,
        isDefault: a.isDefault ?? false,
        scheme: a.scheme,
        group: a.group,
        certificateArns: a.certificateArns,
        subnetIds: a.subnetIds,
        ipAddressType: a.ipAddressType,
        tags: a.tags ?? {},
        loadBalancerAttributes: a.loadBalancerAttributes ?? {},
        namespaceSelector: a.namespaceSelector,
        deployTimeChecks,
    };
}
