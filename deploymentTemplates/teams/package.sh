#!/usr/bin/env bash
# Builds the Teams app package (a zip with manifest.json and the two icons at
# its root) for sideloading or uploading to an org's app catalog.
#
#   package.sh BOT_ID [OUT.zip]
#
# BOT_ID       the bot's Microsoft App ID (the app registration's client id), a GUID.
# OUT.zip      where to write the package; default: build/reflectbot-teams.zip
#              next to this script.
# Environment (optional):
#   TEAMS_APP_ID  the Teams app's own id (a GUID); defaults to BOT_ID, so
#                 re-packaging the same bot updates the same Teams app.
#   BOT_DOMAIN    host name that serves the bot, e.g. reflectbot.azurewebsites.net;
#                 used for validDomains and the developer links. Default: localhost.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
guid_re='^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
# A bare host name: letters, digits, dots and hyphens (no scheme, path or port).
domain_re='^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$'

usage() { echo "usage: $(basename "$0") BOT_ID [OUT.zip]" >&2; exit 2; }

[[ $# -ge 1 && $# -le 2 ]] || usage
bot_id="$1"
out="${2:-$here/build/reflectbot-teams.zip}"
app_id="${TEAMS_APP_ID:-$bot_id}"
domain="${BOT_DOMAIN:-localhost}"

if [[ ! $bot_id =~ $guid_re ]]; then
  echo "error: BOT_ID must be a GUID like 00000000-0000-0000-0000-000000000000, got '$bot_id'" >&2
  exit 1
fi
if [[ ! $app_id =~ $guid_re ]]; then
  echo "error: TEAMS_APP_ID must be a GUID, got '$app_id'" >&2
  exit 1
fi
if [[ ! $domain =~ $domain_re ]]; then
  echo "error: BOT_DOMAIN must be a bare host name (no https:// or path), got '$domain'" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The values were validated above, so they hold no sed metacharacters.
sed -e "s/\${{BOT_ID}}/$bot_id/g" \
    -e "s/\${{TEAMS_APP_ID}}/$app_id/g" \
    -e "s/\${{BOT_DOMAIN}}/$domain/g" \
    "$here/manifest.json" > "$work/manifest.json"
cp "$here/color.png" "$here/outline.png" "$work/"

if grep -q '\${{' "$work/manifest.json"; then
  echo "error: manifest.json still has unfilled placeholders:" >&2
  grep -o '\${{[A-Za-z_]*}}' "$work/manifest.json" | sort -u >&2
  exit 1
fi

mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
rm -f "$out"  # zip would otherwise add to an old archive

if command -v zip >/dev/null 2>&1; then
  (cd "$work" && zip -q -X "$out" manifest.json color.png outline.png)
else
  python3 - "$work" "$out" <<'PY'
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for name in ("manifest.json", "color.png", "outline.png"):
        z.write(os.path.join(src, name), name)
PY
fi

echo "$out"
