#include "account/AccountCheck.h"

#include "zulip/ZulipClient.h"

#include <QJsonValue>

namespace zp {

namespace {
constexpr int checkTimeoutMs = 15000;
}

AccountCheck::AccountCheck(QObject *parent) : QObject(parent), m_client(new ZulipClient(this)) {}

AccountCheck::~AccountCheck() = default;

void AccountCheck::cancel() {
    m_client->abortAll();
}

void AccountCheck::setProxy(const QNetworkProxy &proxy) {
    m_client->setProxy(proxy);
}

QString AccountCheck::useSite(const Account &site) {
    Account anonymous = site;
    // The transport rules need a complete account; these requests are sent without it.
    if (anonymous.email.isEmpty())
        anonymous.email = QStringLiteral("-");
    anonymous.apiKey = QStringLiteral("-");
    return m_client->setAccount(anonymous);
}

void AccountCheck::testConnection(const Account &account,
                                  std::function<void(const Outcome &)> done) {
    if (!account.site.isValid() || account.site.host().isEmpty()) {
        done({false,
              false,
              {},
              0,
              {},
              tr("Enter the server's address, e.g. https://chat.example.com.")});
        return;
    }
    if (const QString refused = useSite(account); !refused.isEmpty()) {
        done({false, false, {}, 0, {}, refused});
        return;
    }
    const QString host = account.site.host();
    m_client->send(
        ZulipClient::Method::Get, QStringLiteral("server_settings"), {},
        [this, account, host, done](const ApiResult &result) {
            Outcome outcome;
            const bool looksLikeZulip =
                result.ok() && result.json.value(QLatin1String("zulip_version")).isString();
            if (!looksLikeZulip) {
                // Only an answer from the wrong place blames the address: a server or proxy
                // that is failing, busy, redirecting elsewhere or asking for a login of its
                // own says so in its own sentence.
                const int status = result.httpStatus;
                if (result.kind == ApiResult::Kind::NetworkError ||
                    result.kind == ApiResult::Kind::Timeout)
                    outcome.message = tr("Cannot reach %1: %2").arg(host, result.message);
                else if (result.kind == ApiResult::Kind::RateLimited)
                    outcome.message = tryAgainSentence(result);
                else if (status == 401 || status == 403 || status == 407)
                    outcome.message = tr("%1 asks for a login of its own before Zulip (HTTP %2); "
                                         "a proxy or single sign-on page may be in the way.")
                                          .arg(host)
                                          .arg(status);
                else if (status >= 500 || (status >= 300 && status < 400))
                    outcome.message = result.message;
                else
                    outcome.message = tr("%1 answered, but not as a Zulip server (check the "
                                         "address).")
                                          .arg(account.site.toString());
                done(outcome);
                return;
            }
            outcome.serverOk = true;
            outcome.zulipVersion = result.json.value(QLatin1String("zulip_version")).toString();
            outcome.featureLevel = result.json.value(QLatin1String("zulip_feature_level")).toInt(0);
            if (account.email.isEmpty() || account.apiKey.isEmpty()) {
                outcome.message = tr("%1 is a Zulip %2 server; enter your email and API key.")
                                      .arg(host, outcome.zulipVersion);
                done(outcome);
                return;
            }
            if (const QString refused = m_client->setAccount(account); !refused.isEmpty()) {
                outcome.message = refused;
                done(outcome);
                return;
            }
            m_client->send(
                ZulipClient::Method::Get, QStringLiteral("users/me"), {},
                [outcome, host, account, done](const ApiResult &me) mutable {
                    if (me.ok() && me.json.value(QLatin1String("is_bot")).toBool()) {
                        // The key works, but presence is refused for bots: say it now, not
                        // as an error at every report.
                        outcome.message =
                            tr("%1 accepts this key, but %2 is a bot; Zulip keeps presence for "
                               "people only. Use your own account.")
                                .arg(host, account.email);
                    } else if (const QString off =
                                   ZulipClient::deactivationSentence(me.code, account.email, host);
                               !off.isEmpty()) {
                        outcome.message = off;
                    } else if (me.ok()) {
                        outcome.credentialsOk = true;
                        outcome.fullName = me.json.value(QLatin1String("full_name")).toString();
                        if (outcome.fullName.trimmed().isEmpty())
                            outcome.fullName = account.email;
                        outcome.message =
                            tr("Connected: Zulip %1 (feature level %2) at %3, signed in as %4.")
                                .arg(outcome.zulipVersion)
                                .arg(outcome.featureLevel)
                                .arg(host, outcome.fullName);
                    } else if (me.kind == ApiResult::Kind::Unauthorized) {
                        outcome.message =
                            tr("%1 is a Zulip server, but it does not accept the API key for "
                               "%2; copy the key again or log in with your password.")
                                .arg(host, account.email);
                    } else {
                        outcome.message =
                            tr("%1 is a Zulip server, but checking the account failed: %2")
                                .arg(host, me.kind == ApiResult::Kind::RateLimited
                                               ? tryAgainSentence(me)
                                               : me.message);
                    }
                    done(outcome);
                },
                checkTimeoutMs);
        },
        checkTimeoutMs, false);
}

void AccountCheck::fetchApiKey(const Account &site, const QString &username,
                               const QString &password,
                               std::function<void(const FetchedKey &)> done) {
    if (const QString refused = useSite(site); !refused.isEmpty()) {
        done({{}, {}, refused});
        return;
    }
    m_client->send(
        ZulipClient::Method::Post, QStringLiteral("fetch_api_key"),
        {{QStringLiteral("username"), username}, {QStringLiteral("password"), password}},
        [done, username, host = site.site.host()](const ApiResult &result) {
            FetchedKey fetched;
            const QString key = result.json.value(QLatin1String("api_key")).toString();
            if (result.ok() && !key.isEmpty()) {
                fetched.apiKey = key;
                fetched.email = result.json.value(QLatin1String("email")).toString(username);
            } else if (result.ok()) {
                fetched.error = tr("The server answered without an API key.");
            } else if (const QString off =
                           ZulipClient::deactivationSentence(result.code, username, host);
                       !off.isEmpty()) {
                fetched.error = off;
            } else if (result.kind == ApiResult::Kind::Unauthorized) {
                // The client's own 401 sentence is about an API key; this was a password.
                fetched.error =
                    result.serverMsg.isEmpty()
                        ? tr("Logging in failed: the server did not accept this email and "
                             "password.")
                        : tr("Logging in failed: %1").arg(result.serverMsg);
            } else if (result.kind == ApiResult::Kind::RateLimited) {
                fetched.error = tr("Logging in failed: %1").arg(tryAgainSentence(result));
            } else {
                fetched.error = tr("Logging in failed: %1").arg(result.message);
            }
            done(fetched);
        },
        checkTimeoutMs, false);
}

} // namespace zp
