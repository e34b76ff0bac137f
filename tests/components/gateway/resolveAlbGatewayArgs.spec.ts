import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { AlbGateway, InvalidArgumentsError } from "../../../components/index";
import type { AlbGatewayArgs } from "../../../components/gateway/albGatewayArgs";
import { resolveAlbGatewayArgs } from "../../../components/gateway/resolveAlbGatewayArgs";
import { gatewayProblems } from "eks-alb-ingress-rules";
import { crdSchemaProblems } from "../../harness/crdSchema";
import { recorded, settle, valueOf } from "../../harness/mocks";

const CERT = "arn:aws:acm:us-west-2:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666";

/** Asserts that AlbGateway `name` with `args` is refused with problems matching each of `expected`, and registers nothing. */
function refused(args: Record<string, unknown>, expected: RegExp[], name = "edge"): void {
    assert.throws(
        () => new AlbGateway(name, { gatewayClassName: "alb", ...args } as AlbGatewayArgs),
        (e: unknown) => {
            assert.ok(e instanceof InvalidArgumentsError, String(e));
            assert.ok(e.message.startsWith(`AlbGateway "${name}": invalid arguments`), e.message);
            for (const re of expected)
                assert.ok(
                    e.problems.some((p) => re.test(p)),
                    `${re} in ${e.problems.join("\n")}`,
                );
            assert.strictEqual(e.problems.length, expected.length, e.problems.join("\n"));
            return true;
        },
    );
    assert.strictEqual(recorded.length, 0, "nothing registered on bad input");
}

