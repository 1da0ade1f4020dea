#pragma once

#include <chrono>

namespace zp {

// Exponential backoff with jitter: each failure doubles the wait up to `cap`, and every wait
// is drawn between half and all of that, so many agents failing together (a server restart)
// do not come back in lockstep.
class Backoff {
public:
    Backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap)
        : m_base(base), m_cap(cap) {}

    // The wait before the next attempt; counts one more failure.
    std::chrono::milliseconds next();
    void reset() { m_failures = 0; }
    int failures() const { return m_failures; }
    void setCap(std::chrono::milliseconds cap) { m_cap = cap; }
    std::chrono::milliseconds cap() const { return m_cap; }

private:
    std::chrono::milliseconds m_base;
    std::chrono::milliseconds m_cap;
    int m_failures = 0;
};

} // namespace zp
