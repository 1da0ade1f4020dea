#include "presence/Roster.h"

namespace zp {

void Roster::clear() {
    m_users.clear();
    m_idByEmail.clear();
}

void Roster::upsert(const RealmUser &user) {
    if (const RealmUser *old = find(user.userId))
        m_idByEmail.remove(old->email.toLower());
    m_users.insert(user.userId, user);
    if (!user.email.isEmpty())
        m_idByEmail.insert(user.email.toLower(), user.userId);
}

void Roster::remove(qint64 userId) {
    if (const RealmUser *old = find(userId))
        m_idByEmail.remove(old->email.toLower());
    m_users.remove(userId);
}

const RealmUser *Roster::find(qint64 userId) const {
    auto it = m_users.constFind(userId);
    return it == m_users.constEnd() ? nullptr : &it.value();
}

RealmUser *Roster::find(qint64 userId) {
    auto it = m_users.find(userId);
    return it == m_users.end() ? nullptr : &it.value();
}

qint64 Roster::idForEmail(const QString &email) const {
    return m_idByEmail.value(email.toLower(), 0);
}

} // namespace zp
