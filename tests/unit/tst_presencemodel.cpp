// The presence model: merging full and incremental answers and events, re-aging silent users,
// and a clock that follows the server's, never this machine's.
#include "presence/PresenceModel.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <limits>

using namespace zp;

namespace {

PresenceSnapshot snapshot(double ts, std::initializer_list<std::pair<qint64, RawPresence>> users,
                          std::optional<qint64> lastUpdateId = std::nullopt) {
    PresenceSnapshot s;
    s.serverTimestamp = ts;
    s.lastUpdateId = lastUpdateId;
    for (const auto &[id, raw] : users)
        s.byUserId.insert(id, raw);
    return s;
}

} // namespace

class TestPresenceModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() { roster = Roster(); }
    void incrementalAnswersReAgeSilentUsers();
    void fullSnapshotReplaces();
    void absentUsersHaveNoLastActiveTime();
    void farFutureTimestampsDoNotOverflowTheTimer();
    void legacyAnswersResolveEmails();
    void legacyEventsRaiseNeverLower();
    void anEventsImplausibleClockIsNotTaken_data();
    void anEventsImplausibleClockIsNotTaken();
    void simplifiedEventsReplaceAndKeepPollClock();
    void serverClockIsExtrapolatedNotTakenFromWallClock();
    void transitionsAreAnnouncedOnTime();
    void clearForgetsEverything();

private:
    Roster roster;
};

void TestPresenceModel::incrementalAnswersReAgeSilentUsers() {
    PresenceModel model;
    model.setOfflineThreshold(200);
    model.replaceAll(snapshot(10000, {{1, {9990, 9990}}, {2, {0, 9995}}, {3, {9000, 9000}}}, 50),
                     roster);
    QCOMPARE(model.verdictAt(1, 10000).status, PresenceStatus::Active);
    QCOMPARE(model.verdictAt(2, 10000).status, PresenceStatus::Idle);
    QCOMPARE(model.verdictAt(3, 10000).status, PresenceStatus::Offline);

    // 150 s later only user 3 changed; 1 and 2 are absent but must be judged at the new time.
    model.merge(snapshot(10150, {{3, {10140, 10140}}}, 51), roster);
    QCOMPARE(model.lastUpdateId(), std::optional<qint64>(51));
    QCOMPARE(model.lastServerTimestamp(), 10150.0);
    QCOMPARE(model.verdictAt(1, 10150).status, PresenceStatus::Active); // age 160
    QCOMPARE(model.verdictAt(3, 10150).status, PresenceStatus::Active);

    // Another 60 s of silence from 1 and 2: both decay to offline (ages 220 and 215).
    model.merge(snapshot(10210, {}, 51), roster);
    QCOMPARE(model.verdictAt(1, 10210).status, PresenceStatus::Offline);
    QCOMPARE(model.verdictAt(2, 10210).status, PresenceStatus::Offline);
    QCOMPARE(model.verdictAt(1, 10210).lastActive, qint64(9990));
    QCOMPARE(model.verdictAt(3, 10210).status, PresenceStatus::Active);
}

void TestPresenceModel::farFutureTimestampsDoNotOverflowTheTimer() {
    // 30 days ahead of the server's clock: past QTimer's 24.8-day int range.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("Timers cannot|negative interval")));
    PresenceModel model;
    model.setOfflineThreshold(200);
    const qint64 farAhead = 1700000000 + 30 * 86400;
    model.replaceAll(snapshot(1700000000, {{1, {farAhead, farAhead}}}), roster);
    QCOMPARE(model.verdictAt(1, model.serverNow()).status, PresenceStatus::Active);
}

void TestPresenceModel::fullSnapshotReplaces() {
    PresenceModel model;
    model.setOfflineThreshold(200);
    model.replaceAll(snapshot(1000, {{1, {990, 990}}, {2, {995, 995}}}), roster);
    model.replaceAll(snapshot(1010, {{2, {1005, 1005}}}), roster);
    QVERIFY(!model.raw().contains(1)); // outside the server's window now
    QCOMPARE(model.verdictAt(1, 1010).status, PresenceStatus::Offline);
    QCOMPARE(model.verdictAt(2, 1010).status, PresenceStatus::Active);
}

void TestPresenceModel::absentUsersHaveNoLastActiveTime() {
    // PRESENCE.md §11.1 vector 9: zoe, absent from the answer, is {offline, last_active:
    // undefined}; her join date says nothing about when she was last active. Vector 11: john,
    // whose entry has only an idle time, does fall back to his join date (75).
    PresenceModel model;
    model.setOfflineThreshold(200);
    model.replaceAll(snapshot(5000, {{1, {0, 4600}}}), roster);
    const qint64 joined = 75;
    QCOMPARE(model.verdictAt(1, 5000, joined), (StatusVerdict{PresenceStatus::Offline, 75}));
    QCOMPARE(model.verdictAt(2, 5000, joined), (StatusVerdict{PresenceStatus::Offline, 0}));
    QCOMPARE(model.verdict(2, 1600000000), (StatusVerdict{PresenceStatus::Offline, 0}));
}

