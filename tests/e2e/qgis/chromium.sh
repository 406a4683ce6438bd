# Sourced by the report checks: sets $browser and $flags for headless Chromium, or
# exits 77 (ctest: skipped) when no Chromium is installed (apt-get install chromium).
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "skipped: no chromium; apt-get install chromium"
  exit 77
fi
flags="--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-dev-shm-usage --virtual-time-budget=10000"
