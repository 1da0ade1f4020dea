# Sourced by the benchmark scripts: a throwaway HOME and runtime directory, removed on exit,
# and no session variables that would point the agent at the person's own desktop.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -m 700 "$work/home" "$work/runtime"
export HOME="$work/home" XDG_RUNTIME_DIR="$work/runtime" XDG_CONFIG_HOME="$work/home/.config"
export XDG_CACHE_HOME="$work/home/.cache"
unset XDG_SESSION_TYPE WAYLAND_DISPLAY

# ZP_REALM_TLS, exported: with an argument that is not empty, the dev realm's options to serve
# https with a self-signed certificate for 127.0.0.1, made in $work (the agent is given it as
# cert_bundle through the zuliprc the realm writes); otherwise nothing (plain http).
export_realm_tls() {
    ZP_REALM_TLS=
    if [ -n "$1" ]; then
        openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
            -addext subjectAltName=IP:127.0.0.1 -keyout "$work/key.pem" -out "$work/cert.pem" \
            2>/dev/null
        ZP_REALM_TLS="--tls-cert $work/cert.pem --tls-key $work/key.pem"
    fi
    export ZP_REALM_TLS
}

# The private X server the benchmarks run in (xvfb-run -s), as a desktop's screen.
xvfb_options="-screen 0 1280x800x24 -nolisten tcp -noreset"
