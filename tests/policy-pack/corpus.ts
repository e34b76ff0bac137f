/**
 * The corpus of valid manifests written by others (tests/policy-pack/fixtures/*.yaml, each citing its source),
 * turned into the resources a policy sees: one `Fake` per document, typed the way pulumi-kubernetes types them
 * (`kubernetes:<group>/<version>:<Kind>`, core objects as `core/v1`), props = the manifest.
 */
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import type { Fake } from "../harness/policies";

export const FIXTURES = path.join(__dirname, "fixtures");

/** The Pulumi type token of a manifest (`apiVersion: v1` is the core group). */
export const typeOf = (apiVersion: string, kind: string): string =>
    `kubernetes:${apiVersion.includes("/") ? apiVersion : `core/${apiVersion}`}:${kind}`;

/** The resources of one fixture file. */
export function loadFixture(file: string): Fake[] {
    const docs = parseAllDocuments(fs.readFileSync(path.join(FIXTURES, file), "utf8"));
    return docs
        .map((d) => d.toJS() as Record<string, any> | null)
        .filter((m): m is Record<string, any> => m !== null && typeof m === "object" && typeof m.kind === "string")
        .map((m, i) => ({
            type: typeOf(String(m.apiVersion), m.kind),
            name: `${file}-${i}-${m.metadata?.name ?? m.kind}`,
            props: m,
        }));
}

/** Every fixture file name. */
export const fixtureFiles = (): string[] =>
    fs
        .readdirSync(FIXTURES)
        .filter((f) => f.endsWith(".yaml"))
        .sort();
