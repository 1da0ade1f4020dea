// The D-Bus idle backends against python3-dbusmock services on a private session bus: GNOME's
// org.gnome.Mutter.IdleMonitor (watches and WatchFired), org.freedesktop.ScreenSaver
// (GetSessionIdleTime on a deadline, sampled while away), backend selection per session
// type including "nothing works", the threshold range, and the lock/sleep overrides.
#include "idle/IdleMonitor.h"
#include "idle/freedesktop/FreedesktopScreenSaverIdleBackend.h"
#include "idle/gnome/GnomeMutterIdleBackend.h"
#include "support/DBusMockRig.h"
#include "support/ScriptedIdleBackend.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace zp;
using namespace std::chrono_literals;

namespace {

const QString mutterName = QStringLiteral("org.gnome.Mutter.IdleMonitor");
const QString mutterPath = QStringLiteral("/org/gnome/Mutter/IdleMonitor/Core");
const QString saverName = QStringLiteral("org.freedesktop.ScreenSaver");
const QString saverPath = QStringLiteral("/org/freedesktop/ScreenSaver");

QDBusConnection session() {
    return QDBusConnection::sessionBus();
}

// Restores the session-type variables a test changed.
struct EnvGuard {
    explicit EnvGuard(std::initializer_list<const char *> names) {
        for (const char *name : names)
            saved.push_back({name, qgetenv(name), qEnvironmentVariableIsSet(name)});
    }
    ~EnvGuard() {
        for (const auto &s : saved)
            s.wasSet ? qputenv(s.name, s.value) : qunsetenv(s.name);
    }
    struct Saved {
        const char *name;
        QByteArray value;
        bool wasSet;
    };
    std::vector<Saved> saved;
};

} // namespace

class TestDBusIdle : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void mutterAbsentSaysWhy();
    void mutterWatchesFollowWatchFired();
    void mutterLeavingTheBusFails();
    void screenSaverDeadlineAndResumeSample();
    void screenSaverActiveChangedSamplesAtOnce();
    void selectionPerSessionType();
    void nothingWorksReportsIdle();
    void thresholdIsClamped();
    void lockAndSleepOverrideTheBackend();

private:
    QProcess *startMutterMock();
    QProcess *startScreenSaverMock();
    test::DBusMockRig m_rig;
};

void TestDBusIdle::initTestCase() {
    if (const QString missing = test::dbusMockMissing(); !missing.isEmpty())
        QSKIP(qPrintable(missing));
    QVERIFY(m_rig.startBuses());
    QVERIFY(session().isConnected());
}

QProcess *TestDBusIdle::startMutterMock() {
    QProcess *mock = m_rig.startMock(false, mutterName, {mutterName, mutterPath, mutterName});
    if (!mock)
        return nullptr;
    // Watch ids count up from 1, as Mutter's do.
    const QString nextId = QStringLiteral(
        "self.next_id = getattr(self, 'next_id', 0) + 1; ret = dbus.UInt32(self.next_id)");
    test::addMockMethod(session(), mutterName, mutterPath, mutterName,
                        QStringLiteral("GetIdletime"), {}, QStringLiteral("t"),
                        QStringLiteral("ret = dbus.UInt64(4242)"));
    test::addMockMethod(session(), mutterName, mutterPath, mutterName,
                        QStringLiteral("AddIdleWatch"), QStringLiteral("t"), QStringLiteral("u"),
                        nextId);
    test::addMockMethod(session(), mutterName, mutterPath, mutterName,
                        QStringLiteral("AddUserActiveWatch"), {}, QStringLiteral("u"), nextId);
    test::addMockMethod(session(), mutterName, mutterPath, mutterName,
                        QStringLiteral("RemoveWatch"), QStringLiteral("u"), {}, {});
    return mock;
}

QProcess *TestDBusIdle::startScreenSaverMock() {
    QProcess *mock = m_rig.startMock(false, saverName, {saverName, saverPath, saverName});
    if (!mock)
        return nullptr;
    // Idle time in ms since the last Poke(), as KDE's kscreenlocker counts it.
    test::addMockMethod(session(), saverName, saverPath, saverName, QStringLiteral("Poke"), {}, {},
                        QStringLiteral("self.last_input = time.time()"));
    test::addMockMethod(session(), saverName, saverPath, saverName,
                        QStringLiteral("GetSessionIdleTime"), {}, QStringLiteral("u"),
                        QStringLiteral("ret = dbus.UInt32(int((time.time() - getattr(self, "
                                       "'last_input', time.time())) * 1000))"));
    return mock;
}

