#include "zulip/ApiResult.h"

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

} // namespace zp
