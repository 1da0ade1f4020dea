// Both presence formats, and answers that are broken or hostile.
#include "presence/PresenceParser.h"

#include <QJsonDocument>
#include <QTest>

using namespace zp;

namespace {
QJsonObject obj(const char *json) {
    return QJsonDocument::fromJson(json).object();
}
} // namespace

class TestPresenceParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void modern();
    void legacy();
    void legacyPerClientOldServers();
    void missingKeysAreTolerated();
    void unusable_data();
    void unusable();
    void badEntriesAreSkippedNotFatal_data();
    void badEntriesAreSkippedNotFatal();
};

void TestPresenceParser::modern() {
    QString error;
    const auto s = parsePresenceAnswer(
        obj(R"({"result":"success","msg":"","presences":{"10":{"active_timestamp":1656958520,"idle_timestamp":1656958530},
               "11":{"active_timestamp":0,"idle_timestamp":1656958000}},
               "server_timestamp":1656958539.6287155,"presence_last_update_id":1000})"),
        &error);
    QVERIFY2(s, qPrintable(error));
    QCOMPARE(s->byUserId.size(), 2);
    QCOMPARE(s->byUserId.value(10), (RawPresence{1656958520, 1656958530}));
    QCOMPARE(s->byUserId.value(11), (RawPresence{0, 1656958000}));
    QCOMPARE(*s->serverTimestamp, 1656958539.6287155);
    QCOMPARE(*s->lastUpdateId, qint64(1000));
    QCOMPARE(s->skippedEntries, 0);
}

void TestPresenceParser::legacy() {
    QString error;
    const auto s = parsePresenceAnswer(obj(R"({"presences":{
            "alice@example.com":{"website":{"client":"website","status":"active","timestamp":1000,"pushable":false},
                                 "aggregated":{"client":"website","status":"active","timestamp":1000}},
            "bob@example.com":{"website":{"client":"website","status":"idle","timestamp":1200,"pushable":false},
                               "aggregated":{"client":"website","status":"idle","timestamp":1200}}},
            "server_timestamp":1250.5})"),
                                       &error);
    QVERIFY2(s, qPrintable(error));
    QCOMPARE(s->byEmail.value(QStringLiteral("alice@example.com")), (RawPresence{1000, 0}));
    QCOMPARE(s->byEmail.value(QStringLiteral("bob@example.com")), (RawPresence{0, 1200}));
    QVERIFY(!s->lastUpdateId);
}

void TestPresenceParser::legacyPerClientOldServers() {
    // Before feature level 178 each client had its own entry; the newest of each kind counts.
    const auto raw = rawFromLegacyEntry(obj(R"({"website":{"status":"idle","timestamp":900},
        "ZulipAndroid":{"status":"active","timestamp":800,"pushable":true},
        "ZulipDesktop":{"status":"active","timestamp":850},
        "aggregated":{"status":"active","timestamp":850}})"));
    QVERIFY(raw);
    QCOMPARE(*raw, (RawPresence{850, 900}));
}

void TestPresenceParser::missingKeysAreTolerated() {
    QString error;
    const auto s = parsePresenceAnswer(
        obj(R"({"presences":{"5":{"idle_timestamp":7},"6":{}},"server_timestamp":10})"), &error);
    QVERIFY(s);
    QCOMPARE(s->byUserId.value(5), (RawPresence{0, 7}));
    QCOMPARE(s->byUserId.value(6), (RawPresence{}));
}

void TestPresenceParser::unusable_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("no presences") << QByteArray(R"({"result":"success","msg":""})");
    QTest::newRow("presences is an array") << QByteArray(R"({"presences":[1,2]})");
    QTest::newRow("presences is a string") << QByteArray(R"({"presences":"lots"})");
    QTest::newRow("server_timestamp a string")
        << QByteArray(R"({"presences":{},"server_timestamp":"now"})");
    QTest::newRow("server_timestamp negative")
        << QByteArray(R"({"presences":{},"server_timestamp":-5})");
    QTest::newRow("server_timestamp huge")
        << QByteArray(R"({"presences":{},"server_timestamp":1e300})");
    QTest::newRow("last_update_id fractional")
        << QByteArray(R"({"presences":{},"presence_last_update_id":1.5})");
    QTest::newRow("last_update_id string")
        << QByteArray(R"({"presences":{},"presence_last_update_id":"7"})");
}

void TestPresenceParser::unusable() {
    QFETCH(QByteArray, json);
    QString error;
    QVERIFY(!parsePresenceAnswer(QJsonDocument::fromJson(json).object(), &error));
    QVERIFY(!error.isEmpty());
}

void TestPresenceParser::badEntriesAreSkippedNotFatal_data() {
    QTest::addColumn<QByteArray>("entry");
    QTest::newRow("entry not an object") << QByteArray(R"("7":5)");
    QTest::newRow("timestamp string") << QByteArray(R"("7":{"active_timestamp":"soon"})");
    QTest::newRow("timestamp negative") << QByteArray(R"("7":{"active_timestamp":-1})");
    QTest::newRow("timestamp enormous") << QByteArray(R"("7":{"idle_timestamp":1e40})");
    QTest::newRow("key not a user id") << QByteArray(R"("seven":{"active_timestamp":1})");
    QTest::newRow("key negative") << QByteArray(R"("-7":{"active_timestamp":1})");
    QTest::newRow("legacy unknown status")
        << QByteArray(R"("x@y":{"website":{"status":"dancing","timestamp":1}})");
    QTest::newRow("legacy client not object") << QByteArray(R"("x@y":{"website":[]})");
    QTest::newRow("legacy empty") << QByteArray(R"("x@y":{})");
}

void TestPresenceParser::badEntriesAreSkippedNotFatal() {
    QFETCH(QByteArray, entry);
    const QByteArray json =
        R"({"server_timestamp":100,"presences":{"1":{"active_timestamp":90},)" + entry + "}}";
    QString error;
    const auto s = parsePresenceAnswer(QJsonDocument::fromJson(json).object(), &error);
    QVERIFY2(s, qPrintable(error + QLatin1String(" / ") + QString::fromUtf8(json)));
    QCOMPARE(s->skippedEntries, 1);
    QCOMPARE(s->byUserId.value(1), (RawPresence{90, 0}));
}

QTEST_GUILESS_MAIN(TestPresenceParser)
#include "tst_presenceparser.moc"
