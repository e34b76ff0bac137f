/** Queries over what the mock engine recorded: lookups, parents, providers and dependency order. */
import * as assert from "assert";
import { NO_OPTIONS, type RecordedOptions } from "../../plan/engine";
import type { StateResource } from "../../plan/lifecycle/world";
import { type Recorded, recorded } from "./mocks";

/** Every recorded resource of `type`. */
export function ofType(type: string): Recorded[] {
    return recorded.filter((r) => r.type === type);
}

/** The one recorded resource of `type` (and `name`, when given); fails when there is none or several. */
export function one(type: string, name?: string): Recorded {
    const found = ofType(type).filter((r) => name === undefined || r.name === name);
    assert.strictEqual(
        found.length,
        1,
        `expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`,
    );
    return found[0];
}

/** The recorded resource with `urn`. */
export function byUrn(urn: string): Recorded {
    const r = recorded.find((x) => x.urn === urn);
    assert.ok(r, `no resource ${urn}`);
    return r;
}

/** True when `dependent` waits for `dependency` on create (directly or through other dependencies). */
export function waitsFor(dependent: Recorded, dependency: Recorded): boolean {
    const seen = new Set<string>();
    const stack = [...dependent.dependencies];
    while (stack.length > 0) {
        const urn = stack.pop()!;
        if (urn === dependency.urn) {
            return true;
        }
        if (!seen.has(urn)) {
            seen.add(urn);
            stack.push(...(recorded.find((r) => r.urn === urn)?.dependencies ?? []));
        }
    }
    return false;
}

/** Every resource below `root` in the parent tree. */
export function descendantsOf(root: Recorded): Recorded[] {
    const out: Recorded[] = [];
    const walk = (urn: string) => {
        for (const r of recorded.filter((x) => x.parent === urn)) {
            out.push(r);
            walk(r.urn);
        }
    };
    walk(root.urn);
    return out;
}

/** Fails when two recorded resources share a URN (the mock engine silently keeps the last). */
export function assertUniqueUrns(): void {
    const urns = recorded.map((r) => r.urn);
    const dupes = urns.filter((u, i) => urns.indexOf(u) !== i);
    assert.deepStrictEqual(dupes, [], "duplicate URNs");
}

/**
 * A registration as the engine records it, for specs of what reads records (report, validation, files, lifecycle):
 * a custom resource of `type` `test:index:R` with URN `urn:<name>`, no inputs, dependencies, secrets or options,
 * unless `fields` says otherwise.
 */
export function aRecorded(fields: Partial<Recorded> & { readonly name: string }): Recorded {
    return {
        urn: `urn:${fields.name}`,
        type: "test:index:R",
        custom: true,
        inputs: {},
        dependencies: [],
        propertyDependencies: {},
        secretInputs: [],
        options: NO_OPTIONS,
        ...fields,
    };
}

/** A resource of the lifecycle world's state (`urn:pulumi:test::p::<type>::<name>`), outputs equal to its inputs. */
export function aStateResource(
    type: string,
    name: string,
    inputs: Record<string, unknown>,
    more: Partial<StateResource> = {},
): StateResource {
    return {
        urn: `urn:pulumi:test::p::${type}::${name}`,
        type,
        name,
        custom: true,
        inputs,
        outputs: inputs,
        options: NO_OPTIONS,
        dependencies: [],
        ...more,
    };
}

/** One registration of the resource `urn:pulumi:test::p::t::r` (name "r"), as the lifecycle world's step decision sees it. */
export function aRegistration(
    type: string,
    inputs: Record<string, any>,
    options: Partial<RecordedOptions> = {},
    extra: Partial<Recorded> = {},
): Recorded {
    return aRecorded({
        urn: "urn:pulumi:test::p::t::r",
        type,
        name: "r",
        inputs,
        options: { ...NO_OPTIONS, ...options },
        ...extra,
    });
}

/** `r` as the state holds it after a run with `inputs` (id `r-id`, outputs equal to the inputs). */
export function inState(r: Recorded, inputs: Record<string, any>, extra: Partial<StateResource> = {}): StateResource {
    return { ...r, id: "r-id", inputs, outputs: inputs, ...extra };
}
