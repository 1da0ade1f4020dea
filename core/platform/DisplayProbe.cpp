#include "platform/DisplayProbe.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>

#ifdef ZP_HAVE_X11
#include <X11/Xlib.h>
#endif
#ifdef ZP_HAVE_WAYLAND
#include <wayland-client.h>
#endif

namespace zp {

namespace {
struct DisplayText {
    Q_DECLARE_TR_FUNCTIONS(zp::DisplayProbe)
};

#ifdef ZP_HAVE_WAYLAND
bool qtHasWaylandPlugin() {
    const QDir platforms(QLibraryInfo::path(QLibraryInfo::PluginsPath) +
                         QStringLiteral("/platforms"));
    return !platforms.entryList({QStringLiteral("libqwayland*")}, QDir::Files).isEmpty();
}
#endif
} // namespace

QString missingDisplay() {
    const QString x11 = qEnvironmentVariable("DISPLAY");
    const QString wayland = qEnvironmentVariable("WAYLAND_DISPLAY");
    const bool waylandSocket = !qEnvironmentVariableIsEmpty("WAYLAND_SOCKET");
    if (x11.isEmpty() && wayland.isEmpty() && !waylandSocket)
        return DisplayText::tr("neither DISPLAY nor WAYLAND_DISPLAY is set");
    QString why;
#ifdef ZP_HAVE_WAYLAND
    if (!wayland.isEmpty() || waylandSocket) {
        if (!qtHasWaylandPlugin()) {
            why = DisplayText::tr("Qt's Wayland plugin is not installed (Debian: qt6-wayland)");
        } else if (wl_display *display = wl_display_connect(nullptr)) {
            wl_display_disconnect(display);
            return {};
        } else {
            why = DisplayText::tr("the Wayland compositor at %1 does not answer").arg(wayland);
        }
    }
#endif
#ifdef ZP_HAVE_X11
    if (!x11.isEmpty()) {
        if (Display *display = XOpenDisplay(nullptr)) {
            XCloseDisplay(display);
            return {};
        }
        return DisplayText::tr("the X server at DISPLAY=%1 does not answer").arg(x11);
    }
    return why;
#else
    // No way to look here: let Qt try.
    Q_UNUSED(why);
    return {};
#endif
}

} // namespace zp
