#pragma once

#include <QMetaType>
#include <QString>
#include <QtGlobal>

namespace zp {

enum class PresenceStatus { Active, Idle, Offline };

QString statusName(PresenceStatus status);

// What the server last told us about one user: the last time any of their clients said they
// were really present, and the last time any client was connected at all. 0 means "never
// heard" (the server may also send date_joined there).
struct RawPresence {
    qint64 activeTimestamp = 0;
    qint64 idleTimestamp = 0;
    bool operator==(const RawPresence &) const = default;
};

struct StatusVerdict {
    PresenceStatus status = PresenceStatus::Offline;
    // Unix seconds of the moment "Active ... ago" refers to; 0 when unknown.
    qint64 lastActive = 0;
    bool operator==(const StatusVerdict &) const = default;
};

// Zulip's rule for turning raw timestamps into a dot, computed fresh every time it is asked,
// never stored: the same raw data means "active" now and "offline" four minutes later.
//
// `serverNow` must be the server's clock (its last server_timestamp, possibly advanced by a
// local monotonic clock since that answer). Comparing server timestamps with this machine's
// wall clock would turn any clock skew into wrong dots.
StatusVerdict statusFromRaw(const RawPresence &raw, double serverNow, int offlineThresholdSecs,
                            qint64 dateJoined = 0);

} // namespace zp

Q_DECLARE_METATYPE(zp::PresenceStatus)
