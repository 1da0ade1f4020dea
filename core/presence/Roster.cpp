#include "presence/Roster.h"

#include <QDateTime>

#include <cmath>

namespace zp {

std::optional<qint64> exactInteger(double d) {
    // 2^53: beyond it doubles skip integers; no Zulip id or counter comes near it.
    constexpr double exactLimit = 9007199254740992.0;
    if (!std::isfinite(d) || std::abs(d) > exactLimit || d != std::floor(d))
        return std::nullopt;
    return qint64(d);
}

qint64 unixSecondsFromIso(const QString &iso) {
    if (iso.isEmpty())
        return 0;
    const QDateTime dt = QDateTime::fromString(iso, Qt::ISODateWithMs);
    return dt.isValid() ? dt.toSecsSinceEpoch() : 0;
}

RealmUserFields realmUserFields(const QJsonObject &person) {
    RealmUserFields fields;
    if (const QJsonValue id = person.value(QLatin1String("user_id")); id.isDouble())
        fields.userId = exactInteger(id.toDouble()).value_or(0);
    if (person.contains(QLatin1String("full_name")))
        fields.fullName = person.value(QLatin1String("full_name")).toString();
    if (person.contains(QLatin1String("email")))
        fields.email = person.value(QLatin1String("email")).toString();
    if (person.contains(QLatin1String("avatar_url"))) {
        // Kept as sent (it may be relative to the server); it is resolved when painted.
        QByteArray url = person.value(QLatin1String("avatar_url")).toString().toUtf8();
        url.squeeze(); // toUtf8() reserves three bytes a character
        fields.avatarUrl = std::move(url);
    }
    if (person.contains(QLatin1String("is_bot")))
        fields.isBot = person.value(QLatin1String("is_bot")).toBool();
    if (person.contains(QLatin1String("is_active")))
        fields.isActive = person.value(QLatin1String("is_active")).toBool();
    if (person.contains(QLatin1String("date_joined")))
        fields.dateJoined =
            unixSecondsFromIso(person.value(QLatin1String("date_joined")).toString());
    return fields;
}

void Roster::clear() {
    m_users.clear();
    m_idByEmail.clear();
    m_emailIndexBuilt = false;
}

void Roster::upsert(const RealmUser &user) {
    if (m_emailIndexBuilt) {
        if (const RealmUser *old = find(user.userId))
            m_idByEmail.remove(old->email.toLower());
        if (!user.email.isEmpty())
            m_idByEmail.insert(user.email.toLower(), user.userId);
    }
    m_users.insert(user.userId, user);
}

void Roster::apply(const RealmUserFields &fields, bool isActiveDefault) {
    if (fields.userId <= 0)
        return;
    RealmUser user;
    if (const RealmUser *known = find(fields.userId))
        user = *known;
    user.userId = fields.userId;
    user.isActive = fields.isActive.value_or(isActiveDefault);
    if (fields.fullName)
        user.fullName = *fields.fullName;
    if (fields.email)
        user.email = *fields.email;
    if (fields.avatarUrl)
        user.avatarUrl = *fields.avatarUrl;
    if (fields.isBot)
        user.isBot = *fields.isBot;
    if (fields.dateJoined)
        user.dateJoined = *fields.dateJoined;
    upsert(user);
}

void Roster::remove(qint64 userId) {
    if (m_emailIndexBuilt) {
        if (const RealmUser *old = find(userId))
            m_idByEmail.remove(old->email.toLower());
    }
    m_users.remove(userId);
}

const RealmUser *Roster::find(qint64 userId) const {
    auto it = m_users.constFind(userId);
    return it == m_users.constEnd() ? nullptr : &it.value();
}

qint64 Roster::idForEmail(const QString &email) const {
    if (!m_emailIndexBuilt) {
        m_idByEmail.reserve(m_users.size());
        for (const RealmUser &user : m_users)
            if (!user.email.isEmpty())
                m_idByEmail.insert(user.email.toLower(), user.userId);
        m_emailIndexBuilt = true;
    }
    return m_idByEmail.value(email.toLower(), 0);
}

} // namespace zp
