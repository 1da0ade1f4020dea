#include "presence/CoworkerList.h"

#include <QCollator>
#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace zp {

namespace {

int level(PresenceStatus status) {
    switch (status) {
    case PresenceStatus::Active:
        return 0;
    case PresenceStatus::Idle:
        return 1;
    case PresenceStatus::Offline:
        break;
    }
    return 2;
}

} // namespace

// The translation context of the "last seen" words (lupdate files LastSeen::tr under it).
struct LastSeen {
    Q_DECLARE_TR_FUNCTIONS(zp::LastSeen)
};

QList<Coworker> listCoworkers(const Roster &roster, const PresenceModel &presence,
                              double serverNow) {
    QList<Coworker> list;
    list.reserve(roster.users().size());
    for (const RealmUser &user : roster.users()) {
        if (!roster.isListed(user))
            continue;
        list.append({user.userId, user.fullName, user.email, user.avatarUrl,
                     presence.verdictAt(user.userId, serverNow, user.dateJoined)});
    }
    // Sort keys make a locale-aware sort of thousands of names cheap.
    // Under the C locale (services, CI) Qt would compare code points and put "Åsa" after
    // "Zoë"; English collation is the sensible neutral order there.
    QCollator collator(QLocale().language() == QLocale::C ? QLocale(QLocale::English) : QLocale());
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    collator.setNumericMode(true);
    struct Keyed {
        int level;
        QCollatorSortKey key;
        qsizetype index;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(size_t(list.size()));
    for (qsizetype i = 0; i < list.size(); ++i)
        keyed.push_back({level(list[i].verdict.status), collator.sortKey(list[i].fullName), i});
    std::sort(keyed.begin(), keyed.end(), [&](const Keyed &a, const Keyed &b) {
        if (a.level != b.level)
            return a.level < b.level;
        const int byName = a.key.compare(b.key);
        if (byName != 0)
            return byName < 0;
        return list[a.index].userId < list[b.index].userId;
    });
    QList<Coworker> sorted;
    sorted.reserve(list.size());
    for (const Keyed &k : keyed)
        sorted.append(std::move(list[k.index]));
    return sorted;
}

QString lastSeenText(const StatusVerdict &verdict, double serverNow, const QTimeZone &zone,
                     int historyDays) {
    switch (verdict.status) {
    case PresenceStatus::Active:
        return LastSeen::tr("Active now");
    case PresenceStatus::Idle:
        return LastSeen::tr("Idle");
    case PresenceStatus::Offline:
        break;
    }
    if (verdict.lastActive <= 0) {
        // Only as far back as the server looked: servers before Zulip 10 look 14 days back.
        if (historyDays >= 365)
            return LastSeen::tr("Not active in the last year");
        return QCoreApplication::translate("zp::LastSeen", "Not active in the last %n day(s)",
                                           nullptr, historyDays);
    }

    const qint64 minutes = std::max<qint64>(0, (qint64(serverNow) - verdict.lastActive) / 60);
    // %n plurals are completed by the translation files (English included), so "1 minute"
    // reads right where Zulip's web app says "1 minutes".
    if (minutes < 60)
        return QCoreApplication::translate("zp::LastSeen", "Active %n minute(s) ago", nullptr,
                                           int(minutes));
    const qint64 hours = minutes / 60;
    if (hours < 24) {
        if (hours == 1)
            return LastSeen::tr("Active an hour ago");
        return QCoreApplication::translate("zp::LastSeen", "Active %n hour(s) ago", nullptr,
                                           int(hours));
    }
    const QDateTime now = QDateTime::fromSecsSinceEpoch(qint64(serverNow), zone);
    const QDateTime then = QDateTime::fromSecsSinceEpoch(verdict.lastActive, zone);
    const qint64 days = then.date().daysTo(now.date());
    if (days == 1)
        return LastSeen::tr("Active yesterday");
    if (days < 90)
        return QCoreApplication::translate("zp::LastSeen", "Active %n day(s) ago", nullptr,
                                           int(days));
    const QLocale locale;
    if (days < 365 && then.date().year() == now.date().year() && days != 90)
        return LastSeen::tr("Active %1").arg(locale.toString(then.date(), LastSeen::tr("MMM d")));
    return LastSeen::tr("Active %1").arg(locale.toString(then.date(), LastSeen::tr("MMM d, yyyy")));
}

} // namespace zp
