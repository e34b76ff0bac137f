import * as assert from "assert";
import {
    AUTO_MODE_UNSUPPORTED_INGRESS_ANNOTATIONS,
    AutoModeIngressClass,
    IngressApp,
    InvalidArgumentsError,
    type IngressAppArgs,
} from "../../../components/index";
import { one, waitsFor } from "../../harness/graph";
import { recorded, settle } from "../../harness/mocks";
import { A, T } from "./appTypes";

const base = (o: Partial<IngressAppArgs> = {}): IngressAppArgs => ({
    image: "public.ecr.aws/nginx/nginx:1.27",
    containerPort: 80,
    targetType: "ip",
    autoMode: true,
    ingressClassName: "auto",
    ...o,
});

/** The problems of constructing an app with `args`, or `[]` when it constructs. */
function problemsOf(args: IngressAppArgs): readonly string[] {
    try {
        new IngressApp("app", args);
        return [];
    } catch (e) {
        if (e instanceof InvalidArgumentsError) return e.problems;
        throw e;
    }
}

describe("IngressApp on an EKS Auto Mode class (autoMode)", () => {
    describe("ordering against the AutoModeIngressClass (ingressClassName: cls.ingressClassName)", () => {
        beforeEach(async () => {
            const cls = new AutoModeIngressClass("auto", { scheme: "internet-facing" });
            new IngressApp("web", base({ ingressClassName: cls.ingressClassName }));
            await settle();
        });

        it("creates every object of the app after the IngressClass and its params, and deletes it before them", () => {
            for (const type of [T.ns, T.svc, T.ing, T.deploy]) {
                assert.ok(waitsFor(one(type), one(T.cls)), `${type} waits for the IngressClass`);
                assert.ok(waitsFor(one(type), one(T.params)), `${type} waits for the IngressClassParams`);
            }
            assert.ok(one(T.ing).dependencies.includes(one(T.cls).urn), "the Ingress depends on the class directly");
            assert.ok(!waitsFor(one(T.cls), one(T.ing)), "no cycle");
        });

        it("names the Auto Mode class on the Ingress and keeps ip targets' Service → Ingress → Deployment", () => {
            assert.strictEqual(one(T.ing).inputs.spec.ingressClassName, "auto");
            assert.ok(waitsFor(one(T.ing), one(T.svc)));
            assert.ok(waitsFor(one(T.deploy), one(T.ing)));
        });
    });

    for (const u of AUTO_MODE_UNSUPPORTED_INGRESS_ANNOTATIONS.filter((a) => a.key.startsWith(A("")))) {
        const key = u.key.endsWith(".") ? `${u.key}HTTP-80` : u.key;
        const value = key.includes("listener-attributes") ? "routing.http.response.server.enabled=true" : "true";
        it(`refuses the annotation ${key}, which Auto Mode does not support`, async () => {
            const problems = problemsOf(base({ annotations: { [key]: value } }));
            assert.deepStrictEqual(problems.length, 1, problems.join("\n"));
            assert.match(
                problems[0],
                /^`annotations\["alb\.ingress\.kubernetes\.io\/[^"]+"\]` is not supported by EKS Auto Mode; /,
            );
            assert.ok(problems[0].includes(u.instead) && problems[0].includes("auto-configure-alb.adoc"), problems[0]);
            await settle();
            assert.deepStrictEqual(recorded, []);
        });
    }

    it("accepts those annotations on a self-managed controller's class (the refusal is Auto Mode's)", () => {
        for (const [key, value] of [
            [A("listener-attributes.HTTP-80"), "routing.http.response.server.enabled=true"],
            [A("shield-advanced-protection"), "true"],
        ]) {
            assert.deepStrictEqual(problemsOf(base({ autoMode: false, annotations: { [key]: value } })), [], key);
        }
    });

    it("refuses `group`: Auto Mode takes groups from the class's IngressClassParams", () => {
        assert.deepStrictEqual(problemsOf(base({ group: { name: "shared" } })).length, 1);
        assert.match(
            problemsOf(base({ group: { name: "shared" } }))[0],
            /^`group` is not supported by EKS Auto Mode; groups are set in the IngressClass only.*set it as `group` of the AutoModeIngressClass$/,
        );
        assert.deepStrictEqual(problemsOf(base({ autoMode: false, group: { name: "shared" } })), []);
    });

    it("refuses the group.name annotation with Auto Mode's reason, not the component's", () => {
        const problems = problemsOf(base({ annotations: { [A("group.name")]: "shared" } }));
        assert.strictEqual(problems.length, 1, problems.join("\n"));
        assert.match(problems[0], /is not supported by EKS Auto Mode; groups are set in the IngressClass only/);
    });

    it("accepts what Auto Mode supports: scheme, certificates, WAFv2, tags", () => {
        assert.deepStrictEqual(
            problemsOf(
                base({
                    scheme: "internet-facing",
                    certificateArns: [
                        "arn:aws:acm:us-west-2:123456789012:certificate/0f0e0d0c-1111-2222-3333-444455556666",
                    ],
                    wafv2AclArn: "none",
                    tags: { team: "web" },
                }),
            ),
            [],
        );
    });

    it("checks the annotations Auto Mode supports as the controller reads them", () => {
        assert.deepStrictEqual(problemsOf(base({ annotations: { [A("healthcheck-interval-seconds")]: "15" } })), []);
        const problems = problemsOf(base({ annotations: { [A("healthcheck-interval-seconds")]: "often" } }));
        assert.strictEqual(problems.length, 1, problems.join("\n"));
        assert.match(problems[0], /^`annotations\["alb\.ingress\.kubernetes\.io\/healthcheck-interval-seconds"\]`/);
    });

    it("refuses an autoMode that is not a boolean", () => {
        assert.match(
            problemsOf(base({ autoMode: "yes" as unknown as boolean })).join("\n"),
            /`autoMode` must be true or false/,
        );
    });
});
