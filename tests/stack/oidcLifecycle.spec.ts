/**
 * The cluster's IAM OIDC provider over a stack's life, on the plan's stateful world (plan/lifecycle): every
 * look-up answers from what earlier runs left in the account.
 */
import * as assert from "assert";
import { OWNER_TAG, stackOwner } from "../../stack/oidcProvider";
import { destroy, emptyWorld, noChanges, type Step, up } from "../../plan/lifecycle/world";
import type { StackFiles } from "../../plan/stackFiles";

const OIDC_TYPE = "aws:iam/openIdConnectProvider:OpenIdConnectProvider";
const ISSUER_URL = "https://oidc.eks.us-west-2.amazonaws.com/id/EKSWORKSHOP";
const ARN = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/EKSWORKSHOP";

/** A stack on the existing cluster `eksworkshop`, with IRSA (the default identity) and no apps. */
function stackFiles(config: Record<string, string> = {}): StackFiles {
    return {
        project: "eks-alb-ingress",
        stack: "life",
        file: "Pulumi.life.yaml",
        config: { "aws:region": "us-west-2", "eks-alb-ingress:clusterName": "eksworkshop", ...config },
    };
}

/** The steps of the cluster's OIDC provider: `<op> <name>`, `retained` for a delete that keeps it. */
function oidcSteps(steps: readonly Step[]): string[] {
    return steps.filter((s) => s.type === OIDC_TYPE).map((s) => `${s.op} ${s.name}${s.retained ? " retained" : ""}`);
}

describe("stack OIDC provider lifecycle", () => {
    it("three ups and a destroy keep the provider the stack created, then retain it; the next up adopts it", async () => {
        const files = stackFiles();
        const first = await up(emptyWorld(), files);
        const second = await up(first.world, files);
        const third = await up(second.world, files);
        assert.deepStrictEqual(
            [oidcSteps(first.steps), oidcSteps(second.steps), oidcSteps(third.steps)],
            [["create eksworkshop-oidc"], ["same eksworkshop-oidc"], ["same eksworkshop-oidc"]],
        );
        assert.ok(noChanges(second.steps) && noChanges(third.steps), "second and third up change nothing");
        const gone = await destroy(third.world);
        assert.deepStrictEqual(oidcSteps(gone.steps), ["delete eksworkshop-oidc retained"]);
        assert.deepStrictEqual(gone.world.external.oidcProviders.get(ARN)?.tags, {
            [OWNER_TAG]: stackOwner(),
        });
        const again = await up(gone.world, files);
        assert.deepStrictEqual(oidcSteps(again.steps), ["import eksworkshop-oidc"], "adopted, not created twice");
        assert.deepStrictEqual(
            again.steps.flatMap((s) => s.errors),
            [],
        );
        assert.ok(noChanges((await up(again.world, files)).steps));
    });

    it("deletes the provider it created on destroy when oidcProviderDeleteOnDestroy is set", async () => {
        const files = stackFiles({ "eks-alb-ingress:oidcProviderDeleteOnDestroy": "true" });
        const gone = await destroy((await up(emptyWorld(), files)).world);
        assert.deepStrictEqual(oidcSteps(gone.steps), ["delete eksworkshop-oidc"]);
        assert.strictEqual(gone.world.external.oidcProviders.has(ARN), false);
    });

    it("never registers, changes or deletes a provider it did not create (the runbook's, another stack's)", async () => {
        const cases: Record<string, string>[] = [{}, { [OWNER_TAG]: "eks-alb-ingress/prod" }];
        for (const tags of cases) {
            const world = emptyWorld();
            world.external.oidcProviders.set(ARN, { url: ISSUER_URL, clientIdLists: ["sts.amazonaws.com"], tags });
            const first = await up(world, stackFiles());
            const second = await up(first.world, stackFiles());
            const gone = await destroy(second.world);
            assert.deepStrictEqual(
                [oidcSteps(first.steps), oidcSteps(second.steps), oidcSteps(gone.steps)],
                [[], [], []],
                JSON.stringify(tags),
            );
            assert.deepStrictEqual(gone.world.external.oidcProviders.get(ARN)?.tags, tags);
        }
    });
});
