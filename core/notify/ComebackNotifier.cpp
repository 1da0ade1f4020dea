#include "notify/ComebackNotifier.h"

#include "agent/PresenceAgent.h"

namespace zp {

ComebackNotifier::ComebackNotifier(PresenceAgent *agent, QObject *parent)
    : QObject(parent), m_agent(agent) {
    connect(&agent->presence(), &PresenceModel::changed, this, &ComebackNotifier::check);
}

void ComebackNotifier::setWatchedUserIds(const QList<qint64> &userIds) {
    m_watched = userIds;
    // Someone newly watched starts from their current dot, not from "unknown".
    for (auto it = m_lastStatus.begin(); it != m_lastStatus.end();) {
        if (userIds.contains(it.key()))
            ++it;
        else
            it = m_lastStatus.erase(it);
    }
    check();
}

void ComebackNotifier::check() {
    const PresenceModel &model = m_agent->presence();
    if (!model.hasData()) {
        // Cleared (account changed, presence disabled): whatever comes next is a first look.
        m_lastStatus.clear();
        m_lastServerNow = 0;
        return;
    }
    const double now = model.serverNow();
    // The server's clock runs forward. When it steps back (the server's time was corrected),
    // dots turn green without anyone coming back: the new dots are taken, not announced.
    const bool clockWentBack = now + 1.0 < m_lastServerNow;
    m_lastServerNow = now;
    for (qint64 id : std::as_const(m_watched)) {
        const RealmUser *user = m_agent->roster().find(id);
        if (!user)
            continue;
        const PresenceStatus status = model.verdictAt(id, now, user->dateJoined).status;
        const auto previous = m_lastStatus.constFind(id);
        const bool cameBackNow = previous != m_lastStatus.constEnd() &&
                                 *previous != PresenceStatus::Active &&
                                 status == PresenceStatus::Active;
        m_lastStatus.insert(id, status);
        if (!cameBackNow || clockWentBack)
            continue;
        const double steadyNow = PresenceModel::steadySeconds();
        const auto announced = m_lastAnnouncedSteady.constFind(id);
        if (announced != m_lastAnnouncedSteady.constEnd() &&
            steadyNow - *announced < m_cooldownSecs)
            continue;
        m_lastAnnouncedSteady.insert(id, steadyNow);
        Q_EMIT cameBack(id, user->fullName);
    }
}

} // namespace zp
