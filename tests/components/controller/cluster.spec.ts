import * as assert from "assert";
import * as eks from "@pulumi/eks";
import { AlbIngressController } from "../../../components/index";
import { one, ofType } from "../../harness/graph";
import { settle, valueOf } from "../../harness/mocks";

describe("AlbIngressController with an @pulumi/eks cluster", () => {
    it("takes the cluster name, VPC and OIDC provider from the cluster", async () => {
        const cluster = new eks.Cluster("demo", { createOidcProvider: true });
        const c = new AlbIngressController("from-cluster", { cluster });
        await settle();
        const values = one("kubernetes:helm.sh/v3:Release", "from-cluster-release").inputs.values;
        assert.deepStrictEqual(
            [values.clusterName, values.vpcId],
            ["demo-eksCluster-a1b2c3d", "vpc-0fedcba9876543210"],
        );
        assert.strictEqual(
            ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider").length,
            0,
            "the cluster's provider is reused",
        );
        const trust = JSON.parse(one("aws:iam/role:Role").inputs.assumeRolePolicy);
        const issuer = "oidc.eks.us-west-2.amazonaws.com/id/DEMO";
        assert.strictEqual(trust.Statement[0].Principal.Federated, `arn:aws:iam::123456789012:oidc-provider/${issuer}`);
        assert.ok(`${issuer}:sub` in trust.Statement[0].Condition.StringEquals);
        assert.strictEqual(await valueOf(c.oidcProviderArn), `arn:aws:iam::123456789012:oidc-provider/${issuer}`);
    });

    it("lets explicit arguments win over the cluster's", async () => {
        const cluster = new eks.Cluster("demo2", { createOidcProvider: true });
        new AlbIngressController("explicit", {
            cluster,
            clusterName: "named",
            vpcId: "vpc-11111111",
            oidcIssuerUrl: "https://oidc.example.com/id/ABC",
        });
        await settle();
        const values = one("kubernetes:helm.sh/v3:Release", "explicit-release").inputs.values;
        assert.deepStrictEqual([values.clusterName, values.vpcId], ["named", "vpc-11111111"]);
        assert.strictEqual(
            one("aws:iam/openIdConnectProvider:OpenIdConnectProvider").inputs.url,
            "https://oidc.example.com/id/ABC",
        );
    });

    it("needs no OIDC provider on the cluster with Pod Identity", async () => {
        const cluster = new eks.Cluster("demo3", {});
        new AlbIngressController("pi-cluster", { cluster, identity: "podIdentity" });
        await settle();
        assert.strictEqual(
            one("aws:eks/podIdentityAssociation:PodIdentityAssociation").inputs.clusterName,
            "demo3-eksCluster-a1b2c3d",
        );
    });

    it("fails the deployment, naming createOidcProvider, when IRSA meets a cluster without an OIDC provider", async () => {
        const cluster = new eks.Cluster("demo4", {});
        const c = new AlbIngressController("no-oidc", { cluster });
        await assert.rejects(
            valueOf(c.oidcProviderArn),
            /`cluster` has no IAM OIDC provider: create it with `createOidcProvider: true`/,
        );
        await settle().catch(() => undefined);
    });
});
