#include "settings/SettingsDialog.h"

#include "account/AccountCheck.h"
#include "agent/PresenceAgent.h"
#include "idle/IdleMonitor.h"
#include "platform/Autostart.h"
#include "secrets/SecretStore.h"
#include "settings/Settings.h"
#include "zulip/ZulipClient.h"

#include <QCheckBox>
#include <QCollator>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace zp {

namespace {

constexpr int userIdRole = Qt::UserRole;

QUrl normalisedSite(const QString &text) {
    QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    // As Zulip's own clients do: an address without a scheme means https.
    if (!trimmed.contains(QStringLiteral("://")))
        trimmed.prepend(QStringLiteral("https://"));
    // An address copied from the browser brings the page along (#narrow/..., ?query).
    QUrl site = QUrl(trimmed).adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
    QString path = site.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    site.setPath(path);
    return site;
}

QLabel *statusLabel(const QString &objectName) {
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setWordWrap(true);
    // Servers' words go in here; none of them may be taken for markup.
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->hide(); // until it has something to say: an empty line would leave a gap
    return label;
}

void showStatus(QLabel *label, const QString &text) {
    label->setText(text);
    label->setVisible(!text.isEmpty());
    // A line that appears in an open dialog makes room for itself rather than squeezing the
    // rest (the idle detection box was cut mid-line).
    QWidget *window = label->window();
    if (text.isEmpty() || !window->isVisible() || !window->layout())
        return;
    window->layout()->activate();
    const int needed = window->layout()->hasHeightForWidth()
                           ? window->layout()->totalHeightForWidth(window->width())
                           : window->layout()->totalSizeHint().height();
    if (needed > window->height())
        window->resize(window->width(), needed);
}

} // namespace

SettingsDialog::SettingsDialog(PresenceAgent *agent, Settings *settings, SecretStore *secrets,
                               IdleMonitor *idle, QWidget *parent)
    : QDialog(parent), m_agent(agent), m_settings(settings), m_secrets(secrets), m_idle(idle),
      m_check(new AccountCheck(this)) {
    setWindowTitle(tr("Zulip presence settings"));
    setObjectName(QStringLiteral("settingsDialog"));

    m_settingsProblem = statusLabel(QStringLiteral("settingsProblem"));
    showSettingsFileState();

    m_tabs = new QTabWidget;
    m_tabs->addTab(buildAccountTab(), tr("Account"));
    m_tabs->addTab(buildGeneralTab(), tr("General"));
    m_tabs->addTab(buildNotificationsTab(), tr("Notifications"));
    m_tabs->addTab(buildNetworkTab(), tr("Network"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_settingsProblem);
    layout->addWidget(m_tabs);
    layout->addWidget(buttons);

    // No default button: Enter in a field must not log in, test or switch accounts, nor
    // close the dialog and drop what was typed. (The password field's Enter logs in, as its
    // row says; Escape still closes.)
    for (QPushButton *button : findChildren<QPushButton *>()) {
        button->setAutoDefault(false);
        button->setDefault(false);
    }
}

SettingsDialog::~SettingsDialog() {
    m_check->cancel();
}

QWidget *SettingsDialog::buildAccountTab() {
    auto *page = new QWidget;
    m_server = new QLineEdit;
    m_server->setObjectName(QStringLiteral("server"));
    m_server->setPlaceholderText(QStringLiteral("https://chat.example.com"));
    m_email = new QLineEdit;
    m_email->setObjectName(QStringLiteral("email"));
    m_apiKey = new QLineEdit;
    m_apiKey->setObjectName(QStringLiteral("apiKey"));
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_password = new QLineEdit;
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("Never stored"));
    m_password->setToolTip(tr("Only sent to the server to fetch the API key; never stored."));

    // The account the agent uses now; a key from a zuliprc stays in memory only.
    const Account &current = m_agent->account();
    const QUrl savedServer = m_settings->serverUrl();
    m_server->setText(current.site.isValid() ? current.site.toString() : savedServer.toString());
    m_email->setText(current.email.isEmpty() ? m_settings->email() : current.email);
    m_apiKey->setText(current.apiKey);
    m_apiKey->setCursorPosition(0); // from its first character, not cut off at the left
    // Without a running account (the saved one could not start), the saved bundle is the
    // one to keep: saving the account again must not drop it.
    m_caBundle = current.site.isValid() ? current.caBundle : m_settings->caBundle();
    m_caBundleSite =
        normalisedSite(current.site.isValid() ? current.site.toString() : savedServer.toString());

    m_logIn = new QPushButton(tr("Log in with password"));
    m_logIn->setObjectName(QStringLiteral("logIn"));
    m_import = new QPushButton(tr("Import zuliprc file\u2026"));
    m_import->setObjectName(QStringLiteral("importZuliprc"));
    m_test = new QPushButton(tr("Test connection"));
    m_test->setObjectName(QStringLiteral("testConnection"));
    m_use = new QPushButton(tr("Use this account"));
    m_use->setObjectName(QStringLiteral("useAccount"));
    m_accountStatus = statusLabel(QStringLiteral("accountStatus"));

    connect(m_logIn, &QPushButton::clicked, this, &SettingsDialog::logInWithPassword);
    connect(m_password, &QLineEdit::returnPressed, this, &SettingsDialog::logInWithPassword);
    connect(m_import, &QPushButton::clicked, this, &SettingsDialog::chooseZuliprcFile);
    connect(m_test, &QPushButton::clicked, this, &SettingsDialog::testConnection);
    connect(m_use, &QPushButton::clicked, this, &SettingsDialog::useAccount);

    auto *form = new QFormLayout;
    form->addRow(tr("Server:"), m_server);
    form->addRow(tr("Email:"), m_email);
    form->addRow(tr("API key:"), m_apiKey);
    auto *passwordRow = new QHBoxLayout;
    passwordRow->addWidget(m_password, 1);
    passwordRow->addWidget(m_logIn);
    form->addRow(tr("Password:"), passwordRow);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_import);
    actions->addStretch(1);
    actions->addWidget(m_test);
    actions->addWidget(m_use);

    auto *layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addLayout(actions);
    layout->addWidget(m_accountStatus);
    layout->addStretch(1);
    return page;
}

