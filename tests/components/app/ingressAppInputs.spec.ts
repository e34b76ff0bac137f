import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as assert from "assert";
import { IngressApp, InvalidArgumentsError, type IngressAppArgs } from "../../../components/index";
import { descendantsOf, one } from "../../harness/graph";
import { type Recorded, recorded, reset, setEngineHooks, settle, valueOf } from "../../harness/mocks";
import { CERT_ARN as CERT } from "../../harness/fixtures";
import { A, T } from "./appTypes";

const WAF = "arn:aws:wafv2:us-west-2:123456789012:regional/webacl/web/0f0e0d0c-1111-2222-3333-444455556666";
const IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/web:1.4.2";
const o = pulumi.output;

/** An Output whose value is unknown, as an Output of a resource not yet created is in a preview. */
const unknown = <T>(): pulumi.Output<T> => pulumi.output(pulumi.unknown as unknown as T) as pulumi.Output<T>;

/** Every argument that can come from another resource, as plain values. */
const PLAIN: IngressAppArgs = {
    image: IMAGE,
    containerPort: 8080,
    targetType: "ip",
    scheme: "internet-facing",
    namespace: "shop",
    host: "shop.example.com",
    env: { DB_HOST: "db.internal", MODE: "prod" },
    certificateArns: [CERT],
    inboundCidrs: ["10.0.0.0/8", "192.168.0.0/16"],
    wafv2AclArn: WAF,
    tags: { team: "shop", cost: "1234" },
    annotations: { [A("load-balancer-attributes")]: "idle_timeout.timeout_seconds=120", "example.com/owner": "shop" },
    ingressClassName: "alb",
};

/** The same arguments, each one an Output (or a Promise) of another resource; `certificateArns` as given. */
function asOutputs(certificateArns: IngressAppArgs["certificateArns"]): IngressAppArgs {
    return {
        ...PLAIN,
        image: o(IMAGE),
        namespace: Promise.resolve("shop"),
        host: o("shop.example.com"),
        env: { DB_HOST: o("db.internal"), MODE: "prod" },
        certificateArns,
        inboundCidrs: o(["10.0.0.0/8", o("192.168.0.0/16")]),
        wafv2AclArn: o(WAF),
        tags: { team: o("shop"), cost: "1234" },
        annotations: {
            [A("load-balancer-attributes")]: o("idle_timeout.timeout_seconds=120"),
            "example.com/owner": "shop",
        },
        ingressClassName: o("alb"),
    };
}

/** What the app registered: each child's type, name, parent, inputs and dependencies. */
async function registered(name: string, args: IngressAppArgs): Promise<Omit<Recorded, "urn">[]> {
    reset();
    new IngressApp(name, args);
    await settle();
    return descendantsOf(one(T.app, name))
        .map(({ urn: _urn, ...r }) => r)
        .sort((a, b) => a.name.localeCompare(b.name));
}

/** The error the app throws at construction for plain `args`. */
function constructionError(args: IngressAppArgs): InvalidArgumentsError {
    try {
        new IngressApp("bad", args);
    } catch (e) {
        if (e instanceof InvalidArgumentsError) return e;
        throw e;
    }
    throw new Error("no error at construction");
}

