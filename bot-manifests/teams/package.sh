#!/usr/bin/env bash
# Builds the Teams app package: manifest.json with the bot's Microsoft App ID filled in, plus the two icons, zipped.
#   bot-manifests/teams/package.sh APP_ID [OUTPUT.zip]
# APP_ID is the Azure Bot registration's Microsoft App ID (the same value as Teams:AppId). Upload the zip in Teams
# (Apps > Manage your apps > Upload an app) or in the Teams admin center. Needs only python3 (no zip tool).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
app_id="${1:?usage: package.sh APP_ID [OUTPUT.zip]}"
out="${2:-$PWD/buurtkracht-teams.zip}"
if ! [[ "$app_id" =~ ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$ ]]; then
  echo "APP_ID must be a GUID, got: $app_id" >&2
  exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sed "s/00000000-0000-0000-0000-000000000000/$app_id/g" "$here/manifest.json" > "$work/manifest.json"
cp "$here/color.png" "$here/outline.png" "$work/"
rm -f "$out"
(cd "$work" && python3 -m zipfile -c "$out" manifest.json color.png outline.png)
echo "Wrote $out"
