// The settings dialog with real widgets under the harness's X server, against the dev realm on
// loopback and a real gnome-keyring on a private session bus.
#include "DevRealm.h"
#include "agent/PresenceAgent.h"
#include "secrets/SecretStore.h"
#include "settings/Settings.h"
#include "settings/SettingsDialog.h"
#include "support/FileScan.h"
#include "support/PrivateKeyring.h"
#include "support/ScriptedIdleBackend.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QDirIterator>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTimer>

Q_DECLARE_METATYPE(zp::devrealm::FaultSpec)

using namespace zp;
using zp::test::filesContaining;
using namespace std::chrono_literals;
using devrealm::DevRealm;

namespace {

const QString testService = QStringLiteral("zulip-presence-test");
const QString zulipVersion = QStringLiteral("9.2");

test::PrivateKeyring *keyring = nullptr;
QString keyringProblem;

template <typename W> W *child(QWidget *parent, const char *name) {
    W *w = parent->findChild<W *>(QString::fromLatin1(name));
    if (!w)
        qFatal("no widget %s", name);
    return w;
}

void typeInto(QLineEdit *edit, const QString &text) {
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    // keyClicks() knows ASCII only; names like "Zoë" are typed as key events carrying text.
    for (const QChar ch : text) {
        if (ch.unicode() < 0x80)
            QTest::keyClick(edit, ch.toLatin1());
        else
            QTest::sendKeyEvent(QTest::Click, edit, Qt::Key_unknown, QString(ch), Qt::NoModifier);
    }
}

void click(QAbstractButton *button) {
    QTest::mouseClick(button, Qt::LeftButton);
}

} // namespace

class TestSettingsDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void testConnectionSucceeds();
    void wrongKeyIsNamed();
    void botAccountIsNamed();
    void notAZulipServer();
    void serverTroubleIsNotBlamedOnTheAddress_data();
    void serverTroubleIsNotBlamedOnTheAddress();
    void serversWordsAreShownAsTyped();
    void deactivatedAccountIsNamed();
    void checksTakeTheChosenProxy();
    void addressWithCredentialsIsRefused();
    void addressCopiedFromTheBrowserIsSavedClean();
    void logInWithPasswordStoresTheKey();
    void wrongPasswordIsReported();
    void importZuliprcThroughTheFileDialog();
    void presenceSwitchReachesTheServer();
    void enterInAFieldKeepsTheDialogAndWhatWasTyped();
    void failedPresenceWriteReverts();
    void idleThresholdAppliesLive();
    void idleDetectionFactsFollowTheMonitor();
    void watchListAndShowOffline();
    void damagedSettingsFile();
    void unsavableSettingsAreNamed();
    void anUnusableCertBundleIsRefusedBeforeSaving();
    void theSavedCertBundleSurvivesWithoutARunningAccount();
    void screenshots();

private:
    void openDialog();
    void startAgent();
    QString readKeychain(const QString &site, const QString &email);

    std::unique_ptr<DevRealm> m_realm;
    QTemporaryDir m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<ZulipClient> m_client;
    std::unique_ptr<IdleMonitor> m_idle;
    std::unique_ptr<PresenceAgent> m_agent;
    std::unique_ptr<SettingsDialog> m_dialog;
};

void TestSettingsDialog::initTestCase() {
    if (!keyringProblem.isEmpty())
        QSKIP(qPrintable(keyringProblem));
    devrealm::DevRealmOptions options;
    options.users = 12;
    options.seed = 5;
    options.staticRealm = true;
    options.pingIntervalSecs = 1;
    options.longpollTimeoutSecs = 2;
    options.zulipVersion = zulipVersion;
    m_realm = std::make_unique<DevRealm>(options);
    QVERIFY(m_realm->listen(0) != 0);
}

void TestSettingsDialog::init() {
    m_realm->clearFaults();
    m_realm->setPresenceEnabled(m_realm->ownUserId(), true);
    m_settings = std::make_unique<Settings>(m_dir.filePath(
        QStringLiteral("%1.conf").arg(QString::fromLatin1(QTest::currentTestFunction()))));
    m_secrets = std::make_unique<SecretStore>(testService);
    m_client = std::make_unique<ZulipClient>();
    m_idle = std::make_unique<IdleMonitor>();
    m_idle->startWith(std::make_unique<test::ScriptedIdleBackend>(), 5min);
    m_agent = std::make_unique<PresenceAgent>(m_client.get(), m_idle.get());
}

void TestSettingsDialog::cleanup() {
    m_dialog.reset();
    m_agent.reset();
    m_idle.reset();
    m_client.reset();
    m_secrets.reset();
    m_settings.reset();
}

