#!/usr/bin/env bash
# Builds the conformance judges from pinned versions into a cache outside the repository, once per machine.
#   bash scripts/conformance/tools.sh [tool...]     (default: every tool; prints progress and elapsed time)
#   bash scripts/conformance/tools.sh --except provider-aws,vault   (every tool but those)
#   bash scripts/conformance/tools.sh --print-dir    (the cache folder)
# Tools come only from the package registries this project reaches: the Go module proxy and PyPI. The crds-* entries
# are not programs: the upstream CRDs the deploy rehearsal serves, copied out of the projects' module zips.
# The pins are in tools.json (see docs/conformance.md for why the providers are not the versions the JSON pins).
set -euo pipefail

SELF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
TOOLS_DIR="${GKE_PLATFORM_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/gke-platform-cdk/tools}"

# Pins: one source, tools.json beside this script (tools.ts reads it too).
# All pins in one read (python3 starts once): NAME_FIELD=value lines, e.g. PROVIDER_GOOGLE_VERSION=v1.20.1-...
eval "$(python3 -c '
import json, re, shlex, sys
for tool, pin in json.load(open(sys.argv[1])).items():
    if not isinstance(pin, dict): continue
    for field, value in pin.items():
        name = re.sub("[^A-Z0-9]", "_", (tool + "_" + field).upper())
        print(name + "=" + shlex.quote(value))
' "$(dirname "$SELF")/tools.json")"
GOOGLE_MODULE=$PROVIDER_GOOGLE_MODULE; GOOGLE_VERSION=$PROVIDER_GOOGLE_VERSION
RANDOM_MODULE=$PROVIDER_RANDOM_MODULE; RANDOM_VERSION=$PROVIDER_RANDOM_VERSION
AWS_MODULE=$PROVIDER_AWS_MODULE; AWS_VERSION=$PROVIDER_AWS_VERSION
KUBERNETES_STAGING_VERSION=$KUBERNETES_STAGINGVERSION

export GOFLAGS=-buildvcs=false
export CGO_ENABLED=1

started_at=$(date +%s)
say() { printf '[tools %4ss] %s\n' "$(( $(date +%s) - started_at ))" "$*"; }

# Runs a build step into $dir only when $dir/.done is missing; records the build's wall time and peak memory.
build_once() {
  local name="$1" dir="$2"; shift 2
  if [[ -f "$dir/.done" ]]; then say "$name: cached in $dir"; return 0; fi
  say "$name: building into $dir"
  rm -rf "$dir.tmp"; mkdir -p "$dir.tmp"
  local t0; t0=$(date +%s)
  # The step runs as a child of /usr/bin/time (for its peak memory), so it re-enters this script by name.
  if ! /usr/bin/time -f '%M' -o "$dir.tmp/.peak-kb" bash "$SELF" --step "$1" "$dir.tmp" > "$dir.tmp/.build.log" 2>&1; then
    say "$name: FAILED (log: $dir.tmp/.build.log)"; tail -20 "$dir.tmp/.build.log" >&2; return 1
  fi
  echo "$(( $(date +%s) - t0 ))" > "$dir.tmp/.build-seconds"
  touch "$dir.tmp/.done"; rm -rf "$dir"; mv "$dir.tmp" "$dir"
  say "$name: built in $(cat "$dir/.build-seconds") s, peak $(( $(cat "$dir/.peak-kb") / 1024 )) MiB"
}

