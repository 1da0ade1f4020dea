#include "zulip/ApiResult.h"

#include <QCoreApplication>

#include <cmath>

namespace zp {

QString kindName(ApiResult::Kind kind) {
    switch (kind) {
    case ApiResult::Kind::Success:
        return QStringLiteral("success");
    case ApiResult::Kind::Unauthorized:
        return QStringLiteral("unauthorized");
    case ApiResult::Kind::RateLimited:
        return QStringLiteral("rate-limited");
    case ApiResult::Kind::ZulipError:
        return QStringLiteral("zulip-error");
    case ApiResult::Kind::ServerError:
        return QStringLiteral("server-error");
    case ApiResult::Kind::NetworkError:
        return QStringLiteral("network-error");
    case ApiResult::Kind::Timeout:
        return QStringLiteral("timeout");
    case ApiResult::Kind::BadAnswer:
        return QStringLiteral("bad-answer");
    }
    return QStringLiteral("unknown");
}

QString printableText(const QString &text) {
    QString out;
    out.reserve(text.size());
    for (const QChar ch : text) {
        const char16_t code = ch.unicode();
        if ((code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069))
            continue;
        if (ch.category() == QChar::Other_Control || ch == QChar::LineSeparator ||
            ch == QChar::ParagraphSeparator)
            out += QLatin1Char(' ');
        else
            out += ch;
    }
    return out;
}

QString tryAgainSentence(const ApiResult &result) {
    return result.retryAfterSeconds > 0
               ? QCoreApplication::translate("zp::ApiResult",
                                             "The server asks us to slow down; try again in %1 s.")
                     .arg(std::ceil(result.retryAfterSeconds))
               : QCoreApplication::translate("zp::ApiResult",
                                             "The server asks us to slow down; try again later.");
}

} // namespace zp