void TestSettingsDialog::openDialog() {
    m_dialog = std::make_unique<SettingsDialog>(m_agent.get(), m_settings.get(), m_secrets.get(),
                                                m_idle.get());
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void TestSettingsDialog::startAgent() {
    Account account;
    account.site = m_realm->baseUrl();
    account.email = m_realm->ownEmail();
    account.apiKey = m_realm->ownApiKey();
    QCOMPARE(m_client->setAccount(account), QString());
    m_agent->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_agent->state(), PresenceAgent::State::Running, 10000);
}

QString TestSettingsDialog::readKeychain(const QString &site, const QString &email) {
    QString key = QStringLiteral("(no answer)");
    bool done = false;
    m_secrets->readApiKey(SecretStore::accountKey(site, email),
                          [&](const SecretStore::ReadResult &r) {
                              key = r.ok() ? r.key : QStringLiteral("(error) ") + r.error;
                              done = true;
                          });
    (void)QTest::qWaitFor([&] { return done; }, 10000);
    return key;
}

void TestSettingsDialog::testConnectionSucceeds() {
    openDialog();
    typeInto(child<QLineEdit>(m_dialog.get(), "server"), m_realm->baseUrl().toString());
    typeInto(child<QLineEdit>(m_dialog.get(), "email"), m_realm->ownEmail());
    typeInto(child<QLineEdit>(m_dialog.get(), "apiKey"), m_realm->ownApiKey());
    click(child<QPushButton>(m_dialog.get(), "testConnection"));
    QTRY_COMPARE_WITH_TIMEOUT(
        child<QLabel>(m_dialog.get(), "accountStatus")->text(),
        QStringLiteral("Connected: Zulip %1 (feature level %2) at 127.0.0.1, signed in as %3.")
            .arg(zulipVersion)
            .arg(m_realm->featureLevel())
            .arg(m_realm->fullNameOf(m_realm->ownUserId())),
        10000);
    QVERIFY(child<QPushButton>(m_dialog.get(), "testConnection")->isEnabled());
}

void TestSettingsDialog::wrongKeyIsNamed() {
    openDialog();
    typeInto(child<QLineEdit>(m_dialog.get(), "server"), m_realm->baseUrl().toString());
    typeInto(child<QLineEdit>(m_dialog.get(), "email"), m_realm->ownEmail());
    typeInto(child<QLineEdit>(m_dialog.get(), "apiKey"),
             QStringLiteral("abcdefghijABCDEFGHIJ0123456789xy"));
    click(child<QPushButton>(m_dialog.get(), "testConnection"));
    QTRY_COMPARE_WITH_TIMEOUT(
        child<QLabel>(m_dialog.get(), "accountStatus")->text(),
        QStringLiteral("127.0.0.1 is a Zulip server, but it does not accept the API key for %1; "
                       "copy the key again or log in with your password.")
            .arg(m_realm->ownEmail()),
        10000);
}

void TestSettingsDialog::botAccountIsNamed() {
    openDialog();
    const int bot = m_realm->botUserId();
    typeInto(child<QLineEdit>(m_dialog.get(), "server"), m_realm->baseUrl().toString());
    typeInto(child<QLineEdit>(m_dialog.get(), "email"), m_realm->emailOf(bot));
    typeInto(child<QLineEdit>(m_dialog.get(), "apiKey"), m_realm->apiKeyOf(bot));
    click(child<QPushButton>(m_dialog.get(), "testConnection"));
    QTRY_COMPARE_WITH_TIMEOUT(
        child<QLabel>(m_dialog.get(), "accountStatus")->text(),
        QStringLiteral("127.0.0.1 accepts this key, but %1 is a bot; Zulip keeps presence for "
                       "people only. Use your own account.")
            .arg(m_realm->emailOf(bot)),
        10000);
}

void TestSettingsDialog::notAZulipServer() {
    devrealm::FaultSpec fault;
    fault.kind = devrealm::FaultSpec::Kind::NonJson;
    fault.path = QStringLiteral("/api/v1/server_settings");
    fault.httpStatus = 200;
    m_realm->injectFault(fault);
    openDialog();
    typeInto(child<QLineEdit>(m_dialog.get(), "server"), m_realm->baseUrl().toString());
    click(child<QPushButton>(m_dialog.get(), "testConnection"));
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(m_dialog.get(), "accountStatus")->text(),
                              QStringLiteral("%1 answered, but not as a Zulip server (check the "
                                             "address).")
                                  .arg(m_realm->baseUrl().toString()),
                              10000);

    // Nothing listening at all.
    typeInto(child<QLineEdit>(m_dialog.get(), "server"), QStringLiteral("http://127.0.0.1:9"));
    click(child<QPushButton>(m_dialog.get(), "testConnection"));
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(m_dialog.get(), "accountStatus")
                                 ->text()
                                 .startsWith(QStringLiteral("Cannot reach 127.0.0.1: ")),
                             10000);
}

