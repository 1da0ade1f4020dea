// The schedule of the idle backends that can only sample "how long idle now?" (Windows,
// macOS): the tick arithmetic, one timer to each deadline while the person is present, a
// sample a second only while waiting for them to come back, and an honest failure.
#include "idle/sampled/IdleArithmetic.h"
#include "idle/sampled/SampledIdleBackend.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace zp;
using namespace std::chrono_literals;
using std::chrono::milliseconds;

namespace {

// Stands in for GetLastInputInfo / HIDIdleTime: idle time is the time since the last
// simulated input, on a real clock, so the backend's real timers are what is tested.
class ClockIdleBackend final : public SampledIdleBackend {
public:
    ClockIdleBackend() { m_sinceInput.start(); }
    QString name() const override { return QStringLiteral("clock"); }
    bool open(QString *) override { return true; }

    void input() { m_sinceInput.restart(); }
    void breakReading() { m_broken = true; }
    int readings() const { return m_readings; }

protected:
    std::optional<milliseconds> readIdleTime() const override {
        ++m_readings;
        if (m_broken)
            return std::nullopt;
        return milliseconds(m_sinceInput.elapsed());
    }

private:
    QElapsedTimer m_sinceInput;
    bool m_broken = false;
    mutable int m_readings = 0;
};

} // namespace

class TestSampledIdle : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void idleFromTicks_data();
    void idleFromTicks();
    void delayUntilIdle_data();
    void delayUntilIdle();
    void inputBetweenSamples_data();
    void inputBetweenSamples();
    void oneWakeupToTheDeadlineWhilePresent();
    void inputBeforeTheDeadlineMovesIt();
    void resumeIsSeenWithinASample();
    void aFailedReadingIsReportedOnce();
};

void TestSampledIdle::idleFromTicks_data() {
    QTest::addColumn<quint32>("now");
    QTest::addColumn<quint32>("lastInput");
    QTest::addColumn<qint64>("idleMs");
    QTest::newRow("plain") << quint32(5000) << quint32(2000) << qint64(3000);
    QTest::newRow("input this millisecond") << quint32(7) << quint32(7) << qint64(0);
    // GetTickCount wraps every 49.7 days; the idle time across the wrap is still right.
    QTest::newRow("across the wrap") << quint32(0x10) << quint32(0xfffffff0) << qint64(0x20);
    QTest::newRow("largest") << quint32(0xffffffff) << quint32(0) << qint64(0xffffffffLL);
}

void TestSampledIdle::idleFromTicks() {
    QFETCH(quint32, now);
    QFETCH(quint32, lastInput);
    QFETCH(qint64, idleMs);
    QCOMPARE(idle::idleFromTicks(now, lastInput).count(), idleMs);
}

void TestSampledIdle::delayUntilIdle_data() {
    QTest::addColumn<qint64>("threshold");
    QTest::addColumn<qint64>("idleNow");
    QTest::addColumn<qint64>("delay");
    QTest::newRow("just used") << qint64(300000) << qint64(0) << qint64(300000);
    QTest::newRow("part way") << qint64(300000) << qint64(120000) << qint64(180000);
    QTest::newRow("exactly there") << qint64(300000) << qint64(300000) << qint64(0);
    QTest::newRow("long past") << qint64(300000) << qint64(900000) << qint64(0);
    QTest::newRow("negative reading counts as 0") << qint64(1000) << qint64(-50) << qint64(1000);
}

void TestSampledIdle::delayUntilIdle() {
    QFETCH(qint64, threshold);
    QFETCH(qint64, idleNow);
    QFETCH(qint64, delay);
    QCOMPARE(idle::delayUntilIdle(milliseconds(threshold), milliseconds(idleNow)).count(), delay);
}

