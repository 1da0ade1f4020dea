// zulip-presence as scripts run it: real processes, the real dev realm executable, exit
// codes and output streams.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <csignal>
#include <memory>

namespace {

struct RealmProcess {
    QProcess process;
    QString baseUrl;
    QString zuliprc;
    QString log;

    bool start(const QTemporaryDir &dir, const QStringList &extra = {}) {
        zuliprc = dir.filePath(QStringLiteral("zuliprc"));
        log = dir.filePath(QStringLiteral("requests.jsonl"));
        process.setProcessChannelMode(QProcess::SeparateChannels);
        process.start(QStringLiteral(ZP_DEVREALM_EXE),
                      QStringList{QStringLiteral("--port"), QStringLiteral("0"),
                                  QStringLiteral("--users"), QStringLiteral("25"),
                                  QStringLiteral("--seed"), QStringLiteral("3"),
                                  QStringLiteral("--write-zuliprc"), zuliprc,
                                  QStringLiteral("--log-requests"), log} +
                          extra);
        if (!process.waitForStarted(5000))
            return false;
        for (int i = 0; i < 100 && !process.canReadLine(); ++i)
            process.waitForReadyRead(100);
        baseUrl = QString::fromUtf8(process.readLine()).trimmed();
        return baseUrl.startsWith(QLatin1String("http://127.0.0.1:"));
    }
    ~RealmProcess() {
        process.terminate();
        if (!process.waitForFinished(3000))
            process.kill();
    }
    QList<QJsonObject> requests() const {
        QFile f(log);
        QList<QJsonObject> out;
        if (!f.open(QIODevice::ReadOnly))
            return out;
        for (const QByteArray &line : f.readAll().split('\n'))
            if (!line.trimmed().isEmpty())
                out << QJsonDocument::fromJson(line).object();
        return out;
    }
};

// POST to the dev realm's control API (/devrealm/<path>).
void postControl(const QString &baseUrl, const QString &path,
                 const QList<std::pair<QString, QString>> &fields) {
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(QUrl(baseUrl + QStringLiteral("/devrealm/") + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QStringLiteral("application/x-www-form-urlencoded"));
    QUrlQuery form;
    for (const auto &[key, value] : fields)
        form.addQueryItem(key, value);
    QNetworkReply *reply = network.post(request, form.toString(QUrl::FullyEncoded).toUtf8());
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(5000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
}

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runAgent(const QStringList &args, int timeoutMs = 30000,
             const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment()) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(ZP_AGENT_EXE), args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString writeRc(const QTemporaryDir &dir, const QString &name, const QByteArray &contents) {
    const QString path = dir.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(contents);
    return path;
}

QByteArray rcWith(const QString &zuliprc, const char *key, const QByteArray &value) {
    QFile f(zuliprc);
    f.open(QIODevice::ReadOnly);
    QByteArray out;
    for (const QByteArray &line : f.readAll().split('\n'))
        out += (line.startsWith(QByteArray(key) + '=') || line.startsWith(QByteArray(key) + ' ')
                    ? QByteArray(key) + '=' + value
                    : line) +
               '\n';
    return out;
}

// Who the popup must list, straight from the realm's GET /api/v1/users: no bots, no
// deactivated users, not the account itself.
QSet<qint64> expectedListedIds(const RealmProcess &realm) {
    QFile rc(realm.zuliprc);
    rc.open(QIODevice::ReadOnly);
    QString email, key;
    for (const QByteArray &line : rc.readAll().split('\n')) {
        if (line.startsWith("email="))
            email = QString::fromUtf8(line.mid(6)).trimmed();
        if (line.startsWith("key="))
            key = QString::fromUtf8(line.mid(4)).trimmed();
    }
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(realm.baseUrl + QStringLiteral("/api/v1/users")));
    request.setRawHeader("Authorization",
                         "Basic " + (email + QLatin1Char(':') + key).toUtf8().toBase64());
    QNetworkReply *reply = nam.get(request);
    QSignalSpy(reply, &QNetworkReply::finished).wait(5000);
    QSet<qint64> ids;
    const QJsonArray members = QJsonDocument::fromJson(reply->readAll())
                                   .object()
                                   .value(QLatin1String("members"))
                                   .toArray();
    for (const QJsonValue &m : members) {
        const QJsonObject o = m.toObject();
        if (!o.value(QLatin1String("is_bot")).toBool() &&
            o.value(QLatin1String("is_active")).toBool() &&
            o.value(QLatin1String("delivery_email")).toString() != email &&
            o.value(QLatin1String("email")).toString() != email)
            ids.insert(qint64(o.value(QLatin1String("user_id")).toDouble()));
    }
    delete reply;
    return ids;
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        // The agents started here claim the one-agent-per-person socket: a runtime directory
        // of their own, so other tests' agents (ctest -j) and the person's never meet them.
        QVERIFY(m_runtime.isValid());
        QFile::setPermissions(m_runtime.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                    QFileDevice::ExeOwner);
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime.path()));
    }
    void help();
    void trayWithoutADisplaySaysWhatToDo_data();
    void trayWithoutADisplaySaysWhatToDo();
    void statusJsonListsCoworkersAndChangesNothing();
    void statusText();
    void statusIsTheSameOnEveryServerGeneration();
    void statusFailures_data();
    void statusFailures();
    void nothingSetUpSaysHowToAddAnAccount_data();
    void nothingSetUpSaysHowToAddAnAccount();
    void damagedSettingsAreReportedInEveryMode_data();
    void damagedSettingsAreReportedInEveryMode();
    void headlessJsonLines();
    void debugLoggingSaysWhatTheAgentDoes();
    void headlessBadKeyEnds();
    void headlessHangUp_data();
    void headlessHangUp();
    void devRealmTlsFiles_data();
    void devRealmTlsFiles();

