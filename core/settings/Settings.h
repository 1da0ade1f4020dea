#pragma once

#include <QCoreApplication>
#include <QList>
#include <QNetworkProxy>
#include <QString>
#include <QUrl>

#include <chrono>
#include <initializer_list>
#include <utility>

namespace zp {

// The person's saved choices, in an INI file under the XDG config directory
// (~/.config/zulip-presence/zulip-presence.conf). Never holds the API key: that lives in the
// system keychain or in the person's own zuliprc file.
class Settings {
    Q_DECLARE_TR_FUNCTIONS(zp::Settings)

public:
    Settings();
    // For tests: a file of one's own.
    explicit Settings(const QString &path);

    // Empty when the file could be read; otherwise one sentence (the defaults are then used and
    // the damaged file is left as it is, so nothing the person had is lost).
    // (Worded when asked, so that it is in the language installed by then.)
    QString loadError() const;
    // Empty when the last change was written; otherwise one sentence saying where and why not
    // (a read-only or full disk, a file that is not ours to replace). The change is then lost
    // at the next start, and the person must hear it now.
    QString saveError() const { return m_saveError; }
    QString path() const { return m_path; }

    QString zuliprcPath() const;
    void setZuliprcPath(const QString &path);

    std::chrono::seconds idleThreshold() const;
    void setIdleThreshold(std::chrono::seconds threshold);

    // How requests reach the server: the system's proxy configuration (default), no proxy, or
    // one HTTP proxy given here. networkProxy() is what ZulipClient::setProxy() takes.
    enum class ProxyMode { System, None, Manual };
    ProxyMode proxyMode() const;
    QString proxyHost() const;
    quint16 proxyPort() const;
    void setProxy(ProxyMode mode, const QString &host = {}, quint16 port = 0);
    QNetworkProxy networkProxy() const;

    // The saved account: server and email only; its API key is in the system keychain
    // (SecretStore::accountKey(server, email)).
    QUrl serverUrl() const;
    QString email() const;
    // The account's own CA certificates (a zuliprc's cert_bundle), for a server whose
    // certificate the system does not trust; empty for none.
    QString caBundle() const;
    void setAccount(const QUrl &server, const QString &email, const QString &caBundle = {});
    bool hasSavedAccount() const { return serverUrl().isValid() && !email().isEmpty(); }

    // Whether the popup lists coworkers who are offline (default: yes).
    bool showOffline() const;
    void setShowOffline(bool show);

    // "Tell me when someone is back": the user ids to watch.
    // They are user ids of one organization; elsewhere the same ids are other people, so the
    // list belongs to the account it was chosen under (accountId()). Each account keeps its
    // own list; an account never chosen under has none.
    QList<qint64> watchedUserIds(const QString &account) const;
    void setWatchedUserIds(const QList<qint64> &userIds, const QString &account);
    static QString accountId(const QUrl &server, const QString &email);

private:
    QString legacyWatchListOwner() const;
    QString value(const QString &key) const;
    void setValue(const QString &key, const QString &value);
    void setValues(std::initializer_list<std::pair<QString, QString>> values);

    enum class LoadProblem { None, NotARegularFile, Damaged, Unreadable };

    QString m_path;
    LoadProblem m_loadProblem = LoadProblem::None;
    QString m_saveError;
};

} // namespace zp