void SettingsDialog::refreshIdleDetails() {
    m_idleDetails->setText(m_idle ? m_idle->describe() : tr("No idle monitor in this process."));
}

void SettingsDialog::showEvent(QShowEvent *event) {
    refreshIdleDetails(); // the idle time has moved on since the last change
    QDialog::showEvent(event);
}

QWidget *SettingsDialog::buildGeneralTab() {
    auto *page = new QWidget;
    m_presenceEnabled = new QCheckBox(tr("Show my availability to others"));
    m_presenceEnabled->setObjectName(QStringLiteral("presenceEnabled"));
    m_presenceStatus = statusLabel(QStringLiteral("presenceStatus"));
    refreshPresenceSwitch();
    connect(m_presenceEnabled, &QCheckBox::toggled, this, &SettingsDialog::onPresenceToggled);
    // A change made in the web app arrives as an event: follow it.
    connect(m_agent, &PresenceAgent::ownPresenceEnabledChanged, this,
            &SettingsDialog::refreshPresenceSwitch);

    m_idleMinutes = new QSpinBox;
    m_idleMinutes->setObjectName(QStringLiteral("idleMinutes"));
    m_idleMinutes->setRange(1, 24 * 60);
    m_idleMinutes->setSuffix(tr(" min"));
    m_idleMinutes->setValue(
        int(std::chrono::duration_cast<std::chrono::minutes>(m_settings->idleThreshold()).count()));
    connect(m_idleMinutes, &QSpinBox::valueChanged, this, [this](int minutes) {
        const std::chrono::minutes threshold(minutes);
        m_settings->setIdleThreshold(threshold);
        showSettingsFileState();
        if (m_idle)
            m_idle->setThreshold(threshold);
    });

    m_startAtLogin = new QCheckBox(tr("Start at login"));
    m_startAtLogin->setObjectName(QStringLiteral("startAtLogin"));
    m_startAtLogin->setChecked(startsAtLogin());
    m_startAtLoginStatus = statusLabel(QStringLiteral("startAtLoginStatus"));
    connect(m_startAtLogin, &QCheckBox::toggled, this, [this](bool enabled) {
        QString error;
        if (setStartAtLogin(enabled, &error)) {
            showStatus(m_startAtLoginStatus, QString());
            return;
        }
        const QSignalBlocker block(m_startAtLogin);
        m_startAtLogin->setChecked(startsAtLogin());
        showStatus(m_startAtLoginStatus, error);
    });

    m_showOffline = new QCheckBox(tr("Show offline coworkers in the list"));
    m_showOffline->setObjectName(QStringLiteral("showOffline"));
    m_showOffline->setChecked(m_settings->showOffline());
    connect(m_showOffline, &QCheckBox::toggled, this, [this](bool show) {
        m_settings->setShowOffline(show);
        showSettingsFileState();
        Q_EMIT showOfflineChanged(show);
    });

    // What decides "idle" here, so a wrong dot can be explained (the same facts as --diagnose).
    m_idleDetails = new QLabel;
    m_idleDetails->setObjectName(QStringLiteral("idleDetails"));
    m_idleDetails->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_idleDetails->setWordWrap(true);
    refreshIdleDetails();
    if (m_idle) {
        connect(m_idle, &IdleMonitor::idleChanged, this, &SettingsDialog::refreshIdleDetails);
        connect(m_idle, &IdleMonitor::lockedChanged, this, &SettingsDialog::refreshIdleDetails);
        connect(m_idle, &IdleMonitor::backendFailed, this, &SettingsDialog::refreshIdleDetails);
    }
    auto *idleBox = new QGroupBox(tr("Idle detection"));
    (new QVBoxLayout(idleBox))->addWidget(m_idleDetails);

    auto *form = new QFormLayout;
    form->addRow(tr("Count me as idle after:"), m_idleMinutes);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_presenceEnabled);
    layout->addWidget(m_presenceStatus);
    layout->addLayout(form);
    layout->addWidget(m_startAtLogin);
    layout->addWidget(m_startAtLoginStatus);
    layout->addWidget(m_showOffline);
    layout->addWidget(idleBox);
    layout->addStretch(1);
    return page;
}

