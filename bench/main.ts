/**
 * `npm run bench`: what the plan and the policy evaluation cost as stacks grow, measured on this machine. Every
 * figure is the median (with min and max) of several runs, each in a fresh process. Prints a table and writes
 * BENCHMARKS.md; `--smoke` runs only 1 and 10 apps once (CI keeps the script working; timings are not judged).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { linearFit, stats } from "./measure";

const ROOT = path.resolve(__dirname, "..");

/** What the numbers mean, from profiling them (kept with the figures in BENCHMARKS.md). */
const NOTES = `
## Where the time goes

- Profile (\`node --cpu-prof\` on 200 grouped apps): about a fifth of evaluation is garbage collection, and another
  15–20 % is source-map-support formatting the \`new Error().stack\` that the Pulumi SDK's \`debuggablePromise\`
  captures for every promise it creates. Every Pulumi Node.js program pays this under \`pulumi up\` too: the
  SDK's program runner registers source-map-support itself. The rest is the SDK's own serialization (protobuf)
  and the mock engine's recording. Evaluation grows
  linearly with the number of apps.
- Policy throughput was 3,300 resources/s before tuning: the stack policies looked Services up by scanning the
  whole stack for every Ingress and compared IngressGroup members pairwise, and every not-applicable resource threw
  an \`Error\` (with a source-mapped stack trace). Services are now indexed once, group members bucketed by order and
  route, reachability to the controller memoized, and not-applicable is a plain throwable.
- At 1 and 10 apps the policy figures stay under 10,000 resources/s only because the whole run takes a few
  milliseconds and is dominated by JIT warm-up; from 100 apps on every figure meets the goal.
`;
const TS_NODE = path.join(ROOT, "node_modules", ".bin", "ts-node");

interface Sample {
    evalMs: number;
    maxRssMb: number;
    resources: number;
    customResources: number;
    albs: number;
    criticalPath: number;
    policyMs: number;
    mandatoryViolations: number;
}

function sample(args: string[]): Sample {
    const r = spawnSync(TS_NODE, ["--transpile-only", path.join(__dirname, "worker.ts"), ...args], {
        cwd: ROOT,
        encoding: "utf8",
        maxBuffer: 1 << 24,
    });
    if (r.status !== 0) throw new Error(`bench worker ${args.join(" ")} failed:\n${r.stderr}`);
    return JSON.parse(r.stdout.trim().split("\n").pop()!) as Sample;
}

function repeat(args: string[], runs: number, label: string): Sample[] {
    const out: Sample[] = [];
    for (let i = 0; i < runs; i++) {
        process.stderr.write(`  ${label}: run ${i + 1}/${runs}\r`);
        out.push(sample(args));
    }
    process.stderr.write(`  ${label}: ${runs} run(s) done\n`);
    return out;
}

