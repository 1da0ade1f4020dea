// The settings file when it is damaged or unreadable: nothing the person had is lost.
#include "settings/Settings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace zp;

class TestSettingsFile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void damagedFileIsKeptAsideOnFirstSave();
    void whatIsNotTextIsDamaged_data();
    void whatIsNotTextIsDamaged();
    void savingOverWhatQtSkipsIsNoFailure();
    void earlierDamagedCopiesAreNotOverwritten();
    void unreadableFileIsNeverReplaced();
    void aLinkToADeviceIsNeverWrittenThrough();
    void aFailedSaveIsReportedUntilOneSucceeds();
    void eachAccountKeepsItsOwnWatchList();
    void aWatchListFromBeforeAccountsKeepsItsOwner();
};

namespace {
void write(const QString &path, const QByteArray &contents) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(contents);
}
QByteArray read(const QString &path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

void TestSettingsFile::damagedFileIsKeptAsideOnFirstSave() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("zp.conf"));
    write(path, "[account\nserver=x\n");
    Settings settings(path);
    QVERIFY(!settings.loadError().isEmpty());
    QVERIFY(settings.showOffline()); // the default
    settings.setShowOffline(false);
    QCOMPARE(read(path + QStringLiteral(".damaged")), QByteArray("[account\nserver=x\n"));
    QCOMPARE(Settings(path).loadError(), QString());
    QCOMPARE(Settings(path).showOffline(), false);
}

void TestSettingsFile::whatIsNotTextIsDamaged_data() {
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<bool>("damaged");
    QTest::newRow("ours") << QByteArray("[account]\nserver=https://chat.example\n") << false;
    QTest::newRow("UTF-8 text") << QByteArray("[proxy]\nhost=b\xc3\xbc"
                                              "ro.example\n")
                                << false;
    QTest::newRow("a stray line") << QByteArray("[account]\nhello\nserver=x\n") << false;
    QTest::newRow("NUL bytes") << QByteArray("\x00\x01garbage [[[\n", 15) << true;
    QTest::newRow("not UTF-8") << QByteArray("[account]\nserver=\xff\xfe\n") << true;
    QTest::newRow("cut off mid-character") << QByteArray("[account]\nserver=ab\xc3") << true;
    QTest::newRow("byte-order mark") << QByteArray("\xef\xbb\xbf[account]\nserver=x\n") << false;
    QTest::newRow("comments") << QByteArray("; a comment\n# another\n[account]\nserver=x\n")
                              << false;
    QTest::newRow("huge") << QByteArray("[a]\n") + QByteArray(1024 * 1024, 'x') << true;
}

void TestSettingsFile::whatIsNotTextIsDamaged() {
    // QSettings reads binary junk without a complaint; the agent must not take it for values.
    QFETCH(QByteArray, contents);
    QFETCH(bool, damaged);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("zp.conf"));
    write(path, contents);
    Settings settings(path);
    QCOMPARE(!settings.loadError().isEmpty(), damaged);
    if (damaged) {
        QVERIFY(settings.loadError().contains(QLatin1String("damaged")));
        QCOMPARE(settings.serverUrl(), QUrl());
        settings.setShowOffline(false); // the first save keeps it aside
        QCOMPARE(read(path + QStringLiteral(".damaged")), contents);
    }
}

void TestSettingsFile::savingOverWhatQtSkipsIsNoFailure() {
    // A byte-order mark and '#' comments read fine, but QSettings says FormatError once it
    // has parsed them on the way to writing: that is no failed save.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("zp.conf"));
    write(path, "\xef\xbb\xbf# mine\n[account]\nserver=https://chat.example\n");
    Settings settings(path);
    QCOMPARE(settings.loadError(), QString());
    QCOMPARE(settings.serverUrl(), QUrl(QStringLiteral("https://chat.example")));
    settings.setShowOffline(false);
    QCOMPARE(settings.saveError(), QString());
    QCOMPARE(Settings(path).showOffline(), false);
    QCOMPARE(Settings(path).serverUrl(), QUrl(QStringLiteral("https://chat.example")));
}

void TestSettingsFile::earlierDamagedCopiesAreNotOverwritten() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("zp.conf"));
    write(path + QStringLiteral(".damaged"), "the first damaged file");
    write(path, "[account\nserver=second\n");
    Settings(path).setShowOffline(false);
    QCOMPARE(read(path + QStringLiteral(".damaged")), QByteArray("the first damaged file"));
    QCOMPARE(read(path + QStringLiteral(".damaged-1")), QByteArray("[account\nserver=second\n"));
}

void TestSettingsFile::unreadableFileIsNeverReplaced() {
    if (::geteuid() == 0)
        QSKIP("root reads every file; this needs an ordinary user");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("zp.conf"));
    write(path, "[popup]\nshow_offline=true\n");
    QVERIFY(QFile::setPermissions(path, QFileDevice::WriteOwner));
    Settings settings(path);
    QVERIFY(!settings.loadError().isEmpty());
    settings.setShowOffline(false);
    QVERIFY(settings.saveError().contains(QLatin1String("cannot be read")));
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    QCOMPARE(read(path), QByteArray("[popup]\nshow_offline=true\n"));
    QVERIFY(!QFile::exists(path + QStringLiteral(".damaged")));
}

void TestSettingsFile::aLinkToADeviceIsNeverWrittenThrough() {
    // A FIFO stands in for /dev/null: the same kind of non-file, but safe to lose.
    QTemporaryDir dir;
    const QString fifo = dir.filePath(QStringLiteral("fifo"));
    QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    const QString path = dir.filePath(QStringLiteral("zp.conf"));
    QVERIFY(QFile::link(fifo, path));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("not a regular file")));
    Settings settings(path);
    settings.setShowOffline(false);
    QVERIFY(settings.saveError().contains(QLatin1String("not a regular file")));
    QVERIFY(!QFileInfo(fifo).isFile()); // still a FIFO, not replaced by a settings file
    QVERIFY(QFileInfo(path).isSymLink());
}

