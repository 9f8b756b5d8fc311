#!/usr/bin/env bash
# Try the documented nginx config for real: build the example site for a sub-path, serve it
# with Debian's nginx on 127.0.0.1 using deploy/nginx-karriere.conf, and check caching
# headers, security headers, 404 handling and gzip with curl.
#   apt-get install -y nginx curl && bash deploy/try-nginx.sh
# Exits 0 when every check passes. Starts its own nginx master and stops it (by its pid).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v nginx >/dev/null || { echo "nginx is not installed (apt-get install -y nginx)"; exit 2; }

tmp=$(mktemp -d /tmp/karriere-nginx.XXXXXX)
chmod 755 "$tmp"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port/karriere"
cleanup() {
  [ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true
  sleep 0.3
  rm -rf "$tmp"
}
trap cleanup EXIT

python3 build.py build --out "$tmp/www/karriere" --base-url "$base/" --date 2026-11-22 >/dev/null
chmod -R a+rX "$tmp/www"

# Security headers from the build's _headers file, as the documented sed line makes them.
mkdir -p "$tmp/snippets"
to_nginx='s/^  \([^:]*\): \(.*\)$/add_header \1 "\2" always;/'
if [ -f "$tmp/www/karriere/_headers" ]; then
  sed -n "/^\/\*\$/,/^\/./${to_nginx}p" "$tmp/www/karriere/_headers" > "$tmp/snippets/karriere-security.conf"
  grep -m1 "script-src 'self';.*form-action 'self'" "$tmp/www/karriere/_headers" | sed "$to_nginx" > "$tmp/snippets/karriere-csp.conf"
  grep -m1 "form-action http" "$tmp/www/karriere/_headers" | sed "$to_nginx" > "$tmp/snippets/karriere-csp-form.conf" || true
  grep -m1 "wasm-unsafe-eval" "$tmp/www/karriere/_headers" | sed "$to_nginx" > "$tmp/snippets/karriere-csp-search.conf"
  headers_from="_headers"
else
  printf 'add_header X-Content-Type-Options "nosniff" always;\n' > "$tmp/snippets/karriere-security.conf"
  : > "$tmp/snippets/karriere-csp.conf"
  : > "$tmp/snippets/karriere-csp-search.conf"
  : > "$tmp/snippets/karriere-csp-form.conf"
  headers_from="fallback (this build wrote no _headers)"
fi

sed -e "s#root /srv/www;#root $tmp/www;#" -e "s#include snippets/#include $tmp/snippets/#" \
  deploy/nginx-karriere.conf > "$tmp/karriere.conf"
cat > "$tmp/nginx.conf" <<CONF
pid $tmp/nginx.pid;
error_log $tmp/error.log;
worker_processes 1;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path $tmp/body; proxy_temp_path $tmp/proxy; fastcgi_temp_path $tmp/fcgi;
  uwsgi_temp_path $tmp/uwsgi; scgi_temp_path $tmp/scgi;
  server {
    listen 127.0.0.1:$port;
    server_name localhost;
    include $tmp/karriere.conf;
  }
}
CONF
nginx -t -q -c "$tmp/nginx.conf" -p "$tmp"
nginx -c "$tmp/nginx.conf" -p "$tmp"
sleep 0.5

failures=0
check() { # description, command producing text, expected regex
  local got
  got=$(eval "$2" 2>&1 || true)
  if grep -Eqi -- "$3" <<<"$got"; then echo "PASS  $1"; else echo "FAIL  $1"; echo "$got" | sed 's/^/      /' | head -20; failures=$((failures + 1)); fi
}
head_of() { curl -s -o /dev/null -D - -H 'Accept-Encoding: gzip' "$1"; }
css=$(cd "$tmp/www/karriere/assets" && ls style.*.css | head -1)
vacancy=$(cd "$tmp/www/karriere/stellen" && ls -d */ | grep -v kategorie | head -1)
vtt=$(cd "$tmp/www/karriere" && find media -name '*.vtt' | head -1)

check "home: 200"                              "head_of $base/"                  '^HTTP/1.1 200'
check "home: HTML is revalidated (no-cache)"   "head_of $base/"                  '^Cache-Control: no-cache'
check "home: gzip"                             "head_of $base/"                  '^Content-Encoding: gzip'
check "vacancy page: 200 + no-cache"           "head_of $base/stellen/$vacancy"  '^Cache-Control: no-cache'
check "asset $css: cached a year, immutable"   "head_of $base/assets/$css"       '^Cache-Control: public, max-age=31536000, immutable'
check "asset: security headers too"            "head_of $base/assets/$css"       '^X-Content-Type-Options: nosniff'
check "media: cached a day"                    "head_of $base/media/logo.svg"    '^Cache-Control: public, max-age=86400'
check "captions: text/vtt"                     "head_of $base/$vtt"              '^Content-Type: text/vtt'
check "security: nosniff on HTML"              "head_of $base/"                  '^X-Content-Type-Options: nosniff'
if [ "$headers_from" = "_headers" ]; then
  check "security: CSP from _headers"          "head_of $base/"                  "^Content-Security-Policy: default-src 'self'; script-src 'self';"
  check "search page: WebAssembly allowed"      "head_of $base/suche/"            "^Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval';"
  check "vacancy list: WebAssembly allowed"     "head_of $base/stellen/"          "script-src 'self' 'wasm-unsafe-eval';"
  check "Pagefind's worker: WebAssembly allowed" "head_of $base/pagefind/pagefind-worker.js" "script-src 'self' 'wasm-unsafe-eval';"
  check "vacancy page: the strict policy"       "head_of $base/stellen/$vacancy"  "^Content-Security-Policy: default-src 'self'; script-src 'self';"
  check "home: form-action 'self'"              "head_of $base/"                  "form-action 'self';"
  check "question form: its endpoint only"      "head_of $base/fragen/"           "form-action https://formulare\.lindenfeld\.de/karriere/frage;"
  check "one policy per response"             "head_of $base/stellen/ | grep -ci content-security-policy" '^1$'
fi
check "404: status"                            "head_of $base/gibt-es-nicht/"    '^HTTP/1.1 404'
check "404: the site's own page"               "curl -s $base/gibt-es-nicht/"    'Seite nicht gefunden'
check "404: page also no-cache"                "head_of $base/gibt-es-nicht/"    '^Cache-Control: no-cache'
check "folder without slash: redirect"         "head_of $base/stellen"           '^Location: .*/karriere/stellen/'
check "sitemap under the sub-path"             "curl -s $base/sitemap.xml"       "<loc>$base/stellen/"

echo "security headers: $headers_from"
echo "nginx $(nginx -v 2>&1 | sed 's/.*nginx\///'), sub-path /karriere/, port $port: $failures failure(s)"
exit $((failures > 0))
