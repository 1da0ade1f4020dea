#include "idle/wayland/WaylandConnection.h"

#include <QMetaObject>
#include <QPointer>
#include <QSocketNotifier>

#include <wayland-client.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace zp {

Q_LOGGING_CATEGORY(lcIdleWayland, "zp.idle.wayland")

WaylandConnection::WaylandConnection(QObject *parent) : QObject(parent) {}

WaylandConnection::~WaylandConnection() {
    delete m_readNotifier;
    delete m_writeNotifier;
    if (m_seat)
        wl_proxy_destroy(reinterpret_cast<wl_proxy *>(m_seat));
    if (m_registry)
        wl_registry_destroy(m_registry);
    if (m_display)
        wl_display_disconnect(m_display);
}

void WaylandConnection::onGlobal(void *data, wl_registry *registry, std::uint32_t name,
                                 const char *interface, std::uint32_t version) {
    auto *self = static_cast<WaylandConnection *>(data);
    self->m_globals.append({name, QByteArray(interface), version});
    // Idle is counted per seat; desktops have one, so the first is the one that matters.
    if (!self->m_seat && std::strcmp(interface, wl_seat_interface.name) == 0) {
        self->m_seat =
            static_cast<wl_seat *>(wl_registry_bind(registry, name, &wl_seat_interface, 1));
        self->m_seatName = name;
    }
}

void WaylandConnection::onGlobalRemove(void *data, wl_registry *registry, std::uint32_t name) {
    Q_UNUSED(registry);
    auto *self = static_cast<WaylandConnection *>(data);
    self->m_globals.removeIf([name](const Global &global) { return global.name == name; });
    if (name != 0 && name == self->m_seatName)
        self->reportBroken(tr("The Wayland compositor at %1 removed the seat whose input we watch.")
                               .arg(self->m_socketName));
}

bool WaylandConnection::open(QString *why) {
    auto fail = [why](const QString &reason) {
        if (why)
            *why = reason;
        return false;
    };
    if (m_display)
        return true;
    // libwayland would fall back to "wayland-0"; outside a Wayland session that could be some
    // other user's or a stale compositor, so only the session's own variable counts.
    m_socketName = qEnvironmentVariable("WAYLAND_DISPLAY");
    if (m_socketName.isEmpty())
        return fail(tr("WAYLAND_DISPLAY is not set, so there is no Wayland compositor to ask "
                       "about idle time."));
    m_display = wl_display_connect(nullptr);
    if (!m_display)
        return fail(tr("Cannot connect to the Wayland compositor at WAYLAND_DISPLAY=%1 (%2).")
                        .arg(m_socketName, QString::fromLocal8Bit(std::strerror(errno))));

    static const wl_registry_listener listener = {&WaylandConnection::onGlobal,
                                                  &WaylandConnection::onGlobalRemove};
    m_registry = wl_display_get_registry(m_display);
    wl_registry_add_listener(m_registry, &listener, this);
    // One round trip: the compositor has announced every global when its reply arrives.
    if (wl_display_roundtrip(m_display) < 0 || wl_display_dispatch_pending(m_display) < 0)
        return fail(tr("The Wayland compositor at %1 did not answer.").arg(m_socketName));
    if (!m_seat)
        return fail(tr("The Wayland compositor at %1 offers no seat, so no input to watch.")
                        .arg(m_socketName));

    const int fd = wl_display_get_fd(m_display);
    m_readNotifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &WaylandConnection::onReadable);
    m_writeNotifier = new QSocketNotifier(fd, QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &WaylandConnection::onWritable);
    return true;
}

std::uint32_t WaylandConnection::globalVersion(const char *interface) const {
    for (const Global &global : m_globals) {
        if (global.interface == interface)
            return global.version;
    }
    return 0;
}

void *WaylandConnection::bind(const wl_interface *interface, std::uint32_t version) {
    for (const Global &global : m_globals) {
        if (global.interface == interface->name) {
            return wl_registry_bind(m_registry, global.name, interface,
                                    std::min(version, global.version));
        }
    }
    return nullptr;
}

bool WaylandConnection::roundtrip() {
    if (!m_display || m_broken)
        return false;
    if (wl_display_roundtrip(m_display) < 0) {
        checkHealth();
        return false;
    }
    return true;
}

void WaylandConnection::flush() {
    if (!m_display || m_broken)
        return;
    if (wl_display_flush(m_display) >= 0) {
        if (m_writeNotifier)
            m_writeNotifier->setEnabled(false);
        return;
    }
    if (errno == EAGAIN) {
        // The socket buffer is full: finish when the compositor has read some of it.
        if (m_writeNotifier)
            m_writeNotifier->setEnabled(true);
        return;
    }
    const int error = errno;
    if (!checkHealth()) {
        // libwayland does not record EPIPE from a flush as fatal; it is just as final.
        reportBroken(tr("The connection to the Wayland compositor at %1 was lost (%2).")
                         .arg(m_socketName, QString::fromLocal8Bit(std::strerror(error))));
    }
}

void WaylandConnection::onWritable() {
    ++m_socketWakeups;
    flush();
}

void WaylandConnection::onReadable() {
    ++m_socketWakeups;
    if (!m_display || m_broken)
        return;
    // libwayland's rule for reading from our own loop: a read may only be prepared once the
    // queue is empty, and a prepared read must be completed (read_events) or cancelled.
    while (wl_display_prepare_read(m_display) != 0) {
        if (wl_display_dispatch_pending(m_display) < 0) {
            checkHealth();
            return;
        }
    }
    // The notifier said readable, so this does not block (and it returns at EAGAIN anyway).
    if (wl_display_read_events(m_display) < 0 || wl_display_dispatch_pending(m_display) < 0) {
        checkHealth();
        return;
    }
    QPointer<WaylandConnection> alive(this);
    Q_EMIT dispatched();
    if (alive)
        flush();
}

bool WaylandConnection::checkHealth() {
    if (m_broken)
        return true;
    if (!m_display)
        return false;
    const int error = wl_display_get_error(m_display);
    if (error == 0)
        return false;
    if (error == EPROTO) {
        const wl_interface *interface = nullptr;
        std::uint32_t id = 0;
        const std::uint32_t code = wl_display_get_protocol_error(m_display, &interface, &id);
        reportBroken(
            tr("The Wayland compositor at %1 rejected a request (%2 error %3).")
                .arg(m_socketName, QString::fromLatin1(interface ? interface->name : "unknown"))
                .arg(code));
    } else {
        reportBroken(tr("The connection to the Wayland compositor at %1 was lost (%2).")
                         .arg(m_socketName, QString::fromLocal8Bit(std::strerror(error))));
    }
    return true;
}

void WaylandConnection::reportBroken(const QString &why) {
    if (m_broken)
        return;
    m_broken = true;
    // A closed socket stays readable: leaving the notifier on would spin the event loop.
    if (m_readNotifier)
        m_readNotifier->setEnabled(false);
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(false);
    qCWarning(lcIdleWayland).noquote() << why;
    QMetaObject::invokeMethod(
        this, [this, why] { Q_EMIT broken(why); }, Qt::QueuedConnection);
}

} // namespace zp
