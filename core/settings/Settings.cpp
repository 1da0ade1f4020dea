#include "settings/Settings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace zp {

namespace {
const QString keyZuliprc = QStringLiteral("account/zuliprc");
const QString keyIdleSeconds = QStringLiteral("idle/threshold_seconds");
} // namespace

Settings::Settings()
    : Settings(QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
                   .filePath(QStringLiteral("zulip-presence/zulip-presence.conf"))) {}

Settings::Settings(const QString &path) : m_path(path) {
    if (!QFileInfo::exists(path))
        return;
    QSettings probe(path, QSettings::IniFormat);
    if (probe.status() == QSettings::FormatError)
        m_loadError =
            QStringLiteral(
                "The settings file %1 is damaged; using defaults until it is saved again.")
                .arg(QDir::toNativeSeparators(path));
    else if (probe.status() == QSettings::AccessError)
        m_loadError = QStringLiteral("The settings file %1 cannot be read; using defaults.")
                          .arg(QDir::toNativeSeparators(path));
}

QString Settings::value(const QString &key) const {
    if (!m_loadError.isEmpty())
        return {};
    return QSettings(m_path, QSettings::IniFormat).value(key).toString();
}

void Settings::setValue(const QString &key, const QString &value) {
    // QSettings writes through a temporary file and renames it, so a crash mid-write cannot
    // leave half a file.
    if (!m_loadError.isEmpty() && QFileInfo::exists(m_path)) {
        // Keep the damaged file beside the new one: whatever the person had can be recovered.
        QFile::copy(m_path, m_path + QStringLiteral(".damaged"));
        QFile::remove(m_path);
    }
    QSettings settings(m_path, QSettings::IniFormat);
    settings.setValue(key, value);
    settings.sync();
    if (settings.status() == QSettings::NoError)
        m_loadError.clear();
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

} // namespace zp
