#include "presence/PresenceParser.h"

#include <QJsonValue>

#include <cmath>
#include <limits>

namespace zp {

namespace {

// Timestamps are unix seconds; anything negative, non-finite or beyond year ~33000 is not a
// time any server sends and is rejected rather than trusted.
constexpr double maxTimestamp = 1e12;

std::optional<qint64> timestampFrom(const QJsonValue &value) {
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (!std::isfinite(d) || d < 0 || d > maxTimestamp)
        return std::nullopt;
    return qint64(d);
}

bool isModernEntry(const QJsonObject &entry) {
    return entry.contains(QLatin1String("active_timestamp")) ||
           entry.contains(QLatin1String("idle_timestamp")) || entry.isEmpty();
}

std::optional<qint64> userIdFromKey(const QString &key) {
    bool ok = false;
    const qint64 id = key.toLongLong(&ok);
    if (!ok || id <= 0)
        return std::nullopt;
    return id;
}

} // namespace

std::optional<RawPresence> rawFromModernEntry(const QJsonObject &entry) {
    RawPresence raw;
    for (const auto &[key, field] :
         {std::pair{QLatin1String("active_timestamp"), &raw.activeTimestamp},
          std::pair{QLatin1String("idle_timestamp"), &raw.idleTimestamp}}) {
        const QJsonValue value = entry.value(key);
        if (value.isUndefined() || value.isNull())
            continue;
        const std::optional<qint64> ts = timestampFrom(value);
        if (!ts)
            return std::nullopt;
        *field = *ts;
    }
    return raw;
}

std::optional<RawPresence> rawFromLegacyEntry(const QJsonObject &clients) {
    RawPresence raw;
    bool any = false;
    for (auto it = clients.begin(); it != clients.end(); ++it) {
        if (!it.value().isObject())
            return std::nullopt;
        const QJsonObject report = it.value().toObject();
        const QString status = report.value(QLatin1String("status")).toString();
        const std::optional<qint64> ts = timestampFrom(report.value(QLatin1String("timestamp")));
        if (!ts)
            return std::nullopt;
        if (status == QLatin1String("active"))
            raw.activeTimestamp = std::max(raw.activeTimestamp, *ts);
        else if (status == QLatin1String("idle"))
            raw.idleTimestamp = std::max(raw.idleTimestamp, *ts);
        else if (status != QLatin1String("offline"))
            return std::nullopt;
        any = true;
    }
    if (!any)
        return std::nullopt;
    return raw;
}

std::optional<PresenceSnapshot> parsePresenceAnswer(const QJsonObject &body, QString *error) {
    const QJsonValue presences = body.value(QLatin1String("presences"));
    if (!presences.isObject()) {
        if (error)
            *error = presences.isUndefined()
                         ? QStringLiteral("the answer has no presence data")
                         : QStringLiteral("the answer's presence data is not a JSON object");
        return std::nullopt;
    }

    PresenceSnapshot snapshot;
    const QJsonValue serverTimestamp = body.value(QLatin1String("server_timestamp"));
    if (!serverTimestamp.isUndefined()) {
        const double ts = serverTimestamp.toDouble(-1);
        if (!serverTimestamp.isDouble() || !std::isfinite(ts) || ts <= 0 || ts > maxTimestamp) {
            if (error)
                *error = QStringLiteral("the answer's server_timestamp is not a valid time");
            return std::nullopt;
        }
        snapshot.serverTimestamp = ts;
    }
    const QJsonValue lastUpdateId = body.value(QLatin1String("presence_last_update_id"));
    if (!lastUpdateId.isUndefined()) {
        const double id = lastUpdateId.toDouble(std::numeric_limits<double>::quiet_NaN());
        if (!lastUpdateId.isDouble() || !std::isfinite(id) || id < -1 || id > 9e15 ||
            id != std::floor(id)) {
            if (error)
                *error = QStringLiteral("the answer's presence_last_update_id is not an integer");
            return std::nullopt;
        }
        snapshot.lastUpdateId = qint64(id);
    }

    const QJsonObject map = presences.toObject();
    snapshot.byUserId.reserve(map.size());
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (!it.value().isObject()) {
            ++snapshot.skippedEntries;
            continue;
        }
        const QJsonObject entry = it.value().toObject();
        const std::optional<qint64> userId = userIdFromKey(it.key());
        if (userId && isModernEntry(entry)) {
            if (const std::optional<RawPresence> raw = rawFromModernEntry(entry))
                snapshot.byUserId.insert(*userId, *raw);
            else
                ++snapshot.skippedEntries;
        } else if (!userId && it.key().contains(QLatin1Char('@'))) {
            if (const std::optional<RawPresence> raw = rawFromLegacyEntry(entry))
                snapshot.byEmail.insert(it.key(), *raw);
            else
                ++snapshot.skippedEntries;
        } else {
            ++snapshot.skippedEntries;
        }
    }
    return snapshot;
}

} // namespace zp
