// The failures a real network brings, each against the dev realm over loopback: what reaches
// PresenceAgent::lastError(), that the schedule goes on, and that the agent recovers.
#include "DevRealm.h"
#include "agent/PresenceAgent.h"
#include "support/AgentRig.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <algorithm>

using namespace zp;
using namespace std::chrono_literals;
using devrealm::DevRealmOptions;
using devrealm::FaultSpec;
using devrealm::RequestLogEntry;
using test::AgentRig;
using test::fastRealm;

namespace {

const QString presencePath = QStringLiteral("/api/v1/users/me/presence");
const QString registerPath = QStringLiteral("/api/v1/register");
const QString eventsPath = QStringLiteral("/api/v1/events");

FaultSpec fault(FaultSpec::Kind kind, const QString &path, const QString &method, int count = 1,
                const QByteArray &body = {}) {
    FaultSpec f;
    f.kind = kind;
    f.path = path;
    f.method = method;
    f.count = count;
    f.body = body;
    return f;
}

// Starts the agent and waits until it reports normally.
void startRunning(AgentRig &rig) {
    rig.agent->start();
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->state(), PresenceAgent::State::Running, 8000);
    QTRY_VERIFY_WITH_TIMEOUT(rig.reports() >= 1, 8000);
}

QList<RequestLogEntry> byArrival(QList<RequestLogEntry> entries) {
    std::sort(entries.begin(), entries.end(),
              [](const auto &a, const auto &b) { return a.monotonicMs < b.monotonicMs; });
    return entries;
}

// The states the agent passed through, as recorded by a spy on stateChanged.
bool wentThrough(const QSignalSpy &spy, PresenceAgent::State state) {
    return std::any_of(spy.begin(), spy.end(), [state](const QList<QVariant> &args) {
        return args.at(0).value<PresenceAgent::State>() == state;
    });
}

} // namespace

class TestAgentFailures : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<PresenceAgent::State>(); }
    void requestTimeoutKeepsTheSchedule();
    void closedConnectionIsRetried();
    void unknownHostNameIsOneSentence();
    void deactivatedAccountStopsAndSaysSo_data();
    void deactivatedAccountStopsAndSaysSo();
    void reactivatedAccountIsPickedUpAgain();
    void aLoginPageInFrontIsNotTheKeysFault_data();
    void aLoginPageInFrontIsNotTheKeysFault();
    void tlsToAPlainPortFails();
    void proxyHtmlOnRegister();
    void aBrokenCompressedAnswerIsOneSentence();
    void eventQueueDownWhileReportsWork();
    void wrongTypesInRegister_data();
    void wrongTypesInRegister();
    void wrongTypesInEvents();
    void idsThatAreNotWholeNumbersAreIgnored();
    void lastUpdateIdMinusOneDropsData();
    void realmPresenceDisabledDropsData();
    void realmUserEvents();
    void restartWithoutUpgradeChangesNothing();
    void restartWithUpgradeReRegisters();
    void heartbeatsKeepThePollGoing();
    void forgottenQueuesAreReRegisteredWithBackoff();
    void queuesLostAfterAGoodPollStillBackOff();
    void instantEmptyAnswersBackOff();
    void dataTurnsStaleAndFresh();
    void networkGoneThenBack();
    void aFlappingNetworkIsNotABurst();
};

void TestAgentFailures::requestTimeoutKeepsTheSchedule() {
    AgentRig rig(fastRealm(1));
    startRunning(rig);
    // The agent gives a presence request max(interval, 5 s); this answer comes after 7 s.
    rig.realm->injectFault([] {
        FaultSpec f = fault(FaultSpec::Kind::Delay, presencePath, QStringLiteral("POST"));
        f.delayMs = 7000;
        return f;
    }());
    QTRY_VERIFY_WITH_TIMEOUT(
        rig.agent->lastError().contains(QLatin1String("did not answer in time")), 9000);
    QCOMPARE(rig.agent->state(), PresenceAgent::State::Retrying);
    // Recovery: the next report goes through and clears the error.
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->state(), PresenceAgent::State::Running, 5000);
    QCOMPARE(rig.agent->lastError(), QString());
    // No stacking: while the slow request was out, no other report was sent.
    const auto isSlow = [](const auto &e) { return e.fault == QLatin1String("delay"); };
    // The realm logs the slow request once its delay is over.
    const auto slowLogged = [&] {
        const QList<RequestLogEntry> posts = rig.requests(presencePath);
        return std::any_of(posts.begin(), posts.end(), isSlow);
    };
    QTRY_VERIFY_WITH_TIMEOUT(slowLogged(), 4000);
    const QList<RequestLogEntry> posts = byArrival(rig.requests(presencePath));
    const auto slow = std::find_if(posts.begin(), posts.end(), isSlow);
    QVERIFY(slow != posts.end());
    QVERIFY(slow + 1 != posts.end());
    const qint64 gap = (slow + 1)->monotonicMs - slow->monotonicMs;
    QVERIFY2(gap >= 4800, qPrintable(QStringLiteral("next report after %1 ms").arg(gap)));
}

