// The X11 idle backends against a real X server (a private Xvfb) and real input (xdotool,
// through XTEST), with the timings the agent relies on.

#include "XBadRequest.h"

#include "idle/IdleMonitor.h"
#include "idle/x11/XConnection.h"
#include "idle/x11/XScreenSaverIdleBackend.h"
#include "idle/x11/XSyncIdleBackend.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

using namespace std::chrono_literals;

namespace {

// A private X server on a display number of its own choosing, stopped with its owner.
class XvfbServer {
public:
    ~XvfbServer() { stop(); }

    bool start(const QString &program, QString *error) {
        m_process = std::make_unique<QProcess>();
        m_process->setProgram(program);
        // -displayfd 1: Xvfb takes a free display number and prints it once it accepts
        // clients. -noreset: otherwise the server resets (and IDLETIME restarts from 0)
        // whenever its last client leaves, e.g. after each xdotool run.
        m_process->setArguments({QStringLiteral("-displayfd"), QStringLiteral("1"),
                                 QStringLiteral("-screen"), QStringLiteral("0"),
                                 QStringLiteral("1280x800x24"), QStringLiteral("-nolisten"),
                                 QStringLiteral("tcp"), QStringLiteral("-noreset")});
#ifdef Q_OS_LINUX
        // Also gone if this process dies without cleaning up (crash, ctest timeout).
        m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
        m_process->start();
        if (!m_process->waitForStarted(5000)) {
            *error = QStringLiteral("Xvfb did not start: ") + m_process->errorString();
            return false;
        }
        QByteArray printed;
        QDeadlineTimer deadline(10s);
        while (!printed.contains('\n') && !deadline.hasExpired()) {
            if (!m_process->waitForReadyRead(int(deadline.remainingTime())))
                break;
            printed += m_process->readAllStandardOutput();
        }
        bool ok = false;
        const int number = printed.trimmed().toInt(&ok);
        if (!ok) {
            *error = QStringLiteral("Xvfb printed no display number; its stderr: ") +
                     QString::fromLocal8Bit(m_process->readAllStandardError().right(2000));
            stop();
            return false;
        }
        m_display = QStringLiteral(":%1").arg(number);
        return true;
    }

    void stop() {
        if (!m_process)
            return;
        if (m_process->state() != QProcess::NotRunning) {
            m_process->terminate();
            if (!m_process->waitForFinished(3000)) {
                m_process->kill();
                m_process->waitForFinished(3000);
            }
        }
        m_process.reset();
    }

    QString display() const {
        return m_display;
    }

private:
    std::unique_ptr<QProcess> m_process;
    QString m_display;
};

std::unique_ptr<zp::IdleBackend> makeBackend(const QString &name) {
    if (name == QLatin1String("xsync"))
        return std::make_unique<zp::XSyncIdleBackend>();
    return std::make_unique<zp::XScreenSaverIdleBackend>();
}

quint64 wakeupsOf(zp::IdleBackend *backend) {
    if (auto *xsync = qobject_cast<zp::XSyncIdleBackend *>(backend))
        return xsync->wakeups();
    if (auto *xscreensaver = qobject_cast<zp::XScreenSaverIdleBackend *>(backend))
        return xscreensaver->wakeups();
    return 0;
}

void addBackendRows() {
    QTest::addColumn<QString>("backend");
    QTest::newRow("xsync") << QStringLiteral("xsync");
    QTest::newRow("xscreensaver") << QStringLiteral("xscreensaver");
}

// Measured figures go to the log with this prefix, for reports.
void figure(const QString &text) {
    qInfo().noquote() << "FIGURE" << text;
}

} // namespace

