// The simdjson presence parser against the QJsonDocument one: the same snapshot, error and
// skip count on every input — the unit tests' own cases, realistic answers, and thousands of
// mutated and hostile ones.
#include "presence/FastPresenceParser.h"
#include "support/PresenceBodies.h"
#include "zulip/ZulipClient.h"

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

// The same for register answers: a person's members and the top level's.
const QList<QByteArray> hostileRegisterFragments = {
    R"("user_id":"7")",
    R"("user_id":7.5)",
    R"("user_id":1e300)",
    R"("user_id":-3)",
    R"("user_id":9007199254740993)",
    R"("user_id":18446744073709551615)",
    R"("user_id":9,"user_id":10)",
    R"("full_name":null)",
    R"("full_name":5)",
    R"("full_name":"A","full_name":"B")",
    R"("full_name":"\ud800")",
    R"("full_name":"x\u0000y")",
    R"("email":["x"])",
    R"("avatar_url":{})",
    R"("avatar_url":"/user_avatars/2/a.png?x=\u00e9")",
    R"("is_bot":"true")",
    R"("is_active":1)",
    R"("is_active":false)",
    R"("date_joined":"yesterday")",
    R"("date_joined":17)",
    R"("realm_users":5)",
    R"("realm_users":[1,"x",null,[],{}])",
    R"("realm_users":[])",
    R"("realm_users":[{"user_id":3,"full_name":"Late"}])",
    R"("realm_non_active_users":{})",
    R"("presences":[])",
    R"("presences":{"a@b":{"website":{"status":"active","timestamp":9}}})",
    R"("presences":{"3":{"active_timestamp":"soon"}})",
    R"("queue_id":7)",
    R"("user_settings":[])",
    R"("n":-9223372036854775809)",
    R"("n":1.0,"m":-0,"k":1e2)",
    R"("n":1e18,"m":1.5e18,"k":9.3e18,"j":-0.0,"i":9223372036854775807.0)",
    R"("x":{"c":1,"b":2,"a":3,"b":4},"w":{"\u00e9":1,"\ud83d\ude00":2,"z":3})",
    R"("zz":1,"aa":2,"zz":3)",
    R"("n":1e-400)", // the known difference: 0 here, the whole text refused by Qt
};

