#include "zulip/ZulipClient.h"

#include "presence/FastPresenceParser.h"

#include <QDateTime>
#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslCertificate>
#include <QSysInfo>
#include <QTimer>
#include <QUrlQuery>

#include <cmath>
#include <memory>

Q_LOGGING_CATEGORY(lcApi, "zp.api")

namespace zp {

namespace {

constexpr auto pendingCallbackProperty = "zp_callback_pending";
constexpr auto partingProperty = "zp_parting";     // survives abortAll()
constexpr auto encryptedProperty = "zp_encrypted"; // the TLS handshake completed
constexpr auto deadlineProperty = "zp_deadline_passed";
constexpr auto tooLargeProperty = "zp_answer_too_large";
// The largest answer the agent reads. 100 000 users' presence is under 6 MB and their
// register answer a few times that; anything far beyond is a mistake or an attack.
constexpr qint64 maxAnswerBytes = 64 * 1024 * 1024;
constexpr qint64 readAheadBytes = 1024 * 1024;

QByteArray formEncode(const ApiParams &params) {
    QByteArray out;
    for (const auto &[key, value] : params) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}

double retryAfterFrom(const QNetworkReply *reply, const QJsonObject &json) {
    // The body's "retry-after" may be fractional; the header carries the same value.
    double seconds = json.value(QLatin1String("retry-after")).toDouble(-1);
    if (seconds < 0) {
        bool ok = false;
        seconds = QString::fromLatin1(reply->rawHeader("Retry-After")).trimmed().toDouble(&ok);
        if (!ok)
            seconds = -1;
    }
    if (!std::isfinite(seconds) || seconds < 0)
        return 0;
    // A hostile or broken server must not be able to park us for days.
    return std::min(seconds, 3600.0);
}

QString shortenForMessage(QString text) {
    // The server's words reach terminals and labels: no escape sequences, no reversed text.
    text = printableText(text).simplified();
    if (text.size() > 200)
        text = text.left(200) + QChar(0x2026);
    return text;
}

} // namespace

bool sameOrigin(const QUrl &a, const QUrl &b) {
    const auto port = [](const QUrl &u) {
        return u.port(u.scheme() == QLatin1String("https") ? 443 : 80);
    };
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 &&
           a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && port(a) == port(b);
}

QString jsonParam(bool value) {
    return value ? QStringLiteral("true") : QStringLiteral("false");
}
QString jsonParam(qint64 value) {
    return QString::number(value);
}
QString jsonParam(const QJsonArray &value) {
    return QString::fromUtf8(QJsonDocument(value).toJson(QJsonDocument::Compact));
}
QString jsonParam(const QJsonObject &value) {
    return QString::fromUtf8(QJsonDocument(value).toJson(QJsonDocument::Compact));
}

bool isLoopbackUrl(const QUrl &url) {
    const QString host = url.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

ZulipClient::ZulipClient(QObject *parent) : QObject(parent) {
    // Proxies are read from the system by default (see Settings for overrides); gzip is
    // requested and decoded by QNetworkAccessManager itself.
    m_network.setAutoDeleteReplies(false);
    // Redirects are followed by send() itself, hop by hop: Qt would carry the Authorization
    // header to whatever host a redirect names (and 6.4 loses the answer after two hops).
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

ZulipClient::~ZulipClient() {
    // Parting requests too: nothing may answer into a client that is going away.
    for (QNetworkReply *reply : m_network.findChildren<QNetworkReply *>()) {
        reply->setProperty(pendingCallbackProperty, false);
        reply->abort();
    }
}

QString ZulipClient::userAgent() {
    // Built once: prettyProductName() reads /etc/os-release, and this goes on every request.
    static const QString agent = QStringLiteral("ZulipPresence/%1 (%2; Qt %3)")
                                     .arg(QStringLiteral(ZP_VERSION), QSysInfo::prettyProductName(),
                                          QString::fromLatin1(qVersion()));
    return agent;
}

QString ZulipClient::deactivationSentence(const QString &code, const QString &email,
                                          const QString &host) {
    if (code == QLatin1String("USER_DEACTIVATED"))
        return tr("The account %1 is deactivated on %2; an administrator of the organization "
                  "can reactivate it.")
            .arg(email, host);
    if (code == QLatin1String("REALM_DEACTIVATED"))
        return tr("The organization at %1 is deactivated.").arg(host);
    return {};
}

QString ZulipClient::accountProblem(const Account &account) {
    std::optional<QSslConfiguration> ssl;
    return checkAccount(account, &ssl);
}

QString ZulipClient::setAccount(const Account &account) {
    std::optional<QSslConfiguration> ssl;
    if (const QString problem = checkAccount(account, &ssl); !problem.isEmpty())
        return problem;
    abortAll();
    m_account = account;
    m_sslConfig = ssl;
    m_authorization =
        "Basic " +
        (account.email.trimmed() + QLatin1Char(':') + account.apiKey.trimmed()).toUtf8().toBase64();
    return {};
}

QString ZulipClient::checkAccount(const Account &account, std::optional<QSslConfiguration> *ssl) {
    if (!account.isComplete())
        return tr("The account needs a server address, an email and an API key.");
    // Qt would send such a name and password in place of the API key when the server asks
    // for credentials, and they would be saved with the address in plain text.
    if (!account.site.userInfo().isEmpty())
        return tr("The server address must not hold a user name or password (%1@); enter the "
                  "address alone, and your email and API key in their own fields.")
            .arg(account.site.userName());
    const QString scheme = account.site.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return tr("The server address must start with https://.");
    if (scheme == QLatin1String("http") && !isLoopbackUrl(account.site))
        return tr("The server %1 uses plain http://, which would send your API key unencrypted; "
                  "use its https:// address.")
            .arg(account.site.host());
    if (account.insecureRequested)
        return tr("The zuliprc file asks to skip certificate checks (insecure=true), which would "
                  "let anyone on the network read your API key. Give the server's CA certificate "
                  "as cert_bundle instead.");

    if (scheme == QLatin1String("https"))
        *ssl = QSslConfiguration::defaultConfiguration();
    if (*ssl && !account.caBundle.isEmpty()) {
        QFile file(account.caBundle);
        if (!file.open(QIODevice::ReadOnly))
            return tr("The CA file %1 cannot be read.").arg(account.caBundle);
        const QList<QSslCertificate> certs = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
        if (certs.isEmpty())
            return tr("The CA file %1 holds no PEM certificate.").arg(account.caBundle);
        // For this account's requests only, and instead of the system's CAs: Qt stops
        // consulting the system store once CAs are given, as Zulip's own clients do with
        // cert_bundle (requests' verify=<file>).
        (*ssl)->addCaCertificates(certs);
    }
    return {};
}

namespace {
// Qt's own words end some errors in an empty detail ("Decompression failed: "); our
// sentences end with a full stop of their own.
QString qtErrorWords(const QNetworkReply *reply) {
    QString words = reply->errorString().trimmed();
    while (words.endsWith(QLatin1Char(':')) || words.endsWith(QLatin1Char('.')))
        words.chop(1);
    return words;
}

// Redirects followed within the account's origin before giving up: browsers allow 20, and a
// Zulip server needs at most one or two (http -> https is refused anyway).
constexpr int maxRedirects = 10;
constexpr auto redirectRefusedProperty = "zp_redirect_refused"; // why one was not followed
} // namespace

struct ZulipClient::Exchange {
    Method method;
    QByteArray form;
    int timeoutMs;
    BodyParsing parsing;
    Callback callback;
    QPointer<QNetworkReply> head; // what send() returned; lives until the last hop answers
    int redirectsLeft = maxRedirects;
    bool parting = false;
};

QNetworkReply *ZulipClient::send(Method method, const QString &path, const ApiParams &params,
                                 Callback callback, int timeoutMs, bool authenticate,
                                 BodyParsing parsing) {
    return startExchange(method, path, params, std::move(callback), timeoutMs, authenticate,
                         parsing, false);
}

QNetworkReply *ZulipClient::sendParting(Method method, const QString &path, const ApiParams &params,
                                        Callback callback, int timeoutMs) {
    return startExchange(method, path, params, std::move(callback), timeoutMs, true,
                         BodyParsing::EnvelopeOnly, true);
}

QNetworkReply *ZulipClient::startExchange(Method method, const QString &path,
                                          const ApiParams &params, Callback callback, int timeoutMs,
                                          bool authenticate, BodyParsing parsing, bool parting) {
    // A query, a fragment or a trailing slash copied with the address is not part of the API.
    QUrl url = m_account.site.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment |
                                       QUrl::StripTrailingSlash);
    url.setPath(url.path() + QStringLiteral("/api/v1/") + path);
    QNetworkRequest request;
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    request.setRawHeader("Accept", "application/json");
    if (authenticate)
        request.setRawHeader("Authorization", m_authorization);
    request.setTransferTimeout(timeoutMs);
    if (url.scheme() == QLatin1String("https") && m_sslConfig)
        request.setSslConfiguration(*m_sslConfig);
    const QByteArray form = formEncode(params);
    if ((method == Method::Get || method == Method::Delete) && !params.isEmpty())
        url.setQuery(QString::fromLatin1(form));
    request.setUrl(url);

    auto exchange = std::make_shared<Exchange>(
        Exchange{method, form, timeoutMs, parsing, std::move(callback), {}, maxRedirects, parting});
    exchange->head = startHop(exchange, request);
    return exchange->head;
}

QNetworkReply *ZulipClient::startHop(const std::shared_ptr<Exchange> &exchange,
                                     const QNetworkRequest &request) {
    QNetworkReply *reply = nullptr;
    switch (exchange->method) {
    case Method::Get:
        reply = m_network.get(request);
        break;
    case Method::Delete:
        reply = m_network.deleteResource(request);
        break;
    case Method::Post:
    case Method::Patch: {
        QNetworkRequest withBody = request;
        withBody.setHeader(QNetworkRequest::ContentTypeHeader,
                           QStringLiteral("application/x-www-form-urlencoded"));
        reply = exchange->method == Method::Post
                    ? m_network.post(withBody, exchange->form)
                    : m_network.sendCustomRequest(withBody, "PATCH", exchange->form);
        break;
    }
    }
    reply->setProperty(pendingCallbackProperty, true);
    reply->setProperty(partingProperty, exchange->parting);
    connect(reply, &QNetworkReply::encrypted, reply,
            [reply] { reply->setProperty(encryptedProperty, true); });
    // Qt's network thread reads on ahead of this thread as fast as the server sends (an avatar
    // test on loopback saw 170 MB arrive before a check in downloadProgress took effect).
    // Bounded, and drained here where the cap is counted, no answer holds more than the cap.
    reply->setReadBufferSize(readAheadBytes);
    auto body = std::make_shared<QByteArray>();
    connect(reply, &QNetworkReply::readyRead, reply, [reply, body] {
        if (reply->property(tooLargeProperty).toBool())
            return;
        // One block of the announced size, read into directly: grown from readAll() chunks, the
        // 6 MB answer for 10 000 people left 2.7 MB of heap behind that glibc could not give
        // back (bench/agent-memory.sh).
        if (body->isEmpty()) {
            const qint64 announced =
                reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
            if (announced > 0 && announced <= maxAnswerBytes)
                body->reserve(announced + answerSpareBytes);
        }
        // Read straight into the block: readAll() would allocate a chunk per call.
        if (const qint64 available = reply->bytesAvailable(); available > 0) {
            const qsizetype before = body->size();
            body->resize(before + qsizetype(available));
            const qint64 got = reply->read(body->data() + before, available);
            body->resize(before + qsizetype(std::max<qint64>(got, 0)));
        }
        if (body->size() > maxAnswerBytes) {
            reply->setProperty(tooLargeProperty, true);
            *body = QByteArray();
            reply->abort();
        }
    });
    // The transfer timeout only measures silence; a server that trickles a byte at a time
    // would hold the request (and the schedule behind it) forever without this.
    if (exchange->timeoutMs > 0) {
        auto *deadline = new QTimer(reply);
        deadline->setSingleShot(true);
        connect(deadline, &QTimer::timeout, reply, [reply] {
            reply->setProperty(deadlineProperty, true);
            reply->abort();
        });
        deadline->start(std::chrono::milliseconds(exchange->timeoutMs) * 2);
    }
    connect(reply, &QNetworkReply::finished, this,
            [this, exchange, reply, body] { finishHop(exchange, reply, std::move(*body)); });
    return reply;
}

void ZulipClient::finishHop(const std::shared_ptr<Exchange> &exchange, QNetworkReply *reply,
                            QByteArray body) {
    // Redirects are followed here, one hop at a time, and only within the account's origin.
    // The first reply is the caller's handle for the whole exchange: it goes with the last hop.
    const auto endExchange = [&] {
        reply->deleteLater();
        if (exchange->head && exchange->head != reply)
            exchange->head->deleteLater();
    };
    if (!reply->property(pendingCallbackProperty).toBool()) {
        endExchange(); // aborted on purpose
        return;
    }
    reply->setProperty(pendingCallbackProperty, false);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QUrl location = reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
    if (status >= 300 && status < 400 && location.isValid() && !exchange->parting &&
        reply->error() == QNetworkReply::NoError) {
        const QUrl target = reply->url().resolved(location);
        if (const QString refusal = redirectRefusal(*exchange, status, target);
            !refusal.isEmpty()) {
            reply->setProperty(redirectRefusedProperty, refusal);
        } else {
            if (reply != exchange->head)
                reply->deleteLater();
            --exchange->redirectsLeft;
            QNetworkRequest next = reply->request();
            next.setUrl(target);
            startHop(exchange, next);
            return;
        }
    }
    const ApiResult result = classify(reply, exchange->parsing, std::move(body));
    if (!result.ok())
        qCInfo(lcApi).noquote() << reply->url().path() << "->" << kindName(result.kind)
                                << result.httpStatus << result.message;
    endExchange();
    if (exchange->callback)
        exchange->callback(result);
}

QString ZulipClient::serverLabel(const QUrl &site) {
    return site.adjusted(QUrl::RemoveUserInfo).authority();
}

QString ZulipClient::redirectRefusal(const Exchange &exchange, int status,
                                     const QUrl &target) const {
    // Anywhere else would hand over the API key, or leave https, or leave loopback for http.
    if (!sameOrigin(target, m_account.site))
        return tr("The server %1 redirected the request to %2; it was not followed, so your API "
                  "key went nowhere else. Check the server address.")
            .arg(m_account.site.host(),
                 target.adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery)
                     .toString());
    // Following would turn the request into a GET without its form.
    const bool post = exchange.method == Method::Post;
    if ((post || exchange.method == Method::Patch) && status >= 301 && status <= 303)
        return tr("The server %1 answered a %2 request with redirect %3 to %4, which would drop "
                  "what was sent; it was not followed. Check the server address.")
            .arg(m_account.site.host(), post ? QStringLiteral("POST") : QStringLiteral("PATCH"))
            .arg(status)
            .arg(target.path());
    if (exchange.redirectsLeft <= 0)
        return tr("The server %1 redirected the request more than %2 times; it was given up. "
                  "Check the server address.")
            .arg(m_account.site.host())
            .arg(maxRedirects);
    return {};
}

void ZulipClient::abortAll() {
    const QList<QNetworkReply *> replies = m_network.findChildren<QNetworkReply *>();
    for (QNetworkReply *reply : replies) {
        if (reply->property(pendingCallbackProperty).toBool() &&
            !reply->property(partingProperty).toBool()) {
            reply->setProperty(pendingCallbackProperty, false);
            reply->abort();
        }
    }
}

int ZulipClient::requestsInFlight() const {
    int n = 0;
    for (const QNetworkReply *reply : m_network.findChildren<QNetworkReply *>())
        n += reply->property(pendingCallbackProperty).toBool() ? 1 : 0;
    return n;
}

ApiResult ZulipClient::classify(QNetworkReply *reply, BodyParsing parsing, QByteArray body) const {
    ApiResult result;
    result.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (!reply->property(tooLargeProperty).toBool()) {
        if (reply->isOpen())
            body += reply->readAll();
        result.body = std::move(body);
    }
    if (QByteArray date = reply->rawHeader("Date"); !date.isEmpty()) {
        // HTTP dates end in "GMT", which Qt 6.4's RFC 2822 parser does not take.
        if (date.endsWith(" GMT"))
            date = date.chopped(4) + " +0000";
        const QDateTime when = QDateTime::fromString(QString::fromLatin1(date), Qt::RFC2822Date);
        if (when.isValid())
            result.serverDate = double(when.toMSecsSinceEpoch()) / 1000.0;
    }
    const QNetworkReply::NetworkError error = reply->error();

    bool isJsonObject = false;
    if (parsing == BodyParsing::EnvelopeOnly) {
        if (const std::optional<QJsonObject> envelope = jsonEnvelope(result.body)) {
            isJsonObject = true;
            result.json = *envelope;
        }
    } else {
        QJsonParseError parseError{};
        const QJsonDocument doc = QJsonDocument::fromJson(result.body, &parseError);
        isJsonObject = parseError.error == QJsonParseError::NoError && doc.isObject();
        if (isJsonObject)
            result.json = doc.object();
    }
    result.code = result.json.value(QLatin1String("code")).toString();
    const QString serverMsg = shortenForMessage(result.json.value(QLatin1String("msg")).toString());
    result.serverMsg = serverMsg;

    if (const QString refusal = reply->property(redirectRefusedProperty).toString();
        !refusal.isEmpty()) {
        result.kind = ApiResult::Kind::ServerError;
        result.message = refusal;
        return result;
    }
    if (reply->property(tooLargeProperty).toBool()) {
        result.kind = ApiResult::Kind::BadAnswer;
        result.message = tr("The server's answer was larger than %1 MB; it was not read.")
                             .arg(maxAnswerBytes / (1024 * 1024));
        return result;
    }
    if (reply->property(deadlineProperty).toBool()) {
        result.kind = ApiResult::Kind::Timeout;
        result.message =
            tr("The server %1 did not finish its answer in time.").arg(m_account.site.host());
        return result;
    }
    if (result.httpStatus == 0) {
        // No HTTP answer at all.
        if (error == QNetworkReply::OperationCanceledError ||
            error == QNetworkReply::TimeoutError) {
            result.kind = ApiResult::Kind::Timeout;
            result.message =
                tr("The server %1 did not answer in time.").arg(serverLabel(m_account.site));
        } else if (error == QNetworkReply::SslHandshakeFailedError ||
                   (reply->url().scheme() == QLatin1String("https") &&
                    !reply->property(encryptedProperty).toBool() &&
                    (error == QNetworkReply::RemoteHostClosedError ||
                     error == QNetworkReply::ProtocolFailure))) {
            // A server that hangs up mid-handshake is not speaking TLS on that port.
            result.kind = ApiResult::Kind::NetworkError;
            // With its port, as below: TLS spoken to a plain port is a common slip.
            result.message = tr("The secure connection to %1 failed: %2.")
                                 .arg(serverLabel(m_account.site), qtErrorWords(reply));
        } else if (error == QNetworkReply::HostNotFoundError) {
            result.kind = ApiResult::Kind::NetworkError;
            result.message = tr("The server name %1 cannot be found; check the address and the "
                                "network.")
                                 .arg(m_account.site.host());
        } else {
            result.kind = ApiResult::Kind::NetworkError;
            // With its port: a refused connection is as often the wrong port as a server down.
            result.message = tr("The server %1 cannot be reached: %2.")
                                 .arg(serverLabel(m_account.site), qtErrorWords(reply));
        }
        return result;
    }

    // A switched-off account or organization (401 since feature level 76, 403 before): no
    // retry can help, and "check the key" would send the person the wrong way.
    if (result.httpStatus == 401 || result.httpStatus == 403) {
        if (const QString off =
                deactivationSentence(result.code, m_account.email, m_account.site.host());
            !off.isEmpty()) {
            result.kind = ApiResult::Kind::Unauthorized;
            result.message = off;
            return result;
        }
    }
    // Zulip's refusals carry its envelope ({"result": "error", "msg": ...}); an API gateway's
    // JSON in front of it does not, and must not stop the agent as a wrong key would.
    const bool zulipRefusal =
        isJsonObject &&
        result.json.value(QLatin1String("result")).toString() == QLatin1String("error");
    if (result.httpStatus == 401 && !zulipRefusal) {
        // Not Zulip's answer: a proxy, a single sign-on or captive-portal page in front of it.
        // Such a page comes and goes; the key is not to blame, so this is retried.
        result.kind = ApiResult::Kind::ServerError;
        result.message = tr("%1 asks for a login of its own before Zulip (HTTP 401, not Zulip's "
                            "answer); a proxy or single sign-on page may be in the way.")
                             .arg(m_account.site.host());
        return result;
    }
    if (result.httpStatus == 401) {
        result.kind = ApiResult::Kind::Unauthorized;
        result.message =
            serverMsg.isEmpty()
                ? tr("The server did not accept the email and API key.")
                : tr("The server did not accept the email and API key: %1").arg(serverMsg);
        return result;
    }
    if (result.httpStatus == 429) {
        result.kind = ApiResult::Kind::RateLimited;
        result.retryAfterSeconds = retryAfterFrom(reply, result.json);
        // Without a wait named (a proxy's 429), the agent's own backoff decides.
        result.message = result.retryAfterSeconds > 0
                             ? tr("The server asks us to slow down; waiting %1 s.")
                                   .arg(std::ceil(result.retryAfterSeconds))
                             : tr("The server asks us to slow down; waiting a little.");
        return result;
    }
    if (result.httpStatus >= 500 || (!isJsonObject && result.httpStatus >= 300)) {
        result.kind = ApiResult::Kind::ServerError;
        result.message =
            isJsonObject && !serverMsg.isEmpty()
                ? tr("The server had a problem (HTTP %1): %2").arg(result.httpStatus).arg(serverMsg)
                : tr("The server answered with HTTP %1 and no Zulip data; a proxy or "
                     "the server itself may be failing.")
                      .arg(result.httpStatus);
        return result;
    }
    if (!isJsonObject && error != QNetworkReply::NoError) {
        // The headers came, the body did not (all of it): say that, not "a proxy page".
        const bool stalled =
            error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError;
        result.kind = stalled ? ApiResult::Kind::Timeout : ApiResult::Kind::NetworkError;
        result.message =
            stalled
                ? tr("The server %1 stopped answering partway through.").arg(m_account.site.host())
                : tr("The server %1 broke off its answer: %2.")
                      .arg(serverLabel(m_account.site), qtErrorWords(reply));
        return result;
    }
    if (!isJsonObject) {
        result.kind = ApiResult::Kind::BadAnswer;
        result.message = result.body.isEmpty()
                             ? tr("The server's answer was empty.")
                             : tr("The server's answer is not Zulip's JSON (is a proxy or login "
                                  "page in the way?).");
        return result;
    }
    const QString status = result.json.value(QLatin1String("result")).toString();
    if (result.httpStatus >= 400 || status == QLatin1String("error")) {
        result.kind = ApiResult::Kind::ZulipError;
        result.message =
            serverMsg.isEmpty()
                ? tr("The server refused the request (HTTP %1).").arg(result.httpStatus)
                : serverMsg;
        return result;
    }
    if (status != QLatin1String("success")) {
        result.kind = ApiResult::Kind::BadAnswer;
        result.message = tr("The server's answer does not say whether it succeeded.");
        return result;
    }
    result.kind = ApiResult::Kind::Success;
    return result;
}

} // namespace zp
