/**
 * The stack program `pulumi up` runs: reads this stack's config (declared in Pulumi.yaml), then builds the
 * cluster wiring, the AWS Load Balancer Controller or EKS Auto Mode's classes (config `loadBalancing`), the ALB
 * gateways and every configured app (stack/program.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { readStackConfig } from "./stack/config";
import { createStack, runningHost } from "./stack/program";

// The project's keys are namespaced by the project name in Pulumi.yaml, whatever it is.
const project = pulumi.getProject();
const config = new pulumi.Config(project);

export = createStack(
    readStackConfig((key) => config.get(key), Object.keys(pulumi.runtime.allConfig()), project),
    runningHost(),
);
