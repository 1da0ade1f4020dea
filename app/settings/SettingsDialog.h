#pragma once

#include "account/Zuliprc.h"

#include <QDialog>
#include <QList>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace zp {

class AccountCheck;
class IdleMonitor;
class PresenceAgent;
class SecretStore;
class Settings;

// The settings dialog: the account (typed, fetched with a password, or imported from a zuliprc),
// the person's "show my availability" switch, the idle threshold, start at login, the popup's
// offline filter, whom to announce when they come back, and the proxy. Everything but the
// account applies at once; the account applies with "Use this account", after its key is safely
// in the keychain.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    SettingsDialog(PresenceAgent *agent, Settings *settings, SecretStore *secrets,
                   IdleMonitor *idle, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // Fills the account fields from a zuliprc file (the "Import" button's file dialog ends here).
    void importZuliprc(const QString &path);
    // The account as the fields describe it now.
    Account accountFromFields() const;
    QString accountStatus() const;
    // Why no account is in use (a zuliprc that cannot be read, say), shown until one is.
    void showAccountProblem(const QString &problem);

Q_SIGNALS:
    // The person chose this account and its key is in the keychain: switch the agent to it.
    void accountChosen(const zp::Account &account);
    void showOfflineChanged(bool show);
    void watchedUserIdsChanged(const QList<qint64> &userIds);
    void proxyChanged();

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *buildAccountTab();
    QWidget *buildGeneralTab();
    QWidget *buildNotificationsTab();
    QWidget *buildNetworkTab();

    void refreshIdleDetails();
    void setAccountStatus(const QString &text, bool problem);
    void setAccountBusy(bool busy);
    void testConnection();
    void logInWithPassword();
    void chooseZuliprcFile();
    void useAccount();
    void onPresenceToggled(bool enabled);
    void refreshPresenceSwitch();
    void fillWatchList();
    void saveWatchList();
    void saveProxy();
    void showSettingsFileState();
    QString watchListOwner() const;

    PresenceAgent *m_agent;
    Settings *m_settings;
    SecretStore *m_secrets;
    IdleMonitor *m_idle;
    AccountCheck *m_check;
    // From an imported zuliprc or the current account, and only for the server it came with:
    // typed in for another server it would replace that server's trust.
    QString m_caBundle;
    QUrl m_caBundleSite;

    QTabWidget *m_tabs = nullptr;
    QLabel *m_settingsProblem = nullptr;
    // Account
    QLineEdit *m_server = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_apiKey = nullptr;
    QLineEdit *m_password = nullptr;
    QPushButton *m_logIn = nullptr;
    QPushButton *m_import = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_use = nullptr;
    QLabel *m_accountStatus = nullptr;
    // General
    QCheckBox *m_presenceEnabled = nullptr;
    QLabel *m_presenceStatus = nullptr;
    QLabel *m_idleDetails = nullptr;
    QSpinBox *m_idleMinutes = nullptr;
    QCheckBox *m_startAtLogin = nullptr;
    QLabel *m_startAtLoginStatus = nullptr;
    QCheckBox *m_showOffline = nullptr;
    // Notifications
    QLineEdit *m_watchFilter = nullptr;
    QListWidget *m_watchList = nullptr;
    // Network
    QComboBox *m_proxyMode = nullptr;
    QLineEdit *m_proxyHost = nullptr;
    QSpinBox *m_proxyPort = nullptr;
};

} // namespace zp
