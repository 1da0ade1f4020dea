// The command line is a contract scripts rely on: every accepted and refused form.
#include "CommandLine.h"

#include <QTest>

using namespace zp;

class TestCommandLine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void accepted();
    void refused_data();
    void refused();
    void idleSeconds_data();
    void idleSeconds();
};

void TestCommandLine::accepted() {
    const CommandLine cl = parseCommandLine({QStringLiteral("zulip-presence"),
                                             QStringLiteral("--headless"), QStringLiteral("--json"),
                                             QStringLiteral("--zuliprc"), QStringLiteral("/tmp/rc"),
                                             QStringLiteral("--idle-after"), QStringLiteral("3")});
    QVERIFY2(cl.error.isEmpty(), qPrintable(cl.error));
    QVERIFY(cl.headless);
    QVERIFY(cl.json);
    QCOMPARE(cl.zuliprcPath, QStringLiteral("/tmp/rc"));
    QCOMPARE(cl.idleAfter, std::chrono::seconds(3));
    QVERIFY(cl.idleAfterGiven);
    // Given explicitly at the default value, it still beats the settings' threshold.
    const CommandLine atDefault = parseCommandLine(
        {QStringLiteral("zulip-presence"), QStringLiteral("--idle-after"), QStringLiteral("300")});
    QVERIFY(atDefault.idleAfterGiven);

    const CommandLine defaults = parseCommandLine({QStringLiteral("zulip-presence")});
    QVERIFY(defaults.error.isEmpty());
    QCOMPARE(defaults.idleAfter, std::chrono::seconds(300));
    QVERIFY(!defaults.idleAfterGiven);
    QVERIFY(!defaults.headless && !defaults.status && !defaults.json);

    const CommandLine status = parseCommandLine(
        {QStringLiteral("x"), QStringLiteral("--status"), QStringLiteral("--json")});
    QVERIFY(status.error.isEmpty());
    QVERIFY(status.status && status.json);

    const CommandLine help = parseCommandLine({QStringLiteral("x"), QStringLiteral("--help")});
    QVERIFY(help.helpRequested);
    QVERIFY(help.helpText.contains(QLatin1String("--idle-after")));
    QVERIFY(help.helpText.contains(QLatin1String("zulip-presence")));
}

void TestCommandLine::refused_data() {
    QTest::addColumn<QStringList>("args");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")};
    QTest::newRow("json alone") << QStringList{QStringLiteral("--json")};
    QTest::newRow("status and headless")
        << QStringList{QStringLiteral("--status"), QStringLiteral("--headless")};
    QTest::newRow("idle zero") << QStringList{QStringLiteral("--idle-after"), QStringLiteral("0")};
    QTest::newRow("idle negative") << QStringList{QStringLiteral("--idle-after=-5")};
    QTest::newRow("idle too long")
        << QStringList{QStringLiteral("--idle-after"), QStringLiteral("86401")};
    QTest::newRow("idle overflow")
        << QStringList{QStringLiteral("--idle-after"), QStringLiteral("99999999999999999999")};
    QTest::newRow("idle not a number")
        << QStringList{QStringLiteral("--idle-after"), QStringLiteral("soon")};
    QTest::newRow("missing value") << QStringList{QStringLiteral("--zuliprc")};
    QTest::newRow("stray argument") << QStringList{QStringLiteral("hello")};
    QTest::newRow("diagnose with status")
        << QStringList{QStringLiteral("--diagnose"), QStringLiteral("--status")};
    QTest::newRow("diagnose with zuliprc") << QStringList{
        QStringLiteral("--diagnose"), QStringLiteral("--zuliprc"), QStringLiteral("x")};
    QTest::newRow("status with idle-after") << QStringList{
        QStringLiteral("--status"), QStringLiteral("--idle-after"), QStringLiteral("60")};
    QTest::newRow("empty zuliprc path")
        << QStringList{QStringLiteral("--zuliprc="), QStringLiteral("--status")};
    QTest::newRow("unknown backend")
        << QStringList{QStringLiteral("--idle-backend"), QStringLiteral("telepathy")};
}

void TestCommandLine::refused() {
    QFETCH(QStringList, args);
    args.prepend(QStringLiteral("zulip-presence"));
    const CommandLine cl = parseCommandLine(args);
    QVERIFY2(!cl.error.isEmpty(), qPrintable(args.join(QLatin1Char(' '))));
}

void TestCommandLine::idleSeconds_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("seconds"); // 0 = refused
    QTest::newRow("1") << "1" << 1;
    QTest::newRow("86400") << "86400" << 86400;
    QTest::newRow("spaces") << " 60 " << 60;
    QTest::newRow("0") << "0" << 0;
    QTest::newRow("86401") << "86401" << 0;
    QTest::newRow("fraction") << "1.5" << 0;
    QTest::newRow("empty") << "" << 0;
}

void TestCommandLine::idleSeconds() {
    QFETCH(QString, text);
    QFETCH(int, seconds);
    QString error;
    const auto parsed = parseIdleSeconds(text, &error);
    if (seconds == 0) {
        QVERIFY(!parsed);
        QVERIFY(!error.isEmpty());
    } else {
        QVERIFY(parsed);
        QCOMPARE(int(parsed->count()), seconds);
    }
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
