#include "zulip/NetworkWatcher.h"

#include <QLoggingCategory>
#include <QNetworkInformation>

Q_LOGGING_CATEGORY(lcNetwork, "zp.network")

namespace zp {

NetworkWatcher::NetworkWatcher(QObject *parent) : QObject(parent) {
    QNetworkInformation *info = QNetworkInformation::instance();
    if (!info) {
        for (const char *name : {"networkmanager", "glib"}) {
            if (QNetworkInformation::loadBackendByName(QString::fromLatin1(name)))
                break;
        }
        info = QNetworkInformation::instance();
    }
    if (!info || !info->supports(QNetworkInformation::Feature::Reachability)) {
        qCInfo(lcNetwork) << "no network information backend; assuming the network is up";
        return;
    }
    m_backend = info->backendName();
    connect(info, &QNetworkInformation::reachabilityChanged, this, &NetworkWatcher::update);
    update();
    qCInfo(lcNetwork) << "network information from" << m_backend << "reachable:" << m_reachable;
}

void NetworkWatcher::update() {
    const QNetworkInformation *info = QNetworkInformation::instance();
    // Only a clear "disconnected" pauses the agent: "unknown" must not silence it, and a
    // company server may well sit on the local network or site only.
    const bool reachable =
        !info || info->reachability() != QNetworkInformation::Reachability::Disconnected;
    if (reachable == m_reachable)
        return;
    m_reachable = reachable;
    Q_EMIT reachableChanged(reachable);
}

} // namespace zp