void TestAgentFailures::closedConnectionIsRetried() {
    AgentRig rig(fastRealm(1));
    startRunning(rig);
    // Qt resends once on a reused connection that closes before answering: two closes.
    rig.realm->injectFault(
        fault(FaultSpec::Kind::CloseConnection, presencePath, QStringLiteral("POST"), 2));
    QTRY_VERIFY_WITH_TIMEOUT(rig.agent->lastError().contains(QLatin1String("cannot be reached")),
                             6000);
    QCOMPARE(rig.agent->state(), PresenceAgent::State::Retrying);
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->state(), PresenceAgent::State::Running, 5000);
    QCOMPARE(rig.agent->lastError(), QString());
}

void TestAgentFailures::unknownHostNameIsOneSentence() {
    ZulipClient client;
    Account account;
    account.site = QUrl(QStringLiteral("https://zulip-presence-test.invalid"));
    account.email = QStringLiteral("someone@example.com");
    account.apiKey = QStringLiteral("0123456789abcdef0123456789abcdef");
    QCOMPARE(client.setAccount(account), QString());
    PresenceAgent agent(&client, nullptr);
    agent.start();
    QTRY_VERIFY_WITH_TIMEOUT(!agent.lastError().isEmpty(), 15000);
    QVERIFY2(
        agent.lastError().contains(QLatin1String("zulip-presence-test.invalid cannot be found")),
        qPrintable(agent.lastError()));
    QVERIFY(!agent.lastError().contains(account.apiKey));
    // Still trying (with backoff), never given up or crashed.
    QCOMPARE(agent.state(), PresenceAgent::State::Connecting);
}

void TestAgentFailures::deactivatedAccountStopsAndSaysSo_data() {
    QTest::addColumn<int>("featureLevel");
    QTest::newRow("401, current server") << 372;
    QTest::newRow("403, before feature level 76") << 75;
}

void TestAgentFailures::deactivatedAccountStopsAndSaysSo() {
    QFETCH(int, featureLevel);
    DevRealmOptions options = fastRealm(1);
    options.featureLevel = featureLevel;
    AgentRig rig(options);
    rig.realm->deactivateUser(rig.realm->ownUserId());
    rig.agent->start();
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->state(), PresenceAgent::State::CredentialsRejected, 5000);
    // Not "check the key": the person needs an administrator, not a new key.
    QCOMPARE(rig.agent->lastError(),
             QStringLiteral("The account %1 is deactivated on 127.0.0.1; an administrator of the "
                            "organization can reactivate it.")
                 .arg(rig.realm->ownEmail()));
    // And nothing retries against the server's auth path.
    const qsizetype asked = rig.realm->requestLog().size();
    QTest::qWait(2500);
    QCOMPARE(rig.realm->requestLog().size(), asked);
}

void TestAgentFailures::reactivatedAccountIsPickedUpAgain() {
    AgentRig rig(fastRealm(1));
    rig.agent->setCredentialsRecheck(1500ms);
    rig.realm->deactivateUser(rig.realm->ownUserId());
    rig.agent->start();
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->state(), PresenceAgent::State::CredentialsRejected, 5000);
    const qsizetype asked = rig.realm->requestLog().size();
    QTest::qWait(3200);
    // Two rechecks at most in 3.2 s, each a server_settings and a refused register.
    QVERIFY2(rig.realm->requestLog().size() - asked <= 4,
             qPrintable(QString::number(rig.realm->requestLog().size() - asked)));
    QCOMPARE(rig.agent->state(), PresenceAgent::State::CredentialsRejected);
    rig.realm->reactivateUser(rig.realm->ownUserId());
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->state(), PresenceAgent::State::Running, 6000);
    QTRY_VERIFY_WITH_TIMEOUT(rig.reports() >= 1, 5000);
    QCOMPARE(rig.agent->lastError(), QString());
}

