#include "RateLimiter.h"

namespace zp::devrealm {

RateLimiter::RateLimiter(int maxRequests, double windowSecs)
    : m_max(maxRequests), m_windowMs(qint64(windowSecs * 1000)) {
    m_clock.start();
}

RateDecision RateLimiter::hit(int userId) {
    const qint64 now = m_clock.elapsed();
    std::deque<qint64> &hits = m_hits[userId];
    while (!hits.empty() && hits.front() <= now - m_windowMs)
        hits.pop_front();
    RateDecision d;
    d.limit = m_max;
    d.allowed = int(hits.size()) < m_max;
    if (d.allowed)
        hits.push_back(now);
    d.remaining = std::max(0, m_max - int(hits.size()));
    d.secondsToReset = hits.empty() ? 0 : double(hits.front() + m_windowMs - now) / 1000.0;
    return d;
}

} // namespace zp::devrealm
