/** Policies over IAM roles and policies: scoped IRSA trust, and no administrator wildcards. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { arr, forTypes, get, isObj, str, strings, type Obj } from "./util";

const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/policy:Policy";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const STS_AUDIENCE = "sts.amazonaws.com";

/** A policy document given as a JSON string or an object; `undefined` when unknown or malformed. */
export function parseDocument(doc: unknown): Obj | undefined {
    if (typeof doc === "string") {
        try {
            const parsed: unknown = JSON.parse(doc);
            return isObj(parsed) ? parsed : undefined;
        } catch {
            return undefined;
        }
    }
    return isObj(doc) ? doc : undefined;
}

/** The statements of a document (a single statement object counts as one). */
export const statementsOf = (doc: Obj | undefined): Obj[] =>
    (isObj(doc?.Statement) ? [doc.Statement] : arr(doc?.Statement)).filter(isObj);

const isAllow = (s: Obj) => s.Effect === "Allow";
const matches = (patterns: string[], action: string) =>
    patterns.some((p) =>
        new RegExp(
            `^${p
                .replace(/[.+^$()|[\]\\{}]/g, "\\$&")
                .replace(/\*/g, ".*")
                .replace(/\?/g, ".")}$`,
            "i",
        ).test(action),
    );

export const irsaTrustScoped: ResourceValidationPolicy = {
    name: "irsa-trust-scoped",
    url: "https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html",
    description:
        "An IAM role assumable with sts:AssumeRoleWithWebIdentity pins the token's :sub to one ServiceAccount and its :aud to sts.amazonaws.com with StringEquals, without wildcards. Otherwise any pod of the cluster (or any token of the issuer) can assume the role.",
    enforcementLevel: "mandatory",
    severity: "critical",
    validateResource: forTypes([ROLE], (args, report) => {
        const doc = parseDocument(args.props.assumeRolePolicy);
        if (doc === undefined) {
            args.notApplicable("assumeRolePolicy is unknown or not a policy document");
        }
        statementsOf(doc).forEach((s, i) => {
            if (!isAllow(s) || !matches(strings(s.Action), "sts:AssumeRoleWithWebIdentity")) return;
            const where = `assumeRolePolicy Statement[${i}]`;
            const equals = isObj(get(s, "Condition", "StringEquals"))
                ? (get(s, "Condition", "StringEquals") as Obj)
                : {};
            const conditions = isObj(s.Condition) ? s.Condition : {};
            for (const suffix of [":sub", ":aud"]) {
                const loose = Object.entries(conditions).filter(
                    ([op, c]) => op !== "StringEquals" && isObj(c) && Object.keys(c).some((k) => k.endsWith(suffix)),
                );
                for (const [op] of loose) {
                    report(`${where} tests ${suffix} with ${op}; use StringEquals with an exact value instead.`);
                }
                const key = Object.keys(equals).find((k) => k.endsWith(suffix));
                const values = key === undefined ? [] : strings(equals[key]);
                if (key === undefined || values.length === 0) {
                    report(
                        suffix === ":sub"
                            ? `${where} allows sts:AssumeRoleWithWebIdentity without a StringEquals condition on <issuer>:sub; pin it to system:serviceaccount:<namespace>:<serviceaccount>.`
                            : `${where} allows sts:AssumeRoleWithWebIdentity without a StringEquals condition on <issuer>:aud; pin it to ${STS_AUDIENCE}.`,
                    );
                } else if (values.some((v) => /[*?]/.test(v))) {
                    report(`${where} condition ${key} contains a wildcard; name exactly one value.`);
                } else if (suffix === ":aud" && values.some((v) => v !== STS_AUDIENCE)) {
                    report(`${where} condition ${key} must be ${STS_AUDIENCE}, got ${values.join(", ")}.`);
                }
            }
        });
    }),
};

const ADMIN_ARNS = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;

/** Messages for statements that allow every action on every resource. */
function adminStatements(doc: unknown, where: string): string[] {
    return statementsOf(parseDocument(doc)).flatMap((s, i) =>
        isAllow(s) && strings(s.Action).includes("*") && strings(s.Resource).includes("*")
            ? [
                  `${where} Statement[${i}] allows Action "*" on Resource "*" (administrator access); list the actions and resources the workload needs.`,
              ]
            : [],
    );
}

export const iamNoAdminWildcard: ResourceValidationPolicy = {
    name: "iam-no-admin-wildcard",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
    description:
        'No IAM policy, managed or inline, allows the action "*" on the resource "*". Roles do not attach AWS AdministratorAccess.',
    enforcementLevel: "mandatory",
    severity: "critical",
    validateResource: forTypes([ROLE, POLICY, ROLE_POLICY], (args, report) => {
        const problems =
            args.type === ROLE
                ? [
                      ...arr(args.props.inlinePolicies).flatMap((p, i) =>
                          adminStatements(
                              get(p, "policy"),
                              `inlinePolicies[${i}] (${str(get(p, "name")) ?? "unnamed"})`,
                          ),
                      ),
                      ...strings(args.props.managedPolicyArns)
                          .filter((a) => ADMIN_ARNS.test(a))
                          .map(
                              (a) => `managedPolicyArns attaches ${a}; attach a policy scoped to what the role needs.`,
                          ),
                  ]
                : adminStatements(args.props.policy, "policy");
        problems.forEach((m) => report(m));
    }),
};

export const iamPolicies: ResourceValidationPolicy[] = [irsaTrustScoped, iamNoAdminWildcard];