void TestAgentFailures::aLoginPageInFrontIsNotTheKeysFault_data() {
    QTest::addColumn<FaultSpec::Kind>("kind");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::newRow("an HTML page") << FaultSpec::Kind::NonJson << QByteArray() << QByteArray();
    // An API gateway's JSON, without Zulip's {"result": "error"} envelope.
    QTest::newRow("a gateway's JSON")
        << FaultSpec::Kind::HttpError
        << QByteArray(R"({"error":"unauthorized","message":"Sign in via SSO"})")
        << QByteArray("application/json");
}

void TestAgentFailures::aLoginPageInFrontIsNotTheKeysFault() {
    // A proxy's or single sign-on's own 401: not Zulip refusing the key, so no stop.
    QFETCH(FaultSpec::Kind, kind);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    AgentRig rig(fastRealm(1));
    startRunning(rig);
    FaultSpec page = fault(kind, presencePath, QStringLiteral("POST"));
    page.httpStatus = 401;
    page.body = body;
    page.contentType = contentType;
    rig.realm->injectFault(page);
    QSignalSpy errors(rig.agent.get(), &PresenceAgent::errorChanged);
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), 5000);
    QCOMPARE(errors.first().at(0).toString(),
             QStringLiteral("127.0.0.1 asks for a login of its own before Zulip (HTTP 401, not "
                            "Zulip's answer); a proxy or single sign-on page may be in the way."));
    QVERIFY(rig.agent->state() != PresenceAgent::State::CredentialsRejected);
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->state(), PresenceAgent::State::Running, 8000);
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->lastError(), QString(), 8000);
}

void TestAgentFailures::tlsToAPlainPortFails() {
    // A plain-http port spoken to with TLS: the handshake fails.
    AgentRig rig(fastRealm(1));
    ZulipClient client;
    Account account;
    account.site = rig.realm->baseUrl();
    account.site.setScheme(QStringLiteral("https"));
    account.email = rig.realm->ownEmail();
    account.apiKey = rig.realm->ownApiKey();
    QCOMPARE(client.setAccount(account), QString());
    PresenceAgent agent(&client, nullptr);
    agent.start();
    QTRY_VERIFY_WITH_TIMEOUT(!agent.lastError().isEmpty(), 10000);
    QVERIFY2(
        agent.lastError().startsWith(QStringLiteral("The secure connection to 127.0.0.1:%1 failed")
                                         .arg(account.site.port())),
        qPrintable(agent.lastError()));
    QCOMPARE(agent.state(), PresenceAgent::State::Connecting);
}

void TestAgentFailures::proxyHtmlOnRegister() {
    AgentRig rig(fastRealm(1));
    rig.realm->injectFault(fault(FaultSpec::Kind::NonJson, registerPath, QStringLiteral("POST")));
    QSignalSpy errors(rig.agent.get(), &PresenceAgent::errorChanged);
    rig.agent->start();
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), 5000);
    QCOMPARE(errors.first().at(0).toString(),
             QStringLiteral("The server answered with HTTP 502 and no Zulip data; a proxy or the "
                            "server itself may be failing."));
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->state(), PresenceAgent::State::Running, 6000);
    QCOMPARE(rig.agent->lastError(), QString());
    QCOMPARE(rig.count(registerPath), 2);
}

void TestAgentFailures::aBrokenCompressedAnswerIsOneSentence() {
    // Qt says "Decompression failed: " with nothing after the colon.
    AgentRig rig(fastRealm(1));
    startRunning(rig);
    FaultSpec broken = fault(FaultSpec::Kind::HttpError, presencePath, QStringLiteral("POST"));
    broken.httpStatus = 200;
    broken.contentType = "application/json";
    broken.headers = {{"Content-Encoding", "gzip"}};
    broken.body = "this is not gzip";
    rig.realm->injectFault(broken);
    QTRY_VERIFY_WITH_TIMEOUT(!rig.agent->lastError().isEmpty(), 5000);
    QCOMPARE(rig.agent->lastError(),
             QStringLiteral("The server 127.0.0.1:%1 broke off its answer: Decompression failed.")
                 .arg(rig.realm->baseUrl().port()));
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->lastError(), QString(), 8000);
}

