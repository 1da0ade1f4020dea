#pragma once

// A real gnome-keyring (Secret Service) on a private session bus, unlocked, in a throwaway
// HOME (TEST-RIGS.md §5a). Call start() before the process's first D-Bus use: QtKeychain,
// libsecret and QtDBus all read DBUS_SESSION_BUS_ADDRESS once.

#include "support/DBusMockRig.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace zp::test {

class PrivateKeyring {
public:
    // Empty when it can run here, else why not (for QSKIP).
    static QString missing() {
        for (const char *tool : {"dbus-daemon", "gnome-keyring-daemon"})
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                return QStringLiteral("%1 is not installed (packages dbus, gnome-keyring)")
                    .arg(QString::fromLatin1(tool));
        return {};
    }

    // `unlock` false leaves the bus with an activatable but locked keyring.
    bool start(bool unlock = true) {
        if (!m_home.isValid())
            return false;
        // Bus-activated services inherit the bus's environment, so HOME goes first.
        qputenv("HOME", m_home.path().toUtf8());
        qputenv("XDG_DATA_HOME", (m_home.path() + QStringLiteral("/.local/share")).toUtf8());
        qputenv("XDG_CONFIG_HOME", (m_home.path() + QStringLiteral("/.config")).toUtf8());
        qputenv("XDG_CACHE_HOME", (m_home.path() + QStringLiteral("/.cache")).toUtf8());
        const QString bus = m_buses.startBus();
        if (bus.isEmpty())
            return false;
        qputenv("DBUS_SESSION_BUS_ADDRESS", bus.toUtf8());
        if (!unlock)
            return true;
        QProcess keyring;
        keyring.start(QStringLiteral("gnome-keyring-daemon"),
                      {QStringLiteral("--unlock"), QStringLiteral("--components=secrets")});
        if (!keyring.waitForStarted(5000))
            return false;
        keyring.write("test-keyring-password");
        keyring.closeWriteChannel();
        // It forks a daemon that lives as long as the bus and exits itself.
        return keyring.waitForFinished(10000) && keyring.exitCode() == 0;
    }

    QString home() const { return m_home.path(); }

private:
    QTemporaryDir m_home;
    DBusMockRig m_buses;
};

} // namespace zp::test
