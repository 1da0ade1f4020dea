#pragma once

#include "idle/sampled/SampledIdleBackend.h"

#include <memory>

namespace zp {

namespace windows {
class SessionLockWatcher;
}

// Windows idle source: GetLastInputInfo (the session's last keyboard or mouse input), read on
// the SampledIdleBackend schedule: one timer to each deadline, a 1 s sample only while waiting
// for the person to come back. Also watches the session lock, which Windows tells through
// WTSRegisterSessionNotification, and passes it on as screenLockChanged(), which the
// IdleMonitor applies like a lock seen on D-Bus.
class WindowsIdleBackend final : public SampledIdleBackend {
    Q_OBJECT
public:
    explicit WindowsIdleBackend(QObject *parent = nullptr);
    ~WindowsIdleBackend() override;

    QString name() const override { return QStringLiteral("windows"); }
    bool open(QString *why) override;

protected:
    std::optional<std::chrono::milliseconds> readIdleTime() const override;

private:
    std::unique_ptr<windows::SessionLockWatcher> m_lockWatcher;
};

} // namespace zp