describe("AlbGateway arguments", () => {
    it("requires gatewayClassName and refuses unknown arguments", () => {
        assert.throws(
            () => new AlbGateway("edge", {} as AlbGatewayArgs),
            (e: unknown) =>
                e instanceof InvalidArgumentsError &&
                e.problems.some((p) => p.startsWith("`gatewayClassName` is required")),
        );
        refused({ sheme: "internal" }, [/^`sheme` is not an argument; known arguments: gatewayClassName, /]);
    });

    it("refuses names the Gateway cannot have", () => {
        refused({}, [/^`name` must be a DNS-1123 subdomain/], "Edge_GW");
        refused({}, [/^`name` must be at most 238 characters/], "a".repeat(239));
    });

    it("refuses controller versions outside the matrix or without production Gateway API", () => {
        refused({ controllerVersion: "v9.9.9" }, [
            /^`controllerVersion` must be a controller release in the version matrix/,
        ]);
        refused({ controllerVersion: "v2.17.1" }, [/^`controllerVersion` must be v3\.0\.0 or newer.*"v2\.17\.1"/]);
        assert.strictEqual(
            resolveAlbGatewayArgs("edge", { gatewayClassName: "alb", controllerVersion: "v3.0.0" }).lbcApiVersion,
            "gateway.k8s.aws/v1beta1",
        );
    });

    it("refuses a scheme, IP address type or route namespaces the controller does not know", () => {
        refused({ scheme: "public" }, [/^`scheme` must be one of "internal", "internet-facing", got "public"/]);
        refused({ ipAddressType: "ipv6" }, [
            /^`ipAddressType` must be one of "ipv4", "dualstack", "dualstack-without-public-ipv4"/,
        ]);
        refused({ routeNamespaces: "Selector" }, [/^`routeNamespaces` must be one of "Same", "All"/]);
        refused({ namespace: "Edge" }, [/^`namespace` must be a DNS-1123 label/]);
        refused({ createNamespace: "yes" }, [/^`createNamespace` must be true or false/]);
        refused({ gatewayClassName: "ALB" }, [/^`gatewayClassName` must be a DNS-1123 subdomain/]);
    });

    it("refuses certificates that are no certificate ARNs, an empty or repeating list, and a TLS policy without them", () => {
        refused({ certificateArns: ["arn:aws:iam::123456789012:role/x"] }, [
            /^`certificateArns\[0\]` must be an ACM certificate ARN/,
        ]);
        refused({ certificateArns: [] }, [/^`certificateArns` must name at least one certificate/]);
        refused({ certificateArns: [CERT, CERT] }, [/^`certificateArns` must not repeat a value/]);
        refused({ sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" }, [/^`sslPolicy` needs `certificateArns`/]);
        refused({ certificateArns: [CERT], sslPolicy: "TLS1.3" }, [/^`sslPolicy` must be an ELB security policy name/]);
    });

    it("refuses WAF ACLs that are no regional WAFv2 ARN (the controller passes the value to AssociateWebACL)", () => {
        refused({ wafv2AclArn: "none" }, [/^`wafv2AclArn` must be a regional WAFv2 web ACL ARN/]);
        refused({ wafv2AclArn: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/1" }, [
            /^`wafv2AclArn` must be a regional WAFv2 web ACL ARN/,
        ]);
    });

    it("refuses CIDRs that are malformed, and IPv6 ones the controller would drop from an IPv4 ALB", () => {
        refused({ inboundCidrs: ["10.0.0.0/33"] }, [/^`inboundCidrs\[0\]` must be an IPv4 or IPv6 CIDR block/]);
        refused({ inboundCidrs: ["2001:db8::/32"] }, [
            /^`inboundCidrs\[0\]` "2001:db8::\/32" is IPv6, which the controller leaves out/,
        ]);
        refused({ inboundCidrs: [] }, [/^`inboundCidrs` must list at least one CIDR/]);
        resolveAlbGatewayArgs("edge", {
            gatewayClassName: "alb",
            ipAddressType: "dualstack",
            inboundCidrs: ["2001:db8::/32"],
        });
    });

    it("refuses tags AWS or the controller would refuse or overwrite, and too many", () => {
        refused({ tags: { "aws:owner": "x" } }, [/^`tags\.aws:owner` key must not start with "aws:"/]);
        refused({ tags: { team: "a|b" } }, [/^`tags\.team` value of "team" must be at most 256/]);
        refused({ tags: { "elbv2.k8s.aws/cluster": "x" } }, [
            /^`tags\.elbv2\.k8s\.aws\/cluster` uses the prefix "elbv2\.k8s\.aws\/" of the controller's own tracking tags/,
        ]);
        const many = Object.fromEntries(Array.from({ length: 47 }, (_, i) => [`k${i}`, "v"]));
        refused({ tags: many }, [/^`tags` must have at most 46 tags/]);
    });

    it("refuses arguments of the wrong shape, naming the argument (YAML or another language may pass anything)", () => {
        assert.throws(
            () => new AlbGateway("edge", null as unknown as AlbGatewayArgs),
            (e: unknown) =>
                e instanceof InvalidArgumentsError &&
                e.message.startsWith('AlbGateway "edge": invalid arguments') &&
                e.problems.length === 1 &&
                e.problems[0] === "`args` must be an object, got null",
        );
        assert.strictEqual(recorded.length, 0);
        // a single ARN where a list is expected, and a list holding a non-string
        refused({ certificateArns: CERT }, [/^`certificateArns` must be a list of strings, got "arn:aws:acm:/]);
        refused({ certificateArns: [CERT, 42] }, [/^`certificateArns` must be a list of strings, got \[/]);
        refused({ inboundCidrs: "10.0.0.0/8" }, [/^`inboundCidrs` must be a list of strings/]);
        refused({ tags: ["team=web"] }, [/^`tags` must be a map of tag keys to values, got \["team=web"\]/]);
        refused({ tags: { team: 42 } }, [/^`tags\.team` must be a string, got 42/]);
        // a one-element list reads like its element once turned into a string: still refused
        refused({ certificateArns: [CERT], sslPolicy: ["ELBSecurityPolicy-TLS13-1-2-2021-06"] }, [
            /^`sslPolicy` must be an ELB security policy name/,
        ]);
        refused({ wafv2AclArn: ["arn:aws:wafv2:us-west-2:123456789012:regional/webacl/edge/0a1b2c3d"] }, [
            /^`wafv2AclArn` must be a regional WAFv2 web ACL ARN .*leave it out for none, got \[/,
        ]);
    });

    it("takes a TLS policy only as a whole ELB security policy name", () => {
        for (const bad of ["My-ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-2-2021-06 "]) {
            refused({ certificateArns: [CERT], sslPolicy: bad }, [/^`sslPolicy` must be an ELB security policy name/]);
        }
    });

    it('refuses the class name of a controller without gatewayApi ("") when it is known at once', () => {
        refused({ gatewayClassName: "" }, [
            /^`gatewayClassName` is "": pass the `gatewayClassName` output of an AlbIngressController created with `gatewayApi: true`/,
        ]);
    });

    it("accepts the last value of each limit: a 238-character name, 46 tags, IPv6 CIDRs on either dualstack type", () => {
        resolveAlbGatewayArgs("a".repeat(238), { gatewayClassName: "alb" });
        const tags = Object.fromEntries(Array.from({ length: 46 }, (_, i) => [`k${i}`, "v"]));
        resolveAlbGatewayArgs("edge", { gatewayClassName: "alb", tags });
        for (const ipAddressType of ["dualstack", "dualstack-without-public-ipv4"] as const) {
            resolveAlbGatewayArgs("edge", { gatewayClassName: "alb", ipAddressType, inboundCidrs: ["2001:db8::/32"] });
        }
    });

    it("lists every problem at once", () => {
        refused({ scheme: "x", ipAddressType: "y", wafv2AclArn: "z" }, [
            /^`scheme`/,
            /^`ipAddressType`/,
            /^`wafv2AclArn`/,
        ]);
    });

    it("checks inputs that are Outputs when they resolve, failing the resource that takes them", async () => {
        const r = resolveAlbGatewayArgs("edge", {
            gatewayClassName: pulumi.output("alb"),
            certificateArns: [pulumi.output("not-an-arn")],
            tags: { team: pulumi.output("ok") },
        });
        assert.strictEqual(await valueOf(r.gatewayClassName), "alb");
        assert.deepStrictEqual(await valueOf(r.tags), { team: "ok" });
        await assert.rejects(valueOf(r.certificateArns), /`certificateArns\[0\]` must be an ACM certificate ARN/);
        // the class of a controller without gatewayApi (its output is "")
        const off = resolveAlbGatewayArgs("edge", { gatewayClassName: pulumi.output("") });
        await assert.rejects(
            valueOf(off.gatewayClassName),
            /`gatewayClassName` is "": pass the `gatewayClassName` output of an AlbIngressController created with `gatewayApi: true`/,
        );
        // an undefined Output from elsewhere
        const missing = resolveAlbGatewayArgs("edge", {
            gatewayClassName: pulumi.output(undefined) as unknown as pulumi.Output<string>,
        });
        await assert.rejects(valueOf(missing.gatewayClassName), /`gatewayClassName` is undefined: pass the/);
        await settle();
    });
});

describe("(control) the oracles the AlbGateway specs use", () => {
    const gateway = {
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "Gateway",
        metadata: { name: "g", namespace: "default" },
        spec: {
            gatewayClassName: "alb",
            listeners: [
                {
                    name: "https",
                    protocol: "HTTPS",
                    port: 443,
                    tls: { certificateRefs: [{ name: "cert" }] },
                },
            ],
        },
    };

    it("the CRD schema check refuses wrong types, unknown fields and missing required fields", () => {
        assert.deepStrictEqual(crdSchemaProblems(gateway), []);
        const bad = structuredClone(gateway) as Record<string, any>;
        bad.spec.listeners[0].port = "443";
        bad.spec.listener = [];
        delete bad.spec.gatewayClassName;
        const problems = crdSchemaProblems(bad).join("\n");
        assert.match(problems, /Gateway\.spec\.listeners\[0\]\.port: must be of type integer/);
        assert.match(problems, /Gateway\.spec\.listener: unknown field/);
        assert.match(problems, /Gateway\.spec\.gatewayClassName: is required/);
        const lbc = {
            apiVersion: "gateway.k8s.aws/v1",
            kind: "LoadBalancerConfiguration",
            metadata: {},
            spec: { scheme: "public" },
        };
        assert.match(crdSchemaProblems(lbc).join(), /spec\.scheme: must be one of "internal", "internet-facing"/);
    });

    it("the controller's rules refuse certificateRefs on a listener", () => {
        assert.ok(gatewayProblems(gateway, "alb").some((p) => /certificateRefs/.test(p.key + p.message)));
    });
});
