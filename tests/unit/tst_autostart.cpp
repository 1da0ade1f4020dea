// "Start at login" on XDG desktops: the autostart entry is written, read back, removed, and
// every failure says which file or folder is in the way. Inside a Flatpak the Background portal
// (a python3-dbusmock stand-in on a private bus) is asked instead.

#include "platform/Autostart.h"

#include "support/DBusMockRig.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace zp;

class TestAutostart : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        // The portal tests get private buses; the file tests need none.
        m_busMissing = test::dbusMockMissing();
        m_haveBuses = m_busMissing.isEmpty() && m_rig.startBuses();
        if (m_busMissing.isEmpty() && !m_haveBuses)
            m_busMissing = QStringLiteral("could not start a private dbus-daemon");
    }

    void init() {
        m_config.reset(new QTemporaryDir);
        QVERIFY(m_config->isValid());
        qputenv("XDG_CONFIG_HOME", m_config->path().toLocal8Bit());
        qunsetenv("FLATPAK_ID");
        m_entry = m_config->filePath(QStringLiteral("autostart/zulip-presence.desktop"));
    }

    void locationFollowsXdgConfigHome() { QCOMPARE(startAtLoginLocation(), m_entry); }

    void enableWritesEntryForRunningBinary() {
        QString error;
        QVERIFY(!startsAtLogin());
        QVERIFY(setStartAtLogin(true, &error));
        QCOMPARE(error, QString());
        QVERIFY(startsAtLogin());
        const QStringList lines = readEntry();
        QCOMPARE(lines.value(0), QStringLiteral("[Desktop Entry]"));
        QVERIFY(lines.contains(QStringLiteral("Type=Application")));
        QVERIFY(lines.contains(QStringLiteral("Icon=zulip-presence")));
        // The test binary is not on PATH, so the entry names it by its full path.
        QVERIFY(lines.contains(QStringLiteral("Exec=") + QCoreApplication::applicationFilePath()));
    }

    void entryPassesDesktopFileValidate() {
        const QString validator =
            QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
        if (validator.isEmpty())
            QSKIP(
                "desktop-file-validate is missing (sh packaging/debian-deps.sh test installs it)");
        QVERIFY(setStartAtLogin(true, nullptr));
        QProcess validate;
        validate.setProcessChannelMode(QProcess::MergedChannels);
        validate.start(validator, {m_entry});
        QVERIFY(validate.waitForFinished(10000));
        QCOMPARE(QString::fromUtf8(validate.readAll()), QString());
        QCOMPARE(validate.exitCode(), 0);
    }

    void enableTwiceKeepsOneIdenticalEntry() {
        QVERIFY(setStartAtLogin(true, nullptr));
        const QStringList first = readEntry();
        QVERIFY(setStartAtLogin(true, nullptr));
        QCOMPARE(readEntry(), first);
        QCOMPARE(QDir(m_config->filePath(QStringLiteral("autostart"))).entryList(QDir::Files),
                 QStringList{QStringLiteral("zulip-presence.desktop")});
    }

    void disableRemovesEntryAndIsIdempotent() {
        QVERIFY(setStartAtLogin(true, nullptr));
        QString error;
        QVERIFY(setStartAtLogin(false, &error));
        QCOMPARE(error, QString());
        QVERIFY(!QFile::exists(m_entry));
        QVERIFY(!startsAtLogin());
        QVERIFY(setStartAtLogin(false, &error));
        QCOMPARE(error, QString());
    }

    void entrySwitchedOffByDesktopCountsAsOff_data() {
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("Hidden") << QByteArray("Hidden=true");
        QTest::newRow("GNOME") << QByteArray("X-GNOME-Autostart-enabled=false");
    }
    void entrySwitchedOffByDesktopCountsAsOff() {
        QFETCH(QByteArray, line);
        QVERIFY(setStartAtLogin(true, nullptr));
        QFile entry(m_entry);
        QVERIFY(entry.open(QIODevice::Append));
        entry.write(line + '\n');
        entry.close();
        QVERIFY(!startsAtLogin());
        // Turning it on again replaces the switched-off entry.
        QVERIFY(setStartAtLogin(true, nullptr));
        QVERIFY(startsAtLogin());
        QVERIFY(!readEntry().contains(QString::fromLatin1(line)));
    }

    void readOnlyConfigDirGivesClearError() {
        // root ignores permission bits; /proc refuses new folders even to root.
        QString config = m_config->path();
        if (::geteuid() == 0)
            config = QStringLiteral("/proc/self");
        else
            QVERIFY(QFile::setPermissions(config, QFile::ReadOwner | QFile::ExeOwner));
        qputenv("XDG_CONFIG_HOME", config.toLocal8Bit());
        QString error;
        QVERIFY(!setStartAtLogin(true, &error));
        QCOMPARE(error, QStringLiteral("Could not create the folder %1/autostart, so the agent "
                                       "cannot start at login: check its permissions.")
                            .arg(config));
        QVERIFY(!startsAtLogin());
        QFile::setPermissions(m_config->path(),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }

    void unremovableEntryGivesClearError() {
        // A non-empty folder where the entry should be cannot be removed, whoever runs this.
        QVERIFY(QDir().mkpath(m_entry + QStringLiteral("/blocker")));
        QString error;
        QVERIFY(!setStartAtLogin(false, &error));
        QCOMPARE(error, QStringLiteral("Could not remove %1, so the agent will still start at "
                                       "login: check that folder's permissions.")
                            .arg(m_entry));
    }

    void flatpakAsksBackgroundPortal() {
        if (!m_haveBuses)
            QSKIP(qPrintable(m_busMissing));
        QProcess *portal =
            m_rig.startMock(false, portalName, {portalName, portalPath, backgroundInterface});
        QVERIFY(portal);
        const QDBusMessage added = test::addMockMethod(
            QDBusConnection::sessionBus(), portalName, portalPath, backgroundInterface,
            QStringLiteral("RequestBackground"), QStringLiteral("sa{sv}"), QStringLiteral("o"),
            QStringLiteral("ret = dbus.ObjectPath('/org/freedesktop/portal/desktop/request/1/t')"));
        QCOMPARE(added.type(), QDBusMessage::ReplyMessage);
        qputenv("FLATPAK_ID", "io.github.zulip_presence.ZulipPresence");

        QString error;
        QVERIFY(setStartAtLogin(true, &error));
        QCOMPARE(error, QString());
        int calls = 0;
        QVariantList args =
            test::mockCallArgs(QDBusConnection::sessionBus(), portalName, portalPath,
                               QStringLiteral("RequestBackground"), &calls);
        QCOMPARE(calls, 1);
        QCOMPARE(args.value(0).toString(), QString());
        QVariantMap options = qdbus_cast<QVariantMap>(args.value(1).value<QDBusArgument>());
        QCOMPARE(options.value(QStringLiteral("autostart")).toBool(), true);
        QCOMPARE(options.value(QStringLiteral("commandline")).toStringList(),
                 QStringList{QStringLiteral("zulip-presence")});
        QVERIFY(startsAtLogin());

        QVERIFY(setStartAtLogin(false, &error));
        args = test::mockCallArgs(QDBusConnection::sessionBus(), portalName, portalPath,
                                  QStringLiteral("RequestBackground"), &calls);
        QCOMPARE(calls, 2);
        options = qdbus_cast<QVariantMap>(args.value(1).value<QDBusArgument>());
        QCOMPARE(options.value(QStringLiteral("autostart")).toBool(), false);
        QVERIFY(!startsAtLogin());
        m_rig.stopMock(portal);
        qunsetenv("FLATPAK_ID");
    }

    void flatpakWithoutPortalGivesClearError() {
        if (!m_haveBuses)
            QSKIP(qPrintable(m_busMissing));
        qputenv("FLATPAK_ID", "io.github.zulip_presence.ZulipPresence");
        QString error;
        QVERIFY(!setStartAtLogin(true, &error));
        QVERIFY2(
            error.startsWith(QStringLiteral("The desktop's background portal did not answer (")),
            qPrintable(error));
        QVERIFY(error.endsWith(QStringLiteral("), so start at login is unchanged.")));
        QVERIFY(!QFile::exists(m_entry));
        QVERIFY(!startsAtLogin());
        qunsetenv("FLATPAK_ID");
    }

private:
    QStringList readEntry() const {
        QFile entry(m_entry);
        if (!entry.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(entry.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

    const QString portalName = QStringLiteral("org.freedesktop.portal.Desktop");
    const QString portalPath = QStringLiteral("/org/freedesktop/portal/desktop");
    const QString backgroundInterface = QStringLiteral("org.freedesktop.portal.Background");
    test::DBusMockRig m_rig;
    bool m_haveBuses = false;
    QString m_busMissing;
    std::unique_ptr<QTemporaryDir> m_config;
    QString m_entry;
};

QTEST_GUILESS_MAIN(TestAutostart)
#include "tst_autostart.moc"
