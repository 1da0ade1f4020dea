#pragma once

#include "agent/PresenceAgent.h"
#include "presence/CoworkerList.h"

#include <QByteArray>

namespace zp {

// The machine-readable and human-readable forms the command line prints. Kept here, beside
// the agent, so tests can check them without running the executable.

// --headless --json: one line after each successful poll.
// {"sent_status": "active", "server_timestamp": 1.7e9, "presence": {"<user_id>": "idle", ...}}
QByteArray headlessJsonLine(const PresenceAgent &agent, PresenceStatus sentStatus,
                            double serverTimestamp);

// --status --json: [{"user_id", "full_name", "email", "status", "last_active"}, ...]
QByteArray statusJson(const QList<Coworker> &coworkers);
// --status: a table a person can read.
QByteArray statusText(const QList<Coworker> &coworkers, double serverNow, int historyDays = 365);

} // namespace zp
