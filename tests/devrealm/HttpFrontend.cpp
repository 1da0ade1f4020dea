// The HTTP side: requests in, faults, authentication, rate limits, logging, answers out.
//
// QHttpServer's router is not used. Every request goes through one dispatcher so that faults,
// the log and the rate limiter see all of them, and answers are written straight to the socket
// so that any status line, a truncated body or a closed connection can be produced.
#include "Avatars.h"
#include "DevRealmPrivate.h"
#include "HttpStatus.h"

#include <QAbstractHttpServer>
#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QLocale>
#include <QMetaEnum>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpSocket>
#include <QTimeZone>
#include <QTimer>
#include <cmath>
#include <zlib.h>

namespace zp::devrealm {

class HttpFrontend : public QAbstractHttpServer {
public:
    explicit HttpFrontend(DevRealmPrivate *realm) : QAbstractHttpServer(realm), m_realm(realm) {}

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override {
        auto ex = std::make_shared<Exchange>();
        HttpRequest &r = ex->request;
        r.method = QString::fromLatin1(QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(
                                           int(request.method())))
                       .toUpper();
        r.path = request.url().path(QUrl::FullyDecoded);
        r.headers = request.headers();
        r.query = parseFormEncoded(request.url().query(QUrl::FullyEncoded).toUtf8());
        const QByteArray type = r.header("Content-Type").toLower();
        if (type.isEmpty() || type.startsWith("application/x-www-form-urlencoded"))
            r.form = parseFormEncoded(request.body());
        r.params.add(r.query);
        r.params.add(r.form);
        ex->socket = socket;
        ex->responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
        m_realm->onRequest(ex);
        return true;
    }

    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override {}

private:
    DevRealmPrivate *m_realm;
};

QByteArray HttpRequest::header(const QByteArray &name) const {
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

namespace {

struct TlsFiles {
    QSslCertificate certificate;
    QSslKey key;
    QString problem;
};

TlsFiles loadTlsFiles(const QString &certPath, const QString &keyPath) {
    TlsFiles files;
    QFile cert(certPath), key(keyPath);
    if (!cert.open(QIODevice::ReadOnly)) {
        files.problem =
            QStringLiteral("cannot read the certificate %1: %2").arg(certPath, cert.errorString());
        return files;
    }
    if (!key.open(QIODevice::ReadOnly)) {
        files.problem =
            QStringLiteral("cannot read the key %1: %2").arg(keyPath, key.errorString());
        return files;
    }
    files.certificate = QSslCertificate(cert.readAll(), QSsl::Pem);
    if (files.certificate.isNull()) {
        files.problem = QStringLiteral("%1 holds no PEM certificate").arg(certPath);
        return files;
    }
    const QByteArray keyPem = key.readAll();
    // The algorithm must be named; a key read as the wrong one is null, and a server with a
    // null key fails every handshake.
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec}) {
        files.key = QSslKey(keyPem, algorithm, QSsl::Pem);
        if (!files.key.isNull())
            return files;
    }
    files.problem =
        QStringLiteral("%1 holds no unencrypted PEM RSA or EC private key").arg(keyPath);
    return files;
}

} // namespace

QString DevRealm::tlsProblem(const QString &certPath, const QString &keyPath) {
    return loadTlsFiles(certPath, keyPath).problem;
}

quint16 DevRealm::listen(quint16 port) {
    if (!d->server) {
        TlsFiles tls;
        if (!d->options.tlsCertPath.isEmpty()) {
            tls = loadTlsFiles(d->options.tlsCertPath, d->options.tlsKeyPath);
            if (!tls.problem.isEmpty())
                return 0;
        }
        d->server = new HttpFrontend(d.get());
        if (!tls.certificate.isNull())
            d->server->sslSetup(tls.certificate, tls.key);
    }
    d->port = d->server->listen(QHostAddress::LocalHost, port);
    return d->port;
}

