#include "agent/PresenceAgent.h"

#include "platform/FreedMemory.h"
#include "presence/FastPresenceParser.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QRandomGenerator>

#include <cmath>
#include <utility>

Q_LOGGING_CATEGORY(lcAgent, "zp.agent")

namespace zp {

using namespace std::chrono_literals;

namespace {

// Feature levels at which the protocol changed (PRESENCE.md §12).
constexpr int flSlimPresence = 1;          // Zulip 3.0: slim_presence, modern format
constexpr int flAvatarUrlOptional = 18;    // Zulip 3.0: user_avatar_url_field_optional
constexpr int flSettingsNamesIgnored = 78; // PATCH /settings: ignored_parameters_unsupported
constexpr int flSettingsMerged = 80;       // PATCH /settings takes presence_enabled
constexpr int flUserSettingsObject = 89;   // user_settings object in /register
constexpr int flLastUpdateId = 263;        // incremental presence
constexpr int flHistoryLimitDays = 288;    // history_limit_days
constexpr int flSimplifiedPresenceEvents = 419;

// Fallbacks only for servers that do not send the values (below feature level 164).
constexpr int fallbackPingIntervalSecs = 60;
constexpr int fallbackOfflineThresholdSecs = 140;
constexpr int fallbackLongPollTimeoutSecs = 90;

// What the web app asks for, so "last seen" can say more than "not in the last two weeks".
constexpr qint64 historyLimitDays = 365;

// Coming back from idle is sent at once. Each return needs a full idle threshold (at least
// 1 s) before it, which already bounds the rate; this floor only guards against a backend
// that fires twice in a row.
constexpr double minSecondsBetweenReports = 0.2;

// A JSON number as an id or counter, or `fallback` for anything else (see exactInteger).
qint64 jsonInteger(const QJsonValue &value, qint64 fallback) {
    return value.isDouble() ? exactInteger(value.toDouble()).value_or(fallback) : fallback;
}

int positiveIntOr(const QJsonValue &value, int fallback, int min, int max) {
    if (!value.isDouble())
        return fallback;
    const double d = value.toDouble();
    if (!std::isfinite(d))
        return fallback;
    return int(std::clamp(d, double(min), double(max)));
}

} // namespace

PresenceAgent::PresenceAgent(ZulipClient *client, IdleMonitor *idle, QObject *parent)
    : QObject(parent), m_client(client), m_idle(idle), m_reportBackoff(2s, 60s),
      m_connectBackoff(1s, 60s), m_eventsBackoff(1s, 90s), m_reregisterBackoff(1s, 90s) {
    m_reportTimer.setSingleShot(true);
    connect(&m_reportTimer, &QTimer::timeout, this, &PresenceAgent::onReportTimer);
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, &PresenceAgent::fetchServerSettings);
    m_eventsTimer.setSingleShot(true);
    connect(&m_eventsTimer, &QTimer::timeout, this, &PresenceAgent::pollEvents);
    m_staleTimer.setSingleShot(true);
    connect(&m_staleTimer, &QTimer::timeout, this, &PresenceAgent::onStaleTimeout);
    m_networkBackTimer.setSingleShot(true);
    connect(&m_networkBackTimer, &QTimer::timeout, this, &PresenceAgent::resumeAfterNetworkBack);
    if (m_idle)
        connect(m_idle, &IdleMonitor::idleChanged, this, &PresenceAgent::onIdleChanged);
    // Unlocking turns the monitor active, which onIdleChanged() reports at once; locking is
    // reported at once here, even if the person already counted as idle, whichever source
    // (logind, a screen saver, the Windows or macOS backend) saw it.
    if (m_idle)
        connect(m_idle, &IdleMonitor::lockedChanged, this, [this](bool locked) {
            if (locked)
                sendReportNow();
        });
}

PresenceAgent::~PresenceAgent() {
    // No request from an agent going away: the client may go with it. Exits give the queue
    // back first (closeQueueBeforeExit).
    m_queueId.clear();
    stop();
}

void PresenceAgent::start(Mode mode) {
    stop();
    m_mode = mode;
    m_connectBackoff.reset();
    m_reportBackoff.reset();
    m_eventsBackoff.reset();
    m_reregisterBackoff.reset();
    m_registeredOnce = false;
    setError({});
    setEventsError({});
    setState(State::Connecting);
    fetchServerSettings();
}

void PresenceAgent::forgetOrganization() {
    m_roster.clear();
    m_roster.setOwnUserId(0);
    m_presence.clear();
    // Nothing said about the old server may be shown as said about the new one: its name,
    // the last report, whether presence is off there, our own setting there.
    m_realmName.clear();
    m_lastSuccessfulReport = QDateTime();
    if (m_dataStale) {
        m_dataStale = false;
        Q_EMIT dataStaleChanged(false);
    }
    if (m_realmPresenceDisabled) {
        m_realmPresenceDisabled = false;
        Q_EMIT realmPresenceDisabledChanged(false);
    }
    noteOwnPresenceEnabled(true); // until the new server says otherwise
    m_serverSharesNoPresence = false;
    updatePresenceNotice();
    Q_EMIT rosterChanged();
}