# A provider whose go.mod has no replace directive: go install by module version.
go_install_into() { GOBIN="$2" go install "$1"; }
# A module whose go.mod has replace directives: download it, build inside its own module directory.
go_build_in_module() {
  local module="$1" pkg="$2" out="$3"
  local src; src=$(go mod download -json "$module" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
  (cd "$src" && go build -o "$out" "$pkg")
}

provider_random() { go_install_into "$RANDOM_MODULE@$RANDOM_VERSION" "$1"; }
provider_google() { go_install_into "$GOOGLE_MODULE@$GOOGLE_VERSION" "$1"; }
provider_aws() { go_build_in_module "$AWS_MODULE@$AWS_VERSION" . "$1/terraform-provider-aws"; }
kine() { GOBIN="$1" go install "$KINE_MODULE@$KINE_VERSION"; }
opentofu() { go_build_in_module "$OPENTOFU_MODULE@$OPENTOFU_VERSION" ./cmd/tofu "$1/tofu"; }
checkov() { python3 -m venv "$1/venv" && "$1/venv/bin/pip" install --quiet --disable-pip-version-check "checkov==$CHECKOV_VERSION"; }

# Upstream CRDs for the deploy rehearsal: the listed files of a module's zip from the Go module proxy, copied into the
# cache (never the repository). Only the zip is read: a module whose go.mod needs a newer Go than the machine's still
# downloads (`go mod download` then reports the version, not a missing zip).
module_files() {
  local module="$1" files="$2" out="$3" work zip; work=$(mktemp -d)
  zip=$(cd "$work" && { go mod download -json "$module" || true; } | python3 -c 'import json,sys; print(json.load(sys.stdin).get("Zip", ""))')
  rm -rf "$work"
  [[ -n "$zip" && -f "$zip" ]] || { echo "$module: the module proxy gave no zip" >&2; return 1; }
  # shellcheck disable=SC2086 # the file list is space-separated on purpose
  python3 - "$zip" "$out" $files <<'PY'
import os, sys, zipfile
archive, out, wanted = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile(archive) as z:
    by_path = {}
    for name in z.namelist():
        # Entries are <module>@<version>/<path>: the module path may itself hold slashes.
        at = name.index('@')
        by_path[name[name.index('/', at) + 1:]] = name
    for path in wanted:
        if path not in by_path:
            sys.exit(f'{path}: not in {archive}')
        with open(os.path.join(out, os.path.basename(path)), 'wb') as f:
            f.write(z.read(by_path[path]))
PY
}
crds_istio() { module_files "$CRDS_ISTIO_MODULE@$CRDS_ISTIO_VERSION" "$CRDS_ISTIO_FILES" "$1"; }
crds_argo_cd() { module_files "$CRDS_ARGO_CD_MODULE@$CRDS_ARGO_CD_VERSION" "$CRDS_ARGO_CD_FILES" "$1"; }
crds_kueue() { module_files "$CRDS_KUEUE_MODULE@$CRDS_KUEUE_VERSION" "$CRDS_KUEUE_FILES" "$1"; }
crds_gateway_api() { module_files "$CRDS_GATEWAY_API_MODULE@$CRDS_GATEWAY_API_VERSION" "$CRDS_GATEWAY_API_FILES" "$1"; }

# kube-apiserver and kube-controller-manager (whose controllers type-check admission policies, keep quota status and
# create service accounts): k8s.io/kubernetes cannot be required as is (its staging modules are replaced by paths), so
# a wrapper module replaces each staging module with its published version of the same release.
kubernetes() {
  local out="$1" work; work=$(mktemp -d)
  # `go list -m` fetches the module's go.mod alone, through whatever GOPROXY the machine uses.
  cp "$(cd "$work" && GOFLAGS=-mod=mod go list -m -json "k8s.io/kubernetes@$KUBERNETES_VERSION" | python3 -c 'import json,sys; print(json.load(sys.stdin)["GoMod"])')" "$work/kubernetes.mod"
  {
    echo 'module gke-platform-cdk/conformance/kubernetes'
    echo 'go 1.24.0'
    echo "require k8s.io/kubernetes $KUBERNETES_VERSION"
    grep -oE '^\s*k8s\.io/[a-z0-9-]+ => \./staging/src/k8s\.io/[a-z0-9-]+' "$work/kubernetes.mod" | awk -v v="$KUBERNETES_STAGING_VERSION" '{print "replace " $1 " => " $1 " " v}'
  } > "$work/go.mod"
  printf 'package main\n\nimport (\n\t_ "k8s.io/kubernetes/cmd/kube-apiserver/app"\n\t_ "k8s.io/kubernetes/cmd/kube-controller-manager/app"\n)\n\nfunc main() {}\n' > "$work/tools.go"
  (cd "$work" && GOFLAGS=-mod=mod go mod tidy && go build -o "$out/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver && go build -o "$out/kube-controller-manager" k8s.io/kubernetes/cmd/kube-controller-manager)
  rm -rf "$work"
}

# Vault (the server, for the Vault judge). Its go.mod replaces its own api and sdk modules by paths: the release
# branch's copies, which are not published as module versions. So a wrapper module builds a copy of the release,
# keeps the release's replaces that name published modules, and pins api and sdk to published versions: api as the
# release's go.mod requires it; sdk v0.21.0 (the version the release's go.mod names). Two signatures differ between
# that sdk and the release branch's copy, so the copy gets three one-line compatibility shims, checked below, and
# nothing else changes: identity deduplication's activation callback ignores the sdk's new string argument, and
# transit's key restore takes the restored key's name from the request (it only feeds an observation record).
# Neither path is one the judge uses.
vault() {
  local out="$1" work; work=$(mktemp -d)
  local src; src=$(cd "$work" && go mod download -json "$VAULT_MODULE@$VAULT_VERSION" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
  cp -r "$src" "$work/vault-src"; chmod -R u+w "$work/vault-src"
  sed -i 's#ActivationFunc: iStore.activateDeduplication,#ActivationFunc: func(ctx context.Context, req *logical.Request, _ string) error { return iStore.activateDeduplication(ctx, req) },#' "$work/vault-src/vault/identity_store.go"
  sed -i 's#b.idStoreBackend.ActivationFunc(ctx, nil); err != nil#b.idStoreBackend.ActivationFunc(ctx, nil, ""); err != nil#' "$work/vault-src/vault/logical_system_activation_flags.go"
  sed -i 's#restoredKeyName, err := b.lm.RestorePolicy(ctx, req.Storage, keyName, backupB64, force)#restoredKeyName, err := keyName, b.lm.RestorePolicy(ctx, req.Storage, keyName, backupB64, force)#' "$work/vault-src/builtin/logical/transit/path_restore.go"
  [[ $(diff -r "$src" "$work/vault-src" | grep -c '^[<>]') -eq 6 ]] || { echo "vault: the compatibility shims no longer apply to $VAULT_VERSION" >&2; return 1; }
  {
    echo 'module gke-platform-cdk/conformance/vault'
    grep -E '^go [0-9.]+$' "$src/go.mod"
    echo "require $VAULT_MODULE $VAULT_VERSION"
    grep -E '^replace .* => [^.][^ ]* v[0-9]' "$src/go.mod" || true
    echo "replace $VAULT_MODULE => ./vault-src"
    echo "replace $VAULT_MODULE/sdk => $VAULT_MODULE/sdk $VAULT_SDKVERSION"
    echo "replace $VAULT_MODULE/api => $VAULT_MODULE/api $VAULT_APIVERSION"
  } > "$work/go.mod"
  (cd "$work" && GOFLAGS=-mod=mod go build -trimpath -o "$out/vault" "$VAULT_MODULE")
  rm -rf "$work"
}

tool_dir() {
  case "$1" in
    provider-random) echo "$TOOLS_DIR/terraform-provider-random-$RANDOM_VERSION" ;;
    provider-google) echo "$TOOLS_DIR/terraform-provider-google-$GOOGLE_VERSION" ;;
    provider-aws) echo "$TOOLS_DIR/terraform-provider-aws-$AWS_VERSION" ;;
    kine) echo "$TOOLS_DIR/kine-$KINE_VERSION" ;;
    kubernetes) echo "$TOOLS_DIR/kubernetes-$KUBERNETES_VERSION" ;;
    vault) echo "$TOOLS_DIR/vault-$VAULT_VERSION" ;;
    opentofu) echo "$TOOLS_DIR/opentofu-$OPENTOFU_VERSION" ;;
    checkov) echo "$TOOLS_DIR/checkov-$CHECKOV_VERSION" ;;
    crds-istio) echo "$TOOLS_DIR/crds-istio-$CRDS_ISTIO_VERSION" ;;
    crds-argo-cd) echo "$TOOLS_DIR/crds-argo-cd-$CRDS_ARGO_CD_VERSION" ;;
    crds-kueue) echo "$TOOLS_DIR/crds-kueue-$CRDS_KUEUE_VERSION" ;;
    crds-gateway-api) echo "$TOOLS_DIR/crds-gateway-api-$CRDS_GATEWAY_API_VERSION" ;;
    *) echo "unknown tool: $1" >&2; return 1 ;;
  esac
}