const fmt = (values: number[], digits = 0) => {
    const s = stats(values);
    return `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
};
const median = (values: number[]) => stats(values).median;

function main(argv: string[]): void {
    const smoke = argv.includes("--smoke");
    const sizes = smoke ? [1, 10] : [1, 10, 100, 500];
    const runsFor = (n: number) => (smoke ? 1 : n >= 100 ? 3 : 5);
    const lines: string[] = [];
    const log = (line = "") => {
        lines.push(line);
        console.log(line);
    };

    process.stderr.write("component overhead\n");
    const dump = path.join(os.tmpdir(), `eks-alb-ingress-bench-${process.pid}.json`);
    sample(["dev", "--dump", dump]);
    const dev = repeat(["dev"], smoke ? 1 : 7, "dev stack");
    const base = repeat(["baseline", dump], smoke ? 1 : 7, "baseline");
    fs.rmSync(dump, { force: true });
    const ratio = median(dev.map((s) => s.evalMs)) / median(base.map((s) => s.evalMs));
    const memRatio = median(dev.map((s) => s.maxRssMb)) / median(base.map((s) => s.maxRssMb));

    const scale: { n: number; mode: string; samples: Sample[] }[] = [];
    for (const mode of ["apps", "group"]) {
        for (const n of sizes) {
            process.stderr.write(`scale: ${n} app(s), ${mode === "apps" ? "one ALB each" : "one IngressGroup"}\n`);
            scale.push({ n, mode, samples: repeat([mode, String(n)], runsFor(n), `${n} ${mode}`) });
        }
    }

    log(`# Benchmarks`);
    log();
    log(
        `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus()[0]?.model ?? "unknown CPU"} (${os.cpus().length} cores), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}.`,
    );
    log(
        `Command: \`npm run bench\`${smoke ? " -- --smoke" : ""}. Figures are median (min–max) over fresh processes; evaluation time runs from the first resource to the last registration (modules preloaded), memory is the process's peak RSS.`,
    );
    log();
    log(`## Component overhead (dev stack vs the same ${dev[0].customResources} custom resources registered directly)`);
    log();
    log(`| program | eval ms | peak RSS MiB |`);
    log(`|---|---|---|`);
    log(`| dev stack (index.ts, components) | ${fmt(dev.map((s) => s.evalMs))} | ${fmt(dev.map((s) => s.maxRssMb))} |`);
    log(
        `| baseline (same types and inputs, no components) | ${fmt(base.map((s) => s.evalMs))} | ${fmt(base.map((s) => s.maxRssMb))} |`,
    );
    log(`| **ratio** (goal ≤ 1.5×) | **${ratio.toFixed(2)}×** | **${memRatio.toFixed(2)}×** |`);
    log();
    log(`## Scale: N IngressApps behind one controller`);
    log();
    log(
        `| apps | ALBs | resources | eval ms | ms/app | peak RSS MiB | policies ms | policy resources/s | create critical path |`,
    );
    log(`|---|---|---|---|---|---|---|---|---|`);
    for (const { n, mode, samples } of scale) {
        const res = samples[0].resources;
        const perSec = samples.map((s) => res / (s.policyMs / 1000));
        log(
            `| ${n} ${mode === "apps" ? "(one ALB each)" : "(one group)"} | ${samples[0].albs} | ${res} | ${fmt(samples.map((s) => s.evalMs))} | ${(median(samples.map((s) => s.evalMs)) / n).toFixed(1)} | ${fmt(samples.map((s) => s.maxRssMb))} | ${fmt(
                samples.map((s) => s.policyMs),
                1,
            )} | ${fmt(perSec)} | ${samples[0].criticalPath} |`,
        );
    }
    log();
    for (const mode of ["apps", "group"]) {
        const rows = scale.filter((s) => s.mode === mode);
        const xs = rows.map((r) => r.n);
        const time = linearFit(
            xs,
            rows.map((r) => median(r.samples.map((s) => s.evalMs))),
        );
        const mem = linearFit(
            xs,
            rows.map((r) => median(r.samples.map((s) => s.maxRssMb))),
        );
        log(
            `- ${mode === "apps" ? "One ALB per app" : "One IngressGroup"}: time grows by ${time.slope.toFixed(1)} ms per app (linear fit R² = ${time.r2.toFixed(3)}), memory by ${(mem.slope * 1024).toFixed(0)} KiB per app (R² = ${mem.r2.toFixed(3)}).`,
        );
    }
    const biggest = scale.filter((s) => s.n === sizes[sizes.length - 1]);
    const paths = new Set(scale.map((s) => s.samples[0].criticalPath));
    const violations = scale.reduce((a, s) => a + s.samples[0].mandatoryViolations, 0);
    log(
        `- Largest size (${sizes[sizes.length - 1]} apps): ${biggest.map((s) => `${median(s.samples.map((x) => x.evalMs)) < 30000 ? "under" : "OVER"} 30 s and ${median(s.samples.map((x) => x.maxRssMb)) < 1024 ? "under" : "OVER"} 1 GiB (${s.mode})`).join("; ")}.`,
    );
    log(
        `- Create critical path: ${[...paths].join(", ")} wave(s) at every size${paths.size === 1 ? ": adding apps does not lengthen it" : ": it CHANGES with the number of apps"}. ALBs: one per app without a group, one for the whole group.`,
    );
    log(`- Mandatory policy violations across all scale stacks: ${violations}.`);
    if (!smoke) fs.writeFileSync(path.join(ROOT, "BENCHMARKS.md"), `${lines.join("\n")}\n${NOTES}`);
}

main(process.argv.slice(2));