void TestSettingsDialog::serverTroubleIsNotBlamedOnTheAddress_data() {
    QTest::addColumn<devrealm::FaultSpec>("fault");
    QTest::addColumn<QString>("expected");
    const QString path = QStringLiteral("/api/v1/server_settings");
    QTest::newRow("failing server")
        << devrealm::FaultSpec::zulipError(path, 503, {}, QStringLiteral("Down for upgrade"))
        << QStringLiteral("The server had a problem (HTTP 503): Down for upgrade");
    QTest::newRow("single sign-on in front")
        << devrealm::FaultSpec::zulipError(path, 401)
        << QStringLiteral("127.0.0.1 asks for a login of its own before Zulip (HTTP 401); a proxy "
                          "or single sign-on page may be in the way.");
    QTest::newRow("rate limited") << devrealm::FaultSpec::zulipError(path, 429, {}, {}, 1, 7)
                                  << QStringLiteral(
                                         "The server asks us to slow down; try again in 7 s.");
}

void TestSettingsDialog::serverTroubleIsNotBlamedOnTheAddress() {
    QFETCH(devrealm::FaultSpec, fault);
    QFETCH(QString, expected);
    m_realm->injectFault(fault);
    openDialog();
    typeInto(child<QLineEdit>(m_dialog.get(), "server"), m_realm->baseUrl().toString());
    click(child<QPushButton>(m_dialog.get(), "testConnection"));
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(m_dialog.get(), "accountStatus")->text(), expected,
                              10000);
}

void TestSettingsDialog::serversWordsAreShownAsTyped() {
    // A server's (or a hostile proxy's) message lands in the status line: as text, never as
    // markup that could draw links or images into the dialog.
    const QString msg = QStringLiteral("<a href=\"https://evil.example\"><b>Click</b></a>");
    m_realm->injectFault(devrealm::FaultSpec::zulipError(QStringLiteral("/api/v1/users/me"), 400,
                                                         QStringLiteral("BAD_REQUEST"), msg));
    openDialog();
    typeInto(child<QLineEdit>(m_dialog.get(), "server"), m_realm->baseUrl().toString());
    typeInto(child<QLineEdit>(m_dialog.get(), "email"), m_realm->ownEmail());
    typeInto(child<QLineEdit>(m_dialog.get(), "apiKey"), m_realm->ownApiKey());
    click(child<QPushButton>(m_dialog.get(), "testConnection"));
    auto *status = child<QLabel>(m_dialog.get(), "accountStatus");
    QTRY_COMPARE_WITH_TIMEOUT(
        status->text(),
        QStringLiteral("127.0.0.1 is a Zulip server, but checking the account failed: %1").arg(msg),
        10000);
    QCOMPARE(status->textFormat(), Qt::PlainText);
    for (const char *name : {"presenceStatus", "settingsProblem"})
        QCOMPARE(child<QLabel>(m_dialog.get(), name)->textFormat(), Qt::PlainText);
}

void TestSettingsDialog::deactivatedAccountIsNamed() {
    const int gone = m_realm->deactivatedUserId();
    const QString expected = QStringLiteral("The account %1 is deactivated on 127.0.0.1; an "
                                            "administrator of the organization can reactivate it.");
    openDialog();
    typeInto(child<QLineEdit>(m_dialog.get(), "server"), m_realm->baseUrl().toString());
    typeInto(child<QLineEdit>(m_dialog.get(), "email"), m_realm->emailOf(gone));
    typeInto(child<QLineEdit>(m_dialog.get(), "apiKey"), m_realm->apiKeyOf(gone));
    click(child<QPushButton>(m_dialog.get(), "testConnection"));
    auto *status = child<QLabel>(m_dialog.get(), "accountStatus");
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), expected.arg(m_realm->emailOf(gone)), 10000);

    // Logging in with the password says the same, not "wrong password".
    QSignalSpy chosen(m_dialog.get(), &SettingsDialog::accountChosen);
    const QString login = m_realm->deliveryEmailOf(gone);
    typeInto(child<QLineEdit>(m_dialog.get(), "email"), login);
    typeInto(child<QLineEdit>(m_dialog.get(), "apiKey"), QString());
    typeInto(child<QLineEdit>(m_dialog.get(), "password"), m_realm->password());
    click(child<QPushButton>(m_dialog.get(), "logIn"));
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), expected.arg(login), 10000);
    QCOMPARE(chosen.size(), 0);
}

