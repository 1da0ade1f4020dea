#pragma once

#include "idle/IdleBackend.h"

#include <QDBusConnection>
#include <QSet>

class QDBusServiceWatcher;

namespace zp {

// GNOME's own idle source, org.gnome.Mutter.IdleMonitor on the session bus: the compositor
// counts input on X11 and Wayland alike, so this is the one source that is right on GNOME
// Wayland. Both watches are server-side (AddIdleWatch, AddUserActiveWatch) and come back as
// WatchFired signals, so between edges this backend sends nothing and runs no timer.
class GnomeMutterIdleBackend final : public IdleBackend {
    Q_OBJECT
public:
    explicit GnomeMutterIdleBackend(QObject *parent = nullptr);
    ~GnomeMutterIdleBackend() override;

    QString name() const override { return QStringLiteral("gnome-mutter"); }
    bool open(QString *why) override;
    void watchIdle(std::chrono::milliseconds threshold) override;
    void watchResume() override;
    void cancelWatches() override;
    std::optional<std::chrono::milliseconds> idleTime() const override;

private Q_SLOTS:
    void onWatchFired(uint id);

private:
    enum class Watch { Idle, Resume };
    void addWatch(Watch kind, std::chrono::milliseconds threshold);
    void removeWatch(uint &id);
    void forgetPending(Watch kind);

    QDBusConnection m_bus;
    QDBusServiceWatcher *m_serviceWatcher = nullptr;
    bool m_open = false;
    // Mutter's watch ids; 0 means none. A watch is "pending" between the Add call and its
    // reply: a WatchFired for an id we do not know yet is kept until the reply names it.
    uint m_idleWatch = 0;
    uint m_resumeWatch = 0;
    quint64 m_idleRequest = 0;
    quint64 m_resumeRequest = 0;
    quint64 m_requestCounter = 0;
    QSet<uint> m_firedBeforeReply;
};

} // namespace zp
