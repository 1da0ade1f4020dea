# Sourced by the benchmark scripts: a throwaway HOME and runtime directory, removed on exit,
# and no session variables that would point the agent at the person's own desktop.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -m 700 "$work/home" "$work/runtime"
export HOME="$work/home" XDG_RUNTIME_DIR="$work/runtime" XDG_CONFIG_HOME="$work/home/.config"
export XDG_CACHE_HOME="$work/home/.cache"
unset XDG_SESSION_TYPE WAYLAND_DISPLAY