void TestSettingsDialog::checksTakeTheChosenProxy() {
    // A manual proxy that is not there: the checks must fail as the agent would, not pass by
    // going around it straight to the (reachable) server.
    m_settings->setProxy(Settings::ProxyMode::Manual, QStringLiteral("127.0.0.1"), 9);
    openDialog();
    typeInto(child<QLineEdit>(m_dialog.get(), "server"), m_realm->baseUrl().toString());
    typeInto(child<QLineEdit>(m_dialog.get(), "email"), m_realm->ownEmail());
    typeInto(child<QLineEdit>(m_dialog.get(), "apiKey"), m_realm->ownApiKey());
    m_realm->clearRequestLog();
    click(child<QPushButton>(m_dialog.get(), "testConnection"));
    auto *status = child<QLabel>(m_dialog.get(), "accountStatus");
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Cannot reach 127.0.0.1: ")),
                             10000);
    typeInto(child<QLineEdit>(m_dialog.get(), "apiKey"), QString());
    typeInto(child<QLineEdit>(m_dialog.get(), "password"), m_realm->password());
    click(child<QPushButton>(m_dialog.get(), "logIn"));
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Logging in failed: ")),
                             10000);
    QCOMPARE(m_realm->requestLog().size(), 0);

    // Without a proxy the same checks reach the server.
    m_settings->setProxy(Settings::ProxyMode::None);
    typeInto(child<QLineEdit>(m_dialog.get(), "apiKey"), m_realm->ownApiKey());
    click(child<QPushButton>(m_dialog.get(), "testConnection"));
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Connected: ")), 10000);
}

void TestSettingsDialog::addressWithCredentialsIsRefused() {
    // Qt would send a name and password in the address to any server asking for credentials,
    // and saving it would put the password in the settings file.
    QUrl withCredentials = m_realm->baseUrl();
    withCredentials.setUserName(QStringLiteral("ada"));
    withCredentials.setPassword(QStringLiteral("s3cret-pass"));
    openDialog();
    QSignalSpy chosen(m_dialog.get(), &SettingsDialog::accountChosen);
    typeInto(child<QLineEdit>(m_dialog.get(), "server"), withCredentials.toString());
    typeInto(child<QLineEdit>(m_dialog.get(), "email"), m_realm->ownEmail());
    typeInto(child<QLineEdit>(m_dialog.get(), "apiKey"), m_realm->ownApiKey());
    click(child<QPushButton>(m_dialog.get(), "useAccount"));
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(m_dialog.get(), "accountStatus")
                                 ->text()
                                 .startsWith(QStringLiteral("The server address must not hold a "
                                                            "user name or password (ada@)")),
                             10000);
    QCOMPARE(chosen.size(), 0);
    QVERIFY(!m_settings->hasSavedAccount());
    QCOMPARE(filesContaining(m_dir.path(), QStringLiteral("s3cret-pass")), QStringList());
}

void TestSettingsDialog::addressCopiedFromTheBrowserIsSavedClean() {
    // What people paste: the address bar of an open narrow, with a slash and a query.
    const QString pasted =
        m_realm->baseUrl().toString() + QStringLiteral("//?utm=chat#narrow/dm/8-Ada");
    openDialog();
    QSignalSpy chosen(m_dialog.get(), &SettingsDialog::accountChosen);
    typeInto(child<QLineEdit>(m_dialog.get(), "server"), pasted);
    typeInto(child<QLineEdit>(m_dialog.get(), "email"), m_realm->ownEmail());
    typeInto(child<QLineEdit>(m_dialog.get(), "apiKey"), m_realm->ownApiKey());
    click(child<QPushButton>(m_dialog.get(), "testConnection"));
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(m_dialog.get(), "accountStatus")
                                 ->text()
                                 .startsWith(QStringLiteral("Connected: ")),
                             10000);
    click(child<QPushButton>(m_dialog.get(), "useAccount"));
    QVERIFY(chosen.wait(10000));
    QCOMPARE(chosen.at(0).at(0).value<Account>().site, m_realm->baseUrl());
    QCOMPARE(Settings(m_settings->path()).serverUrl(), m_realm->baseUrl());
    QCOMPARE(readKeychain(m_realm->baseUrl().toString(), m_realm->ownEmail()),
             m_realm->ownApiKey());
}

