/**
 * Shared helpers of the policies: tolerant readers of props (which may hold unknowns during preview or any
 * shape at all), config with defaults and type matching. The controller's readings are in controller.ts and
 * albModel.ts.
 */
import type { ResourceValidationArgs, ReportViolation, ResourceValidationPolicy } from "@pulumi/policy";
import { ALB_PREFIX } from "eks-alb-ingress-rules";

export { ALB_PREFIX };

/** A JSON object. */
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** The value at `path` below `v`, or `undefined` when any step is missing or not an object/array. */
export function get(v: unknown, ...path: (string | number)[]): unknown {
    let cur: unknown = v;
    for (const key of path) {
        if (cur === null || typeof cur !== "object") {
            return undefined;
        }
        cur = (cur as Obj)[key as string];
    }
    return cur;
}

/** `v` when it is a string, else `undefined`. */
export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** `v` when it is an array, else `[]`. */
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** `v` as a list of strings (a single string becomes a one-item list; other items are dropped). */
export const strings = (v: unknown): string[] =>
    typeof v === "string" ? [v] : arr(v).filter((x): x is string => typeof x === "string");

/** The Ingress types the engine may see. */
export const INGRESS_TYPES = [
    "kubernetes:networking.k8s.io/v1:Ingress",
    "kubernetes:networking.k8s.io/v1beta1:Ingress",
    "kubernetes:extensions/v1beta1:Ingress",
];
export const SERVICE_TYPE = "kubernetes:core/v1:Service";
export const RELEASE_TYPE = "kubernetes:helm.sh/v3:Release";
export const CONTROLLER_CHART = "aws-load-balancer-controller";

/** The pack config of a policy merged over its defaults (the engine fills schema defaults; tests may not). */
export function configOf<T extends object>(args: { getConfig<C extends object>(): C }, defaults: T): T {
    const given = (args.getConfig<Partial<T>>() ?? {}) as Obj;
    const out: Obj = { ...(defaults as Obj) };
    for (const [k, v] of Object.entries(given)) {
        if (v !== undefined) out[k] = v;
    }
    return out as T;
}

type Validate = (args: ResourceValidationArgs, report: ReportViolation) => void | Promise<void>;

/** A validation that runs only for the given type strings and is not applicable to the others. */
export function forTypes(types: readonly string[], validate: Validate): Validate {
    return (args, report) => {
        if (!types.includes(args.type)) {
            args.notApplicable(`only applies to ${types.join(", ")}`);
        }
        return validate(args, report);
    };
}

/** Builds a resource policy (keeps the modules short and uniform). */
export const resourcePolicy = (p: ResourceValidationPolicy): ResourceValidationPolicy => p;

/** The annotations of a Kubernetes object's props. */
export function annotationsOf(props: unknown): Obj {
    const a = get(props, "metadata", "annotations");
    return isObj(a) ? a : {};
}

/** The value of `alb.ingress.kubernetes.io/<suffix>` when it is a string. */
export const albAnnotation = (props: unknown, suffix: string): string | undefined =>
    str(annotationsOf(props)[`${ALB_PREFIX}${suffix}`]);

/** Ingress class names that mean the ALB, configurable by each Ingress policy. */
export const ingressClassSchema = {
    albIngressClasses: {
        type: "array" as const,
        items: { type: "string" as const },
        default: ["alb"],
        description: "Ingress class names served by the AWS Load Balancer Controller.",
    },
};
