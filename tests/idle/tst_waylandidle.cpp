// The Wayland idle backends against real compositors: headless sway (org_kde_kwin_idle, with
// real input through wtype's virtual keyboard) and KWin --virtual
// (ext-idle-notify-v1; KWin offers no way in for input, so only the idle edge is tested there).

#include "idle/IdleMonitor.h"
#include "idle/wayland/WaylandIdleBackend.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

using namespace std::chrono_literals;
using Protocol = zp::WaylandIdleBackend::Protocol;

namespace {

// sway refuses to run as root; as root we start it as this unprivileged uid.
constexpr uid_t kCompositorUid = 65534;

void figure(const QString &text) {
    qInfo().noquote() << "FIGURE" << text;
}

// A private headless compositor in a runtime directory of its own, stopped with its owner.
class Compositor {
public:
    ~Compositor() { stop(); }

    // Headless sway (TEST-RIGS.md 4a): non-root, pixman renderer, no input devices.
    bool startSway(QString *error) {
        if (!prepareRuntimeDir(error))
            return false;
        const QString config = m_runtime->filePath(QStringLiteral("sway.conf"));
        QFile file(config);
        if (!file.open(QIODevice::WriteOnly)) {
            *error = QStringLiteral("cannot write the sway config");
            return false;
        }
        file.write("xwayland disable\noutput HEADLESS-1 resolution 1280x800\n");
        file.close();
        handToCompositorUser(config);

        QProcessEnvironment env;
        env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
        env.insert(QStringLiteral("HOME"), m_runtime->path());
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_runtime->path());
        env.insert(QStringLiteral("WLR_BACKENDS"), QStringLiteral("headless"));
        env.insert(QStringLiteral("WLR_LIBINPUT_NO_DEVICES"), QStringLiteral("1"));
        env.insert(QStringLiteral("WLR_RENDERER"), QStringLiteral("pixman"));
        QStringList command{QStringLiteral("sway"), QStringLiteral("-c"), config};
        if (::geteuid() == 0) {
            // setpriv changes the uid after fork, which clears a parent-death signal set
            // before; --pdeathsig sets it again afterwards.
            command =
                QStringList{QStringLiteral("setpriv"),
                            QStringLiteral("--reuid=%1").arg(kCompositorUid),
                            QStringLiteral("--regid=%1").arg(kCompositorUid),
                            QStringLiteral("--clear-groups"), QStringLiteral("--pdeathsig=TERM")} +
                command;
        }
        return launch(command, env, error);
    }

    // KWin --virtual (TEST-RIGS.md 4d), from a copy of the binary: the installed one carries
    // a file capability that exec refuses where the capability cannot be granted.
    bool startKWin(QString *error) {
        if (!prepareRuntimeDir(error))
            return false;
        const QString installed = QStandardPaths::findExecutable(QStringLiteral("kwin_wayland"));
        const QString copy = m_runtime->filePath(QStringLiteral("kwin_wayland"));
        if (!QFile::copy(installed, copy)) {
            *error = QStringLiteral("cannot copy kwin_wayland");
            return false;
        }
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::ExeOwner);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_runtime->path());
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_runtime->path());
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("DISPLAY"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("wayland"));
        return launch({copy, QStringLiteral("--virtual"), QStringLiteral("--no-lockscreen"),
                       QStringLiteral("--no-global-shortcuts"), QStringLiteral("--socket"),
                       QStringLiteral("wayland-k"), QStringLiteral("--width"),
                       QStringLiteral("1280"), QStringLiteral("--height"), QStringLiteral("800")},
                      env, error);
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

    // Points this process's Wayland clients (our backends) at the compositor.
    void useFromHere() const {
        qputenv("XDG_RUNTIME_DIR", m_runtime->path().toLocal8Bit());
        qputenv("WAYLAND_DISPLAY", m_socket.toLocal8Bit());
    }

    QProcessEnvironment clientEnvironment() const {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_runtime->path());
        env.insert(QStringLiteral("WAYLAND_DISPLAY"), m_socket);
        return env;
    }

    QString socket() const { return m_socket; }

