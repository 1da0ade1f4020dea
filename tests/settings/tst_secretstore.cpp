// The API key in a real gnome-keyring on a private session bus: store, read, replace, delete,
// and the clear error when there is no keychain. Also the account sources that use it.
#include "account/AccountSource.h"
#include "secrets/SecretStore.h"
#include "settings/Settings.h"
#include "support/FileScan.h"
#include "support/PrivateKeyring.h"

#include <QDirIterator>
#include <QSignalSpy>
#include <QTest>

using namespace zp;
using zp::test::filesContaining;

namespace {

const QString testService = QStringLiteral("zulip-presence-test");
const QString account = SecretStore::accountKey(QStringLiteral("https://chat.example.com"),
                                                QStringLiteral("Alice@Example.com"));
const QString firstKey = QStringLiteral("Abcdefghij0123456789klmnopqrstuv");
const QString secondKey = QStringLiteral("Zyxwvutsrq9876543210ponmlkjihgfe");

SecretStore::ReadResult readNow(SecretStore &store, const QString &who) {
    SecretStore::ReadResult out;
    bool done = false;
    store.readApiKey(who, [&](const SecretStore::ReadResult &r) {
        out = r;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 10000))
        out.error = QStringLiteral("(test) no answer within 10 s");
    return out;
}

QString writeNow(SecretStore &store, const QString &who, const QString &key) {
    QString out = QStringLiteral("(test) no answer within 10 s");
    bool done = false;
    store.writeApiKey(who, key, [&](const QString &e) {
        out = e;
        done = true;
    });
    (void)QTest::qWaitFor([&] { return done; }, 10000);
    return out;
}

QString deleteNow(SecretStore &store, const QString &who) {
    QString out = QStringLiteral("(test) no answer within 10 s");
    bool done = false;
    store.deleteApiKey(who, [&](const QString &e) {
        out = e;
        done = true;
    });
    (void)QTest::qWaitFor([&] { return done; }, 10000);
    return out;
}

} // namespace

class TestSecretStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void accountKeyNamesEmailAndServer();
    void storeReadReplaceDelete();
    void savedAccountComesFromTheKeychain();
    void commandLineZuliprcComesFirst();
    void keychainAbsentGivesAClearError();

private:
    test::PrivateKeyring m_keyring;
    bool m_child = qEnvironmentVariableIsSet("ZP_KEYCHAIN_ABSENT_CHILD");
};

void TestSecretStore::initTestCase() {
    if (m_child)
        return; // the child runs without any keychain on purpose
    if (const QString why = test::PrivateKeyring::missing(); !why.isEmpty())
        QSKIP(qPrintable(why));
    QVERIFY2(m_keyring.start(), "could not start a private bus with an unlocked gnome-keyring");
}

void TestSecretStore::accountKeyNamesEmailAndServer() {
    QCOMPARE(account, QStringLiteral("alice@example.com@chat.example.com"));
    QCOMPARE(SecretStore::accountKey(QStringLiteral("http://127.0.0.1:9991"),
                                     QStringLiteral("bob@x.org")),
             QStringLiteral("bob@x.org@127.0.0.1:9991"));
}

void TestSecretStore::storeReadReplaceDelete() {
    if (m_child)
        QSKIP("child process");
    SecretStore store(testService);
    QVERIFY(readNow(store, account).notFound);

    QCOMPARE(writeNow(store, account, firstKey), QString());
    SecretStore::ReadResult read = readNow(store, account);
    QVERIFY2(read.ok(), qPrintable(read.error));
    QCOMPARE(read.key, firstKey);

    QCOMPARE(writeNow(store, account, secondKey), QString());
    read = readNow(store, account);
    QCOMPARE(read.key, secondKey);

    // Another service (the person's real agent) never sees test entries.
    QVERIFY(readNow(*std::make_unique<SecretStore>(QStringLiteral("zulip-presence-other")).get(),
                    account)
                .notFound);

    QCOMPARE(deleteNow(store, account), QString());
    QVERIFY(readNow(store, account).notFound);
    QCOMPARE(deleteNow(store, account), QString()); // deleting twice is fine

    // gnome-keyring encrypts its file: the key is nowhere in plain text.
    QCOMPARE(filesContaining(m_keyring.home(), secondKey), QStringList());
    QCOMPARE(filesContaining(m_keyring.home(), firstKey), QStringList());
}