void TestAgentFailures::eventQueueDownWhileReportsWork() {
    AgentRig rig(fastRealm(1));
    startRunning(rig);
    QSignalSpy states(rig.agent.get(), &PresenceAgent::stateChanged);
    const int reportsBefore = rig.reports();
    // A proxy page, then plain 500s: the queue is down for several seconds of backoff.
    rig.realm->injectFault(fault(FaultSpec::Kind::NonJson, eventsPath, QStringLiteral("GET")));
    rig.realm->injectFault(fault(FaultSpec::Kind::HttpError, eventsPath, QStringLiteral("GET"), 2));
    QTRY_VERIFY_WITH_TIMEOUT(rig.agent->lastError().contains(QLatin1String("HTTP 502")), 6000);
    QTRY_VERIFY_WITH_TIMEOUT(rig.agent->lastError().contains(QLatin1String("HTTP 500")), 8000);
    QCOMPARE(rig.agent->state(), PresenceAgent::State::Running);
    // The queue comes back by itself; the message goes.
    QTRY_VERIFY_WITH_TIMEOUT(
        rig.agent->lastError().isEmpty() && rig.realm->pendingFaultCount() == 0, 12000);
    QVERIFY2(!wentThrough(states, PresenceAgent::State::Retrying),
             "event failures flipped the state");
    // Reports went on at their cadence all along.
    QVERIFY2(rig.reports() - reportsBefore >= 3,
             qPrintable(QString::number(rig.reports() - reportsBefore)));
    QCOMPARE(rig.count(registerPath), 1);
}

void TestAgentFailures::wrongTypesInRegister_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    const QByteArray base = R"("result":"success","msg":"","last_event_id":-1,)";
    const auto unusable = [](const char *field) {
        return QStringLiteral("The server's registration answer is unusable: %1 is missing or of "
                              "the wrong type.")
            .arg(QLatin1String(field));
    };
    QTest::newRow("realm_users object")
        << QByteArray("{" + base + R"("queue_id":"q1","realm_users":{"a":1}})")
        << unusable("realm_users");
    QTest::newRow("queue_id number")
        << QByteArray("{" + base + R"("queue_id":17})") << unusable("queue_id");
    QTest::newRow("presences array")
        << QByteArray("{" + base + R"("queue_id":"q1","presences":[1,2]})")
        << unusable("presences");
    QTest::newRow("no queue_id") << QByteArray("{" + base + "\"realm_users\":[]}")
                                 << unusable("queue_id");
    // simdjson reads 1e-400 as 0, but the repeated list sends the answer to QJsonDocument,
    // which refuses the number: queue_id is there, so the message must not blame it.
    QTest::newRow("unreadable after the envelope")
        << QByteArray("{" + base +
                      R"("queue_id":"q1","realm_users":[],"realm_users":[],"x":1e-400})")
        << QStringLiteral("The server's registration answer is not JSON the agent can read.");
}

void TestAgentFailures::wrongTypesInRegister() {
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    AgentRig rig(fastRealm(1));
    rig.realm->injectFault(
        fault(FaultSpec::Kind::WrongShape, registerPath, QStringLiteral("POST"), 1, body));
    QSignalSpy errors(rig.agent.get(), &PresenceAgent::errorChanged);
    rig.agent->start();
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), 5000);
    QCOMPARE(errors.first().at(0).toString(), message);
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->state(), PresenceAgent::State::Running, 6000);
    QVERIFY(rig.agent->roster().users().size() > 5);
}

void TestAgentFailures::wrongTypesInEvents() {
    AgentRig rig(fastRealm(1));
    startRunning(rig);
    QSignalSpy errors(rig.agent.get(), &PresenceAgent::errorChanged);
    rig.realm->injectFault(fault(FaultSpec::Kind::WrongShape, eventsPath, QStringLiteral("GET"), 1,
                                 R"({"result":"success","msg":"","events":{"0":"heartbeat"}})"));
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), 6000);
    QCOMPARE(errors.first().at(0).toString(),
             QStringLiteral("The server's event answer is unusable."));
    QCOMPARE(rig.agent->state(), PresenceAgent::State::Running);
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->lastError(), QString(), 6000);
}

