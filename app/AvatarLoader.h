#pragma once

#include "account/Zuliprc.h"

#include <QCache>
#include <QHash>
#include <QImage>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>

#include <QUrl>
#include <optional>

class QNetworkDiskCache;
class QNetworkReply;

namespace zp {

// Fetches avatar images on demand and keeps them: decoded ones in memory (a bounded cache),
// the downloaded bytes on disk (QNetworkDiskCache under the XDG cache directory), so opening
// the popup again costs no network. The account's credentials go only to the account's own
// origin; an avatar elsewhere (a CDN, Gravatar) is fetched without them, redirects included.
class AvatarLoader : public QObject {
    Q_OBJECT
public:
    // `cacheDir` empty: <XDG cache>/zulip-presence/avatars.
    explicit AvatarLoader(QObject *parent = nullptr, const QString &cacheDir = {});

    void setAccount(const Account &account);
    // The agent's route (Settings::networkProxy()): avatars must not go around a proxy the
    // person chose, nor fail where the API requests get through.
    void setProxy(const QNetworkProxy &proxy);
    QNetworkProxy proxy() const { return m_network.proxy(); }

    // The image if it is here; otherwise a null image and, unless already under way or failed,
    // a fetch starts in the background and avatarReady() follows. Never blocks.
    QImage avatar(const QUrl &url);

    int requestsStarted() const { return m_requestsStarted; }
    int requestsInFlight() const { return int(m_inFlight.size()); }
    QString cacheDirectory() const;

Q_SIGNALS:
    void avatarReady(const QUrl &url);

private:
    void fetch(const QUrl &originalUrl, const QUrl &url, int redirectsLeft);
    void onFinished(QNetworkReply *reply, QByteArray bytes, const QUrl &originalUrl,
                    int redirectsLeft);
    bool isAccountOrigin(const QUrl &url) const;

    QNetworkAccessManager m_network;
    QNetworkDiskCache *m_diskCache;
    Account m_account;
    QByteArray m_authorization;
    std::optional<QSslConfiguration> m_sslConfig; // https accounts only (OpenSSL is big)
    QCache<QUrl, QImage> m_images;
    QSet<QUrl> m_inFlight;
    QSet<QUrl> m_failed; // not retried until the account changes: no request storms
    int m_requestsStarted = 0;
};

} // namespace zp
