#pragma once

#include "idle/IdleBackend.h"

#include <cstdint>
#include <memory>

struct wl_proxy;

namespace zp {

class WaylandConnection;

// Wayland idle source through one of the compositor's idle protocols, on a private connection
// (see WaylandConnection for why not Qt's):
//  - ext-idle-notify-v1 ("wayland-ext-idle"), the standard one (KWin 5.27+, sway 1.8+, ...).
//    From version 2 on, get_input_idle_notification counts only real input, so an idle
//    inhibitor (a playing video) cannot keep the person "active"; version 1 only has
//    get_idle_notification, which such inhibitors hold off.
//  - org_kde_kwin_idle ("wayland-kde-idle"), KDE's older one, which sway 1.7 still offers.
//
// Both give a notification object per timeout that sends "idle" once no input came for that
// long, and "resumed" at the first input after that: event-driven on both edges, nothing polls.
// Neither can say how long the person has been idle, so idleTime() is always nullopt, and a
// new watch counts from its creation (the compositor does not tell how long input has
// already been absent).
class WaylandIdleBackend final : public IdleBackend {
    Q_OBJECT
public:
    enum class Protocol { ExtIdleNotify, KdeIdle };

    explicit WaylandIdleBackend(Protocol protocol, QObject *parent = nullptr);
    ~WaylandIdleBackend() override;

    QString name() const override;
    bool open(QString *why) override;
    void watchIdle(std::chrono::milliseconds threshold) override;
    void watchResume() override;
    void cancelWatches() override;
    std::optional<std::chrono::milliseconds> idleTime() const override { return std::nullopt; }

    // The protocol version bound (0 before open()), and whether watches count input only
    // (ext-idle-notify v2) rather than honouring idle inhibitors.
    std::uint32_t boundVersion() const { return m_boundVersion; }
    bool countsInputOnly() const { return m_inputOnly; }
    // How often the Wayland socket woke the process for this backend (tests, --diagnose).
    quint64 wakeups() const;

    // One notification object and what it has said. Public only for the C listeners.
    struct Watch;

private:
    using WatchPtr = std::unique_ptr<Watch, void (*)(Watch *)>;

    WatchPtr createWatch(std::chrono::milliseconds timeout);
    static WatchPtr noWatch();
    void onDispatched();
    void postResumed();

    Protocol m_protocol;
    std::unique_ptr<WaylandConnection> m_connection;
    wl_proxy *m_manager = nullptr; // ext_idle_notifier_v1 or org_kde_kwin_idle
    std::uint32_t m_boundVersion = 0;
    bool m_inputOnly = false;
    WatchPtr m_idleWatch;
    WatchPtr m_resumeWatch;
    // Set by the listeners during dispatch, acted on after it (see onDispatched()).
    bool m_pendingIdle = false;
    bool m_pendingResume = false;
    // Invalidates a queued resumed() when the watch it belonged to is replaced or cancelled.
    quint64 m_resumeGeneration = 0;
};

} // namespace zp
