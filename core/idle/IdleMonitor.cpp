#include "idle/IdleMonitor.h"

#include <QLoggingCategory>

#ifdef ZP_HAVE_X11
#include "idle/x11/XScreenSaverIdleBackend.h"
#include "idle/x11/XSyncIdleBackend.h"
#endif

Q_LOGGING_CATEGORY(lcIdle, "zp.idle")

namespace zp {

IdleMonitor::IdleMonitor(QObject *parent) : QObject(parent) {
    m_uiGrace.setSingleShot(true);
    connect(&m_uiGrace, &QTimer::timeout, this, [this] { setIdle(true); });
}

IdleMonitor::~IdleMonitor() = default;

bool IdleMonitor::start(std::chrono::milliseconds threshold, const QString &forcedBackend) {
    m_threshold = threshold;
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
    qCWarning(lcIdle) << "no idle backend works in this session; reporting idle unless our "
                         "own window is in use";
    setIdle(true);
    return false;
}

bool IdleMonitor::startWith(std::unique_ptr<IdleBackend> backend,
                            std::chrono::milliseconds threshold) {
    m_threshold = threshold;
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
    // Assume presence at start (the person just launched us or logged in); the idle watch
    // corrects it within `threshold` if nobody is there.
    m_idle = false;
    m_backend->watchIdle(m_threshold);
}

void IdleMonitor::setThreshold(std::chrono::milliseconds threshold) {
    m_threshold = threshold;
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

void IdleMonitor::noteOwnUiInteraction() {
    if (m_backend) {
        // The backend sees this input too; nothing to add.
        return;
    }
    setIdle(false);
    m_uiGrace.start(m_threshold);
}

void IdleMonitor::setIdle(bool idle) {
    if (m_idle == idle)
        return;
    m_idle = idle;
    Q_EMIT idleChanged(idle);
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
    QStringList names;
#ifdef ZP_HAVE_X11
    names << QStringLiteral("xsync") << QStringLiteral("xscreensaver");
#endif
    return names;
}

QStringList idleBackendCandidates() {
    const QByteArray sessionType = qgetenv("XDG_SESSION_TYPE");
    const bool wayland =
        sessionType == "wayland" || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
    QStringList names;
    // On Wayland an X11 backend would only see input to XWayland windows: never use one there.
    if (!wayland && !qEnvironmentVariableIsEmpty("DISPLAY")) {
        // XSync alarms are event-driven; XScreenSaver needs a timer to the next deadline.
        names << QStringLiteral("xsync") << QStringLiteral("xscreensaver");
    }
    QStringList built = knownIdleBackends();
    names.erase(std::remove_if(names.begin(), names.end(),
                               [&](const QString &n) { return !built.contains(n); }),
                names.end());
    return names;
}

std::unique_ptr<IdleBackend> createIdleBackend(const QString &name) {
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
