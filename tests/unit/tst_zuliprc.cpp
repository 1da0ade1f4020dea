// Reading the account from a zuliprc file: the forms people really have, and broken ones.
#include "account/Zuliprc.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace zp;

class TestZuliprc : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parses_data();
    void parses();
    void rejects_data();
    void rejects();
    void readsFiles();
    void certBundleIsFoundBesideTheFile_data();
    void certBundleIsFoundBesideTheFile();
};

void TestZuliprc::parses_data() {
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("site");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("insecure");
    QTest::addColumn<QString>("caBundle");

    QTest::newRow("plain") << QByteArray(
                                  "[api]\nemail=a@b.c\nkey=abcdefABCDEF0123456789abcdefABCD\nsite="
                                  "https://chat.example.com\n")
                           << "https://chat.example.com"
                           << "a@b.c"
                           << "abcdefABCDEF0123456789abcdefABCD" << false << "";
    QTest::newRow("spaces, comments, other sections")
        << QByteArray(
               "# my account\n[other]\nkey=nope\n\n  [ api ]  \n ; comment\n  email  =  a@b.c  \n"
               "key = K123\nsite = chat.example.com/\n[more]\nemail=x@y\n")
        << "https://chat.example.com"
        << "a@b.c"
        << "K123" << false << "";
    QTest::newRow("colon delimiter and CRLF")
        << QByteArray("[api]\r\nemail: a@b.c\r\nkey: K\r\nsite: https://z.example:8443\r\n")
        << "https://z.example:8443"
        << "a@b.c"
        << "K" << false << "";
    QTest::newRow("tls options") << QByteArray("[api]\nemail=a@b.c\nkey=K\nsite=https://"
                                               "h\ninsecure=true\ncert_bundle=/etc/ca.pem\n")
                                 << "https://h"
                                 << "a@b.c"
                                 << "K" << true << "/etc/ca.pem";
    QTest::newRow("insecure false")
        << QByteArray("[api]\nemail=a@b.c\nkey=K\nsite=https://h\ninsecure=False\n") << "https://h"
        << "a@b.c"
        << "K" << false << "";
    QTest::newRow("quoted values")
        << QByteArray("[api]\nemail=\"a@b.c\"\nkey='K'\nsite=http://127.0.0.1:9991\n")
        << "http://127.0.0.1:9991"
        << "a@b.c"
        << "K" << false << "";
    QTest::newRow("uppercase keys")
        << QByteArray("[API]\nEMAIL=a@b.c\nKey=K\nSITE=https://h\n") << "https://h"
        << "a@b.c"
        << "K" << false << "";
}

void TestZuliprc::parses() {
    QFETCH(QByteArray, contents);
    const ZuliprcResult result = parseZuliprc(contents, QStringLiteral("test"));
    QVERIFY2(result.account.has_value(), qPrintable(result.error));
    QTEST(result.account->site.toString(), "site");
    QTEST(result.account->email, "email");
    QTEST(result.account->apiKey, "key");
    QTEST(result.account->insecureRequested, "insecure");
    QTEST(result.account->caBundle, "caBundle");
}

