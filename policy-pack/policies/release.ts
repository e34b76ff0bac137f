/** Policies over the Helm release of the AWS Load Balancer Controller. */
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { CONTROLLER_CHART, RELEASE_TYPE, configOf, forTypes, get, isObj } from "./util";

/** True when a release's `chart` is the controller chart (`aws-load-balancer-controller`, `eks/…` or a URL). */
export const isControllerChart = (chart: unknown): boolean =>
    typeof chart === "string" && (chart === CONTROLLER_CHART || chart.split("/").pop() === CONTROLLER_CHART);

function controllerOnly(args: ResourceValidationArgs): void {
    if (!isControllerChart(args.props.chart)) {
        args.notApplicable(`the release does not install ${CONTROLLER_CHART}`);
    }
}

const EXACT_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

export const lbcReleasePinned: ResourceValidationPolicy = {
    name: "lbc-release-pinned",
    url: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/deploy/installation/",
    description:
        "A Helm release of aws-load-balancer-controller pins an exact chart version and sets the values clusterName, region and vpcId. Without them the chart follows the repository's latest version, and the controller discovers the region and VPC from instance metadata, which IMDSv2 hop limits often block.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: forTypes([RELEASE_TYPE], (args, report) => {
        controllerOnly(args);
        const version = args.props.version;
        if (version === undefined || version === null || version === "") {
            report(`Release of ${CONTROLLER_CHART} does not set version; pin an exact chart version such as 1.17.1.`);
        } else if (typeof version === "string" && !EXACT_VERSION.test(version)) {
            report(
                `Release of ${CONTROLLER_CHART} sets version ${version}, a range; pin an exact chart version such as 1.17.1.`,
            );
        }
        const values = isObj(args.props.values) ? args.props.values : {};
        for (const key of ["clusterName", "region", "vpcId"]) {
            const v = values[key];
            if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) {
                report(`Release of ${CONTROLLER_CHART} does not set values.${key}; set it explicitly.`);
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
    validateResource: forTypes([RELEASE_TYPE], (args, report) => {
        controllerOnly(args);
        const { minReplicas } = configOf(args, { minReplicas: 2 });
        const replicas = get(args.props, "values", "replicaCount") ?? 2; // the chart's default
        if (typeof replicas === "number" && replicas < minReplicas) {
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
