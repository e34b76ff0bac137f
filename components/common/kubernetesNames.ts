/**
 * The Kubernetes API server's rules for names, label keys and values and port names, from kubernetes/kubernetes:
 * `staging/src/k8s.io/apimachinery/pkg/api/validate/content/kube.go` (IsLabelKey = IsQualifiedName, IsLabelValue)
 * and `staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go` (IsDNS1123Label, IsDNS1123Subdomain,
 * IsDNS1035Label, IsValidPortName). Used by the components' argument checks and by the offline plan, which checks
 * every object it writes (plan/apiServer.ts).
 */
import { isPlainObject } from "./json";

const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** A rule: the problem with a string, or `undefined`. */
export type NameCheck = (value: string) => string | undefined;

export const isDns1123Label: NameCheck = (v) =>
    v.length <= 63 && DNS1123_LABEL.test(v)
        ? undefined
        : "must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters";
export const isDns1123Subdomain: NameCheck = (v) =>
    v.length <= 253 && DNS1123_SUBDOMAIN.test(v)
        ? undefined
        : "must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters";
export const isDns1035Label: NameCheck = (v) =>
    v.length <= 63 && DNS1035_LABEL.test(v)
        ? undefined
        : "must be a DNS-1035 label: lowercase letters, digits and '-', starting with a letter and ending with a letter or digit, at most 63 characters";

/** IsLabelKey: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 characters. */
export const isLabelKey: NameCheck = (key) => {
    const parts = key.split("/");
    if (parts.length > 2) return "must be a name with an optional DNS subdomain prefix and one '/'";
    const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
    if (prefix !== undefined && (prefix === "" || isDns1123Subdomain(prefix))) {
        return "must have a DNS-1123 subdomain before its '/'";
    }
    return name.length > 0 && name.length <= 63 && LABEL_NAME.test(name)
        ? undefined
        : "must have a name part of at most 63 alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character";
};

/** IsLabelValue: empty, or at most 63 alphanumeric characters, '-', '_' or '.', alphanumeric at both ends. */
export const isLabelValue: NameCheck = (value) =>
    value.length <= 63 && LABEL_VALUE.test(value)
        ? undefined
        : "must be empty or at most 63 alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character";

/** IsValidPortName: an IANA service name, 1 to 15 of [-a-z0-9] with a letter, no leading, trailing or double '-'. */
export const isPortName: NameCheck = (v) =>
    v.length >= 1 &&
    v.length <= 15 &&
    /^[-a-z0-9]+$/.test(v) &&
    /[a-z]/.test(v) &&
    !v.includes("--") &&
    !/^-|-$/.test(v)
        ? undefined
        : "must be an IANA service name: 1 to 15 lowercase letters, digits and '-', with a letter, no '-' at either end and no '--'";

/**
 * Problem with a map of labels (ValidateLabels: keys are label keys, values label values), as pods' nodeSelector
 * and every object's labels must be, or `undefined`.
 */
export function labelMap(value: unknown): string | undefined {
    if (!isPlainObject(value)) return `must be a map of label keys to label values, got ${show(value)}`;
    for (const [k, v] of Object.entries(value)) {
        const keyProblem = isLabelKey(k);
        if (keyProblem) return `has the key ${show(k)}, which ${keyProblem}`;
        if (typeof v !== "string") return `must map ${show(k)} to a string, got ${show(v)}`;
        const valueProblem = isLabelValue(v);
        if (valueProblem) return `maps ${show(k)} to ${show(v)}, which ${valueProblem}`;
    }
    return undefined;
}
