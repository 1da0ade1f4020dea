// The whole agent as a person meets it: a virtual X server (Xvfb, -noreset so the idle
// counter is not reset when clients disconnect), a tray panel (trayer), the dev realm, the
// agent with --idle-after 3, and real input from xdotool.
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

QString findTool(const char *name) {
    return QStandardPaths::findExecutable(QString::fromLatin1(name));
}

struct Report {
    qint64 wallMs;
    QString status;
};

QByteArray readFile(const QString &path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestE2eTray : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void reportsIdleThenActiveOnRealInput();
    void popupOpensFromTheTrayIcon();
    void aSecondStartNeverReportsTwice();
    void aFirstStartSaysWhatHappens();

private:
    QList<Report> reports() const;
    bool runTool(const QString &tool, const QStringList &args, QByteArray *out = nullptr);
    void stop(QProcess &p);

    QTemporaryDir m_dir;
    QProcess m_xvfb, m_trayer, m_realm, m_agent;
    QString m_display;
    QString m_log;
    QProcessEnvironment m_env;
};

void TestE2eTray::initTestCase() {
    for (const char *tool : {"Xvfb", "trayer", "xdotool", "xwininfo"}) {
        if (findTool(tool).isEmpty())
            QSKIP(qPrintable(
                QStringLiteral("%1 is not installed (packaging/debian-deps.sh test installs it)")
                    .arg(QLatin1String(tool))));
    }
    // -displayfd: Xvfb picks a free display and tells us its number once it accepts clients.
    m_xvfb.start(findTool("Xvfb"),
                 {QStringLiteral("-displayfd"), QStringLiteral("1"), QStringLiteral("-screen"),
                  QStringLiteral("0"), QStringLiteral("1280x800x24"), QStringLiteral("-nolisten"),
                  QStringLiteral("tcp"), QStringLiteral("-noreset")});
    QVERIFY(m_xvfb.waitForStarted(5000));
    QTRY_VERIFY_WITH_TIMEOUT(m_xvfb.canReadLine(), 10000);
    m_display = QStringLiteral(":") + QString::fromLatin1(m_xvfb.readLine()).trimmed();

    m_env = QProcessEnvironment::systemEnvironment();
    m_env.insert(QStringLiteral("DISPLAY"), m_display);
    m_env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    m_env.remove(QStringLiteral("XDG_SESSION_TYPE"));
    m_env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    // The one-agent-per-person socket lives here: a directory of this test's own, so agents of
    // other tests (ctest -j) never meet this one.
    const QString runtime = m_dir.filePath(QStringLiteral("run"));
    QVERIFY(QDir().mkpath(runtime));
    QFile::setPermissions(runtime,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    m_env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
    // No StatusNotifier watcher on this bus: Qt docks into trayer through XEmbed.
    m_env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("disabled:"));

    m_trayer.setProcessEnvironment(m_env);
    m_trayer.start(findTool("trayer"),
                   {QStringLiteral("--edge"), QStringLiteral("top"), QStringLiteral("--align"),
                    QStringLiteral("right"), QStringLiteral("--widthtype"),
                    QStringLiteral("request"), QStringLiteral("--height"), QStringLiteral("28")});
    QVERIFY(m_trayer.waitForStarted(5000));

    m_log = m_dir.filePath(QStringLiteral("requests.jsonl"));
    const QString zuliprc = m_dir.filePath(QStringLiteral("zuliprc"));
    m_realm.start(QStringLiteral(ZP_DEVREALM_EXE),
                  {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--users"),
                   QStringLiteral("24"), QStringLiteral("--seed"), QStringLiteral("11"),
                   QStringLiteral("--ping-interval"), QStringLiteral("1"),
                   QStringLiteral("--write-zuliprc"), zuliprc, QStringLiteral("--log-requests"),
                   m_log});
    QVERIFY(m_realm.waitForStarted(5000));
    QTRY_VERIFY_WITH_TIMEOUT(m_realm.canReadLine(), 10000);

    QTest::qWait(500); // let trayer claim the tray selection first, as a panel at login would
    m_agent.setProcessEnvironment(m_env);
    m_agent.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_agent.start(QStringLiteral(ZP_AGENT_EXE),
                  {QStringLiteral("--zuliprc"), zuliprc, QStringLiteral("--idle-after"),
                   QStringLiteral("3")});
    QVERIFY(m_agent.waitForStarted(5000));
}

