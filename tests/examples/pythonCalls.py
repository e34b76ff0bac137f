"""Reads a Pulumi Python program with `ast` and prints, as JSON, what examples.spec.ts checks against the schema.

Output: {"imports": {alias: module}, "calls": [...], "attributes": [...]}. A call is a resource construction
`<module alias>.<Class>(name, **kwargs)` (not pulumi.Config) ({"line", "var", "module", "cls", "positional", "kwargs"}); kwarg values
are {"kind": "literal", "value"}, {"kind": "list", "items"}, {"kind": "map", "entries"} (string keys), {"kind":
"resource", "name"} (a variable holding a resource), {"kind": "output", "resource", "property"} (an attribute of
one), or {"kind": "expr", "outputs": bool} (anything else; `outputs` when it depends on a resource's outputs).
An attribute is an attribute read of a variable holding a resource ({"line", "var", "attr"}).
Usage: python3 pythonCalls.py <program.py>
"""

import ast
import json
import sys


def main(path):
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), filename=path)

    imports = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                imports[alias.asname or alias.name] = alias.name

    def is_resource_call(node):
        return (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr[:1].isupper()
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in imports
            # A resource takes its name first; pulumi.Config(...) is no resource.
            and len(node.args) >= 1
            and not (imports[node.func.value.id] == "pulumi" and node.func.attr == "Config")
        )

    # Variables holding resources, and variables whose value depends on a resource's outputs.
    resources = {}
    derived = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            if is_resource_call(node.value):
                resources[node.targets[0].id] = node.value

    def uses_outputs(node):
        for sub in ast.walk(node):
            if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id in resources:
                return True
            if isinstance(sub, ast.Name) and sub.id in derived:
                return True
        return False

    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name not in resources and uses_outputs(node.value):
                derived.add(name)

    def value(node):
        if isinstance(node, ast.Constant):
            return {"kind": "literal", "value": node.value}
        if isinstance(node, (ast.List, ast.Tuple)):
            return {"kind": "list", "items": [value(e) for e in node.elts]}
        if isinstance(node, ast.Dict) and all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in node.keys):
            return {"kind": "map", "entries": {k.value: value(v) for k, v in zip(node.keys, node.values)}}
        if isinstance(node, ast.Name) and node.id in resources:
            return {"kind": "resource", "name": node.id}
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in resources:
            return {"kind": "output", "resource": node.value.id, "property": node.attr}
        return {"kind": "expr", "outputs": uses_outputs(node)}

    calls = []
    for var, call in resources.items():
        calls.append(
            {
                "line": call.lineno,
                "var": var,
                "module": imports[call.func.value.id],
                "cls": call.func.attr,
                "positional": len(call.args),
                "kwargs": {k.arg: value(k.value) for k in call.keywords if k.arg is not None},
            }
        )
    attributes = [
        {"line": n.lineno, "var": n.value.id, "attr": n.attr}
        for n in ast.walk(tree)
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id in resources
    ]
    json.dump({"imports": imports, "calls": calls, "attributes": attributes}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
