#include "TrayController.h"

#include "AvatarLoader.h"
#include "CoworkerListModel.h"
#include "PopupWindow.h"
#include "agent/PresenceAgent.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusServiceWatcher>
#include <QDesktopServices>
#include <QMenu>
#include <QRegularExpression>
#include <QTimer>
#include <QUrl>

namespace zp {

TrayController::TrayController(PresenceAgent *agent, QObject *parent)
    : QObject(parent), m_agent(agent), m_model(new CoworkerListModel(agent, this)),
      m_avatars(new AvatarLoader(this)), m_popup(new PopupWindow(agent, m_model)), m_tray(nullptr),
      m_menu(new QMenu) {
    m_avatars->setAccount(agent->account());
    m_model->setAvatarLoader(m_avatars);
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
            if (!error.isEmpty() && m_tray && m_tray->isVisible())
                m_tray->showMessage(tr("Zulip presence"), error, QSystemTrayIcon::Warning);
            refresh();
        });
    });
    m_menu->addSeparator();
    m_menu->addAction(tr("Quit"), qApp, &QCoreApplication::quit);
    createTrayIcon();

    m_trayCheckTimer.setSingleShot(true);
    m_trayCheckTimer.setInterval(200);
    connect(&m_trayCheckTimer, &QTimer::timeout, this, &TrayController::checkTrayAvailability);
    // StatusNotifierItem hosts (KDE, GNOME with the AppIndicator extension, waybar...).
    auto *sniWatcher = new QDBusServiceWatcher(QStringLiteral("org.kde.StatusNotifierWatcher"),
                                               QDBusConnection::sessionBus(),
                                               QDBusServiceWatcher::WatchForOwnerChange, this);
    connect(sniWatcher, &QDBusServiceWatcher::serviceOwnerChanged, this,
            [this] { m_trayCheckTimer.start(200); });
    // XEmbed trays announce themselves with a MANAGER client message on the root window.
    qApp->installNativeEventFilter(this);

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
    qApp->removeNativeEventFilter(this);
    delete m_popup;
    delete m_menu;
}

void TrayController::createTrayIcon() {
    // A fresh QSystemTrayIcon picks the kind of tray present now (StatusNotifierItem or
    // XEmbed); an old one keeps the kind that existed when it was made.
    delete m_tray;
    m_tray = new QSystemTrayIcon(this);
    m_tray->setObjectName(QStringLiteral("trayIcon"));
    m_tray->setContextMenu(m_menu);
    m_tray->setIcon(zp::trayIcon(m_state));
    m_shownState = m_state;
    m_tray->setToolTip(toolTip());
    connect(m_tray, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                    togglePopup();
            });
}

bool TrayController::nativeEventFilter(const QByteArray &eventType, void *message, qintptr *) {
    // Only the xcb event's type byte is read (ClientMessage 33: a tray manager announcing
    // itself; DestroyNotify 17: possibly one going away); the check itself is debounced.
    if (eventType == "xcb_generic_event_t" && message) {
        const int type = *static_cast<const unsigned char *>(message) & 0x7f;
        if ((type == 33 || type == 17) && !m_trayCheckTimer.isActive())
            m_trayCheckTimer.start(200);
    }
    return false;
}

void TrayController::checkTrayAvailability() {
    if (!m_shown)
        return;
    const bool available = QSystemTrayIcon::isSystemTrayAvailable();
    if (available && m_usingWindowFallback) {
        // The panel arrived (late at login, or back after a restart): dock there and let the
        // window go back to being a popup.
        m_usingWindowFallback = false;
        createTrayIcon();
        refresh();
        m_tray->show();
        m_popup->hide();
        m_popup->setWindowMode(false);
    } else if (!available && !m_usingWindowFallback) {
        // Give a restarting panel a few seconds before the window takes over.
        if (m_trayGoneSince.isValid() && m_trayGoneSince.elapsed() >= 3000) {
            m_trayGoneSince.invalidate();
            m_usingWindowFallback = true;
            m_popup->setWindowMode(true);
            m_popup->show();
        } else {
            if (!m_trayGoneSince.isValid())
                m_trayGoneSince.start();
            m_trayCheckTimer.start(1000);
        }
    } else {
        m_trayGoneSince.invalidate();
    }
}

void TrayController::setShowOffline(bool show) {
    m_popup->setShowOffline(show);
}

void TrayController::show() {
    m_shown = true;
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
    // A cheap look on every open, in case no announcement reached us.
    checkTrayAvailability();
    if (m_usingWindowFallback) {
        m_popup->show();
        m_popup->raise();
        m_popup->activateWindow();
        return;
    }
    m_popup->showNear(m_tray->geometry());
}

QUrl TrayController::directMessageUrl(qint64 userId) const {
    const RealmUser *user = m_agent->roster().find(userId);
    if (!user)
        return {};
    // Zulip's narrow URL: "<id>-<name slug>"; the id alone decides, the slug is cosmetic. The
    // web app replaces runs of spaces, quotes, %, /, <, >, backticks and control characters
    // with "-" and keeps every letter, accented or not.
    static const QRegularExpression unsafe(QStringLiteral("[ \"%/<>`\\p{C}]+"),
                                           QRegularExpression::UseUnicodePropertiesOption);
    QString slug = user->fullName;
    slug.replace(unsafe, QStringLiteral("-"));
    QUrl url = m_agent->account().site;
    url.setFragment(QStringLiteral("narrow/dm/%1-%2").arg(userId).arg(slug));
    return url;
}

void TrayController::openDirectMessage(qint64 userId) {
    m_agent->noteOwnUiInteraction();
    const QUrl url = directMessageUrl(userId);
    if (!url.isValid())
        return;
    if (!m_usingWindowFallback)
        m_popup->close();
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
    QString tip = tr("Zulip presence\n%1\n%2 active, %3 idle, %4 offline")
                      .arg(own)
                      .arg(m_model->count(PresenceStatus::Active))
                      .arg(m_model->count(PresenceStatus::Idle))
                      .arg(m_model->count(PresenceStatus::Offline));
    if (!m_idleDetectionNote.isEmpty())
        tip += QLatin1Char('\n') + m_idleDetectionNote;
    return tip;
}

void TrayController::setIdleDetectionNote(const QString &note) {
    if (m_idleDetectionNote == note)
        return;
    m_idleDetectionNote = note;
    m_tray->setToolTip(toolTip());
}

void TrayController::refresh() {
    // The account is set after start-up and may change; the loader ignores repeats.
    m_avatars->setAccount(m_agent->account());
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
    // This runs after every report: touch the icon only when the state changed, since each
    // new icon makes the tray re-render and rescale it (hundreds of thread wakeups).
    if (m_state != m_shownState || m_tray->icon().isNull()) {
        m_shownState = m_state;
        const QIcon icon = zp::trayIcon(m_state);
        m_tray->setIcon(icon);
        m_popup->setWindowIcon(icon);
    }
    const QString tip = toolTip();
    if (tip != m_tray->toolTip())
        m_tray->setToolTip(tip);
}

} // namespace zp
