/**
 * The ids the real providers give the resources this project creates. They matter across runs: an `import`
 * option is compared with the id in state (pulumi/pulumi step_generator.go `isImport`), so a made-up id would turn
 * every adoption into an import-replacement.
 */
import { kubernetesKind } from "./replaceRules";

/** The provider's id for a new resource, or `undefined` when the world keeps the mock's `<name>-id`. */
export function providerId(
    type: string,
    inputs: Record<string, any>,
    outputs: Record<string, any>,
): string | undefined {
    switch (type) {
        // terraform-provider-aws openid_connect_provider.go and policy.go Create: d.SetId(<ARN>)
        case "aws:iam/openIdConnectProvider:OpenIdConnectProvider":
        case "aws:iam/policy:Policy":
            return typeof outputs.arn === "string" ? outputs.arn : undefined;
        // role.go Create: d.SetId(<role name>)
        case "aws:iam/role:Role":
            return typeof outputs.name === "string" ? outputs.name : undefined;
        // pulumi-kubernetes helm_release.go Create: fqName(namespace, name)
        case "kubernetes:helm.sh/v3:Release":
            return `${outputs.namespace ?? inputs.namespace ?? "default"}/${outputs.name ?? inputs.name}`;
    }
    const k8s = kubernetesKind(type);
    if (k8s) {
        // pulumi-kubernetes provider.go Create: fqObjName (namespace/name, or name without a namespace)
        const m = outputs.metadata ?? inputs.metadata ?? {};
        return m.namespace ? `${m.namespace}/${m.name}` : m.name;
    }
    return undefined;
}
