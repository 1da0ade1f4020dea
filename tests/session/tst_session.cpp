// Screen lock, sleep and wake through D-Bus, end to end: python3-dbusmock's logind template on
// a private system bus and screen-saver mocks on a private session bus; the agent (with a
// scripted idle source) reports to the dev realm over loopback, and the reports the realm
// receives must follow the rules in docs/IDLE.md.
#include "DevRealm.h"
#include "agent/PresenceAgent.h"
#include "session/SessionWatcher.h"
#include "support/DBusMockRig.h"
#include "support/ScriptedIdleBackend.h"

#include <QSignalSpy>
#include <QTest>

using namespace zp;
using namespace std::chrono_literals;
using devrealm::DevRealm;
using devrealm::DevRealmOptions;
using devrealm::RequestLogEntry;

namespace {

const QString presencePath = QStringLiteral("/api/v1/users/me/presence");
const QString logind = QStringLiteral("org.freedesktop.login1");
const QString managerPath = QStringLiteral("/org/freedesktop/login1");
const QString manager = QStringLiteral("org.freedesktop.login1.Manager");
const QString sessionPath = QStringLiteral("/org/freedesktop/login1/session/c1");
const QString sessionIface = QStringLiteral("org.freedesktop.login1.Session");

QDBusConnection systemBus() {
    return QDBusConnection::systemBus();
}

// The realm, an agent with a scripted idle source, and the session watcher, wired as
// app/main.cpp wires them. The realm's ping interval is a minute, so every report within a
// test's few seconds (after the first) comes from a lock, sleep or wake rule.
struct Rig {
    Rig() {
        DevRealmOptions options;
        options.users = 12;
        options.seed = 11;
        options.staticRealm = true;
        options.pingIntervalSecs = 60;
        options.longpollTimeoutSecs = 2;
        realm = std::make_unique<DevRealm>(options);
        if (realm->listen(0) == 0)
            qFatal("dev realm could not listen");
        Account account;
        account.site = realm->baseUrl();
        account.email = realm->ownEmail();
        account.apiKey = realm->ownApiKey();
        if (const QString refused = client.setAccount(account); !refused.isEmpty())
            qFatal("account refused: %s", qPrintable(refused));
        auto backend = std::make_unique<test::ScriptedIdleBackend>();
        source = backend.get();
        idle.startWith(std::move(backend), 5min);
        agent = std::make_unique<PresenceAgent>(&client, &idle);
        watcher.start();
        applySessionRules(&watcher, &idle, agent.get());
    }

    QList<RequestLogEntry> reports() const {
        QList<RequestLogEntry> out;
        for (const RequestLogEntry &e : realm->requestLog())
            if (e.path == presencePath && e.method == QLatin1String("POST"))
                out << e;
        return out;
    }
    QString lastStatus() const {
        const auto all = reports();
        return all.isEmpty() ? QString()
                             : all.last().form.value(QLatin1String("status")).toString();
    }
    // Starts the agent and waits for its first report (active: it just started).
    bool startAndSettle() {
        agent->start();
        return QTest::qWaitFor([&] { return reports().size() == 1 && idle.isIdle() == false; },
                               10000);
    }

    std::unique_ptr<DevRealm> realm;
    ZulipClient client;
    IdleMonitor idle;
    test::ScriptedIdleBackend *source = nullptr;
    std::unique_ptr<PresenceAgent> agent;
    SessionWatcher watcher;
};

int sleepInhibitors() {
    const QDBusMessage reply =
        test::callMock(systemBus(), logind, managerPath, manager, QStringLiteral("ListInhibitors"));
    if (reply.type() != QDBusMessage::ReplyMessage)
        return -1;
    const QDBusArgument list = reply.arguments().constFirst().value<QDBusArgument>();
    int count = 0;
    list.beginArray();
    while (!list.atEnd()) {
        QString what, who, why, mode;
        uint uid = 0, pid = 0;
        list.beginStructure();
        list >> what >> who >> why >> mode >> uid >> pid;
        list.endStructure();
        if (what == QLatin1String("sleep") && who == QLatin1String("zulip-presence") &&
            mode == QLatin1String("delay"))
            ++count;
    }
    list.endArray();
    return count;
}

void setLockedHint(bool locked) {
    test::callMock(systemBus(), logind, sessionPath, sessionIface, QStringLiteral("SetLockedHint"),
                   {locked});
}

void prepareForSleep(bool sleeping) {
    test::emitMockSignal(systemBus(), logind, managerPath, manager,
                         QStringLiteral("PrepareForSleep"), QStringLiteral("b"), {sleeping});
}

} // namespace