void TestSettingsDialog::logInWithPasswordStoresTheKey() {
    openDialog();
    QSignalSpy chosen(m_dialog.get(), &SettingsDialog::accountChosen);
    typeInto(child<QLineEdit>(m_dialog.get(), "server"), m_realm->baseUrl().toString());
    typeInto(child<QLineEdit>(m_dialog.get(), "email"), m_realm->ownEmail());
    typeInto(child<QLineEdit>(m_dialog.get(), "apiKey"), QString());
    typeInto(child<QLineEdit>(m_dialog.get(), "password"), m_realm->password());
    click(child<QPushButton>(m_dialog.get(), "logIn"));
    QVERIFY(chosen.wait(10000));
    const auto account = chosen.at(0).at(0).value<Account>();
    QCOMPARE(account.apiKey, m_realm->ownApiKey());
    QCOMPARE(child<QLineEdit>(m_dialog.get(), "password")->text(), QString());
    QCOMPARE(child<QLabel>(m_dialog.get(), "accountStatus")->text(),
             QStringLiteral("Saved. Reporting as %1 on 127.0.0.1.").arg(m_realm->ownEmail()));
    QCOMPARE(readKeychain(m_realm->baseUrl().toString(), m_realm->ownEmail()),
             m_realm->ownApiKey());
    QCOMPARE(m_settings->serverUrl(), m_realm->baseUrl());
    QCOMPARE(m_settings->email(), m_realm->ownEmail());
    // Neither the key nor the password is in any file.
    QCOMPARE(filesContaining(m_dir.path(), m_realm->ownApiKey()), QStringList());
    QCOMPARE(filesContaining(keyring->home(), m_realm->ownApiKey()), QStringList());
    QCOMPARE(filesContaining(m_dir.path(), m_realm->password()), QStringList());
}

void TestSettingsDialog::wrongPasswordIsReported() {
    openDialog();
    QSignalSpy chosen(m_dialog.get(), &SettingsDialog::accountChosen);
    typeInto(child<QLineEdit>(m_dialog.get(), "server"), m_realm->baseUrl().toString());
    typeInto(child<QLineEdit>(m_dialog.get(), "email"), m_realm->ownEmail());
    typeInto(child<QLineEdit>(m_dialog.get(), "password"), QStringLiteral("not-the-password"));
    click(child<QPushButton>(m_dialog.get(), "logIn"));
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(m_dialog.get(), "accountStatus")
                                 ->text()
                                 .startsWith(QStringLiteral("Logging in failed: ")),
                             10000);
    QCOMPARE(chosen.size(), 0);
    QVERIFY(!m_settings->hasSavedAccount());
}

void TestSettingsDialog::importZuliprcThroughTheFileDialog() {
    const QString rc = m_dir.filePath(QStringLiteral("imported-zuliprc"));
    QVERIFY(m_realm->writeZuliprc(rc));
    // A company CA, as a self-signed server needs (the dev realm here is plain http).
    const QString bundle = m_dir.filePath(QStringLiteral("company-ca.pem"));
    {
        QFile ca(bundle);
        QVERIFY(ca.open(QIODevice::WriteOnly));
        QFile zuliprc(rc);
        QVERIFY(zuliprc.open(QIODevice::Append));
        zuliprc.write("cert_bundle=" + bundle.toUtf8() + "\n");
    }
    openDialog();
    QSignalSpy chosen(m_dialog.get(), &SettingsDialog::accountChosen);
    bool fileDialogSeen = false;
    // The file dialog is modal: answer it from the event loop it runs.
    QTimer::singleShot(300, this, [&] {
        auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        fileDialogSeen = true;
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
        QTest::keyClicks(name, rc);
        QTest::keyClick(name, Qt::Key_Return);
    });
    click(child<QPushButton>(m_dialog.get(), "importZuliprc"));
    QVERIFY(fileDialogSeen);
    QCOMPARE(child<QLineEdit>(m_dialog.get(), "server")->text(), m_realm->baseUrl().toString());
    QCOMPARE(child<QLineEdit>(m_dialog.get(), "email")->text(), m_realm->ownEmail());
    QCOMPARE(child<QLineEdit>(m_dialog.get(), "apiKey")->text(), m_realm->ownApiKey());
    click(child<QPushButton>(m_dialog.get(), "useAccount"));
    QVERIFY(chosen.wait(10000));
    QCOMPARE(readKeychain(m_realm->baseUrl().toString(), m_realm->ownEmail()),
             m_realm->ownApiKey());
    // The key stays in the person's zuliprc and the keychain; no other file got it.
    QCOMPARE(filesContaining(m_dir.path(), m_realm->ownApiKey()), QStringList{rc});
    // The CA is saved with the account, so the next start trusts the server again...
    QCOMPARE(Settings(m_settings->path()).caBundle(), bundle);
    // ...and only for that server: typed in for another it would replace that one's trust.
    QLineEdit *server = child<QLineEdit>(m_dialog.get(), "server");
    server->selectAll();
    QTest::keyClicks(server, QStringLiteral("https://elsewhere.example.com"));
    click(child<QPushButton>(m_dialog.get(), "useAccount"));
    QVERIFY(chosen.wait(10000));
    QCOMPARE(chosen.last().at(0).value<Account>().caBundle, QString());
    QCOMPARE(Settings(m_settings->path()).caBundle(), QString());
}

