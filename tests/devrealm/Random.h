// Deterministic pseudo-random numbers (splitmix64): the same seed gives the same realm on every
// machine, which std::uniform_int_distribution does not promise.
#pragma once

#include <QtGlobal>

namespace zp::devrealm {

class Rng {
public:
    // `stream` separates independent sequences drawn from one seed (per user, per purpose).
    explicit Rng(quint64 seed, quint64 stream = 0) : m_state(seed * 0x9E3779B97F4A7C15ull) {
        m_state ^= stream * 0xD1B54A32D192ED03ull + 0x632BE59BD9B4E019ull;
        next();
    }

    quint64 next() {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

    // Uniform in [0, 1).
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    // Uniform in [lo, hi], both inclusive.
    qint64 range(qint64 lo, qint64 hi) { return lo + qint64(next() % quint64(hi - lo + 1)); }
    bool chance(double probability) { return uniform() < probability; }

private:
    quint64 m_state;
};

} // namespace zp::devrealm
