// Zulip's status rule against Zulip's own test vectors (PRESENCE.md §11.1), T = 200.
#include "presence/StatusRule.h"

#include <QTest>

using namespace zp;

class TestStatusRule : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void vectors_data();
    void vectors();
    void missingTimestampsAreNeverCurrent();
    void usesOnlyTheGivenServerClock();
};

void TestStatusRule::vectors_data() {
    QTest::addColumn<double>("serverTs");
    QTest::addColumn<qint64>("active");
    QTest::addColumn<qint64>("idle");
    QTest::addColumn<qint64>("dateJoined");
    QTest::addColumn<int>("threshold");
    QTest::addColumn<QString>("status");
    QTest::addColumn<qint64>("lastActive");

    // Rows are numbered as in PRESENCE.md §11.1.
    QTest::newRow("1 active 100 s ago")
        << 5000.0 << qint64(4900) << qint64(0) << qint64(0) << 200 << "active" << qint64(4900);
    QTest::newRow("2 active 400 s ago")
        << 5000.0 << qint64(4600) << qint64(0) << qint64(0) << 200 << "offline" << qint64(4600);
    QTest::newRow("3 idle only") << 5000.0 << qint64(0) << qint64(4900) << qint64(0) << 200
                                 << "idle" << qint64(4900);
    QTest::newRow("4 both ancient, joined = active")
        << 5000.0 << qint64(5000 - 200 * 200) << qint64(5000 - 200 * 100)
        << qint64(5000 - 200 * 200) << 200 << "offline" << qint64(5000 - 200 * 200);
    QTest::newRow("5 age 199") << 5000.0 << qint64(4801) << qint64(0) << qint64(0) << 200
                               << "active" << qint64(4801);
    QTest::newRow("6 stale active, fresh idle")
        << 5000.0 << qint64(4600) << qint64(5000) << qint64(0) << 200 << "idle" << qint64(5000);
    QTest::newRow("8 sally active 4600")
        << 5000.0 << qint64(4600) << qint64(0) << qint64(0) << 200 << "offline" << qint64(4600);
    QTest::newRow("11 date_joined fallback")
        << 5000.0 << qint64(0) << qint64(4600) << qint64(75) << 200 << "offline" << qint64(75);
    QTest::newRow("12 jane idle 5000")
        << 5000.0 << qint64(0) << qint64(5000) << qint64(0) << 200 << "idle" << qint64(5000);
    QTest::newRow("15 idle 5 s ago") << 2000000.0 << qint64(0) << qint64(2000000 - 5) << qint64(0)
                                     << 200 << "idle" << qint64(2000000 - 5);
    QTest::newRow("16 empty entry")
        << 2000000.0 << qint64(0) << qint64(0) << qint64(0) << 200 << "offline" << qint64(0);
    QTest::newRow("21 active=idle=ts")
        << 500.0 << qint64(500) << qint64(500) << qint64(0) << 200 << "active" << qint64(500);
    QTest::newRow("22 ten seconds on")
        << 510.0 << qint64(500) << qint64(500) << qint64(0) << 200 << "active" << qint64(500);
    QTest::newRow("23 idle newer, active still current")
        << 1000.0 << qint64(500) << qint64(1000) << qint64(0) << 200 << "idle" << qint64(1000);
    // The boundary: an age of exactly the threshold is stale (strictly less than).
    QTest::newRow("24 active age exactly 200")
        << 5000.0 << qint64(4800) << qint64(0) << qint64(0) << 200 << "offline" << qint64(4800);
    QTest::newRow("idle age exactly 200")
        << 5000.0 << qint64(0) << qint64(4800) << qint64(0) << 200 << "offline" << qint64(0);
    QTest::newRow("active age 199.999")
        << 4999.999 << qint64(4800) << qint64(0) << qint64(0) << 200 << "active" << qint64(4800);
    QTest::newRow("active wins over newer idle")
        << 5000.0 << qint64(4950) << qint64(4990) << qint64(0) << 200 << "active" << qint64(4950);
    QTest::newRow("old server threshold 140")
        << 5000.0 << qint64(4850) << qint64(0) << qint64(0) << 140 << "offline" << qint64(4850);
    QTest::newRow("140: age 139 active")
        << 5000.0 << qint64(4861) << qint64(0) << qint64(0) << 140 << "active" << qint64(4861);
    QTest::newRow("joined later than last active")
        << 5000.0 << qint64(100) << qint64(0) << qint64(300) << 200 << "offline" << qint64(300);
}

void TestStatusRule::vectors() {
    QFETCH(double, serverTs);
    QFETCH(qint64, active);
    QFETCH(qint64, idle);
    QFETCH(qint64, dateJoined);
    QFETCH(int, threshold);
    QFETCH(QString, status);
    QFETCH(qint64, lastActive);
    const StatusVerdict verdict = statusFromRaw({active, idle}, serverTs, threshold, dateJoined);
    QCOMPARE(statusName(verdict.status), status);
    QCOMPARE(verdict.lastActive, lastActive);
}

void TestStatusRule::missingTimestampsAreNeverCurrent() {
    // Even a tiny server clock (a test realm near the epoch) must not make "never" current.
    QCOMPARE(statusFromRaw({}, 50.0, 200).status, PresenceStatus::Offline);
}

void TestStatusRule::usesOnlyTheGivenServerClock() {
    // Timestamps far from this machine's clock: the verdict depends only on server time.
    const RawPresence raw{1000, 1000};
    QCOMPARE(statusFromRaw(raw, 1100.0, 200).status, PresenceStatus::Active);
    QCOMPARE(statusFromRaw(raw, 1300.0, 200).status, PresenceStatus::Offline);
}

QTEST_GUILESS_MAIN(TestStatusRule)
#include "tst_statusrule.moc"
