// zulip-presence: the tray agent, its headless mode and its one-shot status command.

#include "CommandLine.h"
#include "Translations.h"
#include "TrayController.h"
#include "account/AccountSource.h"
#include "account/Zuliprc.h"
#include "agent/PresenceAgent.h"
#include "agent/Reports.h"
#include "idle/IdleMonitor.h"
#include "instance/SingleInstance.h"
#include "platform/DisplayProbe.h"
#include "presence/CoworkerList.h"
#include "secrets/SecretStore.h"
#include "session/SessionWatcher.h"
#include "settings/Settings.h"
#include "settings/SettingsController.h"
#include "zulip/NetworkWatcher.h"

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QNetworkProxyFactory>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>

namespace {

// The translation context of the command line's own sentences (stderr).
struct MainText {
    Q_DECLARE_TR_FUNCTIONS(zp::Main)
};

using namespace zp;

void printErr(const QString &text) {
    // Messages carry servers' and files' words; none may drive the terminal.
    std::fputs(qPrintable(QStringLiteral("zulip-presence: %1\n").arg(printableText(text))), stderr);
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
    // A closed terminal hangs up on a --headless agent: quit cleanly there too (the event
    // queue is given back), unless started under nohup, which asked for hang-ups to be ignored.
    struct sigaction hangUp = {};
    if (sigaction(SIGHUP, nullptr, &hangUp) == 0 && hangUp.sa_handler != SIG_IGN)
        sigaction(SIGHUP, &action, nullptr);
}

// --status and --headless need the account before anything else happens.
AccountChoice chooseAccountNow(const CommandLine &cl, const Settings &settings,
                               SecretStore &secrets) {
    AccountChoice chosen;
    bool done = false;
    QEventLoop loop;
    chooseAccount(cl.zuliprcPath, settings, &secrets, [&](const AccountChoice &choice) {
        chosen = choice;
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec();
    return chosen;
}

// The settings' idle threshold unless --idle-after says otherwise.
std::chrono::seconds idleThreshold(const CommandLine &cl, const Settings &settings) {
    return cl.idleAfterGiven ? cl.idleAfter : settings.idleThreshold();
}

int runDiagnose(const CommandLine &cl, const Settings &settings) {
    // The threshold the agent would use: the settings', unless --idle-after says otherwise.
    const std::chrono::seconds threshold = idleThreshold(cl, settings);
    IdleMonitor idle;
    idle.start(threshold, cl.idleBackend);
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
               : QByteArray(idle.hasBackend() ? "idle time: this backend cannot read it\n"
                                              : "idle time: unknown (no idle backend)\n");
    out += "settings file: " +
           (settings.loadError().isEmpty()
                ? QDir::toNativeSeparators(settings.path()).toUtf8() +
                      (QFileInfo::exists(settings.path()) ? "" : " (none yet: the defaults)")
                : settings.loadError().toUtf8()) +
           "\n";
    out += "idle after: " + QByteArray::number(qint64(threshold.count())) + " s" +
           (cl.idleAfterGiven                ? " (--idle-after)"
            : settings.loadError().isEmpty() ? " (settings)"
                                             : " (the default: the settings file is not used)") +
           "\n";
    SessionWatcher session;
    session.start();
    idle.setLocked(session.isLocked());
    out += "logind (lock, sleep and wake): " +
           QByteArray(session.logindAvailable() ? "yes, " : "no, ") +
           session.logindDetail().toUtf8() + "\n";
    const QStringList savers = session.screenSaversPresent();
    out += "screen savers on the session bus: " +
           (savers.isEmpty() ? QByteArray("none") : savers.join(QStringLiteral(", ")).toUtf8()) +
           "\n";
    out += "screen: " + QByteArray(session.isLocked() ? "locked" : "not locked") +
           QByteArray(session.logindAvailable() || !savers.isEmpty()
                          ? ""
                          : " (no lock source in this session: a lock cannot be seen)") +
           "\n";
    // No event loop runs here, so the backend's "idle from now on" never arrives: judge from
    // the idle time where the backend can read it, as the agent's first report would.
    QByteArray why;
    bool idleNow = idle.isIdle();
    if (session.isLocked()) {
        why = " (the screen is locked)";
    } else if (!idle.hasBackend()) {
        why = " (no idle backend: idle unless this app's own window is in use)";
    } else if (idleTime) {
        idleNow = *idleTime >= threshold;
    } else {
        why = " (this backend says when idleness begins, not how long it has lasted)";
    }
    out += "next report would say: " + QByteArray(idleNow ? "idle" : "active") + why + "\n";
    printOut(out);
    return 0;
}

// Pause while the system says the network is gone; report at once when it returns.
void followNetwork(NetworkWatcher &network, PresenceAgent &agent) {
    QObject::connect(&network, &NetworkWatcher::reachableChanged, &agent,
                     &PresenceAgent::setNetworkReachable);
    agent.setNetworkReachable(network.reachable());
}

int runStatus(QCoreApplication &app, const CommandLine &cl, const Account &account) {
    ZulipClient client;
    if (const QString refused = client.setAccount(account); !refused.isEmpty()) {
        printErr(refused);
        return 2;
    }
    client.setProxy(Settings().networkProxy());
    PresenceAgent agent(&client, nullptr);
    int rc = 1;
    QObject::connect(&agent, &PresenceAgent::snapshotReady, &app, [&] {
        // Everyone would be printed offline, which is made up: say why there is nothing.
        if (!agent.presenceNotice().isEmpty()) {
            printErr(agent.presenceNotice());
            rc = 1;
            app.quit();
            return;
        }
        const QList<Coworker> list =
            listCoworkers(agent.roster(), agent.presence(), agent.presence().serverNow());
        printOut(cl.json
                     ? statusJson(list)
                     : statusText(list, agent.presence().serverNow(), agent.presenceHistoryDays()));
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
            MainText::tr("the server %1 did not answer within 60 s.").arg(account.site.host()));
        app.quit();
    });
    agent.start(PresenceAgent::Mode::Snapshot);
    app.exec();
    return rc;
}

int runHeadless(QCoreApplication &app, const CommandLine &cl, const Account &account) {
    // One agent per person: a second reporter would only send the same status twice.
    SingleInstance instance(SingleInstance::Role::Headless);
    if (instance.claim() != SingleInstance::Outcome::Primary) {
        printErr(instance.error().isEmpty()
                     ? MainText::tr("another zulip-presence agent already reports for you; "
                                    "not starting a second one.")
                     : instance.error());
        return 4;
    }
    ZulipClient client;
    if (const QString refused = client.setAccount(account); !refused.isEmpty()) {
        printErr(refused);
        return 2;
    }
    IdleMonitor idle;
    if (!idle.start(idleThreshold(cl, Settings()), cl.idleBackend))
        printErr(MainText::tr("no idle detection works in this session; reporting idle."));
    client.setProxy(Settings().networkProxy());
    PresenceAgent agent(&client, &idle);
    NetworkWatcher network;
    followNetwork(network, agent);
    SessionWatcher session;
    session.start();
    applySessionRules(&session, &idle, &agent);
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
    agent.closeQueueBeforeExit();
    agent.stop();
    return rc;
}

int runTray(QApplication &app, const CommandLine &cl, Settings &settings) {
    app.setQuitOnLastWindowClosed(false);
    SingleInstance instance(SingleInstance::Role::Tray);
    switch (instance.claim()) {
    case SingleInstance::Outcome::Primary:
        break;
    case SingleInstance::Outcome::OtherShowedPopup:
    case SingleInstance::Outcome::OtherIsTray:
        // The running agent showed its list. It keeps its own account: say so when this start
        // asked for another one, rather than seem to have taken it.
        if (!cl.zuliprcPath.isEmpty())
            printErr(MainText::tr("zulip-presence is already running and showed its list; it "
                                  "keeps the account it has. To switch to %1, import it in its "
                                  "Settings, or quit it and start again.")
                         .arg(cl.zuliprcPath));
        return 0;
    case SingleInstance::Outcome::OtherIsHeadless:
        printErr(MainText::tr("a headless zulip-presence already reports for you; stop it "
                              "before starting the tray agent."));
        return 4;
    case SingleInstance::Outcome::Failed:
        printErr(instance.error());
        return 4;
    }
    SecretStore secrets;
    ZulipClient client;
    IdleMonitor idle;
    idle.start(idleThreshold(cl, settings), cl.idleBackend);
    client.setProxy(settings.networkProxy());
    PresenceAgent agent(&client, &idle);
    NetworkWatcher network;
    followNetwork(network, agent);
    SessionWatcher session;
    session.start();
    applySessionRules(&session, &idle, &agent);
    TrayController tray(&agent);
    auto noteIdleDetection = [&] { tray.setIdleDetectionNote(idle.summary()); };
    noteIdleDetection();
    QObject::connect(&idle, &IdleMonitor::idleChanged, &tray, noteIdleDetection);
    QObject::connect(&idle, &IdleMonitor::backendFailed, &tray, noteIdleDetection);
    SettingsController settingsUi(&agent, &client, &idle, &settings, &secrets, &tray);
    QObject::connect(&instance, &SingleInstance::showRequested, &tray, &TrayController::openPopup);
    if (!settings.loadError().isEmpty())
        printErr(settings.loadError());
    tray.show();
    // A missing or locked keychain is retried (the person may unlock it later); no account at
    // all opens the settings.
    QTimer keychainRetry;
    keychainRetry.setSingleShot(true);
    const auto pickAccount = [&] {
        if (agent.account().isComplete())
            return; // chosen in the dialog meanwhile
        chooseAccount(cl.zuliprcPath, settings, &secrets, [&](const AccountChoice &choice) {
            const QString problem =
                choice.account ? settingsUi.switchAccount(*choice.account) : choice.error;
            if (problem.isEmpty())
                return;
            // A first start has nothing to go wrong with: say what happens, not that
            // ~/.zuliprc is missing.
            printErr(choice.nothingSetUp ? MainText::tr("no Zulip account set up yet; the settings "
                                                        "window is open to add one.")
                                         : problem);
            if (choice.keychainUnavailable) {
                keychainRetry.start(std::chrono::seconds(30));
            } else {
                // Said in the window too: started from the menu, nobody reads stderr.
                if (!choice.nothingSetUp)
                    settingsUi.setAccountProblem(problem);
                settingsUi.openDialog(0);
            }
        });
    };
    QObject::connect(&keychainRetry, &QTimer::timeout, &app, pickAccount);
    pickAccount();
    quitOnSignals(app);
    const int rc = app.exec();
    agent.closeQueueBeforeExit();
    return rc;
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
    // Proxies as the desktop configures them, unless the settings choose otherwise.
    QNetworkProxyFactory::setUseSystemConfiguration(true);

    Settings settings;
    if (cl.diagnose) {
        QCoreApplication app(argc, argv);
        installTranslations(app);
        return runDiagnose(cl, settings);
    }
    if (cl.status || cl.headless) {
        QCoreApplication app(argc, argv);
        installTranslations(app);
        if (!settings.loadError().isEmpty())
            printErr(settings.loadError());
        SecretStore secrets;
        const AccountChoice choice = chooseAccountNow(cl, settings, secrets);
        if (!choice.account) {
            printErr(choice.nothingSetUp
                         ? MainText::tr("no Zulip account set up: give your zuliprc with "
                                        "--zuliprc FILE (or save it as ~/.zuliprc), or add an "
                                        "account in the settings of the tray agent.")
                         : choice.error);
            return 2;
        }
        return cl.status ? runStatus(app, cl, *choice.account)
                         : runHeadless(app, cl, *choice.account);
    }
    // Without a display Qt aborts with "Reinstalling the application may fix this problem",
    // which it will not: say what does. QT_QPA_PLATFORM chooses another way; Qt is trusted.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        if (const QString missing = missingDisplay(); !missing.isEmpty()) {
            QCoreApplication app(argc, argv); // for the translation
            installTranslations(app);
            printErr(MainText::tr("no display to show a tray icon on: %1. Start it in a desktop "
                                  "session, or use --headless to report without a tray, or "
                                  "--status.")
                         .arg(missing));
            return 2;
        }
    }
    QApplication app(argc, argv);
    installTranslations(app);
    return runTray(app, cl, settings);
}
