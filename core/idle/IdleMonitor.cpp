#include "idle/IdleMonitor.h"

#include <QLoggingCategory>
#include <QScopeGuard>

#include <algorithm>

#ifdef ZP_HAVE_X11
#include "idle/x11/XScreenSaverIdleBackend.h"
#include "idle/x11/XSyncIdleBackend.h"
#endif
#ifdef ZP_HAVE_WAYLAND
#include "idle/wayland/WaylandIdleBackend.h"
#endif
#ifdef ZP_HAVE_WINDOWS_IDLE
#include "idle/windows/WindowsIdleBackend.h"
#endif
#ifdef ZP_HAVE_MACOS_IDLE
#include "idle/macos/MacIdleBackend.h"
#endif
#include "idle/freedesktop/FreedesktopScreenSaverIdleBackend.h"
#include "idle/gnome/GnomeMutterIdleBackend.h"

Q_LOGGING_CATEGORY(lcIdle, "zp.idle")

namespace zp {

IdleMonitor::IdleMonitor(QObject *parent) : QObject(parent) {
    m_uiGrace.setSingleShot(true);
    connect(&m_uiGrace, &QTimer::timeout, this, [this] { setIdle(true); });
}

IdleMonitor::~IdleMonitor() = default;

bool IdleMonitor::start(std::chrono::milliseconds threshold, const QString &forcedBackend) {
    m_threshold = clampThreshold(threshold);
    const QStringList names =
        forcedBackend.isEmpty() ? idleBackendCandidates() : QStringList{forcedBackend};
    for (const QString &name : names) {
        std::unique_ptr<IdleBackend> backend = createIdleBackend(name);
        if (!backend) {
            m_attempts.append({name, false, tr("not built into this version")});
            continue;
        }
        QString why;
        if (backend->open(&why)) {
            m_attempts.append({name, true, why});
            adopt(std::move(backend));
            return true;
        }
        m_attempts.append({name, false, why});
        qCInfo(lcIdle) << "idle backend" << name << "unavailable:" << why;
    }
    // No source of truth: start idle, and let our own UI's use make the person active.
    // Info, not a warning: the caller tells the person (tooltip, stderr, --diagnose).
    qCInfo(lcIdle) << "no idle backend works in this session; reporting idle unless our "
                      "own window is in use";
    setIdle(true);
    return false;
}

bool IdleMonitor::startWith(std::unique_ptr<IdleBackend> backend,
                            std::chrono::milliseconds threshold) {
    m_threshold = clampThreshold(threshold);
    QString why;
    const QString name = backend->name();
    if (!backend->open(&why)) {
        m_attempts.append({name, false, why});
        setIdle(true);
        return false;
    }
    m_attempts.append({name, true, why});
    adopt(std::move(backend));
    return true;
}

void IdleMonitor::adopt(std::unique_ptr<IdleBackend> backend) {
    m_backend = std::move(backend);
    m_backend->setParent(nullptr);
    connect(m_backend.get(), &IdleBackend::idleReached, this, &IdleMonitor::onIdleReached);
    connect(m_backend.get(), &IdleBackend::resumed, this, &IdleMonitor::onResumed);
    connect(m_backend.get(), &IdleBackend::failed, this, &IdleMonitor::onBackendFailed);
    connect(m_backend.get(), &IdleBackend::screenLockChanged, this, &IdleMonitor::setLocked);
    // Assume presence at start (the person just launched us or logged in); the idle watch
    // corrects it within `threshold` if nobody is there.
    m_idle = false;
    m_backend->watchIdle(m_threshold);
}

std::chrono::milliseconds IdleMonitor::clampThreshold(std::chrono::milliseconds threshold) {
    // Below 1 s every pause to read would count as idle; a zero or negative value would arm
    // timers that fire at once, forever. Above 24 h the value is a mistake, and much larger
    // ones would overflow the int milliseconds QTimer takes.
    return std::clamp(threshold, kMinThreshold, kMaxThreshold);
}

void IdleMonitor::setThreshold(std::chrono::milliseconds threshold) {
    m_threshold = clampThreshold(threshold);
    if (m_backend && !m_idle)
        m_backend->watchIdle(m_threshold);
}

QString IdleMonitor::backendName() const {
    return m_backend ? m_backend->name() : QStringLiteral("none");
}

std::optional<std::chrono::milliseconds> IdleMonitor::idleTime() const {
    if (!m_backend)
        return std::nullopt;
    return m_backend->idleTime();
}

QString IdleMonitor::summary() const {
    QString line = m_backend ? tr("Idle detection: %1").arg(m_backend->name())
                             : tr("No idle detection in this session: reporting idle");
    if (m_locked)
        line += tr(" (screen locked: idle)");
    return line;
}

QString IdleMonitor::describe() const {
    const QString session = qEnvironmentVariable("XDG_SESSION_TYPE");
    QStringList lines{tr("Session: %1").arg(session.isEmpty() ? tr("unknown") : session)};
    for (const Attempt &a : m_attempts)
        lines << (a.opened ? tr("%1: works (%2)") : tr("%1: unavailable (%2)"))
                     .arg(a.backend, a.detail.isEmpty() ? tr("no detail") : a.detail);
    lines << tr("Chosen: %1").arg(m_backend ? m_backend->name() : tr("none"));
    if (const auto idle = idleTime())
        lines << tr("Idle for: %1 s").arg(double(idle->count()) / 1000.0, 0, 'f', 1);
    else
        lines << (m_backend ? tr("Idle for: this source cannot tell, only when it changes")
                            : tr("Idle for: unknown"));
    lines << (m_locked ? tr("Screen: locked") : tr("Screen: not locked"));
    QString next = isIdle() ? tr("Next report: idle") : tr("Next report: active");
    if (!m_backend && !m_locked)
        next += tr(" (no idle source: idle unless this app's own window is in use)");
    lines << next;
    return lines.join(QLatin1Char('\n'));
}

void IdleMonitor::noteOwnUiInteraction() {
    if (m_backend) {
        // The backend sees this input too; nothing to add.
        return;
    }
    setIdle(false);
    m_uiGrace.start(m_threshold);
}

template <typename Change> void IdleMonitor::changeState(Change change) {
    const bool before = isIdle();
    change();
    if (isIdle() != before)
        Q_EMIT idleChanged(isIdle());
}

void IdleMonitor::setIdle(bool idle) {
    changeState([&] { m_idle = idle; });
}

void IdleMonitor::setLocked(bool locked) {
    if (m_locked == locked)
        return;
    qCInfo(lcIdle) << (locked ? "screen locked" : "screen unlocked");
    const QScopeGuard announce([&] { Q_EMIT lockedChanged(locked); });
    changeState([&] {
        m_locked = locked;
        if (locked)
            return;
        // Only the person can unlock: they are here now.
        m_idle = false;
        if (m_backend) {
            m_backend->cancelWatches();
            m_backend->watchIdle(m_threshold);
        } else {
            m_uiGrace.start(m_threshold);
        }
    });
}

void IdleMonitor::setSuspended(bool suspended) {
    if (!suspended) {
        noteWokeUp();
        return;
    }
    qCInfo(lcIdle) << "going to sleep";
    changeState([&] { m_suspended = true; });
}

void IdleMonitor::noteWokeUp() {
    qCInfo(lcIdle) << "woke up; idle until real input";
    changeState([&] {
        m_suspended = false;
        // Opening the lid or a key press woke the machine, but whether the person stays is
        // only known at their next input: idle until the backend sees it.
        m_idle = true;
        m_uiGrace.stop();
        if (m_backend) {
            m_backend->cancelWatches();
            m_backend->watchResume();
        }
    });
}

void IdleMonitor::onIdleReached() {
    setIdle(true);
    m_backend->watchResume();
}

void IdleMonitor::onResumed() {
    setIdle(false);
    m_backend->watchIdle(m_threshold);
}

void IdleMonitor::onBackendFailed(const QString &why) {
    qCWarning(lcIdle) << "idle backend" << backendName() << "failed:" << why;
    m_attempts.append({backendName(), false, why});
    m_backend.reset();
    setIdle(true);
    Q_EMIT backendFailed(why);
}

QStringList knownIdleBackends() {
#ifdef ZP_HAVE_WINDOWS_IDLE
    return {QStringLiteral("windows")};
#elif defined(ZP_HAVE_MACOS_IDLE)
    return {QStringLiteral("macos")};
#endif
    QStringList names{QStringLiteral("gnome-mutter"), QStringLiteral("freedesktop-screensaver")};
#ifdef ZP_HAVE_WAYLAND
    names << QStringLiteral("wayland-ext-idle") << QStringLiteral("wayland-kde-idle");
#endif
#ifdef ZP_HAVE_X11
    names << QStringLiteral("xsync") << QStringLiteral("xscreensaver");
#endif
    return names;
}

QStringList idleBackendCandidates() {
#if defined(ZP_HAVE_WINDOWS_IDLE) || defined(ZP_HAVE_MACOS_IDLE)
    // One source on these systems: the session's own last-input time.
    return knownIdleBackends();
#endif
    const QByteArray sessionType = qgetenv("XDG_SESSION_TYPE");
    const bool wayland =
        sessionType == "wayland" || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
    // The order and the reason for each place are in docs/IDLE.md. Each open() fails fast
    // (a name lookup on the bus, a display connection) where the source is absent.
    // 1. GNOME's compositor counts input itself, on X11 and Wayland alike, and watches on
    //    both edges: the only right source on GNOME Wayland, and exact on GNOME X11.
    QStringList names{QStringLiteral("gnome-mutter")};
    if (wayland) {
        // 2. The compositor's idle protocols: event-driven on both edges, but they cannot
        //    read the idle time. The standard ext-idle-notify-v1 first, KDE's older one next.
        names << QStringLiteral("wayland-ext-idle") << QStringLiteral("wayland-kde-idle");
        // 3. The desktop's own count where it offers one (KDE): no event while away, so it
        //    samples then. On Wayland an X11 backend would only see input to XWayland
        //    windows: never use one there.
        names << QStringLiteral("freedesktop-screensaver");
    } else if (!qEnvironmentVariableIsEmpty("DISPLAY")) {
        // On X11 the server's SYNC alarms are exact and event-driven on both edges, so they
        // come before the sampled ScreenSaver count (which KDE computes from XSync anyway);
        // XScreenSaver, sampled too, is the last resort.
        names << QStringLiteral("xsync") << QStringLiteral("freedesktop-screensaver")
              << QStringLiteral("xscreensaver");
    } else {
        names << QStringLiteral("freedesktop-screensaver");
    }
    QStringList built = knownIdleBackends();
    names.erase(std::remove_if(names.begin(), names.end(),
                               [&](const QString &n) { return !built.contains(n); }),
                names.end());
    return names;
}

std::unique_ptr<IdleBackend> createIdleBackend(const QString &name) {
    if (name == QLatin1String("gnome-mutter"))
        return std::make_unique<GnomeMutterIdleBackend>();
    if (name == QLatin1String("freedesktop-screensaver"))
        return std::make_unique<FreedesktopScreenSaverIdleBackend>();
#ifdef ZP_HAVE_WAYLAND
    if (name == QLatin1String("wayland-ext-idle"))
        return std::make_unique<WaylandIdleBackend>(WaylandIdleBackend::Protocol::ExtIdleNotify);
    if (name == QLatin1String("wayland-kde-idle"))
        return std::make_unique<WaylandIdleBackend>(WaylandIdleBackend::Protocol::KdeIdle);
#endif
#ifdef ZP_HAVE_WINDOWS_IDLE
    if (name == QLatin1String("windows"))
        return std::make_unique<WindowsIdleBackend>();
#endif
#ifdef ZP_HAVE_MACOS_IDLE
    if (name == QLatin1String("macos"))
        return std::make_unique<MacIdleBackend>();
#endif
#ifdef ZP_HAVE_X11
    if (name == QLatin1String("xsync"))
        return std::make_unique<XSyncIdleBackend>();
    if (name == QLatin1String("xscreensaver"))
        return std::make_unique<XScreenSaverIdleBackend>();
#endif
    Q_UNUSED(name);
    return nullptr;
}

} // namespace zp
