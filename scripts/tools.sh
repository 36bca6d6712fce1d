# Installs, once per machine, the tools the build needs; sourced by run.sh and test.sh.
# They live outside the clone (PORTAL_TOOLS, default /opt/portal-tools) so that
# every clone and CI run on the machine shares them.

PORTAL_TOOLS=${PORTAL_TOOLS:-/opt/portal-tools}
export PATH="$PORTAL_TOOLS/bin:$PORTAL_TOOLS/binaryen/node_modules/.bin:$HOME/.cargo/bin:$PATH"

CARGO_LEPTOS_VERSION=0.3.10
BINARYEN_VERSION=132.0.0

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ensure_build_tools() {
  mkdir -p "$PORTAL_TOOLS"
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "Adding the wasm32 target"
    rustup target add wasm32-unknown-unknown
  fi

  if [ "$(cargo-leptos --version 2>/dev/null)" != "cargo-leptos $CARGO_LEPTOS_VERSION" ]; then
    # The newest cargo-leptos needs a newer rustc than this machine's; 0.3.10 builds here.
    say "Installing cargo-leptos $CARGO_LEPTOS_VERSION (about 12 minutes, once)"
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --root "$PORTAL_TOOLS"
  fi

  # cargo-leptos runs whatever wasm-bindgen is on PATH: it must match Cargo.lock exactly.
  local wb
  wb=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb" ]; then
    say "Installing wasm-bindgen-cli $wb (about 4 minutes, once)"
    # Not --locked: its lock file names a crate version the registry no longer has.
    cargo install wasm-bindgen-cli --version "$wb" --root "$PORTAL_TOOLS" --force
  fi

  # Debian's binaryen is too old (its wasm fails to hydrate); npm has a current one.
  if [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" != "${BINARYEN_VERSION%%.*}" ]; then
    say "Installing binaryen $BINARYEN_VERSION (wasm-opt)"
    npm install --prefix "$PORTAL_TOOLS/binaryen" --no-audit --no-fund "binaryen@$BINARYEN_VERSION"
  fi
}

ensure_test_tools() {
  if [ ! -x /usr/bin/chromium ]; then
    say "Installing Debian's chromium"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  fi
  # The eCOPR tests read the PDF back: as text and as an image (poppler), and its structure (qpdf).
  if ! command -v pdftotext >/dev/null || ! command -v pdftoppm >/dev/null || ! command -v qpdf >/dev/null; then
    say "Installing Debian's poppler-utils and qpdf"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils qpdf
  fi
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    say "Starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
  # Reinstall the end-to-end packages only when their lock file changed.
  local stamp=end2end/node_modules/.package-lock.json
  if [ ! -f "$stamp" ] || ! cmp -s end2end/package-lock.json end2end/node_modules/.lock-copy; then
    say "Installing the end-to-end test packages"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
    cp end2end/package-lock.json end2end/node_modules/.lock-copy
  fi
}

# cargo-leptos runs wasm-bindgen, wasm-opt and precompression on every build, even
# when nothing changed (about 40 s): skip the build when the site was last built from
# exactly these sources and tools.
build_site() {
  local stamp=target/site/.built-from sources
  sources=$(site_sources)
  if [ -n "$sources" ] && [ -x target/release/portal ] && [ -f target/site/pkg/portal.wasm ] \
    && [ "$(cat "$stamp" 2>/dev/null)" = "$sources" ]; then
    say "The portal is already built from these sources"
    return 0
  fi
  say "Building the portal (server and WebAssembly, release)"
  cargo leptos build --release --precompress
  build_photo_worker
  [ -z "$sources" ] || echo "$sources" >"$stamp"
}

# A digest of what the site is built from: the clone's files (tracked, or new and not
# ignored; not tests, benchmarks or prose), the tools and the build settings.
# Empty outside a git clone, where the site is always built.
site_sources() {
  git rev-parse --is-inside-work-tree >/dev/null 2>&1 || return 0
  {
    git ls-files -z --cached --others --exclude-standard -- . ':!end2end' ':!*/tests/*' ':!*/benches/*' ':!*.md' | xargs -0 sha256sum 2>/dev/null || true
    rustc --version; cargo-leptos --version; wasm-bindgen --version; wasm-opt --version
    env | grep -E '^(RUSTFLAGS|CARGO_PROFILE_|CARGO_BUILD_|LEPTOS_)' | sort || true
  } | sha256sum | cut -d' ' -f1
}

# The photo checks' own WebAssembly, run in a Web Worker that only the photo-check
# component starts (so no page's bundle carries the engine). cargo-leptos empties
# the site folder when it builds, so this comes after it.
build_photo_worker() {
  say "Building the photo checker's worker (WebAssembly, release)"
  cargo build -p photo-worker --target wasm32-unknown-unknown --profile worker-release
  local out=target/site/photo-worker
  rm -rf "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" \
    target/wasm32-unknown-unknown/worker-release/photo_worker.wasm
  # For speed rather than size: the checks are the time the person waits.
  wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$out/photo_worker_bg.wasm" -o "$out/photo_worker_bg.wasm"
  cp photo-worker/worker.js "$out/"
}
