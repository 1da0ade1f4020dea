#pragma once

#include "idle/IdleBackend.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <memory>
#include <optional>

namespace zp {

// What the agent asks: "is the person here?". Owns one IdleBackend chosen at run time and
// turns its two edge events into a single idle/active state, re-arming the right watch
// after each edge. When no backend works it follows a documented honest rule instead of
// claiming "active" forever: the person counts as active only for `threshold` after they
// used our own UI (popup, menu, settings), idle otherwise.
class IdleMonitor : public QObject {
    Q_OBJECT
public:
    struct Attempt {
        QString backend;
        bool opened = false;
        QString detail; // why it failed, or what it connected to
    };

    explicit IdleMonitor(QObject *parent = nullptr);
    ~IdleMonitor() override;

    // Tries the candidates for this session in order (or only `forcedBackend`) and keeps the
    // first that opens. Returns false when none did; the monitor then runs on the
    // no-backend rule. Safe to call once.
    bool start(std::chrono::milliseconds threshold, const QString &forcedBackend = {});
    // Same, with a backend the caller built (tests, or a platform the factory does not know).
    bool startWith(std::unique_ptr<IdleBackend> backend, std::chrono::milliseconds threshold);

    // Thresholds outside 1 s to 24 h are clamped to that range (see clampThreshold()).
    void setThreshold(std::chrono::milliseconds threshold);
    std::chrono::milliseconds threshold() const { return m_threshold; }
    static constexpr std::chrono::milliseconds kMinThreshold{std::chrono::seconds(1)};
    static constexpr std::chrono::milliseconds kMaxThreshold{std::chrono::hours(24)};
    static std::chrono::milliseconds clampThreshold(std::chrono::milliseconds threshold);

    // What the next report says: idle when the backend says so, or the screen is locked, or
    // the computer is going to sleep.
    bool isIdle() const { return m_idle || m_locked || m_suspended; }
    bool isLocked() const { return m_locked; }

    // The screen locked: idle whatever input the lock screen gets. Unlocking proves someone
    // is here: active, and the idle watch starts over.
    void setLocked(bool locked);
    // The computer is about to sleep (true) or woke up (false, same as noteWokeUp()).
    void setSuspended(bool suspended);
    // After a sleep, noticed or not: idle until the backend sees real input.
    void noteWokeUp();
    // "none" when no backend works.
    QString backendName() const;
    bool hasBackend() const { return m_backend != nullptr; }
    const QList<Attempt> &attempts() const { return m_attempts; }
    std::optional<std::chrono::milliseconds> idleTime() const;
    // One line for the tray tooltip and popup: which source decides, or that none does and
    // what is reported then.
    QString summary() const;
    // The facts --diagnose prints, for people: session type, each backend tried and its
    // answer, the one chosen, the idle time now, the lock, what the next report says.
    QString describe() const;

    // The person clicked or typed in our own UI: they are certainly here right now.
    void noteOwnUiInteraction();

Q_SIGNALS:
    void idleChanged(bool idle);
    // The screen was locked or unlocked (D-Bus sources through setLocked(), or the backend's
    // own lock notifications on Windows and macOS).
    void lockedChanged(bool locked);
    void backendFailed(const QString &why);

private:
    void adopt(std::unique_ptr<IdleBackend> backend);
    void setIdle(bool idle);
    // Applies a change to the inputs of isIdle() and emits idleChanged() if it changed.
    template <typename Change> void changeState(Change change);
    void onIdleReached();
    void onResumed();
    void onBackendFailed(const QString &why);

    std::unique_ptr<IdleBackend> m_backend;
    QList<Attempt> m_attempts;
    std::chrono::milliseconds m_threshold{std::chrono::minutes(5)};
    bool m_idle = false; // the backend's (or the no-backend rule's) view
    bool m_locked = false;
    bool m_suspended = false;
    // Only used without a backend: how long our own UI's last use keeps the person active.
    QTimer m_uiGrace;
};

// The backends worth trying in this session, most trustworthy first, from the environment
// (XDG_SESSION_TYPE, WAYLAND_DISPLAY, DISPLAY). Every name here can be passed to
// createIdleBackend().
QStringList idleBackendCandidates();
// All backend names this build knows, for --help and --idle-backend validation.
QStringList knownIdleBackends();
std::unique_ptr<IdleBackend> createIdleBackend(const QString &name);

} // namespace zp