void TestSettingsDialog::presenceSwitchReachesTheServer() {
    startAgent();
    openDialog();
    auto *box = child<QCheckBox>(m_dialog.get(), "presenceEnabled");
    child<QTabWidget>(m_dialog.get(), "")->setCurrentIndex(1);
    QVERIFY(box->isChecked());
    click(box);
    QTRY_VERIFY_WITH_TIMEOUT(!m_realm->presenceEnabled(m_realm->ownUserId()), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(box->isEnabled(), 5000);
    QVERIFY(!box->isChecked());
    QCOMPARE(child<QLabel>(m_dialog.get(), "presenceStatus")->text(), QString());
    // Nothing to say: the line takes no room (an empty one left a gap under the switch).
    QVERIFY(!child<QLabel>(m_dialog.get(), "presenceStatus")->isVisible());
    // Changed in the web app: the switch follows.
    m_realm->setPresenceEnabled(m_realm->ownUserId(), true);
    QTRY_VERIFY_WITH_TIMEOUT(box->isChecked(), 10000);
}

void TestSettingsDialog::enterInAFieldKeepsTheDialogAndWhatWasTyped() {
    // A default button would take Enter: Close dropped the edit, an account button would have
    // logged in or switched accounts halfway through typing.
    openDialog();
    const qsizetype requestsBefore = m_realm->requestLog().size();
    for (const char *name : {"server", "email", "apiKey"}) {
        auto *edit = child<QLineEdit>(m_dialog.get(), name);
        typeInto(edit, QStringLiteral("typed"));
        QTest::keyClick(edit, Qt::Key_Return);
        QTest::keyClick(edit, Qt::Key_Enter);
        QVERIFY2(m_dialog->isVisible(), name);
        QCOMPARE(edit->text(), QStringLiteral("typed"));
    }
    QTest::qWait(200);
    QCOMPARE(m_realm->requestLog().size(), requestsBefore);
    QCOMPARE(child<QLabel>(m_dialog.get(), "accountStatus")->text(), QString());
}

void TestSettingsDialog::failedPresenceWriteReverts() {
    startAgent();
    openDialog();
    child<QTabWidget>(m_dialog.get(), "")->setCurrentIndex(1);
    m_realm->injectFault(devrealm::FaultSpec::zulipError(QStringLiteral("/api/v1/settings"), 400,
                                                         QStringLiteral("BAD_REQUEST"),
                                                         QStringLiteral("Nope")));
    auto *box = child<QCheckBox>(m_dialog.get(), "presenceEnabled");
    click(box);
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(m_dialog.get(), "presenceStatus")->text(),
                              QStringLiteral("Could not change this setting: Nope"), 10000);
    QVERIFY(child<QLabel>(m_dialog.get(), "presenceStatus")->isVisible());
    QVERIFY(box->isChecked());
    QVERIFY(box->isEnabled());
    QVERIFY(m_realm->presenceEnabled(m_realm->ownUserId()));
}

void TestSettingsDialog::idleThresholdAppliesLive() {
    openDialog();
    child<QTabWidget>(m_dialog.get(), "")->setCurrentIndex(1);
    auto *spin = child<QSpinBox>(m_dialog.get(), "idleMinutes");
    QCOMPARE(spin->value(), 5);
    spin->setFocus();
    QTest::keyClick(spin, Qt::Key_Up);
    QTest::keyClick(spin, Qt::Key_Up);
    QCOMPARE(m_idle->threshold(), std::chrono::milliseconds(7min));
    QCOMPARE(m_settings->idleThreshold(), std::chrono::seconds(7min));
    // The range is the validation: 1 min to 24 h.
    QCOMPARE(spin->minimum(), 1);
    QCOMPARE(spin->maximum(), 24 * 60);
}

void TestSettingsDialog::idleDetectionFactsFollowTheMonitor() {
    openDialog();
    child<QTabWidget>(m_dialog.get(), "")->setCurrentIndex(1);
    auto *details = child<QLabel>(m_dialog.get(), "idleDetails");
    QVERIFY(details->isVisible());
    QVERIFY2(details->text().contains(QStringLiteral("scripted: works")),
             qPrintable(details->text()));
    QVERIFY(details->text().contains(QStringLiteral("Chosen: scripted")));
    QVERIFY(details->text().contains(QStringLiteral("Screen: not locked")));
    QVERIFY(details->text().contains(QStringLiteral("Next report: active")));
    // A lock arrives while the dialog is open: the facts change with it.
    m_idle->setLocked(true);
    QVERIFY(details->text().contains(QStringLiteral("Screen: locked")));
    QVERIFY(details->text().contains(QStringLiteral("Next report: idle")));
    m_idle->setLocked(false);
    QVERIFY(details->text().contains(QStringLiteral("Next report: active")));
}

