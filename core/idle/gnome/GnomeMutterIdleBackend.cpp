#include "idle/gnome/GnomeMutterIdleBackend.h"

#include "platform/DBusNames.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusServiceWatcher>

#include <algorithm>
#include <limits>

namespace zp {

namespace {

const QString kService = QStringLiteral("org.gnome.Mutter.IdleMonitor");
const QString kPath = QStringLiteral("/org/gnome/Mutter/IdleMonitor/Core");
const QString kInterface = QStringLiteral("org.gnome.Mutter.IdleMonitor");

// Only --diagnose and open() wait for an answer; a compositor that does not answer within
// this is treated as absent rather than freezing the agent.
constexpr int kBlockingCallTimeoutMs = 2000;

QDBusMessage monitorCall(const QString &method) {
    return QDBusMessage::createMethodCall(kService, kPath, kInterface, method);
}

} // namespace

GnomeMutterIdleBackend::GnomeMutterIdleBackend(QObject *parent)
    : IdleBackend(parent), m_bus(QDBusConnection::sessionBus()) {}

GnomeMutterIdleBackend::~GnomeMutterIdleBackend() {
    if (m_open)
        cancelWatches();
}

bool GnomeMutterIdleBackend::open(QString *why) {
    auto fail = [why](const QString &reason) {
        if (why)
            *why = reason;
        return false;
    };
    if (!m_bus.isConnected())
        return fail(tr("There is no D-Bus session bus."));
    if (!busNameHasOwner(m_bus, kService).value_or(false))
        return fail(
            tr("Nothing on the session bus provides %1 (not a GNOME session).").arg(kService));
    const QDBusMessage reply = m_bus.call(monitorCall(QStringLiteral("GetIdletime")), QDBus::Block,
                                          kBlockingCallTimeoutMs);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.signature() != QLatin1String("t"))
        return fail(tr("%1 did not answer GetIdletime: %2").arg(kService, reply.errorMessage()));
    if (!m_bus.connect(kService, kPath, kInterface, QStringLiteral("WatchFired"), this,
                       SLOT(onWatchFired(uint))))
        return fail(tr("Could not subscribe to %1.WatchFired.").arg(kInterface));
    m_serviceWatcher =
        new QDBusServiceWatcher(kService, m_bus, QDBusServiceWatcher::WatchForUnregistration, this);
    connect(m_serviceWatcher, &QDBusServiceWatcher::serviceUnregistered, this, [this] {
        m_idleWatch = m_resumeWatch = 0;
        m_idleRequest = m_resumeRequest = 0;
        Q_EMIT failed(
            tr("%1 left the session bus (the GNOME compositor ended or restarted).").arg(kService));
    });
    m_open = true;
    if (why)
        *why = tr("%1 on the session bus, server-side idle and active watches").arg(kService);
    return true;
}

void GnomeMutterIdleBackend::watchIdle(std::chrono::milliseconds threshold) {
    if (!m_open)
        return;
    removeWatch(m_idleWatch);
    addWatch(Watch::Idle, threshold);
}

void GnomeMutterIdleBackend::watchResume() {
    if (!m_open)
        return;
    removeWatch(m_resumeWatch);
    addWatch(Watch::Resume, std::chrono::milliseconds(0));
}

void GnomeMutterIdleBackend::cancelWatches() {
    m_idleRequest = m_resumeRequest = 0;
    m_firedBeforeReply.clear();
    removeWatch(m_idleWatch);
    removeWatch(m_resumeWatch);
}

void GnomeMutterIdleBackend::addWatch(Watch kind, std::chrono::milliseconds threshold) {
    QDBusMessage call;
    if (kind == Watch::Idle) {
        // Mutter refuses an interval of 0; the monitor never asks for less than 1 s anyway.
        const qint64 interval = std::max<qint64>(threshold.count(), 1);
        call = monitorCall(QStringLiteral("AddIdleWatch"));
        call << quint64(interval);
    } else {
        call = monitorCall(QStringLiteral("AddUserActiveWatch"));
    }
    const quint64 request = ++m_requestCounter;
    (kind == Watch::Idle ? m_idleRequest : m_resumeRequest) = request;
    auto *pending = new QDBusPendingCallWatcher(m_bus.asyncCall(call), this);
    connect(pending, &QDBusPendingCallWatcher::finished, this,
            [this, kind, request](QDBusPendingCallWatcher *watcher) {
                watcher->deleteLater();
                const QDBusPendingReply<uint> reply = *watcher;
                quint64 &current = kind == Watch::Idle ? m_idleRequest : m_resumeRequest;
                if (reply.isError()) {
                    if (current == request)
                        Q_EMIT failed(
                            tr("%1 refused a watch: %2").arg(kService, reply.error().message()));
                    return;
                }
                uint id = reply.value();
                if (current != request) {
                    // Replaced or cancelled while the call was on its way: give it back.
                    removeWatch(id);
                    return;
                }
                current = 0;
                (kind == Watch::Idle ? m_idleWatch : m_resumeWatch) = id;
                if (m_firedBeforeReply.remove(id))
                    onWatchFired(id);
                if (!m_idleRequest && !m_resumeRequest)
                    m_firedBeforeReply.clear();
            });
}

void GnomeMutterIdleBackend::removeWatch(uint &id) {
    if (!id)
        return;
    QDBusMessage call = monitorCall(QStringLiteral("RemoveWatch"));
    call << id;
    m_bus.call(call, QDBus::NoBlock);
    id = 0;
}

void GnomeMutterIdleBackend::onWatchFired(uint id) {
    if (id != 0 && id == m_idleWatch) {
        // Mutter's idle watches fire again at every later idle period; ours are one-shot.
        removeWatch(m_idleWatch);
        Q_EMIT idleReached();
    } else if (id != 0 && id == m_resumeWatch) {
        // User-active watches are one-shot on Mutter's side: it has dropped it already.
        m_resumeWatch = 0;
        Q_EMIT resumed();
    } else if (m_idleRequest || m_resumeRequest) {
        // Possibly the watch whose id the pending reply will tell us.
        m_firedBeforeReply.insert(id);
    }
}

std::optional<std::chrono::milliseconds> GnomeMutterIdleBackend::idleTime() const {
    if (!m_open)
        return std::nullopt;
    const QDBusMessage reply = m_bus.call(monitorCall(QStringLiteral("GetIdletime")), QDBus::Block,
                                          kBlockingCallTimeoutMs);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().size() != 1)
        return std::nullopt;
    const quint64 ms = reply.arguments().constFirst().toULongLong();
    return std::chrono::milliseconds(
        qint64(std::min<quint64>(ms, quint64(std::numeric_limits<qint64>::max()))));
}

} // namespace zp
