#include "idle/wayland/WaylandIdleBackend.h"

#include "idle/wayland/WaylandConnection.h"

#include <QMetaObject>
#include <QPointer>

// Generated at build time by wayland-scanner (core/idle/wayland/CMakeLists.txt).
#include "ext-idle-notify-v1-client-protocol.h"
#include "kde-idle-client-protocol.h"

#include <algorithm>
#include <limits>

namespace zp {

// The highest ext-idle-notify version this build's protocol XML defines. Version 2 added
// get_input_idle_notification (wayland-protocols 1.36+); Debian 12 ships 1.31, version 1 only.
#ifdef EXT_IDLE_NOTIFIER_V1_GET_INPUT_IDLE_NOTIFICATION_SINCE_VERSION
constexpr std::uint32_t kExtIdleNotifyVersion = 2;
#else
constexpr std::uint32_t kExtIdleNotifyVersion = 1;
#endif

struct WaylandIdleBackend::Watch {
    enum class State { Armed, Idled, ResumedAfterIdle };

    WaylandIdleBackend *owner = nullptr;
    wl_proxy *proxy = nullptr;
    WaylandIdleBackend::Protocol protocol = WaylandIdleBackend::Protocol::ExtIdleNotify;
    State state = State::Armed;
    // idleReached() was emitted for this watch (each watch reports its idle edge once).
    bool reported = false;
    // Input came after that report (even if the watch has gone idle again since).
    bool resumedAfterReport = false;

    static void onIdle(void *data) {
        auto *watch = static_cast<Watch *>(data);
        watch->state = State::Idled;
        if (watch == watch->owner->m_idleWatch.get() && !watch->reported) {
            watch->reported = true;
            watch->owner->m_pendingIdle = true;
        }
    }

    static void onResumed(void *data) {
        auto *watch = static_cast<Watch *>(data);
        watch->state = State::ResumedAfterIdle;
        if (watch->reported)
            watch->resumedAfterReport = true;
        if (watch == watch->owner->m_resumeWatch.get())
            watch->owner->m_pendingResume = true;
    }

