// zulip-devrealm: a local Zulip server for tests, the demo and benchmarks.
//
// It speaks the parts of Zulip's REST API a presence agent uses, with the server's own presence
// rules (PRESENCE.md §9), feature-level differences, rate limits, event queues with long
// polling, and a control API (and the same controls as C++ methods) to drive it and inject
// faults. It listens on 127.0.0.1 only.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>
#include <memory>
#include <optional>

namespace zp::devrealm {

struct DevRealmOptions {
    int users = 30;   // every account, bots and the deactivated one included (minimum 6)
    quint64 seed = 1; // names, emails, keys, history and churn all derive from it
    int pingIntervalSecs = 60;
    int offlineThresholdSecs = 200;
    int featureLevel = 372; // 0 = a pre-3.0 server: no feature level anywhere, legacy presence
    QString zulipVersion;   // empty = derived from featureLevel
    double longpollTimeoutSecs = 90; // advertised as event_queue_longpoll_timeout_seconds
    double heartbeatSecs = 0;        // 0 = half the long-poll timeout (Zulip: 45 of 90)
    double queueTimeoutSecs = 600;   // queues without a poll for this long are deleted
    double clockOffsetSecs = 0;      // realm clock = wall clock + offset
    double simSpeed = 1;             // coworkers' sessions are this many times shorter
    bool staticRealm = false;        // no churn: only the initial history
    bool initialHistory = true;      // false = empty presence table at start
    QString password = QStringLiteral("devrealm-password"); // for fetch_api_key, all humans
    QString apiKey;              // the agent's key; empty = derived from seed
    int rateLimitRequests = 200; // per user and window; 0 disables rate limiting
    double rateLimitWindowSecs = 60;
    QString requestLogPath;         // JSON lines, one per request; empty = memory only
    bool logResponseBodies = false; // the log also keeps each answer's body (contract tests)
    bool gzipAnswers = false;       // gzip answers for clients sending Accept-Encoding: gzip
    QString tlsCertPath;            // with tlsKeyPath (PEM): serve https instead of http
    QString tlsKeyPath;
};

enum class PresenceStatus { Active, Idle };

// A fault served instead of (or, for Delay, before) the normal answer to the next `count`
// requests whose path matches. The request then has no effect on the realm, except Delay.
struct FaultSpec {
    enum class Kind {
        HttpError,       // status + body (default: a Zulip error envelope; see README)
        Truncated,       // status line and headers announce the full body; half is sent
        NonJson,         // status + a non-JSON body (default: an nginx-style HTML page)
        WrongShape,      // 200 + valid JSON with the wrong shape/types
        Delay,           // wait delayMs, then answer normally
        CloseConnection, // close the TCP connection without answering
    };
    Kind kind = Kind::HttpError;
    QString path;   // exact path, or a prefix ending with '*'
    QString method; // empty = any method
    int count = 1;
    int httpStatus = 0; // 0 = the kind's default (error 500, non_json 502, others 200)
    QByteArray body;    // empty = a default for the kind
    QByteArray contentType;
    QList<QPair<QByteArray, QByteArray>> headers;
    int delayMs = 0;

    // An error with Zulip's envelope {result, msg, code}. An empty code or msg takes the
    // status's usual one (401 UNAUTHORIZED + WWW-Authenticate, 429 RATE_LIMIT_HIT, 500 without
    // code like Zulip's "Internal server error"). retryAfterSecs >= 0 adds "retry-after" to the
    // body and a Retry-After header.
    static FaultSpec zulipError(const QString &path, int status, const QString &code = {},
                                const QString &msg = {}, int count = 1, double retryAfterSecs = -1);
};

struct ReportOutcome {
    bool created = false;   // the user had no presence row
    bool wrote = false;     // a time was written (the row got a new last_update_id)
    bool eventSent = false; // a presence event was queued
    qint64 lastUpdateId = -1;
};

struct PresenceRowInfo {
    std::optional<qint64> lastActiveMs; // realm-clock UNIX ms
    std::optional<qint64> lastConnectedMs;
    qint64 lastUpdateId = 0;
};

struct RequestLogEntry {
    qint64 monotonicMs = 0; // since the realm started
    QDateTime wallTime;
    QString method;
    QString path;
    QJsonObject query; // decoded
    QJsonObject form;  // decoded; password fields masked
    QString user;      // the Authorization email, never the key; empty if none
    int status = 0;
    QString errorCode; // the response's `code`, if an error
    qint64 responseBytes = 0;
    QString fault;           // the injected fault kind, if any
    QByteArray responseBody; // only with DevRealmOptions::logResponseBodies
    QString contentEncoding; // "gzip" when the answer was compressed

