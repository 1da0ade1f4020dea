#pragma once

#include "account/Zuliprc.h"

#include <QNetworkProxy>
#include <QObject>
#include <QString>

#include <functional>

namespace zp {

class ZulipClient;

// The settings dialog's questions to a server, asked with a client of their own so the running
// agent is never disturbed: "is this a Zulip server, and does it accept these credentials?"
// and "give me the API key for this email and password".
class AccountCheck : public QObject {
    Q_OBJECT
public:
    struct Outcome {
        bool serverOk = false;      // the address answered as a Zulip server
        bool credentialsOk = false; // GET /users/me accepted the email and key
        QString zulipVersion;
        int featureLevel = 0;
        QString fullName; // from /users/me
        QString message;  // one sentence: what works, or exactly what is wrong
    };
    struct FetchedKey {
        QString email;  // the account's email as the server spells it
        QString apiKey; // empty on failure
        QString error;  // one sentence on failure
    };

    explicit AccountCheck(QObject *parent = nullptr);
    ~AccountCheck() override;

    // GET /server_settings (no credentials), then GET /users/me.
    void testConnection(const Account &account, std::function<void(const Outcome &)> done);
    // POST /fetch_api_key. The password goes into that one request and is kept nowhere.
    void fetchApiKey(const Account &site, const QString &username, const QString &password,
                     std::function<void(const FetchedKey &)> done);
    void cancel();
    // The route the agent's own requests take (Settings::networkProxy()): a check that went
    // another way could pass where the agent fails, or fail where it works.
    void setProxy(const QNetworkProxy &proxy);

private:
    // Adopts the site's transport rules for requests that need no key. Empty on success.
    QString useSite(const Account &site);

    ZulipClient *m_client;
};

} // namespace zp
