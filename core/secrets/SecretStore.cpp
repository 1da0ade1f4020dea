#include "secrets/SecretStore.h"

#include <qt6keychain/keychain.h>

#include <QCoreApplication>
#include <QUrl>

namespace zp {

namespace {

// One sentence the person can act on. errorString() of the backends names the D-Bus service or
// the collection, never the secret itself.
QString describe(QKeychain::Error error, const QString &detail) {
    switch (error) {
    case QKeychain::NoError:
    case QKeychain::EntryNotFound:
        return {};
    case QKeychain::AccessDeniedByUser:
        return QCoreApplication::translate(
            "SecretStore", "The system keychain refused access to the API key; allow it and "
                           "try again.");
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return QCoreApplication::translate(
                   "SecretStore",
                   "No system keychain is available (%1); start your desktop's keyring "
                   "(GNOME Keyring or KWallet) and try again. The API key is not saved anywhere "
                   "else.")
            .arg(detail);
    default:
        return QCoreApplication::translate(
                   "SecretStore",
                   "The system keychain is locked or not reachable (%1); unlock it and try "
                   "again. The API key is not saved anywhere else.")
            .arg(detail);
    }
}

template <typename Job> Job *prepare(const QString &service, const QString &account) {
    auto *job = new Job(service);
    job->setAutoDelete(true);
    // Explicitly: never a plain-text file when the keychain is missing.
    job->setInsecureFallback(false);
    job->setKey(account);
    return job;
}

} // namespace

SecretStore::SecretStore(const QString &service, QObject *parent)
    : QObject(parent), m_service(service) {}

QString SecretStore::defaultService() {
    return QStringLiteral("zulip-presence");
}

QString SecretStore::accountKey(const QString &site, const QString &email) {
    const QUrl url(site);
    const QString host =
        url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
    return QStringLiteral("%1@%2").arg(email.trimmed().toLower(), host.toLower());
}

void SecretStore::readApiKey(const QString &account, ReadCallback done) {
    auto *job = prepare<QKeychain::ReadPasswordJob>(m_service, account);
    connect(job, &QKeychain::Job::finished, this, [job, done = std::move(done)] {
        ReadResult result;
        if (job->error() == QKeychain::NoError)
            result.key = job->textData();
        else if (job->error() == QKeychain::EntryNotFound)
            result.notFound = true;
        else
            result.error = describe(job->error(), job->errorString());
        done(result);
    });
    job->start();
}

void SecretStore::writeApiKey(const QString &account, const QString &apiKey, WriteCallback done) {
    auto *job = prepare<QKeychain::WritePasswordJob>(m_service, account);
    job->setTextData(apiKey);
    connect(job, &QKeychain::Job::finished, this,
            [job, done = std::move(done)] { done(describe(job->error(), job->errorString())); });
    job->start();
}

void SecretStore::deleteApiKey(const QString &account, WriteCallback done) {
    auto *job = prepare<QKeychain::DeletePasswordJob>(m_service, account);
    connect(job, &QKeychain::Job::finished, this,
            [job, done = std::move(done)] { done(describe(job->error(), job->errorString())); });
    job->start();
}

} // namespace zp