void TestAgentFailures::idsThatAreNotWholeNumbersAreIgnored() {
    // 7.5 is no user, and must not become user 7; 1e300 has no qint64 at all.
    AgentRig rig(fastRealm(1));
    startRunning(rig);
    const int target = test::someCoworker(*rig.realm);
    int other = 0;
    for (int id : rig.realm->userIds())
        if (id != target && id != rig.realm->ownUserId() && !rig.realm->isBot(id) &&
            rig.realm->isActive(id))
            other = id;
    QVERIFY(target > 0 && other > 0);
    const QString targetName = rig.agent->roster().find(target)->fullName;
    const QByteArray events =
        QStringLiteral(R"({"result":"success","msg":"","events":[)"
                       R"({"id":100000,"type":"realm_user","op":"update","person":)"
                       R"({"user_id":%1.5,"full_name":"Impostor"}},)"
                       R"({"id":100001,"type":"realm_user","op":"update","person":)"
                       R"({"user_id":1e300,"full_name":"Impostor"}},)"
                       R"({"id":100002,"type":"realm_user","op":"update","person":)"
                       R"({"user_id":%2,"full_name":"Renamed Properly"}}]})")
            .arg(target)
            .arg(other)
            .toUtf8();
    rig.realm->injectFault(
        fault(FaultSpec::Kind::WrongShape, eventsPath, QStringLiteral("GET"), 1, events));
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->roster().find(other)->fullName,
                              QStringLiteral("Renamed Properly"), 6000);
    QCOMPARE(rig.agent->roster().find(target)->fullName, targetName);
}

void TestAgentFailures::lastUpdateIdMinusOneDropsData() {
    AgentRig rig(fastRealm(1));
    startRunning(rig);
    QTRY_VERIFY_WITH_TIMEOUT(!rig.agent->presence().raw().isEmpty(), 5000);
    const QByteArray body =
        QByteArray(R"({"result":"success","msg":"","presences":{},"server_timestamp":)") +
        QByteArray::number(double(rig.realm->realmNowMs()) / 1000.0, 'f', 3) +
        R"(,"presence_last_update_id":-1})";
    rig.realm->injectFault(
        fault(FaultSpec::Kind::WrongShape, presencePath, QStringLiteral("POST"), 1, body));
    QTRY_VERIFY_WITH_TIMEOUT(!rig.agent->presenceNotice().isEmpty(), 5000);
    QVERIFY(rig.agent->presence().raw().isEmpty());
    QCOMPARE(rig.agent->presenceNotice(),
             QStringLiteral("The server currently shares no presence data; coworkers' "
                            "availability cannot be shown."));
    // The next poll starts over with a full fetch, and the notice goes with real data.
    QTRY_VERIFY_WITH_TIMEOUT(rig.agent->presenceNotice().isEmpty(), 5000);
    QVERIFY(!rig.agent->presence().raw().isEmpty());
    const QList<RequestLogEntry> posts = byArrival(rig.requests(presencePath));
    const auto faulted =
        std::find_if(posts.begin(), posts.end(), [](const auto &e) { return !e.fault.isEmpty(); });
    QVERIFY(faulted != posts.end() && faulted + 1 != posts.end());
    QCOMPARE((faulted + 1)->form.value(QStringLiteral("last_update_id")).toVariant().toString(),
             QStringLiteral("-1"));
}

