#!/usr/bin/env python3
"""Renders deploy/kubernetes/helm/tollgate the way `helm template` would, for the subset of Go
templates the chart uses: `{{ .Values.a.b }}`, `{{ .Release.Name }}`, `{{ .Release.Namespace }}`.
Any other template action is an error, so the chart cannot grow a construct this renderer would
silently get wrong. (Neither Debian nor PyPI ships a helm binary; with helm installed,
`helm template tollgate deploy/kubernetes/helm/tollgate -n tollgate-system` gives the same output.)

    python3 scripts/render-chart.py [--name tollgate] [--namespace tollgate-system] [--set key=value]... [--out DIR]

Without --out, prints every document to standard output, separated by `---`.
`--out deploy/kubernetes/manifests` rewrites the raw manifests from the chart's defaults."""
import argparse, pathlib, re, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CHART = ROOT / "deploy" / "kubernetes" / "helm" / "tollgate"
ACTION = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}")

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

def render(text, values, name, namespace, template):
    def substitute(match):
        expr = match.group(1)
        if expr == ".Release.Name": return name
        if expr == ".Release.Namespace": return namespace
        if expr.startswith(".Values.") and re.fullmatch(r"\.Values(\.[A-Za-z0-9_]+)+", expr):
            return lookup(values, expr[len(".Values."):])
        raise SystemExit(f"render-chart: {template}: unsupported template action '{{{{ {expr} }}}}'")
    return ACTION.sub(substitute, text)

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