    // Destroying the proxy makes libwayland drop any event still on its way for it, so the
    // listeners never see a freed Watch.
    static void destroy(Watch *watch) {
        if (watch->protocol == Protocol::ExtIdleNotify)
            ext_idle_notification_v1_destroy(
                reinterpret_cast<ext_idle_notification_v1 *>(watch->proxy));
        else
            org_kde_kwin_idle_timeout_release(
                reinterpret_cast<org_kde_kwin_idle_timeout *>(watch->proxy));
        delete watch;
    }
};

namespace {

const ext_idle_notification_v1_listener kExtListener = {
    [](void *data, ext_idle_notification_v1 *) { WaylandIdleBackend::Watch::onIdle(data); },
    [](void *data, ext_idle_notification_v1 *) { WaylandIdleBackend::Watch::onResumed(data); },
};

const org_kde_kwin_idle_timeout_listener kKdeListener = {
    [](void *data, org_kde_kwin_idle_timeout *) { WaylandIdleBackend::Watch::onIdle(data); },
    [](void *data, org_kde_kwin_idle_timeout *) { WaylandIdleBackend::Watch::onResumed(data); },
};

} // namespace

WaylandIdleBackend::WaylandIdleBackend(Protocol protocol, QObject *parent)
    : IdleBackend(parent), m_protocol(protocol),
      m_connection(std::make_unique<WaylandConnection>()), m_idleWatch(noWatch()),
      m_resumeWatch(noWatch()) {
    connect(m_connection.get(), &WaylandConnection::broken, this, &IdleBackend::failed);
    connect(m_connection.get(), &WaylandConnection::dispatched, this,
            &WaylandIdleBackend::onDispatched);
}

WaylandIdleBackend::~WaylandIdleBackend() {
    // Everything created on the connection goes before the connection itself.
    m_idleWatch.reset();
    m_resumeWatch.reset();
    if (m_manager) {
        if (m_protocol == Protocol::ExtIdleNotify)
            ext_idle_notifier_v1_destroy(reinterpret_cast<ext_idle_notifier_v1 *>(m_manager));
        else
            org_kde_kwin_idle_destroy(reinterpret_cast<org_kde_kwin_idle *>(m_manager));
    }
    m_connection.reset();
}

QString WaylandIdleBackend::name() const {
    return m_protocol == Protocol::ExtIdleNotify ? QStringLiteral("wayland-ext-idle")
                                                 : QStringLiteral("wayland-kde-idle");
}

WaylandIdleBackend::WatchPtr WaylandIdleBackend::noWatch() {
    return WatchPtr(nullptr, &Watch::destroy);
}

bool WaylandIdleBackend::open(QString *why) {
    if (!m_connection->open(why))
        return false;
    const wl_interface *interface = m_protocol == Protocol::ExtIdleNotify
                                        ? &ext_idle_notifier_v1_interface
                                        : &org_kde_kwin_idle_interface;
    const std::uint32_t offered = m_connection->globalVersion(interface->name);
    if (offered == 0) {
        if (why)
            *why = tr("The Wayland compositor at %1 does not offer %2.")
                       .arg(m_connection->socketName(), QLatin1String(interface->name));
        return false;
    }
    const std::uint32_t supported =
        m_protocol == Protocol::ExtIdleNotify ? kExtIdleNotifyVersion : 1;
    m_boundVersion = std::min(offered, supported);
    m_manager = static_cast<wl_proxy *>(m_connection->bind(interface, m_boundVersion));
    m_inputOnly = m_protocol == Protocol::ExtIdleNotify && m_boundVersion >= 2;
    if (!m_connection->roundtrip()) {
        if (why)
            *why =
                tr("The Wayland compositor at %1 did not answer.").arg(m_connection->socketName());
        return false;
    }
    if (why) {
        QString detail = tr("Wayland compositor at %1, %2 version %3")
                             .arg(m_connection->socketName(), QLatin1String(interface->name))
                             .arg(m_boundVersion);
        if (m_protocol == Protocol::ExtIdleNotify && !m_inputOnly)
            detail += tr(" (idle inhibitors such as a playing video hold off idle)");
        *why = detail;
    }
    return true;
}

quint64 WaylandIdleBackend::wakeups() const {
    return m_connection->socketWakeups();
}

WaylandIdleBackend::WatchPtr WaylandIdleBackend::createWatch(std::chrono::milliseconds timeout) {
    if (!m_manager || m_connection->isBroken())
        return noWatch();
    // The protocol takes unsigned 32-bit milliseconds; 0 would never fire on some compositors.
    const auto milliseconds = static_cast<std::uint32_t>(
        std::clamp<std::int64_t>(timeout.count(), 1, std::numeric_limits<std::uint32_t>::max()));
    auto *watch = new Watch;
    watch->owner = this;
    watch->protocol = m_protocol;
    wl_seat *seat = m_connection->seat();
    if (m_protocol == Protocol::ExtIdleNotify) {
        auto *notifier = reinterpret_cast<ext_idle_notifier_v1 *>(m_manager);
        ext_idle_notification_v1 *notification = nullptr;
#ifdef EXT_IDLE_NOTIFIER_V1_GET_INPUT_IDLE_NOTIFICATION_SINCE_VERSION
        if (m_inputOnly)
            notification =
                ext_idle_notifier_v1_get_input_idle_notification(notifier, milliseconds, seat);
#endif
        if (!notification)
            notification = ext_idle_notifier_v1_get_idle_notification(notifier, milliseconds, seat);
        ext_idle_notification_v1_add_listener(notification, &kExtListener, watch);
        watch->proxy = reinterpret_cast<wl_proxy *>(notification);
    } else {
        auto *idle = reinterpret_cast<org_kde_kwin_idle *>(m_manager);
        org_kde_kwin_idle_timeout *timeout =
            org_kde_kwin_idle_get_idle_timeout(idle, seat, milliseconds);
        org_kde_kwin_idle_timeout_add_listener(timeout, &kKdeListener, watch);
        watch->proxy = reinterpret_cast<wl_proxy *>(timeout);
    }
    return WatchPtr(watch, &Watch::destroy);
}

void WaylandIdleBackend::watchIdle(std::chrono::milliseconds threshold) {
    m_idleWatch = createWatch(threshold);
    m_pendingIdle = false;
    m_connection->flush();
}

void WaylandIdleBackend::watchResume() {
    m_resumeWatch.reset();
    m_pendingResume = false;
    ++m_resumeGeneration;
    // The protocols only send "resumed" after "idle" on the same object. The idle watch that
    // just reported is exactly that object: keep waiting on it.
    if (m_idleWatch && m_idleWatch->reported) {
        if (m_idleWatch->resumedAfterReport) {
            // Input came between the idle edge and this call: that is the resume.
            m_idleWatch.reset();
            postResumed();
            return;
        }
        if (m_idleWatch->state == Watch::State::Idled) {
            m_resumeWatch = std::move(m_idleWatch);
            m_idleWatch = noWatch();
            return;
        }
    }
    // No idle object to follow (e.g. after a sleep): a 1 ms watch goes idle at once unless
    // input is flowing, and its "resumed" is then the next input.
    m_resumeWatch = createWatch(std::chrono::milliseconds(1));
    m_connection->flush();
}

void WaylandIdleBackend::cancelWatches() {
    m_idleWatch.reset();
    m_resumeWatch.reset();
    m_pendingIdle = false;
    m_pendingResume = false;
    ++m_resumeGeneration;
    m_connection->flush();
}

void WaylandIdleBackend::postResumed() {
    const quint64 generation = m_resumeGeneration;
    QMetaObject::invokeMethod(
        this,
        [this, generation] {
            if (generation == m_resumeGeneration)
                Q_EMIT resumed();
        },
        Qt::QueuedConnection);
}

void WaylandIdleBackend::onDispatched() {
    // Signals go out here, after libwayland's dispatch, so receivers may create or destroy
    // watches freely.
    QPointer<WaylandIdleBackend> alive(this);
    if (m_pendingIdle) {
        m_pendingIdle = false;
        Q_EMIT idleReached();
        if (!alive)
            return;
    }
    if (m_pendingResume) {
        m_pendingResume = false;
        m_resumeWatch.reset(); // one-shot
        Q_EMIT resumed();
    }
}

} // namespace zp