void TestAgentFailures::realmPresenceDisabledDropsData() {
    AgentRig rig(fastRealm(1));
    startRunning(rig);
    QTRY_VERIFY_WITH_TIMEOUT(!rig.agent->presence().raw().isEmpty(), 5000);
    rig.realm->setRealmPresenceDisabled(true);
    QTRY_VERIFY_WITH_TIMEOUT(rig.agent->realmPresenceDisabled(), 5000);
    QVERIFY(rig.agent->presence().raw().isEmpty());
    QCOMPARE(rig.agent->presenceNotice(),
             QStringLiteral("Your organization has turned presence off; nobody's availability "
                            "can be shown."));
    // Polls meanwhile bring nothing back.
    const int reports = rig.reports();
    QTRY_VERIFY_WITH_TIMEOUT(rig.reports() >= reports + 2, 5000);
    QVERIFY(rig.agent->presence().raw().isEmpty());
    rig.realm->setRealmPresenceDisabled(false);
    QTRY_VERIFY_WITH_TIMEOUT(!rig.agent->realmPresenceDisabled(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!rig.agent->presence().raw().isEmpty(), 5000);
    QCOMPARE(rig.agent->presenceNotice(), QString());
}

void TestAgentFailures::realmUserEvents() {
    AgentRig rig(fastRealm(1));
    startRunning(rig);
    const int added = rig.realm->addUser(QStringLiteral("Newcomer Nadia"));
    QTRY_VERIFY_WITH_TIMEOUT(rig.agent->roster().find(added) != nullptr, 5000);
    QCOMPARE(rig.agent->roster().find(added)->fullName, QStringLiteral("Newcomer Nadia"));
    QVERIFY(rig.agent->roster().find(added)->isActive);
    rig.realm->renameUser(added, QStringLiteral("Nadia Renamed"));
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->roster().find(added)->fullName,
                              QStringLiteral("Nadia Renamed"), 5000);
    // The email changes (or its visibility): what --status prints and legacy presence keys by.
    rig.realm->changeApiEmail(added, QStringLiteral("nadia@new.example"));
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->roster().find(added)->email,
                              QStringLiteral("nadia@new.example"), 5000);
    QCOMPARE(rig.agent->roster().idForEmail(QStringLiteral("Nadia@New.example")), qint64(added));
    rig.realm->deactivateUser(added);
    QTRY_VERIFY_WITH_TIMEOUT(!rig.agent->roster().find(added)->isActive, 5000);
    rig.realm->reactivateUser(added);
    QTRY_VERIFY_WITH_TIMEOUT(rig.agent->roster().find(added)->isActive, 5000);
    QCOMPARE(rig.count(registerPath), 1);
}

void TestAgentFailures::restartWithoutUpgradeChangesNothing() {
    AgentRig rig(fastRealm(1));
    rig.agent->setRestartSpread(100ms);
    startRunning(rig);
    rig.realm->sendRestartEvent();
    // The restart event is delivered and polling goes on; nobody registers again.
    const int polls = rig.count(eventsPath, QStringLiteral("GET"));
    QTRY_VERIFY_WITH_TIMEOUT(rig.count(eventsPath, QStringLiteral("GET")) >= polls + 2, 6000);
    QTest::qWait(500);
    QCOMPARE(rig.count(registerPath), 1);
    QCOMPARE(rig.agent->state(), PresenceAgent::State::Running);
}

void TestAgentFailures::restartWithUpgradeReRegisters() {
    AgentRig rig(fastRealm(1));
    rig.agent->setRestartSpread(300ms);
    startRunning(rig);
    const int level = rig.agent->featureLevel();
    // The server announces a new version: re-learn it after a short random delay.
    const QByteArray body = R"({"result":"success","msg":"","events":[{"id":-1,"type":"restart",)"
                            R"("zulip_version":"99.0","zulip_feature_level":)" +
                            QByteArray::number(level + 1) + R"(,"immediate":false}]})";
    rig.realm->injectFault(
        fault(FaultSpec::Kind::WrongShape, eventsPath, QStringLiteral("GET"), 1, body));
    QTRY_COMPARE_WITH_TIMEOUT(rig.count(registerPath), 2, 6000);
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->state(), PresenceAgent::State::Running, 5000);
    QCOMPARE(rig.count(QStringLiteral("/api/v1/server_settings"), QStringLiteral("GET")), 2);
    QCOMPARE(rig.agent->featureLevel(), level); // what the server really says
    // The old queue was given back, not left for the server to collect in ten minutes.
    QCOMPARE(rig.count(eventsPath, QStringLiteral("DELETE")), 1);
    QTRY_COMPARE_WITH_TIMEOUT(rig.realm->queueCount(), 1, 5000);
}

