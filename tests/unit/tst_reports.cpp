// The --status text and JSON printers, with the names a hostile or careless server can send.
#include "agent/Reports.h"
#include "presence/CoworkerList.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace zp;

class TestReports : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void textLinesCannotBeForgedByNames_data();
    void textLinesCannotBeForgedByNames();
    void jsonKeepsTheNameExactly();
};

namespace {
Coworker idleCoworker(const QString &name) {
    Coworker c;
    c.userId = 42;
    c.fullName = name;
    c.email = QStringLiteral("x@example.com");
    c.verdict.status = PresenceStatus::Idle;
    return c;
}
} // namespace

void TestReports::textLinesCannotBeForgedByNames_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("shownName");
    QTest::newRow("plain") << QStringLiteral("Ada Lovelace") << QStringLiteral("Ada Lovelace");
    // A window-title escape and a screen clear: no ESC or BEL may reach the terminal.
    QTest::newRow("escape sequences")
        << QStringLiteral("Eve\x1b]0;owned\x07\x1b[2J") << QStringLiteral("Eve ]0;owned  [2J");
    QTest::newRow("newline forging a line")
        << QStringLiteral("Mallory\nactive    Boss") << QStringLiteral("Mallory active    Boss");
    // Placeholders in a name are text, not slots for the next value.
    QTest::newRow("placeholders") << QStringLiteral("Cleo %3 %1") << QStringLiteral("Cleo %3 %1");
    QTest::newRow("unicode line separator")
        << QStringLiteral("Li\u2028Na") << QStringLiteral("Li Na");
    // An override or isolate left open would reverse the rest of the line on the terminal.
    QTest::newRow("bidi override") << QStringLiteral("Eve\u202Eevil") << QStringLiteral("Eveevil");
    QTest::newRow("bidi isolates")
        << QStringLiteral("\u2067Dana\u2069\u2066") << QStringLiteral("Dana");
    // Zero-width joiners belong to names (Persian, emoji): kept.
    QTest::newRow("joiners kept") << QStringLiteral("Mi\u200Cna \U0001F469\u200D\U0001F4BB")
                                  << QStringLiteral("Mi\u200Cna \U0001F469\u200D\U0001F4BB");
}

void TestReports::textLinesCannotBeForgedByNames() {
    QFETCH(QString, name);
    QFETCH(QString, shownName);
    const QByteArray out = statusText({idleCoworker(name)}, 1700000000);
    QCOMPARE(out.count('\n'), 1);
    QVERIFY(!out.contains('\x1b') && !out.contains('\x07'));
    const QString line = QString::fromUtf8(out).chopped(1);
    QVERIFY2(line.startsWith(QStringLiteral("idle      ") + shownName), qPrintable(line));
    QVERIFY2(line.endsWith(QStringLiteral("  Idle")), qPrintable(line));
}

void TestReports::jsonKeepsTheNameExactly() {
    // JSON escapes what it must; the consumer gets the name as the server sent it.
    const QString name = QStringLiteral("Eve\x1b]0;owned\x07\nX %1");
    const QJsonArray list = QJsonDocument::fromJson(statusJson({idleCoworker(name)})).array();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first()[QStringLiteral("full_name")].toString(), name);
    QCOMPARE(list.first()[QStringLiteral("status")].toString(), QStringLiteral("idle"));
}

QTEST_GUILESS_MAIN(TestReports)
#include "tst_reports.moc"
