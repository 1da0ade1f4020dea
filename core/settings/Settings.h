#pragma once

#include <QString>

#include <chrono>

namespace zp {

// The person's saved choices, in an INI file under the XDG config directory
// (~/.config/zulip-presence/zulip-presence.conf). Never holds the API key: that lives in the
// system keychain or in the person's own zuliprc file.
class Settings {
public:
    Settings();
    // For tests: a file of one's own.
    explicit Settings(const QString &path);

    // Empty when the file could be read; otherwise one sentence (the defaults are then used and
    // the damaged file is left as it is, so nothing the person had is lost).
    QString loadError() const { return m_loadError; }
    QString path() const { return m_path; }

    QString zuliprcPath() const;
    void setZuliprcPath(const QString &path);

    std::chrono::seconds idleThreshold() const;
    void setIdleThreshold(std::chrono::seconds threshold);

private:
    QString value(const QString &key) const;
    void setValue(const QString &key, const QString &value);

    QString m_path;
    QString m_loadError;
};

} // namespace zp
