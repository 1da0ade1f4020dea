// The agent against the dev realm over loopback HTTP: cadence, parameters, idle edges,
// every server generation, and the failures a real network brings.
#include "DevRealm.h"
#include "agent/PresenceAgent.h"
#include "support/AgentRig.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace zp;
using namespace std::chrono_literals;
using devrealm::DevRealm;
using devrealm::DevRealmOptions;
using devrealm::RequestLogEntry;
using test::fastRealm;
using test::someCoworker;
using Rig = test::AgentRig;

namespace {

const QString presencePath = QStringLiteral("/api/v1/users/me/presence");
const QString registerPath = QStringLiteral("/api/v1/register");
const QString eventsPath = QStringLiteral("/api/v1/events");

QString form(const RequestLogEntry &e, const char *key) {
    const QJsonValue v = e.form.value(QString::fromLatin1(key));
    return v.isString() ? v.toString()
                        : (v.isUndefined() ? QString() : QString::number(v.toDouble()));
}

} // namespace

class TestAgent : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cadenceFollowsServerInterval();
    void parametersAndAuthentication();
    void newUserInputOnlyAfterOwnUi();
    void comingBackIsReportedAtOnce();
    void comingBackDuringAReportIsSentWhenItIsAnswered();
    void goingIdleWaitsForTheNextTick();
    void badKeyStopsWithoutRetryStorm();
    void botAccountIsRefusedOnceAndClearly();
    void silentUsersDecayToIdleThenOffline();
    void everyServerGeneration_data();
    void everyServerGeneration();
    void serverClockNotLocalClock_data();
    void serverClockNotLocalClock();
    void rateLimitWaitsRetryAfter();
    void serverErrorsBackOffAndRecover();
    void unusableAnswersKeepLastGoodData();
    void expiredQueueReRegisters();
    void restartsAndAccountSwitchesGiveTheQueueBack();
    void presenceEnabledRoundTrip_data();
    void presenceEnabledRoundTrip();
};

void TestAgent::cadenceFollowsServerInterval() {
    Rig rig(fastRealm(1));
    rig.agent->start();
    QTRY_VERIFY_WITH_TIMEOUT(rig.reports() >= 5, 10000);
    const QList<RequestLogEntry> posts = rig.requests(presencePath);
    for (qsizetype i = 1; i < posts.size(); ++i) {
        const qint64 gap = posts[i].monotonicMs - posts[i - 1].monotonicMs;
        QVERIFY2(gap >= 900 && gap <= 1600, qPrintable(QStringLiteral("gap %1 ms").arg(gap)));
    }
    QCOMPARE(rig.agent->pingIntervalSeconds(), 1);
    QCOMPARE(rig.agent->presence().offlineThreshold(), 200);
}

void TestAgent::parametersAndAuthentication() {
    Rig rig(fastRealm(1));
    const qint64 sequenceAtStart = rig.realm->presenceSequence();
    rig.agent->start();
    QTRY_VERIFY_WITH_TIMEOUT(rig.reports() >= 2, 8000);

    const QList<RequestLogEntry> registers = rig.requests(registerPath);
    QCOMPARE(registers.size(), 1);
    const RequestLogEntry &reg = registers.first();
    QCOMPARE(reg.user, rig.realm->ownEmail());
    for (const char *type : {"presence", "realm", "realm_user", "user_settings"})
        QVERIFY2(form(reg, "fetch_event_types")
                     .contains(QStringLiteral("\"%1\"").arg(QLatin1String(type))),
                 qPrintable(form(reg, "fetch_event_types")));
    QCOMPARE(form(reg, "slim_presence"), QStringLiteral("true"));
    QCOMPARE(form(reg, "client_gravatar"), QStringLiteral("false"));

    const QList<RequestLogEntry> posts = rig.requests(presencePath);
    const RequestLogEntry &first = posts.first();
    QCOMPARE(first.user, rig.realm->ownEmail());
    QCOMPARE(first.status, 200);
    QCOMPARE(form(first, "status"), QStringLiteral("active"));
    QCOMPARE(form(first, "ping_only"), QStringLiteral("false"));
    QCOMPARE(form(first, "new_user_input"), QStringLiteral("false"));
    // The register snapshot is the initial data: continue from its id, not from -1.
    QCOMPARE(form(first, "last_update_id"), QString::number(sequenceAtStart));
    QVERIFY(form(first, "slim_presence").isEmpty());
    // Later polls ask for what changed since the previous answer.
    QVERIFY(form(posts.at(1), "last_update_id").toLongLong() >= sequenceAtStart);
    QVERIFY(form(posts.at(1), "history_limit_days").isEmpty());
    // The server never saw a request without credentials except the public server_settings.
    for (const RequestLogEntry &e : rig.realm->requestLog())
        QVERIFY2(!e.user.isEmpty() || e.path.endsWith(QLatin1String("server_settings")),
                 qPrintable(e.path));
}

