#include "session/SleepGapDetector.h"

#include <QDateTime>
#include <QElapsedTimer>

#ifdef Q_OS_LINUX
#include <time.h>
#endif

namespace zp {

namespace {

#ifdef Q_OS_LINUX
qint64 clockMs(clockid_t clock) {
    timespec ts{};
    clock_gettime(clock, &ts);
    return qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}
#endif

} // namespace

SleepGapDetector::Reading SleepGapDetector::now() {
#ifdef Q_OS_LINUX
    return {clockMs(CLOCK_BOOTTIME), clockMs(CLOCK_MONOTONIC)};
#else
    QElapsedTimer monotonic;
    monotonic.start();
    return {QDateTime::currentMSecsSinceEpoch(), monotonic.msecsSinceReference()};
#endif
}

std::optional<std::chrono::milliseconds> SleepGapDetector::check(Reading reading) {
    const std::optional<Reading> previous = std::exchange(m_previous, reading);
    if (!previous)
        return std::nullopt;
    const qint64 gap = (reading.runsThroughSleepMs - previous->runsThroughSleepMs) -
                       (reading.stopsDuringSleepMs - previous->stopsDuringSleepMs);
    // A clock set backwards gives a negative gap: not a sleep.
    if (gap < kMinGap.count())
        return std::nullopt;
    return std::chrono::milliseconds(gap);
}

} // namespace zp
