/** Shared by the AlbIngressController argument specs: the problems a set of argument overrides is refused with. */
import * as assert from "assert";
import { InvalidArgumentsError } from "../../../components/index";
import type { AlbIngressControllerArgs } from "../../../components/controller/controllerArgs";
import { resolveControllerArgs } from "../../../components/controller/resolveControllerArgs";
import { controllerArgs } from "../../harness/fixtures";

/** Arguments over the fixture's, of any shape (the specs pass wrong types on purpose). */
export type Overrides = Record<string, unknown>;

/** The fixture's controller arguments with `o` over them. */
export const args = (o: Overrides) => controllerArgs(o as Partial<AlbIngressControllerArgs>);

/** The problems AlbIngressController refuses `overrides` with ([] when it accepts them). */
export function problemsOf(overrides: Overrides): string[] {
    try {
        resolveControllerArgs("rules", args(overrides));
        return [];
    } catch (e) {
        if (e instanceof InvalidArgumentsError) return [...e.problems];
        throw e;
    }
}

/** Asserts that `overrides` is refused with exactly one problem per pattern, in order. */
export function assertRefused(overrides: Overrides, ...expected: RegExp[]): void {
    const found = problemsOf(overrides);
    assert.strictEqual(found.length, expected.length, `problems: ${found.join(" | ")}`);
    expected.forEach((re, i) => assert.match(found[i], re));
}
