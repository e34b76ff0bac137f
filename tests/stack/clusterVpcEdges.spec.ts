/**
 * A new cluster's VPC (stack/clusterVpc.ts): the settings EKS needs of it besides the subnets (program.spec.ts
 * asserts those): DNS host names on, and a Name tag that tells the cluster's VPC apart in the console.
 */
import * as assert from "assert";
import { clusterVpc } from "../../stack/clusterVpc";
import { one } from "../harness/graph";
import { settle } from "../harness/mocks";

describe("stack cluster VPC", () => {
    it("turns DNS host names on and names the VPC after the cluster", async () => {
        clusterVpc("shop");
        await settle();
        const vpc = one("awsx:ec2:Vpc", "shop-vpc").inputs;
        assert.deepStrictEqual([vpc.enableDnsHostnames, vpc.tags], [true, { Name: "shop-vpc" }]);
    });
});