void TestDBusIdle::mutterAbsentSaysWhy() {
    GnomeMutterIdleBackend backend;
    QString why;
    QVERIFY(!backend.open(&why));
    QCOMPARE(why, QStringLiteral("Nothing on the session bus provides org.gnome.Mutter.IdleMonitor "
                                 "(not a GNOME session)."));
    QCOMPARE(backend.idleTime(), std::nullopt);
}

void TestDBusIdle::mutterWatchesFollowWatchFired() {
    QProcess *mock = startMutterMock();
    QVERIFY(mock);
    GnomeMutterIdleBackend backend;
    QString why;
    QVERIFY2(backend.open(&why), qPrintable(why));
    QCOMPARE(backend.name(), QStringLiteral("gnome-mutter"));
    QCOMPARE(backend.idleTime(), std::optional(4242ms));

    QSignalSpy idle(&backend, &IdleBackend::idleReached);
    QSignalSpy resumed(&backend, &IdleBackend::resumed);
    backend.watchIdle(1500ms);
    int adds = 0;
    QTRY_COMPARE_WITH_TIMEOUT((test::mockCallArgs(session(), mutterName, mutterPath,
                                                  QStringLiteral("AddIdleWatch"), &adds),
                               adds),
                              1, 5000);
    QCOMPARE(test::mockCallArgs(session(), mutterName, mutterPath, QStringLiteral("AddIdleWatch"))
                 .value(0)
                 .toULongLong(),
             1500ull);
    // Let the reply (id 1) arrive, then fire a watch that is not ours: nothing happens.
    QTest::qWait(200);
    test::emitMockSignal(session(), mutterName, mutterPath, mutterName,
                         QStringLiteral("WatchFired"), QStringLiteral("u"), {uint(77)});
    QTest::qWait(300);
    QCOMPARE(idle.count(), 0);
    test::emitMockSignal(session(), mutterName, mutterPath, mutterName,
                         QStringLiteral("WatchFired"), QStringLiteral("u"), {uint(1)});
    QVERIFY(idle.wait(3000));
    QCOMPARE(idle.count(), 1);
    // Mutter's idle watches repeat; the backend removes ours after its one edge.
    int removes = 0;
    QTRY_COMPARE_WITH_TIMEOUT((test::mockCallArgs(session(), mutterName, mutterPath,
                                                  QStringLiteral("RemoveWatch"), &removes),
                               removes),
                              1, 5000);
    QCOMPARE(test::mockCallArgs(session(), mutterName, mutterPath, QStringLiteral("RemoveWatch"))
                 .value(0)
                 .toUInt(),
             1u);

    backend.watchResume(); // AddUserActiveWatch → id 2
    QTest::qWait(200);
    test::emitMockSignal(session(), mutterName, mutterPath, mutterName,
                         QStringLiteral("WatchFired"), QStringLiteral("u"), {uint(2)});
    QVERIFY(resumed.wait(3000));
    QCOMPARE(resumed.count(), 1);
    QCOMPARE(idle.count(), 1);
    m_rig.stopMock(mock);
}

void TestDBusIdle::mutterLeavingTheBusFails() {
    QProcess *mock = startMutterMock();
    QVERIFY(mock);
    IdleMonitor monitor;
    QVERIFY(monitor.start(5min, QStringLiteral("gnome-mutter")));
    QCOMPARE(monitor.backendName(), QStringLiteral("gnome-mutter"));
    QVERIFY(!monitor.isIdle());
    QSignalSpy failed(&monitor, &IdleMonitor::backendFailed);
    m_rig.stopMock(mock);
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.first().first().toString(),
             QStringLiteral("org.gnome.Mutter.IdleMonitor left the session bus (the GNOME "
                            "compositor ended or restarted)."));
    // No source of truth any more: honest idle.
    QVERIFY(monitor.isIdle());
    QCOMPARE(monitor.backendName(), QStringLiteral("none"));
}