void TestZuliprc::rejects_data() {
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("empty") << QByteArray() << "no [api] section";
    QTest::newRow("no api section") << QByteArray("[other]\nemail=a@b.c\n") << "no [api] section";
    QTest::newRow("missing key") << QByteArray("[api]\nemail=a@b.c\nsite=https://h\n")
                                 << "lacks key";
    QTest::newRow("missing all") << QByteArray("[api]\n") << "lacks email, key, site";
    QTest::newRow("empty key value")
        << QByteArray("[api]\nemail=a@b.c\nkey=\nsite=https://h\n") << "lacks key";
    QTest::newRow("bad line") << QByteArray("[api]\nemail a@b.c\n") << "line 2";
    QTest::newRow("bad header") << QByteArray("[api\nemail=a\n") << "line 1";
    QTest::newRow("bad site") << QByteArray("[api]\nemail=a@b.c\nkey=K\nsite=https://\n")
                              << "not a valid URL";
    QTest::newRow("key given twice")
        << QByteArray("[api]\nemail=a@b.c\nkey=OLD\nsite=https://h\nKey = NEW\n")
        << "line 5: 'key' is given twice";
    QTest::newRow("second api section")
        << QByteArray("[api]\nemail=a@b.c\nkey=K\nsite=https://h\n[other]\nx=1\n[ API ]\nkey=L\n")
        << "line 7: a second [api] section";
    QTest::newRow("utf-16 with a byte-order mark")
        << QStringLiteral("[api]\nemail=a@b.c\nkey=K\nsite=https://h\n")
               .toUtf8()
               .prepend("\xff\xfe")
        << "looks like UTF-16";
    {
        const QString text = QStringLiteral("[api]\nemail=a@b.c\nkey=K\nsite=https://h\n");
        QTest::newRow("utf-16 without a mark")
            << QByteArray(reinterpret_cast<const char *>(text.utf16()), text.size() * 2)
            << "looks like UTF-16";
    }
    QTest::newRow("binary junk") << QByteArray("\x00\xff\xfe[api]\x01", 8) << "";
}

void TestZuliprc::rejects() {
    QFETCH(QByteArray, contents);
    QFETCH(QString, errorPart);
    const ZuliprcResult result = parseZuliprc(contents, QStringLiteral("rcfile"));
    QVERIFY(!result.account.has_value());
    QVERIFY(!result.error.isEmpty());
    QVERIFY2(result.error.contains(errorPart), qPrintable(result.error));
    QVERIFY2(!result.error.contains(QLatin1String("K123")), "an error must never repeat the key");
}

void TestZuliprc::readsFiles() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("zuliprc"));
    QVERIFY(!readZuliprc(path).account);
    QVERIFY(readZuliprc(path).error.contains(QLatin1String("does not exist")));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[api]\nemail=a@b.c\nkey=K\nsite=https://h\n");
    file.close();
    QCOMPARE(readZuliprc(path).account->email, QStringLiteral("a@b.c"));
    // Not files: each ends at once with one sentence (/dev/zero would be read forever).
    for (const QString &notAFile : {dir.path(), QStringLiteral("/dev/zero")}) {
        const ZuliprcResult r = readZuliprc(notAFile);
        QVERIFY(!r.account);
        QVERIFY2(r.error.contains(QLatin1String("not a regular file")), qPrintable(r.error));
    }
}

void TestZuliprc::certBundleIsFoundBesideTheFile_data() {
    QTest::addColumn<QString>("written");  // cert_bundle as in the file; %DIR% = its folder
    QTest::addColumn<QString>("expected"); // %DIR% = the zuliprc's folder, %HOME% = home
    QTest::newRow("relative") << "company-ca.pem"
                              << "%DIR%/company-ca.pem";
    QTest::newRow("relative subfolder") << "certs/ca.pem"
                                        << "%DIR%/certs/ca.pem";
    QTest::newRow("home") << "~/ca.pem"
                          << "%HOME%/ca.pem";
    QTest::newRow("absolute") << "%DIR%/elsewhere.pem"
                              << "%DIR%/elsewhere.pem";
}

void TestZuliprc::certBundleIsFoundBesideTheFile() {
    // The agent may run from anywhere ("/" when started at login): a relative cert_bundle
    // means the zuliprc's neighbour, never the working directory's.
    QFETCH(QString, written);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString folder = QFileInfo(dir.path()).canonicalFilePath();
    const QString path = folder + QStringLiteral("/zuliprc");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[api]\nemail=a@b.c\nkey=K\nsite=https://h\ncert_bundle=" +
               QString(written).replace(QStringLiteral("%DIR%"), folder).toUtf8() + "\n");
    file.close();
    const ZuliprcResult r = readZuliprc(path);
    QVERIFY(r.account);
    QCOMPARE(r.account->caBundle, QString(expected)
                                      .replace(QStringLiteral("%DIR%"), folder)
                                      .replace(QStringLiteral("%HOME%"), QDir::homePath()));
}

QTEST_GUILESS_MAIN(TestZuliprc)
#include "tst_zuliprc.moc"