private:
    QTemporaryDir m_runtime;
};

void TestCli::statusIsTheSameOnEveryServerGeneration() {
    // One static realm history served as each generation answers it: current (incremental),
    // slim (1-262), before register had server_timestamp (< 70: the Date header is the
    // server's clock), and before 3.0 (legacy). The dots must not depend on the format.
    QMap<int, QByteArray> verdicts;
    for (int level : {372, 100, 60, 0}) {
        QTemporaryDir dir;
        RealmProcess realm;
        QVERIFY(realm.start(dir, {QStringLiteral("--static"), QStringLiteral("--feature-level"),
                                  QString::number(level)}));
        const Run r = runAgent({QStringLiteral("--status"), QStringLiteral("--json"),
                                QStringLiteral("--zuliprc"), realm.zuliprc});
        QCOMPARE(r.exitCode, 0);
        QByteArray statuses;
        const QJsonArray list = QJsonDocument::fromJson(r.out).array();
        QVERIFY(list.size() > 10);
        for (const QJsonValue &v : list)
            statuses += QByteArray::number(v[QStringLiteral("user_id")].toInt()) + '=' +
                        v[QStringLiteral("status")].toString().toLatin1() + ' ';
        verdicts.insert(level, statuses);
        QVERIFY2(statuses.contains("=idle") && statuses.contains("=offline"), statuses.constData());
    }
    for (int level : {100, 60, 0})
        QVERIFY2(verdicts.value(level) == verdicts.value(372),
                 qPrintable(QStringLiteral("level %1: %2\nlevel 372: %3")
                                .arg(level)
                                .arg(QString::fromLatin1(verdicts.value(level)),
                                     QString::fromLatin1(verdicts.value(372)))));
}