void TestAgentFailures::forgottenQueuesAreReRegisteredWithBackoff() {
    // A server that forgets every queue at once (a broken load balancer, say): the agent
    // registers again, but ever more rarely, not in a loop.
    AgentRig rig(fastRealm(60));
    startRunning(rig);
    const int registersBefore = rig.count(registerPath, QStringLiteral("POST"));
    rig.realm->injectFault(FaultSpec::zulipError(eventsPath, 400,
                                                 QStringLiteral("BAD_EVENT_QUEUE_ID"),
                                                 QStringLiteral("Bad event queue ID"), 50));
    rig.realm->expireAllQueues();
    QTest::qWait(6000);
    const int registers = rig.count(registerPath, QStringLiteral("POST")) - registersBefore;
    // Backoff 1, 2, 4 s (each drawn between half and all): at most 4 in 6 s, at least 1.
    QVERIFY2(registers >= 1 && registers <= 4, qPrintable(QString::number(registers)));
    QVERIFY(rig.realm->pendingFaultCount() > 40);
}

void TestAgentFailures::queuesLostAfterAGoodPollStillBackOff() {
    // Each new queue answers its polls properly for a moment, then is forgotten (shards behind
    // a proxy that does not route by queue id): good polls must not reset the re-register
    // backoff, or the agent registers every two seconds forever.
    DevRealmOptions options = fastRealm(60);
    options.heartbeatSecs = 1.05; // a held poll, as a real server holds it
    AgentRig rig(options);
    startRunning(rig);
    const int registersBefore = rig.count(registerPath, QStringLiteral("POST"));
    int registersSeen = registersBefore;
    int pollsAtRegister = rig.count(eventsPath, QStringLiteral("GET"));
    bool armed = true;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 20000) {
        const int registers = rig.count(registerPath, QStringLiteral("POST"));
        const int polls = rig.count(eventsPath, QStringLiteral("GET"));
        if (registers != registersSeen) {
            registersSeen = registers;
            pollsAtRegister = polls;
            armed = true;
        } else if (armed && polls > pollsAtRegister) {
            // This queue answered a poll: the next new poll finds it gone.
            rig.realm->injectFault(FaultSpec::zulipError(eventsPath, 400,
                                                         QStringLiteral("BAD_EVENT_QUEUE_ID"),
                                                         QStringLiteral("Bad event queue ID")));
            armed = false;
        }
        QTest::qWait(50);
    }
    const int registers = rig.count(registerPath, QStringLiteral("POST")) - registersBefore;
    // Backoff 1, 2, 4, 8 s (each between half and all) plus two held polls a queue: at most 4
    // in 20 s. Resetting it on every good poll gives 6 or more.
    QVERIFY2(registers >= 2 && registers <= 4, qPrintable(QString::number(registers)));
}

void TestAgentFailures::instantEmptyAnswersBackOff() {
    // A proxy that answers every long poll at once with an empty success.
    AgentRig rig(fastRealm(60));
    startRunning(rig);
    const int pollsBefore = rig.count(eventsPath, QStringLiteral("GET"));
    FaultSpec empty = fault(FaultSpec::Kind::HttpError, eventsPath, QStringLiteral("GET"), 300,
                            R"({"result":"success","msg":"","events":[]})");
    empty.httpStatus = 200;
    rig.realm->injectFault(empty);
    // The poll in flight is held by the realm; an event ends it, so the next one meets the
    // fault.
    rig.realm->sendRestartEvent();
    QTest::qWait(6000);
    const int polls = rig.count(eventsPath, QStringLiteral("GET")) - pollsBefore;
    QVERIFY2(polls <= 6, qPrintable(QString::number(polls)));
    QCOMPARE(rig.agent->state(), PresenceAgent::State::Running);
}

void TestAgentFailures::heartbeatsKeepThePollGoing() {
    DevRealmOptions options = fastRealm(1);
    // Held for just over a second: a proper long poll (an instant answer is throttled, see
    // instantEmptyAnswersBackOff).
    options.heartbeatSecs = 1.1;
    AgentRig rig(options);
    startRunning(rig);
    QTRY_VERIFY_WITH_TIMEOUT(rig.count(eventsPath, QStringLiteral("GET")) >= 5, 12000);
    const QList<RequestLogEntry> polls = byArrival(rig.requests(eventsPath, QStringLiteral("GET")));
    // Each poll asks from the heartbeat the previous one brought.
    for (qsizetype i = 1; i < polls.size(); ++i) {
        const qint64 previous =
            polls[i - 1].query.value(QStringLiteral("last_event_id")).toVariant().toLongLong();
        const qint64 current =
            polls[i].query.value(QStringLiteral("last_event_id")).toVariant().toLongLong();
        QVERIFY2(current > previous,
                 qPrintable(QStringLiteral("%1 then %2").arg(previous).arg(current)));
    }
    QCOMPARE(rig.count(registerPath), 1);
    QCOMPARE(rig.agent->lastError(), QString());
}

