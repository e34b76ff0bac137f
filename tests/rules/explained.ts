import * as assert from "assert";
import type { RuleProblem } from "../../rules/ingressRules";

/** Every finding says why (a sentence) and cites the upstream file or document it comes from. */
export function assertExplained(ps: readonly RuleProblem[]): void {
    for (const p of ps) {
        assert.ok(p.message.length > 10, `${p.key}: message ${JSON.stringify(p.message)}`);
        assert.match(p.source, /\.(go|md|adoc)\b|ELBv2|EC2/, `${p.key}: source ${JSON.stringify(p.source)}`);
    }
}