void TestDBusIdle::screenSaverDeadlineAndResumeSample() {
    QProcess *mock = startScreenSaverMock();
    QVERIFY(mock);
    FreedesktopScreenSaverIdleBackend backend;
    QString why;
    QVERIFY2(backend.open(&why), qPrintable(why));
    QSignalSpy idle(&backend, &IdleBackend::idleReached);
    QSignalSpy resumed(&backend, &IdleBackend::resumed);

    test::callMock(session(), saverName, saverPath, saverName, QStringLiteral("Poke"));
    QElapsedTimer clock;
    clock.start();
    backend.watchIdle(1500ms);
    QVERIFY(idle.wait(5000));
    const qint64 idleAfter = clock.elapsed();
    QVERIFY2(idleAfter >= 1300 && idleAfter <= 3000, qPrintable(QString::number(idleAfter)));
    QCOMPARE(idle.count(), 1);
    const std::optional<std::chrono::milliseconds> now = backend.idleTime();
    QVERIFY(now && *now >= 1300ms);

    backend.watchResume();
    // Nobody there for two samples: no resume.
    QTest::qWait(int(2 * FreedesktopScreenSaverIdleBackend::kResumeSampleInterval.count() + 300));
    QCOMPARE(resumed.count(), 0);
    test::callMock(session(), saverName, saverPath, saverName, QStringLiteral("Poke"));
    clock.restart();
    QVERIFY(
        resumed.wait(int(FreedesktopScreenSaverIdleBackend::kResumeSampleInterval.count()) + 2000));
    QVERIFY(clock.elapsed() <=
            FreedesktopScreenSaverIdleBackend::kResumeSampleInterval.count() + 1500);
    QCOMPARE(idle.count(), 1);
    m_rig.stopMock(mock);
}

void TestDBusIdle::screenSaverActiveChangedSamplesAtOnce() {
    QProcess *mock = startScreenSaverMock();
    QVERIFY(mock);
    FreedesktopScreenSaverIdleBackend backend;
    QVERIFY(backend.open(nullptr));
    QSignalSpy resumed(&backend, &IdleBackend::resumed);
    QTest::qWait(500); // some idle time to come back from
    backend.watchResume();
    QTest::qWait(300);
    test::callMock(session(), saverName, saverPath, saverName, QStringLiteral("Poke"));
    QElapsedTimer clock;
    clock.start();
    test::emitMockSignal(session(), saverName, saverPath, saverName,
                         QStringLiteral("ActiveChanged"), QStringLiteral("b"), {false});
    QVERIFY(resumed.wait(3000));
    // Well before the next regular sample.
    QVERIFY2(clock.elapsed() <
                 FreedesktopScreenSaverIdleBackend::kResumeSampleInterval.count() - 500,
             qPrintable(QString::number(clock.elapsed())));
    m_rig.stopMock(mock);
}

void TestDBusIdle::selectionPerSessionType() {
    EnvGuard guard{"XDG_SESSION_TYPE", "WAYLAND_DISPLAY", "DISPLAY"};
    auto indexOf = [](const QStringList &list, const char *name) {
        return list.indexOf(QLatin1String(name));
    };

    // GNOME or KDE on Wayland: never an X11 backend, even with XWayland's DISPLAY.
    qputenv("XDG_SESSION_TYPE", "wayland");
    qputenv("WAYLAND_DISPLAY", "wayland-0");
    qputenv("DISPLAY", ":0");
    QStringList names = idleBackendCandidates();
    QCOMPARE(names.first(), QStringLiteral("gnome-mutter"));
    QCOMPARE(names.last(), QStringLiteral("freedesktop-screensaver"));
    QCOMPARE(indexOf(names, "xsync"), -1);
    QCOMPARE(indexOf(names, "xscreensaver"), -1);

    // X11: Mutter, then XSync alarms, then the sampled sources.
    qputenv("XDG_SESSION_TYPE", "x11");
    qunsetenv("WAYLAND_DISPLAY");
    names = idleBackendCandidates();
    QCOMPARE(names.first(), QStringLiteral("gnome-mutter"));
    if (knownIdleBackends().contains(QStringLiteral("xsync"))) {
        QVERIFY(indexOf(names, "xsync") < indexOf(names, "freedesktop-screensaver"));
        QVERIFY(indexOf(names, "freedesktop-screensaver") < indexOf(names, "xscreensaver"));
    }

    // A text console or a service: only the D-Bus sources can be there.
    qunsetenv("XDG_SESSION_TYPE");
    qunsetenv("DISPLAY");
    names = idleBackendCandidates();
    QCOMPARE(names.first(), QStringLiteral("gnome-mutter"));
    QCOMPARE(indexOf(names, "xsync"), -1);
    QVERIFY(indexOf(names, "freedesktop-screensaver") > 0);

    for (const QString &name : knownIdleBackends())
        QVERIFY2(createIdleBackend(name) != nullptr, qPrintable(name));
    QCOMPARE(createIdleBackend(QStringLiteral("no-such-backend")), nullptr);
}

