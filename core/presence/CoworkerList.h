#pragma once

#include "presence/PresenceModel.h"
#include "presence/Roster.h"

#include <QList>
#include <QTimeZone>

namespace zp {

struct Coworker {
    qint64 userId = 0;
    QString fullName;
    QString email;
    QByteArray avatarUrl; // as RealmUser::avatarUrl
    StatusVerdict verdict;
};

// The people the popup lists (no bots, no deactivated users, not yourself) with their
// current dots, in the buddy list's order: active, then idle, then offline, each by name as
// the person's language sorts names.
QList<Coworker> listCoworkers(const Roster &roster, const PresenceModel &presence,
                              double serverNow);

// Zulip's words for someone's presence, as its buddy list says them: "Active now", "Idle",
// "Active 5 minutes ago", "Active yesterday", "Active Jan 31", "Active May 6, 2015"...
// Minutes and hours count from the server's clock; days are calendar days where the person
// lives (`zone`). Someone with no known last active time was not connected within the
// `historyDays` the server's answer covers (PresenceAgent::presenceHistoryDays()).
QString lastSeenText(const StatusVerdict &verdict, double serverNow,
                     const QTimeZone &zone = QTimeZone::systemTimeZone(), int historyDays = 365);

} // namespace zp
