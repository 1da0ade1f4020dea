#pragma once

#include <QString>

namespace zp {

// "Start at login", behind one API for every platform:
// - Linux and other XDG desktops: an autostart entry
//   $XDG_CONFIG_HOME/autostart/zulip-presence.desktop that starts the agent in the tray;
//   inside a Flatpak, the desktop's Background portal is asked to write it;
// - Windows: a value in HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run;
// - macOS: a LaunchAgent ~/Library/LaunchAgents/<bundle id>.plist.
// Each names the executable that is running now, so call these from the agent itself.

// Turns starting at login on or off. Doing what is already done succeeds. On failure returns
// false and, if error is not null, sets it to one sentence saying what could not be done.
bool setStartAtLogin(bool enabled, QString *error);

// Whether the agent will start at the next login.
bool startsAtLogin();

// Where the entry lives on this platform (a file path, or the registry key on Windows): for
// messages and tests.
QString startAtLoginLocation();

} // namespace zp
