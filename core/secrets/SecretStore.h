#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace zp {

// The API key's only home besides the person's own zuliprc: the system keychain (Secret
// Service or KWallet on Linux, Credential Store on Windows, Keychain on macOS) through
// QtKeychain. Every call is asynchronous; the callback runs exactly once, on this thread.
// There is no plain-text fallback: when the keychain is missing or locked the caller gets one
// sentence and may retry, and nothing already stored is touched.
class SecretStore : public QObject {
    Q_OBJECT
public:
    struct ReadResult {
        QString key;           // the secret, when found
        bool notFound = false; // the keychain works but holds nothing for this account
        QString error;         // one sentence when the keychain could not be asked
        bool ok() const { return !notFound && error.isEmpty(); }
    };
    using ReadCallback = std::function<void(const ReadResult &)>;
    // Empty on success, else one sentence.
    using WriteCallback = std::function<void(const QString &error)>;

    // `service` names the entries; tests use their own so they never touch the person's.
    explicit SecretStore(const QString &service = defaultService(), QObject *parent = nullptr);

    static QString defaultService();
    // The entry name for an account: the email on that server, so two servers never collide.
    static QString accountKey(const QString &site, const QString &email);

    void readApiKey(const QString &account, ReadCallback done);
    // Stores or replaces the key.
    void writeApiKey(const QString &account, const QString &apiKey, WriteCallback done);
    // Removing an entry that is not there counts as success.
    void deleteApiKey(const QString &account, WriteCallback done);

private:
    QString m_service;
};

} // namespace zp
