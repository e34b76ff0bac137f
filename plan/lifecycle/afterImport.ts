/**
 * What the engine does right after it imports a resource: since pulumi/pulumi v3.174.0 (#19339, "the engine can now
 * import and then update a resource in a single deployment") the import step only reads the resource, and
 * `continueStepsFromImport` (pkg/resource/deploy/step_generator.go) diffs the program's inputs against what was read,
 * as if that were the old state: no change, an update in place, or a replace — which the engine refuses for a
 * resource that still has an import id: "previously-imported resources that still specify an ID may not be
 * replaced; please remove the `import` declaration from your program" (a warning in preview, an error in `up`).
 *
 * For a Kubernetes object, what was read is the live object's input properties (pulumi-kubernetes
 * provider/pkg/provider/provider.go `Read` with `readFromCluster`): in the lifecycle world, the external object.
 */
import type { Recorded } from "../engine";
import { type Decision, decide } from "./diff";
import type { StateResource } from "./world";

/** The engine's message when the diff after an import needs a replace (step_generator.go). */
export const IMPORT_REPLACE_REFUSED =
    "previously-imported resources that still specify an ID may not be replaced; please remove the `import` declaration from your program";

/** The step that follows importing `next` whose provider read `read` (the object's inputs as they exist). */
export function afterImport(read: Record<string, unknown>, next: Recorded): Decision {
    const imported: StateResource = {
        urn: next.urn,
        type: next.type,
        name: next.name,
        id: next.options.importId,
        custom: next.custom,
        inputs: read,
        outputs: read,
        options: next.options,
        parent: next.parent,
        dependencies: next.dependencies,
        provider: next.provider,
    };
    const d = decide(imported, next, new Set());
    if (d.op !== "replace") return d;
    const keys = d.replaceKeys.join(", ");
    return { ...d, errors: [...d.errors, `${IMPORT_REPLACE_REFUSED} (${keys} differ)`] };
}
