/**
 * The VPC of a new cluster. Without one, @pulumi/eks puts the cluster in the account's default VPC, whose subnets
 * are all public (pulumi/pulumi-eks `nodejs/eks/cluster/cluster.ts`, `vpcId`: "If unset, the cluster will be created
 * in the default VPC"), so the controller's subnet discovery finds no subnet for an internal ALB.
 *
 * Subnet discovery (kubernetes-sigs/aws-load-balancer-controller `docs/deploy/subnet_discovery.md`): with role
 * tags present, only tagged subnets are candidates — `kubernetes.io/role/elb` for internet-facing load balancers,
 * `kubernetes.io/role/internal-elb` for internal ones. At v2.7.0, the oldest release this package supports, the
 * doc says subnets "must have" these tags; discovery by route table only exists from v2.12.1, and only when no
 * subnet has a role tag. A subnet whose `kubernetes.io/cluster/<name>` tag names another cluster is filtered out,
 * one naming this cluster is preferred, and an ALB needs two subnets in different availability zones. So: public and
 * private subnets in three zones, each tagged with its role and the cluster, built by the maintained @pulumi/awsx
 * `ec2.Vpc` component.
 */
import * as awsx from "@pulumi/awsx";

/** The role tag of the subnets an internet-facing load balancer may use. */
export const PUBLIC_ELB_TAG = "kubernetes.io/role/elb";
/** The role tag of the subnets an internal load balancer may use. */
export const INTERNAL_ELB_TAG = "kubernetes.io/role/internal-elb";

/** The subnet tags of a cluster's VPC, by subnet type. */
export function subnetTags(clusterName: string): { public: Record<string, string>; private: Record<string, string> } {
    const cluster = { [`kubernetes.io/cluster/${clusterName}`]: "shared" };
    return { public: { ...cluster, [PUBLIC_ELB_TAG]: "1" }, private: { ...cluster, [INTERNAL_ELB_TAG]: "1" } };
}

/**
 * A VPC for the cluster `clusterName`: a public and a private subnet per availability zone (awsx's default of three
 * zones and a NAT gateway per zone, so that nodes in private subnets reach the internet), DNS host names on (EKS
 * needs them for its private endpoint and nodes).
 */
export function clusterVpc(clusterName: string): awsx.ec2.Vpc {
    const tags = subnetTags(clusterName);
    return new awsx.ec2.Vpc(`${clusterName}-vpc`, {
        enableDnsHostnames: true,
        subnetStrategy: awsx.ec2.SubnetAllocationStrategy.Auto,
        subnetSpecs: [
            { type: awsx.ec2.SubnetType.Public, tags: tags.public },
            { type: awsx.ec2.SubnetType.Private, tags: tags.private },
        ],
        tags: { Name: `${clusterName}-vpc` },
    });
}
