#pragma once

#include "idle/IdleBackend.h"

#include <QElapsedTimer>
#include <QTimer>

#include <memory>

namespace zp {

class XConnection;

// X11 idle source through the MIT-SCREEN-SAVER extension (XScreenSaverQueryInfo), the
// fallback for servers without a usable SYNC IDLETIME counter. The extension can only be
// asked "how long idle now?", so the idle watch sleeps on one timer set to the next possible
// deadline, and the resume watch has to sample (see watchResume()).
class XScreenSaverIdleBackend final : public IdleBackend {
    Q_OBJECT
public:
    explicit XScreenSaverIdleBackend(QObject *parent = nullptr);
    ~XScreenSaverIdleBackend() override;

    QString name() const override { return QStringLiteral("xscreensaver"); }
    bool open(QString *why) override;
    void watchIdle(std::chrono::milliseconds threshold) override;
    void watchResume() override;
    void cancelWatches() override;
    std::optional<std::chrono::milliseconds> idleTime() const override;

    // How often the process was woken for this backend: timer expiries plus X socket
    // activity (tests, --diagnose).
    quint64 wakeups() const;

private:
    std::optional<qint64> queryIdle() const;
    void armIdleTimer();
    void onIdleTimer();
    void onResumeTimer();

    std::unique_ptr<XConnection> m_connection;
    bool m_opened = false;
    QTimer m_idleTimer;
    QTimer m_resumeTimer;
    std::chrono::milliseconds m_threshold{0};
    bool m_idleArmed = false;
    bool m_resumeArmed = false;
    // Resume sampling: the last idle reading, and when (on m_clock) its reply arrived.
    qint64 m_lastIdle = 0;
    qint64 m_lastReplyAt = 0;
    QElapsedTimer m_clock;
    quint64 m_timerWakeups = 0;
};

} // namespace zp
