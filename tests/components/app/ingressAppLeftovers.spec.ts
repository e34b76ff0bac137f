/**
 * How an IngressApp names what the AWS Load Balancer Controller would do with its Ingress: each problem of the
 * controller's rules is named after the argument that caused it (`host`, `path`, `inboundCidrs`, or the user's own
 * `annotations["…"]`), says whether the controller would reject the Ingress or ignore the setting, and cites the
 * controller's source. The exact messages are what a user reads in `pulumi up`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as assert from "assert";
import { IngressApp, InvalidArgumentsError, type IngressAppArgs } from "../../../components/index";
import { recorded, settle, valueOf } from "../../harness/mocks";

const A = (k: string) => `alb.ingress.kubernetes.io/${k}`;
const base = (o: Partial<IngressAppArgs> = {}): IngressAppArgs => ({
    image: "public.ecr.aws/nginx/nginx:1.27",
    containerPort: 80,
    targetType: "instance",
    ...o,
});
const REJECT = "the AWS Load Balancer Controller would reject the Ingress";
const IGNORE = "the controller would ignore it";

/** The problems the app's construction is refused with (nothing registered). */
async function refusal(args: Partial<IngressAppArgs>): Promise<readonly string[]> {
    let problems: readonly string[] = [];
    assert.throws(
        () => new IngressApp("web", base(args)),
        (e: unknown) => e instanceof InvalidArgumentsError && (problems = e.problems).length > 0,
    );
    await settle();
    assert.deepStrictEqual(recorded, []);
    return problems;
}

describe("IngressApp: the controller's rules, named after the app's arguments", () => {
    it("names the Ingress fields host and path by their arguments, without an annotation, as rejections", async () => {
        assert.deepStrictEqual(await refusal({ path: "/api/*" }), [
            '`path` must not contain "*" or "?" with pathType Prefix (use ImplementationSpecific for wildcards): ' +
                `${REJECT} (model_build_listener_rules.go buildPathPatterns)`,
        ]);
        assert.deepStrictEqual(await refusal({ host: `${"a".repeat(63)}.${"b".repeat(63)}.example.com` }), [
            `\`host\` must be at most 128 characters (ELBv2 host-header condition): ${REJECT} ` +
                "(model_build_listener_rules.go buildRuleConditions)",
        ]);
    });

    it("names an argument-made annotation by the argument and the annotation it writes, as ignored", async () => {
        assert.deepStrictEqual(await refusal({ inboundCidrs: ["::/0"] }), [
            '`inboundCidrs` "::/0" is IPv6 but the ALB is IPv4-only: the controller leaves it out of the security group ' +
                "(set ip-address-type to dualstack) (annotation alb.ingress.kubernetes.io/inbound-cidrs): " +
                `${IGNORE} (model_build_managed_sg.go buildManagedSecurityGroupIngressPermissions)`,
        ]);
        assert.deepStrictEqual(
            await refusal({ wafv2AclArn: "none", annotations: { [A("wafv2-acl-name")]: "my-acl" } }),
            [
                "`wafv2AclArn` has no effect: wafv2-acl-name is set, and the controller uses the name instead " +
                    `(annotation alb.ingress.kubernetes.io/wafv2-acl-arn): ${IGNORE} ` +
                    "(model_build_load_balancer_addons.go buildWAFv2WebACLAssociation)",
            ],
        );
    });

    it("names the user's own annotation by its key, once, as a rejection", async () => {
        assert.deepStrictEqual(await refusal({ annotations: { [A("success-codes")]: "200-599" } }), [
            '`annotations["alb.ingress.kubernetes.io/success-codes"]` must be HTTP codes from 200 to 499, as a list ' +
                `("200,202") or a range ("200-299"), got "200-599": ${REJECT} ` +
                "(model_build_target_group.go buildTargetGroupHealthCheckMatcher, ELBv2 Matcher)",
        ]);
    });

    it("judges a named health check port against the app's Service, whose targetPort is the name http", async () => {
        assert.deepStrictEqual(await refusal({ targetType: "ip", annotations: { [A("healthcheck-port")]: "http" } }), [
            '`annotations["alb.ingress.kubernetes.io/healthcheck-port"]` cannot name a Service port whose targetPort is ' +
                `a name ("http") with ip targets; use "traffic-port" or a number: ${REJECT} ` +
                "(model_build_target_group.go buildTargetGroupHealthCheckPort)",
        ]);
    });

    it("calls an annotation that merely contains conditions. unknown, not one of another Service", async () => {
        assert.deepStrictEqual(await refusal({ annotations: { [A("my-conditions.other")]: "[]" } }), [
            '`annotations["alb.ingress.kubernetes.io/my-conditions.other"]` is not an annotation the AWS Load Balancer ' +
                "Controller knows; the controller would ignore it",
        ]);
    });

    it("accepts auth-type without an IdP on an HTTP-only app: the controller authenticates on HTTPS listeners only", async () => {
        // ingressBackendRules.ts (model_build_actions.go buildAuthAction): auth actions are built for HTTPS only;
        // the app's Ingress has HTTPS only with certificateArns.
        new IngressApp("open", base({ annotations: { [A("auth-type")]: "oidc" } }));
        await settle();
        assert.ok(recorded.some((r) => r.type === "kubernetes:networking.k8s.io/v1:Ingress"));
    });
});

describe("IngressApp: secret inputs in a deploy-time refusal", () => {
    it("refuses a secret annotation value that resolves to null with its message, not a TypeError", async () => {
        const app = new IngressApp(
            "late",
            base({ annotations: { [A("healthcheck-port")]: pulumi.secret(null) as unknown as pulumi.Output<string> } }),
        );
        await assert.rejects(valueOf(app.ingressName), (e: unknown) => {
            assert.ok(e instanceof InvalidArgumentsError, String(e));
            assert.deepStrictEqual(e.problems, [
                '`annotations` must be a map of strings to strings, got {"alb.ingress.kubernetes.io/healthcheck-port":null}',
                '`annotations["alb.ingress.kubernetes.io/healthcheck-port"]` must be a string, got null',
            ]);
            return true;
        });
        await settle();
    });
});

describe("IngressApp: image and tags of the wrong shape, refused once", () => {
    it('refuses an image name without tag or registry that ends with a separator ("nginx_")', async () => {
        // distribution/reference: a path component ends with [a-z0-9]; without ":" the whole string is the name.
        assert.deepStrictEqual(await refusal({ image: "nginx_" }), [
            '`image` must be a container image reference such as "public.ecr.aws/nginx/nginx:1.27", got "nginx_"',
        ]);
    });

    it("refuses tags given as a list, or with a list as a value, by the map rule alone", async () => {
        const tags = (v: unknown) => ({ tags: v as Record<string, string> });
        assert.deepStrictEqual(await refusal(tags(["a,b"])), [
            '`tags` must be a map of strings to strings, got ["a,b"]',
        ]);
        assert.deepStrictEqual(await refusal(tags({ team: ["a,b"] })), [
            '`tags` must be a map of strings to strings, got {"team":["a,b"]}',
        ]);
    });
});
