/**
 * AWS partitions the controller policy can be rendered for. Upstream ships one `iam_policy*.json` per
 * partition; they differ from the commercial one only in the ARN prefix, and the isolated (`aws-iso*`)
 * partitions also lack a few Elastic Load Balancing actions that do not exist there.
 */

/** Actions upstream leaves out of the policy in every isolated partition. */
const ISOLATED_PARTITION_OMITTED_ACTIONS: readonly string[] = [
    "elasticloadbalancing:DescribeCapacityReservation",
    "elasticloadbalancing:DescribeListenerAttributes",
    "elasticloadbalancing:DescribeTrustStores",
    "elasticloadbalancing:ModifyCapacityReservation",
    "elasticloadbalancing:ModifyListenerAttributes",
];

/** Partition → actions that must not appear in that partition's policy. */
export const PARTITIONS: Readonly<Record<string, readonly string[]>> = {
    aws: [],
    "aws-cn": [],
    "aws-us-gov": [],
    "aws-eusc": [],
    "aws-iso": ISOLATED_PARTITION_OMITTED_ACTIONS,
    "aws-iso-b": ISOLATED_PARTITION_OMITTED_ACTIONS,
    "aws-iso-e": ISOLATED_PARTITION_OMITTED_ACTIONS,
    "aws-iso-f": ISOLATED_PARTITION_OMITTED_ACTIONS,
};

/** The supported partition names. */
export const PARTITION_NAMES: readonly string[] = Object.keys(PARTITIONS);
