#pragma once

#include "presence/StatusRule.h"

#include <QHash>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace zp {

// The presence part of a server answer (POST /users/me/presence, POST /register, or a
// presence event), validated and reduced to raw timestamp pairs. Legacy answers are keyed by
// email and are resolved to user ids by the model, which knows the roster.
struct PresenceSnapshot {
    QHash<qint64, RawPresence> byUserId;
    QHash<QString, RawPresence> byEmail;
    std::optional<double> serverTimestamp;
    std::optional<qint64> lastUpdateId;
    // Entries that were not of a usable shape and were left out (hostile or broken servers).
    int skippedEntries = 0;
};

// Reads `presences`, `server_timestamp` and `presence_last_update_id` from an answer body.
// Returns nullopt with one sentence in *error when the answer is not usable at all (presences
// missing or not an object); single malformed entries are skipped and counted instead, so one
// bad user cannot hide everyone else.
std::optional<PresenceSnapshot> parsePresenceAnswer(const QJsonObject &body, QString *error);

// One legacy per-client entry ({"website": {...}, "aggregated": {...}, ...}) reduced to the
// modern pair: an "active" report sets the active time, an "idle" one the idle time; several
// clients combine by taking the newest of each.
std::optional<RawPresence> rawFromLegacyEntry(const QJsonObject &clients);

// One modern entry ({"active_timestamp": ..., "idle_timestamp": ...}); either key may be
// missing, as old web clients already accepted.
std::optional<RawPresence> rawFromModernEntry(const QJsonObject &entry);

} // namespace zp
