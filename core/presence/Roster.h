#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace zp {

// One person of the organization, as much as the popup needs.
struct RealmUser {
    qint64 userId = 0;
    QString fullName;
    QString email; // Zulip API email (may be a fake address when emails are hidden)
    // As the server sent it, encoded and possibly relative to the site: a QUrl costs about
    // 300 bytes a person, and only the few rows on screen ever need one.
    QByteArray avatarUrl;
    qint64 dateJoined = 0; // unix seconds, 0 when unknown
    bool isBot = false;
    bool isActive = true;
};

// What one realm_users entry, or a realm_user event's person, says about someone: members it
// leaves out stay unset, so an update changes only what it names. userId is 0 when the entry
// has no usable user_id.
struct RealmUserFields {
    qint64 userId = 0;
    std::optional<QString> fullName;
    std::optional<QString> email;
    std::optional<QByteArray> avatarUrl; // as RealmUser::avatarUrl
    std::optional<bool> isBot;
    std::optional<bool> isActive;
    std::optional<qint64> dateJoined;
};

// A member of the wrong type reads as QJsonValue reads it (toString() "", toBool() false).
RealmUserFields realmUserFields(const QJsonObject &person);

// A JSON number as an id or counter, or nullopt for what no server sends as one (NaN, 1e300,
// 2.5): converting an out-of-range double to qint64 is undefined.
std::optional<qint64> exactInteger(double d);

// An ISO 8601 time (date_joined) as unix seconds; 0 when empty or not a time.
qint64 unixSecondsFromIso(const QString &iso);

// Who is who, keyed by user id, with the email index the legacy presence format needs.
class Roster {
public:
    void clear();
    void upsert(const RealmUser &user);
    // Folds what an entry says into what is known of that person, or adds them; is_active
    // left out means `isActiveDefault`. Entries without a usable user_id are ignored.
    void apply(const RealmUserFields &fields, bool isActiveDefault);
    void remove(qint64 userId);
    const RealmUser *find(qint64 userId) const;
    // 0 when unknown.
    qint64 idForEmail(const QString &email) const;
    const QHash<qint64, RealmUser> &users() const { return m_users; }

    qint64 ownUserId() const { return m_ownUserId; }
    void setOwnUserId(qint64 id) { m_ownUserId = id; }

    // Coworkers the popup lists: no bots, no deactivated users, not yourself.
    bool isListed(const RealmUser &user) const {
        return !user.isBot && user.isActive && user.userId != m_ownUserId;
    }

private:
    QHash<qint64, RealmUser> m_users;
    // Lower-cased emails, built on the first lookup: only the legacy presence format (keyed
    // by email) needs it, and current servers would pay for it with every person's email.
    mutable QHash<QString, qint64> m_idByEmail;
    mutable bool m_emailIndexBuilt = false;
    qint64 m_ownUserId = 0;
};

} // namespace zp
