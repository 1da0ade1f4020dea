// Tests of the dev realm, through a real QNetworkAccessManager over 127.0.0.1: every endpoint,
// authentication, the 55 s write gate, the sequence, the window, both formats, feature levels,
// backdating, events and long polls, rate limits, faults, the clock, the log and the executable.
#include "DevRealm.h"

#include <QCollator>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <ctime>
#include <memory>

using namespace zp::devrealm;

Q_DECLARE_METATYPE(zp::devrealm::FaultSpec)

namespace {

using Params = QList<QPair<QString, QString>>;

constexpr qint64 kDay = 24 * 3600 * 1000;
constexpr qint64 kAbsent = std::numeric_limits<qint64>::min(); // "parameter not sent"
const QString kOwnKey = QStringLiteral("DevRealmTestKey0123456789abcdefg");

struct Reply {
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QJsonObject json;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    qint64 elapsedMs = 0;

    QByteArray header(const char *name) const { return headers.value(QByteArray(name).toLower()); }
    QJsonObject presences() const { return json.value("presences").toObject(); }
    QJsonArray events() const { return json.value("events").toArray(); }
};

QByteArray encodeForm(const Params &params) {
    QByteArray out;
    for (const auto &[name, value] : params) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}

QByteArray basic(const QString &email, const QString &key) {
    return "Basic " + (email + u':' + key).toUtf8().toBase64();
}

QByteArray authOf(const DevRealm &realm, int userId) {
    return basic(realm.deliveryEmailOf(userId), realm.apiKeyOf(userId));
}

QByteArray own(const DevRealm &realm) {
    return authOf(realm, realm.ownUserId());
}

DevRealmOptions staticOptions(int featureLevel = 372) {
    DevRealmOptions o;
    o.staticRealm = true;
    o.featureLevel = featureLevel;
    o.apiKey = kOwnKey;
    o.longpollTimeoutSecs = 1; // heartbeat after 0.5 s
    return o;
}

DevRealmOptions emptyOptions(int featureLevel = 372) {
    DevRealmOptions o = staticOptions(featureLevel);
    o.initialHistory = false;
    return o;
}

QStringList sortedKeys(const QJsonObject &o) {
    QStringList keys = o.keys();
    keys.sort();
    return keys;
}

qint64 secs(qint64 ms) {
    return ms / 1000;
}

} // namespace

class TestDevRealm : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<DevRealm> start(const DevRealmOptions &options) {
        auto realm = std::make_unique<DevRealm>(options);
        if (realm->listen() == 0)
            qFatal("cannot listen on 127.0.0.1");
        return realm;
    }

    QNetworkReply *send(const DevRealm &realm, const QByteArray &method, const QString &path,
                        const Params &params = {}, const QByteArray &authorization = {}) {
        QUrl url = realm.baseUrl().resolved(QUrl(path));
        QByteArray body;
        if (method == "GET")
            url.setQuery(QString::fromUtf8(encodeForm(params)), QUrl::StrictMode);
        else
            body = encodeForm(params);
        QNetworkRequest request(url);
        if (!authorization.isEmpty())
            request.setRawHeader("Authorization", authorization);
        if (method != "GET")
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              "application/x-www-form-urlencoded");
        m_timer.start();
        return m_nam.sendCustomRequest(request, method, body);
    }

    Reply finish(QNetworkReply *reply, int timeoutMs = 10000) {
        if (!reply->isFinished()) {
            QSignalSpy finished(reply, &QNetworkReply::finished);
            if (!finished.wait(timeoutMs))
                qWarning("request timed out");
        }
        Reply r;
        r.elapsedMs = m_timer.elapsed();
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.error = reply->error();
        r.body = reply->readAll();
        r.json = QJsonDocument::fromJson(r.body).object();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            r.headers.insert(name.toLower(), value);
        reply->deleteLater();
        return r;
    }

    Reply call(const DevRealm &realm, const QByteArray &method, const QString &path,
               const Params &params = {}, const QByteArray &authorization = {}) {
        return finish(send(realm, method, path, params, authorization));
    }

    Reply postPresence(const DevRealm &realm, const Params &params, const QByteArray &auth) {
        return call(realm, "POST", QStringLiteral("/api/v1/users/me/presence"), params, auth);
    }

    QString registerQueue(const DevRealm &realm, const Params &params, const QByteArray &auth) {
        const Reply r = call(realm, "POST", QStringLiteral("/api/v1/register"), params, auth);
        return r.json.value("queue_id").toString();
    }

    Reply poll(const DevRealm &realm, const QString &queueId, qint64 lastEventId,
               const QByteArray &auth, bool dontBlock = true) {
        Params params = {{"queue_id", queueId}, {"last_event_id", QString::number(lastEventId)}};
        if (dontBlock)
            params.emplaceBack("dont_block", "true");
        return call(realm, "GET", QStringLiteral("/api/v1/events"), params, auth);
    }

    QStringList eventTypes(const Reply &r) {
        QStringList types;
        for (const QJsonValue &e : r.events())
            types.append(e.toObject().value("type").toString());
        return types;
    }

    QNetworkAccessManager m_nam;
    QElapsedTimer m_timer;
    std::unique_ptr<DevRealm> m_realm; // static, seed 1, 30 users; tests only read it