void TestSampledIdle::inputBetweenSamples_data() {
    QTest::addColumn<qint64>("previous");
    QTest::addColumn<qint64>("current");
    QTest::addColumn<qint64>("elapsed");
    QTest::addColumn<bool>("input");
    QTest::newRow("idle grew with the clock")
        << qint64(5000) << qint64(6000) << qint64(1000) << false;
    QTest::newRow("within the granularity")
        << qint64(5000) << qint64(5950) << qint64(1000) << false;
    QTest::newRow("reset by input") << qint64(5000) << qint64(200) << qint64(1000) << true;
    QTest::newRow("grew by less than the clock")
        << qint64(5000) << qint64(5500) << qint64(1000) << true;
    // A clock that stopped during sleep makes idle grow by more: never input.
    QTest::newRow("grew by more (sleep)") << qint64(5000) << qint64(90000) << qint64(1000) << false;
}

void TestSampledIdle::inputBetweenSamples() {
    QFETCH(qint64, previous);
    QFETCH(qint64, current);
    QFETCH(qint64, elapsed);
    QFETCH(bool, input);
    QCOMPARE(idle::inputBetweenSamples(milliseconds(previous), milliseconds(current),
                                       milliseconds(elapsed)),
             input);
}

void TestSampledIdle::oneWakeupToTheDeadlineWhilePresent() {
    ClockIdleBackend backend;
    QSignalSpy idle(&backend, &IdleBackend::idleReached);
    QElapsedTimer clock;
    clock.start();
    backend.watchIdle(400ms);
    QVERIFY(idle.wait(3000));
    const qint64 took = clock.elapsed();
    QVERIFY2(took >= 390 && took < 1500, qPrintable(QString::number(took)));
    // No polling: the only timer expiry was the one at the deadline.
    QCOMPARE(backend.wakeups(), quint64(1));
}

void TestSampledIdle::inputBeforeTheDeadlineMovesIt() {
    ClockIdleBackend backend;
    QSignalSpy idle(&backend, &IdleBackend::idleReached);
    QElapsedTimer clock;
    clock.start();
    backend.watchIdle(400ms);
    QTest::qWait(200);
    backend.input(); // the person typed: idle is now reached at about 600 ms
    QVERIFY(idle.wait(3000));
    const qint64 took = clock.elapsed();
    QVERIFY2(took >= 590, qPrintable(QString::number(took)));
    // One expiry at the old deadline (re-read, re-armed), one at the new one.
    QCOMPARE(backend.wakeups(), quint64(2));
}

void TestSampledIdle::resumeIsSeenWithinASample() {
    ClockIdleBackend backend;
    QSignalSpy resumed(&backend, &IdleBackend::resumed);
    backend.watchResume();
    // Nobody there: samples go on, no resume.
    QTest::qWait(int(idle::kResumeSampleInterval.count() * 2 + 200));
    QCOMPARE(resumed.size(), 0);
    const quint64 samplesWhileAway = backend.wakeups();
    QVERIFY(samplesWhileAway >= 2 && samplesWhileAway <= 3);
    backend.input();
    QVERIFY(resumed.wait(int(idle::kResumeSampleInterval.count()) + 1500));
    // One-shot: sampling stops with the resume.
    const quint64 after = backend.wakeups();
    QTest::qWait(int(idle::kResumeSampleInterval.count()) + 300);
    QCOMPARE(backend.wakeups(), after);
    QCOMPARE(resumed.size(), 1);
}

void TestSampledIdle::aFailedReadingIsReportedOnce() {
    ClockIdleBackend backend;
    QSignalSpy failed(&backend, &IdleBackend::failed);
    QSignalSpy idle(&backend, &IdleBackend::idleReached);
    backend.watchIdle(200ms);
    backend.breakReading();
    QVERIFY(failed.wait(3000));
    backend.watchResume(); // a second failing call does not say it again
    QTest::qWait(100);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(idle.size(), 0);
    QVERIFY(!failed.first().first().toString().isEmpty());
}

QTEST_GUILESS_MAIN(TestSampledIdle)
#include "tst_sampledidle.moc"
