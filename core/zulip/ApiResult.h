#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace zp {

// The outcome of one API request, classified the way the agent must react to it.
struct ApiResult {
    enum class Kind {
        Success,
        Unauthorized, // Zulip's 401, a deactivated account's 403: stop until the account changes
        RateLimited,  // 429: wait retryAfterSeconds
        ZulipError,   // a well-formed Zulip error (4xx with result "error"); see code
        ServerError,  // 5xx, or an answer that is not Zulip's JSON (proxy or portal page)
        NetworkError, // refused, reset, DNS, TLS, or no network
        Timeout,      // no complete answer in time
        BadAnswer,    // 2xx but the body is not the JSON object we need
    };

    Kind kind = Kind::NetworkError;
    int httpStatus = 0;
    QJsonObject json;  // the parsed body when it was a JSON object
    QByteArray body;   // the raw body (for fast paths); never logged whole
    QString code;      // Zulip's machine-readable error code, e.g. BAD_EVENT_QUEUE_ID
    QString message;   // one sentence for the person; never contains the API key
    QString serverMsg; // the server's own "msg", shortened; empty when it sent none
    double retryAfterSeconds = 0;
    // The answer's HTTP Date header in Unix seconds: the server's clock, to the second.
    std::optional<double> serverDate;

    bool ok() const { return kind == Kind::Success; }
    // Worth retrying later without the person doing anything.
    bool isTransient() const {
        return kind == Kind::ServerError || kind == Kind::NetworkError || kind == Kind::Timeout ||
               kind == Kind::BadAnswer || kind == Kind::RateLimited;
    }
};

QString kindName(ApiResult::Kind kind);

// Text from a server (a message, a name) made safe to show anywhere, a terminal included:
// control characters (escape sequences, newlines) become spaces, and bidi overrides and
// isolates, which would reverse the text after them, are dropped. Joiners and marks stay.
QString printableText(const QString &text);

// For a 429 where nothing retries by itself (a one-shot read, a button): when to try again.
QString tryAgainSentence(const ApiResult &result);

} // namespace zp