void TestCli::help() {
    const Run r = runAgent({QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    for (const char *option : {"--zuliprc", "--headless", "--json", "--status", "--idle-after"})
        QVERIFY2(r.out.contains(option), option);
}

void TestCli::trayWithoutADisplaySaysWhatToDo_data() {
    QTest::addColumn<QString>("display");
    QTest::addColumn<QString>("waylandDisplay");
    QTest::addColumn<QString>("why");
    QTest::newRow("nothing set") << ""
                                 << ""
                                 << "neither DISPLAY nor WAYLAND_DISPLAY is set";
    // A DISPLAY left behind in tmux or ssh after the X session ended.
    QTest::newRow("stale DISPLAY") << ":77"
                                   << ""
                                   << "the X server at DISPLAY=:77 does not answer";
    // A Wayland socket that is not there (or a Qt without its Wayland plugin).
    QTest::newRow("Wayland only, nobody there") << ""
                                                << "zp-no-such-compositor"
                                                << "Wayland";
}

void TestCli::trayWithoutADisplaySaysWhatToDo() {
    // Qt alone aborts there with "Reinstalling the application may fix this problem".
    QFETCH(QString, display);
    QFETCH(QString, waylandDisplay);
    QFETCH(QString, why);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET", "QT_QPA_PLATFORM"})
        env.remove(QString::fromLatin1(name));
    if (!display.isEmpty())
        env.insert(QStringLiteral("DISPLAY"), display);
    if (!waylandDisplay.isEmpty())
        env.insert(QStringLiteral("WAYLAND_DISPLAY"), waylandDisplay);
    const Run r = runAgent({}, 30000, env);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("no display to show a tray icon on") && r.err.contains("--headless"),
             r.err.constData());
    QVERIFY2(r.err.contains(why.toUtf8()), r.err.constData());
    QVERIFY(!r.err.contains("Reinstalling"));
}

void TestCli::nothingSetUpSaysHowToAddAnAccount_data() {
    QTest::addColumn<QString>("mode");
    QTest::newRow("--status") << QStringLiteral("--status");
    QTest::newRow("--headless") << QStringLiteral("--headless");
}

void TestCli::nothingSetUpSaysHowToAddAnAccount() {
    // A first try with nothing set up: how to add an account, not that ~/.zuliprc is missing.
    QFETCH(QString, mode);
    QTemporaryDir home;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    const Run r = runAgent({mode}, 30000, env);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("no Zulip account set up") && r.err.contains("--zuliprc"),
             r.err.constData());
    QVERIFY2(!r.err.contains("does not exist"), r.err.constData());
}

void TestCli::damagedSettingsAreReportedInEveryMode_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("onStdout");
    QTest::newRow("--status") << QStringList{QStringLiteral("--status")} << false;
    QTest::newRow("--headless") << QStringList{QStringLiteral("--headless")} << false;
    QTest::newRow("--diagnose") << QStringList{QStringLiteral("--diagnose")} << true;
}

void TestCli::damagedSettingsAreReportedInEveryMode() {
    // Only the tray said so before: the one-shot modes read the same file and used defaults
    // without a word.
    QFETCH(QStringList, args);
    QFETCH(bool, onStdout);
    QTemporaryDir home;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    QVERIFY(QDir(home.path()).mkpath(QStringLiteral("config/zulip-presence")));
    const QByteArray junk("\x00\x01garbage [[[\n", 15);
    writeRc(home, QStringLiteral("config/zulip-presence/zulip-presence.conf"), junk);
    const Run r = runAgent(args, 30000, env);
    const QByteArray said = onStdout ? r.out : r.err;
    QVERIFY2(said.contains("zulip-presence.conf is damaged; using defaults"),
             (r.out + r.err).constData());
    if (args.contains(QStringLiteral("--diagnose")))
        QVERIFY2(r.out.contains("idle after: 300 s (the default: the settings file is not used)"),
                 r.out.constData());
    // Reading it changed nothing: the file stays as it was until a save moves it aside.
    QFile file(home.filePath(QStringLiteral("config/zulip-presence/zulip-presence.conf")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), junk);
}

