#pragma once

#include "idle/IdleBackend.h"

namespace zp::test {

// An idle source the test drives by hand, for tests about what the agent does with idle
// edges rather than about how a platform detects them (those use real X/Wayland servers).
class ScriptedIdleBackend : public IdleBackend {
    Q_OBJECT
public:
    QString name() const override { return QStringLiteral("scripted"); }
    bool open(QString *) override { return true; }
    void watchIdle(std::chrono::milliseconds threshold) override {
        m_watchingIdle = true;
        m_threshold = threshold;
    }
    void watchResume() override { m_watchingResume = true; }
    void cancelWatches() override { m_watchingIdle = m_watchingResume = false; }
    std::optional<std::chrono::milliseconds> idleTime() const override { return std::nullopt; }

    // The person stopped touching anything (long enough).
    void goIdle() {
        if (!m_watchingIdle)
            return;
        m_watchingIdle = false;
        Q_EMIT idleReached();
    }
    // The person touched the keyboard.
    void comeBack() {
        if (!m_watchingResume)
            return;
        m_watchingResume = false;
        Q_EMIT resumed();
    }
    std::chrono::milliseconds threshold() const { return m_threshold; }

private:
    bool m_watchingIdle = false;
    bool m_watchingResume = false;
    std::chrono::milliseconds m_threshold{0};
};

} // namespace zp::test