void TestAgent::newUserInputOnlyAfterOwnUi() {
    Rig rig(fastRealm(1));
    rig.agent->start();
    QTRY_VERIFY_WITH_TIMEOUT(rig.reports() >= 1, 5000);
    rig.agent->noteOwnUiInteraction();
    const int before = rig.reports();
    QTRY_VERIFY_WITH_TIMEOUT(rig.reports() >= before + 2, 5000);
    const QList<RequestLogEntry> posts = rig.requests(presencePath);
    QCOMPARE(form(posts.at(before), "new_user_input"), QStringLiteral("true"));
    QCOMPARE(form(posts.at(before + 1), "new_user_input"), QStringLiteral("false"));
}

void TestAgent::comingBackIsReportedAtOnce() {
    Rig rig(fastRealm(60));
    rig.agent->start();
    QTRY_VERIFY_WITH_TIMEOUT(rig.reports() == 1, 5000);
    QTest::qWait(1100); // past the minimum spacing between reports
    rig.idleSource->goIdle();
    QTest::qWait(500);
    QCOMPARE(rig.reports(), 1); // going idle waits for the next regular report
    QElapsedTimer sinceInput;
    sinceInput.start();
    rig.idleSource->comeBack();
    QTRY_VERIFY_WITH_TIMEOUT(rig.reports() == 2, 2000);
    QVERIFY2(sinceInput.elapsed() < 1000, qPrintable(QString::number(sinceInput.elapsed())));
    QCOMPARE(form(rig.requests(presencePath).at(1), "status"), QStringLiteral("active"));
}

void TestAgent::comingBackDuringAReportIsSentWhenItIsAnswered() {
    Rig rig(fastRealm(60));
    rig.agent->start();
    QTRY_VERIFY_WITH_TIMEOUT(rig.reports() == 1, 5000);
    QTest::qWait(300);
    rig.idleSource->goIdle();
    // The screen locks: an "idle" report goes out now, and the realm takes 1.5 s to answer it.
    devrealm::FaultSpec slow;
    slow.kind = devrealm::FaultSpec::Kind::Delay;
    slow.path = presencePath;
    slow.delayMs = 1500;
    rig.realm->injectFault(slow);
    rig.idle.setLocked(true);
    // Unlocked while that report is still unanswered (the realm logs a request once it has
    // answered it): "active" must follow the answer, not wait a whole minute for the next tick.
    QTest::qWait(400);
    QCOMPARE(rig.reports(), 1);
    rig.idle.setLocked(false);
    QTRY_VERIFY_WITH_TIMEOUT(rig.reports() == 3, 4000);
    const QList<RequestLogEntry> posts = rig.requests(presencePath);
    QCOMPARE(form(posts.at(1), "status"), QStringLiteral("idle"));
    QCOMPARE(form(posts.at(2), "status"), QStringLiteral("active"));
}

void TestAgent::goingIdleWaitsForTheNextTick() {
    Rig rig(fastRealm(1));
    rig.agent->start();
    QTRY_VERIFY_WITH_TIMEOUT(rig.reports() >= 1, 5000);
    rig.idleSource->goIdle();
    const int before = rig.reports();
    QTRY_VERIFY_WITH_TIMEOUT(rig.reports() >= before + 1, 3000);
    QCOMPARE(form(rig.requests(presencePath).at(before), "status"), QStringLiteral("idle"));
    QCOMPARE(rig.agent->currentOwnStatus(), PresenceStatus::Idle);
}

