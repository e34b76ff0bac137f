/**
 * One measurement in a fresh process (so peak memory is its own): evaluates a scenario on the mock engine and
 * prints one JSON line. Scenarios: `dev` (the dev stack through index.ts and the components), `baseline` (the same
 * custom resources, same types and inputs, registered directly from a dump of `dev`), and `apps` (N IngressApps
 * behind one controller, each with its own ALB or all in one IngressGroup).
 */
import * as fs from "fs";
import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { policies } from "../policy-pack/policies";
import { installMocks, recorded, settle } from "../plan/engine";
import { ROOT, evaluateStackProgram } from "../plan/evaluate";
import { exitWhenFlushed } from "../plan/exit";
import { fakesOf, runPolicies } from "../plan/policyRunner";
import { loadStackFiles } from "../plan/stackFiles";
import { parseStackConfig } from "../stack/config";
import { createStack } from "../stack/program";
import { albCount, criticalPath } from "./measure";

/** A resource registered as-is, with no component around it: the baseline. */
class RawResource extends pulumi.CustomResource {
    constructor(type: string, name: string, inputs: pulumi.Inputs) {
        super(type, name, inputs);
    }
}

/** A provider registered as-is: the baseline. */
class RawProvider extends pulumi.ProviderResource {
    constructor(pkg: string, name: string, inputs: pulumi.Inputs) {
        super(pkg, name, inputs);
    }
}

/** A dumped resource: what the baseline registers. */
interface Dumped {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
}

/** The apps of a scale scenario. */
export function scaleApps(n: number, grouped: boolean): Record<string, unknown>[] {
    return Array.from({ length: n }, (_, i) => ({
        name: `app-${i}`,
        image: "public.ecr.aws/nginx/nginx:1.27",
        containerPort: 80,
        targetType: "ip",
        path: `/app-${i}`,
        ...(grouped ? { group: { name: "shared", order: (i % 2000) - 1000 } } : {}),
    }));
}

/**
 * Loads every provider module either scenario touches, so that both measure evaluation, not module loading
 * (`@pulumi/aws` and `@pulumi/kubernetes` load their submodules lazily, on first use).
 */
function preloadModules(): void {
    const touched = [
        aws.iam.Role,
        aws.eks.PodIdentityAssociation,
        k8s.helm.v3.Release,
        k8s.core.v1.Service,
        k8s.apps.v1.Deployment,
        k8s.networking.v1.Ingress,
        k8s.Provider,
        tls.PrivateKey,
        eks.Cluster,
    ];
    if (touched.some((t) => typeof t !== "function")) throw new Error("a provider module did not load");
}

async function run(args: string[]): Promise<Record<string, unknown>> {
    const [scenario, param, dumpFile] = args;
    preloadModules();
    const started = process.hrtime.bigint();
    if (scenario === "dev") {
        await evaluateStackProgram(loadStackFiles(ROOT, "dev"));
        if (param === "--dump") {
            const custom = recorded
                .filter((r) => r.custom)
                .map((r): Dumped => ({ type: r.type, name: r.name, inputs: r.inputs }));
            fs.writeFileSync(dumpFile, JSON.stringify(custom));
        }
    } else if (scenario === "baseline") {
        installMocks("eks-alb-ingress", "bench");
        const dumped = JSON.parse(fs.readFileSync(param, "utf8")) as Dumped[];
        for (const d of dumped) {
            if (d.type.startsWith("pulumi:providers:")) new RawProvider(d.type.split(":")[2], d.name, d.inputs);
            else new RawResource(d.type, d.name, d.inputs);
        }
        await settle();
    } else if (scenario === "apps" || scenario === "group") {
        installMocks("eks-alb-ingress", "bench");
        await createStack(
            parseStackConfig({ clusterName: "bench", apps: scaleApps(Number(param), scenario === "group") }),
        );
        await settle();
    } else {
        throw new Error(`unknown scenario ${scenario}`);
    }
    const evalMs = Number(process.hrtime.bigint() - started) / 1e6;
    const resources = [...recorded];
    const policyStart = process.hrtime.bigint();
    const violations = scenario === "baseline" ? [] : await runPolicies(policies, fakesOf(resources));
    const policyMs = Number(process.hrtime.bigint() - policyStart) / 1e6;
    return {
        scenario,
        param,
        evalMs,
        maxRssMb: process.resourceUsage().maxRSS / 1024,
        resources: resources.length,
        customResources: resources.filter((r) => r.custom).length,
        albs: albCount(resources),
        criticalPath: criticalPath(resources),
        policyMs,
        mandatoryViolations: violations.filter((v) => v.enforcementLevel === "mandatory").length,
    };
}

if (require.main === module)
    run(process.argv.slice(2)).then(
        (result) => {
            process.stdout.write(`${JSON.stringify(result)}\n`);
            exitWhenFlushed(0);
        },
        (e: unknown) => {
            process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
            exitWhenFlushed(1);
        },
    );
