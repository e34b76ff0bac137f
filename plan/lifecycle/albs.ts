/**
 * Which ALB an Ingress gets, as the AWS Load Balancer Controller decides it, so a migration can tell whether the
 * runbook's ALBs (and their DNS names) survive. From kubernetes-sigs/aws-load-balancer-controller:
 * - pkg/deploy/tracking/provider.go: every ALB is tagged `elbv2.k8s.aws/cluster: <cluster>`,
 *   `ingress.k8s.aws/stack: <stack id>` and `ingress.k8s.aws/resource: LoadBalancer`; the stack id is the group
 *   name of an explicit IngressGroup, else `<namespace>/<ingress name>`;
 * - pkg/ingress/model_build_load_balancer.go `buildLoadBalancerScheme`: an ALB's scheme is the one its members'
 *   `scheme` annotations state (members without it do not count; different ones are a "conflicting scheme" error),
 *   else the controller's default, internal;
 * - pkg/deploy/elbv2/load_balancer_synthesizer.go: `findSDKLoadBalancers` lists the ALBs by those tags and
 *   `matchResAndSDKLoadBalancers` keeps (updates) the one found, unless `isSDKLoadBalancerRequiresReplacement` (type
 *   or scheme differ): then it deletes it and creates a new one;
 * - pkg/ingress/group_loader.go: an Ingress that leaves a group (another group, or deleted) is an inactive member,
 *   and a group with no active member has its ALB deleted.
 */
import { kubernetesKind } from "./replaceRules";
import type { World } from "./world";

const PREFIX = "alb.ingress.kubernetes.io/";

/** The ALB an Ingress belongs to: its `ingress.k8s.aws/stack` tag value, and the scheme the Ingress states. */
export interface AlbIdentity {
    readonly stack: string;
    /** The `scheme` annotation, when the Ingress has one. */
    readonly scheme?: string;
}

/** The identity of the ALB of an Ingress object (annotations as the controller reads them). */
export function albOf(ingress: Record<string, any>): AlbIdentity {
    const metadata = ingress.metadata ?? {};
    const annotations: Record<string, string> = metadata.annotations ?? {};
    const group = annotations[`${PREFIX}group.name`];
    const scheme = annotations[`${PREFIX}scheme`];
    return { stack: group ?? `${metadata.namespace ?? "default"}/${metadata.name}`, ...(scheme ? { scheme } : {}) };
}

/** The scheme of each ALB of `ingresses`, by stack: the one a member states, else internal (see above). */
function albSchemes(ingresses: readonly Record<string, any>[]): Map<string, string> {
    const stated = new Map<string, string>();
    const stacks = new Set<string>();
    for (const { stack, scheme } of ingresses.map(albOf)) {
        stacks.add(stack);
        if (scheme) stated.set(stack, scheme);
    }
    return new Map([...stacks].map((stack) => [stack, stated.get(stack) ?? "internal"]));
}

/** What happens to one existing ALB. */
export interface AlbFate {
    readonly stack: string;
    readonly fate: "kept" | "replaced" | "deleted";
    readonly reason: string;
}

/** What happens to each ALB of `before` (Ingress objects) when the cluster holds the Ingresses `after`. */
export function albFates(before: readonly Record<string, any>[], after: readonly Record<string, any>[]): AlbFate[] {
    const now = albSchemes(after);
    return [...albSchemes(before)].map(([stack, scheme]) => {
        const next = now.get(stack);
        if (next === undefined) {
            return {
                stack,
                fate: "deleted",
                reason: `no Ingress of stack ${stack} remains: the controller deletes its ALB; a new Ingress gets a new ALB (a new DNS name)`,
            };
        }
        if (next !== scheme) {
            return {
                stack,
                fate: "replaced",
                reason: `scheme ${scheme} becomes ${next}: the controller replaces the ALB (a new DNS name)`,
            };
        }
        return { stack, fate: "kept", reason: "found by its tags and updated in place (same DNS name)" };
    });
}

/** Every Ingress object the cluster holds in `world`: the stack's and everyone else's. */
export function ingressesOf(world: World): Record<string, any>[] {
    const isIngress = (type: string) => kubernetesKind(type)?.kind === "Ingress";
    const inState = [...world.state.values()].filter((r) => isIngress(r.type)).map((r) => r.inputs);
    const outside = [...world.external.kubernetes.entries()]
        .filter(([key]) => key.split("/").slice(-3)[0] === "Ingress")
        .map(([, object]) => object);
    return [...inState, ...outside];
}
