// One dev realm, one client, one scripted idle source and one agent, wired as the real app
// wires them; shared by the agent's integration tests.
#pragma once

#include "DevRealm.h"
#include "agent/PresenceAgent.h"
#include "support/ScriptedIdleBackend.h"

#include <memory>
#include <optional>

namespace zp::test {

struct AgentRig {
    explicit AgentRig(const devrealm::DevRealmOptions &options,
                      std::optional<QString> apiKey = std::nullopt)
        : realm(std::make_unique<devrealm::DevRealm>(options)) {
        const quint16 port = realm->listen(0);
        if (port == 0)
            qFatal("dev realm could not listen");
        Account account;
        account.site = realm->baseUrl();
        account.email = realm->ownEmail();
        account.apiKey = apiKey.value_or(realm->ownApiKey());
        const QString refused = client.setAccount(account);
        if (!refused.isEmpty())
            qFatal("account refused: %s", qPrintable(refused));
        auto backend = std::make_unique<ScriptedIdleBackend>();
        idleSource = backend.get();
        idle.startWith(std::move(backend), std::chrono::minutes(5));
        agent = std::make_unique<PresenceAgent>(&client, &idle);
    }

    QList<devrealm::RequestLogEntry>
    requests(const QString &path, const QString &method = QStringLiteral("POST")) const {
        QList<devrealm::RequestLogEntry> out;
        for (const devrealm::RequestLogEntry &e : realm->requestLog())
            if (e.path == path && (method.isEmpty() || e.method == method))
                out << e;
        return out;
    }
    int count(const QString &path, const QString &method = QStringLiteral("POST")) const {
        return int(requests(path, method).size());
    }
    int reports() const { return count(QStringLiteral("/api/v1/users/me/presence")); }

    std::unique_ptr<devrealm::DevRealm> realm;
    ZulipClient client;
    IdleMonitor idle;
    ScriptedIdleBackend *idleSource = nullptr;
    std::unique_ptr<PresenceAgent> agent;
};

// A small, quiet realm with a fast cadence, for tests that must finish in seconds.
inline devrealm::DevRealmOptions fastRealm(int pingSecs = 1, int thresholdSecs = 200) {
    devrealm::DevRealmOptions o;
    o.users = 20;
    o.seed = 7;
    o.staticRealm = true;
    o.pingIntervalSecs = pingSecs;
    o.offlineThresholdSecs = thresholdSecs;
    o.longpollTimeoutSecs = 2;
    return o;
}

// A listed coworker (not a bot, not deactivated, not the agent's own account).
inline int someCoworker(const devrealm::DevRealm &realm) {
    for (int id : realm.userIds()) {
        if (id != realm.ownUserId() && id != realm.botUserId() && id != realm.deactivatedUserId() &&
            id != realm.presenceDisabledUserId() && realm.isActive(id) && !realm.isBot(id))
            return id;
    }
    return 0;
}

} // namespace zp::test