void TestAgent::badKeyStopsWithoutRetryStorm() {
    Rig rig(fastRealm(1), QStringLiteral("0123456789abcdef0123456789ABCDEF"));
    QSignalSpy states(rig.agent.get(), &PresenceAgent::stateChanged);
    rig.agent->start();
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->state(), PresenceAgent::State::CredentialsRejected, 5000);
    QVERIFY2(rig.agent->lastError().contains(QLatin1String("Invalid API key")),
             qPrintable(rig.agent->lastError()));
    QVERIFY(!rig.agent->lastError().contains(QLatin1String("0123456789abcdef")));
    QTest::qWait(3000);
    // server_settings and the refused register: nothing after that.
    QVERIFY2(rig.realm->requestLog().size() <= 2,
             qPrintable(QString::number(rig.realm->requestLog().size())));
    QCOMPARE(rig.reports(), 0);
}

void TestAgent::botAccountIsRefusedOnceAndClearly() {
    Rig rig(fastRealm(1));
    const int bot = rig.realm->botUserId();
    Account account;
    account.site = rig.realm->baseUrl();
    account.email = rig.realm->emailOf(bot);
    account.apiKey = rig.realm->apiKeyOf(bot);
    QVERIFY(rig.client.setAccount(account).isEmpty());
    rig.agent->start();
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->state(), PresenceAgent::State::CredentialsRejected, 5000);
    QVERIFY2(rig.agent->lastError().contains(QLatin1String("is a bot")),
             qPrintable(rig.agent->lastError()));
    QVERIFY(rig.agent->lastError().contains(account.email));
    // Nobody is listed: dots that are never refreshed would all turn into a made-up offline.
    QVERIFY(rig.agent->roster().users().isEmpty());
    QVERIFY(rig.agent->presence().raw().isEmpty());
    // The queue the register made is given back; then nothing, not a report a minute.
    QTRY_COMPARE_WITH_TIMEOUT(rig.count(QStringLiteral("/api/v1/events"), QStringLiteral("DELETE")),
                              1, 3000);
    QTest::qWait(2500);
    QCOMPARE(rig.reports(), 0);
    QCOMPARE(rig.count(QStringLiteral("/api/v1/events"), QStringLiteral("GET")), 0);
    QCOMPARE(rig.count(registerPath), 1);
}

void TestAgent::silentUsersDecayToIdleThenOffline() {
    // Threshold 4 s: active for 2 more seconds, idle 2 more, then offline, with no new data.
    Rig rig(fastRealm(1, 4));
    const int coworker = someCoworker(*rig.realm);
    QVERIFY(coworker > 0);
    const qint64 now = rig.realm->realmNowMs();
    rig.realm->setPresenceRow(coworker, now - 2000, now);
    rig.agent->start();
    QTRY_VERIFY_WITH_TIMEOUT(rig.reports() >= 1, 5000);
    QCOMPARE(rig.agent->presence().verdict(coworker).status, PresenceStatus::Active);
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->presence().verdict(coworker).status, PresenceStatus::Idle,
                              4000);
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->presence().verdict(coworker).status,
                              PresenceStatus::Offline, 4000);
    // All the while the answers were incremental and left the coworker out.
    for (const RequestLogEntry &e : rig.requests(presencePath))
        QVERIFY(form(e, "last_update_id").toLongLong() > 0);
    QCOMPARE(rig.agent->presence().verdict(coworker).lastActive, (now - 2000) / 1000);
}

void TestAgent::everyServerGeneration_data() {
    QTest::addColumn<int>("featureLevel");
    QTest::addColumn<QString>("formatParam"); // the parameter that selects the answer format
    QTest::addColumn<int>("threshold");       // what the agent must use
    QTest::newRow("pre-3.0 (legacy, by email)") << 0 << "" << 140;
    QTest::newRow("3.x (slim, full)") << 30 << "slim_presence" << 140;
    QTest::newRow("7.0 (sends the threshold)") << 164 << "slim_presence" << 200;
    QTest::newRow("9.0 (incremental)") << 263 << "last_update_id" << 200;
    QTest::newRow("10.x (history limit)") << 372 << "last_update_id" << 200;
    QTest::newRow("11.0 (simplified events)") << 419 << "last_update_id" << 200;
}

