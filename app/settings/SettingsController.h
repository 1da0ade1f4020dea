#pragma once

#include "account/Zuliprc.h"

#include <QObject>
#include <QPointer>

class QAction;

namespace zp {

class ComebackNotifier;
class DesktopNotifier;
class IdleMonitor;
class PresenceAgent;
class SecretStore;
class Settings;
class SettingsDialog;
class TrayController;
class ZulipClient;

// Wires the settings to the running agent: the tray menu's "Settings…" entry, the dialog's
// lifetime, switching accounts (restart the agent, forget the old one's state), the proxy,
// the idle threshold, and "tell me when someone is back" notifications.
class SettingsController : public QObject {
    Q_OBJECT
public:
    SettingsController(PresenceAgent *agent, ZulipClient *client, IdleMonitor *idle,
                       Settings *settings, SecretStore *secrets, TrayController *tray,
                       QObject *parent = nullptr);
    ~SettingsController() override;

    // Opens (or raises) the dialog, on `tabIndex` if given.
    void openDialog(int tabIndex = -1);
    SettingsDialog *dialog() const;
    ComebackNotifier *comebacks() const { return m_comebacks; }

    // Adopts `account` and (re)starts the agent with it. Returns one sentence on refusal.
    QString switchAccount(const Account &account);
    // Why the account chosen at start could not be used: the dialog's account tab says it
    // whenever it opens, until an account is in use.
    void setAccountProblem(const QString &problem);

private:
    void notifyComeback(qint64 userId, const QString &fullName);

    PresenceAgent *m_agent;
    ZulipClient *m_client;
    IdleMonitor *m_idle;
    Settings *m_settings;
    SecretStore *m_secrets;
    TrayController *m_tray;
    ComebackNotifier *m_comebacks;
    DesktopNotifier *m_notifier;
    QPointer<SettingsDialog> m_dialog;
    QString m_accountProblem;
};

} // namespace zp
