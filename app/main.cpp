// zulip-presence: the tray agent, its headless mode and its one-shot status command.

#include "CommandLine.h"
#include "Translations.h"
#include "TrayController.h"
#include "account/Zuliprc.h"
#include "agent/PresenceAgent.h"
#include "agent/Reports.h"
#include "idle/IdleMonitor.h"
#include "presence/CoworkerList.h"
#include "settings/Settings.h"

#include <QApplication>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>

namespace {

using namespace zp;

void printErr(const QString &text) {
    std::fputs(qPrintable(QStringLiteral("zulip-presence: %1\n").arg(text)), stderr);
}

void printOut(const QByteArray &bytes) {
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

// SIGINT/SIGTERM end the event loop cleanly (queues deleted, files closed) instead of killing
// the process mid-request. The handler only writes a byte; the loop does the rest.
int signalPipe[2] = {-1, -1};
void onSignal(int) {
    const char byte = 1;
    [[maybe_unused]] auto n = ::write(signalPipe[1], &byte, 1);
}
void quitOnSignals(QCoreApplication &app) {
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [&app] {
        char byte;
        [[maybe_unused]] auto n = ::read(signalPipe[0], &byte, 1);
        app.quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

struct AccountChoice {
    std::optional<Account> account;
    QString error;
};

AccountChoice chooseAccount(const CommandLine &cl, const Settings &settings) {
    QString path = cl.zuliprcPath;
    if (path.isEmpty())
        path = settings.zuliprcPath();
    if (path.isEmpty())
        path = defaultZuliprcPath();
    const ZuliprcResult result = readZuliprc(path);
    return {result.account, result.error};
}

int runDiagnose(const CommandLine &cl) {
    IdleMonitor idle;
    idle.start(cl.idleAfter, cl.idleBackend);
    QByteArray out;
    out += "session type: " + qgetenv("XDG_SESSION_TYPE") +
           (qEnvironmentVariableIsEmpty("XDG_SESSION_TYPE") ? "(unset)" : "") + "\n";
    out += "DISPLAY: " + qgetenv("DISPLAY") + ", WAYLAND_DISPLAY: " + qgetenv("WAYLAND_DISPLAY") +
           "\n";
    for (const IdleMonitor::Attempt &a : idle.attempts())
        out +=
            QStringLiteral("backend %1: %2%3\n")
                .arg(a.backend, a.opened ? QStringLiteral("works") : QStringLiteral("unavailable"),
                     a.detail.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(a.detail))
                .toUtf8();
    out += "chosen: " + idle.backendName().toUtf8() + "\n";
    const auto idleTime = idle.idleTime();
    out += idleTime
               ? QByteArray("idle time: ") + QByteArray::number(qint64(idleTime->count())) + " ms\n"
               : QByteArray("idle time: this backend cannot read it\n");
    out += "next report would say: " + QByteArray(idle.isIdle() ? "idle" : "active") +
           (idle.hasBackend() ? ""
                              : " (no idle source: idle unless this app's own window is in use)") +
           "\n";
    printOut(out);
    return 0;
}

int runStatus(QCoreApplication &app, const CommandLine &cl, const Account &account) {
    ZulipClient client;
    if (const QString refused = client.setAccount(account); !refused.isEmpty()) {
        printErr(refused);
        return 2;
    }
    PresenceAgent agent(&client, nullptr);
    int rc = 1;
    QObject::connect(&agent, &PresenceAgent::snapshotReady, &app, [&] {
        const QList<Coworker> list =
            listCoworkers(agent.roster(), agent.presence(), agent.presence().serverNow());
        printOut(cl.json ? statusJson(list) : statusText(list, agent.presence().serverNow()));
        rc = 0;
        app.quit();
    });
    QObject::connect(&agent, &PresenceAgent::snapshotFailed, &app, [&](const QString &error) {
        printErr(error);
        rc = 1;
        app.quit();
    });
    // A hung server must not hang a script: give up after a minute.
    QTimer::singleShot(60000, &app, [&] {
        printErr(
            QStringLiteral("the server %1 did not answer within 60 s.").arg(account.site.host()));
        app.quit();
    });
    agent.start(PresenceAgent::Mode::Snapshot);
    app.exec();
    return rc;
}

int runHeadless(QCoreApplication &app, const CommandLine &cl, const Account &account) {
    ZulipClient client;
    if (const QString refused = client.setAccount(account); !refused.isEmpty()) {
        printErr(refused);
        return 2;
    }
    IdleMonitor idle;
    if (!idle.start(cl.idleAfter, cl.idleBackend))
        printErr(QStringLiteral("no idle detection works in this session; reporting idle."));
    PresenceAgent agent(&client, &idle);
    int rc = 0;
    QObject::connect(&agent, &PresenceAgent::reportCompleted, &app,
                     [&](PresenceStatus sent, double serverTs) {
                         if (cl.json)
                             printOut(headlessJsonLine(agent, sent, serverTs));
                     });
    QObject::connect(&agent, &PresenceAgent::errorChanged, &app, [](const QString &error) {
        if (!error.isEmpty())
            printErr(error);
    });
    QObject::connect(&agent, &PresenceAgent::stateChanged, &app, [&](PresenceAgent::State state) {
        if (state == PresenceAgent::State::CredentialsRejected) {
            // Without a settings window nobody can fix the key here: say so and end.
            rc = 3;
            app.quit();
        }
    });
    agent.start();
    quitOnSignals(app);
    app.exec();
    agent.stop();
    return rc;
}

int runTray(QApplication &app, const CommandLine &cl, const AccountChoice &choice,
            Settings &settings) {
    app.setQuitOnLastWindowClosed(false);
    ZulipClient client;
    IdleMonitor idle;
    idle.start(cl.idleAfter, cl.idleBackend);
    PresenceAgent agent(&client, &idle);
    TrayController tray(&agent);
    QString problem = choice.error;
    if (choice.account) {
        problem = client.setAccount(*choice.account);
        if (problem.isEmpty())
            agent.start();
    }
    if (!settings.loadError().isEmpty())
        printErr(settings.loadError());
    if (!problem.isEmpty())
        printErr(problem);
    tray.show();
    quitOnSignals(app);
    return app.exec();
}

} // namespace

int main(int argc, char *argv[]) {
    // Warnings reach stderr; the chatter of a working agent does not, unless asked for with
    // QT_LOGGING_RULES="zp.*=true". Scripts get one clear line per problem.
    QLoggingCategory::setFilterRules(QStringLiteral("zp.*.debug=false\nzp.*.info=false"));
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const CommandLine cl = parseCommandLine(arguments);
    if (cl.helpRequested) {
        printOut(cl.helpText.toUtf8());
        return 0;
    }
    if (cl.versionRequested) {
        printOut("zulip-presence " ZP_VERSION "\n");
        return 0;
    }
    if (!cl.error.isEmpty()) {
        printErr(cl.error);
        printErr(QStringLiteral("see --help."));
        return 2;
    }

    QCoreApplication::setOrganizationName(QStringLiteral("zulip-presence"));
    QCoreApplication::setApplicationName(QStringLiteral("zulip-presence"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ZP_VERSION));

    Settings settings;
    if (cl.diagnose) {
        QCoreApplication app(argc, argv);
        installTranslations(app);
        return runDiagnose(cl);
    }
    const AccountChoice choice = chooseAccount(cl, settings);
    if (cl.status || cl.headless) {
        QCoreApplication app(argc, argv);
        installTranslations(app);
        if (!choice.account) {
            printErr(choice.error);
            return 2;
        }
        return cl.status ? runStatus(app, cl, *choice.account)
                         : runHeadless(app, cl, *choice.account);
    }
    QApplication app(argc, argv);
    installTranslations(app);
    return runTray(app, cl, choice, settings);
}
