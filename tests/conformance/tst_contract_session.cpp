// Drives a realistic session between the agent (plus the few calls the app makes itself) and
// the dev realm, with every request and answer logged, for validate_contract.py to check
// against Zulip's OpenAPI file. The session itself must also succeed end to end.
#include "DevRealm.h"
#include "agent/PresenceAgent.h"
#include "support/AgentRig.h"

#include <QEventLoop>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace zp;
using namespace std::chrono_literals;

namespace {

const QString logPath = QStringLiteral(ZP_BINARY_DIR "/tests/conformance/contract-session.jsonl");

ApiResult callAndWait(ZulipClient &client, ZulipClient::Method method, const QString &path,
                      const ApiParams &params, bool authenticate = true) {
    ApiResult out;
    QEventLoop loop;
    client.send(
        method, path, params,
        [&](const ApiResult &result) {
            out = result;
            loop.quit();
        },
        10000, authenticate);
    loop.exec();
    return out;
}

} // namespace

class TestContractSession : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void session();
};

void TestContractSession::session() {
    QFile::remove(logPath);
    devrealm::DevRealmOptions options = test::fastRealm(1);
    options.requestLogPath = logPath;
    options.logResponseBodies = true;
    options.heartbeatSecs = 0.5;
    options.rateLimitRequests = 400;
    options.rateLimitWindowSecs = 600;
    test::AgentRig rig(options);
    rig.agent->setRestartSpread(200ms);
    auto &realm = *rig.realm;

    // Register, reports, polls, and the events a presence client follows.
    rig.agent->start();
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->state(), PresenceAgent::State::Running, 8000);
    QTRY_VERIFY_WITH_TIMEOUT(rig.reports() >= 2, 6000);
    const int coworker = test::someCoworker(realm);
    realm.reportPresence(coworker, devrealm::PresenceStatus::Active);
    const int added = realm.addUser(QStringLiteral("Contract Carla"));
    realm.renameUser(added, QStringLiteral("Contract Carla Renamed"));
    realm.deactivateUser(added);
    realm.setRealmPresenceDisabled(true);
    realm.setRealmPresenceDisabled(false);
    realm.sendRestartEvent();
    QTRY_VERIFY_WITH_TIMEOUT(
        rig.agent->roster().find(added) && !rig.agent->roster().find(added)->isActive, 6000);

    // The settings PATCH, both ways.
    for (const bool enabled : {false, true}) {
        QString error = QStringLiteral("pending");
        rig.agent->setOwnPresenceEnabled(enabled, [&](const QString &e) { error = e; });
        QTRY_VERIFY_WITH_TIMEOUT(error != QLatin1String("pending"), 5000);
        QCOMPARE(error, QString());
    }

    // An expired queue: BAD_EVENT_QUEUE_ID (400), then a new registration.
    realm.expireAllQueues();
    QTRY_COMPARE_WITH_TIMEOUT(rig.count(QStringLiteral("/api/v1/register")), 2, 8000);
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->state(), PresenceAgent::State::Running, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(rig.reports() >= 5, 8000);
    rig.agent->stop();

    // What the app's sign-in and the popup's refresh use.
    ApiResult key =
        callAndWait(rig.client, ZulipClient::Method::Post, QStringLiteral("fetch_api_key"),
                    {{QStringLiteral("username"), realm.ownEmail()},
                     {QStringLiteral("password"), realm.password()}},
                    false);
    QVERIFY2(key.ok(), qPrintable(key.message));
    QVERIFY(callAndWait(rig.client, ZulipClient::Method::Get, QStringLiteral("users"),
                        {{QStringLiteral("client_gravatar"), jsonParam(false)}})
                .ok());
    QVERIFY(callAndWait(rig.client, ZulipClient::Method::Get, QStringLiteral("realm/presence"), {})
                .ok());
    QVERIFY(callAndWait(rig.client, ZulipClient::Method::Get, QStringLiteral("server_settings"), {},
                        false)
                .ok());

    // Error answers: 400 (a missing parameter), 401 (a wrong key), 429 (rate limit).
    const ApiResult bad =
        callAndWait(rig.client, ZulipClient::Method::Post, QStringLiteral("users/me/presence"),
                    {{QStringLiteral("ping_only"), jsonParam(true)}});
    QCOMPARE(bad.httpStatus, 400);
    {
        ZulipClient wrongKey;
        Account account = rig.client.account();
        account.apiKey = QStringLiteral("0123456789abcdef0123456789abcdef");
        QCOMPARE(wrongKey.setAccount(account), QString());
        const ApiResult refused =
            callAndWait(wrongKey, ZulipClient::Method::Post, QStringLiteral("users/me/presence"),
                        {{QStringLiteral("status"), QStringLiteral("active")}});
        QCOMPARE(refused.httpStatus, 401);
    }
    realm.resetRateLimits();
    int limited = 0;
    for (int i = 0; i < 420 && limited == 0; ++i) {
        const ApiResult r =
            callAndWait(rig.client, ZulipClient::Method::Get, QStringLiteral("realm/presence"), {});
        limited = r.httpStatus == 429 ? 1 : 0;
    }
    QCOMPARE(limited, 1);
    QVERIFY(QFile::exists(logPath));
}

QTEST_GUILESS_MAIN(TestContractSession)
#include "tst_contract_session.moc"