describe("IngressApp arguments from other resources (Outputs)", () => {
    afterEach(() => setEngineHooks(undefined));

    it("type-checks and runs the README example: an ECR image tag and an ACM certificate of the same program", async () => {
        setEngineHooks({
            newResource: (_registration, r) =>
                r.type === "aws:ecr/repository:Repository"
                    ? { id: "web", state: { ...r.inputs, repositoryUrl: IMAGE.replace(/:1\.4\.2$/, "") } }
                    : r.type === "aws:acm/certificate:Certificate"
                      ? { id: CERT, state: { ...r.inputs, arn: CERT } }
                      : undefined,
            call: (_call, fake) => fake(),
        });
        // As a user writes it: these were type errors (`Output<string>` is not `string`).
        const repo = new aws.ecr.Repository("web", { imageTagMutability: "IMMUTABLE" });
        const cert = new aws.acm.Certificate("web", { domainName: "shop.example.com", validationMethod: "DNS" });
        const app = new IngressApp("web", {
            image: repo.repositoryUrl.apply((url) => `${url}:1.4.2`),
            containerPort: 8080,
            targetType: "ip",
            scheme: "internet-facing",
            certificateArns: [cert.arn],
        });
        assert.strictEqual(await valueOf(app.url), `https://${await valueOf(app.hostname)}/`);
        await settle();
        assert.strictEqual(one(T.deploy).inputs.spec.template.spec.containers[0].image, IMAGE);
        assert.strictEqual(one(T.ing).inputs.metadata.annotations[A("certificate-arn")], CERT);
        const depends = (r: Recorded, type: string) => r.dependencies.includes(one(type).urn);
        assert.ok(depends(one(T.deploy), "aws:ecr/repository:Repository"), "the Deployment waits for the repository");
        assert.ok(depends(one(T.ing), "aws:acm/certificate:Certificate"), "the Ingress waits for the certificate");
    });

    for (const [what, certificateArns] of [
        ["a list of Outputs", [o(CERT)]],
        ["an Output of a list", o([CERT])],
        ["a Promise of a list", Promise.resolve([CERT])],
    ] as const) {
        it(`registers the same objects as plain values, with certificateArns as ${what}`, async () => {
            const plain = await registered("shop", PLAIN);
            assert.deepStrictEqual(
                plain.map((r) => r.name),
                ["shop-deploy", "shop-ing", "shop-ns", "shop-svc"],
            );
            const fromOutputs = await registered(
                "shop",
                asOutputs(certificateArns as IngressAppArgs["certificateArns"]),
            );
            assert.deepStrictEqual(fromOutputs, plain);
            assert.strictEqual(
                one(T.ing).inputs.metadata.annotations[A("listen-ports")],
                '[{"HTTP":80},{"HTTPS":443}]',
            );
        });
    }

    it("registers an HTTP-only app, as with no certificates, when an Output of a list resolves empty", async () => {
        const plain = await registered("plain", { ...PLAIN, certificateArns: undefined });
        const empty = await registered("plain", { ...PLAIN, certificateArns: o([] as string[]) });
        assert.deepStrictEqual(empty, plain);
        const annotations = one(T.ing).inputs.metadata.annotations;
        assert.strictEqual(annotations[A("listen-ports")], '[{"HTTP":80}]');
        for (const key of ["certificate-arn", "ssl-redirect", "ssl-policy"]) {
            assert.strictEqual(annotations[A(key)], undefined, key);
        }
        const app = new IngressApp("http", { ...PLAIN, certificateArns: o([] as string[]) });
        assert.match(await valueOf(app.url), /^http:\/\/shop\.example\.com\/$/);
    });

    it("decides the listeners at construction when only the ARNs are unknown (a preview of a new certificate)", async () => {
        new IngressApp("preview", { ...PLAIN, certificateArns: [unknown<string>()], image: unknown<string>() });
        await settle();
        const annotations = one(T.ing).inputs.metadata.annotations;
        assert.strictEqual(annotations[A("listen-ports")], '[{"HTTP":80},{"HTTPS":443}]');
        assert.strictEqual(annotations[A("ssl-redirect")], "443");
        assert.strictEqual(annotations[A("ssl-policy")], "ELBSecurityPolicy-TLS13-1-2-2021-06");
        assert.strictEqual(annotations[A("certificate-arn")], undefined, "unknown until the certificate exists");
        assert.strictEqual(one(T.svc).inputs.spec.type, "ClusterIP");
        assert.strictEqual(one(T.deploy).inputs.metadata.namespace, "shop");
    });

    it("leaves the listeners to the resolved value when the number of certificates is unknown", async () => {
        new IngressApp("preview", { ...PLAIN, certificateArns: unknown<string[]>() });
        await settle();
        const annotations = one(T.ing).inputs.metadata.annotations;
        for (const key of ["listen-ports", "certificate-arn", "ssl-redirect", "ssl-policy"]) {
            assert.strictEqual(annotations[A(key)], undefined, `${key} is unknown, not guessed`);
        }
        assert.strictEqual(annotations[A("target-type")], "ip");
        assert.strictEqual(one(T.svc).inputs.spec.type, "ClusterIP");
    });

    describe("fails the update with the message of the plain value, registering no child, for a bad value inside an Output", () => {
        const cases: [string, Partial<IngressAppArgs>, Partial<IngressAppArgs>][] = [
            ["a :latest image", { image: "nginx:latest" }, { image: o("nginx:latest") }],
            ["a namespace that is not DNS-1123", { namespace: "Shop" }, { namespace: o("Shop") }],
            ["a host that is not a DNS name", { host: "shop_example" }, { host: o("shop_example") }],
            [
                "a certificate that is not an ACM or IAM ARN (in a list of Outputs)",
                { certificateArns: ["arn:aws:s3:::bucket"] },
                { certificateArns: [o("arn:aws:s3:::bucket")] },
            ],
            ["an invalid CIDR", { inboundCidrs: ["10.0.0.0/33"] }, { inboundCidrs: o(["10.0.0.0/33"]) }],
            [
                "a WAF ACL that is not a WAFv2 ARN",
                { wafv2AclArn: "arn:aws:waf::1:webacl/x" },
                { wafv2AclArn: o("arn:aws:waf::1:webacl/x") },
            ],
            ["a tag value AWS refuses", { tags: { team: "a|b" } }, { tags: { team: o("a|b") } }],
            [
                "a malformed annotation value",
                { annotations: { [A("shield-advanced-protection")]: "yes" } },
                { annotations: { [A("shield-advanced-protection")]: o("yes") } },
            ],
            [
                "sslRedirect when the certificate list resolves empty",
                { sslRedirect: true, certificateArns: [] },
                { sslRedirect: true, certificateArns: o([] as string[]) },
            ],
            [
                "an IPv6 CIDR on an IPv4 ALB (a rule of the controller)",
                { inboundCidrs: ["2001:db8::/32"] },
                { inboundCidrs: [o("2001:db8::/32")] },
            ],
        ];
        for (const [what, bad, badOutput] of cases) {
            it(`${what}`, async () => {
                const expected = constructionError({ ...PLAIN, ...bad });
                const app = new IngressApp("bad", { ...PLAIN, ...badOutput }); // not known at construction
                await assert.rejects(valueOf(app.ingressName), (e: unknown) => {
                    assert.ok(e instanceof InvalidArgumentsError, String(e));
                    assert.deepStrictEqual(e.problems, expected.problems);
                    // The SDK prefixes the property it was serializing (pulumi/pulumi sdk/nodejs/runtime/rpc.ts).
                    assert.ok(e.message.endsWith(expected.message), e.message);
                    return true;
                });
                await settle();
                assert.deepStrictEqual(
                    recorded.map((r) => r.type),
                    [T.app],
                    "no Namespace, Service, Ingress or Deployment is registered",
                );
            });
        }
    });

    it("shows the value of a secret input as [secret] in the message (the engine's log stays free of it)", async () => {
        const app = new IngressApp("bad", { ...PLAIN, image: pulumi.secret("registry.example.com/private:latest") });
        await assert.rejects(valueOf(app.ingressName), (e: unknown) => {
            assert.ok(e instanceof InvalidArgumentsError, String(e));
            assert.deepStrictEqual(e.problems, [
                '`image` must be pinned by a tag other than "latest" or by a digest, got [secret]',
            ]);
            assert.ok(!e.message.includes("private:latest"), e.message);
            return true;
        });
        await settle();
        assert.deepStrictEqual(
            recorded.map((r) => r.type),
            [T.app],
        );
    });

    it("checks what is known at construction even when other arguments are Outputs", () => {
        assert.throws(
            () => new IngressApp("bad", { ...asOutputs([o(CERT)]), containerPort: 0 }),
            (e: unknown) =>
                e instanceof InvalidArgumentsError &&
                e.problems.length === 1 &&
                /^`containerPort` must be an integer from 1 to 65535, got 0$/.test(e.problems[0]),
        );
        assert.throws(
            () => new IngressApp("bad", { ...PLAIN, annotations: { [A("target_type")]: o("ip") } }),
            /`annotations\["alb.ingress.kubernetes.io\/target_type"\]` is not an annotation the AWS Load Balancer Controller knows/,
        );
        assert.throws(
            () => new IngressApp("bad", { ...PLAIN, tags: { "aws:owner": o("x") } }),
            /`tags\["aws:owner"\]` key must not start with "aws:"/,
        );
        assert.throws(
            () => new IngressApp("bad", { ...PLAIN, certificateArns: [o(CERT), "arn:aws:s3:::b"] }),
            /`certificateArns\[1\]` must be an ACM certificate ARN/,
        );
        assert.strictEqual(recorded.length, 0);
    });
});
