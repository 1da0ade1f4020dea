#pragma once

#include <QLoggingCategory>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

// Xlib's own type names, declared rather than included so that no Xlib macro (None, Bool,
// Status...) leaks into code that also includes Qt headers.
struct _XDisplay;
union _XEvent;

class QSocketNotifier;

namespace zp {

Q_DECLARE_LOGGING_CATEGORY(lcIdleX11)

// One private Xlib connection for an X11 idle backend. Private because core/ must work without
// Qt Gui (the agent also runs --headless), and because Xlib's defaults would end the whole
// process on a lost server or a rejected request: here both end in broken() instead.
class XConnection : public QObject {
    Q_OBJECT
public:
    using EventHandler = std::function<void(_XEvent &)>;

    explicit XConnection(QObject *parent = nullptr);
    ~XConnection() override;

    // Connects to $DISPLAY. On failure returns false with one sentence in *why.
    bool open(QString *why);
    _XDisplay *display() const { return m_display; }
    QString displayName() const { return m_displayName; }

    // Called for every event the server sends, always from the event loop.
    void setEventHandler(EventHandler handler) { m_eventHandler = std::move(handler); }

    // Call after each batch of requests: sends them, and arranges for any event Xlib read
    // from the socket meanwhile to be handled (the socket notifier will not see those again).
    void afterRequests();

    // True once the connection cannot be used any more; broken() follows from the event loop.
    bool isBroken() const;

    // How often the X socket woke the process. Tests use it to prove nothing polls.
    quint64 socketWakeups() const { return m_socketWakeups; }

Q_SIGNALS:
    // Emitted once, from the event loop, never from inside a call into this object, so the
    // receiver may delete the owner.
    void broken(const QString &why);

private:
    friend class XErrorRouter;

    struct ProtocolError {
        int code = 0;
        int majorOpcode = 0;
        int minorOpcode = 0;
    };

    void onSocketActivated();
    void drainEvents();
    void postDrain();
    void checkHealth();

    _XDisplay *m_display = nullptr;
    QString m_displayName;
    QSocketNotifier *m_notifier = nullptr;
    EventHandler m_eventHandler;
    quint64 m_socketWakeups = 0;
    bool m_draining = false;
    bool m_drainPosted = false;
    // Set by the process-wide Xlib error handlers, which run inside Xlib calls.
    bool m_ioError = false;
    std::optional<ProtocolError> m_protocolError;
    bool m_brokenReported = false;
};

} // namespace zp
