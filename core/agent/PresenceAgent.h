#pragma once

#include "agent/Backoff.h"
#include "idle/IdleMonitor.h"
#include "presence/FastPresenceParser.h"
#include "presence/PresenceModel.h"
#include "presence/Roster.h"
#include "session/SleepGapDetector.h"
#include "zulip/ZulipClient.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>

namespace zp {

// Runs the whole conversation with one Zulip server: learns what it supports, registers an
// event queue, reports the person's status every ping interval, keeps everyone's presence
// current (incremental where the server allows), and follows real-time events. Owns no UI;
// the tray, the popup and the command line all watch it.
class PresenceAgent : public QObject {
    Q_OBJECT
public:
    enum class State {
        Stopped,
        Connecting, // learning about the server, registering
        Running,    // reporting normally
        Retrying,   // the last request failed for a passing reason; trying again
        // 401, or an account that cannot report (a bot's): nothing more is sent until the
        // account changes
        CredentialsRejected,
    };
    Q_ENUM(State)

    enum class Mode {
        Report,   // the agent: report every interval, follow events
        Snapshot, // --status: register, read, delete the queue; never report
    };

    PresenceAgent(ZulipClient *client, IdleMonitor *idle, QObject *parent = nullptr);
    ~PresenceAgent() override;

    // Starts over: the current event queue, if any, is given back first.
    void start(Mode mode = Mode::Report);
    // Stops every timer and request and gives the event queue back, without waiting for the
    // answer; the DELETE goes with the account of this moment, even if another follows.
    void stop();
    // At exit: stops, and gives the event queue back to the server, waiting at most `wait`.
    void closeQueueBeforeExit(std::chrono::milliseconds wait = std::chrono::seconds(2));

    State state() const { return m_state; }
    // One sentence about what is wrong now, empty when all is well.
    QString lastError() const { return m_lastError; }
    // True once no presence answer has succeeded for longer than the offline threshold: the
    // last good data is still shown, but as stale.
    bool dataIsStale() const { return m_dataStale; }
    // Whether the network is up as far as the system knows (see NetworkWatcher).
    bool networkReachable() const { return m_networkReachable; }

    const Account &account() const { return m_client->account(); }
    // A person's avatar as an absolute URL (the server may send paths relative to the site,
    // or none at all for people long away).
    QUrl avatarUrlOf(qint64 userId, const QByteArray &sentUrl) const;
    const Roster &roster() const { return m_roster; }
    // Forget the organization (people and their dots), as when switching accounts: until the
    // new one's register answer arrives nothing of the old one may show, nor be fetched from
    // the new server (avatar paths are relative to the server).
    void forgetOrganization();
    const PresenceModel &presence() const { return m_presence; }
    PresenceModel &presence() { return m_presence; }

    int featureLevel() const { return m_featureLevel; }
    QString serverVersion() const { return m_serverVersion; }
    QString realmName() const { return m_realmName; }
    int pingIntervalSeconds() const { return m_pingIntervalSecs; }
    // How far back the server's presence answers reach: 365 days where we can ask for it
    // (feature level 288), the server's fixed 14 days before.
    int presenceHistoryDays() const;
    bool realmPresenceDisabled() const { return m_realmPresenceDisabled; }
    // One sentence for the popup when no coworker's presence can be shown (organization
    // setting, or a server answering presence_last_update_id = -1); empty otherwise.
    QString presenceNotice() const { return m_presenceNotice; }
    // The person's own "show my availability" setting, as the server last told us.
    bool ownPresenceEnabled() const { return m_ownPresenceEnabled; }
    // The status we will send next (idle monitor, screen lock...).
    PresenceStatus currentOwnStatus() const;
    std::optional<PresenceStatus> lastSentStatus() const { return m_lastSentStatus; }
    QDateTime lastSuccessfulReport() const { return m_lastSuccessfulReport; }

    // The person used our own UI: they are here, and the next report carries
    // new_user_input=true (and only then, so server usage statistics stay honest).
    void noteOwnUiInteraction();

    // Changes the person's presence_enabled on the server. `done` gets an empty string on
    // success, else one sentence; the local value only changes once the server agreed.
    void setOwnPresenceEnabled(bool enabled, std::function<void(const QString &error)> done = {});

    // The system says the network went away or came back. While away nothing is sent (no
    // backoff is burnt); on return the agent reports at once and refreshes everything, but
    // a network that keeps flapping gets that refresh once every networkBackSpacing at most.
    void setNetworkReachable(bool reachable);
    static constexpr std::chrono::seconds networkBackSpacing{5};

    // Reports now (screen locked, about to sleep) instead of at the next tick. A report in
    // flight is followed by another as soon as it is answered.
    void sendReportNow();
    // The computer woke up: report at once and fetch everyone's presence afresh, so no dot
    // stays green from before the sleep.
    void refreshAfterWake();

