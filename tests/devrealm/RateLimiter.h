// Zulip's api_by_user rule: at most N authenticated requests per user in a sliding window.
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <deque>

namespace zp::devrealm {

struct RateDecision {
    bool allowed = true;
    int limit = 0;
    int remaining = 0;
    double secondsToReset = 0; // until the oldest counted request leaves the window
};

class RateLimiter {
public:
    RateLimiter(int maxRequests, double windowSecs);

    bool enabled() const { return m_max > 0; }
    // Counts the request unless it is over the limit.
    RateDecision hit(int userId);
    void reset() { m_hits.clear(); }

private:
    int m_max;
    qint64 m_windowMs;
    QElapsedTimer m_clock;
    QHash<int, std::deque<qint64>> m_hits;
};

} // namespace zp::devrealm
