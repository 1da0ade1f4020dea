#pragma once

#include <QtGlobal>

#include <chrono>
#include <optional>

namespace zp {

// Notices a sleep nobody announced (no logind, a missed PrepareForSleep): between two checks
// a clock that runs through suspend moved on much further than one that stops during it.
// On Linux those are CLOCK_BOOTTIME and CLOCK_MONOTONIC, so a wall-clock change (NTP, the
// person setting the time) cannot fake a sleep; elsewhere the wall clock stands in for the
// first. Zulip's web app uses the same 20 s threshold. It is checked at the agent's report
// ticks only: no timer of its own.
class SleepGapDetector {
public:
    static constexpr std::chrono::milliseconds kMinGap{std::chrono::seconds(20)};

    // The two clocks now, in ms; the second stops while the computer sleeps.
    struct Reading {
        qint64 runsThroughSleepMs = 0;
        qint64 stopsDuringSleepMs = 0;
    };
    static Reading now();

    // Compares with the previous check. Returns the unexplained time (>= kMinGap) when the
    // computer slept in between; nothing on the first check or without a sleep.
    std::optional<std::chrono::milliseconds> check(Reading reading = now());

private:
    std::optional<Reading> m_previous;
};

} // namespace zp