private:
    bool prepareRuntimeDir(QString *error) {
        m_runtime = std::make_unique<QTemporaryDir>();
        if (!m_runtime->isValid()) {
            *error = QStringLiteral("cannot create a runtime directory");
            return false;
        }
        QFile::setPermissions(m_runtime->path(),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        return true;
    }

    void handToCompositorUser(const QString &config) const {
        if (::geteuid() != 0)
            return;
        const QByteArray dir = m_runtime->path().toLocal8Bit();
        const QByteArray file = config.toLocal8Bit();
        if (::chown(dir.constData(), kCompositorUid, kCompositorUid) != 0 ||
            ::chown(file.constData(), kCompositorUid, kCompositorUid) != 0)
            qWarning() << "chown to the compositor user failed";
    }

    bool launch(const QStringList &command, const QProcessEnvironment &env, QString *error) {
        m_process = std::make_unique<QProcess>();
        m_process->setProcessEnvironment(env);
        m_process->setProgram(command.first());
        m_process->setArguments(command.mid(1));
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        // Also gone if this process dies without cleaning up (crash, ctest timeout).
        m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
        m_process->start();
        if (!m_process->waitForStarted(5000)) {
            *error =
                command.first() + QStringLiteral(" did not start: ") + m_process->errorString();
            return false;
        }
        // The compositor names its socket itself (sway: wayland-1); it is ready once the
        // socket exists next to its lock file.
        QDir dir(m_runtime->path());
        for (QDeadlineTimer deadline(20s); !deadline.hasExpired();) {
            const QStringList sockets =
                dir.entryList({QStringLiteral("wayland-*")}, QDir::System | QDir::Files);
            for (const QString &name : sockets) {
                if (!name.endsWith(QLatin1String(".lock")) &&
                    dir.exists(name + QStringLiteral(".lock"))) {
                    m_socket = name;
                    return waitUntilServing(error);
                }
            }
            if (m_process->state() == QProcess::NotRunning)
                break;
            QTest::qWait(50);
        }
        *error = command.first() + QStringLiteral(" made no Wayland socket; it said: ") +
                 QString::fromLocal8Bit(m_process->readAll().right(2000));
        stop();
        return false;
    }

    // The socket can appear before the compositor serves it: wait until a backend opens.
    bool waitUntilServing(QString *error) {
        const QByteArray oldRuntime = qgetenv("XDG_RUNTIME_DIR");
        const QByteArray oldDisplay = qgetenv("WAYLAND_DISPLAY");
        useFromHere();
        QString why;
        bool serving = false;
        for (QDeadlineTimer deadline(10s); !serving && !deadline.hasExpired(); QTest::qWait(100)) {
            zp::WaylandIdleBackend probe(Protocol::KdeIdle);
            serving = probe.open(&why) || why.contains(QLatin1String("does not offer"));
        }
        qputenv("XDG_RUNTIME_DIR", oldRuntime);
        qputenv("WAYLAND_DISPLAY", oldDisplay);
        if (!serving)
            *error = QStringLiteral("the compositor does not serve its socket: ") + why;
        return serving;
    }

    std::unique_ptr<QTemporaryDir> m_runtime;
    std::unique_ptr<QProcess> m_process;
    QString m_socket;
};

quint64 wakeupsOf(zp::IdleBackend *backend) {
    return static_cast<zp::WaylandIdleBackend *>(backend)->wakeups();
}

} // namespace

class TestWaylandIdle : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    // sway: org_kde_kwin_idle with real input.
    void kdeIdleFiresAtThreshold();
    void kdeResumeFiresOnInput();
    void kdeResumeWithoutIdleWatch();
    void kdeInputBeforeResumeWatchCounts();
    void kdeNoWakeupsBetweenEvents();
    void kdeCancelStopsWatches();
    void idleTimeIsUnknown();
    void extIdleAbsentOnSway();
    void openFailsWithoutWaylandDisplay();
    void openFailsOnMissingSocket();
    void compositorDeathEmitsFailed();
    void monitorFollowsInput();
    void selectionOnWaylandSkipsX11();
    void diagnoseTellsTheTruth();

    // KWin: ext-idle-notify-v1.
    void extIdleOnKWin();

private:
    std::unique_ptr<zp::IdleBackend> openBackend(Protocol protocol);
    bool type(const Compositor &compositor);

    QString m_wtype;
    Compositor m_sway;
};

