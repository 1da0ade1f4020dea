#include "PresenceStore.h"

#include "Users.h"

namespace zp::devrealm {

namespace {
constexpr qint64 kDayMs = 24 * 3600 * 1000;
constexpr qint64 kDefaultHistoryDays = 14;

// A null time counts as a day old when the write gates are checked.
qint64 ageMs(qint64 timeMs, qint64 nowMs) {
    return timeMs == kNoTime ? kDayMs : nowMs - timeMs;
}

qint64 floorSecs(qint64 ms) {
    return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
}
} // namespace

PresenceRow &PresenceStore::rowFor(int userId) {
    const size_t i = size_t(userId - m_firstId);
    if (i >= m_rows.size())
        m_rows.resize(i + 1);
    return m_rows[i];
}

const PresenceRow *PresenceStore::row(int userId) const {
    const qint64 i = qint64(userId) - m_firstId;
    if (i < 0 || i >= qint64(m_rows.size()) || !m_rows[size_t(i)].exists)
        return nullptr;
    return &m_rows[size_t(i)];
}

WriteOutcome PresenceStore::report(int userId, bool active, qint64 nowMs) {
    PresenceRow &r = rowFor(userId);
    WriteOutcome out;
    if (!r.exists) {
        r.exists = true;
        r.lastConnectedMs = nowMs;
        r.lastActiveMs = active ? nowMs : kNoTime;
        touch(r);
        out.created = out.wrote = true;
        return out;
    }
    // "Came online": missed about two check-ins and at risk of showing offline (200 - 60 - 10).
    const qint64 onlineAgeMs = m_rules.offlineThresholdMs - m_rules.pingIntervalMs - 10'000;
    out.cameOnline = active && (r.lastActiveMs == kNoTime || nowMs - r.lastActiveMs > onlineAgeMs);

    if (ageMs(r.lastConnectedMs, nowMs) > m_rules.minWriteGapMs) {
        r.lastConnectedMs = nowMs;
        out.wrote = true;
    }
    if (active && ageMs(r.lastActiveMs, nowMs) > m_rules.minWriteGapMs) {
        r.lastActiveMs = nowMs;
        // Keep connected >= active.
        if (r.lastConnectedMs == kNoTime || r.lastConnectedMs < nowMs)
            r.lastConnectedMs = nowMs;
        out.wrote = true;
    }
    if (out.wrote)
        touch(r);
    return out;
}

bool PresenceStore::backdateForDisable(int userId, qint64 nowMs) {
    PresenceRow &r = rowFor(userId);
    if (!r.exists)
        return false;
    // Old enough to look offline to everyone, and for the 55 s gate to let the next write in.
    const qint64 target = nowMs - (m_rules.offlineThresholdMs + m_rules.minWriteGapMs + 10'000);
    if (r.lastConnectedMs == kNoTime || r.lastConnectedMs <= target)
        return false;
    r.lastConnectedMs = target;
    if (r.lastActiveMs != kNoTime && r.lastActiveMs > target)
        r.lastActiveMs = target;
    touch(r);
    return true;
}

void PresenceStore::setRow(int userId, qint64 lastActiveMs, qint64 lastConnectedMs) {
    PresenceRow &r = rowFor(userId);
    r.exists = true;
    r.lastActiveMs = lastActiveMs;
    r.lastConnectedMs = lastConnectedMs;
    touch(r);
}

void PresenceStore::clearRow(int userId) {
    rowFor(userId) = PresenceRow{};
}

PresenceResult PresenceStore::query(const PresenceQuery &q,
                                    const std::function<bool(int)> &eligible) const {
    PresenceResult result;
    // The window only applies to initial fetches; incremental ones are bounded by the id.
    const bool incremental = q.lastUpdateId && *q.lastUpdateId > 0;
    const qint64 days = q.historyLimitDays.value_or(kDefaultHistoryDays);
    const qint64 windowStart = q.nowMs - days * kDayMs;
    qint64 maxId = -1;
    // Zulip tests `history_limit_days != 0` without looking at last_update_id.
    if (!(q.historyLimitDays && *q.historyLimitDays == 0)) {
        for (size_t i = 0; i < m_rows.size(); ++i) {
            const PresenceRow &r = m_rows[i];
            if (!r.exists)
                continue;
            if (q.lastUpdateId && r.lastUpdateId <= *q.lastUpdateId)
                continue;
            if (!incremental && (r.lastConnectedMs == kNoTime || r.lastConnectedMs < windowStart))
                continue;
            const int userId = m_firstId + int(i);
            if (!eligible(userId))
                continue;
            result.userIds.push_back(userId);
            maxId = std::max(maxId, r.lastUpdateId);
        }
    }
    if (maxId >= 0)
        result.presenceLastUpdateId = maxId;
    else
        result.presenceLastUpdateId = q.lastUpdateId.value_or(-1);
    return result;
}

qint64 PresenceStore::activeSecs(const PresenceRow &row, const User &user) {
    return floorSecs(row.lastActiveMs == kNoTime ? user.dateJoinedMs : row.lastActiveMs);
}

qint64 PresenceStore::idleSecs(const PresenceRow &row, const User &user) {
    return floorSecs(row.lastConnectedMs == kNoTime ? user.dateJoinedMs : row.lastConnectedMs);
}

LegacyStatus PresenceStore::legacyStatus(const PresenceRow &row, const User &user) const {
    const qint64 active = row.lastActiveMs == kNoTime ? user.dateJoinedMs : row.lastActiveMs;
    const qint64 connected =
        row.lastConnectedMs == kNoTime ? user.dateJoinedMs : row.lastConnectedMs;
    if (active + m_rules.legacyActiveSlackMs >= connected)
        return {true, floorSecs(active)};
    return {false, floorSecs(connected)};
}

void PresenceStore::writeModernEntry(JsonWriter &w, const PresenceRow &row,
                                     const User &user) const {
    w.beginObject();
    w.field("active_timestamp", activeSecs(row, user));
    w.field("idle_timestamp", idleSecs(row, user));
    w.endObject();
}

void PresenceStore::writeLegacyClient(JsonWriter &w, const PresenceRow &row, const User &user,
                                      bool withPushable) const {
    const LegacyStatus s = legacyStatus(row, user);
    w.beginObject();
    w.field("client", "website");
    w.field("status", s.active ? "active" : "idle");
    w.field("timestamp", s.timestampSecs);
    if (withPushable)
        w.field("pushable", false);
    w.endObject();
}

void PresenceStore::writeLegacyEntry(JsonWriter &w, const PresenceRow &row,
                                     const User &user) const {
    // Since feature level 178 there is exactly one client, "website"; "aggregated" repeats it.
    w.beginObject();
    w.key("website");
    writeLegacyClient(w, row, user, true);
    w.key("aggregated");
    writeLegacyClient(w, row, user, false);
    w.endObject();
}

} // namespace zp::devrealm
