#include "idle/sampled/SampledIdleBackend.h"

#include "idle/sampled/IdleArithmetic.h"

#include <algorithm>

namespace zp {

SampledIdleBackend::SampledIdleBackend(QObject *parent) : IdleBackend(parent) {
    m_idleTimer.setSingleShot(true);
    // Precise: a coarse timer may fire up to 5 % late, 15 s on a 5-minute threshold.
    m_idleTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_idleTimer, &QTimer::timeout, this, &SampledIdleBackend::onIdleTimer);
    m_resumeTimer.setInterval(idle::kResumeSampleInterval);
    connect(&m_resumeTimer, &QTimer::timeout, this, &SampledIdleBackend::onResumeTimer);
}

void SampledIdleBackend::watchIdle(std::chrono::milliseconds threshold) {
    m_threshold = std::max(threshold, std::chrono::milliseconds::zero());
    const std::optional<std::chrono::milliseconds> idle = readIdleTime();
    if (!idle) {
        readingFailed();
        return;
    }
    armIdleTimer(*idle);
}

void SampledIdleBackend::armIdleTimer(std::chrono::milliseconds idleNow) {
    // Already idle long enough: a zero timer still fires from the event loop, never inside
    // watchIdle(). Thresholds are at most 24 h, well inside QTimer's int milliseconds.
    m_idleTimer.start(idle::delayUntilIdle(m_threshold, idleNow));
}

void SampledIdleBackend::onIdleTimer() {
    ++m_wakeups;
    const std::optional<std::chrono::milliseconds> idle = readIdleTime();
    if (!idle) {
        readingFailed();
        return;
    }
    if (*idle >= m_threshold) {
        Q_EMIT idleReached();
        return;
    }
    armIdleTimer(*idle); // input came meanwhile: the deadline moved
}

void SampledIdleBackend::watchResume() {
    const std::optional<std::chrono::milliseconds> idle = readIdleTime();
    if (!idle) {
        readingFailed();
        return;
    }
    m_lastIdle = *idle;
    m_sinceLastSample.start();
    m_resumeTimer.start();
}

void SampledIdleBackend::onResumeTimer() {
    ++m_wakeups;
    const std::optional<std::chrono::milliseconds> idle = readIdleTime();
    if (!idle) {
        readingFailed();
        return;
    }
    const std::chrono::milliseconds elapsed(m_sinceLastSample.restart());
    const bool input = idle::inputBetweenSamples(m_lastIdle, *idle, elapsed);
    m_lastIdle = *idle;
    if (input) {
        m_resumeTimer.stop(); // one-shot
        Q_EMIT resumed();
    }
}

void SampledIdleBackend::cancelWatches() {
    m_idleTimer.stop();
    m_resumeTimer.stop();
}

void SampledIdleBackend::readingFailed() {
    cancelWatches();
    if (m_failed)
        return;
    m_failed = true;
    // Queued: the receiver may delete us, and we may be inside one of its calls.
    QMetaObject::invokeMethod(
        this,
        [this] { Q_EMIT failed(tr("The operating system stopped reporting the idle time.")); },
        Qt::QueuedConnection);
}

} // namespace zp
