// Network set-ups real companies have: a proxy (system by default, none, or manual from the
// settings), gzip answers, and a server with its own CA trusted for that account only.
#include "DevRealm.h"
#include "agent/PresenceAgent.h"
#include "settings/Settings.h"
#include "support/AgentRig.h"
#include "support/EndlessSender.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkProxy>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace zp;

namespace {

// Records the first line of every request it gets and answers each with a small Zulip
// success (or 502 for CONNECT), closing the connection: enough to prove a client used it.
class RecordingProxy : public QObject {
public:
    RecordingProxy() {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_pending[socket] += socket->readAll();
                    const QByteArray &data = m_pending[socket];
                    if (!data.contains("\r\n\r\n"))
                        return;
                    const QByteArray line = data.left(data.indexOf("\r\n"));
                    requestLines << QString::fromLatin1(line);
                    const QByteArray body = R"({"result":"success","msg":"","via":"proxy"})";
                    socket->write(line.startsWith("CONNECT")
                                      ? QByteArray("HTTP/1.1 502 Bad Gateway\r\nContent-Length: "
                                                   "0\r\nConnection: close\r\n\r\n")
                                      : "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                        "Connection: close\r\nContent-Length: " +
                                            QByteArray::number(body.size()) + "\r\n\r\n" + body);
                    socket->disconnectFromHost();
                    m_pending.remove(socket);
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server.serverPort(); }
    QStringList requestLines;

private:
    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_pending;
};

// Answers every request with what `answer(requestHead)` returns, then keeps the connection;
// `trickle` > 0 instead sends the head and then one byte of body every `trickle` ms.
class ScriptedHttpServer : public QObject {
public:
    using Answer = std::function<QByteArray(const QByteArray &head)>;
    explicit ScriptedHttpServer(Answer answer, int trickleMs = 0)
        : m_answer(std::move(answer)), m_trickleMs(trickleMs) {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_pending[socket] += socket->readAll();
                    const QByteArray data = m_pending.value(socket);
                    if (!data.contains("\r\n\r\n"))
                        return;
                    m_pending.remove(socket);
                    heads << data.left(data.indexOf("\r\n\r\n"));
                    socket->write(m_answer(heads.last()));
                    if (m_trickleMs > 0) {
                        auto *drip = new QTimer(socket);
                        connect(drip, &QTimer::timeout, socket, [socket] { socket->write(" "); });
                        drip->start(m_trickleMs);
                    }
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server.serverPort(); }
    QUrl url(const QString &path = {}) const {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(path));
    }
    QList<QByteArray> heads; // request line and headers of every request received

private:
    Answer m_answer;
    int m_trickleMs;
    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_pending;
};

QByteArray zulipSuccess() {
    const QByteArray body = R"({"result":"success","msg":""})";
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QByteArray redirectTo(const QUrl &target) {
    return "HTTP/1.1 307 Temporary Redirect\r\nLocation: " + target.toEncoded() +
           "\r\nContent-Length: 0\r\n\r\n";
}

ApiResult callAndWait(ZulipClient &client, const QString &path) {
    ApiResult out;
    QEventLoop loop;
    client.send(
        ZulipClient::Method::Get, path, {},
        [&](const ApiResult &result) {
            out = result;
            loop.quit();
        },
        10000);
    loop.exec();
    return out;
}

Account accountFor(const QUrl &site) {
    Account account;
    account.site = site;
    account.email = QStringLiteral("someone@example.com");
    account.apiKey = QStringLiteral("0123456789abcdef0123456789abcdef");
    return account;
}

bool run(const QString &program, const QStringList &arguments, const QString &dir) {
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(program, arguments);
    return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

class TestNetworkSetup : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void proxySettingsRoundTrip();
    void manualProxyIsUsed();
    void noProxyGoesDirect();
    void gzipAnswersAreDecoded();
    void privateCaForThisAccountOnly();
    void redirectsStayWithinTheAccountsOrigin();
    void aTricklingAnswerStillTimesOut();
    void anEnormousAnswerIsNotRead();
    void anEndlessAnswerStopsAtTheCap();
};

void TestNetworkSetup::proxySettingsRoundTrip() {
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("zp.conf")));
    QCOMPARE(settings.proxyMode(), Settings::ProxyMode::System);
    QCOMPARE(settings.networkProxy().type(), QNetworkProxy::DefaultProxy);
    settings.setProxy(Settings::ProxyMode::Manual, QStringLiteral(" proxy.example.com "), 3128);
    Settings reread(dir.filePath(QStringLiteral("zp.conf")));
    QCOMPARE(reread.proxyMode(), Settings::ProxyMode::Manual);
    QCOMPARE(reread.networkProxy().type(), QNetworkProxy::HttpProxy);
    QCOMPARE(reread.networkProxy().hostName(), QStringLiteral("proxy.example.com"));
    QCOMPARE(reread.networkProxy().port(), quint16(3128));
    reread.setProxy(Settings::ProxyMode::None);
    QCOMPARE(reread.networkProxy().type(), QNetworkProxy::NoProxy);
    // A manual proxy without an address would cut the agent off: the system's is used.
    reread.setProxy(Settings::ProxyMode::Manual, QString(), 3128);
    QCOMPARE(reread.proxyMode(), Settings::ProxyMode::System);
}

