#include "notify/DesktopNotifier.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QVariantMap>

namespace zp {

namespace {
const QString service = QStringLiteral("org.freedesktop.Notifications");
const QString path = QStringLiteral("/org/freedesktop/Notifications");
} // namespace

DesktopNotifier::DesktopNotifier(QObject *parent) : QObject(parent) {}

bool DesktopNotifier::isAvailable() {
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected() || !bus.interface())
        return false;
    return bus.interface()->isServiceRegistered(service).value() ||
           bus.interface()->activatableServiceNames().value().contains(service);
}

void DesktopNotifier::notify(const QString &summary, const QString &body) {
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        Q_EMIT failed(summary, body, tr("There is no desktop session bus for notifications."));
        return;
    }
    if (m_bodyMarkup) {
        send(summary, body);
        return;
    }
    const QDBusMessage ask =
        QDBusMessage::createMethodCall(service, path, service, QStringLiteral("GetCapabilities"));
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(ask, 5000), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, summary, body] {
        watcher->deleteLater();
        const QDBusPendingReply<QStringList> capabilities = *watcher;
        // Not answering is not a "no" to remember: the next notification asks again.
        if (!capabilities.isError())
            m_bodyMarkup = capabilities.value().contains(QStringLiteral("body-markup"));
        send(summary, body);
    });
}

void DesktopNotifier::send(const QString &summary, const QString &body) {
    QDBusConnection bus = QDBusConnection::sessionBus();
    const QString shownBody = m_bodyMarkup.value_or(false) ? body.toHtmlEscaped() : body;
    QDBusMessage call =
        QDBusMessage::createMethodCall(service, path, service, QStringLiteral("Notify"));
    const QVariantMap hints{{QStringLiteral("desktop-entry"), QStringLiteral("zulip-presence")},
                            {QStringLiteral("category"), QStringLiteral("presence.online")}};
    call << QStringLiteral("Zulip presence") << uint(0) << QStringLiteral("zulip-presence")
         << summary << shownBody << QStringList() << hints << int(-1);
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call, 5000), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, summary, body] {
        watcher->deleteLater();
        const QDBusPendingReply<uint> reply = *watcher;
        if (reply.isError())
            Q_EMIT failed(
                summary, body,
                tr("The desktop did not show the notification (%1).").arg(reply.error().message()));
        else
            Q_EMIT delivered(reply.value());
    });
}

} // namespace zp
