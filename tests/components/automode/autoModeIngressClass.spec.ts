import * as pulumi from "@pulumi/pulumi";
import * as assert from "assert";
import {
    AUTO_MODE_PARAMS_FIELDS,
    AutoModeIngressClass,
    type AutoModeIngressClassArgs,
    InvalidArgumentsError,
} from "../../../components/index";
import { descendantsOf, one, waitsFor } from "../../harness/graph";
import { recorded, settle, valueOf } from "../../harness/mocks";
import { CERT_ARN as CERT } from "../../harness/fixtures";

const T = {
    component: "eks-alb-ingress:index:AutoModeIngressClass",
    cls: "kubernetes:networking.k8s.io/v1:IngressClass",
    params: "kubernetes:eks.amazonaws.com/v1:IngressClassParams",
};

/** Every argument set, as plain values. */
const FULL: AutoModeIngressClassArgs = {
    ingressClassName: "public",
    isDefault: true,
    scheme: "internet-facing",
    group: { name: "retail-apps" },
    certificateArns: [CERT],
    subnetIds: ["subnet-0a1b2c3d", "subnet-4e5f6a7b"],
    ipAddressType: "dualstack",
    tags: { Environment: "prod", Team: "platform" },
    loadBalancerAttributes: { "idle_timeout.timeout_seconds": "60" },
    namespaceSelector: { matchLabels: { environment: "prod" } },
};

/**
 * The outputs component `urn` recorded in the stack's state (`registerOutputs`): what `pulumi stack export` and the
 * console show for it. The mock monitor keeps them (@pulumi/pulumi runtime/mocks.ts `registerResourceOutputs`).
 */
function stateOutputs(urn: string): Record<string, unknown> | undefined {
    const monitor = pulumi.runtime.getMonitor() as unknown as {
        getRegisteredResources(): Map<string, { state?: { toJavaScript(): Record<string, unknown> } }>;
    };
    return monitor.getRegisteredResources().get(urn)?.state?.toJavaScript();
}

