#include "TrayController.h"

#include "CoworkerListModel.h"
#include "PopupWindow.h"
#include "agent/PresenceAgent.h"

#include <QApplication>
#include <QDesktopServices>
#include <QMenu>
#include <QRegularExpression>
#include <QTimer>
#include <QUrl>

namespace zp {

TrayController::TrayController(PresenceAgent *agent, QObject *parent)
    : QObject(parent), m_agent(agent), m_model(new CoworkerListModel(agent, this)),
      m_popup(new PopupWindow(agent, m_model)), m_tray(new QSystemTrayIcon(this)),
      m_menu(new QMenu) {
    m_menu->addAction(tr("Open the list"), this, &TrayController::openPopup);
    m_availableAction = m_menu->addAction(tr("Show me as available"));
    m_availableAction->setCheckable(true);
    m_availableAction->setChecked(agent->ownPresenceEnabled());
    connect(m_availableAction, &QAction::triggered, this, [this](bool checked) {
        m_agent->noteOwnUiInteraction();
        m_availableAction->setEnabled(false);
        m_agent->setOwnPresenceEnabled(checked, [this](const QString &error) {
            m_availableAction->setEnabled(true);
            // Only the server's answer decides; a failed write puts the switch back.
            m_availableAction->setChecked(m_agent->ownPresenceEnabled());
            if (!error.isEmpty() && m_tray->isVisible())
                m_tray->showMessage(tr("Zulip presence"), error, QSystemTrayIcon::Warning);
            refresh();
        });
    });
    m_menu->addSeparator();
    m_menu->addAction(tr("Quit"), qApp, &QCoreApplication::quit);
    m_tray->setContextMenu(m_menu);

    connect(m_tray, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                    togglePopup();
            });
    connect(m_popup, &PopupWindow::personActivated, this, &TrayController::openDirectMessage);

    connect(agent, &PresenceAgent::stateChanged, this, &TrayController::refresh);
    connect(agent, &PresenceAgent::errorChanged, this, &TrayController::refresh);
    connect(agent, &PresenceAgent::reportCompleted, this, &TrayController::refresh);
    connect(agent, &PresenceAgent::ownStatusChanged, this, &TrayController::refresh);
    connect(agent, &PresenceAgent::ownPresenceEnabledChanged, this, [this](bool enabled) {
        m_availableAction->setChecked(enabled);
        refresh();
    });
    connect(m_model, &CoworkerListModel::countsChanged, this, &TrayController::refresh);
    refresh();
}

TrayController::~TrayController() {
    delete m_popup;
    delete m_menu;
}

void TrayController::show() {
    m_tray->show();
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        // No tray now: the list becomes an ordinary window so the agent stays usable. The
        // icon still docks if a panel starts later.
        m_usingWindowFallback = true;
        m_popup->setWindowMode(true);
        m_popup->show();
    } else {
        m_popup->setWindowMode(false);
    }
}

void TrayController::togglePopup() {
    if (m_popup->isVisible() && !m_usingWindowFallback) {
        m_popup->close();
        return;
    }
    openPopup();
}

void TrayController::openPopup() {
    m_agent->noteOwnUiInteraction();
    if (m_usingWindowFallback) {
        m_popup->show();
        m_popup->raise();
        m_popup->activateWindow();
        return;
    }
    m_popup->showNear(m_tray->geometry());
}

void TrayController::openDirectMessage(qint64 userId) {
    m_agent->noteOwnUiInteraction();
    const RealmUser *user = m_agent->roster().find(userId);
    if (!user)
        return;
    // Zulip's narrow URL: "<id>-<name slug>"; the id alone decides, the slug is cosmetic.
    QString slug = user->fullName;
    slug.replace(QRegularExpression(QStringLiteral("[^\\w]+")), QStringLiteral("-"));
    QUrl url = m_agent->account().site;
    url.setFragment(QStringLiteral("narrow/dm/%1-%2").arg(userId).arg(slug));
    QDesktopServices::openUrl(url);
}

QString TrayController::toolTip() const {
    QString own;
    switch (m_state) {
    case TrayState::Active:
        own = tr("You: active");
        break;
    case TrayState::Idle:
        own = tr("You: idle");
        break;
    case TrayState::Invisible:
        own = tr("You: invisible (not sharing your availability)");
        break;
    case TrayState::Error:
        own = m_agent->lastError();
        break;
    case TrayState::NotConfigured:
        own = tr("No Zulip account is configured");
        break;
    case TrayState::Connecting:
        own = tr("Connecting\u2026");
        break;
    }
    return tr("Zulip presence\n%1\n%2 active, %3 idle, %4 offline")
        .arg(own)
        .arg(m_model->count(PresenceStatus::Active))
        .arg(m_model->count(PresenceStatus::Idle))
        .arg(m_model->count(PresenceStatus::Offline));
}

void TrayController::refresh() {
    const PresenceAgent::State state = m_agent->state();
    if (!m_agent->account().isComplete())
        m_state = TrayState::NotConfigured;
    else if (state == PresenceAgent::State::CredentialsRejected || !m_agent->lastError().isEmpty())
        m_state = TrayState::Error;
    else if (state == PresenceAgent::State::Connecting || state == PresenceAgent::State::Stopped)
        m_state = TrayState::Connecting;
    else if (!m_agent->ownPresenceEnabled())
        m_state = TrayState::Invisible;
    else
        m_state = m_agent->currentOwnStatus() == PresenceStatus::Idle ? TrayState::Idle
                                                                      : TrayState::Active;
    m_tray->setIcon(zp::trayIcon(m_state));
    m_tray->setToolTip(toolTip());
    m_popup->setWindowIcon(zp::trayIcon(m_state));
}

} // namespace zp
