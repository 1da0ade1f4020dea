#include "idle/windows/WindowsIdleBackend.h"

#include "idle/windows/WindowsSessionApi.h"

#include <QLoggingCategory>

namespace zp {

Q_LOGGING_CATEGORY(lcIdleWindows, "zp.idle.windows")

WindowsIdleBackend::WindowsIdleBackend(QObject *parent) : SampledIdleBackend(parent) {}

WindowsIdleBackend::~WindowsIdleBackend() = default;

bool WindowsIdleBackend::open(QString *why) {
    if (!windows::readIdleTime()) {
        if (why)
            *why = tr("Windows does not report the last input time in this session.");
        return false;
    }
    // Lock notifications are a bonus: without them idle still works, so only log.
    auto watcher = std::make_unique<windows::SessionLockWatcher>();
    std::string lockProblem;
    if (watcher->open([this](bool locked) { Q_EMIT screenLockChanged(locked); }, &lockProblem))
        m_lockWatcher = std::move(watcher);
    else
        qCWarning(lcIdleWindows).noquote() << QString::fromStdString(lockProblem);
    if (why)
        *why = m_lockWatcher ? tr("GetLastInputInfo, session lock notifications")
                             : tr("GetLastInputInfo, no session lock notifications");
    return true;
}

std::optional<std::chrono::milliseconds> WindowsIdleBackend::readIdleTime() const {
    return windows::readIdleTime();
}

} // namespace zp
