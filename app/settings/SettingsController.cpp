#include "settings/SettingsController.h"

#include "AvatarLoader.h"
#include "TrayController.h"
#include "agent/PresenceAgent.h"
#include "notify/ComebackNotifier.h"
#include "notify/DesktopNotifier.h"
#include "settings/Settings.h"
#include "settings/SettingsDialog.h"
#include "zulip/ZulipClient.h"

#include <QMenu>
#include <QSystemTrayIcon>
#include <QTabWidget>

namespace zp {

SettingsController::SettingsController(PresenceAgent *agent, ZulipClient *client, IdleMonitor *idle,
                                       Settings *settings, SecretStore *secrets,
                                       TrayController *tray, QObject *parent)
    : QObject(parent), m_agent(agent), m_client(client), m_idle(idle), m_settings(settings),
      m_secrets(secrets), m_tray(tray), m_comebacks(new ComebackNotifier(agent, this)),
      m_notifier(new DesktopNotifier(this)) {
    client->setProxy(settings->networkProxy());
    if (tray->avatars())
        tray->avatars()->setProxy(settings->networkProxy());
    tray->setShowOffline(settings->showOffline());
    m_comebacks->setWatchedUserIds(settings->watchedUserIds(
        Settings::accountId(agent->account().site, agent->account().email)));
    connect(m_comebacks, &ComebackNotifier::cameBack, this, &SettingsController::notifyComeback);
    // Without a notification server the tray's own balloon says it.
    connect(m_notifier, &DesktopNotifier::failed, this,
            [this](const QString &summary, const QString &body) {
                if (QSystemTrayIcon *icon = m_tray->trayIcon(); icon && icon->isVisible())
                    icon->showMessage(summary, body, QSystemTrayIcon::Information);
            });

    // The tray menu is the tray's; the entry goes just before its last separator (Quit).
    if (QSystemTrayIcon *icon = tray->trayIcon(); icon && icon->contextMenu()) {
        QMenu *menu = icon->contextMenu();
        auto *action = new QAction(tr("Settings\u2026"), menu);
        action->setObjectName(QStringLiteral("settingsAction"));
        connect(action, &QAction::triggered, this, [this] { openDialog(); });
        QAction *before = nullptr;
        const QList<QAction *> actions = menu->actions();
        for (auto it = actions.crbegin(); it != actions.crend(); ++it)
            if ((*it)->isSeparator()) {
                before = *it;
                break;
            }
        menu->insertAction(before, action);
    }
}

SettingsController::~SettingsController() {
    delete m_dialog;
}

SettingsDialog *SettingsController::dialog() const {
    return m_dialog;
}

void SettingsController::openDialog(int tabIndex) {
    if (!m_dialog) {
        m_dialog = new SettingsDialog(m_agent, m_settings, m_secrets, m_idle);
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_dialog, &SettingsDialog::accountChosen, this,
                [this](const Account &account) { switchAccount(account); });
        connect(m_dialog, &SettingsDialog::showOfflineChanged, m_tray,
                &TrayController::setShowOffline);
        connect(m_dialog, &SettingsDialog::watchedUserIdsChanged, m_comebacks,
                &ComebackNotifier::setWatchedUserIds);
        connect(m_dialog, &SettingsDialog::proxyChanged, this, [this] {
            m_client->setProxy(m_settings->networkProxy());
            if (m_tray->avatars())
                m_tray->avatars()->setProxy(m_settings->networkProxy());
            // Requests in flight used the old route; start over on the new one.
            if (m_agent->account().isComplete())
                m_agent->start();
        });
    }
    if (!m_accountProblem.isEmpty() && !m_agent->account().isComplete())
        m_dialog->showAccountProblem(m_accountProblem);
    if (tabIndex >= 0)
        m_dialog->findChild<QTabWidget *>()->setCurrentIndex(tabIndex);
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
}

void SettingsController::setAccountProblem(const QString &problem) {
    m_accountProblem = problem;
    if (m_dialog && !problem.isEmpty() && !m_agent->account().isComplete())
        m_dialog->showAccountProblem(problem);
}

QString SettingsController::switchAccount(const Account &account) {
    if (const QString refused = ZulipClient::accountProblem(account); !refused.isEmpty())
        return refused; // the old account carries on
    // Stopped first, so the old event queue is given back with the old account's key.
    m_agent->stop();
    if (const QString refused = m_client->setAccount(account); !refused.isEmpty())
        return refused; // cannot happen after the check above, short of a vanished CA file
    // Watched people are user ids of one organization: the saved list is only for the account
    // it was chosen under.
    m_comebacks->setWatchedUserIds(
        m_settings->watchedUserIds(Settings::accountId(account.site, account.email)));
    // Another account's dots must not linger, nor be announced as comebacks.
    m_agent->forgetOrganization();
    if (m_tray->avatars())
        m_tray->avatars()->setAccount(account);
    // start() also clears a "credentials rejected" state.
    m_agent->start();
    return {};
}

void SettingsController::notifyComeback(qint64 userId, const QString &fullName) {
    Q_UNUSED(userId);
    m_notifier->notify(tr("%1 is back").arg(fullName),
                       tr("%1 is active on Zulip now.").arg(fullName));
}

} // namespace zp