void TestE2eTray::stop(QProcess &p) {
    if (p.state() == QProcess::NotRunning)
        return;
    p.terminate();
    if (!p.waitForFinished(3000)) {
        p.kill();
        p.waitForFinished(2000);
    }
}

void TestE2eTray::cleanupTestCase() {
    stop(m_agent);
    stop(m_realm);
    stop(m_trayer);
    stop(m_xvfb);
}

QList<Report> TestE2eTray::reports() const {
    QList<Report> out;
    QFile f(m_log);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.value(QLatin1String("path")).toString() != QLatin1String("/api/v1/users/me/presence"))
            continue;
        const QDateTime wall =
            QDateTime::fromString(o.value(QLatin1String("wall")).toString(), Qt::ISODateWithMs);
        out << Report{
            wall.toMSecsSinceEpoch(),
            o.value(QLatin1String("form")).toObject().value(QLatin1String("status")).toString()};
    }
    return out;
}

bool TestE2eTray::runTool(const QString &tool, const QStringList &args, QByteArray *out) {
    QProcess p;
    p.setProcessEnvironment(m_env);
    p.start(findTool(tool.toLatin1().constData()), args);
    if (!p.waitForFinished(10000))
        return false;
    if (out)
        *out = p.readAllStandardOutput();
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

void TestE2eTray::reportsIdleThenActiveOnRealInput() {
    QTRY_VERIFY_WITH_TIMEOUT(!reports().isEmpty(), 10000);
    QCOMPARE(reports().first().status, QStringLiteral("active"));
    // Nobody touches anything: after 3 s the agent reports idle at its next tick (1 s).
    QTRY_VERIFY_WITH_TIMEOUT(reports().last().status == QLatin1String("idle"), 8000);
    const int idleReports = int(reports().size());
    QTRY_VERIFY_WITH_TIMEOUT(reports().size() > idleReports, 3000);
    QCOMPARE(reports().last().status, QStringLiteral("idle"));

    const qint64 moved = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(runTool(QStringLiteral("xdotool"),
                    {QStringLiteral("mousemove"), QStringLiteral("400"), QStringLiteral("300")}));
    QTRY_VERIFY_WITH_TIMEOUT(reports().last().status == QLatin1String("active"), 3000);
    const QList<Report> all = reports();
    auto firstActive = std::find_if(all.begin(), all.end(), [&](const Report &r) {
        return r.wallMs >= moved - 50 && r.status == QLatin1String("active");
    });
    QVERIFY(firstActive != all.end());
    const qint64 latency = firstActive->wallMs - moved;
    qInfo("active reported %lld ms after the mouse moved", latency);
    QVERIFY2(latency < 1000, qPrintable(QString::number(latency)));
}

void TestE2eTray::popupOpensFromTheTrayIcon() {
    // trayer sits at the top right; with one icon, the icon is its rightmost 24 px.
    QByteArray tree;
    QTRY_VERIFY_WITH_TIMEOUT(runTool(QStringLiteral("xwininfo"),
                                     {QStringLiteral("-root"), QStringLiteral("-tree")}, &tree) &&
                                 tree.contains("panel"),
                             5000);
    QVERIFY(runTool(QStringLiteral("xdotool"),
                    {QStringLiteral("mousemove"), QStringLiteral("1268"), QStringLiteral("14"),
                     QStringLiteral("click"), QStringLiteral("1")}));
    QTRY_VERIFY_WITH_TIMEOUT(runTool(QStringLiteral("xwininfo"),
                                     {QStringLiteral("-root"), QStringLiteral("-tree")}, &tree) &&
                                 tree.contains("\"Zulip presence\": (\"zulip-presence\""),
                             5000);
    QTest::qWait(800); // let it paint
    const QString dir = QStringLiteral(ZP_BINARY_DIR) + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    const QString shot = dir + QStringLiteral("/popup-xvfb-trayer.png");
    if (!findTool("import").isEmpty()) {
        QVERIFY(runTool(QStringLiteral("import"),
                        {QStringLiteral("-window"), QStringLiteral("root"), shot}));
        QVERIFY(QFileInfo(shot).size() > 1000);
        qInfo("screenshot: %s", qPrintable(shot));
    }

    // The avatars on screen were fetched and decoded as PNG without loading Qt's image
    // plugins: asked to guess, Qt loads all ten (TIFF, WebP, MNG...) for the agent's life.
    QTRY_VERIFY_WITH_TIMEOUT(readFile(m_log).contains("/user_avatars/"), 5000);
    QTest::qWait(500);
    const QByteArray maps = readFile(QStringLiteral("/proc/%1/maps").arg(m_agent.processId()));
    QVERIFY(maps.contains("libQt6Gui"));
    QVERIFY2(!maps.contains("/imageformats/"), maps.constData());
}

void TestE2eTray::aSecondStartNeverReportsTwice() {
    // The popup is open from the test before; close it (a click on the icon toggles it).
    const auto popupVisible = [this] {
        QByteArray found;
        runTool(QStringLiteral("xdotool"),
                {QStringLiteral("search"), QStringLiteral("--onlyvisible"),
                 QStringLiteral("--name"), QStringLiteral("^Zulip presence$")},
                &found);
        return !found.trimmed().isEmpty();
    };
    QVERIFY(popupVisible());
    QVERIFY(runTool(QStringLiteral("xdotool"),
                    {QStringLiteral("mousemove"), QStringLiteral("1268"), QStringLiteral("14"),
                     QStringLiteral("click"), QStringLiteral("1")}));
    QTRY_VERIFY_WITH_TIMEOUT(!popupVisible(), 5000);
    const auto registers = [this] { return readFile(m_log).count("\"/api/v1/register\""); };
    const qsizetype registered = registers();
    QVERIFY(registered >= 1);
    const QString zuliprc = m_dir.filePath(QStringLiteral("zuliprc"));
    const auto runSecond = [this](const QStringList &args, QByteArray *err) {
        QProcess second;
        second.setProcessEnvironment(m_env);
        second.start(QStringLiteral(ZP_AGENT_EXE), args);
        if (!second.waitForFinished(10000)) {
            second.kill();
            second.waitForFinished();
            return -1;
        }
        *err = second.readAllStandardError();
        return second.exitStatus() == QProcess::NormalExit ? second.exitCode() : -1;
    };

    // A headless reporter refuses to start beside the tray, and leaves its list closed.
    QByteArray err;
    QCOMPARE(runSecond({QStringLiteral("--headless"), QStringLiteral("--zuliprc"), zuliprc}, &err),
             4);
    QVERIFY2(err.contains("already reports for you"), err.constData());
    QTest::qWait(700);
    QVERIFY(!popupVisible());

    // A second tray start opens the first one's list and ends; asked for an account, it says
    // that account was not used.
    QCOMPARE(runSecond({QStringLiteral("--zuliprc"), zuliprc}, &err), 0);
    QVERIFY2(err.contains("it keeps the account it has"), err.constData());
    QTRY_VERIFY_WITH_TIMEOUT(popupVisible(), 5000);
    QTest::qWait(500);
    QCOMPARE(registers(), registered);
}

void TestE2eTray::aFirstStartSaysWhatHappens() {
    // Nobody set up yet: no settings, no ~/.zuliprc. That is no error worth naming a file
    // for; the person hears that the settings window is there to add an account.
    QTemporaryDir home;
    QDir(home.path()).mkpath(QStringLiteral("runtime"));
    QFile::setPermissions(home.filePath(QStringLiteral("runtime")),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QProcessEnvironment env = m_env;
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.filePath(QStringLiteral("runtime")));
    QProcess first;
    first.setProcessEnvironment(env);
    first.start(QStringLiteral(ZP_AGENT_EXE), QStringList{});
    QVERIFY(first.waitForStarted(5000));
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((err += first.readAllStandardError()).contains("settings window"),
                             10000);
    QVERIFY2(err.contains("no Zulip account set up yet"), err.constData());
    QVERIFY2(!err.contains("does not exist"), err.constData());
    stop(first);
}

QTEST_GUILESS_MAIN(TestE2eTray)
#include "tst_e2e_tray.moc"
