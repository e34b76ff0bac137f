/** Resource-option plumbing shared by the components. */
import * as pulumi from "@pulumi/pulumi";

/**
 * The component's own `dependsOn`, as a list children can add to theirs. Pulumi does not make a component's
 * children wait for what the component depends on, so the components pass it on to the children that matter.
 */
export function componentDependencies(
    opts: pulumi.ComponentResourceOptions | undefined,
): pulumi.Input<pulumi.Resource>[] {
    const deps = opts?.dependsOn;
    if (deps === undefined) return [];
    if (Array.isArray(deps)) return deps;
    return [deps as pulumi.Input<pulumi.Resource>];
}
