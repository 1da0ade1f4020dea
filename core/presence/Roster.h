#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

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

// Who is who, keyed by user id, with the email index the legacy presence format needs.
class Roster {
public:
    void clear();
    void upsert(const RealmUser &user);
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