private slots:
    void initTestCase() {
        m_nam.setProxy(QNetworkProxy::NoProxy);
        m_realm = start(staticOptions());
    }

    // ---- server settings, routing, authentication ----

    void serverSettings_data() {
        QTest::addColumn<int>("featureLevel");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QStringList>("present");
        QTest::addColumn<QStringList>("absent");
        QTest::newRow("10.2") << 372 << "10.2"
                              << QStringList{"zulip_feature_level", "zulip_merge_base", "realm_url",
                                             "realm_uri", "realm_web_public_access_enabled"}
                              << QStringList{};
        QTest::newRow("8.x") << 200 << "7.5-devrealm-fl200"
                             << QStringList{"zulip_feature_level", "zulip_merge_base", "realm_uri",
                                            "realm_web_public_access_enabled"}
                             << QStringList{"realm_url"};
        QTest::newRow("5.0") << 80 << "4.11-devrealm-fl80"
                             << QStringList{"zulip_feature_level", "realm_uri"}
                             << QStringList{"zulip_merge_base", "realm_url",
                                            "realm_web_public_access_enabled"};
        QTest::newRow("pre-3.0") << 0 << "2.1.8" << QStringList{"realm_uri"}
                                 << QStringList{"zulip_feature_level", "zulip_merge_base",
                                                "realm_url"};
    }

    void serverSettings() {
        QFETCH(int, featureLevel);
        QFETCH(QString, version);
        QFETCH(QStringList, present);
        QFETCH(QStringList, absent);
        auto realm = start(staticOptions(featureLevel));
        const Reply r = call(*realm, "GET", "/api/v1/server_settings");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(r.json.value("result").toString(), QString("success"));
        QCOMPARE(r.json.value("msg").toString(), QString(""));
        QCOMPARE(r.json.value("zulip_version").toString(), version);
        for (const QString &key : present)
            QVERIFY2(r.json.contains(key), qPrintable(key));
        for (const QString &key : absent)
            QVERIFY2(!r.json.contains(key), qPrintable(key));
        if (featureLevel)
            QCOMPARE(r.json.value("zulip_feature_level").toInt(), featureLevel);
        QCOMPARE(r.json.value("realm_uri").toString(), realm->baseUrl().toString());
        QCOMPARE(r.json.value("external_authentication_methods").toArray().size(), 0);
        QVERIFY(r.json.value("authentication_methods").toObject().value("password").toBool());
        QVERIFY(r.json.value("email_auth_enabled").toBool());
        QVERIFY(!r.json.value("is_incompatible").toBool());
        QVERIFY(r.header("X-RateLimit-Limit").isEmpty()); // not authenticated
    }

    void routing() {
        const QByteArray auth = own(*m_realm);
        Reply r = call(*m_realm, "GET", "/api/v1/no_such_endpoint", {}, auth);
        QCOMPARE(r.status, 404);
        QCOMPARE(r.json, QJsonObject({{"result", "error"},
                                      {"msg", "Endpoint not found"},
                                      {"code", "BAD_REQUEST"}}));
        // Wrong method: Zulip's 405 body, before authentication, without a code.
        r = call(*m_realm, "GET", "/api/v1/users/me/presence");
        QCOMPARE(r.status, 405);
        QCOMPARE(r.json, QJsonObject({{"result", "error"},
                                      {"msg", "Method Not Allowed"},
                                      {"allowed_methods", QJsonArray{"POST"}}}));
        QCOMPARE(r.header("Allow"), QByteArray("POST"));
        r = call(*m_realm, "PUT", "/api/v1/events", {}, auth);
        QCOMPARE(r.status, 405);
        QCOMPARE(r.json.value("allowed_methods").toArray(), QJsonArray({"GET", "DELETE"}));
        r = call(*m_realm, "GET", "/not-api");
        QCOMPARE(r.status, 404);
    }

    void authentication_data() {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("msg");
        const QString ownEmail = m_realm->ownEmail();
        const QString zoeKey = m_realm->apiKeyOf(14);
        const int restricted = m_realm->restrictedEmailUserId();
        const int gone = m_realm->deactivatedUserId();
        const QString missing = "Missing authorization header for basic auth";
        const QString invalid = "Invalid authorization header for basic auth";
        QTest::newRow("no header") << QByteArray() << 401 << "UNAUTHORIZED" << missing;
        QTest::newRow("not base64") << QByteArray("Basic %%%") << 401 << "UNAUTHORIZED" << invalid;
        QTest::newRow("no colon") << "Basic " + ownEmail.toUtf8().toBase64() << 401
                                  << "UNAUTHORIZED" << invalid;
        QTest::newRow("two colons")
            << basic(ownEmail, kOwnKey + ":x") << 401 << "UNAUTHORIZED" << invalid;
        QTest::newRow("three words")
            << QByteArray("Basic abc def") << 401 << "UNAUTHORIZED" << invalid;
        QTest::newRow("bearer") << QByteArray("Bearer abc") << 400 << "BAD_REQUEST"
                                << "This endpoint requires HTTP basic authentication.";
        QTest::newRow("short key") << basic(ownEmail, "abc123") << 401 << "UNAUTHORIZED"
                                   << "Malformed API key";
        QTest::newRow("key with symbol")
            << basic(ownEmail, QString(31, u'a') + u'-') << 401 << "UNAUTHORIZED"
            << "Malformed API key";
        QTest::newRow("unknown key") << basic(ownEmail, QString(32, u'A')) << 401 << "UNAUTHORIZED"
                                     << "Invalid API key";
        QTest::newRow("someone else's key") << basic(ownEmail, zoeKey) << 401 << "UNAUTHORIZED"
                                            << "Invalid API key";
        QTest::newRow("API email instead of delivery email")
            << basic(m_realm->emailOf(restricted), m_realm->apiKeyOf(restricted)) << 401
            << "UNAUTHORIZED"
            << "Invalid API key";
        QTest::newRow("deactivated") << authOf(*m_realm, gone) << 401 << "USER_DEACTIVATED"
                                     << "Account is deactivated";
        QTest::newRow("delivery email") << authOf(*m_realm, restricted) << 200 << ""
                                        << "";
        QTest::newRow("any case") << "bAsIc " +
                                         (ownEmail.toUpper() + u':' + kOwnKey).toUtf8().toBase64()
                                  << 200 << ""
                                  << "";
        QTest::newRow("spaces around fields")
            << "Basic " +
                   (u' ' + ownEmail + QStringLiteral(" : ") + kOwnKey + u' ').toUtf8().toBase64()
            << 200 << ""
            << "";
    }

    void authentication() {
        QFETCH(QByteArray, authorization);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, msg);
        const Reply r = call(*m_realm, "GET", "/api/v1/users/me", {}, authorization);
        QCOMPARE(r.status, status);
        if (status == 200) {
            QVERIFY(r.json.value("user_id").toInt() > 0);
            return;
        }
        QCOMPARE(r.json, QJsonObject({{"result", "error"}, {"msg", msg}, {"code", code}}));
        // Only the credentials' own failure asks for basic auth again.
        QCOMPARE(r.header("WWW-Authenticate"),
                 code == "UNAUTHORIZED" ? QByteArray("Basic realm=\"zulip\"") : QByteArray());
    }

    void fetchApiKey_data() {
        QTest::addColumn<int>("featureLevel");
        QTest::addColumn<Params>("params");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        const QString email = QStringLiteral("ada.agent@devrealm.test");
        const QString pw = QStringLiteral("devrealm-password");
        QTest::newRow("ok") << 372 << Params{{"username", email}, {"password", pw}} << 200 << "";
        QTest::newRow("ok before user_id")
            << 170 << Params{{"username", email}, {"password", pw}} << 200 << "";
        QTest::newRow("any case") << 372 << Params{{"username", email.toUpper()}, {"password", pw}}
                                  << 200 << "";
        QTest::newRow("wrong password") << 372 << Params{{"username", email}, {"password", "x"}}
                                        << 401 << "AUTHENTICATION_FAILED";
        QTest::newRow("unknown user")
            << 372 << Params{{"username", "nobody@devrealm.test"}, {"password", pw}} << 401
            << "AUTHENTICATION_FAILED";
        QTest::newRow("bot") << 372
                             << Params{{"username", "build-bot@devrealm.test"}, {"password", pw}}
                             << 401 << "AUTHENTICATION_FAILED";
        QTest::newRow("deactivated")
            << 372 << Params{{"username", "olle.odmark@devrealm.test"}, {"password", pw}} << 401
            << "USER_DEACTIVATED";
        QTest::newRow("deactivated, old server")
            << 75 << Params{{"username", "olle.odmark@devrealm.test"}, {"password", pw}} << 403
            << "USER_DEACTIVATED";
        QTest::newRow("no password")
            << 372 << Params{{"username", email}} << 400 << "REQUEST_VARIABLE_MISSING";
    }

    void fetchApiKey() {
        QFETCH(int, featureLevel);
        QFETCH(Params, params);
        QFETCH(int, status);
        QFETCH(QString, code);
        auto realm = start(staticOptions(featureLevel));
        const Reply r = call(*realm, "POST", "/api/v1/fetch_api_key", params);
        QCOMPARE(r.status, status);
        if (status != 200) {
            QCOMPARE(r.json.value("code").toString(), code);
            if (code == u"AUTHENTICATION_FAILED")
                QCOMPARE(r.json.value("msg").toString(),
                         QString("Your username or password is incorrect"));
            if (code == u"REQUEST_VARIABLE_MISSING")
                QCOMPARE(r.json.value("var_name").toString(), QString("password"));
            return;
        }
        QCOMPARE(r.json.value("api_key").toString(), kOwnKey);
        QCOMPARE(r.json.value("email").toString(), realm->ownEmail());
        QCOMPARE(r.json.contains("user_id"), featureLevel >= 171);
        if (featureLevel >= 171)
            QCOMPARE(r.json.value("user_id").toInt(), realm->ownUserId());
        // The password never reaches the log.
        QCOMPARE(realm->requestLog().last().form.value("password").toString(), QString("***"));
    }

    // ---- POST /users/me/presence: parameters ----

    void presenceParameters_data() {
        QTest::addColumn<Params>("params");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("msg");
        QTest::newRow("missing status") << Params{} << "REQUEST_VARIABLE_MISSING"
                                        << "Missing 'status' argument";
        QTest::newRow("bad status") << Params{{"status", "foo"}} << "BAD_REQUEST"
                                    << "Invalid status: foo";
        QTest::newRow("JSON-quoted status") << Params{{"status", "\"active\""}} << "BAD_REQUEST"
                                            << "Invalid status: \"active\"";
        QTest::newRow("Python bool")
            << Params{{"status", "active"}, {"ping_only", "True"}} << "BAD_REQUEST"
            << "Argument \"ping_only\" is not valid JSON.";
        QTest::newRow("quoted bool")
            << Params{{"status", "active"}, {"ping_only", "\"true\""}} << "BAD_REQUEST"
            << "ping_only is not a boolean";
        QTest::newRow("number for bool")
            << Params{{"status", "idle"}, {"slim_presence", "1"}} << "BAD_REQUEST"
            << "slim_presence is not a boolean";
        QTest::newRow("garbage") << Params{{"status", "idle"}, {"new_user_input", "yes"}}
                                 << "BAD_REQUEST"
                                 << "Argument \"new_user_input\" is not valid JSON.";
        QTest::newRow("float id") << Params{{"status", "idle"}, {"last_update_id", "1.5"}}
                                  << "BAD_REQUEST"
                                  << "last_update_id is not an integer";
        QTest::newRow("quoted id")
            << Params{{"status", "idle"}, {"last_update_id", "\"5\""}} << "BAD_REQUEST"
            << "last_update_id is not an integer";
        QTest::newRow("bool days")
            << Params{{"status", "idle"}, {"history_limit_days", "true"}} << "BAD_REQUEST"
            << "history_limit_days is not an integer";
    }

    void presenceParameters() {
        QFETCH(Params, params);
        QFETCH(QString, code);
        QFETCH(QString, msg);
        const qint64 before = m_realm->presenceSequence();
        const Reply r = postPresence(*m_realm, params, own(*m_realm));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json.value("code").toString(), code);
        QCOMPARE(r.json.value("msg").toString(), msg);
        if (code == u"REQUEST_VARIABLE_MISSING")
            QCOMPARE(r.json.value("var_name").toString(), QString("status"));
        QCOMPARE(m_realm->presenceSequence(), before); // a rejected request writes nothing
        QVERIFY(!m_realm->presenceRow(m_realm->ownUserId()));
    }

    void botsCannotReportPresence() {
        const QByteArray bot = authOf(*m_realm, m_realm->botUserId());
        Reply r = postPresence(*m_realm, {{"status", "active"}}, bot);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json, QJsonObject({{"result", "error"},
                                      {"msg", "This endpoint does not accept bot requests."},
                                      {"code", "BAD_REQUEST"}}));
        r = call(*m_realm, "GET", "/api/v1/realm/presence", {}, bot); // but may read presence
        QCOMPARE(r.status, 200);
    }

    void pingOnly() {
        auto realm = start(emptyOptions());
        const Reply r = postPresence(
            *realm, {{"status", "active"}, {"ping_only", "true"}, {"new_user_input", "false"}},
            own(*realm));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json, QJsonObject({{"result", "success"}, {"msg", ""}}));
        QVERIFY(realm->presenceRow(realm->ownUserId())); // still recorded
    }

    // ---- the server's write rules (PRESENCE.md §9.2) ----

    void writeGate_data() {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addColumn<qint64>("deltaMs");
        QTest::addColumn<bool>("wrote");
        QTest::addColumn<qint64>("active"); // relative to the first report; kAbsent = null
        QTest::addColumn<qint64>("connected");
        QTest::newRow("idle, idle 54 s later") << "idle"
                                               << "idle" << 54'000LL << false << kAbsent << 0LL;
        QTest::newRow("idle, idle 56 s later") << "idle"
                                               << "idle" << 56'000LL << true << kAbsent << 56'000LL;
        QTest::newRow("idle, active 10 s later: null active counts as a day old")
            << "idle"
            << "active" << 10'000LL << true << 10'000LL << 10'000LL;
        QTest::newRow("active, active 30 s later") << "active"
                                                   << "active" << 30'000LL << false << 0LL << 0LL;
        QTest::newRow("active, active exactly 55 s later")
            << "active"
            << "active" << 55'000LL << false << 0LL << 0LL;
        QTest::newRow("active, active 55.001 s later")
            << "active"
            << "active" << 55'001LL << true << 55'001LL << 55'001LL;
        QTest::newRow("active, idle 120 s later: idle never moves active")
            << "active"
            << "idle" << 120'000LL << true << 0LL << 120'000LL;
        QTest::newRow("active, idle 30 s later") << "active"
                                                 << "idle" << 30'000LL << false << 0LL << 0LL;
    }

    void writeGate() {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(qint64, deltaMs);
        QFETCH(bool, wrote);
        QFETCH(qint64, active);
        QFETCH(qint64, connected);
        auto realm = start(emptyOptions());
        const int zoe = 14;
        const qint64 base = realm->realmNowMs() - 3600'000;
        auto status = [](const QString &s) {
            return s == u"active" ? PresenceStatus::Active : PresenceStatus::Idle;
        };
        const ReportOutcome created = realm->reportPresenceAt(zoe, status(first), base);
        QVERIFY(created.created && created.wrote);
        QCOMPARE(created.lastUpdateId, 1);
        const ReportOutcome o = realm->reportPresenceAt(zoe, status(second), base + deltaMs);
        QVERIFY(!o.created);
        QCOMPARE(o.wrote, wrote);
        QCOMPARE(o.lastUpdateId, wrote ? 2 : 1);
        const PresenceRowInfo row = *realm->presenceRow(zoe);
        QCOMPARE(row.lastActiveMs.has_value(), active != kAbsent);
        if (active != kAbsent)
            QCOMPARE(*row.lastActiveMs, base + active);
        QCOMPARE(*row.lastConnectedMs, base + connected);
    }

    void sequenceAndIncrementalFetch() {
        auto realm = start(emptyOptions());
        const QByteArray auth = own(*realm);
        // S9: the first write creates row 1 and is returned with it.
        Reply r = postPresence(*realm, {{"status", "idle"}, {"last_update_id", "-1"}}, auth);
        QCOMPARE(sortedKeys(r.presences()), QStringList{"10"});
        QCOMPARE(r.json.value("presence_last_update_id").toInteger(), 1);
        // S10: no write within 55 s, so the id stays.
        r = postPresence(*realm,
                         {{"status", "idle"}, {"slim_presence", "false"}, {"last_update_id", "-1"}},
                         auth);
        QCOMPARE(r.json.value("presence_last_update_id").toInteger(), 1);
        // S11: another user's row is id 2; polling with 2 gets nothing and 2 echoed.
        realm->reportPresence(14, PresenceStatus::Idle);
        r = postPresence(*realm, {{"status", "idle"}, {"last_update_id", "-1"}}, auth);
        QCOMPARE(sortedKeys(r.presences()), QStringList({"10", "14"}));
        QCOMPARE(r.json.value("presence_last_update_id").toInteger(), 2);
        r = postPresence(*realm, {{"status", "idle"}, {"last_update_id", "2"}}, auth);
        QCOMPARE(r.presences(), QJsonObject());
        QCOMPARE(r.json.value("presence_last_update_id").toInteger(), 2);
        // S12: Zoë becomes active: only her row comes back, with id 3.
        const ReportOutcome o = realm->reportPresence(14, PresenceStatus::Active);
        QCOMPARE(o.lastUpdateId, 3);
        r = postPresence(*realm, {{"status", "idle"}, {"last_update_id", "2"}}, auth);
        QCOMPARE(sortedKeys(r.presences()), QStringList{"14"});
        QCOMPARE(r.json.value("presence_last_update_id").toInteger(), 3);
        const PresenceRowInfo zoe = *realm->presenceRow(14);
        QCOMPARE(r.presences().value("14").toObject(),
                 QJsonObject({{"active_timestamp", secs(*zoe.lastActiveMs)},
                              {"idle_timestamp", secs(*zoe.lastConnectedMs)}}));
        QVERIFY(r.json.value("server_timestamp").isDouble());
        QVERIFY(r.body.contains("\"server_timestamp\":") && r.body.contains('.'));
    }

    void noDataGivesMinusOne() {
        // S13: nothing written (the caller does not share presence) and nothing to return.
        auto realm = start(emptyOptions());
        const QByteArray hidden = authOf(*realm, realm->presenceDisabledUserId());
        for (const Params &params : {Params{{"status", "active"}, {"last_update_id", "-1"}},
                                     Params{{"status", "active"}, {"slim_presence", "true"}}}) {
            const Reply r = postPresence(*realm, params, hidden);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.presences(), QJsonObject());
            QCOMPARE(r.json.value("presence_last_update_id").toInteger(), -1);
        }
        QCOMPARE(realm->presenceSequence(), 0);
    }

    void historyWindow_data() {
        QTest::addColumn<qint64>("historyDays");
        QTest::addColumn<qint64>("lastUpdateId");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<qint64>("expectedId");
        // Rows (id order): 14 a week old, 16 three weeks, 17 100 days, 18 null/null, 19 fresh.
        QTest::newRow("default 14 days") << kAbsent << kAbsent << QStringList{"14", "19"} << 5LL;
        QTest::newRow("50 days") << 50LL << kAbsent << QStringList{"14", "16", "19"} << 5LL;
        QTest::newRow("101 days") << 101LL << kAbsent << QStringList{"14", "16", "17", "19"} << 5LL;
        QTest::newRow("0 days") << 0LL << kAbsent << QStringList{} << -1LL;
        QTest::newRow("365 days, id -1")
            << 365LL << -1LL << QStringList{"14", "16", "17", "19"} << 5LL;
        QTest::newRow("id 0 still uses the window")
            << kAbsent << 0LL << QStringList{"14", "19"} << 5LL;
        QTest::newRow("incremental ignores the window")
            << kAbsent << 1LL << QStringList{"16", "17", "18", "19"} << 5LL;
        QTest::newRow("incremental with 0 days") << 0LL << 1LL << QStringList{} << 1LL;
        QTest::newRow("nothing newer") << 365LL << 5LL << QStringList{} << 5LL;
    }

    void historyWindow() {
        QFETCH(qint64, historyDays);
        QFETCH(qint64, lastUpdateId);
        QFETCH(QStringList, expected);
        QFETCH(qint64, expectedId);
        auto realm = start(emptyOptions());
        const qint64 now = realm->realmNowMs();
        realm->setPresenceRow(14, now - 7 * kDay, now - 7 * kDay);
        realm->setPresenceRow(16, now - 21 * kDay, now - 21 * kDay);
        realm->setPresenceRow(17, now - 100 * kDay, now - 100 * kDay);
        realm->setPresenceRow(18, std::nullopt, std::nullopt);
        realm->setPresenceRow(19, now - 10'000, now - 10'000);
        Params params = {{"status", "active"}};
        if (historyDays != kAbsent)
            params.emplaceBack("history_limit_days", QString::number(historyDays));
        if (lastUpdateId != kAbsent)
            params.emplaceBack("last_update_id", QString::number(lastUpdateId));
        else
            params.emplaceBack("slim_presence", "true");
        // The caller does not share presence, so its own row stays out of the picture.
        const Reply r =
            postPresence(*realm, params, authOf(*realm, realm->presenceDisabledUserId()));
        QCOMPARE(r.status, 200);
        QCOMPARE(sortedKeys(r.presences()), expected);
        QCOMPARE(r.json.value("presence_last_update_id").toInteger(), expectedId);
    }

    void formats_data() {
        QTest::addColumn<int>("featureLevel");
        QTest::addColumn<Params>("params");
        QTest::addColumn<bool>("modern");
        QTest::addColumn<QStringList>("ignored");
        QTest::newRow("default: legacy") << 372 << Params{} << false << QStringList{};
        QTest::newRow("slim_presence")
            << 372 << Params{{"slim_presence", "true"}} << true << QStringList{};
        QTest::newRow("last_update_id forces modern")
            << 372 << Params{{"slim_presence", "false"}, {"last_update_id", "-1"}} << true
            << QStringList{};
        QTest::newRow("263: last_update_id")
            << 263 << Params{{"last_update_id", "-1"}} << true << QStringList{};
        QTest::newRow("262: last_update_id unknown")
            << 262 << Params{{"last_update_id", "-1"}} << false << QStringList{"last_update_id"};
        QTest::newRow("262: slim")
            << 262 << Params{{"slim_presence", "true"}} << true << QStringList{};
        QTest::newRow("287: history_limit_days unknown")
            << 287 << Params{{"slim_presence", "true"}, {"history_limit_days", "365"}} << true
            << QStringList{"history_limit_days"};
        QTest::newRow("166: no ignored list")
            << 166 << Params{{"bogus", "1"}} << false << QStringList{};
        QTest::newRow("pre-3.0: slim unknown")
            << 0 << Params{{"slim_presence", "true"}} << false << QStringList{};
    }

    void formats() {
        QFETCH(int, featureLevel);
        QFETCH(Params, params);
        QFETCH(bool, modern);
        QFETCH(QStringList, ignored);
        auto realm = start(emptyOptions(featureLevel));
        const qint64 now = realm->realmNowMs() / 1000 * 1000;
        realm->setPresenceRow(14, now - 50'000, now);          // S2: active 50 s before connected
        realm->setPresenceRow(16, now - 180'000, now);         // S3: 3 min: idle
        realm->setPresenceRow(17, std::nullopt, now - 10'000); // never active: date_joined
        realm->setPresenceRow(15, now, now);                   // restricted email
        realm->setPresenceRow(11, now, now);                   // bot: never returned
        realm->setPresenceRow(12, now, now);                   // deactivated: never returned
        params.emplaceBack("status", "idle");
        const Reply r =
            postPresence(*realm, params, authOf(*realm, realm->presenceDisabledUserId()));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.contains("presence_last_update_id"), featureLevel >= 263);
        if (ignored.isEmpty())
            QVERIFY(!r.json.contains("ignored_parameters_unsupported"));
        else
            QCOMPARE(r.json.value("ignored_parameters_unsupported").toArray(),
                     QJsonArray::fromStringList(ignored));
        const QJsonObject p = r.presences();
        const qint64 t = secs(now);
        const qint64 joined17 = realm->dateJoinedMs(17) / 1000;
        if (modern) {
            QCOMPARE(sortedKeys(p), QStringList({"14", "15", "16", "17"}));
            auto entry = [](qint64 a, qint64 i) {
                return QJsonObject{{"active_timestamp", a}, {"idle_timestamp", i}};
            };
            QCOMPARE(p.value("14").toObject(), entry(t - 50, t));
            QCOMPARE(p.value("16").toObject(), entry(t - 180, t));
            QCOMPARE(p.value("17").toObject(), entry(joined17, t - 10));
            return;
        }
        QStringList emails = {realm->emailOf(16), realm->emailOf(17), "user15@devrealm.test",
                              "zoe.angstrom@devrealm.test"};
        emails.sort();
        QCOMPARE(sortedKeys(p), emails);
        auto legacy = [](const QString &status, qint64 timestamp) {
            return QJsonObject{
                {"website", QJsonObject{{"client", "website"},
                                        {"status", status},
                                        {"timestamp", timestamp},
                                        {"pushable", false}}},
                {"aggregated",
                 QJsonObject{{"client", "website"}, {"status", status}, {"timestamp", timestamp}}}};
        };
        QCOMPARE(p.value("zoe.angstrom@devrealm.test").toObject(), legacy("active", t - 50));
        QCOMPARE(p.value(realm->emailOf(16)).toObject(), legacy("idle", t));
        QCOMPARE(p.value(realm->emailOf(17)).toObject(), legacy("idle", t - 10));
    }

    void realmPresenceEndpoint() {
        const qint64 now = m_realm->realmNowMs();
        QStringList expected;
        for (const int id : m_realm->userIds()) {
            const auto row = m_realm->presenceRow(id);
            if (m_realm->isActive(id) && !m_realm->isBot(id) && row && row->lastConnectedMs &&
                *row->lastConnectedMs >= now - 14 * kDay)
                expected.append(m_realm->emailOf(id));
        }
        expected.sort();
        QVERIFY(expected.size() > 5);
        for (const int caller : {m_realm->ownUserId(), m_realm->botUserId()}) {
            const Reply r =
                call(*m_realm, "GET", "/api/v1/realm/presence", {}, authOf(*m_realm, caller));
            QCOMPARE(r.status, 200);
            QCOMPARE(sortedKeys(r.presences()), expected);
            QVERIFY(r.json.value("server_timestamp").isDouble());
            QVERIFY(!r.json.contains("presence_last_update_id"));
            QVERIFY(r.presences().begin()->toObject().contains("aggregated"));
        }
    }

    void userPresenceEndpoint_data() {
        QTest::addColumn<QString>("who");
        QTest::addColumn<QString>("website");
        QTest::addColumn<QString>("aggregated");
        QTest::addColumn<qint64>("age");
        QTest::addColumn<QString>("error");
        QTest::newRow("by id") << "14"
                               << "active"
                               << "active" << 10LL << "";
        QTest::newRow("by email") << "zoe.angstrom@devrealm.test"
                                  << "active"
                                  << "active" << 10LL << "";
        QTest::newRow("offline after 200 s") << "16"
                                             << "idle"
                                             << "offline" << 300LL << "";
        QTest::newRow("bot") << "11"
                             << ""
                             << "" << 0LL << "Presence is not supported for bot users.";
        QTest::newRow("deactivated") << "12"
                                     << ""
                                     << "" << 0LL << "No such user";
        QTest::newRow("no row") << "17"
                                << ""
                                << "" << 0LL << "No presence data for 17";
        QTest::newRow("unknown") << "99999"
                                 << ""
                                 << "" << 0LL << "No such user";
    }

    void userPresenceEndpoint() {
        QFETCH(QString, who);
        QFETCH(QString, website);
        QFETCH(QString, aggregated);
        QFETCH(qint64, age);
        QFETCH(QString, error);
        auto realm = start(emptyOptions());
        const qint64 now = realm->realmNowMs() / 1000 * 1000;
        realm->setPresenceRow(14, now - 10'000, now - 10'000);
        realm->setPresenceRow(16, std::nullopt, now - 300'000);
        realm->setPresenceRow(11, now, now);
        realm->setPresenceRow(12, now, now);
        const Reply r = call(*realm, "GET", "/api/v1/users/" + who + "/presence", {}, own(*realm));
        if (!error.isEmpty()) {
            QCOMPARE(r.status, 400);
            QCOMPARE(r.json.value("msg").toString(), error);
            return;
        }
        QCOMPARE(r.status, 200);
        const qint64 ts = secs(now) - age;
        QCOMPARE(
            r.json.value("presence").toObject(),
            QJsonObject({{"website", QJsonObject{{"status", website}, {"timestamp", ts}}},
                         {"aggregated", QJsonObject{{"status", aggregated}, {"timestamp", ts}}}}));
    }

    // ---- presence_enabled and realm_presence_disabled (§9.6, §9.7) ----

    void presenceEnabledToggle() {
        auto realm = start(emptyOptions());
        const QByteArray auth = own(*realm);
        const int me = realm->ownUserId();
        realm->reportPresence(me, PresenceStatus::Active);
        const QString queue = registerQueue(*realm, {}, auth); // no user_settings_object
        qint64 before = realm->realmNowMs();
        Reply r = call(*realm, "PATCH", "/api/v1/settings", {{"presence_enabled", "false"}}, auth);
        qint64 after = realm->realmNowMs();
        QCOMPARE(r.json, QJsonObject({{"result", "success"}, {"msg", ""}}));
        QVERIFY(!realm->presenceEnabled(me));
        // S15: both times move 265 s into the past.
        PresenceRowInfo row = *realm->presenceRow(me);
        QVERIFY(*row.lastConnectedMs >= before - 265'000 &&
                *row.lastConnectedMs <= after - 265'000);
        QCOMPARE(*row.lastActiveMs, *row.lastConnectedMs);
        r = poll(*realm, queue, -1, auth);
        QCOMPARE(eventTypes(r),
                 QStringList({"user_settings", "update_global_notifications", "presence"}));
        const QJsonArray events = r.events();
        QCOMPARE(events[0].toObject(), QJsonObject({{"type", "user_settings"},
                                                    {"op", "update"},
                                                    {"property", "presence_enabled"},
                                                    {"value", false},
                                                    {"id", 0}}));
        QCOMPARE(events[1].toObject(), QJsonObject({{"type", "update_global_notifications"},
                                                    {"user", realm->ownEmail()},
                                                    {"notification_name", "presence_enabled"},
                                                    {"setting", false},
                                                    {"id", 1}}));
        QCOMPARE(events[2]
                     .toObject()
                     .value("presence")
                     .toObject()
                     .value("website")
                     .toObject()
                     .value("timestamp")
                     .toInteger(),
                 secs(*row.lastActiveMs));
        // Reports while disabled write nothing, but still return everyone else.
        r = postPresence(*realm, {{"status", "active"}, {"last_update_id", "-1"}}, auth);
        QCOMPARE(realm->presenceRow(me)->lastUpdateId, row.lastUpdateId);
        QCOMPARE(sortedKeys(r.presences()), QStringList{"10"});
        // The same value again: nothing happens.
        r = call(*realm, "PATCH", "/api/v1/settings", {{"presence_enabled", "false"}}, auth);
        QCOMPARE(poll(*realm, queue, 2, auth).events(), QJsonArray());
        // S18: turned on, online at once.
        before = realm->realmNowMs();
        r = call(*realm, "PATCH", "/api/v1/settings",
                 {{"presence_enabled", "true"}, {"emojiset", "\"google\""}}, auth);
        after = realm->realmNowMs();
        QCOMPARE(r.json.value("ignored_parameters_unsupported").toArray(), QJsonArray{"emojiset"});
        row = *realm->presenceRow(me);
        QVERIFY(*row.lastActiveMs >= before && *row.lastActiveMs <= after);
        QCOMPARE(*row.lastConnectedMs, *row.lastActiveMs);
        QCOMPARE(eventTypes(poll(*realm, queue, 2, auth)),
                 QStringList({"user_settings", "update_global_notifications", "presence"}));
        r = call(*realm, "PATCH", "/api/v1/settings", {{"presence_enabled", "False"}}, auth);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json.value("msg").toString(),
                 QString("Argument \"presence_enabled\" is not valid JSON."));
    }

    void settingsEndpointsByFeatureLevel_data() {
        QTest::addColumn<int>("level");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("applied");
        QTest::addColumn<QJsonObject>("answer");
        const QJsonObject plain{{"result", "success"}, {"msg", ""}};
        QJsonObject namesIgnored = plain;
        namesIgnored.insert("ignored_parameters_unsupported", QJsonArray{"presence_enabled"});
        QJsonObject echoes = plain;
        echoes.insert("presence_enabled", false);
        // zulip.yaml update-settings: before 80 only /settings/notifications took it; before
        // 78 unsupported parameters were ignored silently and changed ones echoed.
        QTest::newRow("372 /settings") << 372 << "/api/v1/settings" << true << plain;
        QTest::newRow("372 alias") << 372 << "/api/v1/settings/notifications" << true << plain;
        QTest::newRow("79 /settings") << 79 << "/api/v1/settings" << false << namesIgnored;
        QTest::newRow("79 /settings/notifications")
            << 79 << "/api/v1/settings/notifications" << true << plain;
        QTest::newRow("60 /settings") << 60 << "/api/v1/settings" << false << plain;
        QTest::newRow("60 /settings/notifications")
            << 60 << "/api/v1/settings/notifications" << true << echoes;
    }

    void settingsEndpointsByFeatureLevel() {
        QFETCH(int, level);
        QFETCH(QString, path);
        QFETCH(bool, applied);
        QFETCH(QJsonObject, answer);
        auto realm = start(emptyOptions(level));
        const Reply r = call(*realm, "PATCH", path, {{"presence_enabled", "false"}},
                             authOf(*realm, realm->ownUserId()));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json, answer);
        QCOMPARE(realm->presenceEnabled(realm->ownUserId()), !applied);
    }

    void backdatingCases() {
        auto realm = start(emptyOptions());
        const qint64 now = realm->realmNowMs();
        // S16: old presence is left alone.
        realm->setPresenceRow(14, now - 100 * kDay, now - 100 * kDay);
        const qint64 id14 = realm->presenceRow(14)->lastUpdateId;
        realm->setPresenceEnabled(14, false);
        QCOMPARE(realm->presenceRow(14)->lastUpdateId, id14);
        QCOMPARE(*realm->presenceRow(14)->lastConnectedMs, now - 100 * kDay);
        // S17: only the recent time moves.
        realm->setPresenceRow(16, now - 100 * kDay, now - 1000);
        const qint64 before = realm->realmNowMs();
        realm->setPresenceEnabled(16, false);
        const PresenceRowInfo row = *realm->presenceRow(16);
        QCOMPARE(*row.lastActiveMs, now - 100 * kDay);
        QVERIFY(*row.lastConnectedMs >= before - 265'000 &&
                *row.lastConnectedMs <= realm->realmNowMs() - 265'000);
        // No row: nothing is created.
        realm->setPresenceEnabled(17, false);
        QVERIFY(!realm->presenceRow(17));
        // With the setting off, reports do not write.
        QVERIFY(!realm->reportPresence(16, PresenceStatus::Active).wrote);
    }

    void realmPresenceDisabled() {
        auto realm = start(emptyOptions());
        const QByteArray auth = own(*realm);
        realm->reportPresence(14, PresenceStatus::Active);
        const QString queue = registerQueue(*realm, {}, auth);
        realm->setRealmPresenceDisabled(true);
        Reply r = postPresence(*realm, {{"status", "active"}, {"last_update_id", "-1"}}, auth);
        QCOMPARE(r.presences(), QJsonObject());
        QCOMPARE(r.json.value("presence_last_update_id").toInteger(), -1);
        QVERIFY(r.json.value("server_timestamp").isDouble());
        r = call(*realm, "POST", "/api/v1/register", {}, auth);
        QVERIFY(r.json.value("realm_presence_disabled").toBool());
        QCOMPARE(r.json.value("presences").toObject(), QJsonObject());
        // The change itself is a realm event. Creating a row now sends no presence event;
        // a forced one still goes out.
        QVERIFY(!realm->reportPresence(16, PresenceStatus::Active).eventSent);
        QCOMPARE(poll(*realm, queue, -1, auth).events(),
                 QJsonArray({QJsonObject{{"type", "realm"},
                                         {"op", "update"},
                                         {"property", "presence_disabled"},
                                         {"value", true},
                                         {"id", 0}}}));
        realm->setPresenceEnabled(14, false);
        QCOMPARE(eventTypes(poll(*realm, queue, 0, auth)), QStringList{"presence"});
    }

    // ---- POST /register ----

    void registerFields_data() {
        QTest::addColumn<int>("featureLevel");
        QTest::addColumn<Params>("params");
        QTest::addColumn<QStringList>("present");
        QTest::addColumn<QStringList>("absent");
        const QStringList all = {"queue_id",
                                 "last_event_id",
                                 "zulip_version",
                                 "zulip_feature_level",
                                 "zulip_merge_base",
                                 "presences",
                                 "server_timestamp",
                                 "presence_last_update_id",
                                 "realm_presence_disabled",
                                 "server_presence_ping_interval_seconds",
                                 "server_presence_offline_threshold_seconds",
                                 "event_queue_longpoll_timeout_seconds",
                                 "realm_users",
                                 "realm_non_active_users",
                                 "user_id",
                                 "email",
                                 "full_name",
                                 "user_settings",
                                 "presence_enabled",
                                 "realm_url"};
        QTest::newRow("everything")
            << 372 << Params{} << all << QStringList{"ignored_parameters_unsupported"};
        QTest::newRow("user_settings_object")
            << 372 << Params{{"client_capabilities", R"({"user_settings_object":true})"}}
            << QStringList{"user_settings"} << QStringList{"presence_enabled"};
        QTest::newRow("presence only")
            << 372 << Params{{"fetch_event_types", R"(["presence"])"}}
            << QStringList{"presences", "server_timestamp", "presence_last_update_id"}
            << QStringList{"realm_users",
                           "realm_presence_disabled",
                           "user_settings",
                           "user_id",
                           "server_presence_ping_interval_seconds",
                           "presence_enabled"};
        QTest::newRow("event_types is the default fetch")
            << 372 << Params{{"event_types", R"(["realm"])"}}
            << QStringList{"realm_presence_disabled", "server_presence_ping_interval_seconds"}
            << QStringList{"presences", "realm_users"};
        QTest::newRow("163: no presence settings")
            << 163 << Params{} << QStringList{"event_queue_longpoll_timeout_seconds"}
            << QStringList{"server_presence_ping_interval_seconds",
                           "server_presence_offline_threshold_seconds", "presence_last_update_id",
                           "realm_url"};
        QTest::newRow("88: no user_settings")
            << 88 << Params{} << QStringList{"zulip_merge_base", "presence_enabled"}
            << QStringList{"user_settings"};
        QTest::newRow("73: no long-poll timeout")
            << 73 << Params{} << QStringList{"server_timestamp"}
            << QStringList{"event_queue_longpoll_timeout_seconds"};
        QTest::newRow("69: no server_timestamp")
            << 69 << Params{} << QStringList{"presences"} << QStringList{"server_timestamp"};
        QTest::newRow("pre-3.0") << 0 << Params{} << QStringList{"zulip_version", "presences"}
                                 << QStringList{"zulip_feature_level", "zulip_merge_base"};
        QTest::newRow("unknown parameter")
            << 372 << Params{{"bogus", "1"}} << QStringList{"ignored_parameters_unsupported"}
            << QStringList{};
    }

    void registerFields() {
        QFETCH(int, featureLevel);
        QFETCH(Params, params);
        QFETCH(QStringList, present);
        QFETCH(QStringList, absent);
        auto realm = start(staticOptions(featureLevel));
        const Reply r = call(*realm, "POST", "/api/v1/register", params, own(*realm));
        QCOMPARE(r.status, 200);
        for (const QString &key : present)
            QVERIFY2(r.json.contains(key), qPrintable(key));
        for (const QString &key : absent)
            QVERIFY2(!r.json.contains(key), qPrintable(key));
        QCOMPARE(r.json.value("last_event_id").toInt(), -1);
        QVERIFY(!r.json.value("queue_id").toString().isEmpty());
    }

    void registerContents() {
        DevRealmOptions o = staticOptions();
        o.pingIntervalSecs = 45;
        o.offlineThresholdSecs = 160;
        o.longpollTimeoutSecs = 2.5;
        auto realm = start(o);
        Reply r = call(*realm, "POST", "/api/v1/register", {}, own(*realm));
        QCOMPARE(r.json.value("server_presence_ping_interval_seconds").toInt(), 45);
        QCOMPARE(r.json.value("server_presence_offline_threshold_seconds").toInt(), 160);
        QCOMPARE(r.json.value("event_queue_longpoll_timeout_seconds").toInt(), 3);
        QCOMPARE(r.json.value("user_id").toInt(), 10);
        QCOMPARE(r.json.value("full_name").toString(), QString("Ada Agent"));
        QCOMPARE(r.json.value("user_settings").toObject().value("presence_enabled").toBool(), true);
        const QJsonArray active = r.json.value("realm_users").toArray();
        const QJsonArray inactive = r.json.value("realm_non_active_users").toArray();
        QCOMPARE(active.size(), 29);
        QCOMPARE(inactive.size(), 1);
        QCOMPARE(inactive[0].toObject().value("user_id").toInt(), 12);
        QVERIFY(!active[0].toObject().contains("is_active")); // implied by the list
        QCOMPARE(active[1].toObject().value("is_bot").toBool(), true);
        // Default: legacy presences keyed by email; slim: by id; history limit widens it.
        const QJsonObject legacy = r.json.value("presences").toObject();
        QVERIFY(legacy.contains("zoe.angstrom@devrealm.test"));
        r = call(*realm, "POST", "/api/v1/register",
                 {{"slim_presence", "true"}, {"fetch_event_types", R"(["presence"])"}},
                 own(*realm));
        QCOMPARE(r.json.value("presences").toObject().size(), legacy.size());
        QVERIFY(r.json.value("presences").toObject().contains("14"));
        r = call(*realm, "POST", "/api/v1/register",
                 {{"slim_presence", "true"}, {"presence_history_limit_days", "365"}}, own(*realm));
        QVERIFY(r.json.value("presences").toObject().size() > legacy.size());
        r = call(*realm, "POST", "/api/v1/register", {{"event_types", "[\"presence\""}},
                 own(*realm));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json.value("msg").toString(),
                 QString("Argument \"event_types\" is not valid JSON."));
        r = call(*realm, "POST", "/api/v1/register", {{"event_types", "[1]"}}, own(*realm));
        QCOMPARE(r.json.value("msg").toString(), QString("event_types[0] is not a string"));
    }

    // ---- events and long polling ----

    void eventsHeartbeatAndDontBlock() {
        DevRealmOptions o = emptyOptions();
        o.queueTimeoutSecs = 0.3; // a held poll keeps its queue alive past this
        auto realm = start(o);
        const QByteArray auth = own(*realm);
        const QString queue = registerQueue(*realm, {}, auth);
        Reply r = poll(*realm, queue, -1, auth, false);
        QCOMPARE(r.status, 200);
        QVERIFY2(r.elapsedMs >= 400 && r.elapsedMs < 3000,
                 qPrintable(QString::number(r.elapsedMs)));
        QCOMPARE(r.events(), QJsonArray({QJsonObject{{"type", "heartbeat"}, {"id", 0}}}));
        r = poll(*realm, queue, 0, auth, true);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.events(), QJsonArray());
        QVERIFY(r.elapsedMs < 400);
        r = poll(*realm, queue, 0, auth, false);
        QCOMPARE(r.events()[0].toObject().value("id").toInt(), 1);
    }

    void eventsPresenceShapes_data() {
        QTest::addColumn<int>("featureLevel");
        QTest::addColumn<Params>("params");
        QTest::addColumn<bool>("simplified");
        QTest::addColumn<bool>("email");
        const QString simplified = R"({"simplified_presence_events":true})";
        QTest::newRow("legacy") << 372 << Params{} << false << true;
        QTest::newRow("slim queue: no email")
            << 372 << Params{{"slim_presence", "true"}} << false << false;
        QTest::newRow("simplified at 419")
            << 419 << Params{{"client_capabilities", simplified}} << true << false;
        QTest::newRow("capability unknown at 372")
            << 372 << Params{{"client_capabilities", simplified}} << false << true;
    }

    void eventsPresenceShapes() {
        QFETCH(int, featureLevel);
        QFETCH(Params, params);
        QFETCH(bool, simplified);
        QFETCH(bool, email);
        auto realm = start(emptyOptions(featureLevel));
        const QByteArray auth = own(*realm);
        const QString queue = registerQueue(*realm, params, auth);
        const qint64 at = realm->realmNowMs() - 5000;
        QVERIFY(realm->reportPresenceAt(14, PresenceStatus::Active, at).eventSent);
        const Reply r = poll(*realm, queue, -1, auth);
        QCOMPARE(r.events().size(), 1);
        const QJsonObject e = r.events()[0].toObject();
        if (simplified) {
            QCOMPARE(
                e, QJsonObject({{"type", "presence"},
                                {"id", 0},
                                {"presences",
                                 QJsonObject{{"14", QJsonObject{{"active_timestamp", secs(at)},
                                                                {"idle_timestamp", secs(at)}}}}}}));
            return;
        }
        QStringList keys = {"id", "presence", "server_timestamp", "type", "user_id"};
        if (email)
            keys.append("email");
        keys.sort();
        QCOMPARE(sortedKeys(e), keys);
        QCOMPARE(e.value("user_id").toInt(), 14);
        if (email)
            QCOMPARE(e.value("email").toString(), QString("zoe.angstrom@devrealm.test"));
        QVERIFY(e.value("server_timestamp").isDouble());
        QVERIFY(qAbs(e.value("server_timestamp").toDouble() * 1000 - double(realm->realmNowMs())) <
                5000);
        QCOMPARE(e.value("presence").toObject(),
                 QJsonObject({{"website", QJsonObject{{"client", "website"},
                                                      {"status", "active"},
                                                      {"timestamp", secs(at)},
                                                      {"pushable", false}}}}));
    }

    void eventsWhenComingOnline() {
        // S22: an event for a new row and for "came online" (active, last active > 130 s ago).
        auto realm = start(emptyOptions());
        const QByteArray auth = own(*realm);
        const QString queue = registerQueue(*realm, {}, auth);
        const qint64 b = realm->realmNowMs() - 3600'000;
        auto report = [&](PresenceStatus s, qint64 at) {
            return realm->reportPresenceAt(14, s, at);
        };
        ReportOutcome o = report(PresenceStatus::Active, b);
        QVERIFY(o.created && o.eventSent);
        o = report(PresenceStatus::Active, b + 60'000);
        QVERIFY(o.wrote && !o.eventSent);
        o = report(PresenceStatus::Idle, b + 120'000);
        QVERIFY(o.wrote && !o.eventSent);
        o = report(PresenceStatus::Active, b + 190'000); // last active 130 s ago: not more
        QVERIFY(o.wrote && !o.eventSent);
        o = report(PresenceStatus::Active, b + 321'001); // 131.001 s after the last active
        QVERIFY(o.wrote && o.eventSent);
        const Reply r = poll(*realm, queue, -1, auth);
        QCOMPARE(eventTypes(r), QStringList({"presence", "presence"}));
        QCOMPARE(r.events()[1]
                     .toObject()
                     .value("presence")
                     .toObject()
                     .value("website")
                     .toObject()
                     .value("timestamp")
                     .toInteger(),
                 secs(b + 321'001));
    }

    void eventsSkippedAboveHundredRecipients() {
        DevRealmOptions o = emptyOptions();
        o.users = 120;
        auto realm = start(o);
        const QByteArray auth = own(*realm);
        const QString queue = registerQueue(*realm, {}, auth);
        QVERIFY(!realm->reportPresence(14, PresenceStatus::Active).eventSent);
        realm->setPresenceEnabled(14, false); // forced: sent anyway
        const Reply r = poll(*realm, queue, -1, auth);
        QCOMPARE(eventTypes(r), QStringList({"presence"}));
    }

    void eventsRealmUserAndRestart_data() {
        QTest::addColumn<int>("featureLevel");
        QTest::newRow("372") << 372;
        QTest::newRow("200: deactivation is a remove") << 200;
    }

    void eventsRealmUserAndRestart() {
        QFETCH(int, featureLevel);
        auto realm = start(emptyOptions(featureLevel));
        const QByteArray auth = own(*realm);
        const QString queue = registerQueue(*realm, {{"client_gravatar", "false"}}, auth);
        const int added = realm->addUser(QStringLiteral("Zoltán Új"));
        realm->deactivateUser(16);
        realm->renameUser(17, QStringLiteral("Renamed Person"));
        realm->sendRestartEvent();
        const Reply r = poll(*realm, queue, -1, auth);
        QCOMPARE(eventTypes(r), QStringList({"realm_user", "realm_user", "realm_user", "restart"}));
        const QJsonArray e = r.events();
        QCOMPARE(e[0].toObject().value("op").toString(), QString("add"));
        const QJsonObject person = e[0].toObject().value("person").toObject();
        QCOMPARE(person.value("user_id").toInt(), added);
        QCOMPARE(person.value("full_name").toString(), QString("Zoltán Új"));
        QCOMPARE(person.value("email").toString(), QString("zoltan.uj@devrealm.test"));
        QCOMPARE(person.value("is_active").toBool(), true);
        if (featureLevel >= 222)
            QCOMPARE(e[1].toObject(),
                     QJsonObject({{"type", "realm_user"},
                                  {"op", "update"},
                                  {"person", QJsonObject{{"user_id", 16}, {"is_active", false}}},
                                  {"id", 1}}));
        else
            QCOMPARE(e[1].toObject(),
                     QJsonObject({{"type", "realm_user"},
                                  {"op", "remove"},
                                  {"person", QJsonObject{{"user_id", 16},
                                                         {"full_name", realm->fullNameOf(16)}}},
                                  {"id", 1}}));
        QCOMPARE(e[2].toObject().value("person").toObject(),
                 QJsonObject({{"user_id", 17}, {"full_name", "Renamed Person"}}));
        const QJsonObject restart = e[3].toObject();
        QCOMPARE(restart.value("zulip_feature_level").toInt(), featureLevel);
        QCOMPARE(restart.contains("zulip_merge_base"), featureLevel >= 88);
        QVERIFY(restart.value("server_generation").toInteger() > 1'600'000'000);
        // The new account works at once; the deactivated one no longer does.
        QCOMPARE(call(*realm, "GET", "/api/v1/users/me", {}, authOf(*realm, added)).status, 200);
        QCOMPARE(call(*realm, "GET", "/api/v1/users/me", {}, authOf(*realm, 16)).status, 401);
    }

    void eventsFilteredByType() {
        auto realm = start(emptyOptions());
        const QByteArray auth = own(*realm);
        const QString users = registerQueue(*realm, {{"event_types", R"(["realm_user"])"}}, auth);
        const QString zoeQueue = registerQueue(*realm, {}, authOf(*realm, 14));
        realm->reportPresence(16, PresenceStatus::Active); // presence
        call(*realm, "PATCH", "/api/v1/settings", {{"presence_enabled", "false"}}, auth); // own
        realm->renameUser(17, QStringLiteral("Someone Else")); // realm_user
        QCOMPARE(eventTypes(poll(*realm, users, -1, auth)), QStringList({"realm_user"}));
        // Zoë sees the presence and realm_user events, but not Ada's settings (Ada had no
        // presence row, so turning sharing off sent no presence event either).
        QCOMPARE(eventTypes(poll(*realm, zoeQueue, -1, authOf(*realm, 14))),
                 QStringList({"presence", "realm_user"}));
        // Heartbeats reach every queue.
        QCOMPARE(eventTypes(poll(*realm, users, 0, auth, false)), QStringList({"heartbeat"}));
    }

    void eventsAcknowledgeAndWake() {
        DevRealmOptions o = emptyOptions();
        o.longpollTimeoutSecs = 6; // heartbeat at 3 s: a quick answer must come from the event
        auto realm = start(o);
        const QByteArray auth = own(*realm);
        const QString queue = registerQueue(*realm, {}, auth);
        realm->reportPresence(14, PresenceStatus::Active);
        realm->reportPresence(16, PresenceStatus::Active);
        Reply r = poll(*realm, queue, -1, auth);
        QCOMPARE(r.events().size(), 2);
        QCOMPARE(r.events()[1].toObject().value("id").toInt(), 1);
        r = poll(*realm, queue, 0, auth);
        QCOMPARE(r.events().size(), 1);
        QCOMPARE(r.events()[0].toObject().value("user_id").toInt(), 16);
        QCOMPARE(poll(*realm, queue, 1, auth).events(), QJsonArray());
        // A held poll is answered as soon as an event arrives.
        QNetworkReply *held = send(*realm, "GET", "/api/v1/events",
                                   {{"queue_id", queue}, {"last_event_id", "1"}}, auth);
        QTRY_COMPARE(realm->heldPollCount(), 1);
        QTest::qWait(100);
        realm->reportPresence(17, PresenceStatus::Idle);
        r = finish(held);
        QVERIFY2(r.elapsedMs < 2000, qPrintable(QString::number(r.elapsedMs)));
        QCOMPARE(r.events().size(), 1);
        QCOMPARE(r.events()[0]
                     .toObject()
                     .value("presence")
                     .toObject()
                     .value("website")
                     .toObject()
                     .value("status")
                     .toString(),
                 QString("idle"));
    }

    void eventsBadQueue_data() {
        QTest::addColumn<QString>("scenario");
        for (const char *s : {"unknown", "deleted", "deleted twice", "expired by control",
                              "garbage collected", "other user's queue", "held poll expired"})
            QTest::newRow(s) << QString::fromLatin1(s);
    }

    void eventsBadQueue() {
        QFETCH(QString, scenario);
        DevRealmOptions o = emptyOptions();
        o.queueTimeoutSecs = 0.3;
        o.longpollTimeoutSecs = 10;
        auto realm = start(o);
        const QByteArray auth = own(*realm);
        QString queue = registerQueue(*realm, {}, auth);
        QCOMPARE(realm->queueCount(), 1);
        Reply r;
        if (scenario == u"unknown") {
            queue = QStringLiteral("no-such-queue");
            r = poll(*realm, queue, -1, auth);
        } else if (scenario.startsWith(u"deleted")) {
            r = call(*realm, "DELETE", "/api/v1/events", {{"queue_id", queue}}, auth);
            QCOMPARE(r.status, 200);
            QCOMPARE(realm->queueCount(), 0);
            r = scenario == u"deleted"
                    ? poll(*realm, queue, -1, auth)
                    : call(*realm, "DELETE", "/api/v1/events", {{"queue_id", queue}}, auth);
        } else if (scenario == u"expired by control") {
            realm->expireAllQueues();
            r = poll(*realm, queue, -1, auth);
        } else if (scenario == u"garbage collected") {
            QTRY_COMPARE_WITH_TIMEOUT(realm->queueCount(), 0, 3000);
            r = poll(*realm, queue, -1, auth);
        } else if (scenario == u"other user's queue") {
            r = poll(*realm, queue, -1, authOf(*realm, 14));
        } else {
            QNetworkReply *held = send(*realm, "GET", "/api/v1/events",
                                       {{"queue_id", queue}, {"last_event_id", "-1"}}, auth);
            QTRY_COMPARE(realm->heldPollCount(), 1);
            realm->expireAllQueues();
            r = finish(held);
        }
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json, QJsonObject({{"result", "error"},
                                      {"msg", "Bad event queue ID: " + queue},
                                      {"code", "BAD_EVENT_QUEUE_ID"},
                                      {"queue_id", queue}}));
    }

    void eventsMissingQueueId() {
        const Reply r = call(*m_realm, "GET", "/api/v1/events", {}, own(*m_realm));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json.value("code").toString(), QString("REQUEST_VARIABLE_MISSING"));
        QCOMPARE(r.json.value("var_name").toString(), QString("queue_id"));
    }

    // ---- users ----

    void usersList() {
        const Reply r =
            call(*m_realm, "GET", "/api/v1/users",
                 {{"client_gravatar", "false"}, {"include_custom_profile_fields", "true"}},
                 own(*m_realm));
        QCOMPARE(r.status, 200);
        const QJsonArray members = r.json.value("members").toArray();
        QCOMPARE(members.size(), 30);
        QHash<int, QJsonObject> byId;
        for (const QJsonValue &m : members)
            byId.insert(m.toObject().value("user_id").toInt(), m.toObject());
        QCOMPARE(byId.size(), 30);
        const QJsonObject me = byId.value(10);
        QCOMPARE(
            sortedKeys(me),
            QStringList({"avatar_url", "avatar_version", "bot_type", "date_joined",
                         "delivery_email", "email", "full_name", "is_active", "is_admin", "is_bot",
                         "is_guest", "is_owner", "profile_data", "role", "timezone", "user_id"}));
        QCOMPARE(me.value("full_name").toString(), QString("Ada Agent"));
        QCOMPARE(me.value("email").toString(), QString("ada.agent@devrealm.test"));
        QCOMPARE(me.value("role").toInt(), 400);
        QVERIFY(me.value("bot_type").isNull());
        QVERIFY(me.value("avatar_url").toString().startsWith(m_realm->baseUrl().toString()));
        const QJsonObject bot = byId.value(11);
        QCOMPARE(bot.value("is_bot").toBool(), true);
        QCOMPARE(bot.value("bot_type").toInt(), 1);
        QCOMPARE(bot.value("bot_owner_id").toInt(), 10);
        QVERIFY(!bot.contains("profile_data"));
        QCOMPARE(byId.value(12).value("is_active").toBool(), false);
        QCOMPARE(byId.value(13).value("full_name").toString(), QString("Ingrid Ivarsson"));
        QCOMPARE(byId.value(14).value("full_name").toString(), QString("Zoë Ångström"));
        QVERIFY(byId.value(14).value("avatar_url").toString().startsWith("/user_avatars/"));
        QCOMPARE(byId.value(15).value("email").toString(), QString("user15@devrealm.test"));
        QVERIFY(byId.value(15).value("delivery_email").isNull());
        QCOMPARE(byId.value(16).value("role").toInt(), 100);
        QVERIFY(byId.value(16).value("is_owner").toBool() &&
                byId.value(16).value("is_admin").toBool());
        QCOMPARE(byId.value(17).value("role").toInt(), 200);
        QCOMPARE(byId.value(18).value("role").toInt(), 300);
        QCOMPARE(byId.value(19).value("role").toInt(), 600);
        QVERIFY(byId.value(19).value("is_guest").toBool());
        static const QRegularExpression iso(
            QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00$"));
        QSet<QString> emails;
        for (const QJsonObject &m : std::as_const(byId)) {
            QVERIFY2(iso.match(m.value("date_joined").toString()).hasMatch(),
                     qPrintable(m.value("date_joined").toString()));
            const QString avatar = m.value("avatar_url").toString();
            QVERIFY2(avatar.startsWith(m_realm->baseUrl().toString()) || avatar.startsWith(u'/'),
                     qPrintable(avatar));
            emails.insert(m.value("email").toString());
        }
        QCOMPARE(emails.size(), 30);
    }

    void usersAvatarsAndOptions_data() {
        QTest::addColumn<int>("featureLevel");
        QTest::addColumn<Params>("params");
        QTest::addColumn<bool>("gravatarNull");
        QTest::addColumn<bool>("billingAdmin");
        QTest::newRow("372 default") << 372 << Params{} << true << false;
        QTest::newRow("372 client_gravatar=false")
            << 372 << Params{{"client_gravatar", "false"}} << false << false;
        QTest::newRow("80: default false") << 80 << Params{} << false << true;
    }

    void usersAvatarsAndOptions() {
        QFETCH(int, featureLevel);
        QFETCH(Params, params);
        QFETCH(bool, gravatarNull);
        QFETCH(bool, billingAdmin);
        auto realm = start(staticOptions(featureLevel));
        const Reply r = call(*realm, "GET", "/api/v1/users", params, own(*realm));
        QHash<int, QJsonObject> byId;
        for (const QJsonValue &m : r.json.value("members").toArray())
            byId.insert(m.toObject().value("user_id").toInt(), m.toObject());
        QCOMPARE(byId.value(16).value("avatar_url").isNull(), gravatarNull); // a gravatar user
        QVERIFY(!byId.value(26).value("avatar_url").isNull()); // gravatar, address hidden from us
        QVERIFY(!byId.value(10).value("avatar_url").isNull()); // uploaded
        QCOMPARE(byId.value(10).contains("is_billing_admin"), billingAdmin);
        QVERIFY(!byId.value(10).contains("profile_data"));
    }

    void usersById_data() {
        QTest::addColumn<int>("featureLevel");
        QTest::addColumn<QString>("userIds");
        QTest::addColumn<QList<int>>("expected");
        QTest::addColumn<QString>("error");
        QTest::newRow("384 filter") << 384 << "[14,10]" << QList<int>{10, 14} << "";
        QTest::newRow("384 unknown id")
            << 384 << "[99999]" << QList<int>{} << "Invalid user ID: 99999";
        QTest::newRow("384 not an integer")
            << 384 << R"(["x"])" << QList<int>{} << "user_ids[0] is not an integer";
        QTest::newRow("372 ignores it") << 372 << "[14]" << QList<int>{} << "";
    }

    void usersById() {
        QFETCH(int, featureLevel);
        QFETCH(QString, userIds);
        QFETCH(QList<int>, expected);
        QFETCH(QString, error);
        auto realm = start(staticOptions(featureLevel));
        const Reply r = call(*realm, "GET", "/api/v1/users", {{"user_ids", userIds}}, own(*realm));
        if (!error.isEmpty()) {
            QCOMPARE(r.status, 400);
            QCOMPARE(r.json.value("msg").toString(), error);
            return;
        }
        QList<int> ids;
        for (const QJsonValue &m : r.json.value("members").toArray())
            ids.append(m.toObject().value("user_id").toInt());
        if (featureLevel < 384) {
            QCOMPARE(ids.size(), 30);
            QCOMPARE(r.json.value("ignored_parameters_unsupported").toArray(),
                     QJsonArray{"user_ids"});
        } else {
            QCOMPARE(ids, expected);
        }
    }

    void ownUserAndSingleUser() {
        const QByteArray auth = own(*m_realm);
        Reply r = call(*m_realm, "GET", "/api/v1/users/me", {}, auth);
        QCOMPARE(r.json.value("user_id").toInt(), 10);
        QCOMPARE(r.json.value("email").toString(), m_realm->ownEmail());
        QCOMPARE(r.json.value("delivery_email").toString(), m_realm->ownEmail());
        QCOMPARE(r.json.value("full_name").toString(), QString("Ada Agent"));
        QVERIFY(r.json.contains("max_message_id"));
        QVERIFY(!r.json.value("avatar_url").toString().isEmpty());
        QVERIFY(!r.json.contains("user"));
        for (const QString &who :
             {QStringLiteral("14"), QStringLiteral("zoe.angstrom@devrealm.test")}) {
            r = call(*m_realm, "GET", "/api/v1/users/" + who, {}, auth);
            QCOMPARE(r.json.value("user").toObject().value("user_id").toInt(), 14);
        }
        r = call(*m_realm, "GET", "/api/v1/users/99999", {}, auth);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json.value("msg").toString(), QString("No such user"));
    }

    void avatarImages() {
        const Reply users =
            call(*m_realm, "GET", "/api/v1/users", {{"client_gravatar", "false"}}, own(*m_realm));
        int fetched = 0;
        for (const QJsonValue &m : users.json.value("members").toArray()) {
            const int id = m.toObject().value("user_id").toInt();
            if (id != 10 && id != 14 && id != 16)
                continue; // uploaded absolute, uploaded relative, gravatar stand-in
            const QUrl url =
                m_realm->baseUrl().resolved(QUrl(m.toObject().value("avatar_url").toString()));
            QCOMPARE(url.host(), QString("127.0.0.1"));
            QNetworkReply *reply = m_nam.get(QNetworkRequest(url));
            const Reply r = finish(reply);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.header("Content-Type"), QByteArray("image/png"));
            QVERIFY(r.body.startsWith("\x89PNG\r\n\x1a\n"));
            ++fetched;
        }
        QCOMPARE(fetched, 3);
    }

    // user_avatar_url_field_optional: as Zulip, the register answer leaves out the avatars of
    // people long away (long_term_idle), and GET /avatar/{user_id} leads to any avatar.
    void registerLeavesOutLongAwayAvatars_data() {
        QTest::addColumn<int>("featureLevel");
        QTest::addColumn<QString>("capabilities");
        QTest::addColumn<bool>("leftOut");
        const QString optional = QStringLiteral(R"({"user_avatar_url_field_optional":true})");
        QTest::newRow("372 with the capability") << 372 << optional << true;
        QTest::newRow("372 without it") << 372 << QStringLiteral("{}") << false;
        QTest::newRow("17, before it") << 17 << optional << false;
    }

    void registerLeavesOutLongAwayAvatars() {
        QFETCH(int, featureLevel);
        QFETCH(QString, capabilities);
        QFETCH(bool, leftOut);
        auto realm = start(staticOptions(featureLevel));
        const Reply r = call(*realm, "POST", "/api/v1/register",
                             {{"client_capabilities", capabilities},
                              {"client_gravatar", "false"},
                              {"slim_presence", "true"}},
                             own(*realm));
        QCOMPARE(r.status, 200);
        const QJsonArray people = r.json.value("realm_users").toArray();
        const QJsonObject presences = r.presences();
        const double now = double(QDateTime::currentSecsSinceEpoch());
        int without = 0;
        for (const QJsonValue &value : people) {
            const QJsonObject person = value.toObject();
            if (person.contains("avatar_url"))
                continue;
            ++without;
            const int id = person.value("user_id").toInt();
            QVERIFY2(!person.value("is_bot").toBool() && id != realm->ownUserId(),
                     qPrintable(QString::number(id)));
            // Nothing heard from them in two weeks (the answer covers 14 days).
            const QJsonObject seen = presences.value(QString::number(id)).toObject();
            const double last = std::max(seen.value("active_timestamp").toDouble(),
                                         seen.value("idle_timestamp").toDouble());
            QVERIFY2(now - last > 14 * 86400, qPrintable(QString::number(id)));
        }
        QCOMPARE(without > 0, leftOut);
        QVERIFY(without < people.size() / 2);
    }

    void avatarAddressRedirects() {
        const Reply users =
            call(*m_realm, "GET", "/api/v1/users", {{"client_gravatar", "false"}}, own(*m_realm));
        QHash<int, QString> sent;
        for (const QJsonValue &m : users.json.value("members").toArray())
            sent.insert(m.toObject().value("user_id").toInt(),
                        m.toObject().value("avatar_url").toString());
        const auto get = [this](const QString &path, const QByteArray &authorization) {
            QNetworkRequest request(m_realm->baseUrl().resolved(QUrl(path)));
            request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                 QNetworkRequest::ManualRedirectPolicy);
            if (!authorization.isEmpty())
                request.setRawHeader("Authorization", authorization);
            return finish(m_nam.get(request));
        };
        // Uploaded (absolute), uploaded (relative to the site), gravatar stand-in.
        for (const int id : {10, 14, 16}) {
            for (const QString &path : {QStringLiteral("/avatar/%1").arg(id),
                                        QStringLiteral("/avatar/%1/medium").arg(id)}) {
                const Reply r = get(path, own(*m_realm));
                QCOMPARE(r.status, 302);
                QCOMPARE(QString::fromUtf8(r.header("Location")), sent.value(id));
            }
        }
        QCOMPARE(get(QStringLiteral("/avatar/16"), {}).status, 401);
        QCOMPARE(get(QStringLiteral("/avatar/99999"), own(*m_realm)).status, 404);
        QCOMPARE(get(QStringLiteral("/avatar/x"), own(*m_realm)).status, 404);

        // HEAD gets GET's headers and no body, so the next answer on the connection is read
        // from its first byte.
        QTcpSocket socket; // (the realm answers on this thread: wait with its event loop)
        QByteArray answers;
        connect(&socket, &QTcpSocket::readyRead, this, [&] { answers += socket.readAll(); });
        socket.connectToHost(QHostAddress::LocalHost, quint16(m_realm->baseUrl().port()));
        QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::ConnectedState, 5000);
        const auto request = [this](const char *method, const char *path) {
            return QByteArray(method) + ' ' + path +
                   " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + own(*m_realm) + "\r\n\r\n";
        };
        // (404 has a body to leave out; 302 has none)
        socket.write(request("HEAD", "/avatar/99999") + request("HEAD", "/avatar/10") +
                     request("GET", "/avatar/10"));
        QTRY_VERIFY_WITH_TIMEOUT(answers.count("HTTP/1.1 ") >= 3, 5000);
        QVERIFY2(answers.startsWith("HTTP/1.1 404 Not Found\r\n"), answers.constData());
        QCOMPARE(answers.count("\r\n\r\nHTTP/1.1 302 Found\r\n"), 2);
    }

    // ---- rate limits ----

    void rateLimit() {
        DevRealmOptions o = staticOptions();
        o.rateLimitRequests = 5;
        auto realm = start(o);
        const QByteArray auth = own(*realm);
        for (int i = 0; i < 5; ++i) {
            const Reply r = call(*realm, "GET", "/api/v1/users/me", {}, auth);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.header("X-RateLimit-Limit"), QByteArray("5"));
            QCOMPARE(r.header("X-RateLimit-Remaining").toInt(), 4 - i);
            const qint64 reset = r.header("X-RateLimit-Reset").toLongLong();
            const qint64 now = realm->realmNowMs() / 1000;
            QVERIFY2(reset >= now - 1 && reset <= now + 61, r.header("X-RateLimit-Reset"));
        }
        Reply r = call(*realm, "GET", "/api/v1/users/me", {}, auth);
        QCOMPARE(r.status, 429);
        QCOMPARE(r.json.value("code").toString(), QString("RATE_LIMIT_HIT"));
        QCOMPARE(r.json.value("msg").toString(), QString("API usage exceeded rate limit"));
        const double retryAfter = r.json.value("retry-after").toDouble();
        QVERIFY(retryAfter > 59 && retryAfter <= 60);
        QVERIFY(qAbs(r.header("Retry-After").toDouble() - retryAfter) < 1e-9);
        QCOMPARE(r.header("X-RateLimit-Remaining"), QByteArray("0"));
        QCOMPARE(call(*realm, "GET", "/api/v1/server_settings").status, 200); // no user: no limit
        QCOMPARE(call(*realm, "GET", "/api/v1/users/me", {}, authOf(*realm, 14)).status, 200);
        realm->resetRateLimits();
        QCOMPARE(call(*realm, "GET", "/api/v1/users/me", {}, auth).status, 200);
    }

    void rateLimitOldServerHasNoCode() {
        DevRealmOptions o = staticOptions(30);
        o.rateLimitRequests = 1;
        auto realm = start(o);
        call(*realm, "GET", "/api/v1/users/me", {}, own(*realm));
        const Reply r = call(*realm, "GET", "/api/v1/users/me", {}, own(*realm));
        QCOMPARE(r.status, 429);
        QVERIFY(!r.json.contains("code"));
        QVERIFY(r.json.contains("retry-after"));
    }

    // ---- faults ----

    void faults_data() {
        QTest::addColumn<FaultSpec>("fault");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("networkError");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("bodyContains");
        QTest::addColumn<bool>("sideEffect");
        const QString path = QStringLiteral("/api/v1/users/me/presence");
        auto kind = [&](FaultSpec::Kind k, int status = 0, int count = 1, int delay = 0) {
            FaultSpec f;
            f.kind = k;
            f.path = path;
            f.httpStatus = status;
            f.count = count;
            f.delayMs = delay;
            return f;
        };
        QTest::newRow("500") << FaultSpec::zulipError(path, 500) << 500 << false
                             << QByteArray("application/json")
                             << QByteArray(R"("msg":"Internal server error")") << false;
        QTest::newRow("401") << FaultSpec::zulipError(path, 401) << 401 << false
                             << QByteArray("application/json")
                             << QByteArray(R"("code":"UNAUTHORIZED")") << false;
        QTest::newRow("429") << FaultSpec::zulipError(path, 429, {}, {}, 1, 2.5) << 429 << false
                             << QByteArray("application/json") << QByteArray(R"("retry-after":2.5)")
                             << false;
        QTest::newRow("502 html") << kind(FaultSpec::Kind::NonJson) << 502 << false
                                  << QByteArray("text/html")
                                  << QByteArray("<title>502 Bad Gateway</title>") << false;
        QTest::newRow("503 html") << kind(FaultSpec::Kind::NonJson, 503) << 503 << false
                                  << QByteArray("text/html")
                                  << QByteArray("503 Service Temporarily Unavailable") << false;
        QTest::newRow("wrong shape")
            << kind(FaultSpec::Kind::WrongShape) << 200 << false << QByteArray("application/json")
            << QByteArray(R"("presences":["not")") << false;
        QTest::newRow("truncated") << kind(FaultSpec::Kind::Truncated) << 200 << true
                                   << QByteArray() << QByteArray() << false;
        // Qt retries an idempotent-looking request once on a reused connection closed before
        // any answer; two faults make sure the client sees the failure.
        QTest::newRow("close") << kind(FaultSpec::Kind::CloseConnection, 0, 2) << 0 << true
                               << QByteArray() << QByteArray() << false;
        QTest::newRow("delay") << kind(FaultSpec::Kind::Delay, 0, 1, 300) << 200 << false
                               << QByteArray("application/json")
                               << QByteArray(R"("result":"success")") << true;
    }

    void faults() {
        QFETCH(FaultSpec, fault);
        QFETCH(int, status);
        QFETCH(bool, networkError);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, bodyContains);
        QFETCH(bool, sideEffect);
        auto realm = start(emptyOptions());
        const QByteArray auth = own(*realm);
        QCOMPARE(call(*realm, "GET", "/api/v1/users/me", {}, auth).status, 200); // warm connection
        realm->injectFault(fault);
        const Reply r = postPresence(*realm, {{"status", "active"}}, auth);
        realm->clearFaults();
        if (networkError) {
            QVERIFY2(r.error != QNetworkReply::NoError, qPrintable(QString::number(r.error)));
        } else {
            QCOMPARE(r.status, status);
            QCOMPARE(r.header("Content-Type"), contentType);
            QVERIFY2(r.body.contains(bodyContains), r.body.constData());
        }
        if (fault.kind == FaultSpec::Kind::Delay)
            QVERIFY(r.elapsedMs >= 290);
        if (fault.httpStatus == 401 || status == 401)
            QCOMPARE(r.header("WWW-Authenticate"), QByteArray("Basic realm=\"zulip\""));
        if (status == 429)
            QCOMPARE(r.header("Retry-After"), QByteArray("2.5"));
        if (status == 500)
            QVERIFY(!r.json.contains("code")); // Zulip's 500 answer has none
        // A faulted request never reached the realm.
        QCOMPARE(realm->presenceRow(realm->ownUserId()).has_value(), sideEffect);
        QCOMPARE(realm->requestLog().last().fault.isEmpty(), false);
        // The next request is normal.
        QCOMPARE(postPresence(*realm, {{"status", "active"}}, auth).status, 200);
    }

    void faultMatching() {
        auto realm = start(staticOptions());
        const QByteArray auth = own(*realm);
        FaultSpec f = FaultSpec::zulipError(QStringLiteral("/api/v1/users*"), 503);
        f.method = QStringLiteral("GET");
        f.count = 2;
        realm->injectFault(f);
        QCOMPARE(realm->pendingFaultCount(), 2);
        QCOMPARE(postPresence(*realm, {{"status", "idle"}}, auth).status, 200); // wrong method
        QCOMPARE(call(*realm, "GET", "/api/v1/server_settings").status, 200);   // other path
        QCOMPARE(call(*realm, "GET", "/api/v1/users/me", {}, auth).status, 503);
        QCOMPARE(call(*realm, "GET", "/api/v1/users", {}, auth).status, 503);
        QCOMPARE(call(*realm, "GET", "/api/v1/users", {}, auth).status, 200);
        QCOMPARE(realm->pendingFaultCount(), 0);
    }

    // ---- the realm's clock ----

    void clockOffset() {
        DevRealmOptions o = staticOptions();
        o.clockOffsetSecs = -3 * 86400;
        auto realm = start(o);
        const QByteArray auth = own(*realm);
        const double wall = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
        Reply r = postPresence(*realm, {{"status", "active"}, {"last_update_id", "-1"}}, auth);
        const double ts = r.json.value("server_timestamp").toDouble();
        QVERIFY2(qAbs(ts - (wall - 3 * 86400)) < 5, qPrintable(QString::number(ts, 'f', 3)));
        QCOMPARE(r.presences().value("10").toObject().value("active_timestamp").toInteger(),
                 qint64(std::floor(ts)));
        const QDateTime date =
            QDateTime::fromString(QString::fromLatin1(r.header("Date")).chopped(4),
                                  QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"));
        QVERIFY2(qAbs(date.toSecsSinceEpoch() - (wall - 3 * 86400)) < 5 ||
                     qAbs(QDateTime(date.date(), date.time(), QTimeZone::utc()).toSecsSinceEpoch() -
                          (wall - 3 * 86400)) < 5,
                 r.header("Date"));
        realm->setClockOffsetSecs(3600);
        QCOMPARE(realm->clockOffsetSecs(), 3600.0);
        r = postPresence(*realm, {{"status", "active"}, {"last_update_id", "-1"}}, auth);
        QVERIFY(qAbs(r.json.value("server_timestamp").toDouble() - (wall + 3600)) < 5);
    }

    // ---- control API, log, executable ----

    void controlApi() {
        auto realm = start(emptyOptions());
        const QByteArray auth = own(*realm);
        Reply r = call(*realm, "POST", "/devrealm/presence",
                       {{"user_id", "14"}, {"status", "active"}, {"at", "-10"}});
        QCOMPARE(r.status, 200);
        QVERIFY(r.json.value("created").toBool());
        const qint64 active = *realm->presenceRow(14)->lastActiveMs;
        QVERIFY(qAbs(active - (realm->realmNowMs() - 10'000)) < 2000);
        QCOMPARE(r.json.value("row").toObject().value("last_update_id").toInteger(), 1);
        r = call(*realm, "POST", "/devrealm/presence_row",
                 {{"user_id", "16"}, {"active", "null"}, {"connected", "-60"}});
        QVERIFY(r.json.value("row").toObject().value("last_active").isNull());
        QVERIFY(!realm->presenceRow(16)->lastActiveMs);
        r = call(*realm, "POST", "/devrealm/presence_enabled",
                 {{"user_id", "14"}, {"value", "false"}});
        QVERIFY(!realm->presenceEnabled(14));
        r = call(*realm, "POST", "/devrealm/realm_presence_disabled", {{"value", "true"}});
        QVERIFY(realm->realmPresenceDisabled());
        r = call(*realm, "POST", "/devrealm/clock", {{"offset", "120"}});
        QCOMPARE(realm->clockOffsetSecs(), 120.0);
        r = call(*realm, "POST", "/devrealm/clock", {{"advance", "30"}});
        QCOMPARE(realm->clockOffsetSecs(), 150.0);
        r = call(*realm, "POST", "/devrealm/users", {{"full_name", "Nina Neu"}});
        const int nina = r.json.value("user_id").toInt();
        QCOMPARE(realm->fullNameOf(nina), QString("Nina Neu"));
        QCOMPARE(r.json.value("api_key").toString(), realm->apiKeyOf(nina));
        r = call(*realm, "POST", QStringLiteral("/devrealm/users/%1/deactivate").arg(nina));
        QVERIFY(!realm->isActive(nina));
        r = call(*realm, "POST", "/devrealm/faults",
                 {{"path", "/api/v1/users/me"},
                  {"status", "429"},
                  {"retry_after", "1.5"},
                  {"count", "1"}});
        QCOMPARE(realm->pendingFaultCount(), 1);
        r = call(*realm, "GET", "/api/v1/users/me", {}, auth);
        QCOMPARE(r.status, 429);
        QCOMPARE(r.json.value("retry-after").toDouble(), 1.5);
        QCOMPARE(r.json.value("code").toString(), QString("RATE_LIMIT_HIT"));
        r = call(*realm, "POST", "/devrealm/faults",
                 {{"path", "/api/v1/users/me"}, {"kind", "non_json"}, {"status", "504"}});
        QCOMPARE(call(*realm, "GET", "/api/v1/users/me", {}, auth).status, 504);
        call(*realm, "POST", "/devrealm/faults",
             {{"path", "/api/v1/*"}, {"kind", "delay"}, {"delay_ms", "200"}});
        call(*realm, "DELETE", "/devrealm/faults");
        QCOMPARE(realm->pendingFaultCount(), 0);
        const QString queue = registerQueue(*realm, {}, auth);
        call(*realm, "POST", "/devrealm/restart");
        QCOMPARE(eventTypes(poll(*realm, queue, -1, auth)), QStringList{"restart"});
        call(*realm, "POST", "/devrealm/expire_queues");
        QCOMPARE(realm->queueCount(), 0);
        r = call(*realm, "GET", "/devrealm/state");
        QCOMPARE(r.json.value("own_user_id").toInt(), 10);
        QCOMPARE(r.json.value("own_api_key").toString(), kOwnKey);
        r = call(*realm, "GET", "/devrealm/log", {{"since", "0"}});
        QVERIFY(r.json.value("entries").toArray().size() > 10);
        r = call(*realm, "POST", "/devrealm/no_such_thing");
        QCOMPARE(r.status, 404);
        r = call(*realm, "POST", "/devrealm/presence", {{"user_id", "99999"}, {"status", "idle"}});
        QCOMPARE(r.status, 400);
    }

    void requestLog() {
        auto realm = start(staticOptions());
        QSignalSpy logged(realm.get(), &DevRealm::requestLogged);
        call(*realm, "GET", "/api/v1/users/me", {}, own(*realm));
        call(*realm, "GET", "/api/v1/users/me", {}, basic(realm->ownEmail(), QString(32, u'x')));
        call(*realm, "POST", "/api/v1/users/me/presence?x=1", {{"status", "idle"}}, own(*realm));
        const QList<RequestLogEntry> log = realm->requestLog();
        QCOMPARE(log.size(), 3);
        QCOMPARE(logged.size(), 3);
        QCOMPARE(log[0].method, QString("GET"));
        QCOMPARE(log[0].path, QString("/api/v1/users/me"));
        QCOMPARE(log[0].user, realm->ownEmail());
        QCOMPARE(log[0].status, 200);
        QVERIFY(log[0].errorCode.isEmpty());
        QVERIFY(log[0].responseBytes > 100);
        QCOMPARE(log[1].status, 401);
        QCOMPARE(log[1].errorCode, QString("UNAUTHORIZED"));
        QCOMPARE(log[2].query, QJsonObject({{"x", "1"}}));
        QCOMPARE(log[2].form, QJsonObject({{"status", "idle"}}));
        QVERIFY(log[2].monotonicMs >= log[0].monotonicMs);
        for (const RequestLogEntry &e : log) {
            const QByteArray json = QJsonDocument(e.toJson()).toJson();
            QVERIFY(!json.contains(kOwnKey.toLatin1()));
            QVERIFY(!json.contains(QByteArray(32, 'x')));
        }
    }

    void executable() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString zuliprc = dir.filePath("zuliprc");
        const QString logPath = dir.filePath("requests.jsonl");
        QProcess process;
        process.setProgram(QStringLiteral(ZP_DEVREALM_EXE));
        process.setArguments({"--port", "0", "--static", "--users", "12", "--feature-level", "300",
                              "--api-key", kOwnKey, "--write-zuliprc", zuliprc, "--log-requests",
                              logPath, "--clock-offset=-60"});
        process.setProcessChannelMode(QProcess::SeparateChannels);
        process.start();
        QVERIFY(process.waitForStarted(5000));
        QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 5000);
        const QString base = QString::fromUtf8(process.readLine()).trimmed();
        QVERIFY2(QRegularExpression(QStringLiteral("^http://127\\.0\\.0\\.1:\\d+$"))
                     .match(base)
                     .hasMatch(),
                 qPrintable(base));

        QCOMPARE(QFile::permissions(zuliprc) &
                     (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther |
                      QFileDevice::WriteOther | QFileDevice::ExeOwner),
                 QFileDevice::Permissions());
        QFile rc(zuliprc);
        QVERIFY(rc.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(rc.readAll()),
                 QStringLiteral("[api]\nemail=ada.agent@devrealm.test\nkey=%1\nsite=%2\n")
                     .arg(kOwnKey, base));

        auto get = [&](const QString &path, const QByteArray &auth = {}) {
            QNetworkRequest request(QUrl(base + path));
            if (!auth.isEmpty())
                request.setRawHeader("Authorization", auth);
            m_timer.start();
            return finish(m_nam.get(request));
        };
        Reply r = get("/api/v1/server_settings");
        QCOMPARE(r.json.value("zulip_feature_level").toInt(), 300);
        r = get("/devrealm/state");
        QCOMPARE(r.json.value("users").toInt(), 12);
        QVERIFY(qAbs(r.json.value("realm_now").toDouble() -
                     (double(QDateTime::currentMSecsSinceEpoch()) / 1000 - 60)) < 5);
        r = get("/api/v1/users/me", basic("ada.agent@devrealm.test", kOwnKey));
        QCOMPARE(r.json.value("user_id").toInt(), 10);

        QFile log(logPath);
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = log.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 3); // flushed per line
        for (const QByteArray &line : lines) {
            QVERIFY(QJsonDocument::fromJson(line).isObject());
            QVERIFY(!line.contains(kOwnKey.toLatin1()));
        }
        QCOMPARE(QJsonDocument::fromJson(lines[2]).object().value("user").toString(),
                 QString("ada.agent@devrealm.test"));

        ::kill(pid_t(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(5000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);

        QProcess help;
        help.start(QStringLiteral(ZP_DEVREALM_EXE), {"--help"});
        QVERIFY(help.waitForFinished(5000));
        const QString text = QString::fromUtf8(help.readAllStandardOutput());
        for (const char *option :
             {"--port", "--users", "--seed", "--ping-interval", "--offline-threshold",
              "--feature-level", "--longpoll-timeout", "--queue-timeout", "--clock-offset",
              "--sim-speed", "--static", "--password", "--write-zuliprc", "--log-requests",
              "--api-key", "devrealm-password"})
            QVERIFY2(text.contains(QLatin1String(option)), option);
    }

    // ---- the simulated realm ----

    void initialHistory() {
        DevRealmOptions o = staticOptions();
        o.users = 200;
        auto realm = start(o);
        const qint64 now = realm->realmNowMs();
        int fresh = 0, recent = 0, old = 0, never = 0, idleNow = 0;
        for (const int id : realm->userIds()) {
            if (id < 16)
                continue;
            const auto row = realm->presenceRow(id);
            if (!row) {
                ++never;
                continue;
            }
            const qint64 age = now - *row->lastConnectedMs;
            if (age < 60'000)
                ++fresh;
            else if (age < 14 * kDay)
                ++recent;
            else
                ++old;
            if (age < 60'000 && row->lastActiveMs && now - *row->lastActiveMs > 200'000)
                ++idleNow;
        }
        QVERIFY(fresh > 10 && recent > 20 && old > 5 && never > 10 && idleNow > 5);
        // Filtered users have rows, so that filtering is visible; the agent has none.
        QVERIFY(realm->presenceRow(realm->botUserId()));
        QVERIFY(realm->presenceRow(realm->deactivatedUserId()));
        QVERIFY(!realm->presenceRow(realm->ownUserId()));
        const auto hidden = realm->presenceRow(realm->presenceDisabledUserId());
        QVERIFY(hidden && now - *hidden->lastConnectedMs > kDay);
        // Sequence numbers follow time: older rows have smaller ids.
        qint64 lastTime = std::numeric_limits<qint64>::min();
        QList<std::pair<qint64, qint64>> rows;
        for (const int id : realm->userIds()) {
            if (const auto row = realm->presenceRow(id))
                rows.append({row->lastUpdateId, *row->lastConnectedMs});
        }
        std::sort(rows.begin(), rows.end());
        for (const auto &[seq, time] : rows) {
            QVERIFY(time >= lastTime);
            lastTime = time;
        }
    }

    void namesAndDeterminism() {
        DevRealmOptions o = staticOptions();
        o.users = 400;
        o.seed = 7;
        o.apiKey.clear();
        auto a = start(o);
        auto b = start(o);
        o.seed = 8;
        auto c = start(o);
        int differentNames = 0;
        for (const int id : a->userIds()) {
            QCOMPARE(a->fullNameOf(id), b->fullNameOf(id));
            QCOMPARE(a->emailOf(id), b->emailOf(id));
            QCOMPARE(a->apiKeyOf(id), b->apiKeyOf(id));
            QCOMPARE(a->dateJoinedMs(id) - a->realmNowMs() < 0, true);
            const auto ra = a->presenceRow(id), rb = b->presenceRow(id);
            QCOMPARE(ra.has_value(), rb.has_value());
            if (ra)
                QCOMPARE(*ra->lastConnectedMs - a->dateJoinedMs(id),
                         *rb->lastConnectedMs - b->dateJoinedMs(id));
            differentNames += a->fullNameOf(id) != c->fullNameOf(id);
        }
        QVERIFY(differentNames > 300);
        QVERIFY(a->apiKeyOf(10) != c->apiKeyOf(10));
        QStringList names;
        QSet<QString> emails;
        bool accentedInitial = false, otherScript = false;
        static const QRegularExpression emailFormat(
            QStringLiteral("^[a-z0-9.'-]+@devrealm\\.test$"));
        for (const int id : a->userIds()) {
            const QString name = a->fullNameOf(id);
            names.append(name);
            accentedInitial |= name.at(0).unicode() > 127 && name.at(0).isUpper();
            otherScript |= name.at(0).script() != QChar::Script_Latin;
            QVERIFY2(emailFormat.match(a->deliveryEmailOf(id)).hasMatch(),
                     qPrintable(a->deliveryEmailOf(id)));
            emails.insert(a->deliveryEmailOf(id));
        }
        QCOMPARE(emails.size(), a->userIds().size());
        QVERIFY(accentedInitial && otherScript);
        QCOMPARE(a->fullNameOf(14), QString("Zoë Ångström"));
        // A collator and a code-point sort disagree on these names: clients must use one.
        QStringList byCodePoint = names, byCollator = names;
        byCodePoint.sort();
        QCollator collator{QLocale(QLocale::English)};
        std::sort(byCollator.begin(), byCollator.end(), collator);
        QVERIFY(byCodePoint != byCollator);
    }

    void churn() {
        DevRealmOptions o;
        o.users = 60;
        o.simSpeed = 600; // sessions of 0.2 to 6 s
        auto realm = start(o);
        const qint64 start = realm->presenceSequence();
        QTRY_VERIFY_WITH_TIMEOUT(realm->presenceSequence() > start + 5, 5000);
        // Only coworkers report: not the agent, bots or deactivated users.
        QVERIFY(!realm->presenceRow(realm->ownUserId()));
        const auto bot = realm->presenceRow(realm->botUserId());
        QVERIFY(bot->lastUpdateId <= start);
        QVERIFY(realm->presenceRow(realm->deactivatedUserId())->lastUpdateId <= start);
        QVERIFY(realm->presenceRow(realm->presenceDisabledUserId())->lastUpdateId <= start);
    }

    void hundredThousandUsers() {
        // Wall time depends on what else runs on the machine; the bounds are on CPU time.
        auto cpuMs = [] { return qint64(std::clock()) * 1000 / CLOCKS_PER_SEC; };
        DevRealmOptions o = staticOptions();
        o.users = 100'000;
        QElapsedTimer timer;
        timer.start();
        qint64 cpu = cpuMs();
        auto realm = start(o);
        const qint64 buildMs = timer.elapsed(), buildCpuMs = cpuMs() - cpu;
        const qint64 now = realm->realmNowMs();
        int expected = 0;
        for (const int id : realm->userIds()) {
            const auto row = realm->presenceRow(id);
            expected += realm->isActive(id) && !realm->isBot(id) && row && row->lastConnectedMs &&
                        *row->lastConnectedMs >= now - 365 * kDay;
        }
        cpu = cpuMs();
        const Reply r = postPresence(
            *realm, {{"status", "active"}, {"last_update_id", "-1"}, {"history_limit_days", "365"}},
            own(*realm));
        const qint64 snapshotCpuMs = cpuMs() - cpu; // server and client: one process
        QCOMPARE(r.status, 200);
        QCOMPARE(r.presences().size(), expected + 1); // plus the agent's new row
        const Reply users = call(*realm, "GET", "/api/v1/users", {}, own(*realm));
        QCOMPARE(users.json.value("members").toArray().size(), 100'000);
        qInfo("100000 users: realm built in %lld ms (%lld ms CPU); presence snapshot of %d users "
              "in %lld ms (%lld ms CPU, %lld bytes); GET /users in %lld ms (%lld bytes)",
              buildMs, buildCpuMs, int(r.presences().size()), r.elapsedMs, snapshotCpuMs,
              qint64(r.body.size()), users.elapsedMs, qint64(users.body.size()));
        QVERIFY2(buildCpuMs < 1000, qPrintable(QString::number(buildCpuMs)));
        QVERIFY2(snapshotCpuMs < 1000, qPrintable(QString::number(snapshotCpuMs)));
    }
};

QTEST_GUILESS_MAIN(TestDevRealm)
#include "tst_devrealm.moc"
