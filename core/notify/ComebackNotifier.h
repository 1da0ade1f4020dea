#pragma once

#include "presence/StatusRule.h"

#include <QHash>
#include <QList>
#include <QObject>

namespace zp {

class PresenceAgent;

// "Tell me when someone is back": watches the dots of chosen coworkers and says when one turns
// from offline or idle to active. The first dot seen for someone is only remembered (starting
// the agent is not a comeback), and one person is announced at most once per cooldown, so a
// flapping connection does not nag.
class ComebackNotifier : public QObject {
    Q_OBJECT
public:
    explicit ComebackNotifier(PresenceAgent *agent, QObject *parent = nullptr);

    void setWatchedUserIds(const QList<qint64> &userIds);
    QList<qint64> watchedUserIds() const { return m_watched; }

    void setCooldownSeconds(double seconds) { m_cooldownSecs = seconds; }
    double cooldownSeconds() const { return m_cooldownSecs; }

Q_SIGNALS:
    void cameBack(qint64 userId, const QString &fullName);

private:
    void check();

    PresenceAgent *m_agent;
    QList<qint64> m_watched;
    QHash<qint64, PresenceStatus> m_lastStatus;
    double m_lastServerNow = 0; // the server clock at the last check
    QHash<qint64, double> m_lastAnnouncedSteady;
    double m_cooldownSecs = 5 * 60;
};

} // namespace zp