    // A server upgrade (restart event with a new feature level) re-registers after a random
    // delay below this spread, so a whole organization does not register in the same second.
    void setRestartSpread(std::chrono::milliseconds spread) { m_restartSpread = spread; }
    // How long a refused account waits before it is tried once more (tests shorten it).
    void setCredentialsRecheck(std::chrono::milliseconds interval) {
        m_credentialsRecheck = interval;
    }

Q_SIGNALS:
    void stateChanged(zp::PresenceAgent::State state);
    void errorChanged(const QString &error);
    void rosterChanged();
    // The person went idle or came back (what the next report will say).
    void ownStatusChanged(zp::PresenceStatus status);
    void ownPresenceEnabledChanged(bool enabled);
    void realmPresenceDisabledChanged(bool disabled);
    void dataStaleChanged(bool stale);
    void presenceNoticeChanged(const QString &notice);
    // After every successful presence exchange: what we said and the server's clock.
    void reportCompleted(zp::PresenceStatus sentStatus, double serverTimestamp);
    // Snapshot mode: the data is in; the queue deletion has been sent.
    void snapshotReady();
    // Snapshot mode: the snapshot could not be taken (permanent, or gave up).
    void snapshotFailed(const QString &error);

private:
    void setState(State state);
    // DELETE /events: otherwise the server keeps the queue, and what it collects, for ten
    // minutes. `then` runs once it is answered or has failed.
    void giveQueueBack(const QString &queueId, std::function<void()> then = {},
                       std::chrono::milliseconds wait = std::chrono::seconds(5));
    // Stops for good with one sentence: retrying cannot help with this account.
    void refuseAccount(const QString &why);
    // What the server says the person's presence_enabled is now.
    void noteOwnPresenceEnabled(bool enabled);
    void setError(const QString &error);
    // The event queue's own trouble: shown while nothing worse is, cleared by its next success.
    void setEventsError(const QString &error);
    void updateLastError();
    // Reacts to a failed request: stops for good on 401, otherwise calls `retry` with the
    // wait (backoff with jitter, or the server's retry-after).
    enum class Channel { Main, Events };
    void handleFailure(const ApiResult &result, const char *what,
                       const std::function<void(std::chrono::milliseconds)> &retry,
                       Backoff &backoff, Channel channel = Channel::Main);
    void noteDataFresh();
    void updatePresenceNotice();
    void onStaleTimeout();
    void resumeAfterNetworkBack();

    void fetchServerSettings();
    void registerQueue();
    // `serverDate`: the answer's HTTP Date, for servers whose register has no server_timestamp.
    void applyRegisterAnswer(const RegisterAnswer &registered, std::optional<double> serverDate);
    // One sentence when the register answer's types are not what Zulip sends, else empty.
    static QString registerAnswerProblem(const QJsonObject &answer);

    void scheduleReport(std::chrono::milliseconds delay);
    void sendReport();
    // The regular tick: also where a sleep nobody announced is noticed.
    void onReportTimer();
    // After a large answer: give the heap it needed back to the system (FreedMemory.h).
    void scheduleMemoryTrim();
    void onReportAnswer(const ApiResult &result, PresenceStatus sentStatus, bool incremental);

    void pollEvents();
    // Applies a poll's answer; true when it brought events other than heartbeats. The caller
    // (pollEvents) decides when to poll next.
    bool onEvents(const ApiResult &result);
    void applyEvent(const QJsonObject &event);

    void onIdleChanged(bool idle);

    ZulipClient *m_client;
    IdleMonitor *m_idle;
    Mode m_mode = Mode::Report;
    State m_state = State::Stopped;
    QString m_lastError;
    QString m_mainError;
    QString m_eventsError;
    bool m_networkReachable = true;
    QTimer m_networkBackTimer;             // a return within the spacing waits for it
    double m_lastNetworkBackSteady = -1e9; // steady seconds of the last refresh on return
    bool m_dataStale = false;
    bool m_registeredOnce = false; // later (re-)registrations are the event queue's business
    bool m_serverSharesNoPresence = false;
    QString m_presenceNotice;
    QTimer m_staleTimer; // fires once the last good answer is older than the offline threshold
    std::chrono::milliseconds m_restartSpread{300000};
    std::chrono::milliseconds m_credentialsRecheck{30 * 60 * 1000};

    Roster m_roster;
    PresenceModel m_presence;

    int m_featureLevel = 0;
    QString m_serverVersion;
    QString m_realmName;
    int m_pingIntervalSecs = 60;
    int m_longPollTimeoutSecs = 90;
    bool m_realmPresenceDisabled = false;
    bool m_ownPresenceEnabled = true;

    // Reporting
    QTimer m_reportTimer; // single-shot, re-armed per report: no burst after a pause
    QPointer<QNetworkReply> m_reportInFlight;
    bool m_reportAgain = false; // sendReportNow() while a report was in flight
    SleepGapDetector m_sleepGap;
    double m_lastReportSentSteady = -1e9;
    bool m_newUserInput = false;
    bool m_needFullFetch = true; // send last_update_id=-1 (and a history limit) next time
    std::optional<PresenceStatus> m_lastSentStatus;
    QDateTime m_lastSuccessfulReport;
    Backoff m_reportBackoff;

    // Connecting
    QTimer m_connectTimer;
    Backoff m_connectBackoff;

    // Event queue
    QString m_queueId;
    qint64 m_lastEventId = -1;
    QPointer<QNetworkReply> m_eventsInFlight;
    QTimer m_eventsTimer;
    Backoff m_eventsBackoff;
    Backoff m_reregisterBackoff; // after BAD_EVENT_QUEUE_ID
    double m_queueRegisteredSteady = 0;
};

} // namespace zp
