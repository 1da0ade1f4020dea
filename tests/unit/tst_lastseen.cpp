// The "last seen" words, as Zulip's buddy list says them (PRESENCE.md §10.7 and §11.3).
#include "Translations.h"
#include "presence/CoworkerList.h"

#include <QCoreApplication>
#include <QTest>

using namespace zp;

class TestLastSeen : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void texts_data();
    void texts();
    void sortsLikeTheBuddyList();
};

void TestLastSeen::initTestCase() {
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCOMPARE(installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English)),
             QStringLiteral("en"));
}

void TestLastSeen::texts_data() {
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<QDateTime>("then");
    QTest::addColumn<QString>("text");
    const QTimeZone utc = QTimeZone::utc();
    const QDateTime now(QDate(2016, 3, 1), QTime(0, 30), utc);
    QTest::newRow("30 min") << now << now.addSecs(-30 * 60) << "Active 30 minutes ago";
    QTest::newRow("1 min") << now << now.addSecs(-60) << "Active 1 minute ago";
    QTest::newRow("0 min") << now << now.addSecs(-10) << "Active 0 minutes ago";
    QTest::newRow("1 h") << now << now.addSecs(-3600) << "Active an hour ago";
    QTest::newRow("2 h") << now << now.addSecs(-2 * 3600) << "Active 2 hours ago";
    QTest::newRow("20 h") << now << now.addSecs(-20 * 3600) << "Active 20 hours ago";
    QTest::newRow("24 h") << now << now.addDays(-1) << "Active yesterday";
    QTest::newRow("48 h") << now << now.addDays(-2) << "Active 2 days ago";
    QTest::newRow("61 d") << now << now.addDays(-61) << "Active 61 days ago";
    QTest::newRow("300 d") << now << now.addDays(-300) << "Active May 6, 2015";
    QTest::newRow("366 d") << now << now.addDays(-366) << "Active Mar 1, 2015";
    QTest::newRow("3 y") << now << now.addYears(-3) << "Active Mar 1, 2013";
    const QDateTime may(QDate(2016, 5, 1), QTime(0, 30), utc);
    QTest::newRow("91 d, same year") << may << may.addDays(-91) << "Active Jan 31";
    QTest::newRow("exactly 90 d") << may << may.addDays(-90) << "Active Feb 1, 2016";
}

void TestLastSeen::texts() {
    QFETCH(QDateTime, now);
    QFETCH(QDateTime, then);
    const StatusVerdict verdict{PresenceStatus::Offline, then.toSecsSinceEpoch()};
    QTEST(lastSeenText(verdict, double(now.toSecsSinceEpoch()), QTimeZone::utc()), "text");
    QCOMPARE(lastSeenText({PresenceStatus::Active, 1}, 100, QTimeZone::utc()),
             QStringLiteral("Active now"));
    QCOMPARE(lastSeenText({PresenceStatus::Idle, 1}, 100, QTimeZone::utc()),
             QStringLiteral("Idle"));
    QCOMPARE(lastSeenText({PresenceStatus::Offline, 0}, 100, QTimeZone::utc()),
             QStringLiteral("Not active in the last year"));
    // Servers before feature level 288 answer for the last 14 days only: no more is claimed.
    QCOMPARE(lastSeenText({PresenceStatus::Offline, 0}, 100, QTimeZone::utc(), 14),
             QStringLiteral("Not active in the last 14 days"));
}

void TestLastSeen::sortsLikeTheBuddyList() {
    Roster roster;
    roster.setOwnUserId(1);
    const auto add = [&](qint64 id, const char *name, bool bot = false, bool active = true) {
        roster.upsert(
            {id, QString::fromUtf8(name), QStringLiteral("u%1@x").arg(id), {}, 0, bot, active});
    };
    add(1, "Me Myself");
    add(2, "zoe");
    add(3, "Émile");
    add(4, "adam");
    add(5, "Bot", true);
    add(6, "Gone", false, false);
    add(7, "Ölaf");
    add(8, "Bea");
    PresenceModel presence;
    presence.setOfflineThreshold(200);
    PresenceSnapshot s;
    s.serverTimestamp = 1000;
    s.byUserId = {{2, {990, 990}}, {3, {0, 990}},   {7, {990, 990}},
                  {5, {990, 990}}, {6, {990, 990}}, {1, {990, 990}}};
    presence.replaceAll(s, roster);
    QStringList names;
    for (const Coworker &c : listCoworkers(roster, presence, 1000))
        names << c.fullName;
    // Active (Ölaf, zoe), idle (Émile), offline (adam, Bea); no bot, no deactivated, not me.
    QCOMPARE(names,
             (QStringList{QStringLiteral("Ölaf"), QStringLiteral("zoe"), QStringLiteral("Émile"),
                          QStringLiteral("adam"), QStringLiteral("Bea")}));
}

QTEST_GUILESS_MAIN(TestLastSeen)
#include "tst_lastseen.moc"
