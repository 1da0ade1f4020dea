#pragma once

#include "idle/sampled/SampledIdleBackend.h"

namespace zp {

// macOS idle source: IOKit's HIDIdleTime (nanoseconds since the last HID input, a property of
// the IOHIDSystem registry entry), read on the SampledIdleBackend schedule. Also:
//  - screen lock through the distributed notifications com.apple.screenIsLocked / Unlocked,
//    passed on as screenLockChanged(), which the IdleMonitor applies (IdleMonitor::setLocked);
//  - an NSProcessInfo activity (user-initiated, idle system sleep still allowed) for as long as
//    the backend lives, because App Nap would otherwise stretch a hidden tray app's timers,
//    the one-minute report included, to several minutes.
class MacIdleBackend final : public SampledIdleBackend {
    Q_OBJECT
public:
    explicit MacIdleBackend(QObject *parent = nullptr);
    ~MacIdleBackend() override;

    QString name() const override { return QStringLiteral("macos"); }
    bool open(QString *why) override;

    // Called from the CoreFoundation notification callback.
    void noteScreenLock(bool locked) { Q_EMIT screenLockChanged(locked); }

protected:
    std::optional<std::chrono::milliseconds> readIdleTime() const override;

private:
    unsigned int m_hidSystem = 0;     // io_service_t
    const void *m_activity = nullptr; // the NSProcessInfo activity token, retained
    bool m_observing = false;
};

} // namespace zp
