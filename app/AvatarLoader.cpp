#include "AvatarLoader.h"

#include "zulip/ZulipClient.h"

#include <QBuffer>
#include <QDir>
#include <QImageReader>
#include <QNetworkDiskCache>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QTimer>

#include <memory>

namespace zp {

namespace {
// Decoded avatars kept in memory: a screenful or two of rows, not 10 000 images.
constexpr int memoryCacheImages = 300;
constexpr qint64 diskCacheBytes = 20 * 1024 * 1024;
constexpr int maxRedirects = 3;
// Zulip stores avatars as 100 px and 500 px images; 2 MB is far beyond any of them. Without a
// cap, an avatar address (or a redirect from it) pointing at an endless answer would fill
// memory; without a deadline, one that drips a byte a second would never end.
constexpr qint64 maxAvatarBytes = 2 * 1024 * 1024;
constexpr int avatarDeadlineMs = 30000;
// A few hundred bytes of PNG can claim a 100 000 px square; a decoded avatar is never near this.
constexpr int maxDecodedMegabytes = 32;
} // namespace

AvatarLoader::AvatarLoader(QObject *parent, const QString &cacheDir)
    : QObject(parent), m_diskCache(new QNetworkDiskCache(this)), m_images(memoryCacheImages) {
    const QString dir =
        cacheDir.isEmpty()
            ? QDir(QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation))
                  .filePath(QStringLiteral("zulip-presence/avatars"))
            : cacheDir;
    m_diskCache->setCacheDirectory(dir);
    m_diskCache->setMaximumCacheSize(diskCacheBytes);
    m_network.setCache(m_diskCache);
    // Redirects are followed by hand so credentials never travel to another origin.
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

QString AvatarLoader::cacheDirectory() const {
    return m_diskCache->cacheDirectory();
}

void AvatarLoader::setAccount(const Account &account) {
    if (account.site == m_account.site && account.email == m_account.email &&
        account.apiKey == m_account.apiKey && account.caBundle == m_account.caBundle)
        return;
    m_account = account;
    m_authorization =
        "Basic " + (account.email + QLatin1Char(':') + account.apiKey).toUtf8().toBase64();
    m_sslConfig.reset();
    if (account.site.scheme() == QLatin1String("https")) {
        m_sslConfig = QSslConfiguration::defaultConfiguration();
        // The same trust as the account's API requests (ZulipClient::setAccount).
        if (!account.caBundle.isEmpty())
            m_sslConfig->addCaCertificates(QSslCertificate::fromPath(account.caBundle));
    }
    m_failed.clear();
    m_images.clear();
}

void AvatarLoader::setProxy(const QNetworkProxy &proxy) {
    m_network.setProxy(proxy);
    // What failed on the old route may work on the new one.
    m_failed.clear();
}

bool AvatarLoader::isAccountOrigin(const QUrl &url) const {
    return m_account.site.isValid() && sameOrigin(url, m_account.site);
}

QImage AvatarLoader::avatar(const QUrl &url) {
    if (!url.isValid())
        return {};
    if (const QImage *image = m_images.object(url))
        return *image;
    if (!m_inFlight.contains(url) && !m_failed.contains(url)) {
        m_inFlight.insert(url);
        fetch(url, url, maxRedirects);
    }
    return {};
}

void AvatarLoader::fetch(const QUrl &originalUrl, const QUrl &url, int redirectsLeft) {
    if (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")) {
        m_inFlight.remove(originalUrl);
        m_failed.insert(originalUrl);
        return;
    }
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::PreferCache);
    request.setTransferTimeout(15000);
    if (isAccountOrigin(url)) {
        request.setRawHeader("Authorization", m_authorization);
        if (m_sslConfig && url.scheme() == QLatin1String("https"))
            request.setSslConfiguration(*m_sslConfig);
    }
    ++m_requestsStarted;
    QNetworkReply *reply = m_network.get(request);
    // Qt's network thread reads on ahead of this thread as fast as the sender sends (170 MB
    // before a check here took effect, in a test on loopback): its buffer is kept small and
    // drained here, where the cap is counted, so TCP holds the sender back.
    reply->setReadBufferSize(256 * 1024);
    auto body = std::make_shared<QByteArray>();
    // A reply cut off below is closed: reading it or aborting it again only makes Qt complain.
    connect(reply, &QNetworkReply::readyRead, reply, [reply, body] {
        if (!reply->isOpen())
            return;
        *body += reply->readAll();
        if (body->size() > maxAvatarBytes) {
            *body = QByteArray();
            reply->abort();
        }
    });
    QTimer::singleShot(avatarDeadlineMs, reply, [reply] {
        if (reply->isRunning())
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, body, originalUrl, redirectsLeft] {
        if (reply->isOpen())
            *body += reply->readAll();
        onFinished(reply, *body, originalUrl, redirectsLeft);
    });
}

namespace {
// Named by its first bytes: without a name Qt loads every image plugin it has (TIFF, WebP,
// MNG, ICNS...) to ask each whether it can read the data, about 1 MB resident for good.
const char *imageFormatOf(const QByteArray &bytes) {
    if (bytes.startsWith("\x89PNG"))
        return "png";
    if (bytes.startsWith("\xFF\xD8\xFF"))
        return "jpeg";
    if (bytes.startsWith("GIF8"))
        return "gif";
    if (bytes.startsWith("RIFF") && bytes.mid(8, 4) == "WEBP")
        return "webp";
    return nullptr; // let Qt find out
}
} // namespace

void AvatarLoader::onFinished(QNetworkReply *reply, QByteArray bytes, const QUrl &originalUrl,
                              int redirectsLeft) {
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QUrl target = reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
    if (status >= 300 && status < 400 && target.isValid() && redirectsLeft > 0) {
        fetch(originalUrl, reply->url().resolved(target), redirectsLeft - 1);
        return;
    }
    m_inFlight.remove(originalUrl);
    QImage image;
    if (reply->error() == QNetworkReply::NoError) {
        QBuffer buffer(&bytes);
        QImageReader reader(&buffer, imageFormatOf(bytes));
        // Even with a format named, Qt would ask every plugin first (loading them all) unless
        // told not to guess; a format nobody named is still found out.
        reader.setAutoDetectImageFormat(reader.format().isEmpty());
        reader.setAllocationLimit(maxDecodedMegabytes);
        image = reader.read();
    }
    if (image.isNull()) {
        // A missing avatar keeps its initials; it is not worth a warning per person.
        m_failed.insert(originalUrl);
        return;
    }
    // Rows draw avatars at about 32 px (64 on a 2x screen); a full-size upload would only
    // cost memory.
    if (image.width() > 96 || image.height() > 96)
        image = image.scaled(96, 96, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    m_images.insert(originalUrl, new QImage(std::move(image)));
    Q_EMIT avatarReady(originalUrl);
}

} // namespace zp