void TestPresenceModel::legacyAnswersResolveEmails() {
    roster.upsert(
        {7, QStringLiteral("Alice"), QStringLiteral("Alice@Example.com"), {}, 0, false, true});
    PresenceSnapshot s;
    s.serverTimestamp = 2000;
    s.byEmail.insert(QStringLiteral("alice@example.com"), {1990, 0});
    s.byEmail.insert(QStringLiteral("stranger@example.com"), {1990, 0});
    PresenceModel model;
    model.replaceAll(s, roster);
    QCOMPARE(model.raw().size(), 1);
    QCOMPARE(model.raw().value(7), (RawPresence{1990, 0}));
}

void TestPresenceModel::anEventsImplausibleClockIsNotTaken_data() {
    QTest::addColumn<double>("eventTime");
    QTest::addColumn<double>("expectedClock");
    QTest::newRow("a few seconds ahead: taken") << 10030.0 << 10030.0;
    QTest::newRow("year 5138") << 99999999999.0 << 10000.0;
    QTest::newRow("ten minutes ahead") << 10600.0 << 10000.0;
    QTest::newRow("infinity") << std::numeric_limits<double>::infinity() << 10000.0;
    QTest::newRow("not a number") << std::numeric_limits<double>::quiet_NaN() << 10000.0;
    QTest::newRow("behind: kept") << 9000.0 << 10000.0;
}

void TestPresenceModel::anEventsImplausibleClockIsNotTaken() {
    // One bad event time would age everyone to offline until the next poll, then bring them
    // all "back"; the dots stay on the poll's clock.
    QFETCH(double, eventTime);
    QFETCH(double, expectedClock);
    PresenceModel model;
    model.setOfflineThreshold(200);
    model.replaceAll(snapshot(10000, {{1, {9990, 9990}}}, 50), roster);
    model.applyEvent(2, {9995, 9995}, eventTime, false);
    QCOMPARE(model.lastServerTimestamp(), expectedClock);
    QCOMPARE(model.verdict(1).status, PresenceStatus::Active);
    QCOMPARE(model.verdict(2).status, PresenceStatus::Active);
}

void TestPresenceModel::legacyEventsRaiseNeverLower() {
    // PRESENCE.md §11.1 rows 18-20.
    PresenceModel model;
    model.setOfflineThreshold(200);
    model.applyEvent(9, {500, 0}, 500.0, false);
    QCOMPARE(model.verdictAt(9, 500), (StatusVerdict{PresenceStatus::Active, 500}));
    model.applyEvent(9, {0, 510}, 510.0, false);
    QCOMPARE(model.verdictAt(9, 510), (StatusVerdict{PresenceStatus::Active, 500}));
    model.applyEvent(9, {0, 1000}, 1000.0, false);
    QCOMPARE(model.verdictAt(9, 1000), (StatusVerdict{PresenceStatus::Idle, 1000}));
    model.applyEvent(9, {100, 100}, 1000.0, false); // an older report changes nothing
    QCOMPARE(model.raw().value(9), (RawPresence{500, 1000}));
}

void TestPresenceModel::simplifiedEventsReplaceAndKeepPollClock() {
    // Rows 21-23, with the poll's clock carried (simplified events have no server time).
    PresenceModel model;
    model.setOfflineThreshold(200);
    model.replaceAll(snapshot(500, {}), roster);
    model.applyEvent(4, {500, 500}, std::nullopt, true);
    QCOMPARE(model.verdictAt(4, 510), (StatusVerdict{PresenceStatus::Active, 500}));
    model.applyEvent(4, {500, 1000}, std::nullopt, true);
    QCOMPARE(model.verdictAt(4, 1000), (StatusVerdict{PresenceStatus::Idle, 1000}));
    QVERIFY(model.lastServerTimestamp() == 500.0);
}

void TestPresenceModel::serverClockIsExtrapolatedNotTakenFromWallClock() {
    PresenceModel model;
    model.setOfflineThreshold(200);
    // A server whose clock says 1970: the local clock (2026) must play no part.
    model.replaceAll(snapshot(1000, {{1, {950, 950}}}), roster);
    QVERIFY(model.serverNow() >= 1000.0);
    QVERIFY(model.serverNow() < 1001.0);
    QTest::qWait(300);
    QVERIFY(model.serverNow() >= 1000.25);
    QCOMPARE(model.verdict(1).status, PresenceStatus::Active);
}

void TestPresenceModel::transitionsAreAnnouncedOnTime() {
    PresenceModel model;
    model.setOfflineThreshold(2);
    model.replaceAll(snapshot(1000.0, {{1, {999, 999}}}), roster); // goes offline at 1001
    QCOMPARE(model.verdict(1).status, PresenceStatus::Active);
    QSignalSpy changed(&model, &PresenceModel::changed);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(changed.wait(3000));
    QVERIFY2(timer.elapsed() >= 900 && timer.elapsed() < 2000,
             qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(model.verdict(1).status, PresenceStatus::Offline);
}

void TestPresenceModel::clearForgetsEverything() {
    PresenceModel model;
    model.replaceAll(snapshot(1000, {{1, {999, 999}}}, 5), roster);
    QSignalSpy changed(&model, &PresenceModel::changed);
    model.clear();
    QCOMPARE(changed.count(), 1);
    QVERIFY(!model.hasData());
    QVERIFY(!model.lastUpdateId());
    QVERIFY(model.raw().isEmpty());
}

QTEST_GUILESS_MAIN(TestPresenceModel)
#include "tst_presencemodel.moc"
