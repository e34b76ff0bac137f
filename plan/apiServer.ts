/**
 * What the Kubernetes API server validates and the OpenAPI schemas do not: names, label keys and values,
 * annotations and their total size, container and port names, Ingress hosts and paths. Each rule is the API
 * server's own, from kubernetes/kubernetes:
 * - `staging/src/k8s.io/apimachinery/pkg/api/validate/content/kube.go`: IsLabelKey (= IsQualifiedName),
 *   IsLabelValue;
 * - `staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go`: IsDNS1123Label, IsDNS1123Subdomain,
 *   IsDNS1035Label, IsWildcardDNS1123Subdomain, IsValidPortName;
 * - `staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go`: ValidateAnnotations (qualified keys,
 *   TotalAnnotationSizeLimitB = 256 KiB), ValidateObjectMeta (namespace is a DNS-1123 label);
 * - `pkg/apis/core/validation/validation.go`: ValidateNamespaceName (DNS-1123 label), ValidateServiceName
 *   (DNS-1035 label), validateContainers (DNS-1123 label), validateContainerPorts (IsValidPortName),
 *   ValidatePodSpec (nodeSelector as labels), validateServicePort;
 * - `pkg/apis/networking/validation/validation.go`: validateIngressRules (host), validateHTTPIngressRuleValue
 *   (absolute paths without `//`, `/./`, `/../`, `%2f`), validateIngressBackend (service name, port name);
 * - `pkg/apis/rbac/validation/validation.go`: ValidateRBACName (a path segment name).
 * Names of other kinds, custom resources included, are DNS-1123 subdomains (NameIsDNSSubdomain).
 * Gateway API objects: the CEL rules (`x-kubernetes-validations`) of the v1.6.0 standard CRDs that the API server
 * evaluates and the schema check (plan/crdSchema.ts) does not — `gateway.networking.k8s.io_gateways.yaml`
 * `spec.listeners` (tls only where the protocol takes it, HTTPS `tls.mode` Terminate, Terminate with
 * certificateRefs or options, TLS with a mode, no hostname for TCP/UDP, port+protocol+hostname unique) and
 * `gateway.networking.k8s.io_httproutes.yaml` backendRefs ("Must have port for Service reference"; a
 * RequestRedirect filter "must not be used together with backendRefs").
 */
import {
    type NameCheck,
    isDns1035Label,
    isDns1123Label,
    isDns1123Subdomain,
    isLabelKey,
    isLabelValue,
    isPortName,
} from "../components/common/kubernetesNames";
import type { KubernetesObject } from "./validate";

export { isLabelKey, isPortName };

/** ValidateAnnotations: the keys and values of one object's annotations, added up. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

type Check = NameCheck;

/** ValidateRBACName: a path segment name. */
const isPathSegmentName: Check = (v) =>
    v !== "." && v !== ".." && !/[/%]/.test(v) ? undefined : "may not be '.' or '..' nor contain '/' or '%'";

/** The name rule of each kind the API server checks differently from the DNS-1123 subdomain default. */
const NAME_RULES: Record<string, Check> = {
    Namespace: isDns1123Label,
    Service: isDns1035Label,
    ClusterRole: isPathSegmentName,
    ClusterRoleBinding: isPathSegmentName,
    Role: isPathSegmentName,
    RoleBinding: isPathSegmentName,
};

type Problems = string[];
type Obj = Record<string, unknown>;

const asObject = (v: unknown): Obj | undefined =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : undefined;
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function check(out: Problems, path: string, value: unknown, rule: Check): void {
    if (typeof value !== "string" || value === "") return; // wrong types are the schema's; "" is "not set"
    const problem = rule(value);
    if (problem) out.push(`${path} ${JSON.stringify(value)} ${problem}`);
}

function labels(out: Problems, path: string, map: unknown): void {
    for (const [k, v] of Object.entries(asObject(map) ?? {})) {
        check(out, `${path} key`, k, isLabelKey);
        check(out, `${path}[${JSON.stringify(k)}]`, v, isLabelValue);
    }
}

