#include "settings/Settings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>

namespace zp {

namespace {
const QString keyZuliprc = QStringLiteral("account/zuliprc");
const QString keyIdleSeconds = QStringLiteral("idle/threshold_seconds");
const QString keyProxyMode = QStringLiteral("network/proxy_mode");
const QString keyProxyHost = QStringLiteral("network/proxy_host");
const QString keyProxyPort = QStringLiteral("network/proxy_port");
const QString keyServer = QStringLiteral("account/server");
const QString keyEmail = QStringLiteral("account/email");
const QString keyCaBundle = QStringLiteral("account/cert_bundle");
const QString keyShowOffline = QStringLiteral("popup/show_offline");
// One line per account: "<accountId>\t<id> <id> ...".
const QString keyWatchLists = QStringLiteral("notify/watch_lists");
// Before lists were kept per account: one list, and the account it belonged to.
const QString keyLegacyWatched = QStringLiteral("notify/watched_user_ids");
const QString keyLegacyWatchedFor = QStringLiteral("notify/watched_for_account");

QList<qint64> parseUserIds(const QString &text) {
    QList<qint64> ids;
    for (const QString &part : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qint64 id = part.toLongLong(&ok);
        if (ok && id > 0 && !ids.contains(id))
            ids << id;
    }
    return ids;
}

// The saved lines as (account, ids text); malformed lines are left out.
QList<std::pair<QString, QString>> watchListLines(const QString &text) {
    QList<std::pair<QString, QString>> lines;
    for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const qsizetype tab = line.indexOf(QLatin1Char('\t'));
        if (tab > 0)
            lines.append({line.left(tab), line.mid(tab + 1)});
    }
    return lines;
}
} // namespace

Settings::Settings()
    : Settings(QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
                   .filePath(QStringLiteral("zulip-presence/zulip-presence.conf"))) {}

Settings::Settings(const QString &path) : m_path(path) {
    const QFileInfo info(path);
    if (!info.exists())
        return;
    // A FIFO would block the read forever, a device would be read without end.
    if (!info.isFile() && !info.isDir()) {
        m_loadProblem = LoadProblem::NotARegularFile;
        return;
    }
    QSettings probe(path, QSettings::IniFormat);
    if (probe.status() == QSettings::FormatError) {
        m_loadProblem = LoadProblem::Damaged;
        return;
    }
    if (probe.status() == QSettings::AccessError) {
        m_loadProblem = LoadProblem::Unreadable;
        return;
    }
    // QSettings reads binary junk without complaint, and would hand out pieces of it as
    // values. What we write is a few lines of UTF-8 text: anything else is not ours.
    QFile file(path);
    if (info.isFile() && file.open(QIODevice::ReadOnly)) {
        constexpr qint64 plausibleBytes = 1024 * 1024;
        const QByteArray bytes = file.read(plausibleBytes + 1);
        // (A round trip, not QStringDecoder: its error flag misses a sequence cut off at the end.
        // fromUtf8 drops a leading byte-order mark, which many editors write: so does this.)
        const QByteArray text = bytes.startsWith("\xef\xbb\xbf") ? bytes.mid(3) : bytes;
        const bool utf8 = QString::fromUtf8(text).toUtf8() == text;
        if (bytes.size() > plausibleBytes || bytes.contains('\0') || !utf8)
            m_loadProblem = LoadProblem::Damaged;
    }
}

QString Settings::loadError() const {
    const QString shownPath = QDir::toNativeSeparators(m_path);
    switch (m_loadProblem) {
    case LoadProblem::None:
        break;
    case LoadProblem::NotARegularFile:
        return tr("The settings file %1 is not a regular file; using defaults.").arg(shownPath);
    case LoadProblem::Damaged:
        return tr("The settings file %1 is damaged; using defaults until it is saved again.")
            .arg(shownPath);
    case LoadProblem::Unreadable:
        return tr("The settings file %1 cannot be read; using defaults.").arg(shownPath);
    }
    return {};
}

QString Settings::value(const QString &key) const {
    if (m_loadProblem != LoadProblem::None)
        return {};
    return QSettings(m_path, QSettings::IniFormat).value(key).toString();
}

void Settings::setValue(const QString &key, const QString &value) {
    setValues({{key, value}});
}

