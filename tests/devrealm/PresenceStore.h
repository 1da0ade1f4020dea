// The server side of presence (PRESENCE.md §9): one row per user with two times and a realm-wide
// sequence number, the write rules of a status report, backdating, and the query behind every
// presence response.
#pragma once

#include "Json.h"

#include <QString>
#include <functional>
#include <limits>
#include <optional>
#include <vector>

namespace zp::devrealm {

struct User;

constexpr qint64 kNoTime = std::numeric_limits<qint64>::min(); // a NULL time in the row

struct PresenceRow {
    bool exists = false;
    qint64 lastActiveMs = kNoTime;
    qint64 lastConnectedMs = kNoTime;
    qint64 lastUpdateId = 0;
};

struct PresenceRules {
    qint64 minWriteGapMs = 55'000; // PRESENCE_UPDATE_MIN_FREQ_SECONDS
    qint64 offlineThresholdMs = 200'000;
    qint64 pingIntervalMs = 60'000;
    qint64 legacyActiveSlackMs = 70'000; // legacy format: active if active + 70 s >= connected
};

struct WriteOutcome {
    bool created = false;
    bool wrote = false;
    bool cameOnline = false; // active, and the last active time was older than the event age
};

struct PresenceQuery {
    qint64 nowMs = 0;
    std::optional<qint64> lastUpdateId;     // absent = full snapshot in the window
    std::optional<qint64> historyLimitDays; // absent = 14
};

struct PresenceResult {
    std::vector<int> userIds;
    qint64 presenceLastUpdateId = -1;
};

// One entry of the legacy (email-keyed) format.
struct LegacyStatus {
    bool active = false;
    qint64 timestampSecs = 0;
};

class PresenceStore {
public:
    PresenceStore(PresenceRules rules, int firstUserId) : m_rules(rules), m_firstId(firstUserId) {}

    const PresenceRules &rules() const { return m_rules; }

    // A status report (§9.2). The caller checks presence_enabled first.
    WriteOutcome report(int userId, bool active, qint64 nowMs);
    // presence_enabled turned off (§9.6); true if the row changed.
    bool backdateForDisable(int userId, qint64 nowMs);
    // A direct write for tests; the row gets the next sequence number.
    void setRow(int userId, qint64 lastActiveMs, qint64 lastConnectedMs);
    void clearRow(int userId);

    const PresenceRow *row(int userId) const;
    qint64 sequence() const { return m_sequence; }

    // The rows a presence response returns (§9.5); `eligible` filters out bots and deactivated
    // users.
    PresenceResult query(const PresenceQuery &q, const std::function<bool(int)> &eligible) const;

    // Formats. Null times are replaced by the user's date_joined.
    LegacyStatus legacyStatus(const PresenceRow &row, const User &user) const;
    static qint64 activeSecs(const PresenceRow &row, const User &user);
    static qint64 idleSecs(const PresenceRow &row, const User &user);
    void writeModernEntry(JsonWriter &w, const PresenceRow &row, const User &user) const;
    void writeLegacyEntry(JsonWriter &w, const PresenceRow &row, const User &user) const;
    void writeLegacyClient(JsonWriter &w, const PresenceRow &row, const User &user,
                           bool withPushable) const;

private:
    PresenceRow &rowFor(int userId);
    void touch(PresenceRow &row) { row.lastUpdateId = ++m_sequence; }

    PresenceRules m_rules;
    int m_firstId;
    std::vector<PresenceRow> m_rows; // index = user id - first id
    qint64 m_sequence = 0;
};

} // namespace zp::devrealm