QWidget *SettingsDialog::buildNotificationsTab() {
    auto *page = new QWidget;
    auto *intro = new QLabel(tr("Tell me when one of these coworkers is back (turns active "
                                "after being idle or offline):"));
    intro->setWordWrap(true);
    m_watchFilter = new QLineEdit;
    m_watchFilter->setObjectName(QStringLiteral("watchFilter"));
    m_watchFilter->setPlaceholderText(tr("Filter by name"));
    m_watchFilter->setClearButtonEnabled(true);
    m_watchList = new QListWidget;
    m_watchList->setObjectName(QStringLiteral("watchList"));
    fillWatchList();
    connect(m_watchList, &QListWidget::itemChanged, this, &SettingsDialog::saveWatchList);
    connect(m_agent, &PresenceAgent::rosterChanged, this, &SettingsDialog::fillWatchList);
    connect(m_watchFilter, &QLineEdit::textChanged, this, [this](const QString &text) {
        for (int row = 0; row < m_watchList->count(); ++row) {
            QListWidgetItem *item = m_watchList->item(row);
            item->setHidden(!item->text().contains(text, Qt::CaseInsensitive));
        }
    });
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(intro);
    layout->addWidget(m_watchFilter);
    layout->addWidget(m_watchList, 1);
    return page;
}

QWidget *SettingsDialog::buildNetworkTab() {
    auto *page = new QWidget;
    m_proxyMode = new QComboBox;
    m_proxyMode->setObjectName(QStringLiteral("proxyMode"));
    m_proxyMode->addItem(tr("The system's proxy settings"), int(Settings::ProxyMode::System));
    m_proxyMode->addItem(tr("No proxy"), int(Settings::ProxyMode::None));
    m_proxyMode->addItem(tr("This HTTP proxy:"), int(Settings::ProxyMode::Manual));
    m_proxyHost = new QLineEdit(m_settings->proxyHost());
    m_proxyHost->setObjectName(QStringLiteral("proxyHost"));
    m_proxyHost->setPlaceholderText(tr("proxy.example.com"));
    m_proxyPort = new QSpinBox;
    m_proxyPort->setObjectName(QStringLiteral("proxyPort"));
    m_proxyPort->setRange(1, 65535);
    m_proxyPort->setValue(m_settings->proxyPort() ? m_settings->proxyPort() : 3128);
    m_proxyMode->setCurrentIndex(m_proxyMode->findData(int(m_settings->proxyMode())));
    const auto updateEnabled = [this] {
        const bool manual = m_proxyMode->currentData().toInt() == int(Settings::ProxyMode::Manual);
        m_proxyHost->setEnabled(manual);
        m_proxyPort->setEnabled(manual);
    };
    updateEnabled();
    connect(m_proxyMode, &QComboBox::currentIndexChanged, this, [this, updateEnabled] {
        updateEnabled();
        saveProxy();
    });
    connect(m_proxyHost, &QLineEdit::editingFinished, this, &SettingsDialog::saveProxy);
    connect(m_proxyPort, &QSpinBox::editingFinished, this, &SettingsDialog::saveProxy);

    auto *form = new QFormLayout(page);
    form->addRow(tr("Proxy:"), m_proxyMode);
    form->addRow(tr("Host:"), m_proxyHost);
    form->addRow(tr("Port:"), m_proxyPort);
    return page;
}

