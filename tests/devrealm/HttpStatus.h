#pragma once

#include <QByteArray>

namespace zp::devrealm {

// Reason phrases for the status codes the dev realm sends.
inline QByteArray reasonPhrase(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 302:
        return "Found";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Temporarily Unavailable";
    case 504:
        return "Gateway Time-out";
    default:
        return "Status";
    }
}

} // namespace zp::devrealm