namespace {

QByteArray httpDate(qint64 unixMs) {
    return QLocale::c()
        .toString(QDateTime::fromMSecsSinceEpoch(unixMs, QTimeZone::utc()),
                  QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
        .toLatin1();
}

QByteArray gzipCompress(const QByteArray &data) {
    z_stream zs{};
    // windowBits 15 + 16: a gzip wrapper, as nginx in front of Zulip sends.
    if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK)
        return data;
    QByteArray out(int(deflateBound(&zs, uLong(data.size()))), Qt::Uninitialized);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    deflate(&zs, Z_FINISH);
    out.truncate(qsizetype(zs.total_out));
    deflateEnd(&zs);
    return out;
}

QByteArray pythonFloat(double value) {
    return QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

const QStringList kMaskedParams = {QStringLiteral("password"), QStringLiteral("api_key")};

} // namespace

void DevRealmPrivate::onRequest(const ExchangePtr &ex) {
    RequestLogEntry &log = ex->log;
    log.monotonicMs = monotonic.elapsed();
    log.wallTime = QDateTime::currentDateTimeUtc();
    log.method = ex->request.method;
    log.path = ex->request.path;
    RequestParams query, form;
    query.add(ex->request.query);
    form.add(ex->request.form);
    log.query = query.toJson(kMaskedParams);
    log.form = form.toJson(kMaskedParams);

    const QString &path = ex->request.path;
    if (!path.startsWith(u"/devrealm/")) {
        if (const auto fault = faults.take(ex->request.method, path)) {
            ex->log.fault = FaultInjector::kindName(fault->kind);
            if (fault->kind != FaultSpec::Kind::Delay) {
                serveFault(ex, *fault);
                return;
            }
            QTimer::singleShot(fault->delayMs, this, [this, ex] {
                if (ex->socket)
                    route(ex);
                else
                    finishLog(ex, 0, 0, {}); // the client gave up while we waited
            });
            return;
        }
    }
    route(ex);
}

namespace {
bool isGetOrHead(const ExchangePtr &ex) {
    return ex->request.method == u"GET" || ex->request.method == u"HEAD";
}
} // namespace

void DevRealmPrivate::route(const ExchangePtr &ex) {
    const QString &path = ex->request.path;
    try {
        if (path.startsWith(u"/devrealm/")) {
            send(ex, control(ex, path.mid(10)));
        } else if (path.startsWith(u"/api/v1/")) {
            routeApi(ex, path.mid(8));
        } else if (isGetOrHead(ex) && path.startsWith(u"/avatar/")) {
            send(ex, avatarRedirect(ex, path.mid(8)));
        } else if (isGetOrHead(ex) &&
                   (path.startsWith(u"/user_avatars/") || path.startsWith(u"/gravatar/"))) {
            send(ex, {200, avatarPng(path.toUtf8()), "image/png", {}, {}});
        } else {
            send(ex, {404, "Not Found\n", "text/plain", {}, {}});
        }
    } catch (const ApiError &error) {
        send(ex, errorResponse(error));
    }
}

HttpResponse DevRealmPrivate::errorResponse(const ApiError &error) const {
    JsonWriter w;
    w.beginObject().field("result", "error").field("msg", error.msg);
    if (!error.omitCode)
        w.field("code", error.code);
    w.members(compactJson(error.extra));
    w.endObject();
    HttpResponse r;
    r.status = error.status;
    r.body = w.take() + '\n';
    r.headers = error.headers;
    r.errorCode = error.omitCode ? QString() : error.code;
    return r;
}

QByteArray DevRealmPrivate::success(const std::function<void(JsonWriter &)> &fill,
                                    const QStringList &ignored) const {
    JsonWriter w;
    w.beginObject().field("result", "success").field("msg", "");
    if (fill)
        fill(w);
    if (!ignored.isEmpty() && atLeast(167)) {
        w.key("ignored_parameters_unsupported").beginArray();
        for (const QString &name : ignored)
            w.value(name);
        w.endArray();
    }
    w.endObject();
    return w.take() + '\n';
}

QStringList DevRealmPrivate::ignoredParams(const HttpRequest &request,
                                           const QStringList &known) const {
    QStringList ignored;
    for (const QString &name : request.params.names()) {
        if (!known.contains(name))
            ignored.append(name);
    }
    return ignored;
}

// GET /avatar/{user_id} (and .../medium), which clients with user_avatar_url_field_optional
// use for people sent without avatar_url: with the API's credentials, a redirect to the
// avatar's real address.
HttpResponse DevRealmPrivate::avatarRedirect(const ExchangePtr &ex, const QString &rest) {
    const User &caller = authenticate(ex);
    QString id = rest;
    if (id.endsWith(u"/medium"))
        id.chop(7);
    bool ok = false;
    const User *user = users.byId(id.toInt(&ok));
    if (!ok || !user)
        return {404, "Not Found\n", "text/plain", {}, {}};
    const QString target = UserDirectory::avatarUrl(*user, userOptions(&caller, false, false));
    return {302, {}, "text/plain", {{"Location", target.toUtf8()}}, {}};
}

User &DevRealmPrivate::authenticate(const ExchangePtr &ex) {
    auto unauthorized = [](const QString &msg) {
        return ApiError{401,
                        QStringLiteral("UNAUTHORIZED"),
                        msg,
                        {},
                        {{"WWW-Authenticate", "Basic realm=\"zulip\""}}};
    };
    const QByteArray header = ex->request.header("Authorization");
    if (header.isNull())
        throw unauthorized(QStringLiteral("Missing authorization header for basic auth"));
    const QList<QByteArray> parts = header.simplified().split(' ');
    if (parts.size() != 2)
        throw unauthorized(QStringLiteral("Invalid authorization header for basic auth"));
    if (parts[0].toLower() != "basic")
        throw ApiError::badRequest(
            QStringLiteral("This endpoint requires HTTP basic authentication."));
    const auto decoded =
        QByteArray::fromBase64Encoding(parts[1], QByteArray::AbortOnBase64DecodingErrors);
    const QString credentials = QString::fromUtf8(*decoded);
    const QStringList fields = credentials.split(u':');
    if (!decoded || fields.size() != 2 || credentials.toUtf8() != *decoded)
        throw unauthorized(QStringLiteral("Invalid authorization header for basic auth"));
    const QString email = fields[0].trimmed();
    const QByteArray key = fields[1].trimmed().toUtf8();
    ex->log.user = email;

    static const QRegularExpression keyFormat(QStringLiteral("^[A-Za-z0-9]{32}$"));
    if (!keyFormat.match(QString::fromLatin1(key)).hasMatch())
        throw unauthorized(QStringLiteral("Malformed API key"));
    const User *user = users.byApiKey(key);
    if (!user || user->deliveryEmail.compare(email, Qt::CaseInsensitive) != 0)
        throw unauthorized(QStringLiteral("Invalid API key"));
    if (!user->isActive) // zulip.yaml's UserDeactivatedError: 403 before feature level 76
        throw ApiError{atLeast(76) ? 401 : 403,
                       QStringLiteral("USER_DEACTIVATED"),
                       QStringLiteral("Account is deactivated"),
                       {},
                       {}};
    return *users.byId(user->id);
}

void DevRealmPrivate::applyRateLimit(const ExchangePtr &ex, const User &caller) {
    if (!rateLimiter.enabled())
        return;
    const RateDecision d = rateLimiter.hit(caller.id);
    const qint64 resetAt = qint64(std::floor(double(now()) / 1000.0 + d.secondsToReset));
    ex->rateLimitHeaders = {{"X-RateLimit-Limit", QByteArray::number(d.limit)},
                            {"X-RateLimit-Remaining", QByteArray::number(d.remaining)},
                            {"X-RateLimit-Reset", QByteArray::number(resetAt)}};
    if (d.allowed)
        return;
    ApiError error{429,
                   QStringLiteral("RATE_LIMIT_HIT"),
                   QStringLiteral("API usage exceeded rate limit"),
                   QJsonObject{{"retry-after", d.secondsToReset}},
                   {{"Retry-After", pythonFloat(d.secondsToReset)}}};
    error.omitCode = !atLeast(36); // rate-limit errors got a code in Zulip 4.0
    throw error;
}

void DevRealmPrivate::finishLog(const ExchangePtr &ex, int status, qint64 bytes,
                                const QString &code) {
    ex->log.status = status;
    ex->log.responseBytes = bytes;
    ex->log.errorCode = code;
    log.append(ex->log);
    emit q->requestLogged(ex->log);
}

void DevRealmPrivate::send(const ExchangePtr &ex, HttpResponse r) {
    if (ex->answered)
        return;
    ex->answered = true;
    if (options.logResponseBodies)
        ex->log.responseBody = r.body;
    if (options.gzipAnswers && !r.body.isEmpty() &&
        ex->request.header("Accept-Encoding").toLower().contains("gzip")) {
        r.body = gzipCompress(r.body);
        r.headers.append(qMakePair(QByteArray("Content-Encoding"), QByteArray("gzip")));
        ex->log.contentEncoding = QStringLiteral("gzip");
    }
    finishLog(ex, ex->socket ? r.status : 0, r.body.size(), r.errorCode);
    if (!ex->socket)
        return; // the client has gone; the log shows status 0
    QByteArray out =
        "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + reasonPhrase(r.status) + "\r\n";
    out += "Content-Type: " + r.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n";
    out += "Date: " + httpDate(now()) + "\r\n"; // the realm's clock, like everything else
    for (const auto &[name, value] : std::as_const(ex->rateLimitHeaders) + r.headers)
        out += name + ": " + value + "\r\n";
    // A HEAD answer has the headers of a GET one and no body: a body here would be read as
    // the start of the next answer on the connection.
    out += "\r\n";
    if (ex->request.method != u"HEAD")
        out += r.body;
    ex->socket->write(out);
    ex->responder.reset();
}

void DevRealmPrivate::serveFault(const ExchangePtr &ex, const FaultSpec &f) {
    using Kind = FaultSpec::Kind;
    if (f.kind == Kind::CloseConnection) {
        ex->answered = true;
        finishLog(ex, 0, 0, {});
        if (ex->socket)
            ex->socket->disconnectFromHost();
        ex->responder.reset();
        return;
    }
    QString code;
    if (f.contentType.startsWith("application/json")) {
        const QJsonObject body = QJsonDocument::fromJson(f.body).object();
        if (body.value("result").toString() == u"error")
            code = body.value("code").toString();
    }
    if (f.kind != Kind::Truncated) {
        send(ex, {f.httpStatus, f.body, f.contentType, f.headers, code});
        return;
    }
    // Announce the whole body, send half of it, then close.
    ex->answered = true;
    const QByteArray half = f.body.left(f.body.size() / 2);
    finishLog(ex, f.httpStatus, half.size(), {});
    if (!ex->socket)
        return;
    QByteArray out = "HTTP/1.1 " + QByteArray::number(f.httpStatus) + ' ' +
                     reasonPhrase(f.httpStatus) + "\r\nContent-Type: " + f.contentType +
                     "\r\nContent-Length: " + QByteArray::number(f.body.size()) + "\r\n\r\n" + half;
    ex->socket->write(out);
    ex->socket->disconnectFromHost();
    ex->responder.reset();
}

} // namespace zp::devrealm
