// NetworkWatcher against python3-dbusmock's NetworkManager on a private system bus: the state
// it reads at start, StateChanged as it comes, NetworkManager leaving and coming back, and that
// following NetworkManager loads none of QNetworkInformation's plugins (GLib's maps GIO).
#include "support/DBusMockRig.h"
#include "zulip/NetworkWatcher.h"

#include <QSignalSpy>
#include <QTest>

using namespace zp;

namespace {

const QString nmName = QStringLiteral("org.freedesktop.NetworkManager");
const QString nmPath = QStringLiteral("/org/freedesktop/NetworkManager");

// NMState values.
constexpr uint asleep = 10, disconnected = 20, disconnecting = 30, connecting = 40,
               connectedSite = 60, connectedGlobal = 70;

bool mapped(const char *library) {
    QFile maps(QStringLiteral("/proc/self/maps"));
    return maps.open(QIODevice::ReadOnly) && maps.readAll().contains(library);
}

} // namespace

class TestNetworkWatcher : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void stateMeansReachable_data();
    void stateMeansReachable();
    void followsNetworkManager();
    void startsDisconnectedWhenNetworkManagerSaysSo();
    void networkManagerLeavingAndReturning();

private:
    QProcess *startNetworkManager();
    void setState(uint state);
    test::DBusMockRig m_rig;
};

void TestNetworkWatcher::initTestCase() {
    if (const QString missing = test::dbusMockMissing(); !missing.isEmpty())
        QSKIP(qPrintable(missing));
    QVERIFY(m_rig.startBuses());
    QVERIFY(QDBusConnection::systemBus().isConnected());
}

QProcess *TestNetworkWatcher::startNetworkManager() {
    return m_rig.startMock(true, nmName,
                           {QStringLiteral("--template"), QStringLiteral("networkmanager")});
}

// The template's own method: sets State and sends StateChanged, as NetworkManager does.
void TestNetworkWatcher::setState(uint state) {
    const QDBusMessage reply = test::callMock(
        QDBusConnection::systemBus(), nmName, nmPath, QStringLiteral("org.freedesktop.DBus.Mock"),
        QStringLiteral("SetGlobalConnectionState"), {QVariant::fromValue(state)});
    QCOMPARE(reply.type(), QDBusMessage::ReplyMessage);
}

void TestNetworkWatcher::stateMeansReachable_data() {
    QTest::addColumn<uint>("state");
    QTest::addColumn<bool>("reachable");
    QTest::newRow("unknown") << 0u << true;
    QTest::newRow("asleep") << asleep << true;
    QTest::newRow("disconnected") << disconnected << false;
    QTest::newRow("disconnecting") << disconnecting << false;
    QTest::newRow("connecting") << connecting << true;
    QTest::newRow("local") << 50u << true;
    QTest::newRow("site") << connectedSite << true;
    QTest::newRow("global") << connectedGlobal << true;
    QTest::newRow("a state from a newer NetworkManager") << 80u << true;
}

void TestNetworkWatcher::stateMeansReachable() {
    QFETCH(uint, state);
    QFETCH(bool, reachable);
    QCOMPARE(NetworkWatcher::reachableInNetworkManagerState(state), reachable);
}

void TestNetworkWatcher::followsNetworkManager() {
    QProcess *nm = startNetworkManager();
    QVERIFY(nm);
    if (mapped("libgio-2.0"))
        QSKIP("GIO was mapped before the watcher existed; the check below would mean nothing");

    NetworkWatcher watcher;
    QSignalSpy changes(&watcher, &NetworkWatcher::reachableChanged);
    QCOMPARE(watcher.backendName(), QStringLiteral("networkmanager"));
    QVERIFY(watcher.reachable());
    // QNetworkInformation would have loaded its GLib plugin, and GIO with it.
    QVERIFY(!mapped("libgio-2.0"));

    setState(disconnected);
    QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 1, 5000);
    QCOMPARE(changes.at(0).at(0).toBool(), false);
    QVERIFY(!watcher.reachable());

    setState(connecting); // on its way: not silenced
    QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 2, 5000);
    QVERIFY(watcher.reachable());
    setState(connectedSite);
    setState(connectedGlobal);
    setState(disconnecting);
    QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 3, 5000);
    QVERIFY(!watcher.reachable());
    setState(connectedGlobal);
    QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 4, 5000);
    QVERIFY(watcher.reachable());
    // Only changes are signalled: four in all for seven states.
    QTest::qWait(200);
    QCOMPARE(changes.size(), 4);
    m_rig.stopMock(nm);
}

void TestNetworkWatcher::startsDisconnectedWhenNetworkManagerSaysSo() {
    QProcess *nm = startNetworkManager();
    QVERIFY(nm);
    setState(disconnected);
    NetworkWatcher watcher;
    QSignalSpy changes(&watcher, &NetworkWatcher::reachableChanged);
    QTRY_VERIFY_WITH_TIMEOUT(!watcher.reachable(), 5000);
    QCOMPARE(changes.size(), 1);
    m_rig.stopMock(nm);
}

void TestNetworkWatcher::networkManagerLeavingAndReturning() {
    QProcess *nm = startNetworkManager();
    QVERIFY(nm);
    NetworkWatcher watcher;
    setState(disconnected);
    QTRY_VERIFY_WITH_TIMEOUT(!watcher.reachable(), 5000);

    // Gone, it knows nothing: the agent must not stay paused on its last word.
    m_rig.stopMock(nm);
    QTRY_VERIFY_WITH_TIMEOUT(watcher.reachable(), 5000);

    // Back, and disconnected from the start: asked again, and its signals followed again.
    nm = startNetworkManager();
    QVERIFY(nm);
    setState(disconnected);
    QTRY_VERIFY_WITH_TIMEOUT(!watcher.reachable(), 5000);
    setState(connectedGlobal);
    QTRY_VERIFY_WITH_TIMEOUT(watcher.reachable(), 5000);
    m_rig.stopMock(nm);
}

QTEST_GUILESS_MAIN(TestNetworkWatcher)
#include "tst_networkwatcher.moc"
