// The roster's email index (legacy presence is keyed by email) is built on the first lookup
// and kept right from then on: after changes made before and after it exists.
#include "presence/Roster.h"

#include <QTest>

using namespace zp;

class TestRoster : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void lookups_data();
    void lookups();
    void clearForgetsTheIndex();
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

QTEST_GUILESS_MAIN(TestRoster)
#include "tst_roster.moc"
