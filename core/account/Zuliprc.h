#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace zp {

// Which account to report for, and how to reach its server.
struct Account {
    QUrl site;        // e.g. https://chat.example.com (no /api suffix)
    QString email;    // the account's delivery email, used as the Basic-auth user name
    QString apiKey;   // never logged; see redactedForLog()
    QString caBundle; // a CA file to trust for this server only (zuliprc cert_bundle)
    bool insecureRequested = false; // zuliprc said insecure=true; we refuse it (see ZulipClient)

    bool isComplete() const { return site.isValid() && !email.isEmpty() && !apiKey.isEmpty(); }
};

struct ZuliprcResult {
    std::optional<Account> account;
    QString error; // one sentence for the person when account is empty
};

// Reads the standard zuliprc INI file: an [api] section with email, key and site (plus the
// TLS options insecure and cert_bundle). Comments (; and #), blank lines, whitespace around
// keys and values, and other sections are tolerated. A site without a scheme gets https://, as
// Zulip's own bindings do.
ZuliprcResult readZuliprc(const QString &path);
ZuliprcResult parseZuliprc(const QByteArray &contents, const QString &sourceName);

// Where the account comes from when nothing is said: --zuliprc, else the saved settings' path,
// else ~/.zuliprc.
QString defaultZuliprcPath();

} // namespace zp
