/** Shared fixtures of the workload policy specs. */

/** A container every workload policy accepts: pinned image, requests and memory limit, readiness probe, non-root. */
export const GOOD_CONTAINER = {
    name: "web",
    image: "public.ecr.aws/nginx/nginx:1.27",
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
    readinessProbe: { httpGet: { path: "/", port: "http" } },
    securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false },
};