void PresenceAgent::stop() {
    m_networkBackTimer.stop();
    m_reportTimer.stop();
    m_connectTimer.stop();
    m_eventsTimer.stop();
    m_client->abortAll();
    // A restart (a proxy change, another account) must not leave the old queue behind.
    if (const QString queueId = std::exchange(m_queueId, {});
        !queueId.isEmpty() && m_mode == Mode::Report)
        giveQueueBack(queueId);
    setState(State::Stopped);
}

void PresenceAgent::closeQueueBeforeExit(std::chrono::milliseconds wait) {
    // Taken here, so that stop() does not give it back a second time.
    const QString queueId = std::exchange(m_queueId, {});
    stop();
    if (queueId.isEmpty() || m_mode != Mode::Report)
        return;
    // Otherwise the server keeps our queue, and the events it collects, for ten minutes.
    // Blocking is right here: the process ends as soon as this returns.
    QEventLoop loop;
    giveQueueBack(
        queueId, [&loop] { loop.quit(); }, wait);
    QTimer::singleShot(wait, &loop, &QEventLoop::quit);
    loop.exec();
}

void PresenceAgent::giveQueueBack(const QString &queueId, std::function<void()> then,
                                  std::chrono::milliseconds wait) {
    m_client->sendParting(
        ZulipClient::Method::Delete, QStringLiteral("events"),
        {{QStringLiteral("queue_id"), queueId}},
        [then = std::move(then)](const ApiResult &) {
            if (then)
                then();
        },
        int(wait.count()));
}

void PresenceAgent::refuseAccount(const QString &why) {
    // Until the person changes the account (which calls start() again), nothing is sent.
    setError(why);
    m_reportTimer.stop();
    m_connectTimer.stop();
    m_eventsTimer.stop();
    m_client->abortAll();
    setState(State::CredentialsRejected);
    // An administrator may reactivate the account, or an expired key be restored: tried again
    // now and then (two requests every half hour is nothing to a server), never in a loop.
    if (m_mode == Mode::Report)
        m_connectTimer.start(m_credentialsRecheck);
}

void PresenceAgent::noteOwnPresenceEnabled(bool enabled) {
    if (enabled == m_ownPresenceEnabled)
        return;
    m_ownPresenceEnabled = enabled;
    Q_EMIT ownPresenceEnabledChanged(enabled);
}