describe("AutoModeIngressClass", () => {
    it("creates only an IngressClass of eks.amazonaws.com/alb and its cluster-scoped IngressClassParams", async () => {
        const cls = new AutoModeIngressClass("auto-alb");
        await settle();
        assert.deepStrictEqual(
            descendantsOf(one(T.component, "auto-alb"))
                .map((r) => `${r.type} ${r.name}`)
                .sort(),
            [`${T.cls} auto-alb-class`, `${T.params} auto-alb-params`].sort(),
            "no Helm release, no IAM: Auto Mode runs the controller",
        );
        const params = one(T.params).inputs;
        assert.deepStrictEqual(
            {
                apiVersion: params.apiVersion,
                kind: params.kind,
                name: params.metadata.name,
                ns: params.metadata.namespace,
            },
            { apiVersion: "eks.amazonaws.com/v1", kind: "IngressClassParams", name: "auto-alb", ns: undefined },
        );
        assert.deepStrictEqual(params.spec, {});
        const ingressClass = one(T.cls).inputs;
        assert.strictEqual(ingressClass.metadata.name, "auto-alb");
        assert.strictEqual(ingressClass.metadata.annotations, undefined, "not the default class unless asked");
        assert.deepStrictEqual(ingressClass.spec, {
            controller: "eks.amazonaws.com/alb",
            parameters: { apiGroup: "eks.amazonaws.com", kind: "IngressClassParams", name: "auto-alb" },
        });
        assert.strictEqual(await valueOf(cls.ingressClassName), "auto-alb");
        assert.deepStrictEqual(stateOutputs(one(T.component).urn), {
            ingressClassName: "auto-alb",
            ingressClassParamsName: "auto-alb",
        });
        // both objects are found with the usual label selector for what Pulumi manages
        for (const r of [one(T.params), one(T.cls)]) {
            assert.deepStrictEqual(r.inputs.metadata.labels, { "app.kubernetes.io/managed-by": "pulumi" }, r.name);
        }
    });

    it("accepts an attribute value of ELBv2's full 1024 characters", async () => {
        new AutoModeIngressClass("auto", { loadBalancerAttributes: { "access_logs.s3.prefix": "a".repeat(1024) } });
        await settle();
        assert.strictEqual(one(T.params).inputs.spec.loadBalancerAttributes[0].value.length, 1024);
    });

    it("writes every argument under the IngressClassParams field the guide documents", async () => {
        new AutoModeIngressClass("auto", FULL);
        await settle();
        const spec = one(T.params).inputs.spec;
        assert.deepStrictEqual(spec, {
            scheme: "internet-facing",
            group: { name: "retail-apps" },
            certificateARNs: [CERT],
            subnets: { ids: ["subnet-0a1b2c3d", "subnet-4e5f6a7b"] },
            ipAddressType: "dualstack",
            tags: [
                { key: "Environment", value: "prod" },
                { key: "Team", value: "platform" },
            ],
            loadBalancerAttributes: [{ key: "idle_timeout.timeout_seconds", value: "60" }],
            namespaceSelector: { matchLabels: { environment: "prod" } },
        });
        for (const field of Object.keys(spec)) {
            assert.ok((AUTO_MODE_PARAMS_FIELDS as readonly string[]).includes(field), `${field} is documented`);
        }
        const cls = one(T.cls).inputs;
        assert.strictEqual(cls.metadata.name, "public");
        assert.strictEqual(cls.spec.parameters.name, "public");
        assert.deepStrictEqual(cls.metadata.annotations, { "ingressclass.kubernetes.io/is-default-class": "true" });
    });

    it("creates the IngressClass after its params, and its output carries the dependency on the class", async () => {
        const cls = new AutoModeIngressClass("auto");
        await settle();
        assert.ok(waitsFor(one(T.cls), one(T.params)));
        assert.strictEqual(await valueOf(cls.ingressClassName), "auto");
        const resources = await (
            cls.ingressClassName as unknown as { resources(): Promise<Set<pulumi.Resource>> }
        ).resources();
        const urns = await Promise.all([...resources].map((r) => valueOf(r.urn)));
        assert.ok(urns.includes(one(T.cls).urn), "ingressClassName depends on the IngressClass");
    });

    describe("refuses bad arguments at construction, registering nothing", () => {
        const cases: [string, Record<string, unknown>, RegExp][] = [
            [
                "a class name that is not a DNS-1123 subdomain",
                { ingressClassName: "Public" },
                /`ingressClassName` must be a DNS-1123 subdomain/,
            ],
            ["an unknown scheme", { scheme: "public" }, /`scheme` must be one of "internal", "internet-facing"/],
            [
                "an unknown IP address type",
                { ipAddressType: "ipv6" },
                /`ipAddressType` must be one of "ipv4", "dualstack"/,
            ],
            ["a non-boolean isDefault", { isDefault: "true" }, /`isDefault` must be true or false/],
            [
                "a group name the controller ignores",
                { group: { name: "Retail_Apps" } },
                /`group.name` must be lowercase letters/,
            ],
            ["a misspelled group field", { group: { name: "a", order: 1 } }, /`group.order` is not an argument/],
            [
                "a certificate that is not an ACM ARN",
                { certificateArns: ["arn:aws:s3:::b"] },
                /`certificateArns\[0\]` must be an ACM certificate ARN/,
            ],
            [
                "an empty certificate list",
                { certificateArns: [] },
                /`certificateArns` must be a list of at least 1 ACM certificate ARNs/,
            ],
            [
                "a single subnet",
                { subnetIds: ["subnet-0a1b2c3d"] },
                /`subnetIds` must be a list of at least 2 subnet IDs \(an ALB spans two Availability Zones\)/,
            ],
            [
                "a subnet ID that is not one",
                { subnetIds: ["subnet-0a1b2c3d", "sn-1"] },
                /`subnetIds\[1\]` must be a subnet ID/,
            ],
            [
                "a reserved tag key",
                { tags: { "aws:owner": "x" } },
                /`tags\["aws:owner"\]` key must not start with "aws:"/,
            ],
            [
                "a bad attribute key",
                { loadBalancerAttributes: { "idle timeout": "60" } },
                /`loadBalancerAttributes\["idle timeout"\]` must map an ALB attribute key/,
            ],
            [
                "a bad namespace label",
                { namespaceSelector: { matchLabels: { env: "prod env" } } },
                /`namespaceSelector.matchLabels` maps "env" to "prod env"/,
            ],
            [
                "the v1beta1 subnet tag selector (not documented for Auto Mode)",
                { subnets: { tags: {} } },
                /`subnets` is not an argument/,
            ],
            ["listener attributes (not supported by Auto Mode)", { listeners: [] }, /`listeners` is not an argument/],
            // shapes YAML or another language may pass: each refused under its argument's name
            ["a group that is a bare name", { group: "retail" }, /`group` must be \{ name \}, got "retail"/],
            ["a group name that is no string", { group: { name: 42 } }, /`group.name` must be a string, got 42/],
            // a one-element list reads like its element once turned into a string: still refused
            [
                "a certificate ARN wrapped in a list",
                { certificateArns: [[CERT]] },
                /`certificateArns\[0\]` must be an ARN, got \[/,
            ],
            [
                "a subnet ID wrapped in a list",
                { subnetIds: [["subnet-0a1b2c3d"], "subnet-4e5f6a7b"] },
                /`subnetIds\[0\]` must be a subnet ID/,
            ],
            ["tags as a list", { tags: ["team=web"] }, /`tags` must be a map of tag keys to values/],
            ["a tag value wrapped in a list", { tags: { team: ["web"] } }, /`tags\["team"\]` must be a string/],
            [
                "attributes as a list",
                { loadBalancerAttributes: ["idle_timeout.timeout_seconds=60"] },
                /`loadBalancerAttributes` must be a map of attribute keys to values/,
            ],
            [
                "an attribute value wrapped in a list",
                { loadBalancerAttributes: { "idle_timeout.timeout_seconds": ["60"] } },
                /`loadBalancerAttributes\["idle_timeout.timeout_seconds"\]` must map an ALB attribute key/,
            ],
            [
                "an attribute value longer than ELBv2's 1024 characters",
                { loadBalancerAttributes: { "routing.http.xff_header_processing.mode": "a".repeat(1025) } },
                /`loadBalancerAttributes\["routing.http.xff_header_processing.mode"\]` must map an ALB attribute key/,
            ],
            [
                "a namespace selector that is no object",
                { namespaceSelector: "environment=prod" },
                /`namespaceSelector` must be \{ matchLabels \}/,
            ],
            [
                "namespace selector expressions (IngressClassParams takes matchLabels only)",
                { namespaceSelector: { matchLabels: { environment: "prod" }, matchExpressions: [] } },
                /`namespaceSelector.matchExpressions` is not an argument/,
            ],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                assert.throws(
                    () => new AutoModeIngressClass("bad", args as AutoModeIngressClassArgs),
                    (e: unknown) =>
                        e instanceof InvalidArgumentsError &&
                        /^AutoModeIngressClass "bad": invalid arguments/.test(e.message) &&
                        message.test(e.message),
                );
                await settle();
                assert.deepStrictEqual(recorded, []);
            });
        }

        it("arguments that are no object", async () => {
            assert.throws(
                () => new AutoModeIngressClass("bad", "public" as unknown as AutoModeIngressClassArgs),
                (e: unknown) =>
                    e instanceof InvalidArgumentsError &&
                    e.message.startsWith('AutoModeIngressClass "bad": invalid arguments') &&
                    e.problems.length === 1 &&
                    e.problems[0] === '`args` must be an object, got "public"',
            );
            await settle();
            assert.deepStrictEqual(recorded, []);
        });

        it("a component name that cannot name the class, when no ingressClassName is given", () => {
            assert.throws(
                () => new AutoModeIngressClass("Auto_ALB"),
                /`ingressClassName` must be a DNS-1123 subdomain/,
            );
        });
    });

    it("checks an Output certificate ARN when it resolves, before the class or its params register", async () => {
        const cls = new AutoModeIngressClass("late", { certificateArns: [pulumi.output("arn:aws:s3:::b")] });
        await assert.rejects(
            valueOf(cls.ingressClassName),
            /AutoModeIngressClass "late": invalid arguments:\n {2}- `certificateArns\[0\]` must be an ACM certificate ARN/,
        );
        await settle();
        assert.deepStrictEqual(
            recorded.map((r) => r.type),
            [T.component],
        );
    });

    it("refuses a secret input when it resolves without showing its value", async () => {
        const cls = new AutoModeIngressClass("late", {
            certificateArns: [pulumi.secret("arn:aws:s3:::private-bucket")],
        });
        const error = await valueOf(cls.ingressClassName).then(
            () => assert.fail("accepted"),
            (e: unknown) => e as Error,
        );
        assert.match(
            error.message,
            /AutoModeIngressClass "late": invalid arguments:\n {2}- `certificateArns\[0\]` must be/,
        );
        assert.match(error.message, /\[secret\]/);
        assert.ok(!error.message.includes("private-bucket"), error.message);
        await settle();
    });

    it("passes Output inputs through once they resolve", async () => {
        new AutoModeIngressClass("ok", {
            certificateArns: pulumi.output([CERT]),
            subnetIds: [pulumi.output("subnet-0a1b2c3d"), "subnet-4e5f6a7b"],
            tags: { team: pulumi.output("web") },
        });
        await settle();
        const spec = one(T.params).inputs.spec;
        assert.deepStrictEqual(spec.certificateARNs, [CERT]);
        assert.deepStrictEqual(spec.subnets, { ids: ["subnet-0a1b2c3d", "subnet-4e5f6a7b"] });
        assert.deepStrictEqual(spec.tags, [{ key: "team", value: "web" }]);
    });
});
