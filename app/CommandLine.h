#pragma once

#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace zp {

// Everything the command line can say; see `zulip-presence --help`.
struct CommandLine {
    QString zuliprcPath;
    bool headless = false;
    bool json = false;
    bool status = false;
    bool diagnose = false;
    std::chrono::seconds idleAfter{5 * 60};
    bool idleAfterGiven = false; // --idle-after was on the command line (it beats the settings)
    QString idleBackend;

    // Set when the arguments are wrong: one sentence, printed with the usage hint.
    QString error;
    bool helpRequested = false;
    bool versionRequested = false;
    QString helpText;
};

CommandLine parseCommandLine(const QStringList &arguments);

// 1 s to 24 h: shorter would report idle while the person reads a line, longer could not be
// told apart from "forgot to quit".
std::optional<std::chrono::seconds> parseIdleSeconds(const QString &text, QString *error);

} // namespace zp