class TestX11Idle : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void idleFiresAtThreshold_data() { addBackendRows(); }
    void idleFiresAtThreshold();
    void resumeFiresOnInput_data();
    void resumeFiresOnInput();
    void resumeArmedAsInputLands_data() { addBackendRows(); }
    void resumeArmedAsInputLands();
    void idleTimeFollowsInput_data() { addBackendRows(); }
    void idleTimeFollowsInput();
    void alreadyIdleFiresPromptly_data() { addBackendRows(); }
    void alreadyIdleFiresPromptly();
    void noWakeupsBetweenEvents_data() { addBackendRows(); }
    void noWakeupsBetweenEvents();
    void cancelStopsWatches_data() { addBackendRows(); }
    void cancelStopsWatches();
    void openFailsWithoutDisplay_data() { addBackendRows(); }
    void openFailsWithoutDisplay();
    void openFailsOnMissingDisplay_data() { addBackendRows(); }
    void openFailsOnMissingDisplay();
    void serverDeathEmitsFailed_data() { addBackendRows(); }
    void serverDeathEmitsFailed();
    void protocolErrorIsReportedNotFatal();
    void monitorFollowsInput_data() { addBackendRows(); }
    void monitorFollowsInput();
    void monitorSurvivesServerDeath_data() { addBackendRows(); }
    void monitorSurvivesServerDeath();
    void diagnoseJudgesFromTheIdleTime();

private:
    std::unique_ptr<zp::IdleBackend> openBackend(const QString &name);
    // Real input through XTEST: "mousemove" (to alternating spots, so it always moves) or "key".
    void startInput(QProcess &xdotool, const QString &kind);
    bool input(const QString &kind);

    QString m_xvfbProgram;
    QString m_xdotool;
    XvfbServer m_xvfb;
    int m_pointerSpot = 0;
};

void TestX11Idle::initTestCase() {
    m_xvfbProgram = QStandardPaths::findExecutable(QStringLiteral("Xvfb"));
    m_xdotool = QStandardPaths::findExecutable(QStringLiteral("xdotool"));
    if (m_xvfbProgram.isEmpty())
        QSKIP("Xvfb is not installed (Debian: apt install xvfb); the X11 idle tests need it.");
    if (m_xdotool.isEmpty())
        QSKIP("xdotool is not installed (Debian: apt install xdotool); the X11 idle tests need "
              "it to make input.");
    QString error;
    QVERIFY2(m_xvfb.start(m_xvfbProgram, &error), qPrintable(error));
}

void TestX11Idle::init() {
    // Some tests point DISPLAY elsewhere; every test starts on our own server.
    qputenv("DISPLAY", m_xvfb.display().toLocal8Bit());
}

void TestX11Idle::cleanupTestCase() {
    m_xvfb.stop();
}

void TestX11Idle::diagnoseJudgesFromTheIdleTime() {
    // --diagnose runs no event loop, so the backend's idle alarm never arrives: what it says
    // the next report would be must come from the idle time, against the threshold the agent
    // would use (the settings', or --idle-after).
    const QString agent = QStringLiteral(ZP_BINARY_DIR "/app/zulip-presence");
    if (!QFileInfo::exists(agent))
        QSKIP("the zulip-presence executable is not built");
    QTemporaryDir config;
    QDir(config.path()).mkpath(QStringLiteral("zulip-presence"));
    QFile settings(config.filePath(QStringLiteral("zulip-presence/zulip-presence.conf")));
    QVERIFY(settings.open(QIODevice::WriteOnly));
    settings.write("[idle]\nthreshold_seconds=1\n");
    settings.close();
    const auto diagnose = [&](const QStringList &extra) {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DISPLAY"), m_xvfb.display());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.insert(QStringLiteral("XDG_SESSION_TYPE"), QStringLiteral("x11"));
        process.setProcessEnvironment(env);
        process.start(agent,
                      QStringList{QStringLiteral("--diagnose"), QStringLiteral("--idle-backend"),
                                  QStringLiteral("xsync")} +
                          extra);
        process.waitForFinished(15000);
        return QString::fromUtf8(process.readAllStandardOutput());
    };
    QVERIFY(input(QStringLiteral("mousemove")));
    QTest::qWait(1500); // nobody touches anything for longer than the saved 1 s
    QString out = diagnose({});
    QVERIFY2(out.contains(QLatin1String("idle after: 1 s (settings)\n")), qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("next report would say: idle\n")), qPrintable(out));
    out = diagnose({QStringLiteral("--idle-after"), QStringLiteral("3600")});
    QVERIFY2(out.contains(QLatin1String("idle after: 3600 s (--idle-after)\n")), qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("next report would say: active\n")), qPrintable(out));
}

