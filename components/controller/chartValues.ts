/**
 * The controller chart's upstream `values.yaml`, used to refuse Helm values the chart does not have: Helm
 * ignores an unknown key silently, so a typo in `helmValues` would otherwise change nothing without a word.
 */
import * as fs from "fs";
import * as path from "path";
import { DATA_DIR } from "../common/dataDir";
import { parse } from "yaml";
import { isPlainObject } from "../common/json";
import { compareVersions } from "./versions";

/**
 * The bundled `values.yaml` of each chart line, by major version: the newest `chart-values-<version>.yaml` of that
 * line under `data/chart/` (older charts have no extra keys). Read from the folder, so that
 * `npm run upstream -- add` replaces it without a code change.
 */
const VALUES_FILES: Readonly<Record<string, string>> = Object.fromEntries(
    fs
        .readdirSync(path.join(DATA_DIR, "chart"))
        .map((file) => /^chart-values-((\d+)\.\d+\.\d+)\.yaml$/.exec(file))
        .filter((m): m is RegExpExecArray => m !== null)
        .sort((a, b) => compareVersions(a[1], b[1]))
        .map((m) => [m[2], m[0]]),
);

const cache = new Map<string, Record<string, unknown>>();

/** Parses a bundled file under `data/chart/`. */
export function loadChartData(file: string): Record<string, unknown> {
    let values = cache.get(file);
    if (values === undefined) {
        values = parse(fs.readFileSync(path.join(DATA_DIR, "chart", file), "utf8")) as Record<string, unknown>;
        cache.set(file, values);
    }
    return values;
}

/** The upstream default values of the controller chart line that `chartVersion` belongs to. */
export function controllerChartDefaults(chartVersion: string): Record<string, unknown> {
    const file = VALUES_FILES[chartVersion.split(".")[0]];
    if (file === undefined) {
        throw new Error(`no bundled values.yaml for chart version ${chartVersion}`);
    }
    return loadChartData(file);
}

/**
 * Dotted paths in `values` that `reference` (an upstream values.yaml) does not have. A key below a reference
 * map that is empty or null (`nodeSelector: {}`, `region:`) or below a scalar or list is free-form and allowed.
 */
export function unknownValuePaths(
    values: Record<string, unknown>,
    reference: Record<string, unknown>,
    prefix = "",
): string[] {
    const unknown: string[] = [];
    for (const [key, value] of Object.entries(values)) {
        const path = `${prefix}${key}`;
        if (!(key in reference)) {
            unknown.push(path);
            continue;
        }
        const ref = reference[key];
        if (isPlainObject(value) && isPlainObject(ref) && Object.keys(ref).length > 0) {
            unknown.push(...unknownValuePaths(value, ref, `${path}.`));
        }
    }
    return unknown;
}

/** Every leaf path of a values object (maps are walked; lists, scalars and empty maps are leaves). */
export function valuePaths(values: Record<string, unknown>, prefix = ""): string[] {
    return Object.entries(values).flatMap(([key, value]) =>
        isPlainObject(value) && Object.keys(value).length > 0
            ? valuePaths(value, `${prefix}${key}.`)
            : [`${prefix}${key}`],
    );
}
