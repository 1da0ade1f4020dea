// "Tell me when someone is back", end to end: a watched coworker turns active at the dev realm,
// the agent learns it over loopback, and a notification reaches a desktop notification
// daemon (python3-dbusmock's notification_daemon template on a private session bus).
#include "DevRealm.h"
#include "notify/ComebackNotifier.h"
#include "notify/DesktopNotifier.h"
#include "support/AgentRig.h"
#include "support/DBusMockRig.h"

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QSignalSpy>
#include <QTest>

using namespace zp;
using namespace zp::test;

namespace {
const QString notifications = QStringLiteral("org.freedesktop.Notifications");
const QString notificationsPath = QStringLiteral("/org/freedesktop/Notifications");

// One argument (3: summary, 4: body) of every Notify call the mock daemon received.
QStringList notifiedArgument(int index) {
    const QDBusMessage reply =
        callMock(QDBusConnection::sessionBus(), notifications, notificationsPath,
                 QStringLiteral("org.freedesktop.DBus.Mock"), QStringLiteral("GetMethodCalls"),
                 {QStringLiteral("Notify")});
    QStringList out;
    if (reply.type() != QDBusMessage::ReplyMessage)
        return out;
    const QDBusArgument calls = reply.arguments().constFirst().value<QDBusArgument>();
    calls.beginArray();
    while (!calls.atEnd()) {
        quint64 when = 0;
        QVariantList args;
        calls.beginStructure();
        calls >> when >> args;
        calls.endStructure();
        // Notify(app_name, replaces_id, app_icon, summary, body, actions, hints, timeout)
        if (args.size() > index)
            out << args.at(index).toString();
    }
    calls.endArray();
    return out;
}

QStringList notifiedSummaries() {
    return notifiedArgument(3);
}
} // namespace

class TestComeback : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void watchedCoworkerComingBackIsAnnouncedOnce();
    void aServerClockSteppingBackIsNoComeback();
    void desktopNotificationReachesTheDaemon();
    void namesReadAsTypedWhereTheBodyTakesMarkup();

private:
    DBusMockRig m_rig;
};

void TestComeback::initTestCase() {
    if (const QString missing = dbusMockMissing(); !missing.isEmpty())
        QSKIP(qPrintable(missing));
    QVERIFY(m_rig.startBuses());
    QVERIFY(m_rig.startMock(false, notifications,
                            {QStringLiteral("--template"), QStringLiteral("notification_daemon")}));
}

void TestComeback::watchedCoworkerComingBackIsAnnouncedOnce() {
    devrealm::DevRealmOptions options = fastRealm(1);
    options.initialHistory = false; // everyone starts offline
    AgentRig rig(options);
    QList<int> people;
    for (int id : rig.realm->userIds())
        if (id != rig.realm->ownUserId() && !rig.realm->isBot(id) && rig.realm->isActive(id))
            people << id;
    QVERIFY(people.size() >= 2);
    const int watched = people.at(0), other = people.at(1);

    ComebackNotifier comebacks(rig.agent.get());
    comebacks.setWatchedUserIds({watched});
    QSignalSpy back(&comebacks, &ComebackNotifier::cameBack);
    rig.agent->start();
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->state(), PresenceAgent::State::Running, 5000);
    QTest::qWait(1500);
    QCOMPARE(back.size(), 0); // starting up is nobody's comeback

    // Someone not watched comes online: nothing.
    const qint64 now = rig.realm->realmNowMs();
    rig.realm->setPresenceRow(other, now, now);
    QTest::qWait(2500);
    QCOMPARE(back.size(), 0);

    // The watched person comes online: one announcement, with their name.
    rig.realm->setPresenceRow(watched, rig.realm->realmNowMs(), rig.realm->realmNowMs());
    QTRY_COMPARE_WITH_TIMEOUT(back.size(), 1, 5000);
    QCOMPARE(back.first().at(0).toLongLong(), qint64(watched));
    QVERIFY(!back.first().at(1).toString().isEmpty());

    // Flapping within the cooldown (idle, then active again) does not nag.
    rig.realm->setPresenceRow(watched, std::nullopt, rig.realm->realmNowMs());
    QTest::qWait(2500);
    rig.realm->setPresenceRow(watched, rig.realm->realmNowMs(), rig.realm->realmNowMs());
    QTest::qWait(2500);
    QCOMPARE(back.size(), 1);
}

