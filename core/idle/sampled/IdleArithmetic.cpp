#include "idle/sampled/IdleArithmetic.h"

namespace zp::idle {

milliseconds idleFromTicks(std::uint32_t nowTicks, std::uint32_t lastInputTicks) {
    // Modulo 2^32 by the rules of unsigned arithmetic: 0x00000010 - 0xfffffff0 is 0x20.
    return milliseconds(static_cast<std::uint32_t>(nowTicks - lastInputTicks));
}

milliseconds delayUntilIdle(milliseconds threshold, milliseconds idleNow) {
    if (idleNow < milliseconds::zero())
        idleNow = milliseconds::zero();
    if (threshold <= idleNow)
        return milliseconds::zero();
    return threshold - idleNow;
}

bool inputBetweenSamples(milliseconds previousIdle, milliseconds currentIdle, milliseconds elapsed,
                         milliseconds tolerance) {
    if (elapsed < milliseconds::zero())
        elapsed = milliseconds::zero();
    // currentIdle + tolerance < previousIdle + elapsed, without overflow for any reading up
    // to the 49.7-day tick range.
    return currentIdle + tolerance < previousIdle + elapsed;
}

} // namespace zp::idle
