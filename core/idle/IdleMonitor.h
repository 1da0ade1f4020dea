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

    void setThreshold(std::chrono::milliseconds threshold);
    std::chrono::milliseconds threshold() const { return m_threshold; }

    bool isIdle() const { return m_idle; }
    // "none" when no backend works.
    QString backendName() const;
    bool hasBackend() const { return m_backend != nullptr; }
    const QList<Attempt> &attempts() const { return m_attempts; }
    std::optional<std::chrono::milliseconds> idleTime() const;

    // The person clicked or typed in our own UI: they are certainly here right now.
    void noteOwnUiInteraction();

Q_SIGNALS:
    void idleChanged(bool idle);
    void backendFailed(const QString &why);

private:
    void adopt(std::unique_ptr<IdleBackend> backend);
    void setIdle(bool idle);
    void onIdleReached();
    void onResumed();
    void onBackendFailed(const QString &why);

    std::unique_ptr<IdleBackend> m_backend;
    QList<Attempt> m_attempts;
    std::chrono::milliseconds m_threshold{std::chrono::minutes(5)};
    bool m_idle = false;
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