void TestAgent::everyServerGeneration() {
    QFETCH(int, featureLevel);
    QFETCH(QString, formatParam);
    QFETCH(int, threshold);
    DevRealmOptions options = fastRealm(1);
    options.featureLevel = featureLevel;
    Rig rig(options);
    const int coworker = someCoworker(*rig.realm);
    const int other = coworker + 1;
    rig.realm->reportPresence(coworker, devrealm::PresenceStatus::Active);
    rig.realm->reportPresence(other, devrealm::PresenceStatus::Idle);
    QSignalSpy completed(rig.agent.get(), &PresenceAgent::reportCompleted);
    rig.agent->start();
    QTRY_VERIFY_WITH_TIMEOUT(completed.size() >= 1, 8000);
    QCOMPARE(rig.agent->featureLevel(), featureLevel);
    QCOMPARE(rig.agent->presence().offlineThreshold(), threshold);
    // Servers before 7.0 do not send the interval: Zulip's documented fallback is 60 s.
    QCOMPARE(rig.agent->pingIntervalSeconds(), featureLevel >= 164 ? 1 : 60);
    QCOMPARE(rig.agent->presence().verdict(coworker).status, PresenceStatus::Active);
    QCOMPARE(rig.agent->presence().verdict(other).status, PresenceStatus::Idle);
    QCOMPARE(rig.agent->state(), PresenceAgent::State::Running);
    QVERIFY(rig.agent->roster().users().size() >= 10);

    const RequestLogEntry post = rig.requests(presencePath).last();
    QCOMPARE(post.status, 200);
    for (const char *param : {"slim_presence", "last_update_id"}) {
        const bool expected = formatParam == QLatin1String(param);
        QVERIFY2(post.form.contains(QLatin1String(param)) == expected, param);
    }
    if (featureLevel >= 164) {
        // And later changes arrive through the format's own update path.
        const int third = other + 1;
        rig.realm->reportPresence(third, devrealm::PresenceStatus::Active);
        QTRY_COMPARE_WITH_TIMEOUT(rig.agent->presence().verdict(third).status,
                                  PresenceStatus::Active, 4000);
    }
}

void TestAgent::serverClockNotLocalClock_data() {
    QTest::addColumn<double>("offset");
    QTest::newRow("server 5 years behind") << -5 * 365 * 86400.0;
    QTest::newRow("server 3 hours ahead") << 3 * 3600.0;
    QTest::newRow("server 150 s behind") << -150.0;
}

void TestAgent::serverClockNotLocalClock() {
    QFETCH(double, offset);
    DevRealmOptions options = fastRealm(1);
    options.clockOffsetSecs = offset;
    Rig rig(options);
    const int coworker = someCoworker(*rig.realm);
    rig.realm->reportPresence(coworker, devrealm::PresenceStatus::Active);
    rig.agent->start();
    QTRY_VERIFY_WITH_TIMEOUT(rig.reports() >= 2, 6000);
    QCOMPARE(rig.agent->presence().verdict(coworker).status, PresenceStatus::Active);
    QVERIFY(std::abs(rig.agent->presence().serverNow() - double(rig.realm->realmNowMs()) / 1000) <
            2.0);
}

void TestAgent::rateLimitWaitsRetryAfter() {
    Rig rig(fastRealm(1));
    rig.agent->start();
    QTRY_VERIFY_WITH_TIMEOUT(rig.reports() >= 1, 5000);
    devrealm::FaultSpec fault =
        devrealm::FaultSpec::zulipError(presencePath, 429, QStringLiteral("RATE_LIMIT_HIT"),
                                        QStringLiteral("API usage exceeded rate limit"));
    fault.body =
        R"({"result":"error","msg":"API usage exceeded rate limit","code":"RATE_LIMIT_HIT","retry-after":2.5})";
    fault.headers = {{"Retry-After", "2.5"}};
    rig.realm->injectFault(fault);
    QTRY_VERIFY_WITH_TIMEOUT(!rig.requests(presencePath).isEmpty() &&
                                 rig.requests(presencePath).last().status == 429,
                             4000);
    const qint64 limitedAt = rig.requests(presencePath).last().monotonicMs;
    const int count = rig.reports();
    QTRY_VERIFY_WITH_TIMEOUT(rig.reports() > count, 6000);
    const qint64 gap = rig.requests(presencePath).at(count).monotonicMs - limitedAt;
    QVERIFY2(gap >= 2500 && gap <= 3800, qPrintable(QString::number(gap)));
    QTRY_VERIFY_WITH_TIMEOUT(rig.agent->lastError().isEmpty(), 3000);
}