QString SettingsDialog::watchListOwner() const {
    // The list shows the running account's people, so it is that account's.
    return Settings::accountId(m_agent->account().site, m_agent->account().email);
}

void SettingsDialog::showSettingsFileState() {
    // A failed save is news now; a file that could not be read matters until one succeeds.
    const QString problem =
        m_settings->saveError().isEmpty() ? m_settings->loadError() : m_settings->saveError();
    showStatus(m_settingsProblem, problem);
}

void SettingsDialog::saveProxy() {
    const auto mode = Settings::ProxyMode(m_proxyMode->currentData().toInt());
    if (mode == Settings::ProxyMode::Manual && m_proxyHost->text().trimmed().isEmpty())
        return; // wait for the host before switching the agent's traffic
    m_settings->setProxy(mode, m_proxyHost->text(), quint16(m_proxyPort->value()));
    showSettingsFileState();
    Q_EMIT proxyChanged();
}

Account SettingsDialog::accountFromFields() const {
    Account account;
    account.site = normalisedSite(m_server->text());
    account.email = m_email->text().trimmed();
    account.apiKey = m_apiKey->text().trimmed();
    if (account.site == m_caBundleSite)
        account.caBundle = m_caBundle;
    return account;
}

QString SettingsDialog::accountStatus() const {
    return m_accountStatus->text();
}

void SettingsDialog::showAccountProblem(const QString &problem) {
    setAccountStatus(problem, true);
}

void SettingsDialog::setAccountStatus(const QString &text, bool problem) {
    showStatus(m_accountStatus, text);
    m_accountStatus->setProperty("problem", problem);
    m_accountStatus->setStyleSheet(problem ? QStringLiteral("color: #b3261e;") : QString());
}

void SettingsDialog::setAccountBusy(bool busy) {
    for (QWidget *w : {static_cast<QWidget *>(m_logIn), static_cast<QWidget *>(m_import),
                       static_cast<QWidget *>(m_test), static_cast<QWidget *>(m_use)})
        w->setEnabled(!busy);
}

void SettingsDialog::testConnection() {
    setAccountBusy(true);
    setAccountStatus(tr("Checking\u2026"), false);
    m_check->setProxy(m_settings->networkProxy());
    m_check->testConnection(accountFromFields(), [this](const AccountCheck::Outcome &outcome) {
        setAccountBusy(false);
        setAccountStatus(outcome.message, !(outcome.serverOk && outcome.credentialsOk));
    });
}

void SettingsDialog::logInWithPassword() {
    const Account site = accountFromFields();
    if (site.email.isEmpty() || m_password->text().isEmpty()) {
        setAccountStatus(tr("Enter the server, your email and your password first."), true);
        return;
    }
    setAccountBusy(true);
    setAccountStatus(tr("Logging in\u2026"), false);
    const QString password = m_password->text();
    // The password is gone from the dialog as soon as it is sent.
    m_password->clear();
    m_check->setProxy(m_settings->networkProxy());
    m_check->fetchApiKey(site, site.email, password,
                         [this](const AccountCheck::FetchedKey &fetched) {
                             setAccountBusy(false);
                             if (!fetched.error.isEmpty()) {
                                 setAccountStatus(fetched.error, true);
                                 return;
                             }
                             m_email->setText(fetched.email);
                             m_apiKey->setText(fetched.apiKey);
                             m_apiKey->setCursorPosition(0);
                             useAccount();
                         });
}

