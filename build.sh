#!/usr/bin/env bash
# Authtoken Keeper for Zoho: build, run and test. See README.md.
#
#   ./build.sh          install what is missing, build dist/extension and the store archives
#   ./build.sh test     the same, then every test (native, Wasm in both browsers, end to end)
#   ./build.sh demo     the local Zoho and Chromium with the extension; screenshots in dist/demo
#                       (the README's in docs/, the stores' in docs/store/)
#   ./build.sh bench    size and speed figures, as a table and as JSON in dist/bench
#   ./build.sh mutants  mutation testing of the pure core (slow; not part of `test`)
#   ./build.sh release  build the last commit twice in two folders, check the two match byte
#                       for byte, and write the store and source archives to dist/release
#
# Tools it installs go to a cache folder (default ~/.cache/authtoken-keeper) and are
# reused by later runs and other checkouts; every step skips what is already there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${AUTHTOKEN_KEEPER_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/authtoken-keeper}"
DIST="$ROOT/dist"
TARGET=wasm32-unknown-unknown
# The tools from crates.io that Cargo.lock does not pin (wasm-bindgen's CLI is
# pinned there).
GECKODRIVER_VERSION=0.37.1
CARGO_MUTANTS_VERSION=27.1.0
CRATE=authtoken_keeper
# The Wasm modules (and the crate features that make them): one per page, and the
# background's second, `network`, compiled after its first answer.
ROLES=(background network popup options welcome)

cd "$ROOT"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# --- tools -------------------------------------------------------------------------

# The exact Rust of rust-toolchain.toml (rustup would fetch it at the first
# cargo call anyway; here it is said, and the Wasm target added with it).
ensure_toolchain() {
  local channel
  channel="$(sed -n 's/^channel = "\(.*\)"$/\1/p' rust-toolchain.toml)"
  [[ -n "$channel" ]] || die "rust-toolchain.toml names no channel"
  if ! rustup toolchain list | grep -q "^$channel-"; then
    say "installing Rust $channel (rust-toolchain.toml)"
    rustup toolchain install "$channel" --profile minimal --target "$TARGET" \
      --component rustfmt --component clippy
  fi
  if ! rustup target list --installed | grep -qx "$TARGET"; then
    say "adding Rust target $TARGET"
    rustup target add "$TARGET"
  fi
}

# A crate's programs from crates.io at an exact version, installed once into
# $CACHE/FOLDER (skipped when FOLDER/bin/PROGRAM is there):
# cargo_tool FOLDER PROGRAM CRATE VERSION [cargo install options].
cargo_tool() {
  local root="$CACHE/$1" program="$2" crate="$3" version="$4"
  shift 4
  if [[ ! -x "$root/bin/$program" ]]; then
    say "installing $crate $version from crates.io (once, several minutes)"
    cargo install "$crate" --version "=$version" --root "$root" "$@"
  fi
}

# The npm tools at the exact versions of extension/build/package-lock.json
# (binaryen's wasm-opt: Debian's, binaryen 108, breaks current wasm-bindgen
# output; web-ext, AMO's linter; axe-core; Postman's SDK), installed once with
# `npm ci` into a cache folder named after the lockfile's contents.
ensure_npm_tools() {
  local lock=extension/build/package-lock.json digest
  digest="$(sha256sum "$lock" | cut -c1-16)"
  NPM_TOOLS="$CACHE/npm-$digest"
  if [[ ! -f "$NPM_TOOLS/installed" ]]; then
    say "installing the build's and the tests' npm tools (npm ci, once)"
    rm -rf "$NPM_TOOLS" && mkdir -p "$NPM_TOOLS"
    cp extension/build/package.json "$lock" "$NPM_TOOLS/"
    (cd "$NPM_TOOLS" && npm ci --silent --no-audit --no-fund >&2)
    touch "$NPM_TOOLS/installed"
  fi
  WASM_OPT="$NPM_TOOLS/node_modules/.bin/wasm-opt"
  WEB_EXT="$NPM_TOOLS/node_modules/.bin/web-ext"
  export AXE_CORE="$NPM_TOOLS/node_modules/axe-core/axe.min.js"
  export POSTMAN_COLLECTION="$NPM_TOOLS/node_modules/postman-collection"
}

# The wasm-bindgen CLI must be exactly the version Cargo.lock resolved.
locked_version() {
  awk -v name="$1" '$1 == "name" && $3 == "\"" name "\"" { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock
}

