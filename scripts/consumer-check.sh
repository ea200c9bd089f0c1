#!/usr/bin/env bash
# Consumer check: does the packed npm tarball work in the app a cdk8s user actually has?
#
# For cdk8s-plus-28 and cdk8s-plus-33 (the line `cdk8s init typescript-app` scaffolds), creates a
# throwaway project shaped like that template (package.json, the template's strict tsconfig,
# a main.ts app), installs the tarball plus cdk8s, constructs, the cdk8s-plus line, TypeScript
# and @types/node from the npm registry, then:
#   1. `tsc --noEmit`: the app passes cdk8s-plus objects to Backend.fromService,
#      PolicyTarget.fromService and CertificateRef.fromSecret/fromConfigMap with no casts;
#   2. compiles and runs the app with node, which synthesizes YAML (with the library's
#      synth-time validation), and checks that the backendRef, certificateRef and policy
#      targetRef are in it;
#   3. checks that installing the library did not pull in another cdk8s-plus line (it has no
#      cdk8s-plus dependency, peer or otherwise).
# The template's jest/ts-jest/ts-node/cdk8s-cli devDependencies are left out: they play no part.
#
# Usage: scripts/consumer-check.sh [path/to/cdk8s-gateway-api.tgz]
#   Without an argument, uses the single dist/js/*.tgz that `npx projen build` (package:js) writes.
# Set KEEP_CONSUMER_DIR=1 to keep the temporary projects.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

fail() {
  echo "consumer-check: FAILED: $*" >&2
  exit 1
}

# --- the tarball -------------------------------------------------------------------------------
if [ $# -gt 0 ]; then
  tarball="$1"
else
  shopt -s nullglob
  candidates=(dist/js/*.tgz)
  shopt -u nullglob
  [ ${#candidates[@]} -eq 1 ] || fail "expected exactly one dist/js/*.tgz (found ${#candidates[@]}); run 'npx projen compile && npx projen package:js' first, or pass the tarball"
  tarball="${candidates[0]}"
fi
[ -f "$tarball" ] || fail "tarball $tarball not found"
tarball="$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")"

# --- versions: the ones this project tests with (exact, so CI is reproducible) ------------------
installed_version() {
  node -p "require('$root/node_modules/$1/package.json').version" 2>/dev/null \
    || fail "$1 is not installed in $root/node_modules (run npm ci)"
}
CDK8S_VERSION="$(installed_version cdk8s)"
CONSTRUCTS_VERSION="$(installed_version constructs)"
# What the cdk8s typescript-app template pins (cdk8s-cli templates/typescript-app/package.json).
TYPESCRIPT_RANGE='5.9.x'
TYPES_NODE_RANGE='^14'

work="$(mktemp -d "${TMPDIR:-/tmp}/consumer-check.XXXXXX")"
cleanup() {
  local rc=$?
  if [ $rc -ne 0 ] || [ "${KEEP_CONSUMER_DIR:-}" = 1 ]; then
    echo "consumer-check: projects kept in $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

echo "consumer-check: tarball $(basename "$tarball"); cdk8s $CDK8S_VERSION, constructs $CONSTRUCTS_VERSION, typescript $TYPESCRIPT_RANGE"

check_line() {
  local line="$1" # 28 or 33
  local plus="cdk8s-plus-$line"
  local plus_version
  plus_version="$(installed_version "$plus")"
  local dir="$work/app-$plus"
  mkdir -p "$dir"
  echo "== consumer app with $plus@$plus_version ($dir)"

  # package.json and tsconfig.json as `cdk8s init typescript-app` writes them.
  cat >"$dir/package.json" <<EOF
{
  "name": "app-$plus",
  "version": "1.0.0",
  "main": "main.js",
  "types": "main.ts",
  "license": "Apache-2.0",
  "private": true,
  "scripts": {
    "compile": "tsc --build"
  },
  "dependencies": {
    "cdk8s": "$CDK8S_VERSION",
    "$plus": "$plus_version",
    "cdk8s-gateway-api": "file:$tarball",
    "constructs": "$CONSTRUCTS_VERSION"
  },
  "devDependencies": {
    "@types/node": "$TYPES_NODE_RANGE",
    "typescript": "$TYPESCRIPT_RANGE"
  }
}
EOF
  cat >"$dir/tsconfig.json" <<'EOF'
{
  "compilerOptions": {
    "alwaysStrict": true,
    "declaration": true,
    "experimentalDecorators": true,
    "inlineSourceMap": true,
    "inlineSources": true,
    "lib": ["es2016"],
    "module": "CommonJS",
    "noEmit": false,
    "noEmitOnError": true,
    "noFallthroughCasesInSwitch": true,
    "noImplicitAny": true,
    "noImplicitReturns": true,
    "noImplicitThis": true,
    "noUnusedLocals": true,
    "noUnusedParameters": true,
    "resolveJsonModule": true,
    "strict": true,
    "strictNullChecks": true,
    "strictPropertyInitialization": true,
    "stripInternal": true,
    "target": "ES2017"
  },
  "include": ["**/*.ts"],
  "exclude": ["node_modules"]
}
EOF
  # The app: cdk8s-plus objects go straight into the conveniences (no casts, no `as`).
  cat >"$dir/main.ts" <<EOF
import { App, Chart, ChartProps } from 'cdk8s';
import * as kplus from '$plus';
import * as gw from 'cdk8s-gateway-api';
import { Construct } from 'constructs';

export class MyChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    const web = new kplus.Service(this, 'Web', {
      metadata: { name: 'web' },
      ports: [{ port: 8443, name: 'https' }],
    });
    const tls = new kplus.Secret(this, 'Tls', { metadata: { name: 'shop-tls', namespace: 'certs' } });
    const clientCa = new kplus.ConfigMap(this, 'ClientCa', { metadata: { name: 'client-ca' } });
    const webCa = new kplus.ConfigMap(this, 'WebCa', { metadata: { name: 'web-ca' } });

    const gateway = new gw.Gateway(this, 'Edge', {
      metadata: { name: 'edge' },
      gatewayClass: gw.GatewayClass.fromGatewayClassName(this, 'Eg', 'eg'),
      clientCertificateValidation: { caCertificates: [gw.CertificateRef.fromConfigMap(clientCa)] },
    });
    const https = gateway.addHttpsListener({
      hostname: 'shop.example.com',
      certificates: [gw.CertificateRef.fromSecret(tls)],
    });
    new gw.HttpRoute(this, 'Shop', {
      metadata: { name: 'shop' },
      parents: [https],
      hostnames: ['shop.example.com'],
      rules: [{ matches: [{ path: gw.PathMatch.prefix('/') }], backends: [gw.Backend.fromService(web)] }],
    });
    new gw.BackendTlsPolicy(this, 'WebTls', {
      metadata: { name: 'web-tls' },
      targets: [gw.PolicyTarget.fromService(web, { sectionName: 'https' })],
      hostname: 'web.shop.svc.cluster.local',
      caCertificates: [gw.CaCertificateRef.fromConfigMap(webCa)],
    });
  }
}

