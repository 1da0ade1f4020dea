#pragma once

#include <QString>

namespace zp {

// Whether there is a graphical session for a tray icon, as Qt will look for one (Wayland
// first where the session says so, then X11): empty when an X server at DISPLAY accepts us,
// or a Wayland compositor at WAYLAND_DISPLAY does and Qt has its Wayland plugin. Otherwise
// one phrase saying what is missing, because Qt itself would abort with "Reinstalling the
// application may fix this problem", which it would not.
QString missingDisplay();

} // namespace zp
