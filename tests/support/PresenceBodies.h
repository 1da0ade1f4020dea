// Presence answer bodies for tests and benchmarks: a realistic modern snapshot of n users,
// and the differential check between the simdjson and QJsonDocument parsers.
#pragma once

#include "presence/FastPresenceParser.h"

#include <QByteArray>
#include <QJsonArray>
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
// The one known difference (FastPresenceParser.h): a number too small for a double, which
// simdjson reads as 0 and Qt refuses with the whole text.
inline bool onlyQtRefusesANumber(const QByteArray &body) {
    QJsonParseError error{};
    QJsonDocument::fromJson(body, &error);
    return error.error == QJsonParseError::IllegalNumber;
}

inline QString parserDifference(const QByteArray &body) {
    QString slowError, fastError;
    const auto slow = parsePresenceAnswer(QJsonDocument::fromJson(body).object(), &slowError);
    const auto fast = parsePresenceBody(body, &fastError);
    if (!slow && fast && onlyQtRefusesANumber(body))
        return {};
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

// A POST /register answer as a current Zulip server writes it for our fetch_event_types:
// realm settings, `users` active people with every member Zulip sends (the roster reads
// seven), two deactivated ones, user_settings and modern presences.
inline QByteArray registerBody(int users, quint32 seed = 1) {
    QRandomGenerator rng(seed);
    // JSON's escapes as Zulip writes them, an escaped quote, and plain UTF-8.
    const QByteArray people[] = {"Ada Lovelace", R"(Tom\u00e1s Okafor)", R"(\u5f20\u4f1f)",
                                 R"(Zo\u00eb \"Z\" Park)", "Jos\xc3\xa9 da Silva"};
    const auto person = [&](int id, bool bot) {
        const QByteArray n = QByteArray::number(id);
        return R"({"email":"user)" + n + R"(@example.org","user_id":)" + n +
               R"(,"avatar_version":1,"is_admin":false,"is_owner":false,"is_guest":false,"role":400,"is_bot":)" +
               (bot ? "true" : "false") + R"(,"full_name":")" + people[rng.bounded(5)] + ' ' + n +
               R"(","timezone":"Europe/Berlin","date_joined":"2023-12-25T12:27:00.216512+00:00","delivery_email":null,"avatar_url":"https://secure.gravatar.com/avatar/)" +
               QByteArray::number(rng.generate64(), 16) +
               R"(?d=identicon&version=1","bot_type":null,"profile_data":{"1":{"value":"Support","rendered_value":null}}})";
    };
    QByteArray out =
        R"({"result":"success","msg":"","queue_id":"1733250000:12","last_event_id":-1,"zulip_version":"10.0","zulip_feature_level":300,"realm_name":"Example","realm_presence_disabled":false,"server_presence_ping_interval_seconds":60,"server_presence_offline_threshold_seconds":200,"event_queue_longpoll_timeout_seconds":90,"realm_authentication_methods":{"Email":true,"LDAP":false},"realm_default_external_accounts":{"github":{"name":"GitHub","url_pattern":"https://github.com/%(username)s"}},"user_id":8,"realm_users":[)";
    for (int i = 0; i < users; ++i)
        out += (i ? "," : "") + person(8 + i, i % 50 == 49);
    out +=
        R"(],"realm_non_active_users":[)" + person(8 + users, false) + ',' +
        person(9 + users, true) +
        R"(],"cross_realm_bots":[],"user_settings":{"presence_enabled":true,"twenty_four_hour_time":false,"emojiset":"google"},)";
    QByteArray presence = modernPresenceBody(users, 1733250000.5, 77, seed);
    out += presence.mid(presence.indexOf("\"presences\""));
    return out;
}

inline QString fieldsDifference(const RealmUserFields &a, const RealmUserFields &b) {
    if (a.userId != b.userId)
        return QStringLiteral("user_id %1 / %2").arg(a.userId).arg(b.userId);
    if (a.fullName != b.fullName)
        return QStringLiteral("full_name of %1").arg(a.userId);
    if (a.email != b.email)
        return QStringLiteral("email of %1").arg(a.userId);
    if (a.avatarUrl != b.avatarUrl)
        return QStringLiteral("avatar_url of %1").arg(a.userId);
    if (a.isBot != b.isBot || a.isActive != b.isActive)
        return QStringLiteral("is_bot or is_active of %1").arg(a.userId);
    if (a.dateJoined != b.dateJoined)
        return QStringLiteral("date_joined of %1").arg(a.userId);
    return {};
}

// Empty when parseRegisterBody() reads `body` as QJsonDocument and realmUserFields() would,
// to the last field, else what differs.
inline QString registerParserDifference(const QByteArray &body) {
    const std::optional<RegisterAnswer> got = parseRegisterBody(body);
    const QJsonDocument qt = QJsonDocument::fromJson(body);
    if (!qt.isObject())
        return got && !onlyQtRefusesANumber(body) ? QStringLiteral("read a body Qt refuses")
                                                  : QString();
    if (!got)
        return QStringLiteral("refused a body Qt reads");
    QJsonObject fields = qt.object();
    for (const auto &[key, list] :
         {std::pair{QStringLiteral("realm_users"), &got->activeUsers},
          std::pair{QStringLiteral("realm_non_active_users"), &got->nonActiveUsers}}) {
        QList<RealmUserFields> expected;
        if (fields.value(key).isArray()) {
            for (const QJsonValue &person : fields.value(key).toArray())
                if (RealmUserFields entry = realmUserFields(person.toObject()); entry.userId > 0)
                    expected.append(entry); // without an id it is no one
            fields.remove(key);
        }
        if (expected.size() != list->size())
            return QStringLiteral("%1: %2 people / %3")
                .arg(key)
                .arg(expected.size())
                .arg(list->size());
        for (qsizetype i = 0; i < expected.size(); ++i)
            if (const QString d = fieldsDifference(expected[i], list->at(i)); !d.isEmpty())
                return key + QStringLiteral(": ") + d;
    }
    if (got->presence) {
        QString error;
        const auto expected = parsePresenceAnswer(qt.object(), &error);
        if (!expected)
            return QStringLiteral("presences read where Qt's reading refuses them: ") + error;
        if (expected->byUserId != got->presence->byUserId ||
            expected->byEmail != got->presence->byEmail ||
            expected->serverTimestamp != got->presence->serverTimestamp ||
            expected->lastUpdateId != got->presence->lastUpdateId ||
            expected->skippedEntries != got->presence->skippedEntries)
            return QStringLiteral("presences differ");
        fields.remove(QStringLiteral("presences"));
    }
    if (fields != got->fields)
        return QStringLiteral("other members differ");
    return {};
}

} // namespace zp::test