void Settings::setValues(std::initializer_list<std::pair<QString, QString>> values) {
    // Saving renames a new file over the path, following symlinks: over a device (a link to
    // /dev/null, run as root) that would replace the device itself. Only regular files, or
    // nothing yet, are written; a dangling link is left alone too.
    const QString shownPath = QDir::toNativeSeparators(m_path);
    auto refuse = [&](const QString &why) {
        m_saveError =
            tr("Settings could not be saved in %1: %2 The change is lost when the agent quits.")
                .arg(shownPath, why);
        qWarning("zulip-presence: %s", qPrintable(m_saveError));
    };
    const QFileInfo target(m_path);
    if ((target.exists() && !target.isFile() && !target.isDir()) ||
        (target.isSymLink() && !target.exists())) {
        refuse(tr("it is not a regular file."));
        return;
    }
    // QSettings writes through a temporary file and renames it, so a crash mid-write cannot
    // leave half a file.
    if (m_loadProblem != LoadProblem::None && QFileInfo::exists(m_path)) {
        // A file we could not read may be perfectly good: never replace it.
        if (!QFileInfo(m_path).isReadable()) {
            refuse(tr("the file there cannot be read, and is kept as it is."));
            return;
        }
        // Keep the damaged file beside the new one, under a name no earlier one has: whatever
        // the person had can be recovered. If it cannot be moved aside, it stays as it is.
        QString aside = m_path + QStringLiteral(".damaged");
        for (int i = 1; QFileInfo::exists(aside); ++i)
            aside = m_path + QStringLiteral(".damaged-%1").arg(i);
        if (!QFile::rename(m_path, aside)) {
            refuse(tr("the damaged file there cannot be moved aside, and is kept as it is."));
            return;
        }
    }
    // One write for what belongs together (an account, a proxy): never half of it on disk.
    QSettings settings(m_path, QSettings::IniFormat);
    // An empty value is no value: the key goes, so the file keeps only what was chosen.
    for (const auto &[key, value] : values) {
        if (value.isEmpty())
            settings.remove(key);
        else
            settings.setValue(key, value);
    }
    settings.sync();
    // Only a failed write is a failure. FormatError here is Qt finishing its reading of what
    // was there (a byte-order mark, '#' comments: lines it skips), and the file was written.
    if (settings.status() == QSettings::AccessError) {
        refuse(tr("the folder or the disk does not accept the file."));
        return;
    }
    m_loadProblem = LoadProblem::None;
    m_saveError.clear();
}

QString Settings::zuliprcPath() const {
    return value(keyZuliprc);
}
void Settings::setZuliprcPath(const QString &path) {
    setValue(keyZuliprc, path);
}

std::chrono::seconds Settings::idleThreshold() const {
    bool ok = false;
    const qlonglong seconds = value(keyIdleSeconds).toLongLong(&ok);
    if (!ok || seconds < 1 || seconds > 24 * 3600)
        return std::chrono::minutes(5);
    return std::chrono::seconds(seconds);
}

void Settings::setIdleThreshold(std::chrono::seconds threshold) {
    setValue(keyIdleSeconds, QString::number(threshold.count()));
}

Settings::ProxyMode Settings::proxyMode() const {
    const QString mode = value(keyProxyMode);
    if (mode == QLatin1String("none"))
        return ProxyMode::None;
    // A manual proxy without a usable address would silently cut the agent off: use the system's.
    if (mode == QLatin1String("manual") && !proxyHost().isEmpty() && proxyPort() != 0)
        return ProxyMode::Manual;
    return ProxyMode::System;
}

QString Settings::proxyHost() const {
    return value(keyProxyHost).trimmed();
}

quint16 Settings::proxyPort() const {
    bool ok = false;
    const uint port = value(keyProxyPort).toUInt(&ok);
    return ok && port <= 65535 ? quint16(port) : 0;
}

void Settings::setProxy(ProxyMode mode, const QString &host, quint16 port) {
    const QString modeName = mode == ProxyMode::None     ? QStringLiteral("none")
                             : mode == ProxyMode::Manual ? QStringLiteral("manual")
                                                         : QStringLiteral("system");
    setValues({{keyProxyMode, modeName},
               {keyProxyHost, host.trimmed()},
               {keyProxyPort, port ? QString::number(port) : QString()}});
}

