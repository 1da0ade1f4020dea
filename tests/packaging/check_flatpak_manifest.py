#!/usr/bin/env python3
"""The Flatpak manifest parses, has what a build needs, matches the desktop files it renames,
and grants exactly the permissions documented (with reasons) in packaging/flatpak/README.md."""
import pathlib
import re
import sys

try:
    import yaml
except ImportError:
    print("SKIP: python3-yaml is missing (sh packaging/debian-deps.sh test installs it)")
    sys.exit(77)

source = pathlib.Path(sys.argv[1])
flatpak = source / "packaging" / "flatpak"
manifests = sorted(flatpak.glob("*.yml"))
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


check(len(manifests) == 1, f"expected one manifest, found {[m.name for m in manifests]}")
manifest = yaml.safe_load(manifests[0].read_text())
app_id = manifest.get("app-id", "")
check(manifests[0].name == f"{app_id}.yml", "the file name is not the app id")
check((source / "packaging" / "linux" / f"{app_id}.metainfo.xml").is_file(),
      "no metainfo file for the app id")
check(manifest.get("runtime") == "org.kde.Platform", "runtime is not org.kde.Platform")
check(manifest.get("sdk") == "org.kde.Sdk", "sdk is not org.kde.Sdk")
check(str(manifest.get("runtime-version", "")).startswith("6."), "runtime is not KDE 6.x")
check(manifest.get("command") == "zulip-presence", "command is not zulip-presence")
check((source / "packaging" / "linux" / str(manifest.get("rename-desktop-file"))).is_file(),
      "rename-desktop-file names no desktop file")
check((source / "resources" / "icons" / f"{manifest.get('rename-icon')}.svg").is_file(),
      "rename-icon names no icon")

modules = manifest.get("modules", [])
names = [m.get("name") for m in modules]
check("qtkeychain" in names, "QtKeychain is not a module")
check(names and names[-1] == "zulip-presence", "the last module is not zulip-presence")
for module in modules:
    check(module.get("buildsystem") in ("cmake", "cmake-ninja"), f"{module.get('name')}: not cmake")
    check(bool(module.get("sources")), f"{module.get('name')}: no sources")
app = modules[-1] if modules else {}
check("-DZP_BUILD_TESTS=OFF" in app.get("config-opts", []), "the app module builds the tests")
check(app.get("sources", [{}])[0] == {"type": "dir", "path": "../..", "skip": [".git", "build"]},
      "the app module does not build from this source tree")

granted = manifest.get("finish-args", [])
check(len(granted) == len(set(granted)), "finish-args has duplicates")
readme = (flatpak / "README.md").read_text()
table = readme.split("## Sandbox permissions", 1)[-1].split("Deliberately", 1)[0]
documented = re.findall(r"^\| `(--[^`]+)` \|", table, re.M)
check(sorted(granted) == sorted(documented),
      f"granted {sorted(set(granted) ^ set(documented))} differ from the README's table")
required = {"--share=network", "--socket=wayland", "--socket=fallback-x11",
            "--talk-name=org.kde.StatusNotifierWatcher", "--talk-name=org.freedesktop.ScreenSaver",
            "--talk-name=org.gnome.Mutter.IdleMonitor", "--talk-name=org.gnome.ScreenSaver",
            "--system-talk-name=org.freedesktop.login1", "--talk-name=org.freedesktop.secrets",
            "--talk-name=org.freedesktop.Notifications"}
check(set(granted) == required, f"permissions differ from the agent's needs: {set(granted) ^ required}")
check(not any(a.startswith("--filesystem") for a in granted), "file system access granted")

if failures:
    print("FAIL:\n  " + "\n  ".join(failures))
    sys.exit(1)
print(f"PASS: {manifests[0].name}: {len(granted)} permissions, modules {names}")
