/**
 * The stack program `pulumi up` runs: reads this stack's config (declared in Pulumi.yaml), then builds the
 * cluster wiring, the AWS Load Balancer Controller and every configured app (stack/program.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { PROJECT, readStackConfig } from "./stack/config";
import { createStack } from "./stack/program";

const config = new pulumi.Config(PROJECT);

export = createStack(readStackConfig((key) => config.get(key), Object.keys(pulumi.runtime.allConfig())));
