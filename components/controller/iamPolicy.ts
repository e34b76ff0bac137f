/**
 * The controller's IAM policy: the upstream document of the selected release, rewritten for the partition
 * of the AWS provider in use, plus the caller's extra statements.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { stableStringify } from "../common/json";
import { childName } from "../common/naming";
import { PARTITIONS } from "./partitions";
import type { ControllerRelease, PolicyDocument, PolicyStatementDocument } from "./versions";

/** Effect of a policy statement. */
export const PolicyEffect = { Allow: "Allow", Deny: "Deny" } as const;
/** Effect of a policy statement. */
export type PolicyEffect = (typeof PolicyEffect)[keyof typeof PolicyEffect];

/** One condition of an extra policy statement, in the shape of `aws.iam.getPolicyDocument`. */
export interface PolicyConditionArgs {
    /** The condition operator, e.g. `StringEquals`, `ArnLike`, `Null`. */
    readonly test: string;
    /** The condition key, e.g. `aws:ResourceTag/elbv2.k8s.aws/cluster`. */
    readonly variable: string;
    /** The values compared with the key. */
    readonly values: string[];
}

/** An IAM statement appended to the upstream controller policy. */
export interface PolicyStatementArgs {
    /**
     * Statement id.
     * @default - none
     */
    readonly sid?: string;
    /**
     * Whether the statement allows or denies the actions.
     * @default "Allow"
     */
    readonly effect?: PolicyEffect;
    /** Actions, each `service:Action` (wildcards allowed), e.g. `wafv2:ListWebACLs`. */
    readonly actions: string[];
    /**
     * Resource ARNs the statement applies to.
     * @default ["*"]
     */
    readonly resources?: string[];
    /**
     * Conditions; several conditions on one operator are merged.
     * @default - none
     */
    readonly conditions?: PolicyConditionArgs[];
}

/** IAM's limit on the size of a managed policy document, in characters without whitespace. */
export const MANAGED_POLICY_MAX_CHARS = 6144;

/** Converts an extra statement to the IAM JSON form. */
export function statementDocument(s: PolicyStatementArgs): PolicyStatementDocument {
    const condition: Record<string, Record<string, string | string[]>> = {};
    for (const c of s.conditions ?? []) {
        condition[c.test] = { ...condition[c.test], [c.variable]: c.values.length === 1 ? c.values[0] : [...c.values] };
    }
    return {
        ...(s.sid === undefined ? {} : { Sid: s.sid }),
        Effect: s.effect ?? "Allow",
        Action: [...s.actions],
        Resource: s.resources === undefined ? "*" : [...s.resources],
        ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
    };
}

/**
 * Renders the controller policy of `release` for `partition`: every `arn:aws:` becomes `arn:<partition>:`,
 * actions that do not exist in the partition are dropped, and `extraStatements` are appended.
 */
export function renderControllerPolicy(
    release: ControllerRelease,
    partition: string,
    extraStatements: readonly PolicyStatementArgs[] = [],
): PolicyDocument {
    const omitted = PARTITIONS[partition];
    if (omitted === undefined) {
        throw new Error(
            `the AWS provider's partition is "${partition}"; supported: ${Object.keys(PARTITIONS).join(", ")}`,
        );
    }
    const rewritten = JSON.parse(
        JSON.stringify(release.policy).split('"arn:aws:').join(`"arn:${partition}:`),
    ) as PolicyDocument;
    const statements = rewritten.Statement.map((s) => {
        const actions = (typeof s.Action === "string" ? [s.Action] : s.Action).filter((a) => !omitted.includes(a));
        return { ...s, Action: actions };
    }).filter((s) => s.Action.length > 0);
    return { Version: "2012-10-17", Statement: [...statements, ...extraStatements.map(statementDocument)] };
}

/** Size of a policy as IAM counts it against {@link MANAGED_POLICY_MAX_CHARS}. */
export function policySize(doc: PolicyDocument): number {
    return JSON.stringify(doc).length;
}

/** What {@link createControllerPolicy} needs. */
export interface ControllerPolicyInputs {
    readonly release: ControllerRelease;
    readonly partition: pulumi.Input<string>;
    readonly extraStatements: readonly PolicyStatementArgs[];
    readonly tags: Record<string, string>;
}

/**
 * Creates the controller's managed policy. Its logical name never changes with the version, so an upgrade
 * updates the policy in place (a new default policy version) before the chart is upgraded.
 */
export function createControllerPolicy(
    name: string,
    inputs: ControllerPolicyInputs,
    opts: pulumi.CustomResourceOptions,
): aws.iam.Policy {
    const { release } = inputs;
    return new aws.iam.Policy(
        childName(name, "policy"),
        {
            // The description is immutable in IAM: it must not name the version, or every upgrade would replace
            // the policy instead of updating it. The version goes into a tag.
            description: "AWS Load Balancer Controller (upstream iam_policy.json), managed by eks-alb-ingress",
            policy: pulumi
                .output(inputs.partition)
                .apply((p) => stableStringify(renderControllerPolicy(release, p, inputs.extraStatements))),
            tags: { ...inputs.tags, "eks-alb-ingress/controller-version": release.controllerVersion },
        },
        opts,
    );
}