class TestSession : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void findsSessionAndHoldsInhibitor();
    void lockedHintReportsIdleAtOnce();
    void lockAndUnlockSignals();
    void backendLockNotificationReportsAtOnce();
    void screenSaversCountAsLocked_data();
    void screenSaversCountAsLocked();
    void sleepSendsOneIdleThenReleases();
    void wakeReportsIdleAndRefreshesAtOnce();

private:
    test::DBusMockRig m_rig;
};

void TestSession::initTestCase() {
    if (const QString missing = test::dbusMockMissing(); !missing.isEmpty())
        QSKIP(qPrintable(missing));
    QVERIFY(m_rig.startBuses());
    qputenv("XDG_SESSION_ID", "c1");
    QVERIFY(
        m_rig.startMock(true, logind, {QStringLiteral("--template"), QStringLiteral("logind")}));
    const QDBusMessage added = test::callMock(
        systemBus(), logind, managerPath, QStringLiteral("org.freedesktop.DBus.Mock"),
        QStringLiteral("AddSession"),
        {QStringLiteral("c1"), QStringLiteral("seat0"), uint(1000), QStringLiteral("alice"), true});
    QVERIFY2(added.type() == QDBusMessage::ReplyMessage, qPrintable(added.errorMessage()));
    for (const QString &name :
         {QStringLiteral("org.freedesktop.ScreenSaver"), QStringLiteral("org.gnome.ScreenSaver")}) {
        const QString path =
            QLatin1Char('/') + QString(name).replace(QLatin1Char('.'), QLatin1Char('/'));
        QVERIFY(m_rig.startMock(false, name, {name, path, name}));
    }
}