std::unique_ptr<zp::IdleBackend> TestX11Idle::openBackend(const QString &name) {
    std::unique_ptr<zp::IdleBackend> backend = makeBackend(name);
    QString why;
    if (!backend->open(&why)) {
        qWarning().noquote() << name << "did not open:" << why;
        return nullptr;
    }
    return backend;
}

void TestX11Idle::startInput(QProcess &xdotool, const QString &kind) {
    QStringList arguments;
    if (kind == QLatin1String("key")) {
        arguments = {QStringLiteral("key"), QStringLiteral("shift")};
    } else {
        m_pointerSpot = 1 - m_pointerSpot;
        arguments = {QStringLiteral("mousemove"), QString::number(100 + 200 * m_pointerSpot),
                     QStringLiteral("100")};
    }
    xdotool.start(m_xdotool, arguments);
}

bool TestX11Idle::input(const QString &kind) {
    QProcess xdotool;
    startInput(xdotool, kind);
    if (!xdotool.waitForFinished(5000)) {
        xdotool.kill();
        xdotool.waitForFinished(1000);
        return false;
    }
    return xdotool.exitStatus() == QProcess::NormalExit && xdotool.exitCode() == 0;
}

void TestX11Idle::idleFiresAtThreshold() {
    QFETCH(QString, backend);
    auto idle = openBackend(backend);
    QVERIFY(idle);
    QSignalSpy reached(idle.get(), &zp::IdleBackend::idleReached);

    QVERIFY(input(QStringLiteral("mousemove")));
    QElapsedTimer sinceInput;
    sinceInput.start();
    idle->watchIdle(1500ms);
    QVERIFY(reached.wait(3000));
    const qint64 firedAfter = sinceInput.elapsed();
    figure(QStringLiteral("%1: idleReached %2 ms after input, threshold 1500 ms")
               .arg(backend)
               .arg(firedAfter));
    QVERIFY2(firedAfter >= 1400, qPrintable(QString::number(firedAfter)));
    QVERIFY2(firedAfter <= 2500, qPrintable(QString::number(firedAfter)));
    QCOMPARE(reached.count(), 1);
}

void TestX11Idle::resumeFiresOnInput_data() {
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("boundMs");
    // XSync: the server's alarm is on our socket before xdotool even exits. XScreenSaver:
    // one sample per second, so up to a second plus scheduling.
    QTest::newRow("xsync/mousemove")
        << QStringLiteral("xsync") << QStringLiteral("mousemove") << 500;
    QTest::newRow("xsync/key") << QStringLiteral("xsync") << QStringLiteral("key") << 500;
    QTest::newRow("xscreensaver/mousemove")
        << QStringLiteral("xscreensaver") << QStringLiteral("mousemove") << 1500;
    QTest::newRow("xscreensaver/key")
        << QStringLiteral("xscreensaver") << QStringLiteral("key") << 1500;
}

void TestX11Idle::resumeFiresOnInput() {
    QFETCH(QString, backend);
    QFETCH(QString, kind);
    QFETCH(int, boundMs);
    auto idle = openBackend(backend);
    QVERIFY(idle);
    QSignalSpy resumed(idle.get(), &zp::IdleBackend::resumed);

    QVERIFY(input(QStringLiteral("mousemove")));
    QTest::qWait(200);
    idle->watchResume();
    QTest::qWait(300);
    QCOMPARE(resumed.count(), 0); // nothing happened yet

    QVERIFY(input(kind));
    QElapsedTimer sinceInput;
    sinceInput.start();
    QVERIFY(resumed.wait(boundMs + 1000));
    const qint64 latency = sinceInput.elapsed();
    figure(QStringLiteral("%1: resumed %2 ms after xdotool %3 exited")
               .arg(backend)
               .arg(latency)
               .arg(kind));
    QVERIFY2(latency <= boundMs, qPrintable(QString::number(latency)));
    QCOMPARE(resumed.count(), 1);
}