void TestAgent::serverErrorsBackOffAndRecover() {
    Rig rig(fastRealm(4));
    rig.agent->start();
    QTRY_VERIFY_WITH_TIMEOUT(rig.reports() >= 1, 5000);
    const int coworker = someCoworker(*rig.realm);
    rig.realm->reportPresence(coworker, devrealm::PresenceStatus::Active);
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->presence().verdict(coworker).status,
                              PresenceStatus::Active, 6000);

    devrealm::FaultSpec fault;
    fault.kind = devrealm::FaultSpec::Kind::HttpError;
    fault.path = presencePath;
    fault.httpStatus = 503;
    fault.count = 3;
    rig.realm->injectFault(fault);
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->state(), PresenceAgent::State::Retrying, 8000);
    QVERIFY(!rig.agent->lastError().isEmpty());
    // The last good data stays while the server fails.
    QCOMPARE(rig.agent->presence().verdict(coworker).status, PresenceStatus::Active);
    QTRY_COMPARE_WITH_TIMEOUT(rig.realm->pendingFaultCount(), 0, 12000);
    // Back within one interval (4 s) of the server's recovery.
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->state(), PresenceAgent::State::Running, 4500);
    QVERIFY(rig.agent->lastError().isEmpty());
    // Retries were spaced (backoff), never a tight loop: 3 failures in well over a second.
    const QList<RequestLogEntry> posts = rig.requests(presencePath);
    QVERIFY(posts.size() < 12);
}

void TestAgent::unusableAnswersKeepLastGoodData() {
    Rig rig(fastRealm(1));
    const int coworker = someCoworker(*rig.realm);
    rig.realm->reportPresence(coworker, devrealm::PresenceStatus::Active);
    rig.agent->start();
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->presence().verdict(coworker).status,
                              PresenceStatus::Active, 5000);
    for (auto kind : {devrealm::FaultSpec::Kind::NonJson, devrealm::FaultSpec::Kind::WrongShape,
                      devrealm::FaultSpec::Kind::Truncated}) {
        devrealm::FaultSpec fault;
        fault.kind = kind;
        fault.path = presencePath;
        rig.realm->injectFault(fault);
        QTRY_COMPARE_WITH_TIMEOUT(rig.realm->pendingFaultCount(), 0, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!rig.agent->lastError().isEmpty() ||
                                     rig.agent->state() == PresenceAgent::State::Running,
                                 3000);
        QCOMPARE(rig.agent->presence().verdict(coworker).status, PresenceStatus::Active);
        QTRY_VERIFY_WITH_TIMEOUT(rig.agent->lastError().isEmpty(), 5000);
    }
}

void TestAgent::expiredQueueReRegisters() {
    Rig rig(fastRealm(1));
    rig.agent->start();
    QTRY_VERIFY_WITH_TIMEOUT(rig.realm->heldPollCount() == 1, 5000);
    rig.realm->expireAllQueues();
    QTRY_COMPARE_WITH_TIMEOUT(rig.requests(registerPath).size(), 2, 8000);
    QTRY_COMPARE_WITH_TIMEOUT(rig.realm->queueCount(), 1, 5000);
    QCOMPARE(rig.agent->state(), PresenceAgent::State::Running);
}

void TestAgent::restartsAndAccountSwitchesGiveTheQueueBack() {
    // Each proxy edit restarts the agent, and each abandoned queue would sit on the server,
    // collecting events, for ten minutes.
    Rig rig(fastRealm(1));
    rig.agent->start();
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->state(), PresenceAgent::State::Running, 5000);
    for (int restart = 1; restart <= 3; ++restart) {
        rig.agent->start();
        QTRY_COMPARE_WITH_TIMEOUT(rig.agent->state(), PresenceAgent::State::Running, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(rig.count(eventsPath, QStringLiteral("DELETE")), restart, 5000);
    }
    QTRY_COMPARE_WITH_TIMEOUT(rig.realm->queueCount(), 1, 5000);

    // Another account (as the settings switch it): the old queue goes back with the old key,
    // although the client takes the new account at once (the server refuses anyone else's).
    rig.agent->stop();
    int other = 0;
    for (int id : rig.realm->userIds())
        if (id != rig.realm->ownUserId() && !rig.realm->isBot(id) && rig.realm->isActive(id))
            other = id;
    QVERIFY(other);
    Account next = rig.client.account();
    next.email = rig.realm->emailOf(other);
    next.apiKey = rig.realm->apiKeyOf(other);
    QCOMPARE(rig.client.setAccount(next), QString());
    QTRY_COMPARE_WITH_TIMEOUT(rig.realm->queueCount(), 0, 5000);
    QCOMPARE(rig.count(eventsPath, QStringLiteral("DELETE")), 4);

    // On loopback the DELETE is on the wire before the account changes; on a slow network it
    // is not, and only this keeps it: a parting request is answered through abortAll().
    bool answered = false;
    rig.client.sendParting(
        ZulipClient::Method::Get, QStringLiteral("server_settings"), {},
        [&answered](const ApiResult &result) { answered = result.ok(); }, 5000);
    rig.client.abortAll();
    QTRY_VERIFY_WITH_TIMEOUT(answered, 5000);
}

