#include "presence/Roster.h"

namespace zp {

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
