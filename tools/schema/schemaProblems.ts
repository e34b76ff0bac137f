/**
 * What the inferred schema must offer other languages beyond being valid: a description on every component, input,
 * output and object-type property. The analyzer takes a property's description from its doc comment's text only
 * (`jsDoc.map((doc) => doc.comment).join("\n")`, @pulumi/pulumi `provider/experimental/analyzer.js`
 * `analyzeSymbol`): tags such as `@default` and `@see` are dropped, so a comment made only of tags gives no
 * description, and an inline `{@link X}` turns the text into `[object Object]` (the comment is then a node list).
 */
import type { PackageSpec, Property } from "@pulumi/pulumi/provider/experimental/schema";

/** What a description must not contain: text the analyzer produced from comment nodes instead of text. */
const GARBLED = "[object Object]";

function descriptionProblem(description: string | undefined): string | undefined {
    if (description === undefined || description.trim() === "") return "has no description (a doc comment with text)";
    if (description.includes(GARBLED)) return `has a garbled description (${JSON.stringify(description)}): no {@link}`;
    return undefined;
}

/** Every problem of `schema`, each naming the component or type and the property. */
export function schemaProblems(schema: PackageSpec): string[] {
    const problems: string[] = [];
    const checkProperties = (owner: string, kind: string, properties: Record<string, Property> | undefined) => {
        for (const [name, property] of Object.entries(properties ?? {})) {
            const problem = descriptionProblem(property.description);
            if (problem) problems.push(`${owner} ${kind} \`${name}\` ${problem}`);
        }
    };
    for (const [token, resource] of Object.entries(schema.resources)) {
        const problem = descriptionProblem(resource.description);
        if (problem) problems.push(`${token} ${problem.replace("doc comment", "doc comment on the class")}`);
        checkProperties(token, "input", resource.inputProperties);
        checkProperties(token, "output", resource.properties);
    }
    for (const [token, type] of Object.entries(schema.types)) {
        checkProperties(token, "property", type.properties);
    }
    return problems;
}
