#pragma once

#include "account/Zuliprc.h"

#include <QString>

#include <functional>
#include <optional>

namespace zp {

class SecretStore;
class Settings;

// Where the account came from, and one sentence when there is none.
struct AccountChoice {
    enum class Source { CommandLine, SavedAccount, SavedZuliprc, HomeZuliprc, None };
    std::optional<Account> account;
    Source source = Source::None;
    QString error;
    // The keychain could not be asked (missing or locked): worth retrying later; the saved
    // account is not forgotten.
    bool keychainUnavailable = false;
    // Nothing was ever set up (no --zuliprc, no saved account or zuliprc, no ~/.zuliprc): a
    // first start, not an error.
    bool nothingSetUp = false;
};

// Picks the account, in this order: --zuliprc PATH; else the saved account (server and email
// in the settings, key in the keychain); else the saved zuliprc path; else ~/.zuliprc.
// Asynchronous because the keychain is; `done` runs exactly once.
void chooseAccount(const QString &commandLineZuliprc, const Settings &settings,
                   SecretStore *secrets, std::function<void(const AccountChoice &)> done);

} // namespace zp
