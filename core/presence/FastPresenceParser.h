#pragma once

#include "presence/PresenceParser.h"

#include <QByteArray>
#include <QJsonObject>

#include <optional>

namespace zp {

// The same answer as parsePresenceAnswer(QJsonDocument::fromJson(body).object()), for the raw
// body of POST /users/me/presence, in a fraction of the time: simdjson reads the common, clean
// modern answer directly; anything unusual (legacy format, a skipped entry, a duplicate key,
// a bad field, invalid JSON) is handed to the QJsonDocument parser, so the result is
// identical on every input. *usedFallback (optional) says which path answered.
std::optional<PresenceSnapshot> parsePresenceBody(const QByteArray &body, QString *error,
                                                  bool *usedFallback = nullptr);

// The top-level members of a JSON object body that are not objects or arrays (result, msg,
// code, retry-after, server_timestamp, ...): enough to classify an answer without building
// the whole document. nullopt when the body is not a JSON object.
std::optional<QJsonObject> jsonEnvelope(const QByteArray &body);

} // namespace zp
