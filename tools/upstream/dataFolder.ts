/**
 * The package's upstream data folder (`components/data/`) as `npm run upstream` reads and writes it. The file
 * formats are the ones the folder already has, byte for byte: `matrix.json` indented by two spaces with a final
 * newline, `crds/index.json` indented by one space without one.
 */
import * as fs from "fs";
import * as path from "path";
import { compareVersions } from "../../components/controller/versions";
import { UpstreamError } from "./checkouts";

/** One row of `matrix.json`. */
export interface MatrixRow {
    readonly controllerVersion: string;
    readonly chartVersion: string;
    readonly imageTag: string;
    readonly policySha256: string;
    readonly policyFile: string;
    readonly chartVersionSource: string;
    readonly inRepoChartYaml: { readonly version: string; readonly appVersion: string };
    readonly publishedChartVersions: readonly string[];
    readonly notes?: readonly string[];
}

/** One row of `crds/index.json`. */
export interface CrdIndexRow {
    readonly controllerVersion: string;
    readonly chartVersion: string;
    readonly "crds.yaml": string;
    readonly "gateway-crds.yaml": string | null;
}

/** The data folder's version records. */
export interface DataFolder {
    readonly root: string;
    /** Oldest first. */
    readonly matrix: readonly MatrixRow[];
    readonly crdIndex: readonly CrdIndexRow[];
}

/** Where the package keeps its data, relative to this file. */
export const PACKAGE_DATA = path.resolve(__dirname, "..", "..", "components", "data");

/** The annotation catalogue (a hand-written summary, read only: the tool compares its names with the docs). */
export const ANNOTATION_CATALOGUE = path.resolve(
    __dirname,
    "..",
    "..",
    "rules",
    "data",
    "annotations",
    "ingress-annotations.json",
);

function readJson<T>(root: string, file: string): T {
    const full = path.join(root, file);
    if (!fs.existsSync(full)) throw new UpstreamError(`--data: ${file} is missing in ${root}`);
    return JSON.parse(fs.readFileSync(full, "utf8")) as T;
}

/** Reads `matrix.json` and `crds/index.json` of the data folder `root`. */
export function readDataFolder(root: string): DataFolder {
    const byVersion = <T extends { controllerVersion: string }>(rows: T[]) =>
        [...rows].sort((a, b) => compareVersions(a.controllerVersion, b.controllerVersion));
    return {
        root,
        matrix: byVersion(readJson<MatrixRow[]>(root, "matrix.json")),
        crdIndex: byVersion(readJson<CrdIndexRow[]>(root, path.join("crds", "index.json"))),
    };
}

/** `matrix.json` as the folder keeps it. */
export function serializeMatrix(rows: readonly MatrixRow[]): string {
    return `${JSON.stringify(rows, undefined, 2)}\n`;
}

/** `crds/index.json` as the folder keeps it. */
export function serializeCrdIndex(rows: readonly CrdIndexRow[]): string {
    return JSON.stringify(rows, undefined, 1);
}

/** Files of a data sub-folder, sorted. */
export function listData(root: string, dir: string): string[] {
    const full = path.join(root, dir);
    return fs.existsSync(full) ? fs.readdirSync(full).sort() : [];
}

/** Reads a data file; throws when it is missing. */
export function readData(root: string, file: string): Buffer {
    const full = path.join(root, file);
    if (!fs.existsSync(full)) throw new UpstreamError(`--data: ${file} is missing in ${root}`);
    return fs.readFileSync(full);
}

/**
 * The file of `dir` whose bytes equal `content` (deduplication: a file is named by the first release that has
 * its content), or `undefined`.
 */
export function sameContent(root: string, dir: string, prefix: string, content: Buffer): string | undefined {
    return listData(root, dir).find(
        (f) => f.startsWith(prefix) && fs.readFileSync(path.join(root, dir, f)).equals(content),
    );
}

/** Writes (`Buffer`) or deletes (`null`) files of the data folder, in path order; nothing outside `root`. */
export function applyWrites(root: string, writes: ReadonlyMap<string, Buffer | null>): void {
    for (const file of [...writes.keys()].sort()) {
        const full = path.resolve(root, file);
        if (path.relative(root, full).startsWith("..") || path.isAbsolute(path.relative(root, full))) {
            throw new Error(`refusing to write outside ${root}: ${file}`);
        }
        const content = writes.get(file)!;
        if (content === null) {
            fs.rmSync(full, { force: true });
        } else {
            fs.mkdirSync(path.dirname(full), { recursive: true });
            fs.writeFileSync(full, content);
        }
    }
}