void TestDBusIdle::nothingWorksReportsIdle() {
    EnvGuard guard{"XDG_SESSION_TYPE", "WAYLAND_DISPLAY", "DISPLAY"};
    qunsetenv("XDG_SESSION_TYPE");
    qunsetenv("WAYLAND_DISPLAY");
    qunsetenv("DISPLAY");
    IdleMonitor monitor;
    QVERIFY(!monitor.start(10s));
    QCOMPARE(monitor.backendName(), QStringLiteral("none"));
    QVERIFY(monitor.isIdle());
    QCOMPARE(monitor.idleTime(), std::nullopt);
    QVERIFY(monitor.attempts().size() >= 2);
    for (const IdleMonitor::Attempt &attempt : monitor.attempts()) {
        QVERIFY(!attempt.opened);
        QVERIFY2(attempt.detail.endsWith(QLatin1Char('.')), qPrintable(attempt.detail));
    }
    // Our own window in use: active for the threshold, then idle again.
    QSignalSpy changed(&monitor, &IdleMonitor::idleChanged);
    monitor.setThreshold(1s);
    monitor.noteOwnUiInteraction();
    QVERIFY(!monitor.isIdle());
    QVERIFY(changed.wait(3000));
    QVERIFY(monitor.isIdle());
}

void TestDBusIdle::thresholdIsClamped() {
    QCOMPARE(IdleMonitor::clampThreshold(0ms), 1000ms);
    QCOMPARE(IdleMonitor::clampThreshold(-5s), 1000ms);
    QCOMPARE(IdleMonitor::clampThreshold(999ms), 1000ms);
    QCOMPARE(IdleMonitor::clampThreshold(1s), 1000ms);
    QCOMPARE(IdleMonitor::clampThreshold(24h), std::chrono::milliseconds(24h));
    QCOMPARE(IdleMonitor::clampThreshold(48h), std::chrono::milliseconds(24h));
    QCOMPARE(IdleMonitor::clampThreshold(std::chrono::milliseconds::max()),
             std::chrono::milliseconds(24h));
    QCOMPARE(IdleMonitor::clampThreshold(std::chrono::milliseconds::min()), 1000ms);

    IdleMonitor monitor;
    auto backend = std::make_unique<test::ScriptedIdleBackend>();
    test::ScriptedIdleBackend *source = backend.get();
    QVERIFY(monitor.startWith(std::move(backend), -1s));
    QCOMPARE(monitor.threshold(), 1000ms);
    QCOMPARE(source->threshold(), 1000ms);
    monitor.setThreshold(std::chrono::hours(100000));
    QCOMPARE(monitor.threshold(), std::chrono::milliseconds(24h));
    QCOMPARE(source->threshold(), std::chrono::milliseconds(24h));
}

void TestDBusIdle::lockAndSleepOverrideTheBackend() {
    IdleMonitor monitor;
    auto backend = std::make_unique<test::ScriptedIdleBackend>();
    test::ScriptedIdleBackend *source = backend.get();
    QVERIFY(monitor.startWith(std::move(backend), 5min));
    QSignalSpy changed(&monitor, &IdleMonitor::idleChanged);
    QVERIFY(!monitor.isIdle());

    // Locked: idle at once, and input on the lock screen does not change that.
    monitor.setLocked(true);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.last().first().toBool(), true);
    source->goIdle();
    source->comeBack();
    QVERIFY(monitor.isIdle());
    QCOMPARE(changed.count(), 1);
    // Unlocked: the person is here.
    monitor.setLocked(false);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.last().first().toBool(), false);
    QVERIFY(!monitor.isIdle());

    // Sleep: idle; wake: still idle until real input.
    monitor.setSuspended(true);
    QCOMPARE(changed.count(), 3);
    QVERIFY(monitor.isIdle());
    monitor.setSuspended(false);
    QCOMPARE(changed.count(), 3);
    QVERIFY(monitor.isIdle());
    source->goIdle(); // the resume watch is the armed one, not the idle watch
    QVERIFY(monitor.isIdle());
    source->comeBack();
    QCOMPARE(changed.count(), 4);
    QVERIFY(!monitor.isIdle());

    // An unannounced sleep noticed later: the same.
    monitor.noteWokeUp();
    QCOMPARE(changed.count(), 5);
    QVERIFY(monitor.isIdle());
    source->comeBack();
    QVERIFY(!monitor.isIdle());
}

QTEST_GUILESS_MAIN(TestDBusIdle)
#include "tst_dbusidle.moc"