build_tool() {
  local dir; dir=$(tool_dir "$1")
  case "$1" in
    provider-random) build_once "$1" "$dir" provider_random ;;
    provider-google) build_once "$1" "$dir" provider_google ;;
    provider-aws) build_once "$1" "$dir" provider_aws ;;
    kine) build_once "$1" "$dir" kine ;;
    kubernetes) build_once "$1" "$dir" kubernetes ;;
    vault) build_once "$1" "$dir" vault ;;
    opentofu) build_once "$1" "$dir" opentofu ;;
    checkov) build_once "$1" "$dir" checkov ;;
    crds-istio) build_once "$1" "$dir" crds_istio ;;
    crds-argo-cd) build_once "$1" "$dir" crds_argo_cd ;;
    crds-kueue) build_once "$1" "$dir" crds_kueue ;;
    crds-gateway-api) build_once "$1" "$dir" crds_gateway_api ;;
  esac
}

# Terraform on PATH (1.5 or newer) is used as it is; otherwise OpenTofu is built.
needs_opentofu() {
  command -v terraform > /dev/null || return 0
  local v; v=$(CHECKPOINT_DISABLE=1 terraform version -json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["terraform_version"])' || echo 0.0.0)
  python3 -c "import sys; a=[int(x) for x in '$v'.split('.')[:2]]; sys.exit(0 if a < [1, 5] else 1)"
}

case "${1:-}" in
  --step) "$2" "$3"; exit $? ;;
  --print-dir) echo "$TOOLS_DIR"; exit 0 ;;
  --dir-of) tool_dir "$2"; exit 0 ;;
esac

mkdir -p "$TOOLS_DIR"
# Cheapest first, so a short session still gets the judges that fit; the AWS provider last (the largest build).
except=""
if [[ "${1:-}" == "--except" ]]; then except=" ${2//,/ } "; shift 2; fi
tools=("$@")
if [[ ${#tools[@]} -eq 0 ]]; then
  for tool in crds-istio crds-argo-cd crds-kueue crds-gateway-api checkov provider-random kine provider-google vault kubernetes provider-aws; do
    [[ "$except" == *" $tool "* ]] || tools+=("$tool")
  done
  if needs_opentofu; then tools=(opentofu "${tools[@]}"); fi
fi
failed=0
for tool in "${tools[@]}"; do build_tool "$tool" || failed=1; done
say "done; tools in $TOOLS_DIR"
exit $failed
