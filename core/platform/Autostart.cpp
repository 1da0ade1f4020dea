#include "platform/Autostart.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>

namespace zp {

namespace {

void setError(QString *error, const QString &sentence) {
    if (error)
        *error = sentence;
}

// The executable to start at login: the one running now (an AppImage is started through its
// image, which survives the mount point it runs from).
QString runningExecutable() {
    const QString appImage = qEnvironmentVariable("APPIMAGE");
    if (!appImage.isEmpty())
        return appImage;
    if (QCoreApplication::instance())
        return QCoreApplication::applicationFilePath();
    return QStringLiteral("zulip-presence");
}

#if defined(Q_OS_WIN)

const QString runKey =
    QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");
const QString runValueName = QStringLiteral("Zulip Presence");

QString startAtLoginLocationImpl() {
    return runKey + QLatin1Char('\\') + runValueName;
}

bool startsAtLoginImpl() {
    return !QSettings(runKey, QSettings::NativeFormat).value(runValueName).toString().isEmpty();
}

bool setStartAtLoginImpl(bool enabled, QString *error) {
    QSettings run(runKey, QSettings::NativeFormat);
    if (enabled)
        run.setValue(runValueName, QLatin1Char('"') +
                                       QDir::toNativeSeparators(runningExecutable()) +
                                       QLatin1Char('"'));
    else
        run.remove(runValueName);
    run.sync();
    if (run.status() != QSettings::NoError) {
        setError(
            error,
            QStringLiteral("Could not change %1 in the registry.").arg(startAtLoginLocationImpl()));
        return false;
    }
    return true;
}

#else

QString startAtLoginLocationImpl() {
#if defined(Q_OS_MACOS)
    return QDir::home().filePath(
        QStringLiteral("Library/LaunchAgents/io.github.zulip_presence.ZulipPresence.plist"));
#else
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
        .filePath(QStringLiteral("autostart/zulip-presence.desktop"));
#endif
}

#if defined(Q_OS_MACOS)

QString xmlEscaped(const QString &text) {
    return text.toHtmlEscaped();
}

QByteArray entryContents() {
    // RunAtLoad starts it once per login; no KeepAlive, so quitting from the tray sticks.
    return QStringLiteral(R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
    <key>Label</key>
    <string>io.github.zulip_presence.ZulipPresence</string>
    <key>ProgramArguments</key>
    <array>
        <string>%1</string>
    </array>
    <key>RunAtLoad</key>
    <true/>
    <key>ProcessType</key>
    <string>Interactive</string>
</dict>
</plist>
)")
        .arg(xmlEscaped(runningExecutable()))
        .toUtf8();
}

bool entryEnabled(const QByteArray &) {
    return true;
}

#else

// One argument of a desktop entry's Exec key (Desktop Entry Specification, "The Exec key"):
// quoted when it holds a reserved character, then escaped once more as a string value.
QString execArgument(const QString &argument) {
    static const QString reserved = QStringLiteral(" \t\n\"'\\><~|&;$*?#()`");
    QString quoted = argument;
    if (std::any_of(argument.begin(), argument.end(),
                    [](QChar c) { return reserved.contains(c); })) {
        quoted.clear();
        for (const QChar c : argument) {
            if (c == QLatin1Char('"') || c == QLatin1Char('`') || c == QLatin1Char('$') ||
                c == QLatin1Char('\\'))
                quoted += QLatin1Char('\\');
            quoted += c;
        }
        quoted = QLatin1Char('"') + quoted + QLatin1Char('"');
    }
    quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    quoted.replace(QLatin1Char('%'), QStringLiteral("%%"));
    return quoted;
}

// The bare name when the running binary is the one on PATH (an installed package), so the
// entry keeps working when the package moves it; otherwise the full path (a build tree).
QString execCommand() {
    const QString running = runningExecutable();
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("zulip-presence"));
    if (!onPath.isEmpty() &&
        QFileInfo(onPath).canonicalFilePath() == QFileInfo(running).canonicalFilePath())
        return QStringLiteral("zulip-presence");
    return execArgument(running);
}

QByteArray entryContents() {
    // The tray hints ask KDE and LXQt to start it once their panel (the tray) is up.
    return QStringLiteral("[Desktop Entry]\n"
                          "Type=Application\n"
                          "Name=Zulip Presence\n"
                          "Comment=Tells your Zulip server whether you are at this computer\n"
                          "Exec=%1\n"
                          "Icon=zulip-presence\n"
                          "Terminal=false\n"
                          "X-GNOME-Autostart-enabled=true\n"
                          "X-KDE-autostart-after=panel\n"
                          "X-LXQt-Need-Tray=true\n")
        .arg(execCommand())
        .toUtf8();
}

// Inside a Flatpak the autostart folder is the sandbox's own, which no desktop reads at login:
// the Background portal writes the real entry (some desktops ask the person first). The entry
// written in the sandbox then only records the choice for startsAtLogin().
bool insideFlatpak() {
    return !qEnvironmentVariable("FLATPAK_ID").isEmpty();
}

bool requestBackgroundPortal(bool enabled, QString *error) {
    QDBusMessage call = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.portal.Desktop"),
        QStringLiteral("/org/freedesktop/portal/desktop"),
        QStringLiteral("org.freedesktop.portal.Background"), QStringLiteral("RequestBackground"));
    const QVariantMap options{
        {QStringLiteral("reason"),
         QStringLiteral("Report your Zulip presence from the moment you log in.")},
        {QStringLiteral("autostart"), enabled},
        {QStringLiteral("commandline"), QStringList{QStringLiteral("zulip-presence")}},
    };
    call << QString() << options;
    const QDBusMessage reply = QDBusConnection::sessionBus().call(call, QDBus::Block, 10000);
    if (reply.type() == QDBusMessage::ReplyMessage)
        return true;
    setError(error, QStringLiteral("The desktop's background portal did not answer (%1), so "
                                   "start at login is unchanged.")
                        .arg(reply.errorMessage()));
    return false;
}

