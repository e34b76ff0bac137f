/**
 * The look-up of an existing cluster's IAM OIDC provider (stack/oidcProvider.ts) when IAM does not answer: the
 * run fails with the provider's own error text after the explanation, and keeps that error as its cause.
 */
import * as assert from "assert";
import { lookUpOidcProvider } from "../../stack/oidcProvider";
import { cloud } from "../harness/mocks";

const ARN = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/X";
const TOKEN = "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider";

describe("stack OIDC provider look-up: a failed look-up", () => {
    it("fails with the explanation followed by the invoke's message, and the invoke's error as the cause", async () => {
        cloud.oidcProviderLookupError = "reading IAM OIDC Provider: api error AccessDenied: not authorized";
        const e = await lookUpOidcProvider(ARN).then(
            () => assert.fail("expected the look-up to fail"),
            (err: unknown) => err as Error & { cause?: unknown },
        );
        const cause = e.cause as Error;
        assert.ok(cause instanceof Error, "the invoke's error is the cause");
        assert.ok(cause.message.startsWith(`invocation of ${TOKEN} returned an error`), cause.message);
        assert.strictEqual(
            e.message,
            `looking up the cluster's IAM OIDC provider ${ARN} failed, so the stack cannot tell whether to create it ` +
                `(config eks-alb-ingress:oidcProvider needs iam:GetOpenIDConnectProvider): ${cause.message}`,
        );
    });
});