void TestCli::statusJsonListsCoworkersAndChangesNothing() {
    QTemporaryDir dir;
    RealmProcess realm;
    QVERIFY(realm.start(dir));
    const Run r = runAgent({QStringLiteral("--status"), QStringLiteral("--json"),
                            QStringLiteral("--zuliprc"), realm.zuliprc});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QJsonParseError error{};
    const QJsonArray list = QJsonDocument::fromJson(r.out, &error).array();
    QVERIFY2(error.error == QJsonParseError::NoError, r.out.constData());
    QVERIFY(list.size() >= 15);

    // Expected: the realm's users minus bots, deactivated users and the account itself.
    QSet<qint64> listed;
    QSet<QString> statuses;
    for (const QJsonValue &v : list) {
        const QJsonObject o = v.toObject();
        for (const char *key : {"user_id", "full_name", "email", "status", "last_active"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        listed.insert(qint64(o.value(QLatin1String("user_id")).toDouble()));
        statuses.insert(o.value(QLatin1String("status")).toString());
        QVERIFY(!o.value(QLatin1String("full_name")).toString().isEmpty());
    }
    QCOMPARE(qsizetype(listed.size()), list.size());
    QCOMPARE(listed, expectedListedIds(realm));
    for (const QString &s : statuses)
        QVERIFY2(s == QLatin1String("active") || s == QLatin1String("idle") ||
                     s == QLatin1String("offline"),
                 qPrintable(s));

    const QList<QJsonObject> requests = realm.requests();
    bool deletedQueue = false;
    for (const QJsonObject &req : requests) {
        QVERIFY2(req.value(QLatin1String("path")).toString() !=
                     QLatin1String("/api/v1/users/me/presence"),
                 "--status must never report the person's own presence");
        deletedQueue |=
            req.value(QLatin1String("method")).toString() == QLatin1String("DELETE") &&
            req.value(QLatin1String("path")).toString() == QLatin1String("/api/v1/events");
    }
    QVERIFY(deletedQueue);
}

void TestCli::statusText() {
    QTemporaryDir dir;
    RealmProcess realm;
    QVERIFY(realm.start(dir));
    const Run r =
        runAgent({QStringLiteral("--status"), QStringLiteral("--zuliprc"), realm.zuliprc});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QVERIFY(lines.size() >= 15);
    QVERIFY(lines.first().startsWith("active") || lines.first().startsWith("idle") ||
            lines.first().startsWith("offline"));
}

void TestCli::statusFailures_data() {
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrPart");
    QTest::newRow("bad key") << "badkey" << 1 << "did not accept";
    QTest::newRow("unreachable") << "unreachable" << 1
                                 << "The server 127.0.0.1:9 cannot be reached";
    QTest::newRow("plain http elsewhere") << "http" << 2 << "plain http://";
    QTest::newRow("insecure") << "insecure" << 2 << "insecure=true";
    QTest::newRow("missing zuliprc") << "missing" << 2 << "does not exist";
    QTest::newRow("broken zuliprc") << "broken" << 2 << "lacks";
    QTest::newRow("unusable presence data") << "unusable" << 1 << "presence data is unusable";
    QTest::newRow("presence off for the organization")
        << "presence off" << 1 << "organization has turned presence off";
    // It ends at once, so it must not claim to be waiting.
    QTest::newRow("rate limited") << "rate limited" << 1 << "slow down; try again in 12 s.";
    // A proxy's 429 names no wait: none is made up.
    QTest::newRow("rate limited, no wait named")
        << "rate limited bare" << 1 << "slow down; try again later.";
    // Escape sequences would retitle the terminal and clear it; the override reverses text.
    QTest::newRow("terminal escapes in the server's words")
        << "hostile message" << 1 << "Bad ]0;PWNED [2J [31mredevil forged line";
}

void TestCli::statusFailures() {
    QFETCH(QString, scenario);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrPart);
    QTemporaryDir dir;
    RealmProcess realm;
    QVERIFY(realm.start(dir));
    QString rc = realm.zuliprc;
    if (scenario == QLatin1String("badkey"))
        rc = writeRc(dir, QStringLiteral("bad"),
                     rcWith(realm.zuliprc, "key", "abcdefghijABCDEFGHIJ0123456789xy"));
    else if (scenario == QLatin1String("unreachable"))
        rc = writeRc(dir, QStringLiteral("dead"),
                     rcWith(realm.zuliprc, "site", "http://127.0.0.1:9"));
    else if (scenario == QLatin1String("http"))
        rc = writeRc(dir, QStringLiteral("http"),
                     rcWith(realm.zuliprc, "site", "http://chat.example.com"));
    else if (scenario == QLatin1String("insecure"))
        rc = writeRc(dir, QStringLiteral("insecure"),
                     QFile::exists(realm.zuliprc)
                         ? rcWith(realm.zuliprc, "site", "https://chat.example.com") +
                               "insecure=true\n"
                         : QByteArray());
    else if (scenario == QLatin1String("missing"))
        rc = dir.filePath(QStringLiteral("nothing-here"));
    else if (scenario == QLatin1String("broken"))
        rc = writeRc(dir, QStringLiteral("broken"), "[api]\nemail=x@y\n");
    else if (scenario == QLatin1String("unusable")) {
        // A register answer whose server clock is absurd: no dot can be computed from it.
        postControl(
            realm.baseUrl, QStringLiteral("faults"),
            {{QStringLiteral("path"), QStringLiteral("/api/v1/register")},
             {QStringLiteral("status"), QStringLiteral("200")},
             {QStringLiteral("body"),
              QStringLiteral(R"({"result":"success","msg":"","queue_id":"q1","last_event_id":-1,)"
                             R"("zulip_feature_level":372,"user_id":10,"realm_users":[],)"
                             R"("presences":{},"server_timestamp":1e308})")}});
    } else if (scenario == QLatin1String("rate limited")) {
        postControl(realm.baseUrl, QStringLiteral("faults"),
                    {{QStringLiteral("path"), QStringLiteral("/api/v1/register")},
                     {QStringLiteral("status"), QStringLiteral("429")},
                     {QStringLiteral("retry_after"), QStringLiteral("11.2")}});
    } else if (scenario == QLatin1String("rate limited bare")) {
        postControl(realm.baseUrl, QStringLiteral("faults"),
                    {{QStringLiteral("kind"), QStringLiteral("non_json")},
                     {QStringLiteral("path"), QStringLiteral("/api/v1/register")},
                     {QStringLiteral("status"), QStringLiteral("429")}});
    } else if (scenario == QLatin1String("hostile message")) {
        postControl(realm.baseUrl, QStringLiteral("faults"),
                    {{QStringLiteral("path"), QStringLiteral("/api/v1/register")},
                     {QStringLiteral("status"), QStringLiteral("400")},
                     {QStringLiteral("body"),
                      QStringLiteral(R"({"result":"error","code":"BAD_REQUEST","msg":)"
                                     R"("Bad\u001b]0;PWNED\u0007\u001b[2J\u001b[31mred\u202eevil)"
                                     R"(\nforged line"})")}});
    } else if (scenario == QLatin1String("presence off")) {
        // Everyone would come out "offline": made up, so nothing is printed.
        postControl(realm.baseUrl, QStringLiteral("realm_presence_disabled"),
                    {{QStringLiteral("value"), QStringLiteral("true")}});
    }
    const Run r = runAgent({QStringLiteral("--status"), QStringLiteral("--zuliprc"), rc});
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.contains(stderrPart.toUtf8()), r.err.constData());
    QVERIFY2(r.err.trimmed().split('\n').size() <= 2, r.err.constData());
    QVERIFY(!r.err.contains("abcdefghijABCDEFGHIJ"));
    QVERIFY(!r.err.contains('\x1b') && !r.err.contains('\x07') && !r.err.contains("\u202e"));
}

void TestCli::headlessJsonLines() {
    QTemporaryDir dir;
    RealmProcess realm;
    QVERIFY(realm.start(dir, {QStringLiteral("--ping-interval"), QStringLiteral("1")}));
    QProcess agent;
    agent.start(QStringLiteral(ZP_AGENT_EXE),
                {QStringLiteral("--headless"), QStringLiteral("--json"),
                 QStringLiteral("--zuliprc"), realm.zuliprc});
    QVERIFY(agent.waitForStarted());
    QList<QJsonObject> lines;
    QElapsedTimer timer;
    timer.start();
    while (lines.size() < 3 && timer.elapsed() < 10000) {
        agent.waitForReadyRead(500);
        while (agent.canReadLine()) {
            QJsonParseError error{};
            const QJsonDocument doc = QJsonDocument::fromJson(agent.readLine(), &error);
            QVERIFY2(error.error == QJsonParseError::NoError && doc.isObject(),
                     "every stdout line is one JSON object");
            lines << doc.object();
        }
    }
    QVERIFY2(lines.size() >= 3, agent.readAllStandardError().constData());
    // OpenSSL costs about 5 MB resident, which a loopback http account never needs.
    QFile maps(QStringLiteral("/proc/%1/maps").arg(agent.processId()));
    if (maps.open(QIODevice::ReadOnly)) {
        const QByteArray mapped = maps.readAll();
        QVERIFY2(!mapped.contains("libssl.so"), "OpenSSL is loaded for an http account");
        QVERIFY2(!mapped.contains("opensslbackend"), "Qt's TLS backend is loaded for http");
    }
    double lastTs = 0;
    for (const QJsonObject &line : lines) {
        const QString sent = line.value(QLatin1String("sent_status")).toString();
        QVERIFY(sent == QLatin1String("active") || sent == QLatin1String("idle"));
        const double ts = line.value(QLatin1String("server_timestamp")).toDouble();
        QVERIFY(ts > lastTs);
        lastTs = ts;
        const QJsonObject presence = line.value(QLatin1String("presence")).toObject();
        QVERIFY(presence.size() >= 15);
        for (auto it = presence.begin(); it != presence.end(); ++it) {
            QVERIFY(it.key().toLongLong() > 0);
            const QString s = it.value().toString();
            QVERIFY(s == QLatin1String("active") || s == QLatin1String("idle") ||
                    s == QLatin1String("offline"));
        }
    }
    agent.terminate();
    QVERIFY(agent.waitForFinished(5000));
    // SIGTERM ends it cleanly: the server does not keep its event queue for ten minutes.
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QNetworkReply *state = network.get(QNetworkRequest(QUrl(realm.baseUrl + "/devrealm/state")));
    QSignalSpy answered(state, &QNetworkReply::finished);
    QVERIFY(answered.wait(5000));
    QCOMPARE(QJsonDocument::fromJson(state->readAll())["queues"].toInt(), 0);
    delete state;
    QCOMPARE(agent.exitStatus(), QProcess::NormalExit);
    QCOMPARE(agent.exitCode(), 0);
}

void TestCli::debugLoggingSaysWhatTheAgentDoes() {
    // The README's QT_LOGGING_RULES="zp.*=true": the registration and each report, never the key.
    QTemporaryDir dir;
    RealmProcess realm;
    QVERIFY(realm.start(dir, {QStringLiteral("--ping-interval"), QStringLiteral("1")}));
    QProcess agent;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("zp.*=true"));
    agent.setProcessEnvironment(env);
    agent.start(QStringLiteral(ZP_AGENT_EXE),
                {QStringLiteral("--headless"), QStringLiteral("--zuliprc"), realm.zuliprc});
    QVERIFY(agent.waitForStarted());
    QByteArray err;
    QElapsedTimer timer;
    timer.start();
    while (err.count("reported ") < 2 && timer.elapsed() < 10000) {
        agent.waitForReadyRead(500);
        err += agent.readAllStandardError();
    }
    agent.terminate();
    QVERIFY(agent.waitForFinished(5000));
    err += agent.readAllStandardError();
    QVERIFY2(err.contains("registered an event queue at feature level"), err.constData());
    QVERIFY2(err.contains("reported active to 127.0.0.1; ") ||
                 err.contains("reported idle to 127.0.0.1; "),
             err.constData());
    QVERIFY2(err.count("reported ") >= 2, err.constData());
    QFile rc(realm.zuliprc);
    QVERIFY(rc.open(QIODevice::ReadOnly));
    QByteArray key;
    for (const QByteArray &line : rc.readAll().split('\n'))
        if (line.startsWith("key="))
            key = line.mid(4).trimmed();
    QVERIFY(key.size() == 32);
    QVERIFY(!err.contains(key));
}

void TestCli::headlessHangUp_data() {
    QTest::addColumn<bool>("underNohup");
    QTest::newRow("terminal closed") << false;
    QTest::newRow("started with nohup") << true;
}

void TestCli::headlessHangUp() {
    // Closing the terminal hangs up on the agent: it ends as on SIGTERM, giving its event
    // queue back, unless the person asked with nohup for hang-ups to be ignored.
    QFETCH(bool, underNohup);
    const QString nohup = QStandardPaths::findExecutable(QStringLiteral("nohup"));
    if (underNohup && nohup.isEmpty())
        QSKIP("nohup is not installed");
    QTemporaryDir dir;
    RealmProcess realm;
    QVERIFY(realm.start(dir, {QStringLiteral("--ping-interval"), QStringLiteral("1")}));
    QStringList args{QStringLiteral("--headless"), QStringLiteral("--json"),
                     QStringLiteral("--zuliprc"), realm.zuliprc};
    QProcess agent;
    if (underNohup)
        agent.start(nohup, QStringList{QStringLiteral(ZP_AGENT_EXE)} + args);
    else
        agent.start(QStringLiteral(ZP_AGENT_EXE), args);
    QVERIFY(agent.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(agent.canReadLine(), 10000); // the first report is in
    const auto queues = [&realm] {
        QNetworkAccessManager network;
        network.setProxy(QNetworkProxy::NoProxy);
        std::unique_ptr<QNetworkReply> state(
            network.get(QNetworkRequest(QUrl(realm.baseUrl + "/devrealm/state"))));
        QSignalSpy answered(state.get(), &QNetworkReply::finished);
        answered.wait(5000);
        return QJsonDocument::fromJson(state->readAll())["queues"].toInt(-1);
    };
    QCOMPARE(queues(), 1);
    ::kill(pid_t(agent.processId()), SIGHUP);
    if (underNohup) {
        QVERIFY(!agent.waitForFinished(1500));
        agent.terminate();
    }
    QVERIFY(agent.waitForFinished(5000));
    QCOMPARE(agent.exitStatus(), QProcess::NormalExit);
    QCOMPARE(agent.exitCode(), 0);
    QCOMPARE(queues(), 0);
}

void TestCli::headlessBadKeyEnds() {
    QTemporaryDir dir;
    RealmProcess realm;
    QVERIFY(realm.start(dir, {QStringLiteral("--ping-interval"), QStringLiteral("1")}));
    const QString rc = writeRc(dir, QStringLiteral("bad"),
                               rcWith(realm.zuliprc, "key", "abcdefghijABCDEFGHIJ0123456789xy"));
    const Run r = runAgent(
        {QStringLiteral("--headless"), QStringLiteral("--json"), QStringLiteral("--zuliprc"), rc},
        10000);
    QCOMPARE(r.exitCode, 3);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.contains("Invalid API key"), r.err.constData());
    QVERIFY(realm.requests().size() <= 2);
}

void TestCli::devRealmTlsFiles_data() {
    QTest::addColumn<QString>("algorithm"); // of the generated key
    QTest::addColumn<QString>("certFile");  // what --tls-cert names
    QTest::addColumn<QString>("problem");   // expected on stderr; empty: serves https
    QTest::newRow("RSA") << "rsa:2048"
                         << "cert.pem"
                         << "";
    QTest::newRow("EC") << "ec"
                        << "cert.pem"
                        << "";
    QTest::newRow("key given as certificate") << "ec"
                                              << "key.pem"
                                              << "holds no PEM certificate";
    QTest::newRow("missing certificate") << "ec"
                                         << "missing.pem"
                                         << "cannot read the certificate";
}

void TestCli::devRealmTlsFiles() {
    // The dev realm's https for benchmarks: a key it cannot use must stop it with the file's
    // name, not start a server whose every handshake fails.
    QFETCH(QString, algorithm);
    QFETCH(QString, certFile);
    QFETCH(QString, problem);
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        QSKIP("no openssl");
    QTemporaryDir dir;
    QStringList req{QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                    algorithm};
    if (algorithm == QLatin1String("ec"))
        req << QStringLiteral("-pkeyopt") << QStringLiteral("ec_paramgen_curve:prime256v1");
    req << QStringLiteral("-nodes") << QStringLiteral("-days") << QStringLiteral("2")
        << QStringLiteral("-subj") << QStringLiteral("/CN=127.0.0.1") << QStringLiteral("-addext")
        << QStringLiteral("subjectAltName=IP:127.0.0.1") << QStringLiteral("-keyout")
        << dir.filePath(QStringLiteral("key.pem")) << QStringLiteral("-out")
        << dir.filePath(QStringLiteral("cert.pem"));
    QProcess gen;
    gen.start(openssl, req);
    QVERIFY(gen.waitForFinished(30000));
    QCOMPARE(gen.exitCode(), 0);

    RealmProcess realm;
    const bool started =
        realm.start(dir, {QStringLiteral("--tls-cert"), dir.filePath(certFile),
                          QStringLiteral("--tls-key"), dir.filePath(QStringLiteral("key.pem"))});
    if (problem.isEmpty()) {
        QVERIFY(!started); // start() expects http
        QVERIFY2(realm.baseUrl.startsWith(QLatin1String("https://127.0.0.1:")),
                 qPrintable(realm.baseUrl));
        // A handshake that works: the API answers over TLS with the certificate as CA.
        QNetworkAccessManager network;
        network.setProxy(QNetworkProxy::NoProxy);
        QNetworkRequest request(QUrl(realm.baseUrl + QStringLiteral("/api/v1/server_settings")));
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates(QSslCertificate::fromPath(dir.filePath(QStringLiteral("cert.pem"))));
        request.setSslConfiguration(ssl);
        QNetworkReply *reply = network.get(request);
        QSignalSpy answered(reply, &QNetworkReply::finished);
        QVERIFY(answered.wait(10000));
        QVERIFY2(reply->error() == QNetworkReply::NoError, qPrintable(reply->errorString()));
        delete reply;
    } else {
        QVERIFY(realm.process.state() == QProcess::NotRunning ||
                realm.process.waitForFinished(5000));
        QCOMPARE(realm.process.exitCode(), 2);
        const QByteArray err = realm.process.readAllStandardError();
        QVERIFY2(err.contains(problem.toUtf8()), err.constData());
        QVERIFY2(err.contains(QFile::encodeName(dir.filePath(certFile)).constData()) ||
                     err.contains("key.pem"),
                 err.constData());
    }
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
