#include "idle/x11/XScreenSaverIdleBackend.h"

#include "idle/x11/XConnection.h"

#include <algorithm>

// Xlib last: its macros would break the Qt headers above.
#include <X11/Xlib.h>
#include <X11/extensions/scrnsaver.h>

namespace zp {

namespace {

// While a resume watch is armed the extension gives no event for input, so the idle time is
// sampled at this rate. It bounds how late "resumed" can be; it costs one round trip a second,
// and only while the person is away.
constexpr std::chrono::milliseconds kResumeSampleInterval{1000};

// Allowance for the millisecond rounding of the server's idle time and of our own clock when
// comparing two samples (see onResumeTimer()).
constexpr qint64 kRoundingSlackMs = 20;

} // namespace

XScreenSaverIdleBackend::XScreenSaverIdleBackend(QObject *parent)
    : IdleBackend(parent), m_connection(std::make_unique<XConnection>()) {
    connect(m_connection.get(), &XConnection::broken, this, [this](const QString &why) {
        m_idleTimer.stop();
        m_resumeTimer.stop();
        Q_EMIT failed(why);
    });
    m_idleTimer.setSingleShot(true);
    // The deadline is the whole point of this timer; a coarse one could fire up to 5% early.
    m_idleTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_idleTimer, &QTimer::timeout, this, &XScreenSaverIdleBackend::onIdleTimer);
    m_resumeTimer.setSingleShot(true);
    // Coarse on purpose: a sample a few ms off does not matter and lets the OS batch wakeups.
    m_resumeTimer.setTimerType(Qt::CoarseTimer);
    connect(&m_resumeTimer, &QTimer::timeout, this, &XScreenSaverIdleBackend::onResumeTimer);
    m_clock.start();
}

XScreenSaverIdleBackend::~XScreenSaverIdleBackend() = default;

bool XScreenSaverIdleBackend::open(QString *why) {
    auto fail = [why](const QString &reason) {
        if (why)
            *why = reason;
        return false;
    };
    if (!m_connection->open(why))
        return false;
    const QString where = m_connection->displayName();
    int eventBase = 0;
    int errorBase = 0;
    if (!XScreenSaverQueryExtension(m_connection->display(), &eventBase, &errorBase))
        return fail(tr("The X server at %1 has no MIT-SCREEN-SAVER extension.").arg(where));
    // We select no events; the socket only matters to notice the server going away.
    m_connection->setEventHandler([](XEvent &) {});
    m_opened = true;
    if (!queryIdle()) {
        m_opened = false;
        return fail(tr("The X server at %1 did not answer an idle-time query.").arg(where));
    }
    if (why)
        *why = tr("X server at %1, MIT-SCREEN-SAVER idle time on a deadline timer").arg(where);
    return true;
}

quint64 XScreenSaverIdleBackend::wakeups() const {
    return m_timerWakeups + m_connection->socketWakeups();
}

std::optional<qint64> XScreenSaverIdleBackend::queryIdle() const {
    if (!m_opened || m_connection->isBroken())
        return std::nullopt;
    Display *display = m_connection->display();
    XScreenSaverInfo info{};
    const bool ok = XScreenSaverQueryInfo(display, DefaultRootWindow(display), &info) != 0;
    m_connection->afterRequests();
    if (!ok || m_connection->isBroken())
        return std::nullopt;
    return static_cast<qint64>(info.idle);
}

void XScreenSaverIdleBackend::watchIdle(std::chrono::milliseconds threshold) {
    m_threshold = std::max(threshold, std::chrono::milliseconds(0));
    m_idleArmed = true;
    armIdleTimer();
}

// Sleeps until the earliest moment the person could have been idle for the threshold: if
// nobody touches anything meanwhile, the next query finds the threshold reached; if someone
// did, it finds a smaller idle time and sleeps again for the rest. One wakeup per deadline,
// at most one per threshold period while the person is active. Already idle long enough:
// the timer runs at 0 ms, so idleReached() still comes from the event loop, not from inside
// watchIdle().
void XScreenSaverIdleBackend::armIdleTimer() {
    const std::optional<qint64> idle = queryIdle();
    if (!idle) {
        m_idleArmed = false;
        return;
    }
    m_idleTimer.start(std::chrono::milliseconds(std::max<qint64>(m_threshold.count() - *idle, 0)));
}

void XScreenSaverIdleBackend::onIdleTimer() {
    ++m_timerWakeups;
    if (!m_idleArmed)
        return;
    const std::optional<qint64> idle = queryIdle();
    if (!idle) {
        m_idleArmed = false;
        return;
    }
    if (*idle >= m_threshold.count()) {
        m_idleArmed = false;
        Q_EMIT idleReached();
        return;
    }
    m_idleTimer.start(std::chrono::milliseconds(m_threshold.count() - *idle));
}

// The fallback part of this backend: MIT-SCREEN-SAVER has no "input happened" event (its
// ScreenSaverNotify only covers the screen saver itself turning on and off), so while the
// person is away the idle time is sampled every kResumeSampleInterval, and input is detected
// as the idle time being lower than the previous sample says it must be by now. The XSync
// backend needs none of this; it is used first whenever the server has IDLETIME.
void XScreenSaverIdleBackend::watchResume() {
    const std::optional<qint64> idle = queryIdle();
    if (!idle) {
        m_resumeArmed = false;
        return;
    }
    m_resumeArmed = true;
    m_lastIdle = *idle;
    m_lastReplyAt = m_clock.elapsed();
    m_resumeTimer.start(kResumeSampleInterval);
}

void XScreenSaverIdleBackend::onResumeTimer() {
    ++m_timerWakeups;
    if (!m_resumeArmed)
        return;
    const qint64 sentAt = m_clock.elapsed();
    const std::optional<qint64> idle = queryIdle();
    if (!idle) {
        m_resumeArmed = false;
        return;
    }
    // Without input, the idle time grew by at least the time between the previous reply and
    // this request (the server computed each value somewhere inside its round trip). Anything
    // less means the last input moved: the person is back. Delays on our side only make the
    // bound looser, so they can delay detection but never invent a resume.
    const qint64 lowestWithoutInput = m_lastIdle + (sentAt - m_lastReplyAt) - kRoundingSlackMs;
    if (*idle < lowestWithoutInput) {
        m_resumeArmed = false;
        Q_EMIT resumed();
        return;
    }
    m_lastIdle = *idle;
    m_lastReplyAt = m_clock.elapsed();
    m_resumeTimer.start(kResumeSampleInterval);
}

void XScreenSaverIdleBackend::cancelWatches() {
    m_idleArmed = false;
    m_resumeArmed = false;
    m_idleTimer.stop();
    m_resumeTimer.stop();
}

std::optional<std::chrono::milliseconds> XScreenSaverIdleBackend::idleTime() const {
    const std::optional<qint64> idle = queryIdle();
    if (!idle)
        return std::nullopt;
    return std::chrono::milliseconds(*idle);
}

} // namespace zp