const app = new App();
new MyChart(app, 'shop', { namespace: 'shop' });
app.synth();
EOF

  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error) || fail "$plus: npm install failed"

  echo "-- tsc --noEmit ($(cd "$dir" && npx tsc --version))"
  (cd "$dir" && npx tsc --noEmit) || fail "$plus: the app does not type-check against the tarball (errors above)"

  echo "-- compile and synth with node"
  (cd "$dir" && npx tsc && node main.js) || fail "$plus: the app failed to compile or synthesize (errors above)"
  local yaml="$dir/dist/shop.k8s.yaml"
  [ -s "$yaml" ] || fail "$plus: $yaml was not written"

  # The exact lines cdk8s writes for the references made from the cdk8s-plus objects.
  expect_yaml "$plus" "$yaml" 'backendRef to the kplus Service' '    - backendRefs:' '        - name: web' '          port: 8443'
  expect_yaml "$plus" "$yaml" 'certificateRef to the kplus Secret (namespace kept)' '        certificateRefs:' '          - group: ""' '            kind: Secret' '            name: shop-tls' '            namespace: certs'
  expect_yaml "$plus" "$yaml" 'CA ref to the kplus ConfigMap' '          caCertificateRefs:' '            - group: ""' '              kind: ConfigMap' '              name: client-ca'
  expect_yaml "$plus" "$yaml" 'policy targetRef to the kplus Service port' '  targetRefs:' '    - group: ""' '      kind: Service' '      name: web' '      sectionName: https'
  # Only the app's own cdk8s-plus line may be installed: the library has no cdk8s-plus dependency.
  local other
  other="$(cd "$dir/node_modules" && ls -d cdk8s-plus-* 2>/dev/null | grep -vx "$plus" || true)"
  [ -z "$other" ] || fail "$plus: installing the library also installed $other"
  echo "-- $plus: ok"
}

# expect_yaml LINE FILE WHAT FIRST_LINE NEXT_LINES...: FIRST_LINE occurs in FILE, directly followed by NEXT_LINES.
expect_yaml() {
  local plus="$1" file="$2" what="$3"
  shift 3
  local n=$#
  if ! grep -A $((n - 1)) -x -F -- "$1" "$file" | node -e '
    const want = process.argv.slice(1).join("\n");
    const got = require("fs").readFileSync(0, "utf8").split("\n--\n").map(s => s.replace(/\n$/, ""));
    process.exit(got.includes(want) ? 0 : 1);
  ' "$@"; then
    echo "---- $file" >&2
    cat "$file" >&2
    fail "$plus: the synthesized YAML lacks the $what:$(printf '\n  %s' "$@")"
  fi
}

start=$SECONDS
check_line 33
check_line 28
echo "consumer-check: ok ($((SECONDS - start))s)"
