// One agent per person, over a real local socket: a second tray start shows the first one's
// list, a headless start only learns who is there, and a socket left by a crash is replaced.
#include "instance/SingleInstance.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace zp;
using Role = SingleInstance::Role;
using Outcome = SingleInstance::Outcome;

class TestSingleInstance : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void secondStartMeetsTheFirst_data();
    void secondStartMeetsTheFirst();
    void aSocketLeftByACrashIsReplaced();
    void theSocketGoesWithTheAgent();
};

namespace {
// claim() blocks while it talks to the running agent, which answers from this thread's event
// loop: the second start runs in a thread of its own, as it would in a process of its own.
Outcome claimFromAnotherThread(Role role, const QString &path) {
    std::atomic<int> result{-1};
    std::unique_ptr<QThread> thread(QThread::create([&] {
        SingleInstance second(role, path);
        result = int(second.claim());
    }));
    thread->start();
    QElapsedTimer timer;
    timer.start();
    while (!thread->isFinished() && timer.elapsed() < 10000)
        QTest::qWait(10);
    thread->wait();
    return Outcome(result.load());
}
} // namespace

void TestSingleInstance::secondStartMeetsTheFirst_data() {
    QTest::addColumn<Role>("first");
    QTest::addColumn<Role>("second");
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<int>("shown");
    QTest::newRow("tray, then tray: the list opens")
        << Role::Tray << Role::Tray << Outcome::OtherShowedPopup << 1;
    // Starting a headless reporter must not pop the tray's list open on the screen.
    QTest::newRow("tray, then headless: nothing opens")
        << Role::Tray << Role::Headless << Outcome::OtherIsTray << 0;
    QTest::newRow("headless, then tray")
        << Role::Headless << Role::Tray << Outcome::OtherIsHeadless << 0;
    QTest::newRow("headless, then headless")
        << Role::Headless << Role::Headless << Outcome::OtherIsHeadless << 0;
}

void TestSingleInstance::secondStartMeetsTheFirst() {
    QFETCH(Role, first);
    QFETCH(Role, second);
    QFETCH(Outcome, outcome);
    QFETCH(int, shown);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("agent.sock"));
    SingleInstance primary(first, path);
    QCOMPARE(primary.claim(), Outcome::Primary);
    QSignalSpy showRequests(&primary, &SingleInstance::showRequested);
    QCOMPARE(claimFromAnotherThread(second, path), outcome);
    QTest::qWait(50);
    QCOMPARE(int(showRequests.size()), shown);
}

void TestSingleInstance::aSocketLeftByACrashIsReplaced() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("agent.sock"));
    QFile leftover(path);
    QVERIFY(leftover.open(QIODevice::WriteOnly));
    leftover.close();
    SingleInstance agent(Role::Tray, path);
    QCOMPARE(agent.claim(), Outcome::Primary);
    QCOMPARE(claimFromAnotherThread(Role::Tray, path), Outcome::OtherShowedPopup);
}

void TestSingleInstance::theSocketGoesWithTheAgent() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("agent.sock"));
    {
        SingleInstance agent(Role::Headless, path);
        QCOMPARE(agent.claim(), Outcome::Primary);
    }
    QVERIFY(!QFile::exists(path));
    SingleInstance next(Role::Tray, path);
    QCOMPARE(next.claim(), Outcome::Primary);
}

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
