#!/usr/bin/env bash
# Installs everything Vaider and its test suite need, from the npm registry and Debian packages only:
# nothing is downloaded from anywhere else (no Playwright browser, no tesseract CDN, no model hub).
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=()
# Test fixtures draw text with ffmpeg's drawtext, and contact sheets label frames: both need a font.
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || apt_packages+=(fonts-dejavu-core)
# Tests record real browser sessions with Playwright in Debian's Chromium (Playwright's own download is unreachable).
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)
# The Selenium driver needs chromedriver matching that Chromium; Selenium Manager cannot fetch one offline.
[ -x /usr/bin/chromedriver ] || apt_packages+=(chromium-driver)
# The shared queue (queue.url) runs on Redis; its tests start Debian's redis-server on a random port.
command -v redis-server >/dev/null || apt_packages+=(redis-server)

if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${apt_packages[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${apt_packages[@]}"
fi

# npm ci only when the lock file changed since the last install, so re-running setup is cheap.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci" >&2
  npm ci --no-audit --no-fund
fi

# The CLI runs the compiled dist/ when it is newer than src/ (bin/fresh-build.js), three times faster to
# start than the source through tsx: build it when it is not.
if ! node -e "import('./bin/fresh-build.js').then((m) => process.exit(m.freshBuild('.') ? 0 : 1))"; then
  echo "setup: npm run build" >&2
  npm run build
fi

# Playwright records video through an ffmpeg it would download; offline, link the one npm installed where
# it looks (~/.cache/ms-playwright, or PLAYWRIGHT_BROWSERS_PATH). Unchanged links are left alone.
echo "setup: vaider setup playwright" >&2
node bin/vaider.js setup playwright