void TestX11Idle::resumeArmedAsInputLands() {
    // Armed within a millisecond or two of an input, the watch must neither report that input
    // nor miss the next one. For XSync this is the off-by-one edge of "alarm when IDLETIME <=
    // its value now - 1", with the value 0 or 1.
    QFETCH(QString, backend);
    auto idle = openBackend(backend);
    QVERIFY(idle);
    QSignalSpy resumed(idle.get(), &zp::IdleBackend::resumed);

    QTest::qWait(50);
    QProcess xdotool;
    startInput(xdotool, QStringLiteral("mousemove"));
    // The server registers XTEST input at a moment of its choosing; query in a tight loop
    // and arm the instant the idle time drops.
    std::optional<std::chrono::milliseconds> armedAt;
    auto previous = idle->idleTime();
    QVERIFY(previous.has_value());
    for (QDeadlineTimer deadline(5s); !armedAt && !deadline.hasExpired();) {
        const auto now = idle->idleTime();
        QVERIFY(now.has_value());
        if (*now < *previous) {
            idle->watchResume();
            armedAt = now;
        }
        previous = now;
    }
    QVERIFY(armedAt.has_value());
    QVERIFY(xdotool.waitForFinished(5000));
    // Long enough for the XScreenSaver backend to take its first sample.
    QTest::qWait(backend == QLatin1String("xsync") ? 300 : 1200);
    figure(QStringLiteral("%1: resume watch armed at idle %2 ms, spurious resumes %3")
               .arg(backend)
               .arg(armedAt->count())
               .arg(resumed.count()));
    QCOMPARE(resumed.count(), 0);

    QVERIFY(input(QStringLiteral("key")));
    QVERIFY(resumed.wait(2500));
}

void TestX11Idle::idleTimeFollowsInput() {
    QFETCH(QString, backend);
    auto idle = openBackend(backend);
    QVERIFY(idle);

    QVERIFY(input(QStringLiteral("mousemove")));
    const auto first = idle->idleTime();
    QVERIFY(first.has_value());
    QTest::qWait(600);
    const auto later = idle->idleTime();
    QVERIFY(later.has_value());
    QVERIFY2(*later >= *first + 550ms,
             qPrintable(QStringLiteral("%1 -> %2").arg(first->count()).arg(later->count())));
    QVERIFY(input(QStringLiteral("key")));
    const auto afterInput = idle->idleTime();
    QVERIFY(afterInput.has_value());
    figure(QStringLiteral("%1: idleTime %2 ms after input, %3 ms 600 ms later, %4 ms after "
                          "xdotool key")
               .arg(backend)
               .arg(first->count())
               .arg(later->count())
               .arg(afterInput->count()));
    QVERIFY2(*afterInput < 200ms, qPrintable(QString::number(afterInput->count())));
}

void TestX11Idle::alreadyIdleFiresPromptly() {
    QFETCH(QString, backend);
    auto idle = openBackend(backend);
    QVERIFY(idle);
    QSignalSpy reached(idle.get(), &zp::IdleBackend::idleReached);

    QVERIFY(input(QStringLiteral("mousemove")));
    QTest::qWait(700);
    QElapsedTimer sinceArmed;
    sinceArmed.start();
    idle->watchIdle(400ms);
    QCOMPARE(reached.count(), 0); // delivered from the event loop, not inside watchIdle()
    QVERIFY(reached.wait(1000));
    figure(QStringLiteral("%1: idle 700 ms, watchIdle(400 ms) fired after %2 ms")
               .arg(backend)
               .arg(sinceArmed.elapsed()));
    QVERIFY2(sinceArmed.elapsed() < 300, qPrintable(QString::number(sinceArmed.elapsed())));
}

