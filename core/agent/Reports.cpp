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

// Names come from the server: on a terminal, control characters in them would move the
// cursor or forge lines, and an open bidi override would reverse the columns after the name
// ("Eve\u202E" makes "active" read "evitca"); printableText() drops them.

QByteArray statusText(const QList<Coworker> &coworkers, double serverNow, int historyDays) {
    QByteArray out;
    for (const Coworker &c : coworkers) {
        // Concatenated, not chained arg(): a "%3" inside a name must stay text.
        const QString line = statusName(c.verdict.status).leftJustified(8) + QLatin1String("  ") +
                             printableText(c.fullName).leftJustified(30) + QLatin1String("  ") +
                             printableText(lastSeenText(c.verdict, serverNow,
                                                        QTimeZone::systemTimeZone(), historyDays));
        out += line.toUtf8() + '\n';
    }
    return out;
}

} // namespace zp
