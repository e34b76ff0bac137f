/** Pure measurements over a recorded stack: ALBs it would create, its create critical path, statistics. */
import type { Recorded } from "../plan/engine";
import { createWaves } from "../plan/report";

const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
const GROUP = "alb.ingress.kubernetes.io/group.name";

/** ALBs the controller would create: one per IngressGroup, one per Ingress outside a group. */
export function albCount(resources: readonly Recorded[]): number {
    const ingresses = resources.filter((r) => r.type === INGRESS);
    const groups = new Set(
        ingresses.map((r) => r.inputs?.metadata?.annotations?.[GROUP]).filter((g) => g !== undefined),
    );
    return groups.size + ingresses.filter((r) => r.inputs?.metadata?.annotations?.[GROUP] === undefined).length;
}

/** Length of the longest chain of dependent resources on create (the number of create waves). */
export function criticalPath(resources: readonly Recorded[]): number {
    return createWaves(resources).length;
}

/** Median, min and max of a sample. */
export function stats(values: readonly number[]): { median: number; min: number; max: number } {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Least-squares slope and intercept of y over x, with R². */
export function linearFit(
    xs: readonly number[],
    ys: readonly number[],
): { slope: number; intercept: number; r2: number } {
    const n = xs.length;
    const mx = xs.reduce((a, b) => a + b, 0) / n;
    const my = ys.reduce((a, b) => a + b, 0) / n;
    const sxy = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0);
    const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
    const slope = sxx === 0 ? 0 : sxy / sxx;
    const intercept = my - slope * mx;
    const ssTot = ys.reduce((a, y) => a + (y - my) ** 2, 0);
    const ssRes = ys.reduce((a, y, i) => a + (y - (intercept + slope * xs[i])) ** 2, 0);
    return { slope, intercept, r2: ssTot === 0 ? 1 : 1 - ssRes / ssTot };
}
