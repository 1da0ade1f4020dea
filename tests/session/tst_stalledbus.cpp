// A system bus that takes the connection and then stops answering (a stalling proxy in front
// of a real dbus-daemon): the start-up checks for NetworkManager and logind give up after
// their own short limit instead of D-Bus's 25 s each, and nothing falls back onto the same
// dead bus. A process has one system bus connection, hence a test program of its own.
#include "session/SessionWatcher.h"
#include "support/DBusMockRig.h"
#include "zulip/NetworkWatcher.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace zp;

class TestStalledBus : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void startUpChecksGiveUpOnABusThatStopsAnswering();
    void cleanupTestCase();

private:
    test::DBusMockRig m_rig;
    QTemporaryDir m_dir;
    QProcess m_proxy;
};

void TestStalledBus::initTestCase() {
    if (const QString missing = test::dbusMockMissing(); !missing.isEmpty())
        QSKIP(qPrintable(missing));
    const QString bus = m_rig.startBus();
    QVERIFY(!bus.isEmpty());
    // unix:path=/tmp/dbus-XXXX,guid=...
    const QString busPath = bus.section(QLatin1Char(','), 0, 0).section(QLatin1Char('='), 1);
    QVERIFY2(bus.startsWith(QLatin1String("unix:path=")), qPrintable(bus));
    const QString listen = m_dir.filePath(QStringLiteral("stalling-bus"));
    m_proxy.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    // One message through: Hello, so that the connection is made; nothing after it.
    m_proxy.start(test::systemPython(),
                  {QStringLiteral(ZP_SOURCE_DIR "/tests/support/stalling_bus_proxy.py"), listen,
                   busPath, QStringLiteral("1")});
    QVERIFY(m_proxy.waitForReadyRead(10000));
    QCOMPARE(m_proxy.readLine().trimmed(), QByteArray("ready"));
    qputenv("DBUS_SYSTEM_BUS_ADDRESS", ("unix:path=" + listen).toUtf8());
    QVERIFY(QDBusConnection::systemBus().isConnected());
}

void TestStalledBus::startUpChecksGiveUpOnABusThatStopsAnswering() {
    QElapsedTimer clock;
    clock.start();
    NetworkWatcher network;
    const qint64 networkMs = clock.elapsed();
    // 2 s for the one check; D-Bus's own limit is 25 s, and Qt's plugins would add more.
    QVERIFY2(networkMs < 5000, qPrintable(QString::number(networkMs)));
    QVERIFY(network.reachable());
    QCOMPARE(network.backendName(), QString()); // nothing was loaded to wait on the dead bus

    clock.restart();
    SessionWatcher session;
    session.start();
    const qint64 sessionMs = clock.elapsed();
    QVERIFY2(sessionMs < 5000, qPrintable(QString::number(sessionMs)));
    QCOMPARE(session.logindDetail(), QStringLiteral("the system bus does not answer"));
    qInfo("gave up after %lld ms (network) and %lld ms (logind)", networkMs, sessionMs);
}

void TestStalledBus::cleanupTestCase() {
    m_proxy.kill();
    m_proxy.waitForFinished(2000);
}

QTEST_GUILESS_MAIN(TestStalledBus)
#include "tst_stalledbus.moc"
