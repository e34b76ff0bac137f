/** Stack files of small test stacks, as the plan's `loadStackFiles` would read them from a `Pulumi.<stack>.yaml`. */
import type { StackFiles } from "../../plan/stackFiles";

/** The project name of the repository's `Pulumi.yaml` (the prefix of its config keys). */
export const PROJECT = "eks-alb-ingress";

/** The app of a small stack: one ip-target app. */
export const WEB_APP = { name: "web", image: "public.ecr.aws/nginx/nginx:1.27", containerPort: 80, targetType: "ip" };

/**
 * A small stack `test` on the existing cluster "demo" in us-west-2: the controller v3.5.0 with IRSA (plus
 * `controller`), `apps` (default: {@link WEB_APP}) and any `config` of the project's own keys (e.g. `adopt`, as JSON).
 */
export function smallStack(
    opts: { controller?: Record<string, unknown>; apps?: unknown[]; config?: Record<string, string> } = {},
): StackFiles {
    const own = Object.fromEntries(Object.entries(opts.config ?? {}).map(([k, v]) => [`${PROJECT}:${k}`, v]));
    return {
        project: PROJECT,
        stack: "test",
        file: "Pulumi.test.yaml",
        values: {},
        secureKeys: [],
        config: {
            "aws:region": "us-west-2",
            [`${PROJECT}:clusterName`]: "demo",
            [`${PROJECT}:controller`]: JSON.stringify({ version: "v3.5.0", identity: "irsa", ...opts.controller }),
            [`${PROJECT}:apps`]: JSON.stringify(opts.apps ?? [WEB_APP]),
            ...own,
        },
    };
}
