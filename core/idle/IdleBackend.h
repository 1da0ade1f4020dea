#pragma once

#include <QObject>
#include <QString>

#include <chrono>
#include <optional>

namespace zp {

// One platform source of "how long since the person last touched keyboard or mouse".
// Event-driven in the spirit of KIdleTime: the backend is told the one threshold the agent
// cares about and says when it is crossed and when input comes back, so the agent never
// has to poll. A backend serves one session; the IdleMonitor picks it at run time.
class IdleBackend : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // Short stable name, used by --idle-backend and --diagnose ("xsync", "xscreensaver", ...).
    virtual QString name() const = 0;

    // Connects to the platform. Returns false, with one sentence in *why, when this session
    // cannot be served (no X display, extension missing, service absent...).
    virtual bool open(QString *why) = 0;

    // Arms a one-shot watch: emit idleReached() once the person has been idle for `threshold`.
    // Replaces any earlier idle watch. If they are already idle that long, fire soon.
    virtual void watchIdle(std::chrono::milliseconds threshold) = 0;

    // Arms a one-shot watch: emit resumed() at the next input. Replaces any earlier one.
    virtual void watchResume() = 0;

    // Cancels both watches (the agent is pausing, e.g. reporting disabled).
    virtual void cancelWatches() = 0;

    // Time since the last input, where the platform can tell; std::nullopt where it cannot
    // (some Wayland protocols only ever say "idle" and "resumed").
    virtual std::optional<std::chrono::milliseconds> idleTime() const = 0;

Q_SIGNALS:
    void idleReached();
    void resumed();
    // The platform connection died (X server gone, service vanished). The monitor then
    // falls back honestly instead of trusting a dead source.
    void failed(const QString &why);
    // Only from backends whose platform tells about the screen lock itself (Windows' session
    // notifications, macOS' screenIsLocked); elsewhere the SessionWatcher does, over D-Bus.
    void screenLockChanged(bool locked);
};

} // namespace zp