void TestWaylandIdle::initTestCase() {
    if (QStandardPaths::findExecutable(QStringLiteral("sway")).isEmpty())
        QSKIP("sway is not installed (Debian: apt install sway); the Wayland idle tests need a "
              "real compositor.");
    m_wtype = QStandardPaths::findExecutable(QStringLiteral("wtype"));
    if (m_wtype.isEmpty())
        QSKIP("wtype is not installed (Debian: apt install wtype); the Wayland idle tests need "
              "it to make input.");
    if (::geteuid() == 0 && QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
        QSKIP("setpriv is missing (util-linux); sway will not run as root.");
    if (!QFileInfo(QStringLiteral("/dev/shm")).isWritable())
        QSKIP("/dev/shm is missing or read-only; wlroots needs it for buffers and keymaps.");
    QString error;
    QVERIFY2(m_sway.startSway(&error), qPrintable(error));
}

void TestWaylandIdle::init() {
    m_sway.useFromHere();
    // A Wayland session: no X11 backend may be chosen, whatever DISPLAY says.
    qputenv("XDG_SESSION_TYPE", "wayland");
}

void TestWaylandIdle::cleanupTestCase() {
    m_sway.stop();
}

std::unique_ptr<zp::IdleBackend> TestWaylandIdle::openBackend(Protocol protocol) {
    auto backend = std::make_unique<zp::WaylandIdleBackend>(protocol);
    QString why;
    if (!backend->open(&why)) {
        qWarning().noquote() << backend->name() << "did not open:" << why;
        return nullptr;
    }
    return backend;
}

// One key press and release through the compositor's virtual-keyboard protocol.
bool TestWaylandIdle::type(const Compositor &compositor) {
    QProcess wtype;
    wtype.setProcessEnvironment(compositor.clientEnvironment());
    wtype.start(m_wtype, {QStringLiteral("-k"), QStringLiteral("space")});
    if (!wtype.waitForFinished(5000)) {
        wtype.kill();
        wtype.waitForFinished(1000);
        return false;
    }
    return wtype.exitStatus() == QProcess::NormalExit && wtype.exitCode() == 0;
}

void TestWaylandIdle::kdeIdleFiresAtThreshold() {
    auto idle = openBackend(Protocol::KdeIdle);
    QVERIFY(idle);
    QSignalSpy reached(idle.get(), &zp::IdleBackend::idleReached);
    QElapsedTimer sinceArmed;
    sinceArmed.start();
    idle->watchIdle(1500ms);
    QVERIFY(reached.wait(4000));
    const qint64 firedAfter = sinceArmed.elapsed();
    figure(QStringLiteral("wayland-kde-idle on sway: idleReached %1 ms after arming 1500 ms")
               .arg(firedAfter));
    QVERIFY2(firedAfter >= 1450, qPrintable(QString::number(firedAfter)));
    QVERIFY2(firedAfter <= 2500, qPrintable(QString::number(firedAfter)));
    QTest::qWait(300);
    QCOMPARE(reached.count(), 1);
}

void TestWaylandIdle::kdeResumeFiresOnInput() {
    auto idle = openBackend(Protocol::KdeIdle);
    QVERIFY(idle);
    QSignalSpy reached(idle.get(), &zp::IdleBackend::idleReached);
    QSignalSpy resumed(idle.get(), &zp::IdleBackend::resumed);
    idle->watchIdle(500ms);
    QVERIFY(reached.wait(3000));
    idle->watchResume();
    QTest::qWait(300);
    QCOMPARE(resumed.count(), 0); // no input yet

    QVERIFY(type(m_sway));
    QElapsedTimer sinceInput;
    sinceInput.start();
    QVERIFY(resumed.count() == 1 || resumed.wait(2000));
    const qint64 latency = sinceInput.elapsed();
    figure(
        QStringLiteral("wayland-kde-idle on sway: resumed %1 ms after wtype exited").arg(latency));
    QVERIFY2(latency <= 500, qPrintable(QString::number(latency)));
    QTest::qWait(200);
    QCOMPARE(resumed.count(), 1); // one-shot: the key release does not report again
    QCOMPARE(reached.count(), 1);
}

void TestWaylandIdle::kdeResumeWithoutIdleWatch() {
    // After a sleep the monitor arms only a resume watch: there is no idle object to follow.
    auto idle = openBackend(Protocol::KdeIdle);
    QVERIFY(idle);
    QSignalSpy reached(idle.get(), &zp::IdleBackend::idleReached);
    QSignalSpy resumed(idle.get(), &zp::IdleBackend::resumed);
    idle->watchResume();
    QTest::qWait(500);
    QCOMPARE(resumed.count(), 0);
    QVERIFY(type(m_sway));
    QVERIFY(resumed.count() == 1 || resumed.wait(2000));
    QTest::qWait(200);
    QCOMPARE(resumed.count(), 1);
    QCOMPARE(reached.count(), 0);
}

void TestWaylandIdle::kdeInputBeforeResumeWatchCounts() {
    // Input that lands between the idle edge and watchResume() is the resume.
    auto idle = openBackend(Protocol::KdeIdle);
    QVERIFY(idle);
    QSignalSpy reached(idle.get(), &zp::IdleBackend::idleReached);
    QSignalSpy resumed(idle.get(), &zp::IdleBackend::resumed);
    idle->watchIdle(300ms);
    QVERIFY(reached.wait(3000));
    QVERIFY(type(m_sway));
    // The compositor's "resumed" arrives while no resume watch is armed, and the watch goes
    // idle again 300 ms later: the person came back in between all the same.
    QTest::qWait(500);
    QCOMPARE(resumed.count(), 0);
    idle->watchResume();
    QCOMPARE(resumed.count(), 0); // delivered from the event loop, not inside watchResume()
    QVERIFY(resumed.wait(1000));
    QCOMPARE(resumed.count(), 1);
}

void TestWaylandIdle::kdeNoWakeupsBetweenEvents() {
    auto idle = openBackend(Protocol::KdeIdle);
    QVERIFY(idle);
    QSignalSpy reached(idle.get(), &zp::IdleBackend::idleReached);
    idle->watchIdle(1500ms);
    const quint64 armed = wakeupsOf(idle.get());
    QTest::qWait(1000);
    const quint64 whileWaiting = wakeupsOf(idle.get()) - armed;
    QVERIFY(reached.wait(2000));
    const quint64 wholeWatch = wakeupsOf(idle.get()) - armed;
    idle->watchResume();
    const quint64 resumeArmed = wakeupsOf(idle.get());
    QTest::qWait(1100);
    const quint64 whileAway = wakeupsOf(idle.get()) - resumeArmed;
    figure(QStringLiteral("wayland-kde-idle on sway: wakeups %1 in the first 1 s of a 1.5 s "
                          "idle watch, %2 for the whole watch, %3 in 1.1 s of resume watch")
               .arg(whileWaiting)
               .arg(wholeWatch)
               .arg(whileAway));
    QCOMPARE(whileWaiting, quint64(0));
    QCOMPARE(wholeWatch, quint64(1)); // the one "idle" event
    QCOMPARE(whileAway, quint64(0));
}

void TestWaylandIdle::kdeCancelStopsWatches() {
    auto idle = openBackend(Protocol::KdeIdle);
    QVERIFY(idle);
    QSignalSpy reached(idle.get(), &zp::IdleBackend::idleReached);
    QSignalSpy resumed(idle.get(), &zp::IdleBackend::resumed);
    idle->watchIdle(300ms);
    idle->watchResume();
    idle->cancelWatches();
    QTest::qWait(600); // past the idle threshold
    QVERIFY(type(m_sway));
    QTest::qWait(300);
    QCOMPARE(reached.count(), 0);
    QCOMPARE(resumed.count(), 0);
}

void TestWaylandIdle::idleTimeIsUnknown() {
    auto idle = openBackend(Protocol::KdeIdle);
    QVERIFY(idle);
    QVERIFY(!idle->idleTime().has_value());
}

void TestWaylandIdle::extIdleAbsentOnSway() {
    zp::WaylandIdleBackend idle(Protocol::ExtIdleNotify);
    QString why;
    if (idle.open(&why))
        QSKIP("this sway offers ext-idle-notify-v1 (sway 1.8+); Debian 12's 1.7 does not");
    figure(QStringLiteral("wayland-ext-idle on sway 1.7: %1").arg(why));
    QCOMPARE(why, QStringLiteral("The Wayland compositor at %1 does not offer "
                                 "ext_idle_notifier_v1.")
                      .arg(m_sway.socket()));
}

void TestWaylandIdle::openFailsWithoutWaylandDisplay() {
    qunsetenv("WAYLAND_DISPLAY");
    zp::WaylandIdleBackend idle(Protocol::KdeIdle);
    QString why;
    QVERIFY(!idle.open(&why));
    QVERIFY2(why.contains(QLatin1String("WAYLAND_DISPLAY is not set")), qPrintable(why));
    // An unopened backend stays harmless.
    idle.watchIdle(1s);
    idle.watchResume();
    idle.cancelWatches();
    QVERIFY(!idle.idleTime());
}

void TestWaylandIdle::openFailsOnMissingSocket() {
    qputenv("WAYLAND_DISPLAY", "wayland-nobody-here");
    zp::WaylandIdleBackend idle(Protocol::ExtIdleNotify);
    QString why;
    QVERIFY(!idle.open(&why));
    figure(QStringLiteral("WAYLAND_DISPLAY=wayland-nobody-here: %1").arg(why));
    QVERIFY2(why.startsWith(QLatin1String("Cannot connect to the Wayland compositor at "
                                          "WAYLAND_DISPLAY=wayland-nobody-here")),
             qPrintable(why));
}

void TestWaylandIdle::compositorDeathEmitsFailed() {
    Compositor doomed;
    QString error;
    QVERIFY2(doomed.startSway(&error), qPrintable(error));
    doomed.useFromHere();
    zp::IdleMonitor monitor;
    QSignalSpy backendFailed(&monitor, &zp::IdleMonitor::backendFailed);
    QVERIFY(monitor.startWith(std::make_unique<zp::WaylandIdleBackend>(Protocol::KdeIdle), 60s));
    QVERIFY(!monitor.isIdle());

    QElapsedTimer sinceDeath;
    doomed.stop();
    sinceDeath.start();
    QVERIFY(backendFailed.wait(5000));
    const QString why = backendFailed.first().first().toString();
    figure(QStringLiteral("wayland-kde-idle: failed %1 ms after sway exited: %2")
               .arg(sinceDeath.elapsed())
               .arg(why));
    QVERIFY2(why.startsWith(QStringLiteral("The connection to the Wayland compositor at %1 was "
                                           "lost")
                                .arg(doomed.socket())),
             qPrintable(why));
    QVERIFY(!monitor.hasBackend());
    QVERIFY(monitor.isIdle()); // no source of truth left: the monitor's honest default
    QTest::qWait(100);
    QCOMPARE(backendFailed.count(), 1);
}

void TestWaylandIdle::monitorFollowsInput() {
    zp::IdleMonitor monitor;
    QSignalSpy changed(&monitor, &zp::IdleMonitor::idleChanged);
    QVERIFY(monitor.startWith(std::make_unique<zp::WaylandIdleBackend>(Protocol::KdeIdle), 1s));
    QCOMPARE(monitor.backendName(), QStringLiteral("wayland-kde-idle"));
    QVERIFY(!monitor.isIdle());
    QVERIFY(changed.wait(3000));
    QVERIFY(monitor.isIdle());

    QVERIFY(type(m_sway));
    QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 2, 2000);
    QCOMPARE(changed.at(1).at(0).toBool(), false);
    QVERIFY(!monitor.isIdle());
    // And idle again one threshold after that input: the idle watch was re-armed.
    QVERIFY(changed.wait(3000));
    QCOMPARE(changed.at(2).at(0).toBool(), true);
}

