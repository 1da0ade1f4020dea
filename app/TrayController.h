#pragma once

#include "StatusArt.h"

#include <QAbstractNativeEventFilter>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSystemTrayIcon>
#include <QTimer>

#include <optional>

class QAction;
class QMenu;

namespace zp {

class AvatarLoader;
class CoworkerListModel;
class PopupWindow;
class PresenceAgent;

// The agent's face: a tray icon showing the person's own state, a tooltip counting coworkers,
// a menu, and the popup it opens. Where no tray exists the popup is an ordinary window, so
// the agent is never invisible and unusable; if a tray appears later the icon docks there.
class TrayController : public QObject, public QAbstractNativeEventFilter {
    Q_OBJECT
public:
    TrayController(PresenceAgent *agent, QObject *parent = nullptr);
    ~TrayController() override;

    void show();
    TrayState trayState() const { return m_state; }
    QString toolTip() const;
    // A line about idle detection for the tooltip (IdleMonitor::summary()).
    void setIdleDetectionNote(const QString &note);
    PopupWindow *popup() const { return m_popup; }
    QSystemTrayIcon *trayIcon() const { return m_tray; }
    CoworkerListModel *model() const { return m_model; }

    void togglePopup();
    void openPopup();
    // "Show offline coworkers" from the settings.
    void setShowOffline(bool show);
    bool usingWindowFallback() const { return m_usingWindowFallback; }
    AvatarLoader *avatars() const { return m_avatars; }

    // The narrow that opens a direct-message conversation with `userId` in the web app.
    QUrl directMessageUrl(qint64 userId) const;

    // Looks again whether a tray exists and moves between icon and window accordingly.
    void checkTrayAvailability();

    bool nativeEventFilter(const QByteArray &eventType, void *message, qintptr *result) override;

private:
    void refresh();
    void openDirectMessage(qint64 userId);
    void createTrayIcon();

    PresenceAgent *m_agent;
    CoworkerListModel *m_model;
    AvatarLoader *m_avatars;
    PopupWindow *m_popup;
    QSystemTrayIcon *m_tray;
    QMenu *m_menu;
    QAction *m_availableAction;
    TrayState m_state = TrayState::Connecting;
    std::optional<TrayState> m_shownState; // what the icon shows now
    bool m_usingWindowFallback = false;
    bool m_shown = false;
    // Tray managers announce themselves (X11 MANAGER message, StatusNotifierWatcher on D-Bus);
    // a burst of such events costs one check, and a vanished tray gets a moment to come back
    // (a panel restart) before the window replaces the icon.
    QTimer m_trayCheckTimer;
    QElapsedTimer m_trayGoneSince;
    QString m_idleDetectionNote;
};

} // namespace zp
