/** Policies over the Helm release of the AWS Load Balancer Controller. */
import type { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { CONTROLLER_CHART, RELEASE_TYPE, arr, configOf, forTypes, get, isObj } from "./util";

/** True when a release's `chart` is the controller chart (`aws-load-balancer-controller`, `eks/…` or a URL). */
export const isControllerChart = (chart: unknown): boolean =>
    typeof chart === "string" && (chart === CONTROLLER_CHART || chart.split("/").pop() === CONTROLLER_CHART);

/**
 * True for a Helm `Release` of the controller chart: the one resource whose outputs, as stack policies see them, carry
 * the controller's values (a Chart's outputs hold none: pulumi/pulumi `pkg/resource/deploy/step_generator.go`
 * `AnalyzeResources` passes outputs; pulumi-kubernetes `provider/pkg/provider/helm/v4/chart.go`).
 */
export const isControllerRelease = (r: PolicyResource): boolean =>
    r.type === RELEASE_TYPE && isControllerChart(r.props.chart);

function controllerOnly(args: ResourceValidationArgs): void {
    if (!isControllerChart(args.props.chart)) {
        args.notApplicable(`the release does not install ${CONTROLLER_CHART}`);
    }
}

/**
 * A `helm.sh/v3:Chart` of a Node.js program: a local component, and @pulumi/pulumi's `ComponentResource` sends its args
 * (the ChartOpts) as the resource's inputs, which resource policies see. The Go, Python and .NET Charts send none,
 * nor does the v4 Chart (built by the provider's Construct); stack policies see a Chart's outputs, never its values.
 */
const CHART_TYPE = "kubernetes:helm.sh/v3:Chart";
const HELM_TYPES = [RELEASE_TYPE, CHART_TYPE];
const kindOf = (args: ResourceValidationArgs): string => (args.type === CHART_TYPE ? "Chart" : "Release");

const EXACT_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

export const lbcReleasePinned: ResourceValidationPolicy = {
    name: "lbc-release-pinned",
    url: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/deploy/installation/",
    description:
        "A Helm release of aws-load-balancer-controller pins an exact chart version and sets the values clusterName, region (or env AWS_REGION) and vpcId (or vpcTags). Without them the chart follows the repository's latest version, and the controller discovers the region and VPC from instance metadata, which IMDSv2 hop limits often block. Values kept in valueYamlFiles are not judged.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: forTypes(HELM_TYPES, (args, report) => {
        controllerOnly(args);
        const kind = kindOf(args);
        // A Chart's `version`, else its `fetchOpts.version` (pulumi-kubernetes invoke_helm_template.go).
        const version = args.props.version || get(args.props, "fetchOpts", "version");
        if (!version) {
            report(`${kind} of ${CONTROLLER_CHART} does not set version; pin an exact chart version such as 1.17.1.`);
        } else if (!EXACT_VERSION.test(String(version))) {
            // A number (`version: 1.17` in YAML) is no exact x.y.z chart version either.
            report(
                `${kind} of ${CONTROLLER_CHART} sets version ${version}, a range; pin an exact chart version such as 1.17.1.`,
            );
        }
        if (arr(args.props.valueYamlFiles).length > 0) return; // values in files the policy cannot read
        const values = isObj(args.props.values) ? args.props.values : {};
        const set = (v: unknown) => v !== undefined && v !== null && !(typeof v === "string" && v.trim() === "");
        // Every way the controller gets these without instance metadata (templates/deployment.yaml; the controller's
        // pkg/aws/cloud.go: --aws-region, else AWS_DEFAULT_REGION / AWS_REGION, else IMDS; --aws-vpc-id, else
        // --aws-vpc-tags, else IMDS).
        const env = isObj(values.env) ? values.env : {};
        const wiring: [string, boolean][] = [
            ["clusterName", set(values.clusterName)],
            ["region", set(values.region) || set(env.AWS_REGION) || set(env.AWS_DEFAULT_REGION)],
            ["vpcId", set(values.vpcId) || (isObj(values.vpcTags) && Object.keys(values.vpcTags).length > 0)],
        ];
        for (const [key, ok] of wiring) {
            if (!ok) {
                report(
                    `${kind} of ${CONTROLLER_CHART} does not set values.${key}${key === "clusterName" ? "" : key === "region" ? " (or values.env.AWS_REGION)" : " (or values.vpcTags)"}; set it explicitly.`,
                );
            }
        }
    }),
};

export const lbcHighAvailability: ResourceValidationPolicy = {
    name: "lbc-high-availability",
    url: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/deploy/configurations/",
    description:
        "The controller runs at least two replicas with a PodDisruptionBudget, so that its admission webhook stays available during node drains and upgrades.",
    enforcementLevel: "advisory",
    severity: "medium",
    configSchema: {
        properties: {
            minReplicas: {
                type: "integer",
                minimum: 1,
                default: 2,
                description: "The fewest controller replicas allowed.",
            },
        },
    },
    validateResource: forTypes(HELM_TYPES, (args, report) => {
        controllerOnly(args);
        const { minReplicas } = configOf(args, { minReplicas: 2 });
        // The chart renders `replicas: {{ .Values.replicaCount }}` (templates/deployment.yaml, no values.schema.json):
        // a count given as text ("1", e.g. from Pulumi config) is that many replicas.
        const replicas = Number(get(args.props, "values", "replicaCount") ?? 2); // the chart's default
        if (replicas < minReplicas) {
            report(
                `Controller runs ${replicas} replica(s); set values.replicaCount to at least ${minReplicas} so that the webhook survives a node drain.`,
            );
        }
        const pdb = get(args.props, "values", "podDisruptionBudget");
        if (!isObj(pdb) || Object.keys(pdb).length === 0) {
            report(
                `Controller has no PodDisruptionBudget; set values.podDisruptionBudget, e.g. { maxUnavailable: 1 }.`,
            );
        }
    }),
};

export const releasePolicies: ResourceValidationPolicy[] = [lbcReleasePinned, lbcHighAvailability];
