#!/usr/bin/env python3
"""Renders deploy/kubernetes/helm/tollgate the way `helm template` would, for the subset of Go
templates the chart uses: `{{ .Values.a.b }}`, `{{ .Release.Name }}`, `{{ .Release.Namespace }}`,
and `{{ if .Values.a.b }}` … `{{ else }}` … `{{ end }}` (Go template truthiness: false, 0, "" and
a missing value are false), with Go's `{{-`/`-}}` whitespace trimming. A template that renders to
whitespace only is left out, as helm does. Any other template action is an error, so the chart
cannot grow a construct this renderer would silently get wrong. (Neither Debian nor PyPI ships a
helm binary; with helm installed, `helm template tollgate deploy/kubernetes/helm/tollgate -n
tollgate-system` gives the same output.)

    python3 scripts/render-chart.py [--name tollgate] [--namespace tollgate-system] [--set key=value]... [--out DIR]

Without --out, prints every document to standard output, separated by `---`.
`--out deploy/kubernetes/manifests` rewrites the raw manifests from the chart's defaults."""
import argparse, pathlib, re, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CHART = ROOT / "deploy" / "kubernetes" / "helm" / "tollgate"
ACTION = re.compile(r"\{\{(-\s)?\s*(.*?)\s*(\s-)?\}\}")

def load_values(path):
    import yaml  # PyYAML, a dependency of kubernetes-validate
    return yaml.safe_load(path.read_text())

def lookup(values, dotted):
    node = values
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            raise SystemExit(f"render-chart: .Values.{dotted} is not set in values.yaml")
        node = node[part]
    if isinstance(node, (dict, list)):
        raise SystemExit(f"render-chart: .Values.{dotted} is not a scalar")
    return "" if node is None else str(node).lower() if isinstance(node, bool) else str(node)

def truthy(values, dotted):
    node = values
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    # --set gives strings: "false" and "0" are what helm's --set would parse to false and 0.
    return node not in (None, False, 0, "", "false", "0") and node != {} and node != []

def render(text, values, name, namespace, template):
    def scalar(expr):
        if expr == ".Release.Name": return name
        if expr == ".Release.Namespace": return namespace
        if expr.startswith(".Values.") and re.fullmatch(r"\.Values(\.[A-Za-z0-9_]+)+", expr):
            return lookup(values, expr[len(".Values."):])
        raise SystemExit(f"render-chart: {template}: unsupported template action '{{{{ {expr} }}}}'")
    pieces = ACTION.split(text)  # text, left-trim, expression, right-trim, text, ...
    chunks = [pieces[0]]
    actions = []
    for i in range(1, len(pieces), 4):
        actions.append((pieces[i] is not None, pieces[i + 1], pieces[i + 2] is not None))
        chunks.append(pieces[i + 3])
    for i, (left, _, right) in enumerate(actions):
        if left: chunks[i] = chunks[i].rstrip()
        if right: chunks[i + 1] = chunks[i + 1].lstrip()
    out = [chunks[0]]
    stack = []  # (this branch emits, an enclosing branch emits)
    emitting = lambda: all(taken for taken, _ in stack)
    for (_, expr, _), chunk in zip(actions, chunks[1:]):
        condition = re.fullmatch(r"if\s+\.Values((?:\.[A-Za-z0-9_]+)+)", expr)
        if condition:
            stack.append((truthy(values, condition.group(1)[1:]), emitting()))
        elif expr == "else":
            if not stack: raise SystemExit(f"render-chart: {template}: else without if")
            taken, outer = stack.pop()
            stack.append((not taken, outer))
        elif expr == "end":
            if not stack: raise SystemExit(f"render-chart: {template}: end without if")
            stack.pop()
        elif emitting():
            out.append(scalar(expr))
        if emitting(): out.append(chunk)
    if stack: raise SystemExit(f"render-chart: {template}: if without end")
    return "".join(out)

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--name", default="tollgate")
    parser.add_argument("--namespace", default="tollgate-system")
    parser.add_argument("--set", action="append", default=[])
    parser.add_argument("--out")
    args = parser.parse_args()
    values = load_values(CHART / "values.yaml")
    for assignment in args.set:
        key, _, value = assignment.partition("=")
        node = values
        parts = key.split(".")
        for part in parts[:-1]: node = node.setdefault(part, {})
        node[parts[-1]] = value
    documents = []
    for template in sorted((CHART / "templates").glob("*.yaml")):
        rendered = render(template.read_text(), values, args.name, args.namespace, template.name)
        if not rendered.strip(): continue
        documents.append((template.name, f"# Source: tollgate/templates/{template.name}\n" + rendered))
    if args.out:
        out = pathlib.Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        for name, text in documents:
            (out / name).write_text(text)
    else:
        sys.stdout.write("---\n".join(text for _, text in documents))

if __name__ == "__main__":
    main()
