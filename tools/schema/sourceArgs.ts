/**
 * The members of the package's argument interfaces as written in the source, read syntactically (no type check).
 *
 * The schema analyzer only sees property declarations: a method signature in an args interface
 * (`onReady?(): void`) is skipped without an error (@pulumi/pulumi `provider/experimental/analyzer.js`
 * `analyzeSymbols` keeps symbols with `SymbolFlags.Property` only), so other languages would silently lack it. This
 * reader lists every member, so a spec can compare them with the schema and refuse what the schema cannot carry.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

/** One interface's members. */
export interface InterfaceMembers {
    /** Property names (own and inherited through `extends`). */
    readonly properties: readonly string[];
    /** Method signatures, which no other language can pass. */
    readonly methods: readonly string[];
    /** `extends` clauses that are not a plain interface of the package (e.g. `Partial<X>`), so unread. */
    readonly unread: readonly string[];
}

function sourceFiles(dir: string): ts.SourceFile[] {
    const out: ts.SourceFile[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            if (entry.name !== "bin" && entry.name !== "node_modules") out.push(...sourceFiles(full));
        } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
            out.push(ts.createSourceFile(full, fs.readFileSync(full, "utf8"), ts.ScriptTarget.ES2022, true));
        }
    }
    return out;
}

/** The package's interfaces and component classes, by name. */
export class SourceArgs {
    private readonly interfaces = new Map<string, ts.InterfaceDeclaration[]>();
    private readonly classes = new Map<string, ts.ClassDeclaration>();

    constructor(dir: string) {
        for (const file of sourceFiles(dir)) {
            for (const node of file.statements) {
                if (ts.isInterfaceDeclaration(node)) {
                    this.interfaces.set(node.name.text, [...(this.interfaces.get(node.name.text) ?? []), node]);
                } else if (ts.isClassDeclaration(node) && node.name) {
                    this.classes.set(node.name.text, node);
                }
            }
        }
    }

    /** The name of the interface a component's constructor takes as `args`, or `undefined`. */
    argsInterfaceOf(component: string): string | undefined {
        const ctor = this.classes.get(component)?.members.find(ts.isConstructorDeclaration);
        const args = ctor?.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === "args");
        return args?.type && ts.isTypeReferenceNode(args.type) ? args.type.typeName.getText() : undefined;
    }

    /**
     * The public methods of a component class: other languages cannot call them, since the SDK's
     * `ComponentProvider` implements no `call` (@pulumi/pulumi `provider/experimental/provider.js`).
     */
    publicMethodsOf(component: string): string[] {
        const hidden = (m: ts.ClassElement) =>
            ts
                .getModifiers(m as ts.MethodDeclaration)
                ?.some((mod) =>
                    [
                        ts.SyntaxKind.PrivateKeyword,
                        ts.SyntaxKind.ProtectedKeyword,
                        ts.SyntaxKind.StaticKeyword,
                    ].includes(mod.kind),
                ) ?? false;
        return (this.classes.get(component)?.members ?? [])
            .filter((m) => ts.isMethodDeclaration(m) && !hidden(m) && !m.name.getText().startsWith("#"))
            .map((m) => m.name!.getText());
    }

    /** The members of interface `name` (merged declarations and `extends` included), or `undefined`. */
    membersOf(name: string, seen: ReadonlySet<string> = new Set()): InterfaceMembers | undefined {
        const declarations = this.interfaces.get(name);
        if (!declarations || seen.has(name)) return undefined;
        const properties: string[] = [];
        const methods: string[] = [];
        const unread: string[] = [];
        for (const declaration of declarations) {
            for (const member of declaration.members) {
                const memberName = member.name?.getText();
                if (ts.isPropertySignature(member) && memberName) properties.push(memberName);
                else if (ts.isMethodSignature(member) && memberName) methods.push(memberName);
                else unread.push(member.getText());
            }
            for (const clause of declaration.heritageClauses ?? []) {
                for (const type of clause.types) {
                    const parent =
                        type.typeArguments === undefined
                            ? this.membersOf(type.expression.getText(), new Set([...seen, name]))
                            : undefined;
                    if (!parent) {
                        unread.push(type.getText());
                        continue;
                    }
                    properties.push(...parent.properties);
                    methods.push(...parent.methods);
                    unread.push(...parent.unread);
                }
            }
        }
        return { properties: [...new Set(properties)].sort(), methods: methods.sort(), unread };
    }
}
