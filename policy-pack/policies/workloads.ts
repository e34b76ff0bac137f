/** Policies over the containers of workloads: pinned images, resources, probes, security context, replicas. */
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { arr, configOf, forTypes, get, isObj, str, type Obj } from "./util";

export const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
export const WORKLOAD_TYPES = [
    DEPLOYMENT,
    "kubernetes:apps/v1:StatefulSet",
    "kubernetes:apps/v1:DaemonSet",
    "kubernetes:core/v1:Pod",
];

/** The pod spec of a workload's props (`spec` of a Pod, `spec.template.spec` of the others). */
const podSpecOf = (args: ResourceValidationArgs): Obj => {
    const spec =
        args.type === "kubernetes:core/v1:Pod" ? get(args.props, "spec") : get(args.props, "spec", "template", "spec");
    return isObj(spec) ? spec : {};
};

interface Container {
    readonly label: string;
    readonly c: Obj;
}

/** Containers (and, with `init`, init containers) with a label for messages. */
function containersOf(args: ResourceValidationArgs, init = false): Container[] {
    const spec = podSpecOf(args);
    const list = (key: string, what: string) =>
        arr(spec[key])
            .filter(isObj)
            .map((c, i) => ({ label: `${what} ${str(c.name) ?? `#${i}`}`, c }));
    return [...list("containers", "container"), ...(init ? list("initContainers", "init container") : [])];
}

/** The tag of an image reference, `undefined` when there is none; `digest` when pinned by digest. */
export function imagePin(image: string): { tag?: string; digest: boolean } {
    const digest = image.includes("@");
    const last = image.split("@")[0].split("/").pop() ?? "";
    const at = last.lastIndexOf(":");
    return { tag: at >= 0 ? last.slice(at + 1) : undefined, digest };
}

export const workloadImagePinned: ResourceValidationPolicy = {
    name: "workload-image-pinned",
    url: "https://kubernetes.io/docs/concepts/containers/images/#image-names",
    description:
        "Container images are pinned by a tag other than latest, or by a digest. A floating tag makes rollouts unreproducible and lets nodes run different code.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: forTypes(WORKLOAD_TYPES, (args, report) => {
        for (const { label, c } of containersOf(args, true)) {
            const image = str(c.image);
            if (image === undefined) continue; // unknown during preview
            const { tag, digest } = imagePin(image);
            if (!digest && (tag === undefined || tag === "latest")) {
                report(
                    `${label} uses image ${image}${tag ? "" : " (implicitly :latest)"}; pin it to a version tag or an @sha256 digest.`,
                );
            }
        }
    }),
};

export const workloadResources: ResourceValidationPolicy = {
    name: "workload-resources",
    url: "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/",
    description:
        "Containers set CPU and memory requests and a memory limit, so that the scheduler places them and a leak cannot exhaust the node.",
    enforcementLevel: "advisory",
    severity: "medium",
    validateResource: forTypes(WORKLOAD_TYPES, (args, report) => {
        for (const { label, c } of containersOf(args)) {
            const missing = [
                ["requests", "cpu"],
                ["requests", "memory"],
                ["limits", "memory"],
            ]
                .filter(([part, res]) => get(c, "resources", part, res) === undefined)
                .map(([part, res]) => `resources.${part}.${res}`);
            if (missing.length > 0) {
                report(`${label} does not set ${missing.join(", ")}; set them.`);
            }
        }
    }),
};

export const workloadProbes: ResourceValidationPolicy = {
    name: "workload-probes",
    url: "https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/",
    description:
        "Containers have a readiness probe. Without one, a pod receives traffic (and the ALB registers it as a target) before it can serve.",
    enforcementLevel: "advisory",
    severity: "medium",
    validateResource: forTypes(WORKLOAD_TYPES, (args, report) => {
        for (const { label, c } of containersOf(args)) {
            if (!isObj(c.readinessProbe)) {
                report(`${label} has no readinessProbe; add one (e.g. httpGet on the health-check path).`);
            }
        }
    }),
};

export const workloadSecurityContext: ResourceValidationPolicy = {
    name: "workload-security-context",
    url: "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
    description:
        "Containers run as a non-root user, without privilege escalation and unprivileged. Set runAsNonRoot (or a non-zero runAsUser) on the pod or container, and allowPrivilegeEscalation: false on the container.",
    enforcementLevel: "advisory",
    severity: "medium",
    validateResource: forTypes(WORKLOAD_TYPES, (args, report) => {
        const pod = get(podSpecOf(args), "securityContext");
        for (const { label, c } of containersOf(args, true)) {
            const sc = c.securityContext;
            const runAsNonRoot = get(sc, "runAsNonRoot") ?? get(pod, "runAsNonRoot");
            const runAsUser = get(sc, "runAsUser") ?? get(pod, "runAsUser");
            const nonRoot = runAsNonRoot === true || (typeof runAsUser === "number" && runAsUser > 0);
            if (!nonRoot || runAsUser === 0) {
                report(
                    `${label} may run as root; set securityContext.runAsNonRoot: true (with a non-root image user).`,
                );
            }
            if (get(sc, "allowPrivilegeEscalation") !== false) {
                report(`${label} allows privilege escalation; set securityContext.allowPrivilegeEscalation: false.`);
            }
            if (get(sc, "privileged") === true) {
                report(`${label} is privileged; remove securityContext.privileged.`);
            }
        }
    }),
};

export const workloadMinReplicas: ResourceValidationPolicy = {
    name: "workload-min-replicas",
    url: "https://kubernetes.io/docs/concepts/workloads/pods/disruptions/",
    description:
        "Deployments run at least the configured number of replicas (2 by default), so that a node drain or a rollout does not take the application down.",
    enforcementLevel: "advisory",
    severity: "low",
    configSchema: {
        properties: {
            minReplicas: { type: "integer", minimum: 1, default: 2, description: "The fewest replicas allowed." },
        },
    },
    validateResource: forTypes([DEPLOYMENT], (args, report) => {
        const { minReplicas } = configOf(args, { minReplicas: 2 });
        const replicas = get(args.props, "spec", "replicas") ?? 1; // the Kubernetes default
        if (typeof replicas === "number" && replicas < minReplicas) {
            report(`Deployment runs ${replicas} replica(s); set spec.replicas to at least ${minReplicas}.`);
        }
    }),
};

export const workloadPolicies: ResourceValidationPolicy[] = [
    workloadImagePinned,
    workloadResources,
    workloadProbes,
    workloadSecurityContext,
    workloadMinReplicas,
];
