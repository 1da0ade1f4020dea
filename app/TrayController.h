#pragma once

#include "StatusArt.h"

#include <QObject>
#include <QPointer>
#include <QSystemTrayIcon>

class QAction;
class QMenu;

namespace zp {

class CoworkerListModel;
class PopupWindow;
class PresenceAgent;

// The agent's face: a tray icon showing the person's own state, a tooltip counting coworkers,
// a menu, and the popup it opens. Where no tray exists the popup is an ordinary window, so
// the agent is never invisible and unusable; if a tray appears later the icon docks there.
class TrayController : public QObject {
    Q_OBJECT
public:
    TrayController(PresenceAgent *agent, QObject *parent = nullptr);
    ~TrayController() override;

    void show();
    TrayState trayState() const { return m_state; }
    QString toolTip() const;
    PopupWindow *popup() const { return m_popup; }
    QSystemTrayIcon *trayIcon() const { return m_tray; }
    CoworkerListModel *model() const { return m_model; }

    void togglePopup();
    void openPopup();

private:
    void refresh();
    void openDirectMessage(qint64 userId);

    PresenceAgent *m_agent;
    CoworkerListModel *m_model;
    PopupWindow *m_popup;
    QSystemTrayIcon *m_tray;
    QMenu *m_menu;
    QAction *m_availableAction;
    TrayState m_state = TrayState::Connecting;
    bool m_usingWindowFallback = false;
};

} // namespace zp
