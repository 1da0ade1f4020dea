// Simulated coworkers. The initial history gives users last seen seconds, minutes, hours, days
// and months ago (some outside the 14-day window) or never; then, unless the realm is static,
// each coworker alternates active / idle / offline sessions and reports like a real client,
// every ping interval, through the normal write path (55 s gate, sequence, events).
// Everything derives from the seed and the realm time, so a run can be reproduced.
#pragma once

#include <QObject>
#include <functional>
#include <queue>
#include <vector>

class QTimer;

namespace zp::devrealm {

class PresenceStore;
class UserDirectory;
struct DevRealmOptions;

class Simulation : public QObject {
    Q_OBJECT

public:
    using NowFn = std::function<qint64()>;
    using ReportFn = std::function<void(int userId, bool active, qint64 atMs)>;

    Simulation(const DevRealmOptions &options, NowFn now, ReportFn report,
               QObject *parent = nullptr);
    ~Simulation() override;

    // Writes the initial rows directly, oldest first, so that sequence numbers follow time.
    void seedHistory(const UserDirectory &users, PresenceStore &store, qint64 startMs);
    // Starts the churn (no-op for a static realm).
    void start(qint64 startMs);

private:
    enum class State { Active, Idle, Offline };
    struct Coworker {
        int userId = 0;
        State state = State::Offline;
        qint64 nextChangeMs = 0;
        qint64 nextReportMs = 0; // only while online
        quint64 rngState = 0;
    };
    struct Due {
        qint64 atMs;
        size_t index;
        bool operator>(const Due &o) const { return atMs > o.atMs; }
    };

    void tick();
    qint64 sessionLengthMs(State state, Coworker &c);
    State nextState(State state, Coworker &c);
    static qint64 nextDue(const Coworker &c);

    quint64 m_seed;
    double m_speed;
    bool m_static;
    qint64 m_pingMs;
    NowFn m_now;
    ReportFn m_report;
    std::vector<Coworker> m_coworkers;
    std::priority_queue<Due, std::vector<Due>, std::greater<>> m_due;
    QTimer *m_timer;
};

} // namespace zp::devrealm
