#pragma once

#include <QDBusConnection>
#include <QDBusUnixFileDescriptor>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace zp {

class IdleMonitor;
class PresenceAgent;

// Screen lock, sleep and wake, from the places Linux desktops announce them:
//  - systemd-logind on the system bus: our session's LockedHint (PropertiesChanged) and its
//    Lock/Unlock signals; the Manager's PrepareForSleep(bool). While awake it holds a
//    "delay" sleep inhibitor, so the agent gets a moment to send one last report before the
//    computer sleeps; it is released once that report is out, or after kSleepReportLimit.
//  - org.freedesktop.ScreenSaver and org.gnome.ScreenSaver ActiveChanged on the session bus.
// The screen counts as locked while any of them says so. Every source is optional: with
// none, the watcher simply never reports anything (--diagnose says which are there).
class SessionWatcher : public QObject {
    Q_OBJECT
public:
    // How long a sleep may be held up for the last report. logind's own cap
    // (InhibitDelayMaxSec) is 5 s by default.
    static constexpr std::chrono::milliseconds kSleepReportLimit{3000};

    explicit SessionWatcher(QObject *parent = nullptr);
    ~SessionWatcher() override;

    // Connects to both buses, finds our logind session, reads the lock state and takes the
    // sleep inhibitor. Call once.
    void start();

    bool isLocked() const { return m_logindLocked || m_freedesktopActive || m_gnomeActive; }
    bool isPreparingForSleep() const { return m_preparingForSleep; }
    bool holdsSleepInhibitor() const { return m_inhibitor.isValid(); }

    // For --diagnose and the UI: whether logind answered (and which session), and which
    // screen savers are on the session bus.
    bool logindAvailable() const { return !m_sessionPath.isEmpty(); }
    QString logindDetail() const { return m_logindDetail; }
    QStringList screenSaversPresent() const;

    // The last report before sleep is out: let the computer sleep.
    void releaseSleepInhibitor();

Q_SIGNALS:
    void lockedChanged(bool locked);
    void aboutToSleep();
    void wokeUp();

private Q_SLOTS:
    void onSessionPropertiesChanged(const QString &interface, const QVariantMap &changed,
                                    const QStringList &invalidated);
    void onSessionLock();
    void onSessionUnlock();
    void onPrepareForSleep(bool sleeping);
    void onFreedesktopActiveChanged(bool active);
    void onGnomeActiveChanged(bool active);

private:
    QString findSessionPath(QString *why) const;
    void takeSleepInhibitor();
    void setLockSource(bool &source, bool value);

    QDBusConnection m_system;
    QDBusConnection m_session;
    QString m_sessionPath;
    QString m_logindDetail;
    bool m_logindLocked = false;
    bool m_freedesktopActive = false;
    bool m_gnomeActive = false;
    bool m_preparingForSleep = false;
    QDBusUnixFileDescriptor m_inhibitor;
    QTimer m_inhibitorLimit;
};

// The rules that join the watcher to the agent (docs/IDLE.md): lock → idle reported at once;
// unlock → active at once; before sleep → one idle report while the inhibitor is held;
// after wake → idle until real input, a report and a full presence refresh at once.
void applySessionRules(SessionWatcher *watcher, IdleMonitor *idle, PresenceAgent *agent);

} // namespace zp