void TestSettingsDialog::watchListAndShowOffline() {
    startAgent();
    openDialog();
    child<QTabWidget>(m_dialog.get(), "")->setCurrentIndex(2);
    auto *list = child<QListWidget>(m_dialog.get(), "watchList");
    QTRY_VERIFY_WITH_TIMEOUT(list->count() > 2, 5000);
    QSignalSpy watched(m_dialog.get(), &SettingsDialog::watchedUserIdsChanged);
    QListWidgetItem *item = list->item(1);
    const qint64 id = item->data(Qt::UserRole).toLongLong();
    const QRect rect = list->visualItemRect(item);
    // The check box sits at the item's left edge.
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      QPoint(rect.left() + rect.height() / 2, rect.center().y()));
    QCOMPARE(item->checkState(), Qt::Checked);
    QCOMPARE(watched.size(), 1);
    const QString owner = Settings::accountId(m_realm->baseUrl(), m_realm->ownEmail());
    QCOMPARE(m_settings->watchedUserIds(owner), QList<qint64>{id});
    QCOMPARE(Settings(m_settings->path()).watchedUserIds(owner), QList<qint64>{id});
    // Another account's list it is not: there the same id is somebody else.
    QCOMPARE(Settings(m_settings->path())
                 .watchedUserIds(Settings::accountId(QUrl(QStringLiteral("https://other.example")),
                                                     m_realm->ownEmail())),
             QList<qint64>());

    typeInto(child<QLineEdit>(m_dialog.get(), "watchFilter"), item->text());
    QVERIFY(!item->isHidden());
    QVERIFY(list->item(0)->text() == item->text() || list->item(0)->isHidden());

    child<QTabWidget>(m_dialog.get(), "")->setCurrentIndex(1);
    QSignalSpy offline(m_dialog.get(), &SettingsDialog::showOfflineChanged);
    auto *box = child<QCheckBox>(m_dialog.get(), "showOffline");
    QVERIFY(box->isChecked());
    click(box);
    QCOMPARE(offline.size(), 1);
    QCOMPARE(Settings(m_settings->path()).showOffline(), false);
}

void TestSettingsDialog::damagedSettingsFile() {
    const QString path = m_dir.filePath(QStringLiteral("damaged.conf"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("[account\nserver=x\n");
    f.close();
    m_settings = std::make_unique<Settings>(path);
    QVERIFY(!m_settings->loadError().isEmpty());
    openDialog();
    auto *problem = child<QLabel>(m_dialog.get(), "settingsProblem");
    QVERIFY(problem->isVisible());
    QCOMPARE(problem->text(), m_settings->loadError());
    // Defaults are shown; the first change saves a good file and keeps the damaged one.
    QCOMPARE(child<QSpinBox>(m_dialog.get(), "idleMinutes")->value(), 5);
    QVERIFY(child<QCheckBox>(m_dialog.get(), "showOffline")->isChecked());
    child<QTabWidget>(m_dialog.get(), "")->setCurrentIndex(1);
    click(child<QCheckBox>(m_dialog.get(), "showOffline"));
    QVERIFY(QFile::exists(path + QStringLiteral(".damaged")));
    QCOMPARE(Settings(path).loadError(), QString());
    QCOMPARE(Settings(path).showOffline(), false);
    QVERIFY(!problem->isVisible()); // the complaint goes with the good file
}

void TestSettingsDialog::unsavableSettingsAreNamed() {
    // A file where the settings folder should be: the write fails even for root, as on a
    // read-only or full disk. The person is told at once, not at the next start.
    const QString blocker = m_dir.filePath(QStringLiteral("blocked"));
    QFile f(blocker);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    m_settings = std::make_unique<Settings>(blocker + QStringLiteral("/zp.conf"));
    openDialog();
    auto *problem = child<QLabel>(m_dialog.get(), "settingsProblem");
    QVERIFY(!problem->isVisible());
    child<QTabWidget>(m_dialog.get(), "")->setCurrentIndex(1);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("could not be saved")));
    click(child<QCheckBox>(m_dialog.get(), "showOffline"));
    QVERIFY(problem->isVisible());
    QCOMPARE(problem->text(), m_settings->saveError());
    QVERIFY2(problem->text().contains(QDir::toNativeSeparators(m_settings->path())),
             qPrintable(problem->text()));
    // The dialog made room for the sentence: nothing under it is cut short.
    QTest::qWait(50);
    auto *details = child<QLabel>(m_dialog.get(), "idleDetails");
    QVERIFY2(details->height() >= details->heightForWidth(details->width()),
             qPrintable(QStringLiteral("%1 < %2")
                            .arg(details->height())
                            .arg(details->heightForWidth(details->width()))));
}

