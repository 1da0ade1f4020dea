#pragma once

#include "presence/PresenceParser.h"
#include "presence/Roster.h"
#include "presence/StatusRule.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <optional>
#include <utility>
#include <vector>

namespace zp {

// Everyone's raw presence timestamps plus the server's clock, from which every dot is
// computed on demand. No verdict is ever stored: between answers the server's clock is
// carried forward with a local clock that keeps counting through suspend, so dots decay to
// idle and offline on time even when the server stays silent about someone.
class PresenceModel : public QObject {
    Q_OBJECT
public:
    explicit PresenceModel(QObject *parent = nullptr);

    // 200 on current servers; 140 only when an old server does not say.
    void setOfflineThreshold(int seconds);
    int offlineThreshold() const { return m_offlineThreshold; }

    // A full snapshot (register, or a poll on servers without last_update_id): it replaces
    // what we had, since users absent from it are outside the server's history window.
    void replaceAll(const PresenceSnapshot &snapshot, const Roster &roster);
    // An incremental answer: only changed users are in it; everyone else is re-aged against
    // its newer server time.
    void merge(const PresenceSnapshot &snapshot, const Roster &roster);
    // A presence event. Legacy events raise timestamps (they never move backwards); the
    // simplified events of feature level 419 replace both and carry no server time.
    void applyEvent(qint64 userId, const RawPresence &raw, std::optional<double> serverTimestamp,
                    bool replace);
    // Forget everything (organization disabled presence, account changed).
    void clear();

    bool hasData() const { return m_serverTimestamp > 0; }
    // The server's clock now: its last server_timestamp plus the time elapsed since it arrived.
    double serverNow() const;
    double lastServerTimestamp() const { return m_serverTimestamp; }
    std::optional<qint64> lastUpdateId() const { return m_lastUpdateId; }

    StatusVerdict verdict(qint64 userId, qint64 dateJoined = 0) const;
    StatusVerdict verdictAt(qint64 userId, double serverTime, qint64 dateJoined = 0) const;
    const QHash<qint64, RawPresence> &raw() const { return m_raw; }

    // Seconds of a clock that never jumps and keeps counting while the machine sleeps.
    static double steadySeconds();

Q_SIGNALS:
    // Any dot may have changed: new data arrived, or time made someone idle or offline.
    void changed();

private:
    void absorb(const PresenceSnapshot &snapshot, const Roster &roster, bool replace);
    void setServerTime(double serverTimestamp);
    void scheduleNextTransition();
    // Expiries (timestamp + threshold) of everyone's timestamps, as a min-heap with lazy
    // deletion: an incremental answer pushes only its changed users, so a tick costs
    // O(changed · log n) instead of a scan over the whole organization.
    void pushExpiries(qint64 userId, const RawPresence &raw);
    void rebuildExpiries();
    bool expiryStillHolds(double expiry, qint64 userId) const;

    QHash<qint64, RawPresence> m_raw;
    double m_serverTimestamp = 0;
    double m_receivedAtSteady = 0;
    std::optional<qint64> m_lastUpdateId;
    int m_offlineThreshold = 140;
    // Fires when the next user's status flips by age alone, so dots change on time.
    QTimer m_transitionTimer;
    std::vector<std::pair<double, qint64>> m_expiries; // min-heap on the expiry
    double m_expiriesPrunedAt = 0; // server time up to which expired entries were dropped
};

} // namespace zp