void PresenceAgent::setState(State state) {
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void PresenceAgent::setError(const QString &error) {
    m_mainError = error;
    updateLastError();
}

void PresenceAgent::setEventsError(const QString &error) {
    m_eventsError = error;
    updateLastError();
}

void PresenceAgent::updateLastError() {
    // The reporting path's trouble matters more; the queue's shows only while reports work.
    const QString error = m_mainError.isEmpty() ? m_eventsError : m_mainError;
    if (m_lastError == error)
        return;
    m_lastError = error;
    Q_EMIT errorChanged(error);
}

void PresenceAgent::noteDataFresh() {
    m_staleTimer.start(std::chrono::seconds(m_presence.offlineThreshold()));
    if (m_dataStale) {
        m_dataStale = false;
        Q_EMIT dataStaleChanged(false);
    }
}

void PresenceAgent::onStaleTimeout() {
    if (m_dataStale)
        return;
    m_dataStale = true;
    qCInfo(lcAgent) << "no good answer for" << m_presence.offlineThreshold()
                    << "s; showing the last data as stale";
    Q_EMIT dataStaleChanged(true);
}

void PresenceAgent::setNetworkReachable(bool reachable) {
    if (m_networkReachable == reachable)
        return;
    m_networkReachable = reachable;
    qCInfo(lcAgent) << "network" << (reachable ? "is back" : "is gone");
    if (m_state == State::Stopped || m_state == State::CredentialsRejected ||
        m_mode != Mode::Report)
        return;
    if (!reachable) {
        // Nothing can succeed now: stop trying instead of running up the backoff.
        m_networkBackTimer.stop();
        m_reportTimer.stop();
        m_connectTimer.stop();
        m_eventsTimer.stop();
        m_client->abortAll();
        m_reportInFlight.clear();
        m_eventsInFlight.clear();
        setError(tr("The network is unavailable; waiting for it to come back."));
        return;
    }
    // Wi-Fi roaming or a dying link can flap many times a second: each return would be a
    // report and a full presence fetch, a burst the server would pay for.
    const double since = PresenceModel::steadySeconds() - m_lastNetworkBackSteady;
    const double spacing = double(networkBackSpacing.count());
    if (since >= spacing)
        resumeAfterNetworkBack();
    else
        m_networkBackTimer.start(std::chrono::milliseconds(qint64((spacing - since) * 1000) + 1));
}

void PresenceAgent::resumeAfterNetworkBack() {
    if (!m_networkReachable || m_state == State::Stopped || m_state == State::CredentialsRejected)
        return;
    m_lastNetworkBackSteady = PresenceModel::steadySeconds();
    m_connectBackoff.reset();
    m_reportBackoff.reset();
    m_eventsBackoff.reset();
    setError({});
    if (m_queueId.isEmpty()) {
        fetchServerSettings();
        return;
    }
    // Back on a possibly different network: report at once and refresh everything.
    m_needFullFetch = true;
    sendReport();
    pollEvents();
}

PresenceStatus PresenceAgent::currentOwnStatus() const {
    return m_idle && m_idle->isIdle() ? PresenceStatus::Idle : PresenceStatus::Active;
}

void PresenceAgent::noteOwnUiInteraction() {
    m_newUserInput = true;
    if (m_idle)
        m_idle->noteOwnUiInteraction();
}

void PresenceAgent::handleFailure(const ApiResult &result, const char *what,
                                  const std::function<void(std::chrono::milliseconds)> &retry,
                                  Backoff &backoff, Channel channel) {
    qCInfo(lcAgent) << what << "failed:" << kindName(result.kind) << result.message;
    if (m_mode == Mode::Snapshot) {
        // A one-shot read says what is wrong and ends; it never retries in a loop, so it
        // must not say it is waiting.
        const QString message =
            result.kind == ApiResult::Kind::RateLimited ? tryAgainSentence(result) : result.message;
        setError(message);
        stop();
        Q_EMIT snapshotFailed(message);
        return;
    }
    if (result.kind == ApiResult::Kind::Unauthorized) {
        // Retrying cannot help and would hammer the server's auth path.
        refuseAccount(result.message);
        return;
    }
    std::chrono::milliseconds delay = backoff.next();
    if (result.kind == ApiResult::Kind::RateLimited) {
        // The server said how long; add a little jitter so many clients do not return at once.
        const double jitter = 0.5 * QRandomGenerator::global()->generateDouble();
        delay = std::max(
            delay, std::chrono::milliseconds(qint64((result.retryAfterSeconds + jitter) * 1000)));
    }
    if (channel == Channel::Events) {
        // Live updates are down, but reports (and their presence data) may still flow: the
        // overall state follows the reports alone.
        setEventsError(result.message);
    } else {
        setError(result.message);
        if (m_state != State::Connecting)
            setState(State::Retrying);
    }
    if (!m_networkReachable)
        return; // the network's return resumes everything at once
    if (retry)
        retry(delay);
}

// --- Connecting -------------------------------------------------------------------------

void PresenceAgent::fetchServerSettings() {
    m_client->send(
        ZulipClient::Method::Get, QStringLiteral("server_settings"), {},
        [this](const ApiResult &result) {
            if (!result.ok()) {
                handleFailure(
                    result, "server_settings", [this](auto delay) { m_connectTimer.start(delay); },
                    m_connectBackoff, m_registeredOnce ? Channel::Events : Channel::Main);
                return;
            }
            // Servers before 3.0 do not send a feature level: treat them as level 0.
            m_featureLevel = positiveIntOr(result.json.value(QLatin1String("zulip_feature_level")),
                                           0, 0, 1000000);
            m_serverVersion = result.json.value(QLatin1String("zulip_version")).toString();
            m_realmName = result.json.value(QLatin1String("realm_name")).toString();
            registerQueue();
        },
        30000, false);
}

void PresenceAgent::registerQueue() {
    QJsonObject capabilities{{QStringLiteral("notification_settings_null"), true},
                             {QStringLiteral("user_settings_object"), true}};
    if (m_featureLevel >= flSimplifiedPresenceEvents)
        capabilities.insert(QStringLiteral("simplified_presence_events"), true);
    // Lets a large organization's server leave out the avatar addresses of people who have
    // not been around for weeks (about 100 bytes each that compress badly); the popup asks
    // GET /avatar/{id} for the few it shows.
    if (m_featureLevel >= flAvatarUrlOptional)
        capabilities.insert(QStringLiteral("user_avatar_url_field_optional"), true);

    // Before user_settings (feature level 89) the person's presence_enabled came, with the
    // other notification settings, as update_global_notifications.
    const QJsonArray fetchTypes{
        QStringLiteral("presence"), QStringLiteral("realm"), QStringLiteral("realm_user"),
        m_featureLevel >= flUserSettingsObject ? QStringLiteral("user_settings")
                                               : QStringLiteral("update_global_notifications")};
    ApiParams params{{QStringLiteral("fetch_event_types"), jsonParam(fetchTypes)},
                     {QStringLiteral("event_types"), jsonParam(fetchTypes)},
                     {QStringLiteral("client_capabilities"), jsonParam(capabilities)},
                     {QStringLiteral("client_gravatar"), jsonParam(false)},
                     {QStringLiteral("apply_markdown"), jsonParam(false)}};
    if (m_featureLevel >= flSlimPresence)
        params.append({QStringLiteral("slim_presence"), jsonParam(true)});
    if (m_featureLevel >= flHistoryLimitDays)
        params.append({QStringLiteral("presence_history_limit_days"), jsonParam(historyLimitDays)});

    m_client->send(
        ZulipClient::Method::Post, QStringLiteral("register"), params,
        [this](const ApiResult &result) {
            if (!result.ok()) {
                handleFailure(
                    result, "register", [this](auto delay) { m_connectTimer.start(delay); },
                    m_connectBackoff, m_registeredOnce ? Channel::Events : Channel::Main);
                return;
            }
            // Read here rather than by the client: for a large organization this is the one
            // big answer, and QJsonDocument would build several times its size in objects.
            std::optional<RegisterAnswer> answer = parseRegisterBody(result.body);
            // The envelope check passed, yet the whole can still be refused: simdjson reads a
            // number too small for a double as 0, and a repeated people list sends the answer
            // to QJsonDocument, which refuses such a number.
            const QString problem =
                answer ? registerAnswerProblem(answer->fields)
                       : tr("The server's registration answer is not JSON the agent can read.");
            if (!problem.isEmpty()) {
                ApiResult bad = result;
                bad.kind = ApiResult::Kind::BadAnswer;
                bad.message = problem;
                handleFailure(
                    bad, "register", [this](auto delay) { m_connectTimer.start(delay); },
                    m_connectBackoff, m_registeredOnce ? Channel::Events : Channel::Main);
                return;
            }
            m_connectBackoff.reset();
            applyRegisterAnswer(*answer, result.serverDate);
            scheduleMemoryTrim();
        },
        60000, true, ZulipClient::BodyParsing::EnvelopeOnly);
}

int PresenceAgent::presenceHistoryDays() const {
    return m_featureLevel >= flHistoryLimitDays ? int(historyLimitDays) : 14;
}

QUrl PresenceAgent::avatarUrlOf(qint64 userId, const QByteArray &sentUrl) const {
    const QUrl &site = m_client->account().site;
    if (!sentUrl.isEmpty())
        return site.resolved(QUrl(QString::fromUtf8(sentUrl)));
    // Left out at the server's discretion (user_avatar_url_field_optional): this address
    // redirects to the avatar, wherever it is.
    // Beside the API, under the site's own path, as ZulipClient builds API addresses.
    if (userId > 0 && site.isValid()) {
        QUrl url =
            site.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
        url.setPath(url.path() + QStringLiteral("/avatar/%1").arg(userId));
        return url;
    }
    return {};
}

QString PresenceAgent::registerAnswerProblem(const QJsonObject &answer) {
    // Only what we rely on is checked; fields we do not read may be anything.
    const auto wrong = [&answer](const char *key, QJsonValue::Type type, bool required) {
        const QJsonValue value = answer.value(QLatin1String(key));
        return value.isUndefined() ? required : value.type() != type;
    };
    const char *bad = nullptr;
    if (wrong("queue_id", QJsonValue::String, true))
        bad = "queue_id";
    else if (wrong("last_event_id", QJsonValue::Double, true))
        bad = "last_event_id";
    else if (wrong("realm_users", QJsonValue::Array, false))
        bad = "realm_users";
    else if (wrong("realm_non_active_users", QJsonValue::Array, false))
        bad = "realm_non_active_users";
    else if (wrong("presences", QJsonValue::Object, false))
        bad = "presences";
    else if (wrong("user_settings", QJsonValue::Object, false))
        bad = "user_settings";
    if (!bad)
        return {};
    return tr("The server's registration answer is unusable: %1 is missing or of the wrong type.")
        .arg(QLatin1String(bad));
}

void PresenceAgent::applyRegisterAnswer(const RegisterAnswer &registered,
                                        std::optional<double> serverDate) {
    const QJsonObject &answer = registered.fields;
    if (answer.contains(QLatin1String("zulip_feature_level")))
        m_featureLevel = positiveIntOr(answer.value(QLatin1String("zulip_feature_level")),
                                       m_featureLevel, 0, 1000000);

    m_pingIntervalSecs =
        positiveIntOr(answer.value(QLatin1String("server_presence_ping_interval_seconds")),
                      fallbackPingIntervalSecs, 1, 3600);
    m_presence.setOfflineThreshold(
        positiveIntOr(answer.value(QLatin1String("server_presence_offline_threshold_seconds")),
                      fallbackOfflineThresholdSecs, 1, 86400));
    m_longPollTimeoutSecs =
        positiveIntOr(answer.value(QLatin1String("event_queue_longpoll_timeout_seconds")),
                      fallbackLongPollTimeoutSecs, 1, 3600);
    // Failing reports retry faster than the normal cadence, but never slower: once the server
    // is back, we are back within one interval.
    m_reportBackoff.setCap(std::chrono::seconds(m_pingIntervalSecs));

    const bool presenceDisabled =
        answer.value(QLatin1String("realm_presence_disabled")).toBool(false);
    if (presenceDisabled != m_realmPresenceDisabled) {
        m_realmPresenceDisabled = presenceDisabled;
        Q_EMIT realmPresenceDisabledChanged(presenceDisabled);
    }
    updatePresenceNotice();

    const QJsonValue settings = answer.value(QLatin1String("user_settings"));
    const QJsonValue enabled = settings.isObject()
                                   ? settings.toObject().value(QLatin1String("presence_enabled"))
                                   : answer.value(QLatin1String("presence_enabled"));
    if (enabled.isBool())
        noteOwnPresenceEnabled(enabled.toBool());

    m_roster.clear();
    m_roster.setOwnUserId(jsonInteger(answer.value(QLatin1String("user_id")), 0));
    for (const RealmUserFields &person : registered.activeUsers)
        m_roster.apply(person, true);
    for (const RealmUserFields &person : registered.nonActiveUsers)
        m_roster.apply(person, false);
    Q_EMIT rosterChanged();

    // A bot's zuliprc (easy to pick by mistake: bots' files are the ones people download
    // most) is refused every report; retrying each minute would only fill the server's log.
    // Reading presence is allowed, so --status still works with one.
    if (m_mode == Mode::Report) {
        const RealmUser *self = m_roster.find(m_roster.ownUserId());
        if (self && self->isBot) {
            const QString queueId = answer.value(QLatin1String("queue_id")).toString();
            refuseAccount(tr("%1 is a bot; Zulip keeps presence for people only. Use your own "
                             "account: log in with your email, or import your own zuliprc.")
                              .arg(self->email));
            if (!queueId.isEmpty())
                giveQueueBack(queueId);
            // No list either: without polls every dot would decay to a made-up "offline".
            forgetOrganization();
            return;
        }
    }

    QString error;
    QString presenceProblem;
    if (std::optional<PresenceSnapshot> snapshot =
            registered.presence ? registered.presence : parsePresenceAnswer(answer, &error)) {
        // Servers before feature level 70 send no server_timestamp with register: their
        // Date header is still the server's clock (to the second), never ours.
        if (!snapshot->serverTimestamp && serverDate)
            snapshot->serverTimestamp = *serverDate;
        m_presence.replaceAll(*snapshot, m_roster);
        // The register snapshot is our initial data: continue incrementally from its id.
        m_needFullFetch = !snapshot->lastUpdateId.has_value() || *snapshot->lastUpdateId < 0;
        noteDataFresh();
    } else {
        qCWarning(lcAgent) << "register answer without usable presence data:" << error;
        m_needFullFetch = true;
        presenceProblem = tr("The server's presence data is unusable: %1.").arg(error);
    }

    m_queueId = answer.value(QLatin1String("queue_id")).toString();
    m_queueRegisteredSteady = PresenceModel::steadySeconds();
    m_lastEventId = jsonInteger(answer.value(QLatin1String("last_event_id")), -1);

    if (m_mode == Mode::Snapshot) {
        // Read-only: give the queue back to the server at once; it would otherwise live for
        // ten minutes. The result does not change what we print, but unusable presence data
        // makes the whole look fail rather than print made-up dots.
        const auto finish = [this, presenceProblem] {
            if (presenceProblem.isEmpty()) {
                Q_EMIT snapshotReady();
                return;
            }
            setError(presenceProblem);
            stop();
            Q_EMIT snapshotFailed(presenceProblem);
        };
        if (!m_queueId.isEmpty()) {
            giveQueueBack(m_queueId, finish);
        } else {
            finish();
        }
        return;
    }

    m_registeredOnce = true;
    qCDebug(lcAgent) << "registered an event queue at feature level" << m_featureLevel << "for"
                     << m_roster.users().size() << "people";
    setError({});
    setEventsError({});
    setState(State::Running);
    // The events backoff is not reset here: a server that forgets each new queue at once
    // must not get a register a second (it is reset by the first poll that works).
    pollEvents();
    sendReport();
}

// --- Reporting --------------------------------------------------------------------------

void PresenceAgent::scheduleReport(std::chrono::milliseconds delay) {
    m_reportTimer.start(delay);
}

void PresenceAgent::onIdleChanged(bool idle) {
    Q_EMIT ownStatusChanged(idle ? PresenceStatus::Idle : PresenceStatus::Active);
    if (!idle)
        m_sleepGap.check(); // real input after a sleep: the next tick must not call it idle
    // Going idle waits for the next regular report; coming back is news the server should
    // have now, so coworkers do not see us idle while we type.
    if (idle || m_mode != Mode::Report || (m_state != State::Running))
        return;
    if (m_reportInFlight) {
        // It said "idle": send "active" as soon as it is answered, not at the next tick.
        m_reportAgain = true;
        return;
    }
    const double since = PresenceModel::steadySeconds() - m_lastReportSentSteady;
    if (since >= minSecondsBetweenReports)
        sendReport();
    else
        scheduleReport(
            std::chrono::milliseconds(qint64((minSecondsBetweenReports - since) * 1000) + 1));
}

void PresenceAgent::sendReportNow() {
    if (m_mode != Mode::Report || m_state == State::Stopped || m_state == State::Connecting ||
        m_state == State::CredentialsRejected)
        return;
    if (m_reportInFlight) {
        m_reportAgain = true;
        return;
    }
    sendReport();
}

void PresenceAgent::refreshAfterWake() {
    m_sleepGap.check(); // logind told us; the next tick must not count this sleep again
    m_needFullFetch = true;
    sendReportNow();
    pollEvents();
}

void PresenceAgent::onReportTimer() {
    if (const auto gap = m_sleepGap.check()) {
        qCInfo(lcAgent) << "the computer slept for about" << gap->count() / 1000
                        << "s unannounced; idle until input, refreshing everything";
        if (m_idle)
            m_idle->noteWokeUp();
        m_needFullFetch = true;
        pollEvents();
    }
    sendReport();
}

void PresenceAgent::sendReport() {
    if (m_state == State::CredentialsRejected || m_state == State::Stopped ||
        m_mode != Mode::Report || !m_networkReachable)
        return;
    // The next regular report is armed from this send, not from the answer: the cadence stays
    // one interval, and a long suspend yields one late report, never a burst.
    scheduleReport(std::chrono::seconds(m_pingIntervalSecs));
    if (m_reportInFlight)
        return; // the server is slow; do not stack requests

    const PresenceStatus status = currentOwnStatus();
    ApiParams params{{QStringLiteral("status"), statusName(status)},
                     {QStringLiteral("ping_only"), jsonParam(false)},
                     {QStringLiteral("new_user_input"), jsonParam(m_newUserInput)}};
    bool incremental = false;
    if (m_featureLevel >= flLastUpdateId) {
        incremental = !m_needFullFetch && m_presence.lastUpdateId().has_value();
        params.append({QStringLiteral("last_update_id"),
                       jsonParam(incremental ? *m_presence.lastUpdateId() : qint64(-1))});
        if (!incremental && m_featureLevel >= flHistoryLimitDays)
            params.append({QStringLiteral("history_limit_days"), jsonParam(historyLimitDays)});
    } else if (m_featureLevel >= flSlimPresence) {
        params.append({QStringLiteral("slim_presence"), jsonParam(true)});
    }
    const bool sentNewUserInput = m_newUserInput;
    m_newUserInput = false;
    m_lastReportSentSteady = PresenceModel::steadySeconds();
    const int timeoutMs = std::clamp(m_pingIntervalSecs * 1000, 5000, 30000);
    m_reportInFlight = m_client->send(
        ZulipClient::Method::Post, QStringLiteral("users/me/presence"), params,
        [this, status, incremental, sentNewUserInput](const ApiResult &result) {
            if (!result.ok() && sentNewUserInput)
                m_newUserInput = true; // not delivered: say it again next time
            onReportAnswer(result, status, incremental);
        },
        timeoutMs, true, ZulipClient::BodyParsing::EnvelopeOnly);
}

void PresenceAgent::scheduleMemoryTrim() {
    // Once the answer, its reply and the views' rebuild are gone: a second is plenty.
    QTimer::singleShot(std::chrono::seconds(1), this, &returnFreedMemory);
}

void PresenceAgent::onReportAnswer(const ApiResult &result, PresenceStatus sentStatus,
                                   bool incremental) {
    m_reportInFlight.clear();
    if (std::exchange(m_reportAgain, false))
        QMetaObject::invokeMethod(this, &PresenceAgent::sendReport, Qt::QueuedConnection);
    if (!result.ok()) {
        handleFailure(
            result, "presence report",
            // The backoff is capped at one interval: back within one interval of the
            // server's return, except when the server itself asked for a longer wait.
            [this](auto delay) { scheduleReport(delay); }, m_reportBackoff);
        return;
    }
    QString error;
    const std::optional<PresenceSnapshot> snapshot = parsePresenceBody(result.body, &error);
    if (!snapshot || !snapshot->serverTimestamp) {
        ApiResult bad = result;
        bad.kind = ApiResult::Kind::BadAnswer;
        bad.message = tr("The server's presence answer is unusable: %1.")
                          .arg(snapshot ? QStringLiteral("it has no server_timestamp") : error);
        onReportAnswer(bad, sentStatus, incremental);
        return;
    }
    m_reportBackoff.reset();
    if (incremental && snapshot->lastUpdateId.value_or(-1) < 0) {
        // Presence was turned off for the organization, or the server lost its sequence:
        // what we hold is stale; start over from a full fetch.
        qCInfo(lcAgent) << "presence_last_update_id -1: dropping presence data";
        m_presence.clear();
        m_needFullFetch = true;
        m_serverSharesNoPresence = true;
    } else if (incremental) {
        m_presence.merge(*snapshot, m_roster);
        m_serverSharesNoPresence = false;
    } else {
        m_presence.replaceAll(*snapshot, m_roster);
        scheduleMemoryTrim();
        m_needFullFetch = m_featureLevel >= flLastUpdateId &&
                          (!snapshot->lastUpdateId.has_value() || *snapshot->lastUpdateId < 0);
        // A full fetch with nothing in it and -1 is how a server without presence answers.
        m_serverSharesNoPresence = m_featureLevel >= flLastUpdateId &&
                                   snapshot->lastUpdateId.value_or(0) < 0 &&
                                   snapshot->byUserId.isEmpty() && snapshot->byEmail.isEmpty();
    }
    updatePresenceNotice();
    noteDataFresh();
    m_lastSentStatus = sentStatus;
    m_lastSuccessfulReport = QDateTime::currentDateTimeUtc();
    if (m_state != State::Running) {
        setState(State::Running);
    }
    setError({});
    // Debug level: one line a minute is detail, not news (QT_LOGGING_RULES="zp.*=true").
    const qsizetype people = snapshot->byUserId.size() + snapshot->byEmail.size();
    qCDebug(lcAgent).noquote() << QStringLiteral("reported %1 to %2; %3")
                                      .arg(statusName(sentStatus), m_client->account().site.host(),
                                           incremental
                                               ? QStringLiteral("%1 changed").arg(people)
                                               : QStringLiteral("full list of %1").arg(people));
    Q_EMIT reportCompleted(sentStatus, *snapshot->serverTimestamp);
}

// --- Events -----------------------------------------------------------------------------

void PresenceAgent::pollEvents() {
    if (m_queueId.isEmpty() || m_mode != Mode::Report || m_state == State::CredentialsRejected ||
        m_state == State::Stopped || m_eventsInFlight || !m_networkReachable)
        return;
    const double startedAt = PresenceModel::steadySeconds();
    m_eventsInFlight = m_client->send(
        ZulipClient::Method::Get, QStringLiteral("events"),
        {{QStringLiteral("queue_id"), m_queueId},
         {QStringLiteral("last_event_id"), jsonParam(m_lastEventId)},
         {QStringLiteral("dont_block"), jsonParam(false)}},
        [this, startedAt](const ApiResult &result) {
            m_eventsInFlight.clear();
            const bool hadEvents = onEvents(result);
            // A failure has scheduled its retry, or an event its re-registration.
            if (!result.ok() || m_queueId.isEmpty() || m_eventsTimer.isActive() ||
                m_connectTimer.isActive() || m_eventsInFlight)
                return;
            if (PresenceModel::steadySeconds() - startedAt >= 1.0) {
                m_eventsBackoff.reset(); // a long poll held as it should be
                pollEvents();
                return;
            }
            // Answered at once. With events waiting that is normal; poll again a second later
            // so a busy organization's events come in batches. With nothing (or only
            // heartbeats) the server is not holding long polls: back off.
            // ("News" means event ids that move on: a server repeating old ones backs off.)
            if (hadEvents) {
                m_eventsBackoff.reset();
                m_eventsTimer.start(std::chrono::seconds(1));
            } else {
                m_eventsTimer.start(m_eventsBackoff.next());
            }
        },
        (m_longPollTimeoutSecs + 30) * 1000);
}

bool PresenceAgent::onEvents(const ApiResult &result) {
    if (!result.ok()) {
        if (result.code == QLatin1String("BAD_EVENT_QUEUE_ID")) {
            // The server forgot our queue (we slept, or it restarted): register anew, which
            // also refreshes everything the queue would have told us. Through the backoff
            // (about a second the first time), so a server that forgets every queue at once
            // is asked ever more rarely instead of in a loop.
            // A queue that lived its normal life (Zulip keeps idle ones ten minutes) starts the
            // backoff over; one lost within minutes of registering keeps it growing, however
            // many polls worked in between.
            if (PresenceModel::steadySeconds() - m_queueRegisteredSteady > 600)
                m_reregisterBackoff.reset();
            const auto delay = m_reregisterBackoff.next();
            qCInfo(lcAgent) << "event queue expired; registering again in" << delay.count() << "ms";
            m_queueId.clear();
            m_connectTimer.start(delay);
            return false;
        }
        handleFailure(
            result, "event poll", [this](auto delay) { m_eventsTimer.start(delay); },
            m_eventsBackoff, Channel::Events);
        return false;
    }
    const QJsonValue events = result.json.value(QLatin1String("events"));
    if (!events.isArray()) {
        ApiResult bad = result;
        bad.kind = ApiResult::Kind::BadAnswer;
        bad.message = tr("The server's event answer is unusable.");
        handleFailure(
            bad, "event poll", [this](auto delay) { m_eventsTimer.start(delay); }, m_eventsBackoff,
            Channel::Events);
        return false;
    }
    setEventsError({});
    // Heartbeats (and anything that is not an event object) do not count as news.
    bool hadEvents = false;
    for (const QJsonValue &value : events.toArray()) {
        const QJsonObject event = value.toObject();
        const qint64 id = jsonInteger(event.value(QLatin1String("id")), -1);
        // An id that does not move past the last one is a repeat, not news.
        const bool advances = id > m_lastEventId;
        m_lastEventId = std::max(m_lastEventId, id);
        applyEvent(event);
        const QString type = event.value(QLatin1String("type")).toString();
        hadEvents =
            hadEvents || (advances && !type.isEmpty() && type != QLatin1String("heartbeat"));
        if (m_queueId.isEmpty())
            break; // an event made us re-register
    }
    return hadEvents;
}

void PresenceAgent::applyEvent(const QJsonObject &event) {
    const QString type = event.value(QLatin1String("type")).toString();
    const QString op = event.value(QLatin1String("op")).toString();
    if (type == QLatin1String("presence")) {
        const QJsonValue presences = event.value(QLatin1String("presences"));
        if (presences.isObject()) {
            // Simplified events (feature level 419): modern pairs, no server time.
            const QJsonObject map = presences.toObject();
            for (auto it = map.begin(); it != map.end(); ++it) {
                const qint64 userId = it.key().toLongLong();
                const std::optional<RawPresence> raw = rawFromModernEntry(it.value().toObject());
                if (userId > 0 && raw)
                    m_presence.applyEvent(userId, *raw, std::nullopt, true);
            }
            return;
        }
        qint64 userId = jsonInteger(event.value(QLatin1String("user_id")), 0);
        if (userId <= 0)
            userId = m_roster.idForEmail(event.value(QLatin1String("email")).toString());
        const std::optional<RawPresence> raw =
            rawFromLegacyEntry(event.value(QLatin1String("presence")).toObject());
        const QJsonValue ts = event.value(QLatin1String("server_timestamp"));
        if (userId > 0 && raw)
            m_presence.applyEvent(
                userId, *raw, ts.isDouble() ? std::optional(ts.toDouble()) : std::nullopt, false);
    } else if (type == QLatin1String("realm_user")) {
        const QJsonObject person = event.value(QLatin1String("person")).toObject();
        if (op == QLatin1String("add")) {
            m_roster.apply(realmUserFields(person), true);
        } else if (op == QLatin1String("update")) {
            const qint64 userId = jsonInteger(person.value(QLatin1String("user_id")), 0);
            QJsonObject changed = person;
            // A changed API email comes as new_email; legacy presence is keyed by it.
            if (const QJsonValue email = person.value(QLatin1String("new_email")); email.isString())
                changed.insert(QStringLiteral("email"), email);
            if (const RealmUser *known = m_roster.find(userId))
                m_roster.apply(realmUserFields(changed), known->isActive);
        } else if (op == QLatin1String("remove")) {
            QJsonObject gone = person;
            gone.insert(QStringLiteral("is_active"), false);
            const qint64 userId = jsonInteger(person.value(QLatin1String("user_id")), 0);
            if (m_roster.find(userId))
                m_roster.apply(realmUserFields(gone), false);
        }
        Q_EMIT rosterChanged();
    } else if (type == QLatin1String("user_settings") && op == QLatin1String("update")) {
        if (event.value(QLatin1String("property")).toString() == QLatin1String("presence_enabled"))
            noteOwnPresenceEnabled(
                event.value(QLatin1String("value")).toBool(m_ownPresenceEnabled));
    } else if (type == QLatin1String("update_global_notifications")) {
        // Servers before feature level 89; later ones send it only to clients that did not
        // declare user_settings_object, which we do.
        if (event.value(QLatin1String("notification_name")).toString() ==
            QLatin1String("presence_enabled"))
            noteOwnPresenceEnabled(
                event.value(QLatin1String("setting")).toBool(m_ownPresenceEnabled));
    } else if (type == QLatin1String("realm") &&
               (op == QLatin1String("update") || op == QLatin1String("update_dict"))) {
        QJsonValue disabled;
        if (event.value(QLatin1String("property")).toString() == QLatin1String("presence_disabled"))
            disabled = event.value(QLatin1String("value"));
        else
            disabled = event.value(QLatin1String("data"))
                           .toObject()
                           .value(QLatin1String("presence_disabled"));
        if (disabled.isBool() && disabled.toBool() != m_realmPresenceDisabled) {
            m_realmPresenceDisabled = disabled.toBool();
            if (m_realmPresenceDisabled)
                m_presence.clear();
            m_needFullFetch = true;
            Q_EMIT realmPresenceDisabledChanged(m_realmPresenceDisabled);
            updatePresenceNotice();
        }
    } else if (type == QLatin1String("restart")) {
        const QJsonValue level = event.value(QLatin1String("zulip_feature_level"));
        if (level.isDouble() && jsonInteger(level, m_featureLevel) != m_featureLevel) {
            // The server was upgraded: re-learn it, spread over five minutes so a whole
            // organization's agents do not register in the same second.
            const auto delay = std::chrono::milliseconds(
                QRandomGenerator::global()->bounded(std::max<qint64>(1, m_restartSpread.count())));
            qCInfo(lcAgent) << "server upgraded; registering again in" << delay.count() << "ms";
            // The old queue would otherwise wait ten minutes to be collected.
            if (const QString queueId = std::exchange(m_queueId, {}); !queueId.isEmpty())
                giveQueueBack(queueId);
            m_connectTimer.start(delay);
        }
    }
}

void PresenceAgent::updatePresenceNotice() {
    QString notice;
    if (m_realmPresenceDisabled)
        notice = tr("Your organization has turned presence off; nobody's availability can be "
                    "shown.");
    else if (m_serverSharesNoPresence)
        notice = tr("The server currently shares no presence data; coworkers' availability "
                    "cannot be shown.");
    if (notice == m_presenceNotice)
        return;
    m_presenceNotice = notice;
    Q_EMIT presenceNoticeChanged(notice);
}

// --- Settings ---------------------------------------------------------------------------

void PresenceAgent::setOwnPresenceEnabled(bool enabled, std::function<void(const QString &)> done) {
    // Before feature level 80 the setting lived at /settings/notifications; /settings ignored
    // it, and before 78 without a word. Nobody may be told they are invisible on the strength
    // of a "success" that changed nothing.
    const int level = m_featureLevel;
    const QString path = level >= flSettingsMerged ? QStringLiteral("settings")
                                                   : QStringLiteral("settings/notifications");
    m_client->send(ZulipClient::Method::Patch, path,
                   {{QStringLiteral("presence_enabled"), jsonParam(enabled)}},
                   [this, enabled, level, done = std::move(done)](const ApiResult &result) {
                       QString error = result.ok() ? QString() : result.message;
                       if (result.ok()) {
                           const bool ignored =
                               result.json.value(QLatin1String("ignored_parameters_unsupported"))
                                   .toArray()
                                   .contains(QStringLiteral("presence_enabled"));
                           // Before 78 the answer names what it changed instead.
                           const bool unconfirmed =
                               level < flSettingsNamesIgnored &&
                               !result.json.contains(QLatin1String("presence_enabled"));
                           if (ignored || unconfirmed)
                               error =
                                   tr("The server %1 did not apply the change; your availability "
                                      "stays as it was.")
                                       .arg(m_client->account().site.host());
                       }
                       if (error.isEmpty())
                           noteOwnPresenceEnabled(enabled);
                       if (result.kind == ApiResult::Kind::Unauthorized)
                           handleFailure(result, "settings", {}, m_reportBackoff);
                       if (done)
                           done(error);
                   });
}

} // namespace zp
