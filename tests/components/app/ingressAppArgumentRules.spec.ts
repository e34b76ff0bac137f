/**
 * Each argument rule of IngressApp (components/app/resolveIngressAppArgs.ts), one case per rule and per nested key: a
 * bad value is refused before anything is registered, with a message naming the argument (nested keys by their
 * path). A rule that went missing would let the value through to the cluster, where it fails later or silently
 * does something else; ingressApp.spec.ts covers the first rules, this file the rest.
 */
import * as assert from "assert";
import { IngressApp, InvalidArgumentsError, type IngressAppArgs } from "../../../components/index";
import { recorded, reset, settle } from "../../harness/mocks";
import { CERT_ARN as CERT } from "../../harness/fixtures";

const base = (o: Record<string, unknown>): IngressAppArgs =>
    ({ image: "public.ecr.aws/nginx/nginx:1.27", containerPort: 80, targetType: "ip", ...o }) as IngressAppArgs;

/** The messages IngressApp refuses `overrides` with (none when it accepts them), after checking nothing registered. */
async function refusal(overrides: Record<string, unknown>): Promise<string | undefined> {
    let message: string | undefined;
    try {
        new IngressApp("rules", base(overrides));
    } catch (e) {
        if (!(e instanceof InvalidArgumentsError)) throw e;
        message = e.message;
    }
    await settle();
    if (message !== undefined)
        assert.deepStrictEqual(
            recorded.map((r) => r.name),
            [],
            "registered on bad input",
        );
    return message;
}