    QJsonObject toJson() const;
};

class DevRealmPrivate;

class DevRealm : public QObject {
    Q_OBJECT

public:
    explicit DevRealm(const DevRealmOptions &options = {}, QObject *parent = nullptr);
    ~DevRealm() override;

    // Binds 127.0.0.1:port (0 = any free port). Returns the port, or 0 on failure (including
    // TLS files that tlsProblem() would complain about).
    quint16 listen(quint16 port = 0);
    // Empty when the PEM certificate and key (RSA or EC) can serve https; else one sentence
    // naming the file at fault.
    static QString tlsProblem(const QString &certPath, const QString &keyPath);
    QUrl baseUrl() const;
    const DevRealmOptions &options() const;
    int featureLevel() const;

    // The agent's account.
    int ownUserId() const;
    QString ownEmail() const;
    QString ownApiKey() const;
    QString password() const;
    // Writes a zuliprc ([api] email, key, site) with mode 0600.
    bool writeZuliprc(const QString &path) const;

    // Special accounts (stable ids, see README).
    int botUserId() const;
    int deactivatedUserId() const;
    int presenceDisabledUserId() const;
    int restrictedEmailUserId() const; // its API email is a fake user<ID>@ address

    // Every account.
    QList<int> userIds() const;
    bool hasUser(int userId) const;
    QString emailOf(int userId) const;         // Zulip API email
    QString deliveryEmailOf(int userId) const; // login email
    QString apiKeyOf(int userId) const;
    QString fullNameOf(int userId) const;
    bool isBot(int userId) const;
    bool isActive(int userId) const;
    qint64 dateJoinedMs(int userId) const;

    // The realm's clock (wall clock + offset). Every timestamp the realm serves uses it.
    qint64 realmNowMs() const;
    double clockOffsetSecs() const;
    void setClockOffsetSecs(double offset);

    // Presence, through the same write path as POST /users/me/presence (55 s gate, events).
    ReportOutcome reportPresence(int userId, PresenceStatus status, double atOffsetSecs = 0);
    ReportOutcome reportPresenceAt(int userId, PresenceStatus status, qint64 realmMs);
    // Sets a row directly (no gate); the row gets the next last_update_id. nullopt = null time.
    void setPresenceRow(int userId, std::optional<qint64> lastActiveMs,
                        std::optional<qint64> lastConnectedMs);
    void clearPresenceRow(int userId);
    std::optional<PresenceRowInfo> presenceRow(int userId) const;
    qint64 presenceSequence() const; // the realm's latest last_update_id (0 = none yet)

    // The user setting, with Zulip's side effects (§9.6 backdating, events).
    void setPresenceEnabled(int userId, bool enabled);
    bool presenceEnabled(int userId) const;
    void setRealmPresenceDisabled(bool disabled);
    bool realmPresenceDisabled() const;

    // Users; each change sends realm_user events.
    int addUser(const QString &fullName, bool isBot = false);
    void deactivateUser(int userId);
    void reactivateUser(int userId);
    void renameUser(int userId, const QString &fullName);
    // A new Zulip API email (the address changed, or its visibility did): a realm_user update
    // with new_email, as zulip.yaml describes.
    void changeApiEmail(int userId, const QString &email);

    // Event queues.
    void sendRestartEvent();
    void expireAllQueues();
    int queueCount() const;
    int heldPollCount() const;

    // Faults.
    void injectFault(const FaultSpec &fault);
    void clearFaults();
    int pendingFaultCount() const;

    // Request log (in memory; also written to options().requestLogPath).
    QList<RequestLogEntry> requestLog() const;
    void clearRequestLog();
    void resetRateLimits();

signals:
    void requestLogged(const zp::devrealm::RequestLogEntry &entry);

private:
    std::unique_ptr<DevRealmPrivate> d;
};

} // namespace zp::devrealm
