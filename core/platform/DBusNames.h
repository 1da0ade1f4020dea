#pragma once

#include <QDBusConnection>
#include <QString>

#include <optional>

namespace zp {

// Whether `name` has an owner on `bus`; nothing when the bus did not answer within
// `timeoutMs`. Checks at start use this instead of QDBusConnectionInterface, whose calls wait
// D-Bus's default 25 s on a bus that has stopped answering.
std::optional<bool> busNameHasOwner(const QDBusConnection &bus, const QString &name,
                                    int timeoutMs = 2000);

} // namespace zp