void TestNetworkSetup::manualProxyIsUsed() {
    RecordingProxy proxy;
    QVERIFY(proxy.port());
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("zp.conf")));
    settings.setProxy(Settings::ProxyMode::Manual, QStringLiteral("127.0.0.1"), proxy.port());

    // A name that resolves nowhere: only a proxy can answer for it.
    ZulipClient client;
    client.setProxy(settings.networkProxy());
    QCOMPARE(client.setAccount(accountFor(QUrl(QStringLiteral("https://zulip.example.invalid")))),
             QString());
    const ApiResult viaTunnel = callAndWait(client, QStringLiteral("server_settings"));
    QVERIFY(!viaTunnel.ok());
    QCOMPARE(proxy.requestLines.value(0),
             QStringLiteral("CONNECT zulip.example.invalid:443 HTTP/1.1"));

    // Plain http (allowed for loopback only) goes as an absolute-URI request.
    QCOMPARE(client.setAccount(accountFor(QUrl(QStringLiteral("http://localhost:9")))).isEmpty(),
             true);
    const ApiResult viaProxy = callAndWait(client, QStringLiteral("server_settings"));
    QVERIFY2(viaProxy.ok(), qPrintable(viaProxy.message));
    QCOMPARE(viaProxy.json.value(QStringLiteral("via")).toString(), QStringLiteral("proxy"));
    QCOMPARE(proxy.requestLines.value(1),
             QStringLiteral("GET http://localhost:9/api/v1/server_settings HTTP/1.1"));
}

void TestNetworkSetup::noProxyGoesDirect() {
    RecordingProxy proxy;
    // Even with an application-wide proxy, "none" in the settings goes straight to the server.
    QNetworkProxy::setApplicationProxy(
        QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), proxy.port()));
    test::AgentRig rig(test::fastRealm(1));
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("zp.conf")));
    settings.setProxy(Settings::ProxyMode::None);
    rig.client.setProxy(settings.networkProxy());
    const ApiResult direct = callAndWait(rig.client, QStringLiteral("server_settings"));
    QNetworkProxy::setApplicationProxy(QNetworkProxy(QNetworkProxy::DefaultProxy));
    QVERIFY2(direct.ok(), qPrintable(direct.message));
    QVERIFY(direct.json.contains(QStringLiteral("zulip_feature_level")));
    QCOMPARE(proxy.requestLines, QStringList());
}

void TestNetworkSetup::gzipAnswersAreDecoded() {
    devrealm::DevRealmOptions options = test::fastRealm(1);
    options.gzipAnswers = true; // only for clients that send Accept-Encoding: gzip
    test::AgentRig rig(options);
    rig.agent->start();
    QTRY_VERIFY_WITH_TIMEOUT(rig.reports() >= 2, 8000);
    QTRY_VERIFY_WITH_TIMEOUT(!rig.agent->presence().raw().isEmpty(), 5000);
    QCOMPARE(rig.agent->state(), PresenceAgent::State::Running);
    QVERIFY(rig.agent->roster().users().size() > 5);
    for (const auto &e : rig.requests(QStringLiteral("/api/v1/users/me/presence")))
        QCOMPARE(e.contentEncoding, QStringLiteral("gzip"));
    QCOMPARE(rig.requests(QStringLiteral("/api/v1/register")).value(0).contentEncoding,
             QStringLiteral("gzip"));
}