void TestSecretStore::savedAccountComesFromTheKeychain() {
    if (m_child)
        QSKIP("child process");
    SecretStore store(testService);
    Settings settings(m_keyring.home() + QStringLiteral("/saved.conf"));
    const QString bundle = m_keyring.home() + QStringLiteral("/company-ca.pem");
    settings.setAccount(QUrl(QStringLiteral("https://chat.example.com")),
                        QStringLiteral("alice@example.com"), bundle);
    QCOMPARE(writeNow(store, account, firstKey), QString());

    std::optional<AccountChoice> choice;
    chooseAccount({}, settings, &store, [&](const AccountChoice &c) { choice = c; });
    QTRY_VERIFY_WITH_TIMEOUT(choice.has_value(), 10000);
    QVERIFY(choice->account.has_value());
    QCOMPARE(choice->source, AccountChoice::Source::SavedAccount);
    QCOMPARE(choice->account->apiKey, firstKey);
    QCOMPARE(choice->account->email, QStringLiteral("alice@example.com"));
    // A self-signed server's CA comes back with it, or the next start could not connect.
    QCOMPARE(choice->account->caBundle, bundle);
    // The settings file holds server and email only.
    QCOMPARE(filesContaining(m_keyring.home(), firstKey), QStringList());

    // Key gone from the keychain, no zuliprc anywhere: one sentence naming the fix.
    QCOMPARE(deleteNow(store, account), QString());
    choice.reset();
    chooseAccount({}, settings, &store, [&](const AccountChoice &c) { choice = c; });
    QTRY_VERIFY_WITH_TIMEOUT(choice.has_value(), 10000);
    QVERIFY(!choice->account);
    QCOMPARE(choice->error, QStringLiteral("The API key for alice@example.com is not in the "
                                           "system keychain; enter it in Settings."));
}

void TestSecretStore::commandLineZuliprcComesFirst() {
    if (m_child)
        QSKIP("child process");
    const QString rc = m_keyring.home() + QStringLiteral("/zuliprc");
    QFile f(rc);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("[api]\nemail=bob@example.com\nkey=" + secondKey.toUtf8() +
            "\nsite=https://other.example.com\n");
    f.close();
    Settings settings(m_keyring.home() + QStringLiteral("/saved2.conf"));
    settings.setAccount(QUrl(QStringLiteral("https://chat.example.com")),
                        QStringLiteral("alice@example.com"));
    SecretStore store(testService);
    std::optional<AccountChoice> choice;
    chooseAccount(rc, settings, &store, [&](const AccountChoice &c) { choice = c; });
    QVERIFY(choice.has_value()); // no keychain round trip for --zuliprc
    QCOMPARE(choice->source, AccountChoice::Source::CommandLine);
    QCOMPARE(choice->account->email, QStringLiteral("bob@example.com"));
}

void TestSecretStore::keychainAbsentGivesAClearError() {
    if (!m_child) {
        // libsecret keeps its first bus for the life of the process: the absent keychain gets
        // a process of its own, with a bus address that leads nowhere.
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ZP_KEYCHAIN_ABSENT_CHILD"), QStringLiteral("1"));
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   QStringLiteral("unix:path=") + m_keyring.home() + QStringLiteral("/no-bus"));
        env.insert(QStringLiteral("HOME"), m_keyring.home());
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("keychainAbsentGivesAClearError")});
        QVERIFY(child.waitForFinished(30000));
        const QByteArray output = child.readAll();
        QVERIFY2(child.exitCode() == 0, output.constData());
        QVERIFY2(output.contains("PASS   : TestSecretStore::keychainAbsentGivesAClearError"),
                 output.constData());
        return;
    }
    SecretStore store(testService);
    const SecretStore::ReadResult read = readNow(store, account);
    QVERIFY(!read.ok());
    QVERIFY(!read.notFound); // "absent" must not look like "no key saved"
    QVERIFY2(read.error.startsWith(QStringLiteral("The system keychain is locked or not "
                                                  "reachable (")) ||
                 read.error.startsWith(QStringLiteral("No system keychain is available (")),
             qPrintable(read.error));
    QVERIFY2(read.error.endsWith(QStringLiteral("The API key is not saved anywhere else.")),
             qPrintable(read.error));
    const QString write = writeNow(store, account, firstKey);
    QVERIFY2(write.endsWith(QStringLiteral("The API key is not saved anywhere else.")),
             qPrintable(write));
    QVERIFY(!write.contains(firstKey));

    // A saved account whose keychain cannot be asked is kept for a retry, not swapped for
    // another source.
    Settings settings(QDir::tempPath() +
                      QStringLiteral("/zp-absent-%1.conf").arg(QCoreApplication::applicationPid()));
    settings.setAccount(QUrl(QStringLiteral("https://chat.example.com")),
                        QStringLiteral("alice@example.com"));
    std::optional<AccountChoice> choice;
    chooseAccount({}, settings, &store, [&](const AccountChoice &c) { choice = c; });
    QTRY_VERIFY_WITH_TIMEOUT(choice.has_value(), 10000);
    QFile::remove(settings.path());
    QVERIFY(!choice->account);
    QVERIFY(choice->keychainUnavailable);
    QCOMPARE(choice->error, read.error);
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
