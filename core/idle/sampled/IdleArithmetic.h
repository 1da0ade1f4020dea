#pragma once

// Plain C++ (no Qt, no platform headers): the arithmetic of the backends that can only be asked
// "how long idle now?" (Windows, macOS). Kept apart so that it is unit-tested on Linux and
// cross-compiled with MinGW in CI, where those platforms cannot run.

#include <chrono>
#include <cstdint>

namespace zp::idle {

using std::chrono::milliseconds;

// How often a resume watch samples the idle time. These platforms send no event when input
// comes back, so between the idle edge and the person's return this is the one wakeup a second.
inline constexpr milliseconds kResumeSampleInterval{1000};

// Idle time from two readings of a 32-bit millisecond tick counter (Windows' GetTickCount and
// GetLastInputInfo). The counter wraps every 2^32 ms (49.7 days); unsigned subtraction is
// right across one wrap. An idle time of more than 49.7 days cannot be told from a shorter one.
milliseconds idleFromTicks(std::uint32_t nowTicks, std::uint32_t lastInputTicks);

// How long to sleep before the idle time can first reach `threshold`, given the idle time now.
// Zero when it already has (fire soon); never negative; a negative idle reading counts as 0.
milliseconds delayUntilIdle(milliseconds threshold, milliseconds idleNow);

// Resume detection between two samples `elapsed` apart: without input the idle time grows by
// `elapsed`; if it grew by less (beyond the readings' granularity, `tolerance`), input came.
// Clocks that stop during sleep make idle grow by more, which never counts as input.
bool inputBetweenSamples(milliseconds previousIdle, milliseconds currentIdle, milliseconds elapsed,
                         milliseconds tolerance = milliseconds(100));

} // namespace zp::idle
