#pragma once

#include "presence/PresenceParser.h"
#include "presence/Roster.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace zp {

// The same answer as parsePresenceAnswer(QJsonDocument::fromJson(body).object()), for the raw
// body of POST /users/me/presence, in a fraction of the time: simdjson reads the common, clean
// modern answer directly; anything unusual (legacy format, a skipped entry, a duplicate key,
// a bad field, invalid JSON) is handed to the QJsonDocument parser, so the result is
// identical on every input but one kind: a number too small for a double (1e-400), which
// simdjson reads as 0 and Qt refuses with the whole text. No server writes one, and the
// lenient reading loses nothing. *usedFallback (optional) says which path answered.
std::optional<PresenceSnapshot> parsePresenceBody(const QByteArray &body, QString *error,
                                                  bool *usedFallback = nullptr);

// The answer to POST /register, read by simdjson straight into what the agent keeps: as one
// QJsonDocument, 10 000 people's 5 MB answer becomes about 20 MB of objects.
// - activeUsers and nonActiveUsers: the realm_users and realm_non_active_users entries, as
//   realmUserFields() reads them, less those without a user id (no one: Roster::apply()
//   would drop them anyway, and a list of zeros must not become a list of entries);
// - presence: set when the presences are in the clean modern format, read as
//   parsePresenceBody() reads them;
// - fields: every other top-level member as QJsonDocument would have read it. A member taken
//   out above is not in it; one of the wrong type (realm_users not an array, presences that
//   are not modern) is, for the caller to judge.
// Input simdjson refuses but Qt takes is read by Qt (and 1e-400, as above, is 0 on the fast
// path; a repeated people list sends the whole answer to Qt, which refuses it). nullopt: not
// a JSON object Qt or simdjson can read.
struct RegisterAnswer {
    QJsonObject fields;
    QList<RealmUserFields> activeUsers;
    QList<RealmUserFields> nonActiveUsers;
    std::optional<PresenceSnapshot> presence;
};
std::optional<RegisterAnswer> parseRegisterBody(const QByteArray &body,
                                                bool *usedFallback = nullptr);

// The top-level members of a JSON object body that are not objects or arrays (result, msg,
// code, retry-after, server_timestamp, ...): enough to classify an answer without building
// the whole document. nullopt when the body is not a JSON object.
std::optional<QJsonObject> jsonEnvelope(const QByteArray &body);

} // namespace zp
