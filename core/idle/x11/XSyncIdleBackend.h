#pragma once

#include "idle/IdleBackend.h"

#include <memory>

namespace zp {

class XConnection;

// X11 idle source through the SYNC extension's IDLETIME counter (milliseconds since the last
// input on any device). The X server does the watching: each watch is one server-side alarm on
// that counter, so between the two edges this backend sends nothing and runs no timer; the
// process only wakes when the server reports an alarm.
class XSyncIdleBackend final : public IdleBackend {
    Q_OBJECT
public:
    explicit XSyncIdleBackend(QObject *parent = nullptr);
    ~XSyncIdleBackend() override;

    QString name() const override { return QStringLiteral("xsync"); }
    bool open(QString *why) override;
    void watchIdle(std::chrono::milliseconds threshold) override;
    void watchResume() override;
    void cancelWatches() override;
    std::optional<std::chrono::milliseconds> idleTime() const override;

    // How often the X socket woke the process for this backend (tests, --diagnose).
    quint64 wakeups() const;

private:
    bool usable() const;
    std::optional<qint64> queryIdleCounter() const;
    // Alarm and counter ids are Xlib XIDs (unsigned long); 0 means none.
    unsigned long createAlarm(int testType, qint64 value);
    void discardAlarm(unsigned long &alarm);
    void onAlarmNotify(unsigned long alarm);

    std::unique_ptr<XConnection> m_connection;
    unsigned long m_idleCounter = 0;
    int m_syncEventBase = 0;
    unsigned long m_idleAlarm = 0;
    unsigned long m_resumeAlarm = 0;
};

} // namespace zp
