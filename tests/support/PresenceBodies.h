// Presence answer bodies for tests and benchmarks: a realistic modern snapshot of n users,
// and the differential check between the simdjson and QJsonDocument parsers.
#pragma once

#include "presence/FastPresenceParser.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QRandomGenerator>

namespace zp::test {

// A modern POST /users/me/presence answer as Zulip writes it: user ids from 8, a mix of
// active, idle and long-gone users around `now`.
inline QByteArray modernPresenceBody(int users, double now, qint64 lastUpdateId, quint32 seed = 1,
                                     int firstUserId = 8) {
    QRandomGenerator rng(seed);
    QByteArray out;
    out.reserve(qsizetype(users) * 70 + 128);
    out += R"({"result":"success","msg":"","presences":{)";
    const qint64 t = qint64(now);
    for (int i = 0; i < users; ++i) {
        if (i)
            out += ',';
        const qint64 active = t - qint64(rng.bounded(400000));
        const qint64 idle = active + qint64(rng.bounded(3600));
        out += '"' + QByteArray::number(firstUserId + i) + R"(":{"active_timestamp":)" +
               QByteArray::number(active) + R"(,"idle_timestamp":)" + QByteArray::number(idle) +
               '}';
    }
    out += R"(},"server_timestamp":)" + QByteArray::number(now, 'f', 6) +
           R"(,"presence_last_update_id":)" + QByteArray::number(lastUpdateId) + "}";
    return out;
}

// Empty when both parsers agree on `body` to the last field, else what differs.
inline QString parserDifference(const QByteArray &body) {
    QString slowError, fastError;
    const auto slow = parsePresenceAnswer(QJsonDocument::fromJson(body).object(), &slowError);
    const auto fast = parsePresenceBody(body, &fastError);
    if (slow.has_value() != fast.has_value())
        return QStringLiteral("one parser accepted, the other refused");
    if (!slow)
        return slowError == fastError ? QString()
                                      : QStringLiteral("errors: %1 / %2").arg(slowError, fastError);
    if (slow->byUserId != fast->byUserId)
        return QStringLiteral("byUserId differs (%1 / %2 users)")
            .arg(slow->byUserId.size())
            .arg(fast->byUserId.size());
    if (slow->byEmail != fast->byEmail)
        return QStringLiteral("byEmail differs");
    if (slow->serverTimestamp != fast->serverTimestamp)
        return QStringLiteral("server_timestamp differs");
    if (slow->lastUpdateId != fast->lastUpdateId)
        return QStringLiteral("presence_last_update_id differs");
    if (slow->skippedEntries != fast->skippedEntries)
        return QStringLiteral("skipped entries %1 / %2")
            .arg(slow->skippedEntries)
            .arg(fast->skippedEntries);
    return {};
}

} // namespace zp::test
