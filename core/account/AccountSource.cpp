#include "account/AccountSource.h"

#include "secrets/SecretStore.h"
#include "settings/Settings.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace zp {

namespace {

AccountChoice fromZuliprc(const QString &path, AccountChoice::Source source) {
    const ZuliprcResult result = readZuliprc(path);
    AccountChoice choice;
    choice.account = result.account;
    choice.error = result.error;
    choice.source = result.account ? source : AccountChoice::Source::None;
    return choice;
}

// The saved zuliprc path, else ~/.zuliprc.
AccountChoice fromZuliprcFiles(const Settings &settings) {
    const QString saved = settings.zuliprcPath();
    if (!saved.isEmpty())
        return fromZuliprc(saved, AccountChoice::Source::SavedZuliprc);
    return fromZuliprc(defaultZuliprcPath(), AccountChoice::Source::HomeZuliprc);
}

} // namespace

void chooseAccount(const QString &commandLineZuliprc, const Settings &settings,
                   SecretStore *secrets, std::function<void(const AccountChoice &)> done) {
    if (!commandLineZuliprc.isEmpty()) {
        done(fromZuliprc(commandLineZuliprc, AccountChoice::Source::CommandLine));
        return;
    }
    if (!settings.hasSavedAccount() || !secrets) {
        AccountChoice choice = fromZuliprcFiles(settings);
        choice.nothingSetUp = !settings.hasSavedAccount() && settings.zuliprcPath().isEmpty() &&
                              !QFileInfo::exists(defaultZuliprcPath());
        done(choice);
        return;
    }
    const QUrl server = settings.serverUrl();
    const QString email = settings.email();
    const QString caBundle = settings.caBundle();
    secrets->readApiKey(
        SecretStore::accountKey(server.toString(), email),
        [&settings, server, email, caBundle, done](const SecretStore::ReadResult &read) {
            if (read.ok()) {
                AccountChoice choice;
                Account account;
                account.site = server;
                account.email = email;
                account.apiKey = read.key;
                account.caBundle = caBundle;
                choice.account = account;
                choice.source = AccountChoice::Source::SavedAccount;
                done(choice);
                return;
            }
            AccountChoice fallback = fromZuliprcFiles(settings);
            if (read.notFound) {
                if (!fallback.account)
                    fallback.error =
                        QCoreApplication::translate(
                            "AccountSource",
                            "The API key for %1 is not in the system keychain; enter it in "
                            "Settings.")
                            .arg(email);
                done(fallback);
                return;
            }
            // The keychain could not be asked: say so rather than silently switching to a
            // different account; the saved one is kept for the retry.
            AccountChoice choice;
            choice.error = read.error;
            choice.keychainUnavailable = true;
            done(choice);
        });
}

} // namespace zp
