#pragma once

#include "account/Zuliprc.h"
#include "zulip/ApiResult.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QObject>
#include <QPair>
#include <QSslConfiguration>

#include <optional>

#include <functional>
#include <memory>

class QNetworkReply;
class QNetworkRequest;

namespace zp {

using ApiParams = QList<QPair<QString, QString>>;

// Zulip's REST API wants non-string parameter values JSON-encoded inside the form value
// (`ping_only=true`, `last_update_id=-1`, `fetch_event_types=["presence"]`).
QString jsonParam(bool value);
QString jsonParam(qint64 value);
QString jsonParam(const QJsonArray &value);
QString jsonParam(const QJsonObject &value);

// Whether two URLs share scheme, host and port (the scheme's default port filled in): where
// the account's credentials may go.
bool sameOrigin(const QUrl &a, const QUrl &b);

// Spare bytes allocated after every answer body whose size the server announced: a JSON parser
// that reads ahead in blocks (simdjson reads up to 64 bytes past the end) can then read the
// body where it lies instead of copying it (5 MB for the register answer of 10 000 people).
inline constexpr qsizetype answerSpareBytes = 64;

// Thin asynchronous client for the few endpoints the agent needs, on QNetworkAccessManager:
// HTTP Basic auth, a User-Agent naming this client, per-request timeouts, and every answer
// classified into an ApiResult. It never blocks and never logs the API key.
class ZulipClient : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const ApiResult &)>;
    enum class Method { Get, Post, Patch, Delete };
    // Full: ApiResult::json holds the whole body. EnvelopeOnly: only its top-level scalars
    // (result, msg, code, ...), for large answers the caller parses from ApiResult::body itself.
    enum class BodyParsing { Full, EnvelopeOnly };

    explicit ZulipClient(QObject *parent = nullptr);
    ~ZulipClient() override;

    // Checks the account against our transport rules (https except on loopback, no
    // "insecure", a readable CA bundle) and adopts it. Returns one sentence on refusal.
    QString setAccount(const Account &account);
    // What setAccount() would refuse, without adopting anything.
    static QString accountProblem(const Account &account);
    // Zulip's USER_DEACTIVATED / REALM_DEACTIVATED in one sentence; empty for other codes.
    static QString deactivationSentence(const QString &code, const QString &email,
                                        const QString &host);
    const Account &account() const { return m_account; }
    // "chat.example.com", or "127.0.0.1:9" where the address names a port: how messages and
    // the popup name a server, so a wrong port shows.
    static QString serverLabel(const QUrl &site);

    static QString userAgent();

    // Sends one request to <site>/api/v1/<path>. GET and DELETE carry params in the query,
    // POST and PATCH as a form body. The callback runs exactly once, unless the client is
    // destroyed or abortAll() is called first. `timeoutMs` bounds the whole exchange.
    QNetworkReply *send(Method method, const QString &path, const ApiParams &params,
                        Callback callback, int timeoutMs = 30000, bool authenticate = true,
                        BodyParsing parsing = BodyParsing::Full);

    // For giving something back on the way out (an event queue): sent with the credentials of
    // the account at this moment, kept through abortAll() and a later setAccount(), and never
    // redirected, since the next account's rules must not decide where it goes.
    QNetworkReply *sendParting(Method method, const QString &path, const ApiParams &params,
                               Callback callback, int timeoutMs);

    // Drops every request in flight without running their callbacks (account change, quit),
    // except parting ones.
    void abortAll();
    int requestsInFlight() const;

    QNetworkAccessManager *network() { return &m_network; }
    // The proxy for every request: QNetworkProxy::DefaultProxy follows the application's
    // (system) configuration, NoProxy goes direct, an HttpProxy is used as given.
    void setProxy(const QNetworkProxy &proxy) { m_network.setProxy(proxy); }

private:
    // One call of send(): its first reply is the caller's handle while redirects are followed.
    struct Exchange;
    QNetworkReply *startExchange(Method method, const QString &path, const ApiParams &params,
                                 Callback callback, int timeoutMs, bool authenticate,
                                 BodyParsing parsing, bool parting);
    QNetworkReply *startHop(const std::shared_ptr<Exchange> &exchange,
                            const QNetworkRequest &request);
    // `body`: what readyRead drained from the reply so far.
    void finishHop(const std::shared_ptr<Exchange> &exchange, QNetworkReply *reply,
                   QByteArray body);
    // Empty when a redirect to `target` may be followed; else why not, in one sentence.
    QString redirectRefusal(const Exchange &exchange, int status, const QUrl &target) const;
    ApiResult classify(QNetworkReply *reply, BodyParsing parsing, QByteArray body) const;
    // setAccount()'s rules; fills `ssl` for an https account.
    static QString checkAccount(const Account &account, std::optional<QSslConfiguration> *ssl);

    QNetworkAccessManager m_network;
    Account m_account;
    QByteArray m_authorization;
    // Only for https accounts: building one loads OpenSSL (about 5 MB resident), which a
    // loopback http account never needs.
    std::optional<QSslConfiguration> m_sslConfig;
};

// Whether `url` points at this machine (the dev realm); plain http is allowed only there.
bool isLoopbackUrl(const QUrl &url);

} // namespace zp