void TestSession::findsSessionAndHoldsInhibitor() {
    SessionWatcher watcher;
    watcher.start();
    QVERIFY(watcher.logindAvailable());
    QCOMPARE(watcher.logindDetail(), QStringLiteral("session ") + sessionPath);
    QVERIFY(!watcher.isLocked());
    QCOMPARE(watcher.screenSaversPresent(),
             (QStringList{QStringLiteral("org.freedesktop.ScreenSaver"),
                          QStringLiteral("org.gnome.ScreenSaver")}));
    QTRY_VERIFY_WITH_TIMEOUT(watcher.holdsSleepInhibitor(), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(sleepInhibitors(), 1, 5000);
}

void TestSession::lockedHintReportsIdleAtOnce() {
    Rig rig;
    QVERIFY(rig.startAndSettle());
    QCOMPARE(rig.lastStatus(), QStringLiteral("active"));

    setLockedHint(true);
    QTRY_COMPARE_WITH_TIMEOUT(rig.reports().size(), 2, 5000);
    QCOMPARE(rig.lastStatus(), QStringLiteral("idle"));
    QVERIFY(rig.watcher.isLocked());

    // Someone types on the lock screen: still idle, and nothing new is reported.
    rig.source->goIdle();
    rig.source->comeBack();
    QTest::qWait(700);
    QCOMPARE(rig.reports().size(), 2);
    QVERIFY(rig.idle.isIdle());

    setLockedHint(false);
    QTRY_COMPARE_WITH_TIMEOUT(rig.reports().size(), 3, 5000);
    QCOMPARE(rig.lastStatus(), QStringLiteral("active"));
    QTest::qWait(500);
    QCOMPARE(rig.reports().size(), 3);
}

void TestSession::lockAndUnlockSignals() {
    Rig rig;
    QVERIFY(rig.startAndSettle());
    test::callMock(systemBus(), logind, sessionPath, sessionIface, QStringLiteral("Lock"));
    QTRY_COMPARE_WITH_TIMEOUT(rig.reports().size(), 2, 5000);
    QCOMPARE(rig.lastStatus(), QStringLiteral("idle"));
    test::callMock(systemBus(), logind, sessionPath, sessionIface, QStringLiteral("Unlock"));
    QTRY_COMPARE_WITH_TIMEOUT(rig.reports().size(), 3, 5000);
    QCOMPARE(rig.lastStatus(), QStringLiteral("active"));
}

void TestSession::backendLockNotificationReportsAtOnce() {
    // Windows and macOS tell the idle backend itself about the lock, not D-Bus: the same rule.
    Rig rig;
    QVERIFY(rig.startAndSettle());
    Q_EMIT rig.source->screenLockChanged(true);
    QTRY_COMPARE_WITH_TIMEOUT(rig.reports().size(), 2, 5000);
    QCOMPARE(rig.lastStatus(), QStringLiteral("idle"));
    QVERIFY(rig.idle.isLocked());
    Q_EMIT rig.source->screenLockChanged(false);
    QTRY_COMPARE_WITH_TIMEOUT(rig.reports().size(), 3, 5000);
    QCOMPARE(rig.lastStatus(), QStringLiteral("active"));
}

void TestSession::screenSaversCountAsLocked_data() {
    QTest::addColumn<QString>("name");
    QTest::newRow("freedesktop") << QStringLiteral("org.freedesktop.ScreenSaver");
    QTest::newRow("gnome") << QStringLiteral("org.gnome.ScreenSaver");
}

void TestSession::screenSaversCountAsLocked() {
    QFETCH(QString, name);
    const QString path =
        QLatin1Char('/') + QString(name).replace(QLatin1Char('.'), QLatin1Char('/'));
    Rig rig;
    QVERIFY(rig.startAndSettle());
    test::emitMockSignal(QDBusConnection::sessionBus(), name, path, name,
                         QStringLiteral("ActiveChanged"), QStringLiteral("b"), {true});
    QTRY_COMPARE_WITH_TIMEOUT(rig.reports().size(), 2, 5000);
    QCOMPARE(rig.lastStatus(), QStringLiteral("idle"));
    test::emitMockSignal(QDBusConnection::sessionBus(), name, path, name,
                         QStringLiteral("ActiveChanged"), QStringLiteral("b"), {false});
    QTRY_COMPARE_WITH_TIMEOUT(rig.reports().size(), 3, 5000);
    QCOMPARE(rig.lastStatus(), QStringLiteral("active"));
}

void TestSession::sleepSendsOneIdleThenReleases() {
    Rig rig;
    QVERIFY(rig.startAndSettle());
    QTRY_VERIFY_WITH_TIMEOUT(rig.watcher.holdsSleepInhibitor(), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(sleepInhibitors(), 1, 5000);

    prepareForSleep(true);
    QTRY_COMPARE_WITH_TIMEOUT(rig.reports().size(), 2, 5000);
    QCOMPARE(rig.lastStatus(), QStringLiteral("idle"));
    // Released once that report was answered, well before the 3 s limit.
    QTRY_VERIFY_WITH_TIMEOUT(!rig.watcher.holdsSleepInhibitor(), 2000);
    QTRY_COMPARE_WITH_TIMEOUT(sleepInhibitors(), 0, 5000);
    QTest::qWait(500);
    QCOMPARE(rig.reports().size(), 2); // exactly one last report

    prepareForSleep(false);
    QTRY_COMPARE_WITH_TIMEOUT(rig.reports().size(), 3, 5000);
    // Awake again: the inhibitor is back for the next sleep.
    QTRY_COMPARE_WITH_TIMEOUT(sleepInhibitors(), 1, 5000);
}

void TestSession::wakeReportsIdleAndRefreshesAtOnce() {
    Rig rig;
    QVERIFY(rig.startAndSettle());
    prepareForSleep(true);
    QTRY_COMPARE_WITH_TIMEOUT(rig.reports().size(), 2, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!rig.watcher.holdsSleepInhibitor(), 5000);
    // A coworker became active while we slept.
    const int coworker = [&] {
        for (int id : rig.realm->userIds())
            if (id != rig.realm->ownUserId() && !rig.realm->isBot(id) && rig.realm->isActive(id) &&
                id != rig.realm->presenceDisabledUserId())
                return id;
        return 0;
    }();
    QVERIFY(coworker);

    prepareForSleep(false);
    QTRY_COMPARE_WITH_TIMEOUT(rig.reports().size(), 3, 5000);
    const RequestLogEntry wake = rig.reports().last();
    QCOMPARE(wake.form.value(QLatin1String("status")).toString(), QStringLiteral("idle"));
    // A full fetch, not an increment on data from before the sleep.
    QCOMPARE(wake.form.value(QLatin1String("last_update_id")).toVariant().toString(),
             QStringLiteral("-1"));
    QVERIFY(rig.idle.isIdle());

    // Real input: active, at once.
    rig.source->comeBack();
    QTRY_COMPARE_WITH_TIMEOUT(rig.reports().size(), 4, 5000);
    QCOMPARE(rig.lastStatus(), QStringLiteral("active"));
}

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