function annotations(out: Problems, map: unknown): void {
    let size = 0;
    for (const [k, v] of Object.entries(asObject(map) ?? {})) {
        check(out, "metadata.annotations key", k.toLowerCase(), isLabelKey);
        size += k.length + (typeof v === "string" ? Buffer.byteLength(v) : 0);
    }
    if (size > TOTAL_ANNOTATION_SIZE_LIMIT) {
        out.push(`metadata.annotations total ${size} bytes, more than the API server's limit of 256 KiB`);
    }
}

function podSpec(out: Problems, path: string, spec: Obj | undefined): void {
    if (!spec) return;
    labels(out, `${path}.nodeSelector`, spec.nodeSelector);
    for (const field of ["initContainers", "containers"]) {
        asArray(spec[field]).forEach((c, i) => {
            const container = asObject(c) ?? {};
            check(out, `${path}.${field}[${i}].name`, container.name, isDns1123Label);
            asArray(container.ports).forEach((p, j) =>
                check(out, `${path}.${field}[${i}].ports[${j}].name`, asObject(p)?.name, isPortName),
            );
        });
    }
}

/** Ingress paths of type Prefix or Exact: absolute, without the sequences the API server refuses. */
function ingressPath(out: Problems, path: string, value: unknown, pathType: unknown): void {
    if (typeof value !== "string" || (pathType !== "Prefix" && pathType !== "Exact")) return;
    if (!value.startsWith("/")) out.push(`${path} ${JSON.stringify(value)} must be an absolute path`);
    for (const bad of ["//", "/./", "/../", "%2f", "%2F"]) {
        if (value.includes(bad)) out.push(`${path} ${JSON.stringify(value)} must not contain '${bad}'`);
    }
    for (const bad of ["/..", "/."]) {
        if (value.endsWith(bad)) out.push(`${path} ${JSON.stringify(value)} must not end with '${bad}'`);
    }
}

function ingress(out: Problems, spec: Obj | undefined): void {
    asArray(spec?.rules).forEach((r, i) => {
        const rule = asObject(r) ?? {};
        const host = rule.host;
        if (typeof host === "string") {
            const wildcard = host.startsWith("*.");
            check(out, `spec.rules[${i}].host`, wildcard ? host.slice(2) : host, isDns1123Subdomain);
            if (/^[0-9.]+$/.test(host) || host.includes(":")) {
                out.push(`spec.rules[${i}].host ${JSON.stringify(host)} must be a DNS name, not an IP address`);
            }
        }
        asArray(asObject(rule.http)?.paths).forEach((p, j) => {
            const entry = asObject(p) ?? {};
            ingressPath(out, `spec.rules[${i}].http.paths[${j}].path`, entry.path, entry.pathType);
            const service = asObject(asObject(entry.backend)?.service);
            check(out, `spec.rules[${i}].http.paths[${j}].backend.service.name`, service?.name, isDns1035Label);
            check(
                out,
                `spec.rules[${i}].http.paths[${j}].backend.service.port.name`,
                asObject(service?.port)?.name,
                isPortName,
            );
        });
    });
}

/** The CEL rules of a Gateway's `spec.listeners`. */
function gatewayListeners(out: Problems, spec: Obj | undefined): void {
    const listeners = asArray(spec?.listeners).map((l) => asObject(l) ?? {});
    const combos = new Map<string, number>();
    listeners.forEach((l, i) => {
        const at = `spec.listeners[${i}]`;
        const tls = asObject(l.tls);
        // `tls.mode` has `default: Terminate` in the CRD schema: the API server defaults it before the CEL rules run.
        const mode = tls ? (tls.mode ?? "Terminate") : "";
        if (["HTTP", "TCP", "UDP"].includes(String(l.protocol)) && tls)
            out.push(`${at}.tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']`);
        if (l.protocol === "HTTPS" && tls && mode !== "" && mode !== "Terminate")
            out.push(`${at}.tls mode must be Terminate for protocol HTTPS`);
        if (tls && mode === "Terminate" && asArray(tls.certificateRefs).length === 0 && !asObject(tls.options))
            out.push(`${at}.tls certificateRefs or options must be specified when mode is Terminate`);
        if (l.protocol === "TLS" && (!tls || mode === "")) out.push(`${at}.tls mode must be set for protocol TLS`);
        if (["TCP", "UDP"].includes(String(l.protocol)) && l.hostname)
            out.push(`${at}.hostname must not be specified for protocols ['TCP', 'UDP']`);
        const combo = JSON.stringify([l.port, l.protocol, l.hostname ?? ""]);
        const first = combos.get(combo);
        if (first !== undefined)
            out.push(
                `${at}: combination of port, protocol and hostname must be unique for each listener (as spec.listeners[${first}])`,
            );
        else combos.set(combo, i);
    });
}

