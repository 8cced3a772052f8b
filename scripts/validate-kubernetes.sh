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
diff -r -x optional "$work/default" deploy/kubernetes/manifests || { echo "deploy/kubernetes/manifests differ from the chart: python3 scripts/render-chart.py --out deploy/kubernetes/manifests"; exit 1; }
# manifests/optional: the documents the chart adds with its options on (the mutating webhook).
python3 scripts/render-chart.py --set mutatingWebhook.enabled=true --out "$work/optional"
for file in deploy/kubernetes/manifests/optional/*.yaml; do
  diff "$work/optional/$(basename "$file")" "$file" || { echo "$file differs from the chart rendered with mutatingWebhook.enabled=true"; exit 1; }
done
[ ! -f "$work/default/mutatingwebhookconfiguration.yaml" ] || { echo "the mutating webhook is rendered by default"; exit 1; }
python3 scripts/render-chart.py --name gate --namespace security --set webhook.caBundle=Y2EK --set replicas=3 > "$work/custom.yaml"
# Every option on: the mutating webhook, and the API server's client CA (--tls-client-ca, its Secret mounted).
python3 scripts/render-chart.py --set mutatingWebhook.enabled=true --set server.clientCASecret=kube-apiserver-client-ca > "$work/options.yaml"
grep -q -- '--tls-client-ca' "$work/options.yaml" && grep -q 'secretName: kube-apiserver-client-ca' "$work/options.yaml" \
  && grep -q 'path: /v1/admission/pin' "$work/options.yaml" || { echo "the chart's options are not rendered"; exit 1; }
! grep -q -- '--tls-client-ca' "$work/default/deployment.yaml" || { echo "--tls-client-ca is rendered without server.clientCASecret"; exit 1; }
kubernetes-validate --strict -k "$VERSION" deploy/kubernetes/manifests/*.yaml deploy/kubernetes/manifests/optional/*.yaml \
  "$work/custom.yaml" "$work/options.yaml"
# The oracle must fail on a broken manifest.
sed 's/failurePolicy: Fail/failurePolicy: Sometimes/; s/timeoutSeconds: 10/timeoutSeconds: ten/' \
  deploy/kubernetes/manifests/validatingwebhookconfiguration.yaml > "$work/broken.yaml"
if kubernetes-validate --strict -k "$VERSION" "$work/broken.yaml" >/dev/null 2>&1; then
  echo "kubernetes-validate accepted a broken manifest"; exit 1
fi
echo "kubernetes manifests: valid against Kubernetes $VERSION (strict)"