describe("IngressApp argument rules, one by one", () => {
    const refused: [string, Record<string, unknown>, RegExp][] = [
        ["a probe that is not an object", { readinessProbe: "/healthz" }, /`readinessProbe` must be an object/],
        [
            "an unknown probe key",
            { livenessProbe: { timeout: 5 } },
            /`livenessProbe\.timeout` is not an argument; known arguments: path, initialDelaySeconds/,
        ],
        [
            "a probe path without /",
            { readinessProbe: { path: "healthz" } },
            /`readinessProbe\.path` must start with "\/"/,
        ],
        [
            "a negative initial delay",
            { readinessProbe: { initialDelaySeconds: -1 } },
            /`readinessProbe\.initialDelaySeconds` must be an integer from 0 to 3600, got -1/,
        ],
        [
            "a zero period",
            { livenessProbe: { periodSeconds: 0 } },
            /`livenessProbe\.periodSeconds` must be an integer from 1 to 3600, got 0/,
        ],
        [
            "a zero timeout",
            { livenessProbe: { timeoutSeconds: 0 } },
            /`livenessProbe\.timeoutSeconds` must be an integer from 1 to 3600/,
        ],
        [
            "a failure threshold over an hour",
            { readinessProbe: { failureThreshold: 3601 } },
            /`readinessProbe\.failureThreshold` must be an integer from 1 to 3600, got 3601/,
        ],
        ["an unknown pathType", { pathType: "Regex" }, /`pathType` must be one of/],
        [
            "a maxUnavailable that is no count",
            { maxUnavailable: "half" },
            /`maxUnavailable` must be a count \("1"\) or a percentage/,
        ],
        ["env values that are not strings", { env: { PORT: 80 } }, /`env` must be a map of strings to strings/],
        ["tags that are not a map", { tags: ["team=web"] }, /`tags` must be a map of strings to strings/],
        [
            "annotations with a number",
            { annotations: { "example.com/x": 1 } },
            /`annotations` must be a map of strings to strings/,
        ],
        [
            "createNamespace as a string",
            { createNamespace: "false" },
            /`createNamespace` must be true or false|`createNamespace` must be a boolean/,
        ],
        [
            "runAsNonRoot as a string",
            { runAsNonRoot: "yes" },
            /`runAsNonRoot` must be true or false|`runAsNonRoot` must be a boolean/,
        ],
        [
            "a host over 253 characters",
            { host: `${"a".repeat(60)}.`.repeat(4) + "b".repeat(10) + ".com" },
            /`host` must be a DNS host name/,
        ],
        ["a host with an upper-case letter", { host: "App.example.com" }, /`host` must be a DNS host name/],
        [
            "an ingressClassName that is no DNS subdomain",
            { ingressClassName: "ALB_class" },
            /`ingressClassName` must be/,
        ],
        [
            "sslRedirect as a string",
            { sslRedirect: "true", certificateArns: [CERT] },
            /`sslRedirect` must be true or false|`sslRedirect` must be a boolean/,
        ],
        [
            "an unknown ssl policy",
            { sslPolicy: "TLS1.3", certificateArns: [CERT] },
            /`sslPolicy` must be an ELB security policy name/,
        ],
        [
            "sslPolicy without certificates",
            { sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" },
            /`sslPolicy` needs `certificateArns`/,
        ],
        [
            "certificateArns that are not a list",
            { certificateArns: CERT },
            /`certificateArns` must be a list of certificate ARNs/,
        ],
        ["an empty inboundCidrs", { inboundCidrs: [] }, /`inboundCidrs` must be a non-empty list of CIDR blocks/],
        ["a group that is not an object", { group: "shared" }, /`group` must be \{ name, order\? \}/],
        ["a group name that is not a string", { group: { name: 7 } }, /`group\.name` must be a string, got 7/],
        ["an image with a space", { image: "nginx :1.27" }, /`image` must be a container image reference/],
        [
            "an ssl policy name inside a longer string",
            { sslPolicy: "My-ELBSecurityPolicy-TLS13-1-2-2021-06", certificateArns: [CERT] },
            /`sslPolicy` must be an ELB security policy name/,
        ],
        [
            "an ssl policy name with a trailing space",
            { sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06 ", certificateArns: [CERT] },
            /`sslPolicy` must be an ELB security policy name/,
        ],
        [
            "an ssl policy wrapped in a list",
            { sslPolicy: ["ELBSecurityPolicy-TLS13-1-2-2021-06"], certificateArns: [CERT] },
            /`sslPolicy` must be an ELB security policy name/,
        ],
        [
            "a global (CloudFront) WAF ACL",
            { wafv2AclArn: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/1" },
            /`wafv2AclArn` must be a regional WAFv2 web ACL ARN/,
        ],
        [
            "a WAF ACL wrapped in a list",
            { wafv2AclArn: ["arn:aws:wafv2:us-west-2:123456789012:regional/webacl/x/1"] },
            /`wafv2AclArn` must be a string, got \[/,
        ],
        [
            "two certificate ARNs in one string (the annotation's separator)",
            { certificateArns: [`${CERT},${CERT}`] },
            /`certificateArns\[0\]` must be an ARN/,
        ],
        ["a certificate ARN wrapped in a list", { certificateArns: [[CERT]] }, /`certificateArns\[0\]` must be an ARN/],
        [
            "a misspelled group field",
            { group: { name: "shared", oder: 1 } },
            /`group\.oder` is not an argument; known arguments: name, order/,
        ],
        ["a wildcard inside a host", { host: "a.*.example.com" }, /`host` must be a DNS host name/],
        // numbers where the Deployment or the annotations need strings: refused, not a crash later
        ["a rollout bound as a number", { maxSurge: 1 }, /`maxSurge` must be a count \("1"\) or a percentage/],
        ["an image that is no string", { image: 42 }, /`image` must be a container image reference/],
        ["a CIDR that is no string", { inboundCidrs: [10] }, /`inboundCidrs/],
        ["a tag value that is no string", { tags: { team: 42 } }, /`tags/],
        [
            "an image name longer than 255 characters",
            { image: `${"a".repeat(256)}:1.0` },
            /`image` must be a container image reference/,
        ],
    ];
    for (const [what, overrides, message] of refused) {
        it(`refuses ${what}`, async () => {
            const m = await refusal(overrides);
            assert.ok(m !== undefined, "accepted");
            assert.match(m, message);
        });
    }

    it("accepts each rule's edge values", async () => {
        for (const overrides of [
            {
                readinessProbe: {
                    path: "/",
                    initialDelaySeconds: 0,
                    periodSeconds: 1,
                    timeoutSeconds: 3600,
                    failureThreshold: 1,
                },
            },
            { livenessProbe: {} },
            { host: `${"a".repeat(63)}.${"b".repeat(50)}.example.com` }, // 126 characters: under the ALB's 128
            { host: "*.example.com" },
            { maxUnavailable: "25%", maxSurge: "1" },
            { image: "registry.example.com:5000/team/app@sha256:" + "a".repeat(64) },
            { sslRedirect: true, certificateArns: [CERT] },
            { image: `${"a".repeat(255)}:1.0` },
            // "_" is allowed in a repository path component, not in a registry host: no host here
            { image: "my_team/app:1.0" },
            { sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", certificateArns: [CERT] },
        ]) {
            assert.strictEqual(await refusal(overrides), undefined, JSON.stringify(overrides));
            reset();
        }
    });

    it("takes as its name a DNS-1035 label (it names the Deployment, Service and Ingress)", () => {
        for (const name of ["a", "w".repeat(63), "web-2"]) new IngressApp(name, base({}));
        for (const name of ["w".repeat(64), "web_app", "web-", "2web"]) {
            assert.throws(
                () => new IngressApp(name, base({})),
                (e: unknown) =>
                    e instanceof InvalidArgumentsError &&
                    e.problems.some((p) => p.startsWith("`name` must be a DNS-1035 label")),
                name,
            );
        }
    });

    it("refuses arguments that are not an object, naming `args`", () => {
        assert.throws(
            () => new IngressApp("rules", "web" as unknown as IngressAppArgs),
            /IngressApp "rules": invalid arguments[\s\S]*`args` must be an object/,
        );
    });
});
