#include "Faults.h"

#include "HttpStatus.h"
#include "Json.h"

#include <QJsonObject>
#include <QLocale>

namespace zp::devrealm {

FaultSpec FaultSpec::zulipError(const QString &path, int status, const QString &code,
                                const QString &msg, int count, double retryAfterSecs) {
    FaultSpec f;
    f.kind = Kind::HttpError;
    f.path = path;
    f.count = count;
    f.httpStatus = status;
    QJsonObject body{{"result", "error"}};
    QString defaultCode = QStringLiteral("BAD_REQUEST");
    QString defaultMsg = QStringLiteral("Injected error");
    if (status == 401) {
        defaultCode = QStringLiteral("UNAUTHORIZED");
        defaultMsg = QStringLiteral("Invalid API key");
        f.headers.append(
            qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Basic realm=\"zulip\"")));
    } else if (status == 429) {
        defaultCode = QStringLiteral("RATE_LIMIT_HIT");
        defaultMsg = QStringLiteral("API usage exceeded rate limit");
    } else if (status >= 500) {
        defaultCode.clear(); // Zulip's 500 answer has no code
        defaultMsg = QStringLiteral("Internal server error");
    }
    body.insert("msg", msg.isEmpty() ? defaultMsg : msg);
    if (!code.isEmpty() || !defaultCode.isEmpty())
        body.insert("code", code.isEmpty() ? defaultCode : code);
    if (retryAfterSecs >= 0) {
        body.insert("retry-after", retryAfterSecs);
        f.headers.append(
            qMakePair(QByteArray("Retry-After"),
                      QByteArray::number(retryAfterSecs, 'g', QLocale::FloatingPointShortest)));
    }
    f.body = compactJson(body);
    f.contentType = "application/json";
    return f;
}

void FaultInjector::add(const FaultSpec &fault) {
    if (fault.count > 0)
        m_faults.append(fault);
}

std::optional<FaultSpec> FaultInjector::take(const QString &method, const QString &path) {
    for (qsizetype i = 0; i < m_faults.size(); ++i) {
        FaultSpec &f = m_faults[i];
        const bool pathMatches =
            f.path.endsWith(u'*') ? path.startsWith(f.path.chopped(1)) : path == f.path;
        if (!pathMatches || (!f.method.isEmpty() && f.method.compare(method, Qt::CaseInsensitive)))
            continue;
        FaultSpec taken = f;
        if (--f.count <= 0)
            m_faults.removeAt(i);
        return withDefaults(taken);
    }
    return std::nullopt;
}

int FaultInjector::pending() const {
    int n = 0;
    for (const FaultSpec &f : m_faults)
        n += f.count;
    return n;
}

FaultSpec FaultInjector::withDefaults(FaultSpec f) {
    using Kind = FaultSpec::Kind;
    const bool noBody = f.body.isEmpty();
    switch (f.kind) {
    case Kind::HttpError:
        f.httpStatus = f.httpStatus ? f.httpStatus : 500;
        if (noBody)
            f.body =
                compactJson(QJsonObject{{"result", "error"}, {"msg", "Internal server error"}});
        break;
    case Kind::NonJson:
        f.httpStatus = f.httpStatus ? f.httpStatus : 502;
        if (noBody) { // what nginx in front of a Zulip server sends when the app is down
            const QByteArray title =
                QByteArray::number(f.httpStatus) + ' ' + reasonPhrase(f.httpStatus);
            f.body = "<html>\r\n<head><title>" + title +
                     "</title></head>\r\n<body>\r\n<center><h1>" + title +
                     "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        }
        if (f.contentType.isEmpty())
            f.contentType = "text/html";
        break;
    case Kind::WrongShape:
        f.httpStatus = f.httpStatus ? f.httpStatus : 200;
        // Valid JSON in which every field a presence client reads has the wrong type.
        if (noBody)
            f.body = R"({"result":"success","msg":"","presences":["not","an","object"],)"
                     R"("server_timestamp":"soon","presence_last_update_id":"7",)"
                     R"("queue_id":17,"last_event_id":"x","events":{"0":"heartbeat"},)"
                     R"("members":null,"zulip_feature_level":"372"})";
        break;
    case Kind::Truncated:
        f.httpStatus = f.httpStatus ? f.httpStatus : 200;
        if (noBody)
            f.body = R"({"result":"success","msg":"","presences":{"14":{"active_timestamp":)"
                     R"(1700000000,"idle_timestamp":1700000000}},"server_timestamp":1700000000.5,)"
                     R"("presence_last_update_id":42})";
        break;
    case Kind::Delay:
    case Kind::CloseConnection:
        break;
    }
    if (f.contentType.isEmpty())
        f.contentType = "application/json";
    return f;
}

QString FaultInjector::kindName(FaultSpec::Kind kind) {
    switch (kind) {
    case FaultSpec::Kind::HttpError:
        return QStringLiteral("error");
    case FaultSpec::Kind::Truncated:
        return QStringLiteral("truncated");
    case FaultSpec::Kind::NonJson:
        return QStringLiteral("non_json");
    case FaultSpec::Kind::WrongShape:
        return QStringLiteral("wrong_shape");
    case FaultSpec::Kind::Delay:
        return QStringLiteral("delay");
    case FaultSpec::Kind::CloseConnection:
        return QStringLiteral("close");
    }
    return {};
}

std::optional<FaultSpec::Kind> FaultInjector::kindFromName(const QString &name) {
    for (auto kind :
         {FaultSpec::Kind::HttpError, FaultSpec::Kind::Truncated, FaultSpec::Kind::NonJson,
          FaultSpec::Kind::WrongShape, FaultSpec::Kind::Delay, FaultSpec::Kind::CloseConnection}) {
        if (kindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

} // namespace zp::devrealm