// Desktops switch an entry off in place rather than deleting it (Hidden=true, or GNOME's
// X-GNOME-Autostart-enabled=false).
bool entryEnabled(const QByteArray &contents) {
    for (const QByteArray &rawLine : contents.split('\n')) {
        const QByteArray line = rawLine.trimmed();
        if (line == "Hidden=true" || line == "X-GNOME-Autostart-enabled=false")
            return false;
    }
    return true;
}

#endif

bool startsAtLoginImpl() {
    QFile entry(startAtLoginLocationImpl());
    if (!entry.open(QIODevice::ReadOnly))
        return false;
    return entryEnabled(entry.readAll());
}

bool setStartAtLoginImpl(bool enabled, QString *error) {
    const QString path = startAtLoginLocationImpl();
    const QString shownPath = QDir::toNativeSeparators(path);
    if (!enabled) {
        if (!QFileInfo::exists(path) || QFile::remove(path))
            return true;
        setError(error, QStringLiteral("Could not remove %1, so the agent will still start at "
                                       "login: check that folder's permissions.")
                            .arg(shownPath));
        return false;
    }
    const QByteArray contents = entryContents();
    QFile existing(path);
    if (existing.open(QIODevice::ReadOnly) && existing.readAll() == contents)
        return true;
    existing.close();
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder)) {
        setError(error, QStringLiteral("Could not create the folder %1, so the agent cannot "
                                       "start at login: check its permissions.")
                            .arg(QDir::toNativeSeparators(folder)));
        return false;
    }
    // Written whole through a temporary file, so a desktop reading it at login never sees half.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size() ||
        !file.commit()) {
        setError(error, QStringLiteral("Could not write %1 (%2), so the agent will not start at "
                                       "login.")
                            .arg(shownPath, file.errorString()));
        return false;
    }
    return true;
}

#endif

} // namespace

bool setStartAtLogin(bool enabled, QString *error) {
#if !defined(Q_OS_WIN) && !defined(Q_OS_MACOS)
    if (insideFlatpak() && !requestBackgroundPortal(enabled, error))
        return false;
#endif
    return setStartAtLoginImpl(enabled, error);
}

bool startsAtLogin() {
    return startsAtLoginImpl();
}

QString startAtLoginLocation() {
    return startAtLoginLocationImpl();
}

} // namespace zp
