#include "idle/freedesktop/FreedesktopScreenSaverIdleBackend.h"

#include "platform/DBusNames.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusServiceWatcher>

#include <algorithm>

namespace zp {

namespace {

const QString kService = QStringLiteral("org.freedesktop.ScreenSaver");
const QString kPath = QStringLiteral("/org/freedesktop/ScreenSaver");
const QString kInterface = QStringLiteral("org.freedesktop.ScreenSaver");

constexpr int kBlockingCallTimeoutMs = 2000;

// Allowance for rounding and for the time the answer spends on the bus when comparing two
// samples (see sampleForResume()).
constexpr qint64 kSlackMs = 50;

QDBusMessage idleTimeCall() {
    return QDBusMessage::createMethodCall(kService, kPath, kInterface,
                                          QStringLiteral("GetSessionIdleTime"));
}

} // namespace

FreedesktopScreenSaverIdleBackend::FreedesktopScreenSaverIdleBackend(QObject *parent)
    : IdleBackend(parent), m_bus(QDBusConnection::sessionBus()) {
    m_idleTimer.setSingleShot(true);
    m_idleTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_idleTimer, &QTimer::timeout, this, &FreedesktopScreenSaverIdleBackend::onIdleTimer);
    m_resumeTimer.setSingleShot(true);
    m_resumeTimer.setTimerType(Qt::CoarseTimer);
    connect(&m_resumeTimer, &QTimer::timeout, this,
            &FreedesktopScreenSaverIdleBackend::sampleForResume);
    m_clock.start();
}

FreedesktopScreenSaverIdleBackend::~FreedesktopScreenSaverIdleBackend() = default;

bool FreedesktopScreenSaverIdleBackend::open(QString *why) {
    auto fail = [why](const QString &reason) {
        if (why)
            *why = reason;
        return false;
    };
    if (!m_bus.isConnected())
        return fail(tr("There is no D-Bus session bus."));
    if (!busNameHasOwner(m_bus, kService).value_or(false))
        return fail(tr("Nothing on the session bus provides %1.").arg(kService));
    const QDBusMessage reply = m_bus.call(idleTimeCall(), QDBus::Block, kBlockingCallTimeoutMs);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.signature() != QLatin1String("u"))
        return fail(
            tr("%1 did not answer GetSessionIdleTime: %2").arg(kService, reply.errorMessage()));
    // Any sender, any path: KDE emits it on /ScreenSaver and /org/freedesktop/ScreenSaver.
    m_bus.connect(QString(), QString(), kInterface, QStringLiteral("ActiveChanged"), this,
                  SLOT(onActiveChanged(bool)));
    m_serviceWatcher =
        new QDBusServiceWatcher(kService, m_bus, QDBusServiceWatcher::WatchForUnregistration, this);
    connect(m_serviceWatcher, &QDBusServiceWatcher::serviceUnregistered, this, [this] {
        cancelWatches();
        m_open = false;
        Q_EMIT failed(tr("%1 left the session bus.").arg(kService));
    });
    m_open = true;
    if (why)
        *why = tr("%1 on the session bus, idle time on a deadline timer, sampled every %2 s "
                  "while away")
                   .arg(kService)
                   .arg(kResumeSampleInterval.count() / 1000);
    return true;
}

void FreedesktopScreenSaverIdleBackend::queryIdle(const quint64 &generation,
                                                  std::function<void(qint64)> handle) {
    const quint64 askedGeneration = generation;
    auto *pending = new QDBusPendingCallWatcher(m_bus.asyncCall(idleTimeCall()), this);
    connect(pending, &QDBusPendingCallWatcher::finished, this,
            [this, &generation, askedGeneration,
             handle = std::move(handle)](QDBusPendingCallWatcher *watcher) {
                watcher->deleteLater();
                if (askedGeneration != generation)
                    return; // re-armed or cancelled meanwhile
                const QDBusPendingReply<uint> reply = *watcher;
                if (reply.isError()) {
                    cancelWatches();
                    Q_EMIT failed(tr("%1 stopped answering GetSessionIdleTime: %2")
                                      .arg(kService, reply.error().message()));
                    return;
                }
                handle(qint64(reply.value()));
            });
}

void FreedesktopScreenSaverIdleBackend::watchIdle(std::chrono::milliseconds threshold) {
    if (!m_open)
        return;
    ++m_idleGeneration;
    m_threshold = std::max(threshold, std::chrono::milliseconds(0));
    m_idleArmed = true;
    m_idleTimer.stop();
    onIdleTimer();
}

// Sleeps until the earliest moment the threshold can be reached; if someone touched
// anything meanwhile the answer is smaller and the timer is armed for the rest.
void FreedesktopScreenSaverIdleBackend::onIdleTimer() {
    if (!m_idleArmed)
        return;
    queryIdle(m_idleGeneration, [this](qint64 idle) {
        if (!m_idleArmed)
            return;
        if (idle >= m_threshold.count()) {
            m_idleArmed = false;
            Q_EMIT idleReached();
            return;
        }
        m_idleTimer.start(std::chrono::milliseconds(m_threshold.count() - idle));
    });
}

void FreedesktopScreenSaverIdleBackend::watchResume() {
    if (!m_open)
        return;
    ++m_resumeGeneration;
    m_resumeArmed = false;
    m_resumeTimer.stop();
    queryIdle(m_resumeGeneration, [this](qint64 idle) {
        m_resumeArmed = true;
        m_lastIdle = idle;
        m_lastAnsweredAt = m_clock.elapsed();
        m_resumeTimer.start(kResumeSampleInterval);
    });
}

void FreedesktopScreenSaverIdleBackend::sampleForResume() {
    if (!m_resumeArmed)
        return;
    const qint64 askedAt = m_clock.elapsed();
    queryIdle(m_resumeGeneration, [this, askedAt](qint64 idle) {
        if (!m_resumeArmed)
            return;
        // Without input the idle time grew by at least the time between the previous answer
        // and this question; anything less means there was input: the person is back.
        const qint64 lowestWithoutInput = m_lastIdle + (askedAt - m_lastAnsweredAt) - kSlackMs;
        if (idle < lowestWithoutInput) {
            m_resumeArmed = false;
            m_resumeTimer.stop();
            Q_EMIT resumed();
            return;
        }
        m_lastIdle = idle;
        m_lastAnsweredAt = m_clock.elapsed();
        m_resumeTimer.start(kResumeSampleInterval);
    });
}

void FreedesktopScreenSaverIdleBackend::onActiveChanged(bool active) {
    // The screen saver or lock screen went away: usually someone is back. Look now rather
    // than at the next sample.
    if (!active && m_resumeArmed) {
        m_resumeTimer.stop();
        sampleForResume();
    }
}

void FreedesktopScreenSaverIdleBackend::cancelWatches() {
    ++m_idleGeneration;
    ++m_resumeGeneration;
    m_idleArmed = false;
    m_resumeArmed = false;
    m_idleTimer.stop();
    m_resumeTimer.stop();
}

std::optional<std::chrono::milliseconds> FreedesktopScreenSaverIdleBackend::idleTime() const {
    if (!m_open)
        return std::nullopt;
    const QDBusMessage reply = m_bus.call(idleTimeCall(), QDBus::Block, kBlockingCallTimeoutMs);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().size() != 1)
        return std::nullopt;
    return std::chrono::milliseconds(qint64(reply.arguments().constFirst().toUInt()));
}

} // namespace zp
