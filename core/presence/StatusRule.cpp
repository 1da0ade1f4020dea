#include "presence/StatusRule.h"

#include <algorithm>

namespace zp {

QString statusName(PresenceStatus status) {
    switch (status) {
    case PresenceStatus::Active:
        return QStringLiteral("active");
    case PresenceStatus::Idle:
        return QStringLiteral("idle");
    case PresenceStatus::Offline:
        break;
    }
    return QStringLiteral("offline");
}

StatusVerdict statusFromRaw(const RawPresence &raw, double serverNow, int offlineThresholdSecs,
                            qint64 dateJoined) {
    // A missing timestamp counts as 0, i.e. infinitely old, so it can never look current.
    const auto isCurrent = [&](qint64 timestamp) {
        // Strictly less than: an age of exactly the threshold is already stale, as on the
        // server and in every Zulip client.
        return serverNow - double(timestamp) < double(offlineThresholdSecs);
    };

    // Active wins over a newer idle report while it is current: another of the person's
    // devices is in use even if this one went idle.
    if (raw.activeTimestamp > 0 && isCurrent(raw.activeTimestamp))
        return {PresenceStatus::Active, raw.activeTimestamp};

    if (raw.idleTimestamp > 0 && isCurrent(raw.idleTimestamp))
        return {PresenceStatus::Idle, std::max(raw.activeTimestamp, raw.idleTimestamp)};

    // Offline: "last seen" should name the last *active* moment; people who never used
    // Zulip fall back to when they joined rather than to "never".
    return {PresenceStatus::Offline, std::max(raw.activeTimestamp, dateJoined)};
}

} // namespace zp
