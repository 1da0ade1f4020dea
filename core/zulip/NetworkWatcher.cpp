#include "zulip/NetworkWatcher.h"

#include "platform/DBusNames.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusServiceWatcher>
#include <QDBusVariant>
#include <QLoggingCategory>
#include <QNetworkInformation>

Q_LOGGING_CATEGORY(lcNetwork, "zp.network")

namespace zp {

namespace {

const QString kNetworkManager = QStringLiteral("org.freedesktop.NetworkManager");
const QString kNetworkManagerPath = QStringLiteral("/org/freedesktop/NetworkManager");

// NMState values (NetworkManager's D-Bus API, nm-dbus-types).
constexpr uint nmStateDisconnected = 20;
constexpr uint nmStateDisconnecting = 30;

} // namespace

NetworkWatcher::NetworkWatcher(QObject *parent) : QObject(parent) {
    // NetworkManager is asked directly because QNetworkInformation, to choose a backend, loads
    // every backend plugin it has: GLib's maps GIO and starts a monitor (1.3 MB resident) even
    // when NetworkManager's is the one used.
    switch (followNetworkManager()) {
    case NetworkManagerFound::Yes:
        break;
    case NetworkManagerFound::No:
        followQtNetworkInformation();
        break;
    case NetworkManagerFound::BusNotAnswering:
        // Qt's plugins and GLib would each wait 25 s on it again, holding up the start.
        qCInfo(lcNetwork) << "the system bus does not answer; assuming the network is up";
        break;
    }
}

bool NetworkWatcher::reachableInNetworkManagerState(uint state) {
    // Unknown, asleep (suspending, or networking switched off for a moment) and connecting
    // must not silence the agent: a company server may sit on the local network or site only,
    // and a request that fails just backs off.
    return state != nmStateDisconnected && state != nmStateDisconnecting;
}

NetworkWatcher::NetworkManagerFound NetworkWatcher::followNetworkManager() {
#if defined(Q_OS_LINUX)
    QDBusConnection bus = QDBusConnection::systemBus();
    if (!bus.isConnected())
        return NetworkManagerFound::No;
    // A bus that does not answer within two seconds is not asked again (nor, through Qt's
    // plugins, waited on for D-Bus's default 25 s at a time).
    const std::optional<bool> running = busNameHasOwner(bus, kNetworkManager);
    if (!running)
        return NetworkManagerFound::BusNotAnswering;
    if (!*running)
        return NetworkManagerFound::No;
    m_backend = QStringLiteral("networkmanager");
    // StateChanged is NetworkManager's own signal for its global state, sent on every change.
    // Matched by path and interface, not by the service's name: Qt would look that name's
    // owner up first, waiting up to 25 s on a bus that has stopped answering.
    bus.connect(QString(), kNetworkManagerPath, kNetworkManager, QStringLiteral("StateChanged"),
                this, SLOT(onNetworkManagerState(uint)));
    // A restarted NetworkManager (or the name handed to another process) is asked again; one
    // that went away knows nothing any more.
    auto *owner = new QDBusServiceWatcher(kNetworkManager, bus,
                                          QDBusServiceWatcher::WatchForOwnerChange, this);
    connect(owner, &QDBusServiceWatcher::serviceOwnerChanged, this,
            [this](const QString &, const QString &, const QString &newOwner) {
                if (!newOwner.isEmpty()) {
                    askNetworkManagerState();
                    return;
                }
                qCInfo(lcNetwork) << "NetworkManager left the bus; assuming the network is up";
                setReachable(true);
            });
    askNetworkManagerState();
    return NetworkManagerFound::Yes;
#else
    return NetworkManagerFound::No;
#endif
}

void NetworkWatcher::askNetworkManagerState() {
    QDBusMessage get = QDBusMessage::createMethodCall(
        kNetworkManager, kNetworkManagerPath, QStringLiteral("org.freedesktop.DBus.Properties"),
        QStringLiteral("Get"));
    get.setArguments({kNetworkManager, QStringLiteral("State")});
    // Asked without waiting: the agent starts as "reachable" and pauses if the answer says not.
    auto *watcher =
        new QDBusPendingCallWatcher(QDBusConnection::systemBus().asyncCall(get, 5000), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this](QDBusPendingCallWatcher *call) {
                call->deleteLater();
                const QDBusPendingReply<QDBusVariant> reply = *call;
                bool isNumber = false;
                const uint state = reply.isValid() ? reply.value().variant().toUInt(&isNumber) : 0;
                if (!isNumber) {
                    qCInfo(lcNetwork) << "NetworkManager's state is unreadable:"
                                      << (reply.isValid() ? reply.value().variant().typeName()
                                                          : qPrintable(reply.error().message()));
                    return;
                }
                onNetworkManagerState(state);
                qCInfo(lcNetwork) << "network information from NetworkManager, state" << state
                                  << "reachable:" << m_reachable;
            });
}

void NetworkWatcher::onNetworkManagerState(uint state) {
    setReachable(reachableInNetworkManagerState(state));
}

void NetworkWatcher::followQtNetworkInformation() {
    QNetworkInformation *info = QNetworkInformation::instance();
#if defined(Q_OS_LINUX)
    // Without NetworkManager, GLib's monitor reads the kernel's routes (systemd-networkd,
    // ifupdown); Qt's NetworkManager backend would find nobody to ask.
    if (!info && QNetworkInformation::loadBackendByName(QStringLiteral("glib")))
        info = QNetworkInformation::instance();
#else
    if (!info && QNetworkInformation::loadDefaultBackend())
        info = QNetworkInformation::instance();
#endif
    if (!info || !info->supports(QNetworkInformation::Feature::Reachability)) {
        qCInfo(lcNetwork) << "no network information backend; assuming the network is up";
        return;
    }
    m_backend = info->backendName();
    const auto update = [this, info] {
        setReachable(info->reachability() != QNetworkInformation::Reachability::Disconnected);
    };
    connect(info, &QNetworkInformation::reachabilityChanged, this, update);
    update();
    qCInfo(lcNetwork) << "network information from" << m_backend << "reachable:" << m_reachable;
}

void NetworkWatcher::setReachable(bool reachable) {
    if (reachable == m_reachable)
        return;
    m_reachable = reachable;
    Q_EMIT reachableChanged(reachable);
}

} // namespace zp
