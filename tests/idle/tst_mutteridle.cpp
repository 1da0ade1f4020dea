// The GNOME backend against the real thing: a headless mutter on a private session bus owns
// org.gnome.Mutter.IdleMonitor, and input is injected through its RemoteDesktop interface, as
// a remote-desktop client would (the session lives as long as this process's connection).
// Skips when mutter is not installed.
#include "idle/IdleMonitor.h"
#include "idle/gnome/GnomeMutterIdleBackend.h"
#include "support/DBusMockRig.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusObjectPath>
#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace zp;
using namespace std::chrono_literals;

namespace {
const QString remoteDesktop = QStringLiteral("org.gnome.Mutter.RemoteDesktop");
} // namespace

class TestMutterIdle : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void idleWatchFiresOnTime();
    void injectedInputResumesAndResetsTheCount();
    void monitorPicksMutterFirst();

private:
    // Moves the pointer through the RemoteDesktop session: real input, as mutter sees it.
    bool injectInput();

    test::DBusMockRig m_rig;
    QTemporaryDir m_runtime, m_home;
    QProcess m_mutter;
    QString m_sessionPath;
};

void TestMutterIdle::initTestCase() {
    const QString mutter = QStandardPaths::findExecutable(QStringLiteral("mutter"));
    if (mutter.isEmpty())
        QSKIP("mutter is not installed (Debian: apt install mutter)");
    QVERIFY(m_rig.startBuses());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_runtime.path());
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    m_mutter.setProcessEnvironment(env);
    m_mutter.setStandardOutputFile(QProcess::nullDevice());
    m_mutter.setStandardErrorFile(QProcess::nullDevice());
    m_mutter.start(mutter, {QStringLiteral("--headless"), QStringLiteral("--wayland"),
                            QStringLiteral("--no-x11"), QStringLiteral("--sm-disable"),
                            QStringLiteral("--virtual-monitor"), QStringLiteral("1280x800"),
                            QStringLiteral("--wayland-display=wayland-zp")});
    QVERIFY(m_mutter.waitForStarted(5000));
    QDBusConnection bus = QDBusConnection::sessionBus();
    QTRY_VERIFY_WITH_TIMEOUT(
        bus.interface()->isServiceRegistered(QStringLiteral("org.gnome.Mutter.IdleMonitor")) &&
            bus.interface()->isServiceRegistered(remoteDesktop),
        20000);

    // One RemoteDesktop session for the whole test: it ends when our connection does.
    const QDBusMessage created =
        test::callMock(bus, remoteDesktop, QStringLiteral("/org/gnome/Mutter/RemoteDesktop"),
                       remoteDesktop, QStringLiteral("CreateSession"));
    QVERIFY2(created.type() == QDBusMessage::ReplyMessage, qPrintable(created.errorMessage()));
    m_sessionPath = created.arguments().constFirst().value<QDBusObjectPath>().path();
    const QDBusMessage started = test::callMock(
        bus, remoteDesktop, m_sessionPath, QStringLiteral("org.gnome.Mutter.RemoteDesktop.Session"),
        QStringLiteral("Start"));
    QVERIFY2(started.type() == QDBusMessage::ReplyMessage, qPrintable(started.errorMessage()));
}

void TestMutterIdle::cleanupTestCase() {
    if (m_mutter.state() != QProcess::NotRunning) {
        m_mutter.terminate();
        if (!m_mutter.waitForFinished(5000))
            m_mutter.kill();
    }
}

bool TestMutterIdle::injectInput() {
    const QDBusMessage moved =
        test::callMock(QDBusConnection::sessionBus(), remoteDesktop, m_sessionPath,
                       QStringLiteral("org.gnome.Mutter.RemoteDesktop.Session"),
                       QStringLiteral("NotifyPointerMotionRelative"), {5.0, 5.0});
    return moved.type() == QDBusMessage::ReplyMessage;
}

void TestMutterIdle::idleWatchFiresOnTime() {
    GnomeMutterIdleBackend backend;
    QString why;
    QVERIFY2(backend.open(&why), qPrintable(why));
    QVERIFY(injectInput());
    QElapsedTimer clock;
    clock.start();
    QSignalSpy idle(&backend, &IdleBackend::idleReached);
    backend.watchIdle(1500ms);
    QVERIFY(idle.wait(6000));
    const qint64 took = clock.elapsed();
    // Mutter's own watch: on time, not a poll that rounds up to its period.
    QVERIFY2(took >= 1400 && took < 3000, qPrintable(QString::number(took)));
    const auto idleNow = backend.idleTime();
    QVERIFY(idleNow.has_value());
    QVERIFY2(*idleNow >= 1400ms, qPrintable(QString::number(idleNow->count())));
}

void TestMutterIdle::injectedInputResumesAndResetsTheCount() {
    GnomeMutterIdleBackend backend;
    QString why;
    QVERIFY2(backend.open(&why), qPrintable(why));
    QTest::qWait(600); // some idle time to lose
    QSignalSpy resumed(&backend, &IdleBackend::resumed);
    backend.watchResume();
    QTest::qWait(300);
    QCOMPARE(resumed.size(), 0); // nobody touched anything yet
    QVERIFY(injectInput());
    QVERIFY(resumed.wait(3000));
    const auto idleNow = backend.idleTime();
    QVERIFY(idleNow.has_value());
    QVERIFY2(*idleNow < 500ms, qPrintable(QString::number(idleNow->count())));
}

void TestMutterIdle::monitorPicksMutterFirst() {
    // On GNOME the compositor's own count wins over every other source, on Wayland and X11.
    qputenv("XDG_SESSION_TYPE", "wayland");
    IdleMonitor monitor;
    QVERIFY(monitor.start(2s));
    QCOMPARE(monitor.backendName(), QStringLiteral("gnome-mutter"));
    QSignalSpy changed(&monitor, &IdleMonitor::idleChanged);
    QVERIFY(injectInput());
    QVERIFY(changed.wait(6000)); // idle after 2 s without input
    QCOMPARE(changed.last().first().toBool(), true);
    QVERIFY(injectInput());
    QVERIFY(changed.wait(3000));
    QCOMPARE(changed.last().first().toBool(), false);
    qunsetenv("XDG_SESSION_TYPE");
}

QTEST_GUILESS_MAIN(TestMutterIdle)
#include "tst_mutteridle.moc"