void TestWaylandIdle::selectionOnWaylandSkipsX11() {
    // Even with an X server around (XWayland sets DISPLAY), a Wayland session never tries X11.
    qputenv("DISPLAY", ":0");
    const QStringList candidates = zp::idleBackendCandidates();
    QVERIFY2(!candidates.contains(QStringLiteral("xsync")), qPrintable(candidates.join(',')));
    QVERIFY2(!candidates.contains(QStringLiteral("xscreensaver")),
             qPrintable(candidates.join(',')));
    const qsizetype ext = candidates.indexOf(QStringLiteral("wayland-ext-idle"));
    const qsizetype kde = candidates.indexOf(QStringLiteral("wayland-kde-idle"));
    QVERIFY2(ext >= 0 && kde == ext + 1, qPrintable(candidates.join(',')));

    // Picked for real on sway: ext-idle-notify is not offered there, KDE's protocol is.
    zp::IdleMonitor monitor;
    QVERIFY(monitor.start(60s));
    QCOMPARE(monitor.backendName(), QStringLiteral("wayland-kde-idle"));
    QStringList tried;
    for (const zp::IdleMonitor::Attempt &attempt : monitor.attempts()) {
        tried << attempt.backend;
        QVERIFY(!attempt.backend.startsWith(QLatin1Char('x')));
    }
    // ext-idle-notify was tried (and refused) right before KDE's protocol was taken.
    QVERIFY2(tried.size() >= 2 && tried.last() == QLatin1String("wayland-kde-idle") &&
                 tried.at(tried.size() - 2) == QLatin1String("wayland-ext-idle"),
             qPrintable(tried.join(',')));
}

