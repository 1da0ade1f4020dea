// Protocol costs at organization scale, against the dev realm: parse and merge one full
// presence snapshot, one incremental tick with 1 % of users changed, the re-aging pass, the
// bytes on the wire per minute, and reading the register answer into the roster. Figures go
// to docs/PERFORMANCE.md.
//
//   bench_protocol [USERS...]     (default: 1000 10000 100000)
#include "DevRealm.h"
#include "ProcStatus.h"
#include "presence/FastPresenceParser.h"
#include "presence/PresenceModel.h"
#include "presence/Roster.h"
#include "zulip/ZulipClient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace zp;

namespace {

// Median wall time of `runs` calls, in milliseconds.
double medianMs(int runs, const std::function<void()> &work) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::nth_element(times.begin(), times.begin() + runs / 2, times.end());
    return times[size_t(runs / 2)];
}

// One request, waited for.
ApiResult sendAndWait(ZulipClient &client, const QString &path, const ApiParams &params) {
    ApiResult out;
    QEventLoop loop;
    client.send(
        ZulipClient::Method::Post, path, params,
        [&](const ApiResult &result) {
            out = result;
            loop.quit();
        },
        120000, true, ZulipClient::BodyParsing::EnvelopeOnly);
    loop.exec();
    return out;
}

ApiResult call(ZulipClient &client, const ApiParams &params) {
    return sendAndWait(client, QStringLiteral("users/me/presence"), params);
}

ApiResult callRegister(ZulipClient &client, const QString &capabilities) {
    // The agent's own request (PresenceAgent::registerQueue at a current feature level).
    const QString types = QStringLiteral(R"(["presence","realm","realm_user","user_settings"])");
    const ApiParams params{{QStringLiteral("fetch_event_types"), types},
                           {QStringLiteral("event_types"), types},
                           {QStringLiteral("client_capabilities"), capabilities},
                           {QStringLiteral("client_gravatar"), jsonParam(false)},
                           {QStringLiteral("apply_markdown"), jsonParam(false)},
                           {QStringLiteral("slim_presence"), jsonParam(true)},
                           {QStringLiteral("presence_history_limit_days"), jsonParam(qint64(365))}};
    return sendAndWait(client, QStringLiteral("register"), params);
}

// The register answer into a roster and a presence snapshot, as the agent did before
// parseRegisterBody (one QJsonDocument) and as it does now.
void readRegisterWithQt(const QByteArray &body, Roster &roster) {
    const QJsonObject answer = QJsonDocument::fromJson(body).object();
    roster.clear();
    for (const QJsonValue &person : answer.value(QLatin1String("realm_users")).toArray())
        roster.apply(realmUserFields(person.toObject()), true);
    QString error;
    parsePresenceAnswer(answer, &error);
}

void readRegisterWithSimdjson(const QByteArray &body, Roster &roster) {
    const std::optional<RegisterAnswer> answer = parseRegisterBody(body);
    roster.clear();
    for (const RealmUserFields &person : answer->activeUsers)
        roster.apply(person, true);
    QString error;
    if (!answer->presence)
        parsePresenceAnswer(answer->fields, &error);
}

qint64 formBytes(const ApiParams &params) {
    qint64 n = 0;
    for (const auto &[key, value] : params)
        n += QUrl::toPercentEncoding(key).size() + QUrl::toPercentEncoding(value).size() + 2;
    return n;
}

// About what gzip sends: deflate plus gzip's 18-byte frame (qCompress adds a 4-byte size).
qint64 gzipBytes(const QByteArray &body) {
    return qCompress(body, 6).size() - 4 - 6 + 18;
}

