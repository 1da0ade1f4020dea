#include "CommandLine.h"

#include "idle/IdleMonitor.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace zp {

// The translation context of the command line's words (lupdate files CommandLine::tr under it).
struct CommandLineText {
    Q_DECLARE_TR_FUNCTIONS(zp::CommandLine)
};

std::optional<std::chrono::seconds> parseIdleSeconds(const QString &text, QString *error) {
    bool ok = false;
    const qlonglong seconds = text.trimmed().toLongLong(&ok);
    if (!ok || seconds < 1 || seconds > 24 * 3600) {
        if (error)
            *error = QCoreApplication::translate(
                         "zp::CommandLine", "The idle threshold must be a whole number of seconds "
                                            "from 1 to 86400, not \"%1\".")
                         .arg(text);
        return std::nullopt;
    }
    return std::chrono::seconds(seconds);
}

CommandLine parseCommandLine(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(CommandLineText::tr(
        "Tells your Zulip server whether you are active or idle at this computer, and shows "
        "which coworkers are active (green), idle (orange) or offline (grey)."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  CommandLineText::tr("Show this help and exit."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")},
                                     CommandLineText::tr("Show the version and exit."));
    const QCommandLineOption zuliprc(
        QStringLiteral("zuliprc"),
        CommandLineText::tr("Use the account in this zuliprc file (default: the saved "
                            "settings, else ~/.zuliprc)."),
        CommandLineText::tr("path"));
    const QCommandLineOption headless(
        QStringLiteral("headless"),
        CommandLineText::tr("Run without any window or tray icon: report only."));
    const QCommandLineOption json(
        QStringLiteral("json"),
        CommandLineText::tr("With --headless: print one JSON line after each successful poll. "
                            "With --status: print a JSON array."));
    const QCommandLineOption status(
        QStringLiteral("status"),
        CommandLineText::tr("Print coworkers' current status once and exit; never changes your "
                            "own presence."));
    const QCommandLineOption diagnose(
        QStringLiteral("diagnose"),
        CommandLineText::tr("Print what idle detection can see in this session and exit."));
    const QCommandLineOption idleAfter(
        QStringLiteral("idle-after"),
        CommandLineText::tr("Count as idle after this many seconds without input (1-86400; "
                            "default: the settings' threshold, 300 unless changed)."),
        CommandLineText::tr("seconds"));
    const QStringList backends = knownIdleBackends();
    const QCommandLineOption idleBackend(
        QStringLiteral("idle-backend"),
        CommandLineText::tr("Use this idle detection backend instead of choosing one (%1).")
            .arg(backends.isEmpty() ? CommandLineText::tr("none built")
                                    : backends.join(QStringLiteral(", "))),
        CommandLineText::tr("name"));
    parser.addOptions(
        {help, version, zuliprc, headless, json, status, diagnose, idleAfter, idleBackend});

    CommandLine cl;
    // Parsed before any QCoreApplication exists, so Qt cannot know our name: say it ourselves.
    const QString qtHelp = parser.helpText();
    cl.helpText = QStringLiteral("Usage: zulip-presence [options]") +
                  qtHelp.mid(qtHelp.indexOf(QLatin1Char('\n')));
    if (!parser.parse(arguments)) {
        cl.error = parser.errorText();
        return cl;
    }
    if (!parser.positionalArguments().isEmpty()) {
        cl.error = CommandLineText::tr("Unexpected argument: %1")
                       .arg(parser.positionalArguments().constFirst());
        return cl;
    }
    cl.helpRequested = parser.isSet(help);
    cl.versionRequested = parser.isSet(version);
    cl.zuliprcPath = parser.value(zuliprc);
    cl.headless = parser.isSet(headless);
    cl.json = parser.isSet(json);
    cl.status = parser.isSet(status);
    cl.diagnose = parser.isSet(diagnose);
    if (parser.isSet(idleAfter)) {
        const auto seconds = parseIdleSeconds(parser.value(idleAfter), &cl.error);
        if (!seconds)
            return cl;
        cl.idleAfter = *seconds;
        cl.idleAfterGiven = true;
    }
    if (parser.isSet(idleBackend)) {
        cl.idleBackend = parser.value(idleBackend);
        if (!backends.contains(cl.idleBackend)) {
            cl.error =
                CommandLineText::tr("Unknown idle backend \"%1\"; this build knows: %2.")
                    .arg(cl.idleBackend, backends.isEmpty() ? CommandLineText::tr("none")
                                                            : backends.join(QStringLiteral(", ")));
            return cl;
        }
    }
    if (cl.json && !cl.headless && !cl.status)
        cl.error = CommandLineText::tr("--json goes with --headless or --status.");
    else if (cl.status && cl.headless)
        cl.error = CommandLineText::tr("--status and --headless cannot be combined.");
    else if (cl.diagnose && (cl.status || cl.headless || parser.isSet(zuliprc)))
        cl.error = CommandLineText::tr("--diagnose runs on its own.");
    else if (cl.status && (cl.idleAfterGiven || parser.isSet(idleBackend)))
        // --status never reports, so nothing is idle or active: say so rather than ignore it.
        cl.error = CommandLineText::tr("--idle-after and --idle-backend mean nothing to --status, "
                                       "which reports nothing.");
    else if (parser.isSet(zuliprc) && cl.zuliprcPath.trimmed().isEmpty())
        // An empty path would silently fall back to ~/.zuliprc: another account.
        cl.error = CommandLineText::tr("--zuliprc needs a file name.");
    return cl;
}

} // namespace zp
