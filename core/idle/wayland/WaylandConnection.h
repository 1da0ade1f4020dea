#pragma once

#include <QLoggingCategory>
#include <QObject>
#include <QString>

#include <cstdint>

struct wl_display;
struct wl_interface;
struct wl_registry;
struct wl_seat;

class QSocketNotifier;

namespace zp {

Q_DECLARE_LOGGING_CATEGORY(lcIdleWayland)

// One private client connection to the Wayland compositor, opened with wl_display_connect()
// next to (not through) whatever Qt itself uses. Qt 6.4 has no public Wayland application
// interface, and borrowing Qt's wl_display would need Qt Gui private headers and a running
// Wayland QPA; core/ must do neither (the agent also runs --headless, or under XWayland).
// A separate connection costs one socket and lets the compositor tell us about the seat
// whatever platform plugin the GUI uses.
//
// Events are read from the Qt event loop: a QSocketNotifier on the display fd drives the
// libwayland prepare_read / read_events / dispatch_pending sequence, so nothing polls.
class WaylandConnection : public QObject {
    Q_OBJECT
public:
    explicit WaylandConnection(QObject *parent = nullptr);
    ~WaylandConnection() override;

    // Connects to $WAYLAND_DISPLAY and lists the compositor's globals (one round trip).
    // On failure returns false with one sentence in *why.
    bool open(QString *why);

    wl_display *display() const { return m_display; }
    QString socketName() const { return m_socketName; }
    // The first seat the compositor offered (idle is counted per seat), or null.
    wl_seat *seat() const { return m_seat; }

    // The advertised version of a global interface ("ext_idle_notifier_v1"), 0 if absent.
    std::uint32_t globalVersion(const char *interface) const;
    // Binds that global at `version` (at most what was advertised); null if absent.
    void *bind(const wl_interface *interface, std::uint32_t version);

    // Sends everything and waits for the compositor to have handled it, dispatching what it
    // answered (e.g. the seat's capabilities after a bind), so that those answers do not wake
    // the event loop later. Only for set-up; false once the connection is broken.
    bool roundtrip();

    // Call after each batch of requests: sends them (the socket is non-blocking; a full send
    // buffer is finished when the socket is writable again).
    void flush();

    bool isBroken() const { return m_broken; }
    // How often the socket woke the process. Tests use it to prove nothing polls.
    quint64 socketWakeups() const { return m_socketWakeups; }

Q_SIGNALS:
    // Emitted once, from the event loop (queued), so the receiver may delete the owner.
    void broken(const QString &why);
    // Emitted after each batch of events was dispatched to the proxies' listeners. Listeners
    // only record what happened; the owner acts here, outside libwayland's dispatch.
    void dispatched();

private:
    struct Global {
        std::uint32_t name = 0;
        QByteArray interface;
        std::uint32_t version = 0;
    };

    static void onGlobal(void *data, wl_registry *registry, std::uint32_t name,
                         const char *interface, std::uint32_t version);
    static void onGlobalRemove(void *data, wl_registry *registry, std::uint32_t name);

    void onReadable();
    void onWritable();
    // Checks libwayland's fatal error state after a call; reports it once.
    bool checkHealth();
    void reportBroken(const QString &why);

    wl_display *m_display = nullptr;
    wl_registry *m_registry = nullptr;
    wl_seat *m_seat = nullptr;
    std::uint32_t m_seatName = 0;
    QList<Global> m_globals;
    QString m_socketName;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    quint64 m_socketWakeups = 0;
    bool m_broken = false;
};

} // namespace zp
