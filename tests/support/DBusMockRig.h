#pragma once

// Private D-Bus buses and python3-dbusmock services for tests (TEST-RIGS.md §5b). The buses
// are real dbus-daemon processes; the test process points DBUS_SESSION_BUS_ADDRESS and
// DBUS_SYSTEM_BUS_ADDRESS at them before its first D-Bus use, and everything it started is
// killed by process id at the end.

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusVariant>
#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>
#include <memory>
#include <vector>

namespace zp::test {

// Debian's python: a pyenv or venv python3 earlier on PATH has no dbusmock module.
inline QString systemPython() {
    return QFile::exists(QStringLiteral("/usr/bin/python3")) ? QStringLiteral("/usr/bin/python3")
                                                             : QStringLiteral("python3");
}

// Empty when the rig can run here, else why not (for QSKIP).
inline QString dbusMockMissing() {
    if (QStandardPaths::findExecutable(QStringLiteral("dbus-daemon")).isEmpty())
        return QStringLiteral("dbus-daemon is not installed (package dbus)");
    QProcess probe;
    probe.start(systemPython(), {QStringLiteral("-c"), QStringLiteral("import dbusmock")});
    if (!probe.waitForFinished(10000) || probe.exitCode() != 0)
        return QStringLiteral("python3-dbusmock is not installed");
    return {};
}

class DBusMockRig {
public:
    ~DBusMockRig() {
        for (auto &mock : m_mocks) {
            mock->kill();
            mock->waitForFinished(2000);
        }
        for (qint64 pid : m_daemonPids)
            ::kill(pid_t(pid), SIGTERM);
    }

    // Starts a bus daemon; returns its address, empty on failure.
    QString startBus() {
        QProcess daemon;
        daemon.start(QStringLiteral("dbus-daemon"),
                     {QStringLiteral("--session"), QStringLiteral("--fork"),
                      QStringLiteral("--print-address=1"), QStringLiteral("--print-pid=1")});
        if (!daemon.waitForFinished(10000) || daemon.exitCode() != 0)
            return {};
        const QStringList lines =
            QString::fromUtf8(daemon.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
        if (lines.size() < 2)
            return {};
        m_daemonPids.push_back(lines.at(1).trimmed().toLongLong());
        return lines.at(0).trimmed();
    }

    // Both buses, exported to this process (call before any QDBusConnection use).
    bool startBuses() {
        const QString session = startBus();
        const QString system = startBus();
        if (session.isEmpty() || system.isEmpty())
            return false;
        qputenv("DBUS_SESSION_BUS_ADDRESS", session.toUtf8());
        qputenv("DBUS_SYSTEM_BUS_ADDRESS", system.toUtf8());
        return true;
    }

    // Starts `python3 -m dbusmock <args>` and waits until `name` is on that bus.
    QProcess *startMock(bool systemBus, const QString &name, const QStringList &args) {
        auto process = std::make_unique<QProcess>();
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process->setStandardOutputFile(QProcess::nullDevice());
        QStringList all{QStringLiteral("-m"), QStringLiteral("dbusmock"),
                        systemBus ? QStringLiteral("--system") : QStringLiteral("--session")};
        all << args;
        process->start(systemPython(), all);
        if (!process->waitForStarted(5000))
            return nullptr;
        QDBusConnection bus =
            systemBus ? QDBusConnection::systemBus() : QDBusConnection::sessionBus();
        QDeadlineTimer deadline(10000);
        while (!bus.interface()->isServiceRegistered(name)) {
            if (deadline.hasExpired() || process->state() == QProcess::NotRunning)
                return nullptr;
            QThread::msleep(50);
        }
        m_mocks.push_back(std::move(process));
        return m_mocks.back().get();
    }

    void stopMock(QProcess *mock) {
        mock->kill();
        mock->waitForFinished(2000);
    }

private:
    std::vector<qint64> m_daemonPids;
    std::vector<std::unique_ptr<QProcess>> m_mocks;
};

// A method call on a mock, waiting for the answer.
inline QDBusMessage callMock(QDBusConnection bus, const QString &service, const QString &path,
                             const QString &interface, const QString &method,
                             const QVariantList &args = {}) {
    QDBusMessage call = QDBusMessage::createMethodCall(service, path, interface, method);
    call.setArguments(args);
    return bus.call(call, QDBus::Block, 5000);
}

// org.freedesktop.DBus.Mock.AddMethod(interface, name, in, out, python code).
inline QDBusMessage addMockMethod(QDBusConnection bus, const QString &service, const QString &path,
                                  const QString &interface, const QString &name,
                                  const QString &inSig, const QString &outSig,
                                  const QString &code) {
    return callMock(bus, service, path, QStringLiteral("org.freedesktop.DBus.Mock"),
                    QStringLiteral("AddMethod"), {interface, name, inSig, outSig, code});
}

// org.freedesktop.DBus.Mock.EmitSignal(interface, name, signature, args).
inline QDBusMessage emitMockSignal(QDBusConnection bus, const QString &service, const QString &path,
                                   const QString &interface, const QString &name,
                                   const QString &signature, const QVariantList &args) {
    QVariantList wrapped;
    for (const QVariant &arg : args)
        wrapped << QVariant::fromValue(QDBusVariant(arg));
    return callMock(bus, service, path, QStringLiteral("org.freedesktop.DBus.Mock"),
                    QStringLiteral("EmitSignal"), {interface, name, signature, wrapped});
}

// How often the mock saw `method` called, and the arguments of the last call.
inline QVariantList mockCallArgs(QDBusConnection bus, const QString &service, const QString &path,
                                 const QString &method, int *count = nullptr) {
    const QDBusMessage reply =
        callMock(bus, service, path, QStringLiteral("org.freedesktop.DBus.Mock"),
                 QStringLiteral("GetMethodCalls"), {method});
    if (count)
        *count = 0;
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
        return {};
    // a(tav): QtDBus hands it over as a QDBusArgument.
    const QDBusArgument calls = reply.arguments().constFirst().value<QDBusArgument>();
    QVariantList last;
    calls.beginArray();
    while (!calls.atEnd()) {
        quint64 when = 0;
        QVariantList callArgs;
        calls.beginStructure();
        calls >> when;
        calls.beginArray();
        while (!calls.atEnd()) {
            QDBusVariant v;
            calls >> v;
            callArgs << v.variant();
        }
        calls.endArray();
        calls.endStructure();
        last = callArgs;
        if (count)
            ++*count;
    }
    calls.endArray();
    return last;
}

} // namespace zp::test
