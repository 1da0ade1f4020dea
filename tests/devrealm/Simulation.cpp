#include "Simulation.h"

#include "DevRealm.h"
#include "PresenceStore.h"
#include "Random.h"
#include "Users.h"

#include <QTimer>
#include <algorithm>

namespace zp::devrealm {

namespace {

constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
constexpr qint64 kNever = std::numeric_limits<qint64>::max();
// After a clock jump, sessions older than this are replayed without reports.
constexpr qint64 kCatchUpLimit = 10 * kMinute;

enum class History { ActiveNow, IdleNow, MinutesAgo, HoursAgo, DaysAgo, Ancient, Never };

History historyFor(int userId, Rng &rng) {
    switch (userId) {
    case UserDirectory::kOwnId:
        return History::Never; // the agent creates its own row
    case UserDirectory::kBotId:
    case UserDirectory::kDeactivatedId:
    case UserDirectory::kZoeId:
        return History::ActiveNow; // bot and deactivated rows exist so that filtering shows
    case UserDirectory::kPresenceDisabledId:
        return History::DaysAgo;
    default:
        break;
    }
    const double p = rng.uniform();
    if (p < 0.15)
        return History::ActiveNow;
    if (p < 0.25)
        return History::IdleNow;
    if (p < 0.45)
        return History::MinutesAgo;
    if (p < 0.60)
        return History::HoursAgo;
    if (p < 0.75)
        return History::DaysAgo;
    if (p < 0.85)
        return History::Ancient;
    return History::Never;
}

struct SeedRow {
    int userId;
    qint64 activeMs;
    qint64 connectedMs;
};

} // namespace

Simulation::Simulation(const DevRealmOptions &options, NowFn now, ReportFn report, QObject *parent)
    : QObject(parent), m_seed(options.seed), m_speed(std::max(options.simSpeed, 0.001)),
      m_static(options.staticRealm), m_pingMs(qint64(options.pingIntervalSecs) * kSecond),
      m_now(std::move(now)), m_report(std::move(report)), m_timer(new QTimer(this)) {
    m_timer->setInterval(250);
    connect(m_timer, &QTimer::timeout, this, &Simulation::tick);
}

Simulation::~Simulation() = default;

void Simulation::seedHistory(const UserDirectory &users, PresenceStore &store, qint64 startMs) {
    std::vector<SeedRow> rows;
    m_coworkers.clear();
    for (const User &u : users.all()) {
        Rng rng(m_seed, quint64(u.id) * 4 + 3);
        const History h = historyFor(u.id, rng);
        qint64 connected = kNoTime;
        qint64 active = kNoTime;
        switch (h) {
        case History::ActiveNow:
            connected = active = startMs - rng.range(0, 50 * kSecond);
            break;
        case History::IdleNow:
            connected = startMs - rng.range(0, 50 * kSecond);
            active = startMs - rng.range(5 * kMinute, 3 * kHour);
            break;
        case History::MinutesAgo:
            connected = startMs - rng.range(4 * kMinute, 59 * kMinute);
            break;
        case History::HoursAgo:
            connected = startMs - rng.range(1 * kHour, 23 * kHour);
            break;
        case History::DaysAgo:
            connected = startMs - rng.range(1 * kDay, 13 * kDay);
            break;
        case History::Ancient:
            connected = startMs - rng.range(15 * kDay, 400 * kDay);
            break;
        case History::Never:
            break;
        }
        if (h >= History::MinutesAgo && connected != kNoTime) {
            // Ended idle half of the time; a few were never active at all (idle-only clients).
            const double p = rng.uniform();
            active = p < 0.5   ? connected
                     : p < 0.9 ? connected - rng.range(1 * kMinute, 2 * kHour)
                               : kNoTime;
        }
        if (connected != kNoTime) {
            connected = std::max(connected, u.dateJoinedMs + kMinute);
            if (active != kNoTime)
                active = std::clamp(active, u.dateJoinedMs + kMinute, connected);
            rows.push_back({u.id, active, connected});
        }

        const bool churns = !u.isBot && u.isActive && u.id != UserDirectory::kOwnId &&
                            h != History::Ancient && h != History::Never;
        if (churns) {
            Coworker c;
            c.userId = u.id;
            c.rngState = rng.next();
            c.state = h == History::ActiveNow ? State::Active
                      : h == History::IdleNow ? State::Idle
                                              : State::Offline;
            c.nextChangeMs = startMs + qint64(double(sessionLengthMs(c.state, c)) * rng.uniform());
            c.nextReportMs = c.state == State::Offline ? kNever : connected + m_pingMs;
            m_coworkers.push_back(c);
        }
    }
    std::sort(rows.begin(), rows.end(),
              [](const SeedRow &a, const SeedRow &b) { return a.connectedMs < b.connectedMs; });
    for (const SeedRow &r : rows)
        store.setRow(r.userId, r.activeMs, r.connectedMs);
}

qint64 Simulation::sessionLengthMs(State state, Coworker &c) {
    Rng rng(c.rngState);
    c.rngState = rng.next();
    qint64 length = 0;
    switch (state) {
    case State::Active:
        length = rng.range(2 * kMinute, 20 * kMinute);
        break;
    case State::Idle:
        length = rng.range(1 * kMinute, 15 * kMinute);
        break;
    case State::Offline:
        length = rng.range(5 * kMinute, 60 * kMinute);
        break;
    }
    return std::max<qint64>(kSecond, qint64(double(length) / m_speed));
}

Simulation::State Simulation::nextState(State state, Coworker &c) {
    Rng rng(c.rngState);
    c.rngState = rng.next();
    const double p = rng.uniform();
    switch (state) {
    case State::Active:
        return p < 0.6 ? State::Idle : State::Offline;
    case State::Idle:
        return p < 0.5 ? State::Active : State::Offline;
    case State::Offline:
        return p < 0.8 ? State::Active : State::Idle;
    }
    return State::Offline;
}

qint64 Simulation::nextDue(const Coworker &c) {
    return std::min(c.nextChangeMs, c.nextReportMs);
}

void Simulation::start(qint64 startMs) {
    Q_UNUSED(startMs);
    if (m_static)
        return;
    for (size_t i = 0; i < m_coworkers.size(); ++i)
        m_due.push({nextDue(m_coworkers[i]), i});
    m_timer->start();
}

void Simulation::tick() {
    const qint64 now = m_now();
    while (!m_due.empty() && m_due.top().atMs <= now) {
        const Due due = m_due.top();
        m_due.pop();
        Coworker &c = m_coworkers[due.index];
        const bool quiet = due.atMs < now - kCatchUpLimit;
        if (c.nextReportMs <= c.nextChangeMs) {
            if (!quiet)
                m_report(c.userId, c.state == State::Active, c.nextReportMs);
            c.nextReportMs += m_pingMs;
        } else {
            const qint64 at = c.nextChangeMs;
            c.state = nextState(c.state, c);
            c.nextChangeMs = at + sessionLengthMs(c.state, c);
            // Coming online or changing state reports at once, as clients do.
            c.nextReportMs = c.state == State::Offline ? kNever : at;
        }
        m_due.push({nextDue(c), due.index});
    }
}

} // namespace zp::devrealm
