/** Prints lifecycle steps the way `pulumi preview --diff` summarizes them: an operation sign, the type, the name and the keys. */
import type { Step } from "./world";

const SIGNS: Record<Step["op"], string> = {
    same: " ",
    create: "+",
    update: "~",
    replace: "+-",
    delete: "-",
    import: "=",
};

/** One line per step (changes only unless `all`), each danger and error on its own line below. */
export function formatSteps(steps: readonly Step[], all = false): string[] {
    const lines: string[] = [];
    for (const s of steps) {
        if (s.op === "same" && !all && s.dangers.length === 0 && s.errors.length === 0) continue;
        const sign = s.op === "replace" && s.deleteBeforeReplace ? "-+" : SIGNS[s.op];
        const keys =
            s.op === "replace"
                ? ` [replace: ${s.replaceKeys.join(", ")}; ${s.deleteBeforeReplace ? "delete-before-replace" : "create-before-delete"}]`
                : s.op === "update"
                  ? ` [${s.diffs.join(", ")}]`
                  : "";
        const retained = s.retained ? " (retained: stays in the cloud)" : "";
        lines.push(`  ${sign.padEnd(2)} ${s.op.padEnd(7)} ${s.type}  ${s.name}${keys}${retained}`);
        for (const d of s.dangers) lines.push(`       DANGER ${d}`);
        for (const e of s.errors) lines.push(`       ERROR  ${e}`);
    }
    return lines;
}

/** `n create, n update, …` for the operations that occur. */
export function summarize(steps: readonly Step[]): string {
    const counts = new Map<string, number>();
    for (const s of steps) counts.set(s.op, (counts.get(s.op) ?? 0) + 1);
    return [...counts].map(([op, n]) => `${n} ${op}`).join(", ");
}