void TestAgentFailures::dataTurnsStaleAndFresh() {
    AgentRig rig(fastRealm(1, 3));
    startRunning(rig);
    QSignalSpy stale(rig.agent.get(), &PresenceAgent::dataStaleChanged);
    QVERIFY(!rig.agent->dataIsStale());
    const qsizetype known = rig.agent->presence().raw().size();
    QVERIFY(known > 0);
    rig.realm->injectFault(
        fault(FaultSpec::Kind::HttpError, presencePath, QStringLiteral("POST"), 1000));
    QTRY_VERIFY_WITH_TIMEOUT(rig.agent->dataIsStale(), 6000);
    QCOMPARE(stale.size(), 1);
    QCOMPARE(stale.first().at(0).toBool(), true);
    QCOMPARE(rig.agent->presence().raw().size(), known); // kept, only shown as stale
    rig.realm->clearFaults();
    QTRY_VERIFY_WITH_TIMEOUT(!rig.agent->dataIsStale(), 4000);
    QCOMPARE(stale.last().at(0).toBool(), false);
}

void TestAgentFailures::networkGoneThenBack() {
    // Driven through PresenceAgent::setNetworkReachable, the seam NetworkWatcher feeds from
    // QNetworkInformation: there is no NetworkManager to switch off here.
    AgentRig rig(fastRealm(1));
    startRunning(rig);
    rig.agent->setNetworkReachable(false);
    QCOMPARE(rig.agent->lastError(),
             QStringLiteral("The network is unavailable; waiting for it to come back."));
    const int reports = rig.reports();
    QTest::qWait(2500);
    QCOMPARE(rig.reports(), reports); // paused: nothing sent, no backoff burnt
    QElapsedTimer back;
    back.start();
    rig.agent->setNetworkReachable(true);
    QTRY_VERIFY_WITH_TIMEOUT(rig.reports() > reports, 2000);
    QVERIFY2(back.elapsed() < 700, qPrintable(QString::number(back.elapsed())));
    // At once, and as a full refresh.
    const RequestLogEntry first = byArrival(rig.requests(presencePath)).at(reports);
    QCOMPARE(first.form.value(QStringLiteral("last_update_id")).toVariant().toString(),
             QStringLiteral("-1"));
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->lastError(), QString(), 3000);
    QCOMPARE(rig.agent->state(), PresenceAgent::State::Running);
}

void TestAgentFailures::aFlappingNetworkIsNotABurst() {
    // Wi-Fi roaming can say "gone" and "back" many times a second; each return used to be a
    // report with a full presence fetch (17 reached a server within 80 ms).
    AgentRig rig(fastRealm(1));
    startRunning(rig);
    const auto fullFetches = [&rig] {
        int n = 0;
        for (const RequestLogEntry &entry : rig.requests(presencePath))
            n += entry.form.value(QStringLiteral("last_update_id")).toVariant().toString() ==
                 QLatin1String("-1");
        return n;
    };
    const int before = fullFetches();
    for (int i = 0; i < 20; ++i) {
        rig.agent->setNetworkReachable(false);
        rig.agent->setNetworkReachable(true);
        QTest::qWait(15); // long enough for a request to reach the server
    }
    QTest::qWait(1500);
    QVERIFY2(fullFetches() - before <= 1, qPrintable(QString::number(fullFetches() - before)));
    // The last return is acted on once the spacing has passed: nothing is left stale.
    const auto spacingMs = std::chrono::milliseconds(PresenceAgent::networkBackSpacing).count();
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->lastError(), QString(), int(spacingMs) + 3000);
    QTRY_VERIFY_WITH_TIMEOUT(fullFetches() - before >= 1, 3000);
    QTest::qWait(1000);
    QVERIFY2(fullFetches() - before <= 2, qPrintable(QString::number(fullFetches() - before)));
    QCOMPARE(rig.agent->state(), PresenceAgent::State::Running);
}

QTEST_GUILESS_MAIN(TestAgentFailures)
#include "tst_agent_failures.moc"
