import * as assert from "assert";
import { ConfigError } from "../../stack/config";
import { decideOidcProvider, isOidcProviderNotFound, OWNER_TAG } from "../../stack/oidcProvider";
import { invokeError, oidcProviderNotFound } from "../harness/mocks";

const TOKEN = "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider";
const ARN = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/X";
const OWNER = "eks-alb-ingress/dev";

describe("stack OIDC provider look-up", () => {
    describe("isOidcProviderNotFound", () => {
        const notFound: [string, Error][] = [
            ["the data source's NotFoundError (current terraform-provider-aws)", oidcProviderNotFound()],
            [
                "IAM's NoSuchEntity passed through (older terraform-provider-aws)",
                invokeError(
                    TOKEN,
                    `reading IAM OIDC Provider: operation error IAM: GetOpenIDConnectProvider, https response error StatusCode: 404, RequestID: 1, NoSuchEntity: OpenIDConnect Provider not found for arn ${ARN}`,
                ),
            ],
        ];
        for (const [what, error] of notFound) {
            it(`takes ${what} as "absent"`, () => assert.strictEqual(isOidcProviderNotFound(error), true));
        }
        const failures: [string, Error][] = [
            [
                "AccessDenied",
                invokeError(TOKEN, "reading IAM OIDC Provider: ... api error AccessDenied: not authorized"),
            ],
            ["throttling", invokeError(TOKEN, "reading IAM OIDC Provider: ... api error Throttling: Rate exceeded")],
            ["an unconfigured provider", new Error("invocation of x returned an error: no valid credential sources")],
            ["a not-found of something else", invokeError(TOKEN, "reading EKS Cluster (c): couldn't find resource")],
        ];
        for (const [what, error] of failures) {
            it(`does not take ${what} as "absent"`, () => assert.strictEqual(isOidcProviderNotFound(error), false));
        }
    });

    describe("decideOidcProvider", () => {
        const absent = { found: false } as const;
        const ours = { found: true, tags: { [OWNER_TAG]: OWNER } } as const;
        const othersStack = { found: true, tags: { [OWNER_TAG]: "eks-alb-ingress/prod" } } as const;
        const untagged = { found: true, tags: {} } as const;
        const table: [string, Parameters<typeof decideOidcProvider>[1], string, string, string][] = [
            //        look-up        auto              reuse             create
            ["absent", absent, "manage", "error", "manage"],
            ["ours", ours, "adopt", "adopt", "adopt"],
            ["another stack's", othersStack, "reuse", "reuse", "error"],
            ["untagged", untagged, "reuse", "reuse", "error"],
        ];
        const outcome = (mode: "auto" | "reuse" | "create", lookup: Parameters<typeof decideOidcProvider>[1]) => {
            try {
                const d = decideOidcProvider(mode, lookup, OWNER, ARN);
                return d.kind === "manage" && d.adopt ? "adopt" : d.kind;
            } catch (e) {
                assert.ok(e instanceof ConfigError && e.key === "oidcProvider", String(e));
                return "error";
            }
        };
        for (const [what, lookup, auto, reuse, create] of table) {
            it(`decides for a provider that is ${what}: auto ${auto}, reuse ${reuse}, create ${create}`, () => {
                assert.deepStrictEqual(
                    [outcome("auto", lookup), outcome("reuse", lookup), outcome("create", lookup)],
                    [auto, reuse, create],
                );
            });
        }
    });
});
