#include "idle/x11/XConnection.h"

#include <QByteArray>
#include <QHash>
#include <QMetaObject>
#include <QPointer>
#include <QSocketNotifier>

#include <mutex>

// Xlib last: its macros would break the Qt headers above.
#include <X11/Xlib.h>

namespace zp {

Q_LOGGING_CATEGORY(lcIdleX11, "zp.idle.x11")

// Xlib's error handlers are process-wide, so one table maps each of our displays to its
// XConnection. Errors on any other display (Qt's own, a GL library's) go to whichever handler
// was installed before ours, exactly as if we were not there.
class XErrorRouter {
public:
    static void install() {
        std::lock_guard lock(mutex());
        XErrorHandler previousError = XSetErrorHandler(&XErrorRouter::onProtocolError);
        if (previousError != &XErrorRouter::onProtocolError)
            s_previousError = previousError;
        XIOErrorHandler previousIOError = XSetIOErrorHandler(&XErrorRouter::onIOError);
        if (previousIOError != &XErrorRouter::onIOError)
            s_previousIOError = previousIOError;
    }

    static void add(Display *display, XConnection *connection) {
        std::lock_guard lock(mutex());
        connections().insert(display, connection);
    }

    static void remove(Display *display) {
        std::lock_guard lock(mutex());
        connections().remove(display);
    }

private:
    static std::mutex &mutex() {
        static std::mutex instance;
        return instance;
    }
    static QHash<Display *, XConnection *> &connections() {
        static QHash<Display *, XConnection *> instance;
        return instance;
    }

    // Xlib's default calls exit(). For our displays, only remember the first error; the
    // connection reports it once the Xlib call has returned (see XConnection::checkHealth).
    static int onProtocolError(Display *display, XErrorEvent *error) {
        XErrorHandler previous = nullptr;
        {
            std::lock_guard lock(mutex());
            if (XConnection *connection = connections().value(display)) {
                if (!connection->m_protocolError) {
                    connection->m_protocolError = XConnection::ProtocolError{
                        error->error_code, error->request_code, error->minor_code};
                }
                return 0;
            }
            previous = s_previousError;
        }
        return previous ? previous(display, error) : 0;
    }

    // Xlib's default prints "X connection broken" and calls exit(). For our displays we return
    // instead; with the exit handler below also returning, Xlib unwinds the call in progress,
    // and every later call on that display fails at once without touching the socket.
    static int onIOError(Display *display) {
        XIOErrorHandler previous = nullptr;
        {
            std::lock_guard lock(mutex());
            if (XConnection *connection = connections().value(display)) {
                connection->m_ioError = true;
                return 0;
            }
            previous = s_previousIOError;
        }
        return previous ? previous(display) : 0;
    }

    static inline XErrorHandler s_previousError = nullptr;
    static inline XIOErrorHandler s_previousIOError = nullptr;
};

XConnection::XConnection(QObject *parent) : QObject(parent) {}

XConnection::~XConnection() {
    if (!m_display)
        return;
    delete m_notifier;
    // Still registered while closing, so an I/O error raised by the close itself (dead
    // server) is absorbed like any other.
    XCloseDisplay(m_display);
    XErrorRouter::remove(m_display);
}

bool XConnection::open(QString *why) {
    auto fail = [why](const QString &reason) {
        if (why)
            *why = reason;
        return false;
    };
    if (m_display)
        return true;
    const QByteArray name = qgetenv("DISPLAY");
    if (name.isEmpty())
        return fail(tr("DISPLAY is not set, so there is no X server to ask about idle time."));
    m_displayName = QString::fromLocal8Bit(name);

    XErrorRouter::install();
    Display *display = XOpenDisplay(nullptr);
    if (!display)
        return fail(tr("Cannot connect to the X server at DISPLAY=%1.").arg(m_displayName));
    m_display = display;
    XErrorRouter::add(display, this);
#ifdef ZP_X11_HAS_IO_ERROR_EXIT_HANDLER
    // libX11 >= 1.7: without this, Xlib calls exit() even after our I/O error handler returned.
    XSetIOErrorExitHandler(
        display, [](Display *, void *) {}, nullptr);
#endif

    m_notifier = new QSocketNotifier(ConnectionNumber(display), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &XConnection::onSocketActivated);
    return true;
}

bool XConnection::isBroken() const {
    return !m_display || m_brokenReported || m_ioError || m_protocolError.has_value();
}

void XConnection::afterRequests() {
    if (!m_display || m_ioError) {
        checkHealth();
        return;
    }
    XFlush(m_display);
    // Waiting for a reply (or flushing) may have moved events from the socket into Xlib's
    // queue, where the socket notifier cannot see them. QueuedAfterReading also picks up
    // what is already in the socket, without blocking.
    if (!m_draining && XEventsQueued(m_display, QueuedAfterReading) > 0)
        postDrain();
    checkHealth();
}

void XConnection::onSocketActivated() {
    ++m_socketWakeups;
    drainEvents();
}

void XConnection::postDrain() {
    if (m_drainPosted)
        return;
    m_drainPosted = true;
    QMetaObject::invokeMethod(this, &XConnection::drainEvents, Qt::QueuedConnection);
}

void XConnection::drainEvents() {
    m_drainPosted = false;
    if (!m_display || m_draining)
        return;
    m_draining = true;
    QPointer<XConnection> alive(this);
    // XPending flushes, then reads whatever the socket holds; an EOF here is how a dead
    // server shows up (through onIOError).
    while (!m_ioError && !m_protocolError && XPending(m_display) > 0) {
        XEvent event;
        XNextEvent(m_display, &event);
        if (m_eventHandler)
            m_eventHandler(event);
        if (!alive)
            return;
    }
    m_draining = false;
    checkHealth();
}

void XConnection::checkHealth() {
    if (m_brokenReported || !m_display)
        return;
    QString why;
    if (m_ioError) {
        why = tr("The connection to the X server at %1 was lost.").arg(m_displayName);
    } else if (m_protocolError) {
        char text[128] = {};
        XGetErrorText(m_display, m_protocolError->code, text, sizeof text);
        why = tr("The X server at %1 rejected a request (%2, opcode %3.%4).")
                  .arg(m_displayName, QString::fromLocal8Bit(text))
                  .arg(m_protocolError->majorOpcode)
                  .arg(m_protocolError->minorOpcode);
    } else {
        return;
    }
    m_brokenReported = true;
    // A closed socket stays readable: leaving the notifier on would spin the event loop.
    if (m_notifier)
        m_notifier->setEnabled(false);
    qCWarning(lcIdleX11).noquote() << why;
    QMetaObject::invokeMethod(
        this, [this, why] { Q_EMIT broken(why); }, Qt::QueuedConnection);
}

} // namespace zp
