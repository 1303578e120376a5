# Shared by scripts/main.sh and scripts/test.sh: pnpm without a global install, quiet tools, steps.
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
export REDOCLY_SUPPRESS_UPDATE_NOTICE=true REDOCLY_TELEMETRY=off
PNPM_VERSION="$(node -p 'require("./package.json").packageManager.split("@")[1].split("+")[0]')"
pnpm() { npx -y "pnpm@${PNPM_VERSION}" "$@"; }
step() {
  local name="$1"; shift
  local t0=$SECONDS
  echo
  echo "==> ${name}"
  "$@"
  echo "<== ${name} ($((SECONDS - t0))s)"
}