void TestSettingsFile::aFailedSaveIsReportedUntilOneSucceeds() {
    // A folder that cannot be created (a file has its name) refuses the write even to root,
    // as a read-only or full disk would.
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("zulip-presence"));
    write(folder, "not a folder");
    const QString path = folder + QStringLiteral("/zp.conf");
    Settings settings(path);
    QVERIFY(settings.saveError().isEmpty());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("could not be saved")));
    settings.setShowOffline(false);
    QVERIFY2(settings.saveError().contains(QDir::toNativeSeparators(path)),
             qPrintable(settings.saveError()));
    QVERIFY(!QFileInfo(path).exists());
    // Once the folder can be made, the next change is written and the complaint goes.
    QVERIFY(QFile::remove(folder));
    QVERIFY(QDir().mkpath(folder));
    settings.setShowOffline(false);
    QCOMPARE(settings.saveError(), QString());
    QCOMPARE(Settings(path).showOffline(), false);
}

void TestSettingsFile::eachAccountKeepsItsOwnWatchList() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("zp.conf"));
    const QString work = Settings::accountId(QUrl(QStringLiteral("https://work.example")),
                                             QStringLiteral("ada@work.example"));
    const QString club = Settings::accountId(QUrl(QStringLiteral("https://club.example/")),
                                             QStringLiteral("Ada@Club.example"));
    Settings settings(path);
    settings.setWatchedUserIds({7, 9}, work);
    settings.setWatchedUserIds({7, 12}, club);
    // Same ids, other people: each account reads back its own list, from a fresh read.
    QCOMPARE(Settings(path).watchedUserIds(work), (QList<qint64>{7, 9}));
    QCOMPARE(Settings(path).watchedUserIds(club), (QList<qint64>{7, 12}));
    QCOMPARE(Settings(path).watchedUserIds(Settings::accountId(
                 QUrl(QStringLiteral("https://work.example")), QStringLiteral("bob@work.example"))),
             QList<qint64>());
    // Changing one leaves the other alone; emptying one removes only its line.
    settings.setWatchedUserIds({9}, work);
    QCOMPARE(Settings(path).watchedUserIds(work), QList<qint64>{9});
    QCOMPARE(Settings(path).watchedUserIds(club), (QList<qint64>{7, 12}));
    settings.setWatchedUserIds({}, club);
    QCOMPARE(Settings(path).watchedUserIds(club), QList<qint64>());
    QCOMPARE(Settings(path).watchedUserIds(work), QList<qint64>{9});
    // An account the lines could not hold is not written, and breaks nobody's list.
    settings.setWatchedUserIds({5}, work + QStringLiteral("\nx\t5"));
    QCOMPARE(Settings(path).watchedUserIds(work), QList<qint64>{9});
    QCOMPARE(Settings(path).watchedUserIds(QStringLiteral("x")), QList<qint64>());
}

void TestSettingsFile::aWatchListFromBeforeAccountsKeepsItsOwner() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("zp.conf"));
    const QString work = Settings::accountId(QUrl(QStringLiteral("https://work.example")),
                                             QStringLiteral("ada@work.example"));
    const QString club = Settings::accountId(QUrl(QStringLiteral("https://club.example")),
                                             QStringLiteral("ada@club.example"));
    // As the agent of the previous release wrote it.
    write(path, "[notify]\nwatched_user_ids=3 4\nwatched_for_account=" + work.toUtf8() + "\n");
    QCOMPARE(Settings(path).watchedUserIds(work), (QList<qint64>{3, 4}));
    QCOMPARE(Settings(path).watchedUserIds(club), QList<qint64>());
    // Choosing under another account must not lose it.
    Settings(path).setWatchedUserIds({8}, club);
    QCOMPARE(Settings(path).watchedUserIds(work), (QList<qint64>{3, 4}));
    QCOMPARE(Settings(path).watchedUserIds(club), QList<qint64>{8});
    QVERIFY(!read(path).contains("watched_for_account"));
    // A list from before owners were recorded belongs to the account saved beside it, and
    // stays its own when another account chooses.
    write(path, "[account]\nserver=https://work.example\nemail=ada@work.example\n"
                "[notify]\nwatched_user_ids=5\n");
    QCOMPARE(Settings(path).watchedUserIds(work), QList<qint64>{5});
    QCOMPARE(Settings(path).watchedUserIds(club), QList<qint64>());
    Settings(path).setWatchedUserIds({8}, club);
    QCOMPARE(Settings(path).watchedUserIds(work), QList<qint64>{5});
    QCOMPARE(Settings(path).watchedUserIds(club), QList<qint64>{8});
    // Saving another account keeps it with the one it was saved beside.
    write(path, "[account]\nserver=https://work.example\nemail=ada@work.example\n"
                "[notify]\nwatched_user_ids=5\n");
    Settings(path).setAccount(QUrl(QStringLiteral("https://club.example")),
                              QStringLiteral("ada@club.example"));
    QCOMPARE(Settings(path).watchedUserIds(club), QList<qint64>());
    QCOMPARE(Settings(path).watchedUserIds(work), QList<qint64>{5});
    // With no account saved (a zuliprc-only agent) nobody can tell: the account asking has it.
    write(path, "[notify]\nwatched_user_ids=5\n");
    QCOMPARE(Settings(path).watchedUserIds(club), QList<qint64>{5});
}

QTEST_GUILESS_MAIN(TestSettingsFile)
#include "tst_settingsfile.moc"
