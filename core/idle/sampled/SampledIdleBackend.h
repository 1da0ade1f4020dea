#pragma once

#include "idle/IdleBackend.h"

#include <QElapsedTimer>
#include <QTimer>

namespace zp {

// Base of the backends whose platform can only be asked "how long idle now?" (Windows'
// GetLastInputInfo, macOS' HIDIdleTime). The idle watch sleeps on one single-shot timer to the
// earliest moment the threshold can be reached and re-reads then (input meanwhile moves the
// deadline); only the resume watch samples, once per kResumeSampleInterval, because nothing
// announces returning input. The arithmetic is in IdleArithmetic (plain C++, tested on Linux).
class SampledIdleBackend : public IdleBackend {
    Q_OBJECT
public:
    explicit SampledIdleBackend(QObject *parent = nullptr);

    void watchIdle(std::chrono::milliseconds threshold) override;
    void watchResume() override;
    void cancelWatches() override;
    std::optional<std::chrono::milliseconds> idleTime() const override { return readIdleTime(); }

    // Timer expiries so far: tests and --diagnose show that nothing polls while present.
    quint64 wakeups() const { return m_wakeups; }

protected:
    // The platform's reading; nullopt when it failed (the backend then reports failed()).
    virtual std::optional<std::chrono::milliseconds> readIdleTime() const = 0;

private:
    void armIdleTimer(std::chrono::milliseconds idleNow);
    void onIdleTimer();
    void onResumeTimer();
    void readingFailed();

    QTimer m_idleTimer;
    QTimer m_resumeTimer;
    std::chrono::milliseconds m_threshold{0};
    std::chrono::milliseconds m_lastIdle{0};
    QElapsedTimer m_sinceLastSample;
    quint64 m_wakeups = 0;
    bool m_failed = false;
};

} // namespace zp
