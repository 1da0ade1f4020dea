#include "platform/DBusNames.h"

#include <QDBusMessage>

namespace zp {

std::optional<bool> busNameHasOwner(const QDBusConnection &bus, const QString &name,
                                    int timeoutMs) {
    if (!bus.isConnected())
        return std::nullopt;
    QDBusMessage ask = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
        QStringLiteral("org.freedesktop.DBus"), QStringLiteral("NameHasOwner"));
    ask.setArguments({name});
    const QDBusMessage reply = bus.call(ask, QDBus::Block, timeoutMs);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
        return std::nullopt;
    return reply.arguments().constFirst().toBool();
}

} // namespace zp