ensure_wasm_bindgen() {
  [[ -f Cargo.lock ]] || cargo generate-lockfile
  local version
  version="$(locked_version wasm-bindgen)"
  [[ -n "$version" ]] || die "wasm-bindgen is not in Cargo.lock"
  # No --locked: its own lockfile names a crate version the registry may not serve.
  cargo_tool "wasm-bindgen-$version" wasm-bindgen wasm-bindgen-cli "$version"
  WASM_BINDGEN="$CACHE/wasm-bindgen-$version/bin/wasm-bindgen"
  WASM_BINDGEN_TEST_RUNNER="$CACHE/wasm-bindgen-$version/bin/wasm-bindgen-test-runner"
}

apt_install() {
  say "installing $* from Debian"
  [[ $EUID -eq 0 ]] || die "installing $* needs root (apt-get)"
  if [[ ! -f "$CACHE/apt-updated" ]] || [[ -n "$(find "$CACHE/apt-updated" -mtime +1)" ]]; then
    apt-get update -qq
    mkdir -p "$CACHE" && touch "$CACHE/apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_browsers() {
  local missing=()
  [[ -x /usr/lib/chromium/chromium ]] || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v firefox-esr >/dev/null || missing+=(firefox-esr)
  # Russian interface for the translation test.
  [[ -n "$(ls /usr/lib/firefox-esr/browser/extensions/langpack-ru@* 2>/dev/null)" ]] || missing+=(firefox-esr-l10n-ru)
  (( ${#missing[@]} == 0 )) || apt_install "${missing[@]}"
  CHROMEDRIVER="$(command -v chromedriver)"
  cargo_tool "geckodriver-$GECKODRIVER_VERSION" geckodriver geckodriver "$GECKODRIVER_VERSION"
  GECKODRIVER="$CACHE/geckodriver-$GECKODRIVER_VERSION/bin/geckodriver"
  export CHROMEDRIVER GECKODRIVER
  export CHROMIUM_BINARY=/usr/lib/chromium/chromium
  export FIREFOX_BINARY
  FIREFOX_BINARY="$(readlink -f "$(command -v firefox-esr)")"
}

# --- build -------------------------------------------------------------------------

# One Wasm module (`background`, `network`, `popup`, `options`, `welcome`: the crate's
# features) in $2 as <role>.js and <role>_bg.wasm. The builds share one
# target folder and overwrite each other's raw module, so a role is rebuilt
# only when the sources changed since its module was made.
build_role() {
  local role="$1" out="$2"
  local made="$out/${role}_bg.wasm"
  if [[ -f "$made" && ! "$WASM_BINDGEN" -nt "$made" ]] &&
    [[ -z "$(find src Cargo.toml Cargo.lock -newer "$made" -print -quit)" ]]; then
    return
  fi
  say "building the $role module (release)"
  # Panic locations name dependencies' files by their path on this machine; the
  # shipped module names them under cargo/ instead (the same on every machine).
  RUSTFLAGS="${RUSTFLAGS:-} --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=cargo" \
    cargo build --locked --release --target "$TARGET" -p authtoken-keeper --features "$role"
  "$WASM_BINDGEN" --target web --no-typescript --out-dir "$out" --out-name "$role" \
    "target/$TARGET/release/$CRATE.wasm"
  # Optimised for size, and without the sections only tools read (producers,
  # features). A function with one caller is inlined only when small (here:
  # at most 40 instructions): the browser compiles a Wasm function when it is
  # first called, so a flow's code kept apart is compiled only by the page or
  # message that runs it (docs/performance.md).
  "$WASM_OPT" -Oz --one-caller-inline-max-function-size 40 --strip-producers --strip-target-features "$made" -o "$made"
}

# SOURCE_DATE_EPOCH, every file's time in the archives: as set, else the last
# commit's time; in a source archive (no .git), the time `git archive` wrote
# into extension/build/source-date (export-subst, extension/build/.gitattributes).
source_date_epoch() {
  local epoch="${SOURCE_DATE_EPOCH:-}"
  if [[ -z "$epoch" ]]; then
    if [[ "$(git rev-parse --show-toplevel 2>/dev/null)" == "$ROOT" ]]; then
      epoch="$(git log -1 --format=%ct)"
    else
      epoch="$(cat extension/build/source-date)"
    fi
  fi
  [[ "$epoch" =~ ^[0-9]+$ ]] || die "SOURCE_DATE_EPOCH is not a time in seconds: $epoch"
  echo "$epoch"
}

# A store archive anyone can rebuild byte for byte (checked by
# tests/store-archives/normalised.js): entries in byte order, no directory
# entries, no extra fields (uid, gid, times), every file 0644 and dated $3
# (zip writes local time: UTC here). pack FOLDER ZIP EPOCH.
pack() {
  local from="$1" zip="$2" epoch="$3"
  find "$from" -type f -exec chmod 0644 {} + -exec touch -d "@$epoch" {} +
  (cd "$from" && find . -type f | sed 's|^\./||' | LC_ALL=C sort | TZ=UTC zip -qX -D "$zip" -@)
}

package_version() {
  awk -F'"' '/^version *=/ { print $2; exit }' Cargo.toml
}

build() {
  ensure_toolchain
  ensure_wasm_bindgen
  ensure_npm_tools
  local started=$SECONDS version
  version="$(package_version)"

  # One module per page, each with only the code its page reaches (docs/performance.md, "Size").
  local out="target/extension-wasm" role
  mkdir -p "$out"
  for role in "${ROLES[@]}"; do build_role "$role" "$out"; done

  say "assembling dist/extension"
  local ext="$DIST/extension"
  rm -rf "$ext" && mkdir -p "$ext/wasm" "$ext/icons"
  cp extension/*.html extension/*.css extension/*.js "$ext/"
  cp extension/icons/*.png "$ext/icons/"
  cp -r extension/_locales "$ext/"
  for role in "${ROLES[@]}"; do cp "$out/$role.js" "$out/${role}_bg.wasm" "$ext/wasm/"; done
  # The privacy policy, written once in docs/privacy.md, as a page of the extension.
  node extension/build/privacy-page.js docs/privacy.md "$ext/privacy.html"
  # Cargo.toml holds the one version number; the manifest gets it here.
  node extension/build/stamp-manifest.js manifest.json "$ext/manifest.json" "$version"

  say "packing store archives"
  local chrome_zip="$DIST/authtoken-keeper-$version-chrome.zip"
  local firefox_zip="$DIST/authtoken-keeper-$version-firefox.zip"
  local epoch
  epoch="$(source_date_epoch)"
  rm -f "$DIST"/authtoken-keeper-*.zip
  pack "$ext" "$firefox_zip" "$epoch"
  # Chrome's store gets the manifest without Firefox's settings and event page.
  local staging="$DIST/.chrome-staging"
  rm -rf "$staging" && cp -r "$ext" "$staging"
  node extension/build/chrome-manifest.js "$staging/manifest.json"
  pack "$staging" "$chrome_zip" "$epoch"
  rm -rf "$staging"

  echo >&2
  for role in "${ROLES[@]}"; do
    local wasm="$ext/wasm/${role}_bg.wasm"
    printf '  %-10s %7d bytes raw, %6d bytes gzipped, glue %6d bytes\n' "$role" \
      "$(stat -c %s "$wasm")" "$(gzip -9 -c "$wasm" | wc -c)" "$(stat -c %s "$ext/wasm/$role.js")"
  done
  printf '  chrome    %7d bytes  %s\n' "$(stat -c %s "$chrome_zip")" "${chrome_zip#"$ROOT"/}"
  printf '  firefox   %7d bytes  %s\n' "$(stat -c %s "$firefox_zip")" "${firefox_zip#"$ROOT"/}"
  printf '  built in %ds; load dist/extension/ unpacked in Chrome or as a temporary add-on in Firefox\n\n' $((SECONDS - started))
}

# --- test --------------------------------------------------------------------------

RESULTS=()
TOTAL_PASSED=0
TOTAL_FAILED=0

# Runs one suite, records its outcome and adds up the counts cargo printed. A suite
# that passes fewer tests than `min` has lost some (or ran none) and fails.
suite() {
  local name="$1" min="$2"
  shift 2
  say "test: $name"
  local log="$DIST/test-logs/${name// /-}.log" status=0
  mkdir -p "$DIST/test-logs"
  "$@" 2>&1 | tee "$log" || status=$?
  local passed failed
  passed=$(grep -E '^test result:' "$log" | grep -oE '[0-9]+ passed' | awk '{ n += $1 } END { print n + 0 }' || true)
  failed=$(grep -E '^test result:' "$log" | grep -oE '[0-9]+ failed' | awk '{ n += $1 } END { print n + 0 }' || true)
  if [[ $status -eq 0 && $passed -lt $min ]]; then
    echo "$name: $passed passed, fewer than the $min it has" | tee -a "$log"
    status=1
  fi
  if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
  TOTAL_PASSED=$((TOTAL_PASSED + passed))
  TOTAL_FAILED=$((TOTAL_FAILED + failed))
  if [[ $status -eq 0 ]]; then
    RESULTS+=("PASS  $name ($passed passed)")
  else
    RESULTS+=("FAIL  $name ($passed passed, $failed failed; log: ${log#"$ROOT"/})")
  fi
}

# addons-linter, as AMO runs it: no error, and no warning but the expected one
# (Firefox ignores background.service_worker; Chromium uses it).
store_lint() {
  "$WEB_EXT" lint --source-dir "$DIST/extension" --output json >"$DIST/test-logs/web-ext.json" 2>/dev/null || true
  node tests/store-archives/lint-report.js "$DIST/test-logs/web-ext.json"
}

# The build's and the tests' own Node scripts parse (the shipped ones are linted
# with the extension).
script_check() {
  local passed=0 failed=0 script
  for script in extension/build/*.js tests/store-archives/*.js; do
    if node --check "$script"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  done
  echo "test result: $([[ $failed -eq 0 ]] && echo ok || echo FAILED). $passed passed; $failed failed"
  [[ $failed -eq 0 ]]
}

# Each store archive holds the manifest its store wants and the stores' icon,
# and is normalised: a check each (ZIP STORE EPOCH), counted by archive_checks.
archive_manifest() { unzip -p "$1" manifest.json | node tests/store-archives/archive-manifest.js "$2"; }
archive_normalised() { node tests/store-archives/normalised.js "$1" "$3"; }
archive_icon() { unzip -p "$1" icons/icon-128.png | node tests/store-archives/icon.js; }

archive_checks() {
  local version epoch passed=0 failed=0 store check
  version="$(package_version)"
  epoch="$(source_date_epoch)"
  for store in chrome firefox; do
    for check in archive_manifest archive_normalised archive_icon; do
      if "$check" "$DIST/authtoken-keeper-$version-$store.zip" "$store" "$epoch"; then
        passed=$((passed + 1))
      else
        failed=$((failed + 1))
      fi
    done
  done
  echo "test result: $([[ $failed -eq 0 ]] && echo ok || echo FAILED). $passed passed; $failed failed"
  [[ $failed -eq 0 ]]
}

# The core as Wasm in one browser. The runner picks its browser from the driver
# variables it finds (GECKODRIVER first), so each run sees only its own, and the
# run fails unless the runner says it used that browser.
wasm_tests() {
  local browser="$1" driver expected
  if [[ $browser == chromium ]]; then
    driver="CHROMEDRIVER=$CHROMEDRIVER" expected="Chrome"
  else
    driver="GECKODRIVER=$GECKODRIVER" expected="Firefox"
  fi
  local out="$DIST/test-logs/wasm-runner-$browser.out" status=0
  env -u CHROMEDRIVER -u GECKODRIVER -u SAFARIDRIVER "$driver" \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="$WASM_BINDGEN_TEST_RUNNER" \
    cargo test --target "$TARGET" -p authtoken-keeper --test wasm 2>&1 | tee "$out" || status=$?
  if ! grep -q "Running headless tests in $expected" "$out"; then
    echo "test result: FAILED. 0 passed; 1 failed (the runner did not name $expected)"
    return 1
  fi
  return "$status"
}

test_all() {
  build
  ensure_browsers
  local started=$SECONDS
  # The second number is how many tests each suite has: fewer means some were lost.
  suite "format" 0 cargo fmt --all --check
  suite "clippy" 0 cargo clippy --workspace --all-targets --quiet -- -D warnings
  suite "clippy wasm" 0 cargo clippy --target "$TARGET" -p authtoken-keeper --all-targets --all-features --quiet -- -D warnings
  suite "scripts" 7 script_check
  suite "store lint" 1 store_lint
  suite "store archives" 6 archive_checks
  suite "native unit" 206 env FUZZ_SECONDS=20 cargo test -p authtoken-keeper
  suite "harness unit" 15 cargo test -p zoho-harness --lib --bins
  suite "wasm in chromium" 10 wasm_tests chromium
  suite "wasm in firefox" 10 wasm_tests firefox
  suite "end to end" 155 cargo test -p zoho-harness --test e2e -- --dist "$DIST/extension"
  echo
  echo "Summary ($((SECONDS - started)) s):"
  printf '  %s\n' "${RESULTS[@]}"
  echo "summary: $TOTAL_PASSED passed, $TOTAL_FAILED failed"
  [[ $TOTAL_FAILED -eq 0 ]]
}

# --- mutation testing ----------------------------------------------------------------

ensure_cargo_mutants() {
  cargo_tool "cargo-mutants-$CARGO_MUTANTS_VERSION" cargo-mutants cargo-mutants "$CARGO_MUTANTS_VERSION"
  CARGO_MUTANTS="$CACHE/cargo-mutants-$CARGO_MUTANTS_VERSION/bin/cargo-mutants"
}

# cargo-mutants over the pure core with the native tests (unit, fuzz for 2 s a
# mutant, the shipped-file checks). Extra arguments go to cargo-mutants, e.g.
# `./build.sh mutants -f src/zoho/html.rs`, or `--iterate` to retry only what
# survived the last run. The report is in dist/mutants.
mutants() {
  ensure_cargo_mutants
  mkdir -p "$DIST"
  local files=(-f 'src/zoho/**' -f 'src/oauth/**' -f 'src/store/**' -f src/http.rs -f 'src/protocol/**' -f 'src/plain/**' -f src/i18n.rs -f src/action.rs -f 'src/vault/**')
  # Files named on the command line replace the core's list.
  if [[ " $* " == *" -f "* || " $* " == *" --file "* ]]; then files=(); fi
  FUZZ_SECONDS=2 "$CARGO_MUTANTS" mutants -p authtoken-keeper "${files[@]}" "$@" \
    --output "$DIST" --timeout 30 -- --lib --test fuzz --test extension
}

# --- release -----------------------------------------------------------------------

# The last commit built here and again from `git archive` in another folder (other
# absolute paths, a fresh target folder); the two must match byte for byte. Then
# dist/release gets the store archives, the source archive for AMO's reviewers
# (docs/reviewers.md) and SHA256SUMS.
release() {
  [[ -z "$(git status --porcelain)" ]] || die "release builds the last commit: commit or stash the changes first"
  local started=$SECONDS commit version again out
  commit="$(git rev-parse HEAD)"
  version="$(package_version)"
  # A clean build of every module (cargo's own cache stays: it rebuilds from the sources).
  rm -rf target/extension-wasm
  SOURCE_DATE_EPOCH="" build
  again="$(mktemp -d "${TMPDIR:-/tmp}/authtoken-keeper-release.XXXXXX")"
  say "building ${commit:0:12} again from git archive in $again"
  git archive --format=tar "$commit" | tar -x -C "$again"
  (cd "$again" && env -u CARGO_TARGET_DIR -u SOURCE_DATE_EPOCH ./build.sh build)
  say "comparing the two builds"
  local differ=0 file
  diff -r "$DIST/extension" "$again/dist/extension" || differ=1
  for file in authtoken-keeper-"$version"-chrome.zip authtoken-keeper-"$version"-firefox.zip; do
    cmp "$DIST/$file" "$again/dist/$file" || differ=1
  done
  [[ $differ -eq 0 ]] || die "the two builds differ (kept in $again)"
  rm -rf "$again"
  out="$DIST/release"
  rm -rf "$out" && mkdir -p "$out"
  cp "$DIST"/authtoken-keeper-"$version"-{chrome,firefox}.zip "$out/"
  git archive --format=tar.gz --prefix="authtoken-keeper-$version/" -o "$out/authtoken-keeper-$version-source.tar.gz" "$commit"
  (cd "$out" && sha256sum -- *.zip *.tar.gz >SHA256SUMS)
  echo >&2
  sed 's/^/  /' "$out/SHA256SUMS"
  printf '  the two builds of %s match; written to dist/release in %ds\n' "${commit:0:12}" $((SECONDS - started))
}

# --- main --------------------------------------------------------------------------

case "${1:-build}" in
  build) build ;;
  test) test_all ;;
  demo)
    build && ensure_browsers
    cargo run -q -p zoho-harness --bin demo -- --dist "$DIST/extension" --out "$DIST/demo"
    mkdir -p docs && cp "$DIST/demo/popup-after.png" docs/popup.png && cp "$DIST/demo/popup-dark.png" docs/popup-dark.png && cp "$DIST/demo/options.png" docs/options.png
    cp "$DIST/demo/oauth-tokens-light.png" docs/oauth.png && cp "$DIST/demo/oauth-tokens-dark.png" docs/oauth-dark.png
    mkdir -p docs/store && cp "$DIST"/demo/store/*.png docs/store/
    ;;
  bench) build && ensure_browsers && cargo run -q --release -p zoho-harness --bin bench -- --dist "$DIST/extension" --out "$DIST/bench" ;;
  mutants) shift && mutants "$@" ;;
  release) release ;;
  -h | --help | help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) die "unknown command '$1' (try: ./build.sh help)" ;;
esac