void TestX11Idle::noWakeupsBetweenEvents() {
    QFETCH(QString, backend);
    auto idle = openBackend(backend);
    QVERIFY(idle);
    QSignalSpy reached(idle.get(), &zp::IdleBackend::idleReached);

    QVERIFY(input(QStringLiteral("mousemove")));
    idle->watchIdle(1500ms);
    const quint64 armed = wakeupsOf(idle.get());
    QTest::qWait(1000);
    const quint64 whileWaiting = wakeupsOf(idle.get()) - armed;
    QVERIFY(reached.wait(2000));
    const quint64 wholeIdleWatch = wakeupsOf(idle.get()) - armed;

    // Away: the resume watch. XSync sleeps on its alarm; XScreenSaver samples once a second.
    idle->watchResume();
    const quint64 resumeArmed = wakeupsOf(idle.get());
    QTest::qWait(1100);
    const quint64 whileAway = wakeupsOf(idle.get()) - resumeArmed;
    figure(QStringLiteral("%1: wakeups %2 in the first 1 s of a 1.5 s idle watch, %3 for the "
                          "whole watch, %4 in 1.1 s of resume watch")
               .arg(backend)
               .arg(whileWaiting)
               .arg(wholeIdleWatch)
               .arg(whileAway));

    QCOMPARE(whileWaiting, quint64(0));
    QVERIFY2(wholeIdleWatch <= 2, qPrintable(QString::number(wholeIdleWatch)));
    if (backend == QLatin1String("xsync"))
        QCOMPARE(whileAway, quint64(0));
    else
        QVERIFY2(whileAway <= 2, qPrintable(QString::number(whileAway)));
    QCOMPARE(reached.count(), 1); // one-shot: no repeat while still idle
}

void TestX11Idle::cancelStopsWatches() {
    QFETCH(QString, backend);
    auto idle = openBackend(backend);
    QVERIFY(idle);
    QSignalSpy reached(idle.get(), &zp::IdleBackend::idleReached);
    QSignalSpy resumed(idle.get(), &zp::IdleBackend::resumed);

    QVERIFY(input(QStringLiteral("mousemove")));
    idle->watchIdle(400ms);
    idle->watchResume();
    idle->cancelWatches();
    QTest::qWait(600); // past the idle threshold
    QVERIFY(input(QStringLiteral("key")));
    QTest::qWait(500); // past the XScreenSaver sample that would have seen the input
    QCOMPARE(reached.count(), 0);
    QCOMPARE(resumed.count(), 0);
}

void TestX11Idle::openFailsWithoutDisplay() {
    QFETCH(QString, backend);
    qunsetenv("DISPLAY");
    auto idle = makeBackend(backend);
    QString why;
    QVERIFY(!idle->open(&why));
    figure(QStringLiteral("%1 without DISPLAY: %2").arg(backend, why));
    QVERIFY2(why.contains(QLatin1String("DISPLAY")), qPrintable(why));
    // An unopened backend stays harmless.
    idle->watchIdle(1s);
    idle->watchResume();
    idle->cancelWatches();
    QVERIFY(!idle->idleTime());
}

void TestX11Idle::openFailsOnMissingDisplay() {
    QFETCH(QString, backend);
    qputenv("DISPLAY", ":99999");
    auto idle = makeBackend(backend);
    QString why;
    QVERIFY(!idle->open(&why));
    figure(QStringLiteral("%1 with DISPLAY=:99999: %2").arg(backend, why));
    QVERIFY2(why.contains(QLatin1String(":99999")), qPrintable(why));
    QVERIFY(!idle->idleTime());
}

