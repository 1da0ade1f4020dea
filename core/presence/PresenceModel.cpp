#include "presence/PresenceModel.h"

#include <QElapsedTimer>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <limits>

#ifdef Q_OS_LINUX
#include <time.h>
#endif

namespace zp {

namespace {
constexpr double maxEventLeadSeconds = 60;
// With no clock yet, only a time a server could send (as the parsers check: before ~33658).
constexpr double maxEventServerTime = 1e12;
} // namespace

PresenceModel::PresenceModel(QObject *parent) : QObject(parent) {
    m_transitionTimer.setSingleShot(true);
    m_transitionTimer.setTimerType(Qt::CoarseTimer);
    connect(&m_transitionTimer, &QTimer::timeout, this, [this] {
        Q_EMIT changed();
        scheduleNextTransition();
    });
}

double PresenceModel::steadySeconds() {
#ifdef Q_OS_LINUX
    // CLOCK_BOOTTIME, unlike CLOCK_MONOTONIC, counts the time spent suspended: after a night
    // asleep the extrapolated server clock must have moved on by that night.
    timespec ts{};
    if (clock_gettime(CLOCK_BOOTTIME, &ts) == 0)
        return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
#endif
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

void PresenceModel::setOfflineThreshold(int seconds) {
    if (seconds <= 0 || seconds == m_offlineThreshold)
        return;
    m_offlineThreshold = seconds;
    rebuildExpiries();
    scheduleNextTransition();
    Q_EMIT changed();
}

void PresenceModel::replaceAll(const PresenceSnapshot &snapshot, const Roster &roster) {
    absorb(snapshot, roster, true);
}

void PresenceModel::merge(const PresenceSnapshot &snapshot, const Roster &roster) {
    absorb(snapshot, roster, false);
}

void PresenceModel::absorb(const PresenceSnapshot &snapshot, const Roster &roster, bool replace) {
    if (replace) {
        // Shares the snapshot's table (implicit sharing): no per-user copy, no rehashing.
        m_raw = snapshot.byUserId;
    } else {
        for (auto it = snapshot.byUserId.begin(); it != snapshot.byUserId.end(); ++it) {
            m_raw.insert(it.key(), it.value());
            pushExpiries(it.key(), it.value());
        }
    }
    for (auto it = snapshot.byEmail.begin(); it != snapshot.byEmail.end(); ++it) {
        // Legacy answers name people by email; one we cannot place in the roster is dropped
        // (the next roster refresh and poll bring it back).
        if (const qint64 userId = roster.idForEmail(it.key())) {
            m_raw.insert(userId, it.value());
            pushExpiries(userId, it.value());
        }
    }
    if (replace)
        rebuildExpiries();
    if (snapshot.lastUpdateId)
        m_lastUpdateId = snapshot.lastUpdateId;
    if (snapshot.serverTimestamp)
        setServerTime(*snapshot.serverTimestamp);
    scheduleNextTransition();
    Q_EMIT changed();
}

void PresenceModel::applyEvent(qint64 userId, const RawPresence &raw,
                               std::optional<double> serverTimestamp, bool replace) {
    RawPresence &stored = m_raw[userId];
    if (replace) {
        stored = raw;
    } else {
        stored.activeTimestamp = std::max(stored.activeTimestamp, raw.activeTimestamp);
        stored.idleTimestamp = std::max(stored.idleTimestamp, raw.idleTimestamp);
    }
    pushExpiries(userId, stored);
    // An event's server time is newer than our last poll's; a simplified event has none and
    // the last poll's clock (carried forward) is used, as the web app does. It is taken only
    // within a minute ahead of that clock (an event comes within one long poll of the time it
    // names): one bad timestamp would otherwise age everyone to offline until the next poll
    // sets the clock back, and bring them all "back" then.
    if (serverTimestamp && std::isfinite(*serverTimestamp) && *serverTimestamp > serverNow() &&
        (m_serverTimestamp <= 0 ? *serverTimestamp < maxEventServerTime
                                : *serverTimestamp < serverNow() + maxEventLeadSeconds))
        setServerTime(*serverTimestamp);
    scheduleNextTransition();
    Q_EMIT changed();
}

void PresenceModel::clear() {
    m_raw.clear();
    m_serverTimestamp = 0;
    m_lastUpdateId.reset();
    m_expiries.clear();
    m_transitionTimer.stop();
    Q_EMIT changed();
}

void PresenceModel::setServerTime(double serverTimestamp) {
    m_serverTimestamp = serverTimestamp;
    m_receivedAtSteady = steadySeconds();
}

double PresenceModel::serverNow() const {
    if (m_serverTimestamp <= 0)
        return 0;
    return m_serverTimestamp + std::max(0.0, steadySeconds() - m_receivedAtSteady);
}

StatusVerdict PresenceModel::verdict(qint64 userId, qint64 dateJoined) const {
    return verdictAt(userId, serverNow(), dateJoined);
}

StatusVerdict PresenceModel::verdictAt(qint64 userId, double serverTime, qint64 dateJoined) const {
    // Someone the server sent nothing about was not connected within its history window:
    // offline, last active unknown (Zulip's web app says "Not active in the last year"). The
    // date_joined fallback is for entries whose times the server left empty, never for
    // absence: it would show a person who was away for a month as "Active" on the day they
    // joined, years ago.
    const auto it = m_raw.constFind(userId);
    if (it == m_raw.constEnd())
        return {PresenceStatus::Offline, 0};
    return statusFromRaw(*it, serverTime, m_offlineThreshold, dateJoined);
}

void PresenceModel::scheduleNextTransition() {
    if (m_serverTimestamp <= 0) {
        m_transitionTimer.stop();
        return;
    }
    const double now = serverNow();
    // Expired entries were dropped up to m_expiriesPrunedAt; a server clock that went back
    // (corrected by its next answer) may make some current again.
    if (now < m_expiriesPrunedAt)
        rebuildExpiries();
    m_expiriesPrunedAt = now;
    const auto later = std::greater<>();
    while (!m_expiries.empty() &&
           (m_expiries.front().first <= now ||
            !expiryStillHolds(m_expiries.front().first, m_expiries.front().second))) {
        std::pop_heap(m_expiries.begin(), m_expiries.end(), later);
        m_expiries.pop_back();
    }
    const double next =
        m_expiries.empty() ? std::numeric_limits<double>::infinity() : m_expiries.front().first;
    if (!std::isfinite(next)) {
        m_transitionTimer.stop();
        return;
    }
    // A little slack so the recomputation lands after the boundary, not just before it. A
    // timestamp far in the future (a server clock gone wrong) must not overflow QTimer's int:
    // wake within a day at most, and look again then.
    const double ms = std::min(std::ceil((next - now) * 1000.0) + 50, 86400000.0);
    m_transitionTimer.start(int(ms));
}

void PresenceModel::pushExpiries(qint64 userId, const RawPresence &raw) {
    // A current timestamp stops being current at timestamp + threshold.
    for (const qint64 ts : {raw.activeTimestamp, raw.idleTimestamp}) {
        if (ts <= 0)
            continue;
        m_expiries.emplace_back(double(ts) + m_offlineThreshold, userId);
        std::push_heap(m_expiries.begin(), m_expiries.end(), std::greater<>());
    }
    // Superseded entries are only dropped when they reach the top: bound the garbage.
    if (m_expiries.size() > 4 * size_t(m_raw.size()) + 64)
        rebuildExpiries();
}

void PresenceModel::rebuildExpiries() {
    m_expiries.clear();
    m_expiries.reserve(2 * size_t(m_raw.size()));
    const double now = serverNow();
    for (auto it = m_raw.cbegin(); it != m_raw.cend(); ++it) {
        for (const qint64 ts : {it.value().activeTimestamp, it.value().idleTimestamp}) {
            const double expiry = double(ts) + m_offlineThreshold;
            if (ts > 0 && expiry > now)
                m_expiries.emplace_back(expiry, it.key());
        }
    }
    std::make_heap(m_expiries.begin(), m_expiries.end(), std::greater<>());
    m_expiriesPrunedAt = now;
}

bool PresenceModel::expiryStillHolds(double expiry, qint64 userId) const {
    const auto it = m_raw.constFind(userId);
    if (it == m_raw.cend())
        return false;
    const auto holds = [&](qint64 ts) {
        return ts > 0 && double(ts) + m_offlineThreshold == expiry;
    };
    return holds(it.value().activeTimestamp) || holds(it.value().idleTimestamp);
}

} // namespace zp