void TestWaylandIdle::diagnoseTellsTheTruth() {
    const QString agent = QStringLiteral(ZP_BINARY_DIR "/app/zulip-presence");
    if (!QFileInfo::exists(agent))
        QSKIP("the zulip-presence executable is not built");
    QProcess process;
    QProcessEnvironment env = m_sway.clientEnvironment();
    env.insert(QStringLiteral("XDG_SESSION_TYPE"), QStringLiteral("wayland"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    process.start(agent, {QStringLiteral("--idle-backend"), QStringLiteral("wayland-kde-idle"),
                          QStringLiteral("--diagnose")});
    QVERIFY(process.waitForFinished(15000));
    QCOMPARE(process.exitCode(), 0);
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    figure(QStringLiteral("--diagnose on sway:\n%1").arg(out));
    QVERIFY2(out.contains(QStringLiteral("backend wayland-kde-idle: works (Wayland compositor at "
                                         "%1, org_kde_kwin_idle version 1)")
                              .arg(m_sway.socket())),
             qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("chosen: wayland-kde-idle\n")), qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("idle time: this backend cannot read it\n")),
             qPrintable(out));
    QVERIFY2(!out.contains(QLatin1String("xsync")), qPrintable(out));
}

void TestWaylandIdle::extIdleOnKWin() {
    // About 2.5 s and 126 MB here; ZP_TEST_KWIN=0 leaves it out on machines where that is
    // too much.
    if (qEnvironmentVariable("ZP_TEST_KWIN") == QLatin1String("0"))
        QSKIP("ZP_TEST_KWIN=0: the KWin test is switched off");
    if (QStandardPaths::findExecutable(QStringLiteral("kwin_wayland")).isEmpty())
        QSKIP("kwin_wayland is not installed (Debian: apt install kwin-wayland)");
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("KWin needs a session bus: run under dbus-run-session");
    Compositor kwin;
    QString error;
    QVERIFY2(kwin.startKWin(&error), qPrintable(error));
    kwin.useFromHere();

    auto idle = std::make_unique<zp::WaylandIdleBackend>(Protocol::ExtIdleNotify);
    QString why;
    QVERIFY2(idle->open(&why), qPrintable(why));
    figure(QStringLiteral("wayland-ext-idle on KWin: %1").arg(why));
    QVERIFY(idle->boundVersion() >= 1);
    QVERIFY2(why.contains(QLatin1String("ext_idle_notifier_v1 version")), qPrintable(why));
    QSignalSpy reached(idle.get(), &zp::IdleBackend::idleReached);
    QSignalSpy failed(idle.get(), &zp::IdleBackend::failed);
    QElapsedTimer sinceArmed;
    sinceArmed.start();
    idle->watchIdle(1500ms);
    QVERIFY(reached.wait(5000));
    const qint64 firedAfter = sinceArmed.elapsed();
    figure(QStringLiteral("wayland-ext-idle on KWin: idleReached %1 ms after arming 1500 ms")
               .arg(firedAfter));
    // KWin's own idle timer is coarse: 1424-1575 ms were seen for 1500 ms.
    QVERIFY2(firedAfter >= 1300 && firedAfter <= 3000, qPrintable(QString::number(firedAfter)));
    // Resume cannot be injected into KWin --virtual (no virtual input protocol for us): the
    // resume watch is only checked to stay quiet without input.
    idle->watchResume();
    QTest::qWait(500);
    QCOMPARE(reached.count(), 1);

    kwin.stop();
    QVERIFY(failed.wait(5000));
}

QTEST_GUILESS_MAIN(TestWaylandIdle)

#include "tst_waylandidle.moc"