void TestAgent::presenceEnabledRoundTrip_data() {
    QTest::addColumn<int>("featureLevel");
    QTest::newRow("current (user_settings)") << 372;
    // Read through update_global_notifications, written with PATCH /settings.
    QTest::newRow("5.0 before user_settings (85)") << 85;
    // Written with PATCH /settings/notifications, which names what it ignored.
    QTest::newRow("before /settings took it (79)") << 79;
    // /settings/notifications again, which only echoes what it changed.
    QTest::newRow("4.x (60)") << 60;
}

void TestAgent::presenceEnabledRoundTrip() {
    QFETCH(int, featureLevel);
    DevRealmOptions options = fastRealm(1);
    options.featureLevel = featureLevel;
    Rig rig(options);
    const int me = rig.realm->ownUserId();
    // Invisible already (set in the web app): the agent must know before it shows anything.
    rig.realm->setPresenceEnabled(me, false);
    rig.agent->start();
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->state(), PresenceAgent::State::Running, 5000);
    QVERIFY(!rig.agent->ownPresenceEnabled());
    // A change made elsewhere arrives as an event.
    rig.realm->setPresenceEnabled(me, true);
    QTRY_VERIFY_WITH_TIMEOUT(rig.agent->ownPresenceEnabled(), 5000);

    QString error = QStringLiteral("unset");
    rig.agent->setOwnPresenceEnabled(false, [&](const QString &e) { error = e; });
    QTRY_VERIFY_WITH_TIMEOUT(error != QLatin1String("unset"), 5000);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!rig.realm->presenceEnabled(me));
    QVERIFY(!rig.agent->ownPresenceEnabled());
    rig.realm->setPresenceEnabled(me, true);
    QTRY_VERIFY_WITH_TIMEOUT(rig.agent->ownPresenceEnabled(), 5000);

    // A refused write leaves the setting as the server has it.
    const QString path = featureLevel >= 80 ? QStringLiteral("/api/v1/settings")
                                            : QStringLiteral("/api/v1/settings/notifications");
    rig.realm->injectFault(devrealm::FaultSpec::zulipError(path, 400, QStringLiteral("BAD_REQUEST"),
                                                           QStringLiteral("Nope")));
    error = QStringLiteral("unset");
    rig.agent->setOwnPresenceEnabled(false, [&](const QString &e) { error = e; });
    QTRY_VERIFY_WITH_TIMEOUT(error != QLatin1String("unset"), 5000);
    QCOMPARE(error, QStringLiteral("Nope"));
    QVERIFY(rig.agent->ownPresenceEnabled());
    QVERIFY(rig.realm->presenceEnabled(me));

    // A "success" that changed nothing (the parameter ignored) is no success: you would
    // believe yourself invisible while everyone sees you.
    devrealm::FaultSpec ignored;
    ignored.path = path;
    ignored.httpStatus = 200;
    ignored.body = featureLevel >= 78
                       ? QByteArray(R"({"result":"success","msg":"",)"
                                    R"("ignored_parameters_unsupported":["presence_enabled"]})")
                       : QByteArray(R"({"result":"success","msg":""})");
    rig.realm->injectFault(ignored);
    error = QStringLiteral("unset");
    rig.agent->setOwnPresenceEnabled(false, [&](const QString &e) { error = e; });
    QTRY_VERIFY_WITH_TIMEOUT(error != QLatin1String("unset"), 5000);
    QVERIFY2(error.contains(QLatin1String("did not apply the change")), qPrintable(error));
    QVERIFY(rig.agent->ownPresenceEnabled());
}

QTEST_GUILESS_MAIN(TestAgent)
#include "tst_agent.moc"