/** A backendRef to a Service (core group, kind Service, the defaults) needs a port. */
function serviceBackendPort(out: Problems, path: string, ref: Obj): void {
    const core = (ref.group ?? "") === "" && (ref.kind ?? "Service") === "Service";
    if (core && ref.port === undefined) out.push(`${path} must have port for Service reference`);
}

/** The CEL rules of an HTTPRoute's rules that its objects can break. */
function httpRouteRules(out: Problems, spec: Obj | undefined): void {
    asArray(spec?.rules).forEach((r, i) => {
        const rule = asObject(r) ?? {};
        const backendRefs = asArray(rule.backendRefs);
        backendRefs.forEach((b, j) => serviceBackendPort(out, `spec.rules[${i}].backendRefs[${j}]`, asObject(b) ?? {}));
        const filters = asArray(rule.filters).map((f) => asObject(f) ?? {});
        filters.forEach((f, j) => {
            const mirror = asObject(asObject(f.requestMirror)?.backendRef);
            if (mirror) serviceBackendPort(out, `spec.rules[${i}].filters[${j}].requestMirror.backendRef`, mirror);
        });
        if (backendRefs.length > 0 && filters.some((f) => f.type === "RequestRedirect"))
            out.push(`spec.rules[${i}]: RequestRedirect filter must not be used together with backendRefs`);
    });
}

/**
 * The API server's problems with one object, each naming the field, the value and the rule; `[]` when it would
 * accept the object. Values unknown during the plan (not strings) are left to the schema check.
 */
export function apiServerProblems(object: KubernetesObject): string[] {
    const out: Problems = [];
    const metadata = asObject(object.metadata) ?? {};
    check(out, "metadata.name", metadata.name, NAME_RULES[object.kind] ?? isDns1123Subdomain);
    check(out, "metadata.namespace", metadata.namespace, isDns1123Label);
    labels(out, "metadata.labels", metadata.labels);
    annotations(out, metadata.annotations);
    const spec = asObject(object.spec);
    switch (object.kind) {
        case "Deployment":
        case "StatefulSet":
        case "DaemonSet":
        case "ReplicaSet": {
            labels(out, "spec.selector.matchLabels", asObject(spec?.selector)?.matchLabels);
            const template = asObject(spec?.template);
            labels(out, "spec.template.metadata.labels", asObject(template?.metadata)?.labels);
            podSpec(out, "spec.template.spec", asObject(template?.spec));
            break;
        }
        case "Pod":
            podSpec(out, "spec", spec);
            break;
        case "Service":
            labels(out, "spec.selector", spec?.selector);
            asArray(spec?.ports).forEach((p, i) => {
                const port = asObject(p) ?? {};
                check(out, `spec.ports[${i}].name`, port.name, isDns1123Label);
                check(out, `spec.ports[${i}].targetPort`, port.targetPort, isPortName);
            });
            break;
        case "Ingress":
            ingress(out, spec);
            break;
        case "Gateway":
            if (object.apiVersion.startsWith("gateway.networking.k8s.io/")) gatewayListeners(out, spec);
            break;
        case "HTTPRoute":
            if (object.apiVersion.startsWith("gateway.networking.k8s.io/")) httpRouteRules(out, spec);
            break;
    }
    return out;
}