void TestNetworkSetup::privateCaForThisAccountOnly() {
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        QSKIP("openssl is not installed (packaging/debian-deps.sh test installs it)");
    QTemporaryDir dir;
    const QString d = dir.path();
    QFile ext(dir.filePath(QStringLiteral("ext.cnf")));
    QVERIFY(ext.open(QIODevice::WriteOnly));
    ext.write("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n");
    ext.close();
    QVERIFY(run(openssl,
                {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out",
                 "ca.pem", "-days", "2", "-subj", "/CN=zulip-presence test CA"},
                d));
    QVERIFY(run(openssl,
                {"req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out",
                 "server.csr", "-subj", "/CN=127.0.0.1"},
                d));
    QVERIFY(run(openssl,
                {"x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                 "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf"},
                d));

    devrealm::DevRealmOptions options = test::fastRealm(1);
    options.tlsCertPath = dir.filePath(QStringLiteral("server.pem"));
    options.tlsKeyPath = dir.filePath(QStringLiteral("server.key"));
    devrealm::DevRealm realm(options);
    QVERIFY(realm.listen(0));
    QCOMPARE(realm.baseUrl().scheme(), QStringLiteral("https"));
    Account account;
    account.site = realm.baseUrl();
    account.email = realm.ownEmail();
    account.apiKey = realm.ownApiKey();

    // Without the CA: refused, in one sentence.
    ZulipClient plain;
    QCOMPARE(plain.setAccount(account), QString());
    const ApiResult untrusted = callAndWait(plain, QStringLiteral("server_settings"));
    QVERIFY(!untrusted.ok());
    QVERIFY2(
        untrusted.message.startsWith(QStringLiteral("The secure connection to 127.0.0.1:%1 failed")
                                         .arg(account.site.port())),
        qPrintable(untrusted.message));

    // With cert_bundle: the whole agent works over TLS.
    Account withCa = account;
    withCa.caBundle = dir.filePath(QStringLiteral("ca.pem"));
    ZulipClient trusting;
    QCOMPARE(trusting.setAccount(withCa), QString());
    PresenceAgent agent(&trusting, nullptr);
    agent.start();
    QTRY_COMPARE_WITH_TIMEOUT(agent.state(), PresenceAgent::State::Running, 8000);
    QTRY_VERIFY_WITH_TIMEOUT(agent.lastSuccessfulReport().isValid(), 5000);

    // And only for that account: a client without it still refuses, after the one with it.
    const ApiResult stillUntrusted = callAndWait(plain, QStringLiteral("server_settings"));
    QVERIFY(!stillUntrusted.ok());
    QVERIFY(stillUntrusted.message.startsWith(QLatin1String("The secure connection")));
    QVERIFY(!QSslConfiguration::defaultConfiguration().caCertificates().contains(
        QSslCertificate::fromPath(withCa.caBundle).value(0)));
}

void TestNetworkSetup::redirectsStayWithinTheAccountsOrigin() {
    // Another origin (here another port of this machine) must never see the API key.
    ScriptedHttpServer stranger([](const QByteArray &) { return zulipSuccess(); });
    ScriptedHttpServer own([&stranger](const QByteArray &head) {
        if (head.startsWith("GET /api/v1/away"))
            return redirectTo(stranger.url(QStringLiteral("/api/v1/away")));
        if (head.startsWith("GET /api/v1/moved"))
            return redirectTo(QUrl(QStringLiteral("/api/v1/here"))); // same origin
        if (head.startsWith("GET /api/v1/hop1"))
            return redirectTo(QUrl(QStringLiteral("/api/v1/hop2")));
        if (head.startsWith("GET /api/v1/hop2"))
            return redirectTo(QUrl(QStringLiteral("/api/v1/here")));
        if (head.startsWith("GET /api/v1/loop"))
            return redirectTo(QUrl(QStringLiteral("/api/v1/loop")));
        if (head.startsWith("POST /api/v1/posted"))
            return QByteArray("HTTP/1.1 302 Found\r\nLocation: /api/v1/here\r\n"
                              "Content-Length: 0\r\n\r\n");
        if (head.startsWith("POST /api/v1/kept"))
            return redirectTo(QUrl(QStringLiteral("/api/v1/here"))); // 307 keeps the method
        return zulipSuccess();
    });
    ZulipClient client;
    client.setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
    QCOMPARE(client.setAccount(accountFor(own.url())), QString());

    const ApiResult away = callAndWait(client, QStringLiteral("away"));
    QVERIFY(!away.ok());
    QVERIFY2(away.message.contains(QLatin1String("redirected")), qPrintable(away.message));
    QVERIFY(stranger.heads.isEmpty());

    const ApiResult moved = callAndWait(client, QStringLiteral("moved"));
    QVERIFY2(moved.ok(), qPrintable(moved.message));
    // Followed within the origin, with the credentials.
    QVERIFY(own.heads.last().startsWith("GET /api/v1/here"));
    QVERIFY(own.heads.last().contains("Authorization: Basic "));

    // Two hops within the origin are followed too (Qt 6.4's own following lost the answer).
    const ApiResult twoHops = callAndWait(client, QStringLiteral("hop1"));
    QVERIFY2(twoHops.ok(), qPrintable(twoHops.message));
    QVERIFY(own.heads.last().startsWith("GET /api/v1/here"));
    QVERIFY(own.heads.last().contains("Authorization: Basic "));
    // A loop ends after a bounded number of requests, with a sentence.
    qsizetype before = own.heads.size();
    const ApiResult loop = callAndWait(client, QStringLiteral("loop"));
    QVERIFY(!loop.ok());
    QCOMPARE(own.heads.size() - before, 11); // the request and ten redirects
    QVERIFY2(loop.message.contains(QLatin1String("more than 10 times")), qPrintable(loop.message));

    // A POST answered with 302 is not turned into a GET without its form...
    before = own.heads.size();
    ApiResult posted;
    bool done = false;
    client.send(ZulipClient::Method::Post, QStringLiteral("posted"),
                {{QStringLiteral("status"), QStringLiteral("active")}}, [&](const ApiResult &r) {
                    posted = r;
                    done = true;
                });
    QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
    QVERIFY(!posted.ok());
    QVERIFY2(posted.message.contains(QLatin1String("would drop what was sent")),
             qPrintable(posted.message));
    QCOMPARE(own.heads.size() - before, 1);
    // ...while 307 repeats the POST, form and credentials included.
    done = false;
    ApiResult kept;
    client.send(ZulipClient::Method::Post, QStringLiteral("kept"),
                {{QStringLiteral("status"), QStringLiteral("active")}}, [&](const ApiResult &r) {
                    kept = r;
                    done = true;
                });
    QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
    QVERIFY2(kept.ok(), qPrintable(kept.message));
    QVERIFY(own.heads.last().startsWith("POST /api/v1/here"));
    QVERIFY(own.heads.last().contains("Authorization: Basic "));
    QCOMPARE(client.requestsInFlight(), 0);
}

void TestNetworkSetup::aTricklingAnswerStillTimesOut() {
    // A body announced as 100 000 bytes, sent one byte every 200 ms: never silent for long
    // enough to trip the transfer timeout, so only an overall deadline ends it.
    ScriptedHttpServer drip(
        [](const QByteArray &) {
            return QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                              "Content-Length: 100000\r\n\r\n{");
        },
        200);
    ZulipClient client;
    client.setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
    QCOMPARE(client.setAccount(accountFor(drip.url())), QString());
    ApiResult out;
    bool done = false;
    QElapsedTimer clock;
    clock.start();
    client.send(
        ZulipClient::Method::Get, QStringLiteral("users/me"), {},
        [&](const ApiResult &result) {
            out = result;
            done = true;
        },
        1000);
    QTRY_VERIFY_WITH_TIMEOUT(done, 8000);
    QCOMPARE(out.kind, ApiResult::Kind::Timeout);
    QVERIFY2(clock.elapsed() < 4000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY2(out.message.contains(QLatin1String("did not finish")), qPrintable(out.message));
}

void TestNetworkSetup::anEnormousAnswerIsNotRead() {
    // 70 MB where a few are expected: the client stops reading past its 64 MB limit.
    ScriptedHttpServer huge([](const QByteArray &) {
        const qint64 size = 70 * 1000 * 1000;
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
               QByteArray::number(size) + "\r\n\r\n" + QByteArray(size, ' ');
    });
    ZulipClient client;
    client.setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
    QCOMPARE(client.setAccount(accountFor(huge.url())), QString());
    const ApiResult result = callAndWait(client, QStringLiteral("users/me"));
    QCOMPARE(result.kind, ApiResult::Kind::BadAnswer);
    QVERIFY2(result.message.contains(QLatin1String("larger than 64 MB")),
             qPrintable(result.message));
    QVERIFY(result.body.size() < 70 * 1000 * 1000);
}

void TestNetworkSetup::anEndlessAnswerStopsAtTheCap() {
    // Sent from another thread as fast as the client takes it: Qt's network thread must not
    // read on ahead of the cap (a check in downloadProgress alone let over 100 MB through).
    test::EndlessSender sender("application/json", "{");
    QVERIFY(sender.listening());
    sender.start();
    ZulipClient client;
    client.setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
    QCOMPARE(client.setAccount(
                 accountFor(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(sender.port())))),
             QString());
    const ApiResult result = callAndWait(client, QStringLiteral("users/me"));
    QCOMPARE(result.kind, ApiResult::Kind::BadAnswer);
    QVERIFY2(result.message.contains(QLatin1String("larger than 64 MB")),
             qPrintable(result.message));
    QVERIFY(sender.wait(15000));
    qInfo("the sender got %lld bytes out before the client stopped reading", sender.sent());
    QVERIFY2(sender.sent() < 80 * 1024 * 1024, qPrintable(QString::number(sender.sent())));
}

QTEST_GUILESS_MAIN(TestNetworkSetup)
#include "tst_network_setup.moc"