QNetworkProxy Settings::networkProxy() const {
    switch (proxyMode()) {
    case ProxyMode::None:
        return QNetworkProxy(QNetworkProxy::NoProxy);
    case ProxyMode::Manual:
        return QNetworkProxy(QNetworkProxy::HttpProxy, proxyHost(), proxyPort());
    case ProxyMode::System:
        break;
    }
    return QNetworkProxy(QNetworkProxy::DefaultProxy);
}

QUrl Settings::serverUrl() const {
    const QString text = value(keyServer);
    return text.isEmpty() ? QUrl() : QUrl(text);
}
QString Settings::email() const {
    return value(keyEmail);
}

QString Settings::caBundle() const {
    return value(keyCaBundle);
}
void Settings::setAccount(const QUrl &server, const QString &email, const QString &caBundle) {
    // An unstamped older watch list belongs to the account saved beside it: stamp it with that
    // account before another replaces it, or it would pass to the new one.
    const QString legacyOwner =
        value(keyLegacyWatched).isEmpty() ? QString() : legacyWatchListOwner();
    // Absolute: the agent may start from another directory than the one it was chosen in.
    setValues(
        {{keyServer, server.toString()},
         {keyEmail, email},
         {keyCaBundle, caBundle.isEmpty() ? QString() : QFileInfo(caBundle).absoluteFilePath()},
         {keyLegacyWatchedFor, legacyOwner}});
}

bool Settings::showOffline() const {
    return value(keyShowOffline) != QStringLiteral("false");
}
void Settings::setShowOffline(bool show) {
    setValue(keyShowOffline, show ? QStringLiteral("true") : QStringLiteral("false"));
}

QString Settings::accountId(const QUrl &server, const QString &email) {
    return server.adjusted(QUrl::StripTrailingSlash).toString() + QLatin1Char(' ') +
           email.trimmed().toLower();
}

QList<qint64> Settings::watchedUserIds(const QString &account) const {
    for (const auto &[owner, ids] : watchListLines(value(keyWatchLists)))
        if (owner == account)
            return parseUserIds(ids);
    // A list saved before lists were kept per account.
    const QString owner = legacyWatchListOwner();
    if (!owner.isEmpty() && owner != account)
        return {};
    return parseUserIds(value(keyLegacyWatched));
}

QString Settings::legacyWatchListOwner() const {
    // The account it was stamped with; before stamps, the account saved beside it (there was
    // only ever one). A zuliprc-only agent saved none: then nobody can tell, and the first
    // account to ask has it.
    const QString owner = value(keyLegacyWatchedFor);
    if (!owner.isEmpty() || !hasSavedAccount())
        return owner;
    return accountId(serverUrl(), email());
}

void Settings::setWatchedUserIds(const QList<qint64> &userIds, const QString &account) {
    // The lines are split on these; no real account has them (QUrl encodes them, and Zulip's
    // emails cannot hold them).
    if (account.isEmpty() || account.contains(QLatin1Char('\n')) ||
        account.contains(QLatin1Char('\t')))
        return;
    // Every other account keeps its own list: switching organizations and back finds it again.
    QList<std::pair<QString, QString>> kept;
    for (const auto &line : watchListLines(value(keyWatchLists)))
        if (line.first != account)
            kept.append(line);
    // The legacy list, if it was another account's, becomes that account's line.
    const QString legacyOwner = legacyWatchListOwner();
    const QString legacyIds = value(keyLegacyWatched);
    if (!legacyOwner.isEmpty() && legacyOwner != account && !legacyIds.isEmpty() &&
        std::none_of(kept.cbegin(), kept.cend(),
                     [&](const auto &line) { return line.first == legacyOwner; }))
        kept.append({legacyOwner, legacyIds});
    if (!userIds.isEmpty()) {
        QStringList parts;
        for (qint64 id : userIds)
            parts << QString::number(id);
        // Space-separated: a comma would make QSettings store a list, which INI quotes oddly.
        kept.append({account, parts.join(QLatin1Char(' '))});
    }
    QStringList lines;
    for (const auto &[owner, ids] : kept)
        lines << owner + QLatin1Char('\t') + ids;
    setValues({{keyWatchLists, lines.join(QLatin1Char('\n'))},
               {keyLegacyWatched, QString()},
               {keyLegacyWatchedFor, QString()}});
}

} // namespace zp
