#!/usr/bin/env bash
# Copies Swagger UI from the npm package pinned in package.json into the function app's static files (no CDN at run time).
# Run after `npm ci` when package.json's swagger-ui-dist version changes; the copied files are committed.
set -euo pipefail
cd "$(dirname "$0")/.."
source_dir=node_modules/swagger-ui-dist
target=functions/AiMaas.Functions/wwwroot/docs/swagger-ui
mkdir -p "$target"
for file in swagger-ui-bundle.js swagger-ui.css LICENSE NOTICE favicon-32x32.png; do
  cp "$source_dir/$file" "$target/$file"
done
node -p "require('./$source_dir/package.json').version" > "$target/VERSION"
