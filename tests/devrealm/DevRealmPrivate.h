// Internal state of a DevRealm and the operations shared by the HTTP API, the control API,
// the C++ API and the simulation. Not installed; only the dev realm's own files include it.
#pragma once

#include "DevRealm.h"
#include "EventQueues.h"
#include "Faults.h"
#include "Params.h"
#include "PresenceStore.h"
#include "RateLimiter.h"
#include "RequestLog.h"
#include "Users.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QRegularExpression>
#include <functional>
#include <memory>

class QHttpServerResponder;
class QTcpSocket;

namespace zp::devrealm {

class HttpFrontend;
class Simulation;

struct HttpRequest {
    QString method; // upper case
    QString path;   // decoded
    QList<QPair<QString, QString>> query;
    QList<QPair<QString, QString>> form;
    HeaderList headers;
    RequestParams params; // query, then form (the form wins)

    QByteArray header(const QByteArray &name) const;
};

struct HttpResponse {
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    HeaderList headers;
    QString errorCode; // for the log
};

// One request from arrival to answer. Long polls keep it alive until an event arrives.
struct Exchange {
    HttpRequest request;
    std::shared_ptr<QHttpServerResponder> responder;
    QPointer<QTcpSocket> socket;
    RequestLogEntry log;
    HeaderList rateLimitHeaders; // added to every answer once the caller is known
    bool answered = false;
};
using ExchangePtr = std::shared_ptr<Exchange>;

class DevRealmPrivate : public QObject {
public:
    DevRealmPrivate(DevRealm *q, const DevRealmOptions &options);
    ~DevRealmPrivate() override;

    // Clock and identity.
    qint64 now() const { return QDateTime::currentMSecsSinceEpoch() + clockOffsetMs; }
    QString baseUrl() const;
    int featureLevel() const { return options.featureLevel; }
    bool atLeast(int level) const { return options.featureLevel >= level; }
    QString zulipVersion() const;

    // Realm operations.
    ReportOutcome report(int userId, bool active, qint64 atMs);
    void changePresenceEnabled(User &user, bool enabled);
    void setRealmPresenceDisabled(bool disabled);
    User &addUser(const QString &fullName, bool isBot);
    void setUserActive(User &user, bool active);
    void renameUser(User &user, const QString &fullName);
    void changeApiEmail(User &user, const QString &email);
    void sendRestartEvent();
    bool presenceEligible(int userId) const; // active, not a bot
    // Zulip's long_term_idle (soft deactivation after weeks without activity); here: a person
    // with no presence in the last two weeks.
    bool isLongTermIdle(const User &user, qint64 nowMs) const;

    // Events.
    bool sendPresenceEvent(const User &user, bool forced);
    void sendUserSettingEvent(const User &user, const QString &property, bool value);
    void sendRealmUserEvent(const QString &op, const User &user, const QByteArray &partialPerson);
    QByteArray userJson(const User &user, const UserJsonOptions &options) const;
    UserJsonOptions userOptions(const User *viewer, bool clientGravatar, bool profile) const;

    // HTTP plumbing (HttpFrontend.cpp).
    void onRequest(const ExchangePtr &ex);
    void route(const ExchangePtr &ex);
    void send(const ExchangePtr &ex, HttpResponse response);
    void serveFault(const ExchangePtr &ex, const FaultSpec &fault);
    HttpResponse errorResponse(const ApiError &error) const;
    User &authenticate(const ExchangePtr &ex);
    HttpResponse avatarRedirect(const ExchangePtr &ex, const QString &rest);
    void applyRateLimit(const ExchangePtr &ex, const User &caller);
    void finishLog(const ExchangePtr &ex, int status, qint64 bytes, const QString &code);

    // Responses.
    QByteArray success(const std::function<void(JsonWriter &)> &fill,
                       const QStringList &ignored = {}) const;
    QStringList ignoredParams(const HttpRequest &request, const QStringList &known) const;

    // The REST API (ApiEndpoints.cpp). A handler returns its answer, or nullopt if it will
    // answer later (long polls).
    using Handler = std::function<std::optional<HttpResponse>(const ExchangePtr &, User *,
                                                              const QStringList &captures)>;
    struct Endpoint {
        QRegularExpression path; // relative to /api/v1/
        QString method;
        bool authenticated;
        Handler handler;
    };
    void registerEndpoints();
    void routeApi(const ExchangePtr &ex, const QString &apiPath);
    std::optional<HttpResponse> serverSettings(const ExchangePtr &ex);
    std::optional<HttpResponse> fetchApiKey(const ExchangePtr &ex);
    std::optional<HttpResponse> registerQueue(const ExchangePtr &ex, User &caller);
    std::optional<HttpResponse> getEvents(const ExchangePtr &ex, User &caller);
    std::optional<HttpResponse> deleteQueue(const ExchangePtr &ex, User &caller);
    std::optional<HttpResponse> updatePresence(const ExchangePtr &ex, User &caller);
    std::optional<HttpResponse> realmPresence(const ExchangePtr &ex, User &caller);
    std::optional<HttpResponse> userPresence(const ExchangePtr &ex, User &caller,
                                             const QString &idOrEmail);
    std::optional<HttpResponse> listUsers(const ExchangePtr &ex, User &caller);
    std::optional<HttpResponse> getUser(const ExchangePtr &ex, User &caller,
                                        const QString &idOrEmail);
    std::optional<HttpResponse> ownUser(const ExchangePtr &ex, User &caller);
    std::optional<HttpResponse> updateSettings(const ExchangePtr &ex, User &caller,
                                               bool notificationsEndpoint);
    void writePresences(JsonWriter &w, const std::vector<int> &userIds, bool modern) const;

    // The control API (ControlApi.cpp).
    HttpResponse control(const ExchangePtr &ex, const QString &controlPath);
    QJsonObject stateJson() const;

    DevRealm *q;
    DevRealmOptions options;
    qint64 clockOffsetMs = 0;
    qint64 startMs = 0;
    QElapsedTimer monotonic;
    UserDirectory users;
    PresenceStore presence;
    EventQueues *queues;
    Simulation *simulation;
    FaultInjector faults;
    RateLimiter rateLimiter;
    RequestLog log;
    bool realmPresenceDisabled = false;
    HttpFrontend *server = nullptr;
    quint16 port = 0;
    std::vector<Endpoint> endpoints;
};

} // namespace zp::devrealm