void TestX11Idle::serverDeathEmitsFailed() {
    QFETCH(QString, backend);
    XvfbServer doomed;
    QString error;
    QVERIFY2(doomed.start(m_xvfbProgram, &error), qPrintable(error));
    qputenv("DISPLAY", doomed.display().toLocal8Bit());
    auto idle = openBackend(backend);
    QVERIFY(idle);
    QSignalSpy failed(idle.get(), &zp::IdleBackend::failed);
    idle->watchIdle(60s);

    QElapsedTimer sinceDeath;
    doomed.stop(); // SIGTERM: the server drops every client, as a crash or logout would
    sinceDeath.start();
    QVERIFY(failed.wait(5000));
    const QString why = failed.first().first().toString();
    figure(QStringLiteral("%1: failed %2 ms after Xvfb exited: %3")
               .arg(backend)
               .arg(sinceDeath.elapsed())
               .arg(why));
    QVERIFY2(why.contains(doomed.display()), qPrintable(why));

    // The dead backend stays harmless and reports once.
    idle->watchIdle(1s);
    idle->watchResume();
    idle->cancelWatches();
    QVERIFY(!idle->idleTime());
    QTest::qWait(100);
    QCOMPARE(failed.count(), 1);
}

void TestX11Idle::protocolErrorIsReportedNotFatal() {
    // Xlib's default error handler would exit() here.
    zp::XConnection connection;
    QString why;
    QVERIFY2(connection.open(&why), qPrintable(why));
    QSignalSpy broken(&connection, &zp::XConnection::broken);
    sendBadRequest(connection.display());
    connection.afterRequests();
    QVERIFY(broken.wait(2000));
    const QString reason = broken.first().first().toString();
    figure(QStringLiteral("rejected request: %1").arg(reason));
    QVERIFY2(reason.contains(QLatin1String("BadWindow")), qPrintable(reason));
    QVERIFY(connection.isBroken());
}

void TestX11Idle::monitorFollowsInput() {
    QFETCH(QString, backend);
    zp::IdleMonitor monitor;
    QSignalSpy changed(&monitor, &zp::IdleMonitor::idleChanged);

    QVERIFY(input(QStringLiteral("mousemove")));
    QVERIFY(monitor.startWith(makeBackend(backend), 1s));
    QCOMPARE(monitor.backendName(), backend);
    QVERIFY(!monitor.isIdle());

    QVERIFY(changed.wait(2500));
    QCOMPARE(changed.last().at(0).toBool(), true);
    QVERIFY(monitor.isIdle());

    QVERIFY(input(QStringLiteral("mousemove")));
    QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 2, 2500);
    QCOMPARE(changed.at(1).at(0).toBool(), false);
    // XScreenSaver notices input up to a second late, by which time this 1 s threshold may
    // already have passed again; XSync notices at once.
    if (backend == QLatin1String("xsync"))
        QVERIFY(!monitor.isIdle());
}

void TestX11Idle::monitorSurvivesServerDeath() {
    // The monitor deletes the backend from inside its failed() signal; that must be safe.
    QFETCH(QString, backend);
    XvfbServer doomed;
    QString error;
    QVERIFY2(doomed.start(m_xvfbProgram, &error), qPrintable(error));
    qputenv("DISPLAY", doomed.display().toLocal8Bit());
    zp::IdleMonitor monitor;
    QSignalSpy backendFailed(&monitor, &zp::IdleMonitor::backendFailed);
    QSignalSpy changed(&monitor, &zp::IdleMonitor::idleChanged);
    QVERIFY(monitor.startWith(makeBackend(backend), 60s));

    doomed.stop();
    QVERIFY(backendFailed.wait(5000));
    QVERIFY(!monitor.hasBackend());
    QVERIFY(monitor.isIdle()); // no source of truth left: the monitor's honest default
    QCOMPARE(changed.count(), 1);
    QTest::qWait(100);
    QCOMPARE(backendFailed.count(), 1);
}

QTEST_GUILESS_MAIN(TestX11Idle)

#include "tst_x11idle.moc"
