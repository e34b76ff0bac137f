/**
 * The names the Python SDK generator gives the package, so the Python example can be checked against the schema
 * (pulumi/pulumi `pkg/codegen/python`): the module is `PyPack(namespace, name)` (`gen.go`: `pulumi_` + the name
 * with `-` → `_` when there is no namespace, which `pulumi package add <path>` leaves empty), classes keep the
 * schema name (`pyClassName` = `EnsureKeywordSafe`), and properties, constructor keywords and TypedDict keys are
 * `PyName(name)` (`python.go`), with `resource_name`/`opts` suffixed by `_` for constructor keywords (`InitParamName`).
 */

/** Python's keywords (pulumi/pulumi `pkg/codegen/python/python.go` `Keywords`). */
const KEYWORDS = new Set([
    "False",
    "None",
    "True",
    "and",
    "as",
    "assert",
    "async",
    "await",
    "break",
    "class",
    "continue",
    "def",
    "del",
    "elif",
    "else",
    "except",
    "exec",
    "finally",
    "for",
    "from",
    "global",
    "if",
    "import",
    "in",
    "is",
    "lambda",
    "nonlocal",
    "not",
    "or",
    "pass",
    "print",
    "raise",
    "return",
    "try",
    "while",
    "with",
    "yield",
]);

/** `EnsureKeywordSafe`: a keyword gets a trailing `_`. */
export function keywordSafe(name: string): string {
    return KEYWORDS.has(name) ? `${name}_` : name;
}

/** `PyPack`: the Python package (and module) of a schema package. */
export function pyPack(name: string, namespace = ""): string {
    return `${namespace === "" ? "pulumi" : namespace.replace(/-/g, "_")}_${name.replace(/-/g, "_")}`;
}

const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();
const isDigit = (c: string) => c >= "0" && c <= "9";

/**
 * `PyName` (non-legacy): camelCase to snake_case with the generator's state machine: an acronym stays one word
 * (`ARNs` → `arns`, `SHA256Hash` → `sha256_hash`), digits join the word before them.
 */
export function pyName(name: string): string {
    type State = "first" | "upper" | "acronym" | "lower";
    const words: string[] = [];
    let current = "";
    let state: State = "first";
    const flush = (word: string) => words.push(word);
    for (let char of name) {
        if (!/[A-Za-z0-9_]/.test(char)) char = "_";
        switch (state) {
            case "first":
                if (!/[A-Za-z_]/.test(char)) current += "_";
                state = isUpper(char) ? "upper" : "lower";
                current += char.toLowerCase();
                break;
            case "upper":
                state = isUpper(char) ? "acronym" : "lower";
                current += char.toLowerCase();
                break;
            case "acronym":
                if (isUpper(char)) {
                    current += char.toLowerCase();
                } else if (isDigit(char) || char === "s") {
                    state = "lower";
                    current += char;
                } else {
                    flush(current.slice(0, -1));
                    current = current.slice(-1) + char;
                    state = "lower";
                }
                break;
            case "lower":
                if (isUpper(char)) {
                    flush(current);
                    current = char.toLowerCase();
                    state = "upper";
                } else {
                    current += char;
                }
                break;
        }
    }
    if (current !== "") flush(current);
    return keywordSafe(words.filter((w) => w !== "").join("_"));
}

/** `InitParamName`: a resource constructor's keyword for a schema input. */
export function initParamName(name: string): string {
    const result = pyName(name);
    return result === "resource_name" || result === "opts" ? `${result}_` : result;
}
