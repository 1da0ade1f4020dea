#include "agent/Reports.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace zp {

QByteArray headlessJsonLine(const PresenceAgent &agent, PresenceStatus sentStatus,
                            double serverTimestamp) {
    QJsonObject presence;
    const Roster &roster = agent.roster();
    for (const RealmUser &user : roster.users()) {
        if (!roster.isListed(user))
            continue;
        // Judged at the answer's own server time: the line describes that answer.
        const StatusVerdict verdict =
            agent.presence().verdictAt(user.userId, serverTimestamp, user.dateJoined);
        presence.insert(QString::number(user.userId), statusName(verdict.status));
    }
    const QJsonObject line{{QStringLiteral("sent_status"), statusName(sentStatus)},
                           {QStringLiteral("server_timestamp"), serverTimestamp},
                           {QStringLiteral("presence"), presence}};
    return QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
}

QByteArray statusJson(const QList<Coworker> &coworkers) {
    QJsonArray array;
    for (const Coworker &c : coworkers) {
        array.append(QJsonObject{
            {QStringLiteral("user_id"), c.userId},
            {QStringLiteral("full_name"), c.fullName},
            {QStringLiteral("email"), c.email},
            {QStringLiteral("status"), statusName(c.verdict.status)},
            {QStringLiteral("last_active"),
             c.verdict.lastActive > 0 ? QJsonValue(c.verdict.lastActive) : QJsonValue()}});
    }
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

QByteArray statusText(const QList<Coworker> &coworkers, double serverNow) {
    QByteArray out;
    for (const Coworker &c : coworkers) {
        out += QStringLiteral("%1  %2  %3\n")
                   .arg(statusName(c.verdict.status), -8)
                   .arg(c.fullName, -30)
                   .arg(lastSeenText(c.verdict, serverNow))
                   .toUtf8();
    }
    return out;
}

} // namespace zp
