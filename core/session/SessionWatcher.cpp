#include "session/SessionWatcher.h"

#include "agent/PresenceAgent.h"
#include "idle/IdleMonitor.h"
#include "platform/DBusNames.h"

#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#include <QLoggingCategory>

#include <unistd.h>

Q_LOGGING_CATEGORY(lcSession, "zp.session")

namespace zp {

namespace {

const QString kLogind = QStringLiteral("org.freedesktop.login1");
const QString kManagerPath = QStringLiteral("/org/freedesktop/login1");
const QString kManager = QStringLiteral("org.freedesktop.login1.Manager");
const QString kSession = QStringLiteral("org.freedesktop.login1.Session");
const QString kProperties = QStringLiteral("org.freedesktop.DBus.Properties");
const QString kFreedesktopScreenSaver = QStringLiteral("org.freedesktop.ScreenSaver");
const QString kGnomeScreenSaver = QStringLiteral("org.gnome.ScreenSaver");

// Only start() waits for answers, once; a bus that does not answer within this counts as
// absent rather than delaying the agent's start.
constexpr int kStartCallTimeoutMs = 2000;

} // namespace

SessionWatcher::SessionWatcher(QObject *parent)
    : QObject(parent), m_system(QDBusConnection::systemBus()),
      m_session(QDBusConnection::sessionBus()) {
    m_inhibitorLimit.setSingleShot(true);
    connect(&m_inhibitorLimit, &QTimer::timeout, this, [this] {
        qCInfo(lcSession) << "last report before sleep took too long; letting the computer sleep";
        releaseSleepInhibitor();
    });
}

SessionWatcher::~SessionWatcher() = default;

void SessionWatcher::start() {
    if (m_session.isConnected()) {
        // Any sender and path: KDE emits on /ScreenSaver and /org/freedesktop/ScreenSaver.
        m_session.connect(QString(), QString(), kFreedesktopScreenSaver,
                          QStringLiteral("ActiveChanged"), this,
                          SLOT(onFreedesktopActiveChanged(bool)));
        m_session.connect(QString(), QString(), kGnomeScreenSaver, QStringLiteral("ActiveChanged"),
                          this, SLOT(onGnomeActiveChanged(bool)));
    }
    if (!m_system.isConnected()) {
        m_logindDetail = tr("no system bus");
        return;
    }
    const std::optional<bool> logindRunning = busNameHasOwner(m_system, kLogind);
    if (!logindRunning) {
        // Every later call would wait on it too, holding up the agent's start.
        m_logindDetail = tr("the system bus does not answer");
        return;
    }
    if (!*logindRunning) {
        m_logindDetail = tr("%1 is not on the system bus").arg(kLogind);
        return;
    }
    m_system.connect(kLogind, kManagerPath, kManager, QStringLiteral("PrepareForSleep"), this,
                     SLOT(onPrepareForSleep(bool)));
    takeSleepInhibitor();

    QString why;
    m_sessionPath = findSessionPath(&why);
    if (m_sessionPath.isEmpty()) {
        m_logindDetail = tr("logind answers, but this process is in no login session (%1); "
                            "sleep is watched, the lock is not")
                             .arg(why);
        return;
    }
    m_system.connect(kLogind, m_sessionPath, kProperties, QStringLiteral("PropertiesChanged"), this,
                     SLOT(onSessionPropertiesChanged(QString, QVariantMap, QStringList)));
    m_system.connect(kLogind, m_sessionPath, kSession, QStringLiteral("Lock"), this,
                     SLOT(onSessionLock()));
    m_system.connect(kLogind, m_sessionPath, kSession, QStringLiteral("Unlock"), this,
                     SLOT(onSessionUnlock()));
    QDBusMessage get =
        QDBusMessage::createMethodCall(kLogind, m_sessionPath, kProperties, QStringLiteral("Get"));
    get << kSession << QStringLiteral("LockedHint");
    const QDBusMessage reply = m_system.call(get, QDBus::Block, kStartCallTimeoutMs);
    if (reply.type() == QDBusMessage::ReplyMessage && !reply.arguments().isEmpty())
        setLockSource(
            m_logindLocked,
            qvariant_cast<QDBusVariant>(reply.arguments().constFirst()).variant().toBool());
    m_logindDetail = tr("session %1").arg(m_sessionPath);
}

QString SessionWatcher::findSessionPath(QString *why) const {
    auto sessionById = [this](const QString &id) -> QString {
        QDBusMessage call = QDBusMessage::createMethodCall(kLogind, kManagerPath, kManager,
                                                           QStringLiteral("GetSession"));
        call << id;
        const QDBusMessage reply = m_system.call(call, QDBus::Block, kStartCallTimeoutMs);
        if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
            return {};
        return qvariant_cast<QDBusObjectPath>(reply.arguments().constFirst()).path();
    };
    // 1. The session the login manager put us in, as the environment says.
    const QString envId = qEnvironmentVariable("XDG_SESSION_ID");
    if (!envId.isEmpty()) {
        if (const QString path = sessionById(envId); !path.isEmpty())
            return path;
    }
    // 2. logind's "auto" object resolves to the caller's session; signals are only sent on
    //    the real path, so ask for its id.
    QDBusMessage get = QDBusMessage::createMethodCall(
        kLogind, QStringLiteral("/org/freedesktop/login1/session/auto"), kProperties,
        QStringLiteral("Get"));
    get << kSession << QStringLiteral("Id");
    QDBusMessage reply = m_system.call(get, QDBus::Block, kStartCallTimeoutMs);
    if (reply.type() == QDBusMessage::ReplyMessage && !reply.arguments().isEmpty()) {
        const QString id =
            qvariant_cast<QDBusVariant>(reply.arguments().constFirst()).variant().toString();
        if (const QString path = id.isEmpty() ? QString() : sessionById(id); !path.isEmpty())
            return path;
    }
    // 3. By process id, for older logind versions.
    QDBusMessage byPid = QDBusMessage::createMethodCall(kLogind, kManagerPath, kManager,
                                                        QStringLiteral("GetSessionByPID"));
    byPid << uint(::getpid());
    reply = m_system.call(byPid, QDBus::Block, kStartCallTimeoutMs);
    if (reply.type() == QDBusMessage::ReplyMessage && !reply.arguments().isEmpty())
        return qvariant_cast<QDBusObjectPath>(reply.arguments().constFirst()).path();
    if (why)
        *why = reply.errorMessage();
    return {};
}

void SessionWatcher::takeSleepInhibitor() {
    if (m_inhibitor.isValid())
        return;
    if (!(m_system.connectionCapabilities() & QDBusConnection::UnixFileDescriptorPassing)) {
        qCInfo(lcSession) << "the system bus cannot pass file descriptors; no sleep inhibitor";
        return;
    }
    QDBusMessage call =
        QDBusMessage::createMethodCall(kLogind, kManagerPath, kManager, QStringLiteral("Inhibit"));
    call << QStringLiteral("sleep") << QStringLiteral("zulip-presence")
         << QStringLiteral("Telling the Zulip server you are away before the computer sleeps")
         << QStringLiteral("delay");
    auto *pending = new QDBusPendingCallWatcher(m_system.asyncCall(call), this);
    connect(pending, &QDBusPendingCallWatcher::finished, this,
            [this](QDBusPendingCallWatcher *watcher) {
                watcher->deleteLater();
                const QDBusPendingReply<QDBusUnixFileDescriptor> reply = *watcher;
                if (reply.isError()) {
                    qCInfo(lcSession) << "no sleep inhibitor:" << reply.error().message();
                    return;
                }
                if (m_preparingForSleep)
                    return; // too late: taking it now would only delay this sleep
                m_inhibitor = reply.value();
            });
}

void SessionWatcher::releaseSleepInhibitor() {
    m_inhibitorLimit.stop();
    if (!m_inhibitor.isValid())
        return;
    qCInfo(lcSession) << "releasing the sleep inhibitor";
    // Dropping our copy closes the descriptor; logind then lets the sleep go on.
    m_inhibitor = QDBusUnixFileDescriptor();
}

QStringList SessionWatcher::screenSaversPresent() const {
    QStringList present;
    for (const QString &name : {kFreedesktopScreenSaver, kGnomeScreenSaver})
        if (busNameHasOwner(m_session, name).value_or(false))
            present << name;
    return present;
}

void SessionWatcher::setLockSource(bool &source, bool value) {
    const bool before = isLocked();
    source = value;
    if (isLocked() != before)
        Q_EMIT lockedChanged(isLocked());
}

void SessionWatcher::onSessionPropertiesChanged(const QString &interface,
                                                const QVariantMap &changed, const QStringList &) {
    if (interface != kSession)
        return;
    const auto it = changed.constFind(QStringLiteral("LockedHint"));
    if (it != changed.constEnd())
        setLockSource(m_logindLocked, it->toBool());
}

void SessionWatcher::onSessionLock() {
    setLockSource(m_logindLocked, true);
}

void SessionWatcher::onSessionUnlock() {
    setLockSource(m_logindLocked, false);
}

void SessionWatcher::onFreedesktopActiveChanged(bool active) {
    setLockSource(m_freedesktopActive, active);
}

void SessionWatcher::onGnomeActiveChanged(bool active) {
    setLockSource(m_gnomeActive, active);
}

void SessionWatcher::onPrepareForSleep(bool sleeping) {
    if (sleeping == m_preparingForSleep)
        return;
    m_preparingForSleep = sleeping;
    if (sleeping) {
        qCInfo(lcSession) << "the computer is about to sleep";
        if (m_inhibitor.isValid())
            m_inhibitorLimit.start(kSleepReportLimit);
        Q_EMIT aboutToSleep();
    } else {
        qCInfo(lcSession) << "the computer woke up";
        releaseSleepInhibitor();
        takeSleepInhibitor();
        Q_EMIT wokeUp();
    }
}

void applySessionRules(SessionWatcher *watcher, IdleMonitor *idle, PresenceAgent *agent) {
    if (watcher->isLocked())
        idle->setLocked(true);
    // The monitor passes the lock on to the agent, which reports it at once.
    QObject::connect(watcher, &SessionWatcher::lockedChanged, idle, &IdleMonitor::setLocked);
    QObject::connect(watcher, &SessionWatcher::aboutToSleep, agent, [idle, agent, watcher] {
        idle->setSuspended(true);
        if (agent->state() == PresenceAgent::State::Running ||
            agent->state() == PresenceAgent::State::Retrying)
            agent->sendReportNow();
        else
            watcher->releaseSleepInhibitor(); // nothing can be sent now
    });
    QObject::connect(agent, &PresenceAgent::reportCompleted, watcher,
                     [watcher](PresenceStatus sent, double) {
                         if (watcher->isPreparingForSleep() && sent == PresenceStatus::Idle)
                             watcher->releaseSleepInhibitor();
                     });
    QObject::connect(watcher, &SessionWatcher::wokeUp, agent, [idle, agent] {
        idle->setSuspended(false);
        agent->refreshAfterWake();
    });
}

} // namespace zp