void benchOne(int users) {
    devrealm::DevRealmOptions options;
    options.users = users;
    options.staticRealm = true;
    options.rateLimitRequests = 0;
    options.seed = 42;
    devrealm::DevRealm realm(options);
    if (!realm.listen(0))
        qFatal("dev realm could not listen");
    ZulipClient client;
    Account account;
    account.site = realm.baseUrl();
    account.email = realm.ownEmail();
    account.apiKey = realm.ownApiKey();
    client.setAccount(account);

    const ApiParams fullParams{{QStringLiteral("status"), QStringLiteral("active")},
                               {QStringLiteral("ping_only"), jsonParam(false)},
                               {QStringLiteral("new_user_input"), jsonParam(false)},
                               {QStringLiteral("last_update_id"), jsonParam(qint64(-1))},
                               {QStringLiteral("history_limit_days"), jsonParam(qint64(365))}};
    const ApiResult full = call(client, fullParams);
    if (!full.ok())
        qFatal("full fetch failed: %s", qPrintable(full.message));
    QString error;
    const auto fullSnapshot = parsePresenceBody(full.body, &error);
    if (!fullSnapshot)
        qFatal("full answer unusable: %s", qPrintable(error));

    // 1 % of everyone changes, then one incremental poll.
    const QList<int> ids = realm.userIds();
    const int changed = std::max(1, users / 100);
    for (int i = 0; i < changed; ++i)
        realm.setPresenceRow(ids[(i * 97) % ids.size()], realm.realmNowMs(), realm.realmNowMs());
    ApiParams tickParams = fullParams;
    tickParams[3].second = jsonParam(*fullSnapshot->lastUpdateId);
    tickParams.removeLast();
    const ApiResult tick = call(client, tickParams);
    if (!tick.ok())
        qFatal("incremental poll failed: %s", qPrintable(tick.message));
    // And a quiet minute: nobody changed since.
    const auto tickSnapshot = parsePresenceBody(tick.body, &error);
    tickParams[3].second = jsonParam(*tickSnapshot->lastUpdateId);
    const ApiResult quiet = call(client, tickParams);

    const int runs = users >= 100000 ? 11 : 31;
    const Roster roster;
    bool fallback = false;
    const double qtParse = medianMs(
        runs, [&] { parsePresenceAnswer(QJsonDocument::fromJson(full.body).object(), &error); });
    const double fastParse =
        medianMs(runs, [&] { parsePresenceBody(full.body, &error, &fallback); });
    PresenceModel model;
    model.setOfflineThreshold(200);
    const double parseMerge =
        medianMs(runs, [&] { model.replaceAll(*parsePresenceBody(full.body, &error), roster); });
    std::vector<double> tickTimes;
    for (int i = 0; i < runs; ++i) {
        // As in the agent: the full snapshot is a temporary, so the model owns its table alone
        // (a shared one would be copied by the first merge).
        model.replaceAll(*parsePresenceBody(full.body, &error), roster);
        QElapsedTimer timer;
        timer.start();
        model.merge(*parsePresenceBody(tick.body, &error), roster);
        tickTimes.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::nth_element(tickTimes.begin(), tickTimes.begin() + runs / 2, tickTimes.end());
    PresenceSnapshot timeOnly;
    timeOnly.serverTimestamp = fullSnapshot->serverTimestamp;
    const double reage = medianMs(runs, [&] { model.merge(timeOnly, roster); });
    int active = 0;
    const double verdicts = medianMs(runs, [&] {
        active = 0;
        const double now = model.serverNow();
        for (auto it = model.raw().begin(); it != model.raw().end(); ++it)
            active += model.verdictAt(it.key(), now).status == PresenceStatus::Active ? 1 : 0;
    });

    std::printf("%7d users | answer %8lld B (gzip %7lld) | QJsonDocument parse %7.2f ms | "
                "simdjson parse %6.2f ms%s | parse+replace %6.2f ms | tick (%d changed, %lld B) "
                "parse+merge %6.3f ms | re-age %6.3f ms | verdicts %6.3f ms\n",
                users, qlonglong(full.body.size()), qlonglong(gzipBytes(full.body)), qtParse,
                fastParse, fallback ? " (fallback!)" : "", parseMerge, changed,
                qlonglong(tick.body.size()), tickTimes[size_t(runs / 2)], reage, verdicts);
    const qint64 requestFull = formBytes(fullParams), requestTick = formBytes(tickParams);
    std::printf(
        "        wire per minute (1 report/min; bodies only, HTTP headers ~0.5 KB each way "
        "not counted): full snapshots %lld B (gzip %lld) | incremental, 1%% changed %lld "
        "B (gzip %lld) | incremental, quiet %lld B\n",
        qlonglong(requestFull + full.body.size()), qlonglong(requestFull + gzipBytes(full.body)),
        qlonglong(requestTick + tick.body.size()), qlonglong(requestTick + gzipBytes(tick.body)),
        qlonglong(requestTick + quiet.body.size()));

    // The register answer: once at start and after each sleep, so its cost is a spike.
    const ApiResult plain = callRegister(client, QStringLiteral("{}"));
    const ApiResult optional =
        callRegister(client, QStringLiteral(R"({"user_avatar_url_field_optional":true})"));
    if (!plain.ok() || !optional.ok())
        qFatal("register failed: %s", qPrintable(plain.message + optional.message));
    Roster registerRoster;
    const int registerRuns = users >= 100000 ? 5 : 15;
    const double withQt =
        medianMs(registerRuns, [&] { readRegisterWithQt(optional.body, registerRoster); });
    const double withSimdjson =
        medianMs(registerRuns, [&] { readRegisterWithSimdjson(optional.body, registerRoster); });
    std::printf("        register answer %lld B (gzip %lld), with user_avatar_url_field_optional "
                "%lld B (gzip %lld) | read into the roster: QJsonDocument %7.1f ms, simdjson "
                "%7.1f ms\n",
                qlonglong(plain.body.size()), qlonglong(gzipBytes(plain.body)),
                qlonglong(optional.body.size()), qlonglong(gzipBytes(optional.body)), withQt,
                withSimdjson);
    std::fflush(stdout);
}

// Resident memory at its highest so far, in MB (VmHWM).
double peakMb() {
    return bench::procStatusMb("VmHWM");
}

// Answers a broken or hostile server could send: reading them must stay near linear in time
// and near the body's size in memory. Run first, so the peak it reports is its own.
void benchHostileShapes() {
    QByteArray manyKeys = R"({"queue_id":"q","last_event_id":1,"realm_users":[],"x":{)";
    for (int i = 200000; i > 0; --i) // descending: the order that costs most to insert
        manyKeys +=
            '"' + QByteArray::number(i).rightJustified(8, '0') + "\":0" + (i > 1 ? "," : "");
    manyKeys += "}}";
    const double keysFast = medianMs(3, [&] { parseRegisterBody(manyKeys); });
    const double keysQt = medianMs(3, [&] { QJsonDocument::fromJson(manyKeys); });
    std::printf("hostile: register answer with a 200 000-key member (%.1f MB): parseRegisterBody "
                "%.1f ms, QJsonDocument alone %.1f ms\n",
                double(manyKeys.size()) / (1024 * 1024), keysFast, keysQt);

    QByteArray zeros = R"({"queue_id":"q","last_event_id":1,"realm_users":[)";
    zeros.reserve(zeros.size() + 20000000 + 64);
    for (int i = 0; i < 10000000; ++i)
        zeros += "0,";
    zeros[zeros.size() - 1] = ']';
    zeros += '}';
    const double before = peakMb();
    QElapsedTimer timer;
    timer.start();
    const qsizetype people = parseRegisterBody(zeros).value_or(RegisterAnswer()).activeUsers.size();
    std::printf("hostile: realm_users of 10 million zeros (%.1f MB): %lld ms, peak resident "
                "memory +%.0f MB over the body, %lld people\n",
                double(zeros.size()) / (1024 * 1024), qlonglong(timer.elapsed()), peakMb() - before,
                qlonglong(people));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    QList<int> sizes;
    for (const QString &arg : app.arguments().mid(1))
        sizes << arg.toInt();
    if (sizes.isEmpty())
        sizes = {1000, 10000, 100000};
    benchHostileShapes();
    for (int users : sizes)
        benchOne(users);
    return 0;
}
