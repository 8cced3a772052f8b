#!/usr/bin/env bash
# Validates the Helm chart's rendering and the raw manifests in deploy/kubernetes/manifests against
# the Kubernetes OpenAPI schemas (PyPI kubernetes-validate, strict: unknown fields are errors), checks
# the raw manifests are the chart rendered with its defaults, and that the validator does reject a
# broken manifest (so a pass means something). Run by KubernetesManifestTests.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v kubernetes-validate >/dev/null || python3 -m pip install -q kubernetes-validate >/dev/null
VERSION=${KUBERNETES_VERSION:-1.33.0}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 scripts/render-chart.py --out "$work/default"
diff -r "$work/default" deploy/kubernetes/manifests || { echo "deploy/kubernetes/manifests differ from the chart: python3 scripts/render-chart.py --out deploy/kubernetes/manifests"; exit 1; }
python3 scripts/render-chart.py --name gate --namespace security --set webhook.caBundle=Y2EK --set replicas=3 > "$work/custom.yaml"
kubernetes-validate --strict -k "$VERSION" deploy/kubernetes/manifests/*.yaml "$work/custom.yaml"
# The oracle must fail on a broken manifest.
sed 's/failurePolicy: Fail/failurePolicy: Sometimes/; s/timeoutSeconds: 10/timeoutSeconds: ten/' \
  deploy/kubernetes/manifests/validatingwebhookconfiguration.yaml > "$work/broken.yaml"
if kubernetes-validate --strict -k "$VERSION" "$work/broken.yaml" >/dev/null 2>&1; then
  echo "kubernetes-validate accepted a broken manifest"; exit 1
fi
echo "kubernetes manifests: valid against Kubernetes $VERSION (strict)"