void TestComeback::aServerClockSteppingBackIsNoComeback() {
    // The server's clock runs five minutes fast, then is corrected: everyone looked offline
    // for a while and then active again, but nobody came back.
    AgentRig rig(fastRealm(1));
    int watched = 0;
    for (int id : rig.realm->userIds())
        if (id != rig.realm->ownUserId() && !rig.realm->isBot(id) && rig.realm->isActive(id))
            watched = id;
    QVERIFY(watched > 0);
    const qint64 now = rig.realm->realmNowMs();
    rig.realm->setPresenceRow(watched, now, now);
    ComebackNotifier comebacks(rig.agent.get());
    comebacks.setWatchedUserIds({watched});
    QSignalSpy back(&comebacks, &ComebackNotifier::cameBack);
    rig.agent->start();
    QTRY_COMPARE_WITH_TIMEOUT(rig.agent->state(), PresenceAgent::State::Running, 5000);
    const auto status = [&] { return rig.agent->presence().verdict(watched).status; };
    QTRY_COMPARE_WITH_TIMEOUT(status(), PresenceStatus::Active, 5000);

    rig.realm->setClockOffsetSecs(300);
    QTRY_COMPARE_WITH_TIMEOUT(status(), PresenceStatus::Offline, 5000);
    rig.realm->setClockOffsetSecs(0);
    QTRY_COMPARE_WITH_TIMEOUT(status(), PresenceStatus::Active, 5000);
    QTest::qWait(500);
    QCOMPARE(back.size(), 0);

    // A real comeback after that is still announced.
    rig.realm->setPresenceRow(watched, std::nullopt, rig.realm->realmNowMs() - 600 * 1000);
    QTRY_VERIFY_WITH_TIMEOUT(status() != PresenceStatus::Active, 5000);
    rig.realm->setPresenceRow(watched, rig.realm->realmNowMs(), rig.realm->realmNowMs());
    QTRY_COMPARE_WITH_TIMEOUT(back.size(), 1, 5000);
}

void TestComeback::desktopNotificationReachesTheDaemon() {
    QVERIFY(DesktopNotifier::isAvailable());
    DesktopNotifier notifier;
    QSignalSpy delivered(&notifier, &DesktopNotifier::delivered);
    QSignalSpy failed(&notifier, &DesktopNotifier::failed);
    notifier.notify(QStringLiteral("Zoë Ångström is back"),
                    QStringLiteral("Zoë Ångström is active on Zulip now."));
    QVERIFY(delivered.wait(5000));
    QCOMPARE(failed.size(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(notifiedSummaries().contains(QStringLiteral("Zoë Ångström is back")),
                             3000);
}

void TestComeback::namesReadAsTypedWhereTheBodyTakesMarkup() {
    // The mock daemon, like GNOME's and KDE's, says "body-markup": there a coworker named
    // "Ann & <b>Bo</b>" would be shown in bold, or not at all (a stray "&" is bad markup).
    DesktopNotifier notifier;
    QSignalSpy delivered(&notifier, &DesktopNotifier::delivered);
    notifier.notify(QStringLiteral("Ann & <b>Bo</b> is back"),
                    QStringLiteral("Ann & <b>Bo</b> is active on Zulip now."));
    QVERIFY(delivered.wait(5000));
    QTRY_VERIFY_WITH_TIMEOUT(notifiedArgument(4).contains(QStringLiteral(
                                 "Ann &amp; &lt;b&gt;Bo&lt;/b&gt; is active on Zulip now.")),
                             3000);
    // The summary is never markup (the specification says so): it goes as typed.
    QVERIFY(notifiedSummaries().contains(QStringLiteral("Ann & <b>Bo</b> is back")));
}

QTEST_GUILESS_MAIN(TestComeback)
#include "tst_comeback.moc"
