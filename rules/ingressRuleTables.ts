/**
 * The limits the AWS Load Balancer Controller (kubernetes-sigs/aws-load-balancer-controller v3.5.0, unchanged at
 * the newest snapshot) and the ELBv2 API apply to what an Ingress asks for. Data only: `ingressRules.ts` applies
 * them. Each entry names its source; a controller rule fails the model build, an ELBv2 rule fails the deploy. Either
 * way the Ingress status is never written and pulumi-kubernetes waits out its 10-minute await
 * (pulumi/pulumi-kubernetes `provider/pkg/await/ingress.go`).
 */

/** `pkg/ingress/group_loader.go` `validateGroupName`: `groupNameRegex`, `maxGroupNameLength`. */
export const GROUP_NAME = { pattern: /^([a-z0-9][-a-z0-9.]*)?[a-z0-9]$/, maxLength: 63 } as const;

/** `pkg/ingress/group_loader.go` `sortGroupMembers`: `minGroupOrder`, `maxGroupOder`. */
export const GROUP_ORDER = { min: -1000, max: 1000 } as const;

/**
 * `pkg/ingress/model_build_load_balancer.go` `buildLoadBalancerName` (longer than 32 fails) and the ELBv2
 * `CreateLoadBalancer` `Name` rule: alphanumerics and hyphens, not starting or ending with a hyphen, not
 * starting with `internal-`.
 */
export const LOAD_BALANCER_NAME = {
    maxLength: 32,
    pattern: /^[0-9A-Za-z](?:[0-9A-Za-z-]*[0-9A-Za-z])?$/,
    reservedPrefix: "internal-",
} as const;

/**
 * ELBv2 `Tag` (`Key` 1-128, `Value` 0-256 characters of `^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`; keys starting with
 * `aws:` are reserved to AWS, see `pkg/algorithm/maps.go` `awsSystemTagPrefix`). The controller's
 * `ParseStringMapAnnotation` splits keys at the first `=`, so a key cannot contain one.
 */
export const TAG = {
    maxKeyLength: 128,
    maxValueLength: 256,
    pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
    reservedKeyPrefix: "aws:",
} as const;

/** ELBv2 `PathPatternConditionConfig` / `HostHeaderConditionConfig`: at most 128 characters per value. */
export const RULE_VALUE_MAX_LENGTH = 128;

/** ELBv2 `CreateTargetGroup` `HealthCheckPath` (terraform-provider-aws `target_group.go`: 1-1024, starts with `/`). */
export const HEALTH_CHECK_PATH_MAX_LENGTH = 1024;

/** `pkg/ingress/model_builder.go` `Build`: the controller's health check defaults when no annotation is set. */
export const HEALTH_CHECK_DEFAULTS = { intervalSeconds: 15, timeoutSeconds: 5 } as const;

/** ELBv2 `Matcher`: ALB `HttpCode` values 200-499, `GrpcCode` 0-99, as a list ("200,202") or range ("200-299"). */
export const SUCCESS_CODES = { HTTP: [200, 499], GRPC: [0, 99] } as const satisfies Record<string, [number, number]>;

/** ELBv2 `CreateLoadBalancer` `CustomerOwnedIpv4Pool` pattern. */
export const COIP_POOL = /^ipv4pool-coip-[a-zA-Z0-9]+$/;

/** ACM certificate or IAM server certificate ARN (ELBv2 `Certificate.CertificateArn`). */
export const CERTIFICATE_ARN =
    /^arn:aws[a-z-]*:(acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+|iam::\d{12}:server-certificate\/\S+)$/;

/** `pkg/ingress/model_build_load_balancer_addons.go`: `wafv2ACLARNNone`, the value that removes the ACL. */
export const WAFV2_ACL_NONE = "none";

/** A regional WAFv2 web ACL ARN (WAFv2 `AssociateWebACL` `WebACLArn`). */
export const WAFV2_ACL_ARN = /^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/\S+$/;

/** `shared_constants.LBAttributeDeletionProtection`, read with `strconv.ParseBool` by `getDeletionProtectionViaAnnotation`. */
export const DELETION_PROTECTION_ATTRIBUTE = "deletion_protection.enabled";

/** `elbv2model.CapacityUnits`: the only key `buildLoadBalancerMinimumCapacity` accepts. */
export const CAPACITY_UNITS_KEY = "CapacityUnits";

/** `config_types.go`: `ActionType`, `RuleConditionField`, `TransformType`, `AuthType` values. */
export const ACTION_TYPES = ["fixed-response", "forward", "redirect"] as const;
export const CONDITION_FIELDS = [
    "http-header",
    "http-request-method",
    "host-header",
    "path-pattern",
    "query-string",
    "source-ip",
] as const;
export const TRANSFORM_TYPES = ["url-rewrite", "host-header-rewrite"] as const;

/** `model_build_listener.go` `validateMutualAuthenticationConfig`: modes and `advertiseTrustStoreCaNames` values. */
export const MTLS_MODES = ["off", "passthrough", "verify"] as const;
export const MTLS_ADVERTISE_CA_NAMES = ["on", "off"] as const;

/** `shared_constants.HealthCheckPortTrafficPort`. */
export const TRAFFIC_PORT = "traffic-port";

/** The suffix of the annotations whose value sets the load balancer as a whole (one value per IngressGroup). */
export const EXCLUSIVE_SETTINGS: Readonly<Record<string, string>> = {
    scheme: "model_build_load_balancer.go buildLoadBalancerScheme",
    "ip-address-type": "model_build_load_balancer.go buildLoadBalancerIPAddressType",
    "load-balancer-name": "model_build_load_balancer.go buildLoadBalancerName",
    "customer-owned-ipv4-pool": "model_build_load_balancer.go buildLoadBalancerCOIPv4Pool",
    "wafv2-acl-arn": "model_build_load_balancer_addons.go buildWAFv2WebACLAssociation",
    "wafv2-acl-name": "model_build_load_balancer_addons.go buildWAFv2WebACLAssociation",
    "shield-advanced-protection": "model_build_load_balancer_addons.go buildShieldProtection",
    "manage-backend-security-group-rules": "model_builder.go buildManageSecurityGroupRulesFlag",
    "ipam-ipv4-pool-id": "model_build_ipam.go buildIPv4IPAMPoolID",
    "ssl-redirect": "model_builder.go buildSSLRedirectConfig",
    "enable-frontend-nlb": "model_build_frontend_nlb.go",
};