QByteArray mutate(QByteArray body, QRandomGenerator &rng,
                  const QList<QByteArray> &fragments = hostileFragments) {
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
                body.insert(brace + 1,
                            fragments[qsizetype(rng.bounded(quint32(fragments.size())))] + ',');
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
    void registerAnswersTakeTheFastPath_data();
    void registerAnswersTakeTheFastPath();
    void registerSameAsQtOnHostileFragments();
    void registerSameAsQtOnMutatedAnswers();
    void registerAnswerSimdjsonRefuses();
    void spareRoomAfterTheBodyIsNeverRead();
    void peopleWithoutAnIdAreLeftOut_data();
    void peopleWithoutAnIdAreLeftOut();
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

void TestFastPresenceParser::registerAnswersTakeTheFastPath_data() {
    QTest::addColumn<int>("users");
    QTest::newRow("nobody") << 0;
    QTest::newRow("one") << 1;
    QTest::newRow("thousand") << 1000;
    // Over a megabyte: read by a parser of its own rather than the shared one.
    QTest::newRow("ten thousand") << 10000;
}

void TestFastPresenceParser::registerAnswersTakeTheFastPath() {
    QFETCH(int, users);
    const QByteArray body = test::registerBody(users);
    QCOMPARE(test::registerParserDifference(body), QString());
    bool fallback = true;
    const std::optional<RegisterAnswer> answer = parseRegisterBody(body, &fallback);
    QVERIFY(answer);
    QVERIFY(!fallback);
    QCOMPARE(answer->activeUsers.size(), users);
    QCOMPARE(answer->nonActiveUsers.size(), 2);
    QVERIFY(answer->presence);
    QCOMPARE(answer->presence->byUserId.size(), users);
    QCOMPARE(answer->fields.value(QStringLiteral("queue_id")).toString(),
             QStringLiteral("1733250000:12"));
    QCOMPARE(answer->fields.value(QStringLiteral("user_settings"))
                 .toObject()
                 .value(QStringLiteral("presence_enabled")),
             QJsonValue(true));
    for (const char *gone : {"realm_users", "realm_non_active_users", "presences"})
        QVERIFY2(!answer->fields.contains(QLatin1String(gone)), gone);
    if (users > 0) {
        const RealmUserFields &first = answer->activeUsers.first();
        QCOMPARE(first.userId, qint64(8));
        QCOMPARE(*first.email, QStringLiteral("user8@example.org"));
        QVERIFY(first.fullName->endsWith(QStringLiteral(" 8")));
        QVERIFY(first.avatarUrl->startsWith("https://secure.gravatar.com/avatar/"));
        QCOMPARE(*first.dateJoined, qint64(1703507220));
        QCOMPARE(*first.isBot, false);
        QVERIFY(!first.isActive);
    }
}

void TestFastPresenceParser::registerSameAsQtOnHostileFragments() {
    const QByteArray base = test::registerBody(3);
    const qsizetype firstPerson = base.indexOf("\"realm_users\":[{") + 16;
    const qsizetype end = base.size() - 1;
    int fallbacks = 0;
    for (const QByteArray &fragment : hostileRegisterFragments) {
        for (const QByteArray &body : {QByteArray(base).insert(firstPerson, fragment + ','),
                                       QByteArray(base).insert(1, fragment + ','),
                                       QByteArray(base).insert(end, ',' + fragment)}) {
            const QString difference = test::registerParserDifference(body);
            QVERIFY2(difference.isEmpty(), qPrintable(difference + QStringLiteral(" for ") +
                                                      QString::fromUtf8(fragment)));
            bool fallback = false;
            parseRegisterBody(body, &fallback);
            fallbacks += fallback ? 1 : 0;
        }
    }
    // Both paths were compared: a repeated people list goes to Qt, the rest does not.
    QVERIFY2(fallbacks > 0 && fallbacks < 20, qPrintable(QString::number(fallbacks)));
}

void TestFastPresenceParser::registerSameAsQtOnMutatedAnswers() {
    QRandomGenerator rng(20261204);
    const QList<QByteArray> seeds{test::registerBody(2, 7), test::registerBody(6, 8)};
    int fastPaths = 0;
    for (int i = 0; i < 6000; ++i) {
        const QByteArray body = mutate(seeds[qsizetype(rng.bounded(quint32(seeds.size())))], rng,
                                       hostileRegisterFragments);
        const QString difference = test::registerParserDifference(body);
        QVERIFY2(difference.isEmpty(), qPrintable(difference + QStringLiteral(" for ") +
                                                  QString::fromUtf8(body.toBase64())));
        bool fallback = true;
        parseRegisterBody(body, &fallback);
        fastPaths += fallback ? 0 : 1;
    }
    QVERIFY2(fastPaths > 500, qPrintable(QString::number(fastPaths)));
}

void TestFastPresenceParser::registerAnswerSimdjsonRefuses() {
    // A lone surrogate escape: simdjson refuses the whole text, Qt reads it. One odd member
    // must not cost the people in the answer.
    QByteArray body = test::registerBody(3);
    body.insert(1, R"("realm_description":"\ud800",)");
    bool fallback = false;
    const std::optional<RegisterAnswer> answer = parseRegisterBody(body, &fallback);
    QVERIFY(answer);
    QVERIFY(fallback);
    QCOMPARE(answer->activeUsers.size(), 3);
    QCOMPARE(answer->nonActiveUsers.size(), 2);
    QVERIFY(!answer->fields.contains(QStringLiteral("realm_users")));
    QCOMPARE(test::registerParserDifference(body), QString());
}

void TestFastPresenceParser::spareRoomAfterTheBodyIsNeverRead() {
    // ZulipClient leaves spare bytes after an answer so simdjson can read it where it lies.
    // Whatever those bytes hold (here: the end a cut-off answer is missing) is not part of it.
    const QByteArray whole = test::modernPresenceBody(2, 1733250000.5, 10);
    const QByteArray wholeRegister = test::registerBody(2);
    const QList<QByteArray> bodies = {
        whole,
        whole.left(whole.size() - 1),
        whole.left(whole.indexOf("\"server_timestamp\"")),
        wholeRegister,
        wholeRegister.left(wholeRegister.size() - 1),
        wholeRegister.left(wholeRegister.indexOf("\"realm_non_active_users\"")),
    };
    for (const QByteArray &body : bodies) {
        const QByteArray missing = (whole + wholeRegister).mid(body.size()).left(200);
        QByteArray roomy;
        roomy.reserve(body.size() + missing.size() + answerSpareBytes);
        roomy.append(body).append(missing);
        roomy.truncate(body.size()); // keeps the block, and the bytes in it
        QVERIFY(roomy.data_ptr().freeSpaceAtEnd() >= answerSpareBytes);
        QCOMPARE(QByteArray(roomy.constData() + body.size() + 1, 10), missing.mid(1, 10));

        QCOMPARE(test::parserDifference(roomy), QString());
        QCOMPARE(test::registerParserDifference(roomy), QString());
        // And a whole answer is still read by simdjson, not handed to the fallback.
        bool presenceFallback = true, registerFallback = true;
        QString error;
        parsePresenceBody(roomy, &error, &presenceFallback);
        parseRegisterBody(roomy, &registerFallback);
        if (body == whole)
            QVERIFY(!presenceFallback);
        if (body == wholeRegister)
            QVERIFY(!registerFallback);
    }
}

void TestFastPresenceParser::peopleWithoutAnIdAreLeftOut_data() {
    QTest::addColumn<QByteArray>("extra");
    QTest::addColumn<bool>("fallback");
    QTest::newRow("simdjson") << QByteArray() << false;
    // A lone surrogate sends the whole answer to QJsonDocument: the same rule there.
    QTest::newRow("QJsonDocument") << QByteArray(R"("realm_description":"\ud800",)") << true;
}

void TestFastPresenceParser::peopleWithoutAnIdAreLeftOut() {
    // No one to show, and no entry kept for them: a list of a million zeros stays small.
    QFETCH(QByteArray, extra);
    QFETCH(bool, fallback);
    const QByteArray body =
        "{" + extra +
        R"("queue_id":"q","last_event_id":-1,"realm_users":[0,"x",null,[],{},{"user_id":0},)"
        R"({"user_id":-4},{"user_id":"7"},{"full_name":"Nobody"},{"user_id":7,"full_name":"Ada"}],)"
        R"("realm_non_active_users":[{},{"user_id":9}]})";
    bool usedFallback = !fallback;
    const std::optional<RegisterAnswer> answer = parseRegisterBody(body, &usedFallback);
    QVERIFY(answer);
    QCOMPARE(usedFallback, fallback);
    QCOMPARE(answer->activeUsers.size(), 1);
    QCOMPARE(answer->activeUsers[0].userId, qint64(7));
    QCOMPARE(answer->activeUsers[0].fullName, QStringLiteral("Ada"));
    QCOMPARE(answer->nonActiveUsers.size(), 1);
    QCOMPARE(answer->nonActiveUsers[0].userId, qint64(9));
}

QTEST_GUILESS_MAIN(TestFastPresenceParser)
#include "tst_fastpresenceparser.moc"
