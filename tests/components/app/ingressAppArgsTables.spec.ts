/**
 * The module-level tables of components/app/ingressAppArgs.ts, through what a user sees: `ANNOTATION_ARGUMENTS` (the
 * argument a refusal names when the user sets an annotation the component owns) and `INGRESS_INPUT_ARGUMENTS` (the
 * inputs the controller's rules wait for: the Ingress is judged once they resolve). Static mutants of these tables
 * run only with `MUTATION_STATIC=1` (TESTING.md, "Mutation testing").
 */
import * as pulumi from "@pulumi/pulumi";
import * as assert from "assert";
import { IngressApp, InvalidArgumentsError, type IngressAppArgs } from "../../../components/index";
import { one } from "../../harness/graph";
import { settle, valueOf } from "../../harness/mocks";
import { A, T } from "./appTypes";

const APP: IngressAppArgs = { image: "public.ecr.aws/nginx/nginx:1.27", containerPort: 8080, targetType: "ip" };

/** The problems construction refuses `args` with. */
function constructionProblems(name: string, args: IngressAppArgs): readonly string[] {
    try {
        new IngressApp(name, args);
    } catch (e) {
        assert.ok(e instanceof InvalidArgumentsError, String(e));
        return e.problems;
    }
    return assert.fail("construction accepted the arguments");
}

describe("IngressApp argument tables (ingressAppArgs.ts)", () => {
    it("refuses each annotation the component sets, naming the argument to use instead", () => {
        const owned: [string, keyof IngressAppArgs][] = [
            ["target-type", "targetType"],
            ["scheme", "scheme"],
            ["listen-ports", "certificateArns"],
            ["healthcheck-path", "healthCheckPath"],
            ["group.name", "group"],
            ["group.order", "group"],
            ["certificate-arn", "certificateArns"],
            ["ssl-redirect", "sslRedirect"],
            ["ssl-policy", "sslPolicy"],
            ["inbound-cidrs", "inboundCidrs"],
            ["wafv2-acl-arn", "wafv2AclArn"],
            ["tags", "tags"],
        ];
        for (const [suffix, argument] of owned) {
            assert.deepStrictEqual(
                constructionProblems("web", { ...APP, annotations: { [A(suffix)]: "x" } }),
                [`\`annotations["${A(suffix)}"]\` is set by the component; use the argument ${argument} instead`],
                suffix,
            );
        }
    });

    describe("judges the Ingress by the controller's rules once a host known only at deploy time resolves", () => {
        // host-header regexValues in a conditions annotation cannot be combined with the rule's host
        // (aws-load-balancer-controller model_build_listener_rules.go buildRuleConditions)
        const regexHosts = {
            [A("conditions.web")]: '[{"field":"host-header","hostHeaderConfig":{"regexValues":["^a"]}}]',
        };

        it("refuses at deploy time what it would refuse at construction with the host known", async () => {
            const expected = constructionProblems("web", { ...APP, host: "shop.example.com", annotations: regexHosts });
            assert.strictEqual(expected.length, 1, expected.join("\n"));
            assert.match(expected[0], /regexValues cannot be combined with the rule's host/);
            const app = new IngressApp("web", {
                ...APP,
                host: pulumi.output("shop.example.com"),
                annotations: regexHosts,
            });
            await assert.rejects(valueOf(app.ingressName), (e: unknown) => {
                assert.ok(e instanceof InvalidArgumentsError, String(e));
                assert.deepStrictEqual(e.problems, expected);
                return true;
            });
            await settle();
        });

        it("accepts the Ingress when that host resolves to none", async () => {
            const noHost = pulumi.output(undefined) as unknown as pulumi.Output<string>;
            const app = new IngressApp("web", { ...APP, host: noHost, annotations: regexHosts });
            assert.strictEqual(await valueOf(app.ingressName), "web");
            await settle();
            const ingress = one(T.ing).inputs;
            assert.strictEqual(ingress.spec.rules[0].host, undefined);
            assert.strictEqual(ingress.metadata.annotations[A("conditions.web")], regexHosts[A("conditions.web")]);
        });
    });
});
