// The roster's email index (legacy presence is keyed by email) is built on the first lookup
// and kept right from then on: after changes made before and after it exists. And how a
// realm_user entry or event is folded in: it changes only what it names.
#include "presence/Roster.h"

#include <QJsonDocument>
#include <QTest>

using namespace zp;

class TestRoster : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void lookups_data();
    void lookups();
    void clearForgetsTheIndex();
    void entriesChangeOnlyWhatTheyName_data();
    void entriesChangeOnlyWhatTheyName();
};

namespace {
RealmUser person(qint64 id, const QString &email) {
    RealmUser user;
    user.userId = id;
    user.email = email;
    user.fullName = QStringLiteral("Person %1").arg(id);
    return user;
}
} // namespace

void TestRoster::lookups_data() {
    QTest::addColumn<bool>("lookUpFirst"); // build the index before the changes
    QTest::newRow("index built after the changes") << false;
    QTest::newRow("index built before the changes") << true;
}

void TestRoster::lookups() {
    QFETCH(bool, lookUpFirst);
    Roster roster;
    roster.upsert(person(1, QStringLiteral("Ada@Example.com")));
    roster.upsert(person(2, QStringLiteral("bob@example.com")));
    roster.upsert(person(3, QStringLiteral("carol@example.com")));
    if (lookUpFirst)
        QCOMPARE(roster.idForEmail(QStringLiteral("bob@example.com")), 2);

    roster.upsert(person(2, QStringLiteral("robert@example.com"))); // changed email
    roster.remove(3);
    roster.upsert(person(4, QStringLiteral("dan@example.com")));
    roster.upsert(person(5, QString())); // emails may be hidden

    QCOMPARE(roster.idForEmail(QStringLiteral("ada@example.com")), 1); // case-insensitive
    QCOMPARE(roster.idForEmail(QStringLiteral("ADA@EXAMPLE.COM")), 1);
    QCOMPARE(roster.idForEmail(QStringLiteral("robert@example.com")), 2);
    QCOMPARE(roster.idForEmail(QStringLiteral("bob@example.com")), 0);   // old address gone
    QCOMPARE(roster.idForEmail(QStringLiteral("carol@example.com")), 0); // removed
    QCOMPARE(roster.idForEmail(QStringLiteral("dan@example.com")), 4);
    QCOMPARE(roster.idForEmail(QString()), 0);
    QCOMPARE(roster.users().size(), 4);
}

void TestRoster::clearForgetsTheIndex() {
    Roster roster;
    roster.upsert(person(1, QStringLiteral("ada@example.com")));
    QCOMPARE(roster.idForEmail(QStringLiteral("ada@example.com")), 1);
    roster.clear();
    QCOMPARE(roster.idForEmail(QStringLiteral("ada@example.com")), 0);
    roster.upsert(person(7, QStringLiteral("ada@example.com")));
    QCOMPARE(roster.idForEmail(QStringLiteral("ada@example.com")), 7);
}

void TestRoster::entriesChangeOnlyWhatTheyName_data() {
    QTest::addColumn<QByteArray>("entry");
    QTest::addColumn<bool>("isActiveDefault");
    QTest::addColumn<QString>("expected"); // name|email|avatar|bot|active|joined

    const QString known = QStringLiteral("Ada|ada@example.org|/a.png|0|1|1703507220");
    QTest::newRow("a new name only")
        << QByteArray(R"({"user_id":8,"full_name":"Ada L."})") << true
        << QStringLiteral("Ada L.|ada@example.org|/a.png|0|1|1703507220");
    QTest::newRow("deactivated by an event")
        << QByteArray(R"({"user_id":8,"is_active":false})") << true
        << QStringLiteral("Ada|ada@example.org|/a.png|0|0|1703507220");
    QTest::newRow("is_active left out: the default")
        << QByteArray(R"({"user_id":8})") << false
        << QStringLiteral("Ada|ada@example.org|/a.png|0|0|1703507220");
    QTest::newRow("wrong types read as QJsonValue reads them")
        << QByteArray(R"({"user_id":8,"email":5,"is_bot":"yes","date_joined":"soon"})") << true
        << QStringLiteral("Ada||/a.png|0|1|0");
    QTest::newRow("a new person") << QByteArray(R"({"user_id":9,"full_name":"Bo","is_bot":true})")
                                  << true << QStringLiteral("Bo|||1|1|0");
    for (const char *id : {R"("8")", "8.5", "0", "-8", "1e300"})
        QTest::newRow(qPrintable(QStringLiteral("user_id %1 is ignored").arg(QLatin1String(id))))
            << QByteArray(R"({"full_name":"X","user_id":)") + id + '}' << true << known;
}

void TestRoster::entriesChangeOnlyWhatTheyName() {
    QFETCH(QByteArray, entry);
    QFETCH(bool, isActiveDefault);
    QFETCH(QString, expected);
    Roster roster;
    roster.apply(realmUserFields(QJsonDocument::fromJson(
                                     R"({"user_id":8,"full_name":"Ada","email":"ada@example.org",
                         "avatar_url":"/a.png","is_bot":false,
                         "date_joined":"2023-12-25T12:27:00.216512+00:00"})")
                                     .object()),
                 true);
    const RealmUserFields fields = realmUserFields(QJsonDocument::fromJson(entry).object());
    roster.apply(fields, isActiveDefault);
    const RealmUser *user = roster.find(fields.userId > 0 ? fields.userId : 8);
    QVERIFY(user);
    const QString got = QStringList{user->fullName,
                                    user->email,
                                    QString::fromUtf8(user->avatarUrl),
                                    QString::number(int(user->isBot)),
                                    QString::number(int(user->isActive)),
                                    QString::number(user->dateJoined)}
                            .join(QLatin1Char('|'));
    QCOMPARE(got, expected);
    QCOMPARE(roster.users().size(), fields.userId == 9 ? 2 : 1);
}

QTEST_GUILESS_MAIN(TestRoster)
#include "tst_roster.moc"