void TestSettingsDialog::screenshots() {
    startAgent();
    openDialog();
    const QString dir = QStringLiteral(ZP_BINARY_DIR "/screenshots");
    QVERIFY(QDir().mkpath(dir));
    auto *tabs = child<QTabWidget>(m_dialog.get(), "");
    const QStringList names{QStringLiteral("account"), QStringLiteral("general"),
                            QStringLiteral("notifications"), QStringLiteral("network")};
    m_dialog->resize(560, 420);
    for (int i = 0; i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        QTest::qWait(50);
        const QString file = QStringLiteral("%1/settings-%2.png").arg(dir, names.at(i));
        QVERIFY(m_dialog->grab().save(file));
    }
}

void TestSettingsDialog::anUnusableCertBundleIsRefusedBeforeSaving() {
    // What the agent would refuse must be said before "Saved.", not after it failed unseen.
    const QString rc = m_dir.filePath(QStringLiteral("corp-zuliprc"));
    QFile f(rc);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("[api]\nemail=a@corp.example\nkey=K1\nsite=https://chat.corp.example\n"
            "cert_bundle=no-such-ca.pem\n");
    f.close();
    openDialog();
    QSignalSpy chosen(m_dialog.get(), &SettingsDialog::accountChosen);
    m_dialog->importZuliprc(rc);
    click(child<QPushButton>(m_dialog.get(), "useAccount"));
    const QString status = child<QLabel>(m_dialog.get(), "accountStatus")->text();
    QVERIFY2(status.contains(QLatin1String("cannot be read")), qPrintable(status));
    QVERIFY2(status.contains(m_dir.filePath(QStringLiteral("no-such-ca.pem"))), qPrintable(status));
    QCOMPARE(chosen.size(), 0);
    QCOMPARE(Settings(m_settings->path()).serverUrl(), QUrl());
    QCOMPARE(
        readKeychain(QStringLiteral("https://chat.corp.example"), QStringLiteral("a@corp.example"))
            .startsWith(QLatin1String("(error)")),
        true);
}

void TestSettingsDialog::theSavedCertBundleSurvivesWithoutARunningAccount() {
    // The saved account could not start (say its key was missing from the keychain): the
    // dialog opens with no running account, and entering the key must keep the saved CA.
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        QSKIP("no openssl");
    const QString bundle = m_dir.filePath(QStringLiteral("corp-ca.pem"));
    QProcess gen;
    gen.start(openssl,
              {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
               QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-subj"),
               QStringLiteral("/CN=Corp CA"), QStringLiteral("-keyout"),
               m_dir.filePath(QStringLiteral("corp-ca.key")), QStringLiteral("-out"), bundle});
    QVERIFY(gen.waitForFinished(30000));
    QCOMPARE(gen.exitCode(), 0);
    const QUrl server(QStringLiteral("https://chat.corp.example"));
    m_settings->setAccount(server, QStringLiteral("a@corp.example"), bundle);
    QVERIFY(!m_agent->account().isComplete());
    openDialog();
    QCOMPARE(child<QLineEdit>(m_dialog.get(), "server")->text(), server.toString());
    QSignalSpy chosen(m_dialog.get(), &SettingsDialog::accountChosen);
    typeInto(child<QLineEdit>(m_dialog.get(), "apiKey"), QStringLiteral("K2"));
    click(child<QPushButton>(m_dialog.get(), "useAccount"));
    QVERIFY(chosen.wait(10000));
    QCOMPARE(chosen.last().at(0).value<Account>().caBundle, bundle);
    QCOMPARE(Settings(m_settings->path()).caBundle(), bundle);
}

int main(int argc, char *argv[]) {
    // The keyring and its bus must exist before the first D-Bus use, which may be QApplication.
    test::PrivateKeyring ring;
    keyringProblem = test::PrivateKeyring::missing();
    if (keyringProblem.isEmpty() && !ring.start())
        keyringProblem = QStringLiteral("could not start gnome-keyring on a private bus");
    keyring = &ring;
    qputenv("ZP_TEST", "1"); // Qt's own file dialog, which the test can drive
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    TestSettingsDialog test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_settingsdialog.moc"
