// zulip-devrealm: runs a DevRealm on 127.0.0.1 until SIGTERM or SIGINT.
// The first line on stdout is the base URL, so scripts can start it with --port 0 and read it.
#include "DevRealm.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

#ifndef ZP_VERSION
#define ZP_VERSION "dev"
#endif

using zp::devrealm::DevRealm;
using zp::devrealm::DevRealmOptions;

namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int) {
    const char byte = 1;
    const ssize_t written = ::write(signalPipe[0], &byte, 1); // async-signal-safe
    (void)written;
}

[[noreturn]] void fail(const QString &message) {
    std::fprintf(stderr, "zulip-devrealm: %s\n", qPrintable(message));
    std::exit(2);
}

double number(const QCommandLineParser &parser, const QString &name, double min) {
    bool ok = false;
    const double v = parser.value(name).toDouble(&ok);
    if (!ok || v < min)
        fail(QStringLiteral("--%1 needs a number >= %2, not '%3'")
                 .arg(name)
                 .arg(min)
                 .arg(parser.value(name)));
    return v;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("zulip-devrealm"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ZP_VERSION));

    const DevRealmOptions defaults;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A local Zulip server for tests, the demo and benchmarks. It listens on 127.0.0.1 and "
        "prints its base URL as the first line on stdout. Control API: see "
        "tests/devrealm/README.md."));
    parser.addHelpOption();
    parser.addVersionOption();
    auto option = [&](const char *name, const QString &help, const QString &value = {},
                      const QString &def = {}) {
        // QCommandLineParser does not show defaults in --help; append them.
        const QString text = def.isEmpty() ? help : help + QStringLiteral(" Default: %1.").arg(def);
        QCommandLineOption o(QString::fromLatin1(name), text, value, def);
        parser.addOption(o);
    };
    const QString n = QStringLiteral("N"), s = QStringLiteral("S");
    option("port", QStringLiteral("TCP port; 0 = any free port."), n, QStringLiteral("0"));
    option("users", QStringLiteral("Accounts in the realm, bots and the deactivated one included."),
           n, QString::number(defaults.users));
    option("seed", QStringLiteral("Seed for names, keys, history and churn."), n,
           QString::number(defaults.seed));
    option("ping-interval", QStringLiteral("server_presence_ping_interval_seconds."), s,
           QString::number(defaults.pingIntervalSecs));
    option("offline-threshold", QStringLiteral("server_presence_offline_threshold_seconds."), s,
           QString::number(defaults.offlineThresholdSecs));
    option("feature-level",
           QStringLiteral("API feature level; 0 = a pre-3.0 server (no feature level, legacy "
                          "presence only)."),
           n, QString::number(defaults.featureLevel));
    option("zulip-version", QStringLiteral("zulip_version to report (default: from the level)."),
           QStringLiteral("V"));
    option("longpoll-timeout", QStringLiteral("event_queue_longpoll_timeout_seconds."), s,
           QString::number(defaults.longpollTimeoutSecs));
    option("heartbeat",
           QStringLiteral("Seconds before a held GET /events gets a heartbeat (default: half "
                          "the long-poll timeout, as Zulip's 45 of 90)."),
           s);
    option("queue-timeout", QStringLiteral("Seconds without a poll before a queue is deleted."), s,
           QString::number(defaults.queueTimeoutSecs));
    option("clock-offset",
           QStringLiteral("The realm's clock is the wall clock plus S seconds (may be negative: "
                          "--clock-offset=-3600)."),
           s, QStringLiteral("0"));
    option("sim-speed", QStringLiteral("Coworkers' sessions are X times shorter."),
           QStringLiteral("X"), QStringLiteral("1"));
    option("static", QStringLiteral("No churn: only the initial history."));
    option("no-history", QStringLiteral("Start with an empty presence table."));
    option("password",
           QStringLiteral("Password of every human account for POST /api/v1/fetch_api_key."),
           QStringLiteral("PW"), defaults.password);
    option("api-key", QStringLiteral("The agent's API key (default: derived from the seed)."),
           QStringLiteral("KEY"));
    option("rate-limit", QStringLiteral("Requests per user and window; 0 = no limit."), n,
           QString::number(defaults.rateLimitRequests));
    option("rate-limit-window", QStringLiteral("Rate-limit window in seconds."), s,
           QString::number(defaults.rateLimitWindowSecs));
    option("write-zuliprc",
           QStringLiteral("Write a zuliprc ([api] email, key, site) for the agent, mode 0600."),
           QStringLiteral("PATH"));
    option("tls-cert",
           QStringLiteral("Serve https with this PEM certificate (with --tls-key); a written "
                          "zuliprc then names it as cert_bundle."),
           QStringLiteral("PEM"));
    option("tls-key", QStringLiteral("The PEM private key of --tls-cert."), QStringLiteral("PEM"));
    option("log-requests", QStringLiteral("Append one JSON line per request (never the API key)."),
           QStringLiteral("PATH"));
    parser.process(app);

    DevRealmOptions o;
    o.users = int(number(parser, QStringLiteral("users"), 1));
    bool seedOk = false;
    o.seed = parser.value(QStringLiteral("seed")).toULongLong(&seedOk);
    if (!seedOk)
        fail(QStringLiteral("--seed needs a non-negative integer"));
    o.pingIntervalSecs = int(number(parser, QStringLiteral("ping-interval"), 1));
    o.offlineThresholdSecs = int(number(parser, QStringLiteral("offline-threshold"), 1));
    o.featureLevel = int(number(parser, QStringLiteral("feature-level"), 0));
    o.zulipVersion = parser.value(QStringLiteral("zulip-version"));
    o.longpollTimeoutSecs = number(parser, QStringLiteral("longpoll-timeout"), 0.01);
    if (parser.isSet(QStringLiteral("heartbeat")))
        o.heartbeatSecs = number(parser, QStringLiteral("heartbeat"), 0.01);
    o.queueTimeoutSecs = number(parser, QStringLiteral("queue-timeout"), 0.01);
    o.clockOffsetSecs = number(parser, QStringLiteral("clock-offset"), -1e12);
    o.simSpeed = number(parser, QStringLiteral("sim-speed"), 0.001);
    o.staticRealm = parser.isSet(QStringLiteral("static"));
    o.initialHistory = !parser.isSet(QStringLiteral("no-history"));
    o.password = parser.value(QStringLiteral("password"));
    o.apiKey = parser.value(QStringLiteral("api-key"));
    o.rateLimitRequests = int(number(parser, QStringLiteral("rate-limit"), 0));
    o.rateLimitWindowSecs = number(parser, QStringLiteral("rate-limit-window"), 0.01);
    o.requestLogPath = parser.value(QStringLiteral("log-requests"));
    o.tlsCertPath = parser.value(QStringLiteral("tls-cert"));
    o.tlsKeyPath = parser.value(QStringLiteral("tls-key"));
    if (o.tlsCertPath.isEmpty() != o.tlsKeyPath.isEmpty())
        fail(QStringLiteral("--tls-cert and --tls-key go together"));
    if (!o.tlsCertPath.isEmpty())
        if (const QString problem = DevRealm::tlsProblem(o.tlsCertPath, o.tlsKeyPath);
            !problem.isEmpty())
            fail(problem);
    if (3 * o.pingIntervalSecs + 20 > o.offlineThresholdSecs)
        std::fprintf(stderr, "zulip-devrealm: warning: Zulip requires 3 x ping interval + 20 <= "
                             "offline threshold\n");

    DevRealm realm(o);
    const quint16 port = realm.listen(quint16(number(parser, QStringLiteral("port"), 0)));
    if (port == 0)
        fail(QStringLiteral("cannot listen on 127.0.0.1:%1").arg(parser.value("port")));
    const QString zuliprc = parser.value(QStringLiteral("write-zuliprc"));
    if (!zuliprc.isEmpty() && !realm.writeZuliprc(zuliprc))
        fail(QStringLiteral("cannot write %1").arg(zuliprc));

    std::printf("%s\n", qPrintable(realm.baseUrl().toString()));
    std::fflush(stdout);
    std::fprintf(stderr, "zulip-devrealm: %d users, feature level %d, account %s (id %d)%s\n",
                 int(realm.userIds().size()), realm.featureLevel(), qPrintable(realm.ownEmail()),
                 realm.ownUserId(), o.staticRealm ? ", static" : "");

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        fail(QStringLiteral("socketpair failed"));
    QSocketNotifier notifier(signalPipe[1], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&] {
        char byte = 0;
        const ssize_t got = ::read(signalPipe[1], &byte, 1);
        (void)got;
        app.quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);

    return app.exec();
}
