// The simdjson presence parser against the QJsonDocument one: the same snapshot, error and
// skip count on every input — the unit tests' own cases, realistic answers, and thousands of
// mutated and hostile ones.
#include "presence/FastPresenceParser.h"
#include "support/PresenceBodies.h"

#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace zp;

namespace {

// Every JSON text in tst_presenceparser.cpp: its raw string literals, adjacent ones joined as
// the compiler joins them.
QList<QByteArray> casesOfTheParserTests() {
    QFile file(QStringLiteral(ZP_SOURCE_DIR "/tests/unit/tst_presenceparser.cpp"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString source = QString::fromUtf8(file.readAll());
    static const QRegularExpression literals(QStringLiteral(R"re(((?:R"\((?:.|\n)*?\)"\s*)+))re"));
    static const QRegularExpression piece(QStringLiteral(R"re(R"\(((?:.|\n)*?)\)")re"));
    QList<QByteArray> out;
    for (auto it = literals.globalMatch(source); it.hasNext();) {
        QByteArray joined;
        for (auto p = piece.globalMatch(it.next().captured(1)); p.hasNext();)
            joined += p.next().captured(1).toUtf8();
        out << joined;
    }
    return out;
}

// Small edits that keep much of the JSON valid: the interesting inputs for the fallbacks.
const QList<QByteArray> hostileFragments = {
    R"("12":{"active_timestamp":1})",
    R"("012":{"idle_timestamp":5})",
    R"("-3":{})",
    R"("0":{})",
    R"("x":{})",
    R"("a@b":{"website":{"status":"active","timestamp":9}})",
    R"("7":{"active_timestamp":null})",
    R"("7":{"active_timestamp":"1"})",
    R"("7":{"active_timestamp":1e13})",
    R"("7":{"active_timestamp":-1})",
    R"("7":{"active_timestamp":1,"active_timestamp":2})",
    R"("7":[])",
    R"("7":{"other":1})",
    R"("99999999999999999999":{})",
    R"("8":{"idle_timestamp":1.9e2})",
    R"("1\u0030":{})",
    R"("server_timestamp":5)",
    R"("presence_last_update_id":-1)",
    R"("presences":{})",
    R"("presence_last_update_id":3.0)",
    R"("server_timestamp":1e300)",
    R"( "8" : { } )",
};

QByteArray mutate(QByteArray body, QRandomGenerator &rng) {
    const int edits = 1 + int(rng.bounded(3));
    for (int e = 0; e < edits && !body.isEmpty(); ++e) {
        const qsizetype at = qsizetype(rng.bounded(quint32(body.size())));
        switch (rng.bounded(5)) {
        case 0: // flip a byte
            body[at] = char(rng.bounded(256));
            break;
        case 1: // cut
            body.remove(at, 1 + qsizetype(rng.bounded(8)));
            break;
        case 2: // splice in a hostile member after a '{' or ','
            if (const qsizetype brace = body.indexOf('{', at); brace >= 0)
                body.insert(
                    brace + 1,
                    hostileFragments[qsizetype(rng.bounded(quint32(hostileFragments.size())))] +
                        ',');
            break;
        case 3: // duplicate a slice
            body.insert(at, body.mid(at, 1 + qsizetype(rng.bounded(40))));
            break;
        default: // truncate
            body.truncate(at);
        }
    }
    return body;
}

} // namespace

class TestFastPresenceParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameAsQtOnTheParserTestCases();
    void realisticAnswersTakeTheFastPath_data();
    void realisticAnswersTakeTheFastPath();
    void sameAsQtOnHostileFragments();
    void sameAsQtOnMutatedAnswers();
    void envelopeHasOnlyTheScalars();
};

void TestFastPresenceParser::sameAsQtOnTheParserTestCases() {
    const QList<QByteArray> cases = casesOfTheParserTests();
    QVERIFY2(cases.size() >= 15, qPrintable(QString::number(cases.size())));
    for (const QByteArray &body : cases)
        QVERIFY2(test::parserDifference(body).isEmpty(),
                 qPrintable(test::parserDifference(body) + QStringLiteral(" for ") +
                            QString::fromUtf8(body.left(200))));
}

void TestFastPresenceParser::realisticAnswersTakeTheFastPath_data() {
    QTest::addColumn<int>("users");
    QTest::newRow("empty") << 0;
    QTest::newRow("one") << 1;
    QTest::newRow("thousand") << 1000;
}

void TestFastPresenceParser::realisticAnswersTakeTheFastPath() {
    QFETCH(int, users);
    const QByteArray body = test::modernPresenceBody(users, 1733250000.25, 4242);
    QCOMPARE(test::parserDifference(body), QString());
    bool fallback = true;
    QString error;
    const auto snapshot = parsePresenceBody(body, &error, &fallback);
    QVERIFY(snapshot);
    QVERIFY(!fallback);
    QCOMPARE(snapshot->byUserId.size(), users);
    QCOMPARE(*snapshot->serverTimestamp, 1733250000.25);
    QCOMPARE(*snapshot->lastUpdateId, qint64(4242));
}

void TestFastPresenceParser::sameAsQtOnHostileFragments() {
    const QByteArray base = test::modernPresenceBody(3, 1733250000.5, 10);
    const qsizetype map = base.indexOf("\"presences\":{") + 13;
    for (const QByteArray &fragment : hostileFragments) {
        for (const QByteArray &body :
             {QByteArray(base).insert(map, fragment + ','), // inside presences
              QByteArray(base).insert(1, fragment + ','),   // at the top level
              "{" + fragment + "}",
              QByteArray(base).replace("\"presences\":{", "\"presences\":{" + fragment + ",")}) {
            QVERIFY2(test::parserDifference(body).isEmpty(),
                     qPrintable(test::parserDifference(body) + QStringLiteral(" for ") +
                                QString::fromUtf8(body)));
        }
    }
}

void TestFastPresenceParser::sameAsQtOnMutatedAnswers() {
    QRandomGenerator rng(20261203);
    const QList<QByteArray> seeds =
        casesOfTheParserTests() + QList<QByteArray>{test::modernPresenceBody(5, 1733250000.5, 10),
                                                    test::modernPresenceBody(40, 1e9, -1, 3)};
    int fastPaths = 0;
    for (int i = 0; i < 20000; ++i) {
        const QByteArray body = mutate(seeds[qsizetype(rng.bounded(quint32(seeds.size())))], rng);
        const QString difference = test::parserDifference(body);
        QVERIFY2(difference.isEmpty(), qPrintable(difference + QStringLiteral(" for ") +
                                                  QString::fromUtf8(body.toBase64())));
        bool fallback = true;
        QString error;
        parsePresenceBody(body, &error, &fallback);
        fastPaths += fallback ? 0 : 1;
    }
    // The mutations must exercise both paths, or the comparison proves little.
    QVERIFY2(fastPaths > 500, qPrintable(QString::number(fastPaths)));
}

void TestFastPresenceParser::envelopeHasOnlyTheScalars() {
    const auto envelope = jsonEnvelope(
        R"({"result":"error","msg":"Slow down","code":"RATE_LIMIT_HIT","retry-after":0.5,"x":null,"ok":true,"presences":{"1":{}},"list":[1]})");
    QVERIFY(envelope);
    QCOMPARE(envelope->value(QStringLiteral("result")).toString(), QStringLiteral("error"));
    QCOMPARE(envelope->value(QStringLiteral("code")).toString(), QStringLiteral("RATE_LIMIT_HIT"));
    QCOMPARE(envelope->value(QStringLiteral("retry-after")).toDouble(), 0.5);
    QVERIFY(envelope->value(QStringLiteral("x")).isNull());
    QCOMPARE(envelope->value(QStringLiteral("ok")).toBool(), true);
    QVERIFY(!envelope->contains(QStringLiteral("presences")));
    QVERIFY(!envelope->contains(QStringLiteral("list")));
    QVERIFY(!jsonEnvelope("[1,2]"));
    QVERIFY(!jsonEnvelope("<html>502</html>"));
    QVERIFY(!jsonEnvelope(""));
}

QTEST_GUILESS_MAIN(TestFastPresenceParser)
#include "tst_fastpresenceparser.moc"