void SettingsDialog::chooseZuliprcFile() {
    QFileDialog dialog(this, tr("Import zuliprc file"), QDir::homePath());
    dialog.setObjectName(QStringLiteral("zuliprcFileDialog"));
    dialog.setFileMode(QFileDialog::ExistingFile);
    dialog.setOption(QFileDialog::DontUseNativeDialog, qEnvironmentVariableIsSet("ZP_TEST"));
    dialog.setFilter(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return;
    importZuliprc(dialog.selectedFiles().constFirst());
}

void SettingsDialog::importZuliprc(const QString &path) {
    const ZuliprcResult result = readZuliprc(path);
    if (!result.account) {
        setAccountStatus(result.error, true);
        return;
    }
    m_server->setText(result.account->site.toString());
    m_email->setText(result.account->email);
    m_apiKey->setText(result.account->apiKey);
    m_apiKey->setCursorPosition(0);
    m_caBundle = result.account->caBundle;
    m_caBundleSite = normalisedSite(result.account->site.toString());
    setAccountStatus(tr("Imported %1; press \u201cUse this account\u201d to save its key in the "
                        "system keychain.")
                         .arg(QDir::toNativeSeparators(path)),
                     false);
}

void SettingsDialog::useAccount() {
    const Account account = accountFromFields();
    if (!account.isComplete()) {
        setAccountStatus(tr("The account needs a server address, an email and an API key."), true);
        return;
    }
    // What the agent would refuse (an unreadable cert_bundle, plain http to another machine)
    // is said now, before anything is saved as if it worked.
    if (const QString refused = ZulipClient::accountProblem(account); !refused.isEmpty()) {
        setAccountStatus(refused, true);
        return;
    }
    setAccountBusy(true);
    setAccountStatus(tr("Saving the API key in the system keychain\u2026"), false);
    m_secrets->writeApiKey(
        SecretStore::accountKey(account.site.toString(), account.email), account.apiKey,
        [this, account](const QString &error) {
            setAccountBusy(false);
            if (!error.isEmpty()) {
                // Nothing is saved in plain text instead; the person can unlock and retry.
                setAccountStatus(error, true);
                return;
            }
            m_settings->setAccount(account.site, account.email, account.caBundle);
            showSettingsFileState();
            if (!m_settings->saveError().isEmpty())
                setAccountStatus(m_settings->saveError(), true);
            else
                setAccountStatus(
                    tr("Saved. Reporting as %1 on %2.").arg(account.email, account.site.host()),
                    false);
            Q_EMIT accountChosen(account);
        });
}

void SettingsDialog::refreshPresenceSwitch() {
    const QSignalBlocker block(m_presenceEnabled);
    m_presenceEnabled->setChecked(m_agent->ownPresenceEnabled());
}

void SettingsDialog::onPresenceToggled(bool enabled) {
    m_agent->noteOwnUiInteraction();
    m_presenceEnabled->setEnabled(false);
    showStatus(m_presenceStatus, tr("Saving\u2026"));
    m_agent->setOwnPresenceEnabled(enabled, [this](const QString &error) {
        m_presenceEnabled->setEnabled(true);
        // Only the server's answer decides: a failed write puts the switch back.
        refreshPresenceSwitch();
        showStatus(m_presenceStatus, error.isEmpty()
                                         ? QString()
                                         : tr("Could not change this setting: %1").arg(error));
    });
}

void SettingsDialog::fillWatchList() {
    const QList<qint64> watched = m_settings->watchedUserIds(watchListOwner());
    QList<const RealmUser *> people;
    for (const RealmUser &user : m_agent->roster().users())
        if (m_agent->roster().isListed(user))
            people << &user;
    QCollator collator;
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    std::sort(people.begin(), people.end(), [&collator](const RealmUser *a, const RealmUser *b) {
        return collator.compare(a->fullName, b->fullName) < 0;
    });
    const QSignalBlocker block(m_watchList);
    m_watchList->clear();
    for (const RealmUser *user : std::as_const(people)) {
        auto *item = new QListWidgetItem(user->fullName, m_watchList);
        item->setData(userIdRole, user->userId);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(watched.contains(user->userId) ? Qt::Checked : Qt::Unchecked);
        if (m_watchFilter)
            item->setHidden(!user->fullName.contains(m_watchFilter->text(), Qt::CaseInsensitive));
    }
}

void SettingsDialog::saveWatchList() {
    // Ids of people not in the roster right now (another account, a deactivated user) stay.
    QList<qint64> ids;
    for (qint64 id : m_settings->watchedUserIds(watchListOwner()))
        if (!m_agent->roster().find(id))
            ids << id;
    for (int row = 0; row < m_watchList->count(); ++row) {
        const QListWidgetItem *item = m_watchList->item(row);
        if (item->checkState() == Qt::Checked)
            ids << item->data(userIdRole).toLongLong();
    }
    m_settings->setWatchedUserIds(ids, watchListOwner());
    showSettingsFileState();
    Q_EMIT watchedUserIdsChanged(ids);
}

} // namespace zp
