// DevRealm: construction, the C++ control API, and the realm operations with their events.
#include "DevRealm.h"

#include "DevRealmPrivate.h"
#include "Simulation.h"

#include <QFile>
#include <QFileInfo>

namespace zp::devrealm {

namespace {
PresenceRules rulesFor(const DevRealmOptions &o) {
    PresenceRules r;
    r.offlineThresholdMs = qint64(o.offlineThresholdSecs) * 1000;
    r.pingIntervalMs = qint64(o.pingIntervalSecs) * 1000;
    return r;
}

qint64 heartbeatMs(const DevRealmOptions &o) {
    const double secs = o.heartbeatSecs > 0 ? o.heartbeatSecs : o.longpollTimeoutSecs / 2;
    return std::max<qint64>(10, qint64(secs * 1000));
}

std::optional<qint64> fromRowTime(qint64 ms) {
    return ms == kNoTime ? std::nullopt : std::optional<qint64>(ms);
}
} // namespace

DevRealmPrivate::DevRealmPrivate(DevRealm *q, const DevRealmOptions &o)
    : q(q), options(o), clockOffsetMs(qint64(o.clockOffsetSecs * 1000)),
      startMs(QDateTime::currentMSecsSinceEpoch() + clockOffsetMs), users(o, startMs),
      presence(rulesFor(o), UserDirectory::kFirstUserId),
      queues(new EventQueues(heartbeatMs(o), qint64(o.queueTimeoutSecs * 1000), this)),
      simulation(new Simulation(
          o, [this] { return now(); },
          [this](int userId, bool active, qint64 atMs) { report(userId, active, atMs); }, this)),
      rateLimiter(o.rateLimitRequests, o.rateLimitWindowSecs) {
    monotonic.start();
    if (o.initialHistory)
        simulation->seedHistory(users, presence, startMs);
    simulation->start(startMs);
    if (!o.requestLogPath.isEmpty() && !log.openFile(o.requestLogPath))
        qWarning("zulip-devrealm: cannot open request log %s", qPrintable(o.requestLogPath));
    registerEndpoints();
}

DevRealmPrivate::~DevRealmPrivate() = default;

QString DevRealmPrivate::baseUrl() const {
    return QStringLiteral("%1://127.0.0.1:%2")
        .arg(options.tlsCertPath.isEmpty() ? QStringLiteral("http") : QStringLiteral("https"))
        .arg(port);
}

QString DevRealmPrivate::zulipVersion() const {
    if (!options.zulipVersion.isEmpty())
        return options.zulipVersion;
    // Roughly the release each feature level shipped in; clients should use the level.
    const int fl = options.featureLevel;
    if (fl == 372)
        return QStringLiteral("10.2");
    if (fl <= 0)
        return QStringLiteral("2.1.8");
    const std::pair<int, const char *> releases[] = {{64, "3.4"},  {114, "4.11"}, {152, "5.6"},
                                                     {184, "6.2"}, {236, "7.5"},  {277, "8.4"},
                                                     {371, "9.4"}, {417, "10.4"}, {10000, "11.0"}};
    for (const auto &[upTo, version] : releases) {
        if (fl <= upTo)
            return QStringLiteral("%1-devrealm-fl%2").arg(QLatin1String(version)).arg(fl);
    }
    return QString();
}

bool DevRealmPrivate::presenceEligible(int userId) const {
    const User *u = users.byId(userId);
    return u && u->isActive && !u->isBot;
}

bool DevRealmPrivate::isLongTermIdle(const User &user, qint64 nowMs) const {
    constexpr qint64 twoWeeksMs = 14 * 24 * 3600 * qint64(1000);
    if (user.isBot || !user.isActive)
        return false;
    const PresenceRow *r = presence.row(user.id);
    return !r || r->lastConnectedMs == kNoTime || nowMs - r->lastConnectedMs > twoWeeksMs;
}

ReportOutcome DevRealmPrivate::report(int userId, bool active, qint64 atMs) {
    ReportOutcome outcome;
    const User *u = users.byId(userId);
    if (!u || !u->isActive || u->isBot || !u->presenceEnabled) {
        if (const PresenceRow *r = presence.row(userId))
            outcome.lastUpdateId = r->lastUpdateId;
        return outcome; // §9.2 step 1: presence_enabled=false writes nothing
    }
    const WriteOutcome w = presence.report(userId, active, atMs);
    outcome.created = w.created;
    outcome.wrote = w.wrote;
    outcome.lastUpdateId = presence.row(userId)->lastUpdateId;
    if (!realmPresenceDisabled && (w.created || w.cameOnline))
        outcome.eventSent = sendPresenceEvent(*u, false);
    return outcome;
}

void DevRealmPrivate::changePresenceEnabled(User &user, bool enabled) {
    if (user.presenceEnabled == enabled)
        return;
    user.presenceEnabled = enabled;
    sendUserSettingEvent(user, QStringLiteral("presence_enabled"), enabled);
    if (user.isBot || !user.isActive)
        return;
    const qint64 t = now();
    if (enabled) {
        // Online at once, and everyone is told (§9.6).
        presence.report(user.id, true, t);
        sendPresenceEvent(user, true);
    } else if (presence.backdateForDisable(user.id, t)) {
        sendPresenceEvent(user, true);
    }
}

void DevRealmPrivate::setRealmPresenceDisabled(bool disabled) {
    if (realmPresenceDisabled == disabled)
        return;
    realmPresenceDisabled = disabled;
    // Zulip's do_set_realm_property: {"type": "realm", "op": "update", "property", "value"}.
    JsonWriter w;
    w.beginObject()
        .field("type", "realm")
        .field("op", "update")
        .field("property", "presence_disabled")
        .field("value", disabled)
        .endObject();
    const QByteArray event = w.take();
    queues->forEachQueue([&](const QString &queueId, const QueueSettings &) {
        queues->push(queueId, QStringLiteral("realm"), event);
    });
}

bool DevRealmPrivate::sendPresenceEvent(const User &user, bool forced) {
    const PresenceRow *row = presence.row(user.id);
    if (!row)
        return false;
    // Tornado's work grows with the square of the recipients; big realms get no events.
    if (!forced && users.activeCount() > 100)
        return false;
    const qint64 t = now();
    queues->forEachQueue([&](const QString &queueId, const QueueSettings &s) {
        const User *recipient = users.byId(s.userId);
        if (!recipient || !recipient->isActive)
            return;
        JsonWriter w;
        w.beginObject().field("type", "presence");
        if (s.simplifiedPresenceEvents && atLeast(419)) {
            w.key("presences").beginObject().key(QString::number(user.id));
            presence.writeModernEntry(w, *row, user);
            w.endObject();
        } else {
            w.field("user_id", user.id);
            if (!s.slimPresence)
                w.field("email", user.email);
            w.key("server_timestamp").timestampValue(t);
            w.key("presence").beginObject().key("website");
            presence.writeLegacyClient(w, *row, user, true);
            w.endObject();
        }
        w.endObject();
        queues->push(queueId, QStringLiteral("presence"), w.take());
    });
    return true;
}

void DevRealmPrivate::sendUserSettingEvent(const User &user, const QString &property, bool value) {
    queues->forEachQueue([&](const QString &queueId, const QueueSettings &s) {
        if (s.userId != user.id)
            return;
        if (atLeast(89)) {
            JsonWriter w;
            w.beginObject().field("type", "user_settings").field("op", "update");
            w.field("property", property).field("value", value).endObject();
            queues->push(queueId, QStringLiteral("user_settings"), w.take());
        }
        if (!s.userSettingsObject || !atLeast(89)) {
            // The legacy event, for clients that did not declare user_settings_object.
            JsonWriter w;
            w.beginObject().field("type", "update_global_notifications");
            w.field("user", user.email).field("notification_name", property);
            w.field("setting", value).endObject();
            queues->push(queueId, QStringLiteral("update_global_notifications"), w.take());
        }
    });
}

UserJsonOptions DevRealmPrivate::userOptions(const User *viewer, bool clientGravatar,
                                             bool profile) const {
    UserJsonOptions o;
    o.viewer = viewer;
    o.clientGravatar = clientGravatar;
    o.includeProfileData = profile;
    o.featureLevel = options.featureLevel;
    o.baseUrl = baseUrl();
    return o;
}

QByteArray DevRealmPrivate::userJson(const User &user, const UserJsonOptions &o) const {
    JsonWriter w;
    users.writeUser(w, user, o);
    return w.take();
}

void DevRealmPrivate::sendRealmUserEvent(const QString &op, const User &user,
                                         const QByteArray &partialPerson) {
    queues->forEachQueue([&](const QString &queueId, const QueueSettings &s) {
        const User *recipient = users.byId(s.userId);
        if (!recipient || !recipient->isActive)
            return;
        const QByteArray person =
            partialPerson.isEmpty() ? userJson(user, userOptions(recipient, s.clientGravatar, true))
                                    : partialPerson;
        JsonWriter w;
        w.beginObject().field("type", "realm_user").field("op", op);
        w.key("person").raw(person).endObject();
        queues->push(queueId, QStringLiteral("realm_user"), w.take());
    });
}

User &DevRealmPrivate::addUser(const QString &fullName, bool isBot) {
    User &u = users.add(fullName, isBot, now());
    sendRealmUserEvent(QStringLiteral("add"), u, {});
    return u;
}

void DevRealmPrivate::setUserActive(User &user, bool active) {
    if (user.isActive == active)
        return;
    user.isActive = active;
    if (atLeast(222)) {
        JsonWriter w;
        w.beginObject().field("user_id", user.id).field("is_active", active).endObject();
        sendRealmUserEvent(QStringLiteral("update"), user, w.take());
    } else if (active) {
        sendRealmUserEvent(QStringLiteral("add"), user, {});
    } else {
        JsonWriter w;
        w.beginObject().field("user_id", user.id).field("full_name", user.fullName).endObject();
        sendRealmUserEvent(QStringLiteral("remove"), user, w.take());
    }
}

void DevRealmPrivate::renameUser(User &user, const QString &fullName) {
    user.fullName = fullName;
    JsonWriter w;
    w.beginObject().field("user_id", user.id).field("full_name", fullName).endObject();
    sendRealmUserEvent(QStringLiteral("update"), user, w.take());
}

void DevRealmPrivate::changeApiEmail(User &user, const QString &email) {
    user.email = email;
    JsonWriter w;
    w.beginObject().field("user_id", user.id).field("new_email", email).endObject();
    sendRealmUserEvent(QStringLiteral("update"), user, w.take());
}

void DevRealmPrivate::sendRestartEvent() {
    JsonWriter w;
    w.beginObject().field("type", "restart");
    if (atLeast(59)) {
        w.field("zulip_version", zulipVersion());
        if (atLeast(88))
            w.field("zulip_merge_base", zulipVersion());
        w.field("zulip_feature_level", featureLevel());
    }
    w.field("server_generation", startMs / 1000).endObject();
    const QByteArray event = w.take();
    queues->forEachQueue([&](const QString &queueId, const QueueSettings &) {
        queues->push(queueId, QStringLiteral("restart"), event);
    });
}

// ---- DevRealm: the public API forwards to the private object ----

DevRealm::DevRealm(const DevRealmOptions &options, QObject *parent)
    : QObject(parent), d(std::make_unique<DevRealmPrivate>(this, options)) {}

DevRealm::~DevRealm() = default;

QUrl DevRealm::baseUrl() const {
    return QUrl(d->baseUrl());
}

const DevRealmOptions &DevRealm::options() const {
    return d->options;
}

int DevRealm::featureLevel() const {
    return d->featureLevel();
}

int DevRealm::ownUserId() const {
    return UserDirectory::kOwnId;
}

QString DevRealm::ownEmail() const {
    return emailOf(ownUserId());
}

QString DevRealm::ownApiKey() const {
    return apiKeyOf(ownUserId());
}

QString DevRealm::password() const {
    return d->options.password;
}

bool DevRealm::writeZuliprc(const QString &path) const {
    QFile file(path);
    const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text, ownerOnly))
        return false;
    file.setPermissions(ownerOnly); // open() only applies them to a new file
    QString text = QStringLiteral("[api]\nemail=%1\nkey=%2\nsite=%3\n")
                       .arg(ownEmail(), ownApiKey(), d->baseUrl());
    // A self-signed certificate is its own CA.
    if (!d->options.tlsCertPath.isEmpty())
        text += QStringLiteral("cert_bundle=%1\n")
                    .arg(QFileInfo(d->options.tlsCertPath).absoluteFilePath());
    return file.write(text.toUtf8()) > 0;
}

int DevRealm::botUserId() const {
    return UserDirectory::kBotId;
}

int DevRealm::deactivatedUserId() const {
    return UserDirectory::kDeactivatedId;
}

int DevRealm::presenceDisabledUserId() const {
    return UserDirectory::kPresenceDisabledId;
}

int DevRealm::restrictedEmailUserId() const {
    return UserDirectory::kRestrictedEmailId;
}

QList<int> DevRealm::userIds() const {
    QList<int> ids;
    ids.reserve(qsizetype(d->users.all().size()));
    for (const User &u : d->users.all())
        ids.append(u.id);
    return ids;
}

bool DevRealm::hasUser(int userId) const {
    return d->users.byId(userId) != nullptr;
}

QString DevRealm::emailOf(int userId) const {
    const User *u = d->users.byId(userId);
    return u ? u->email : QString();
}

QString DevRealm::deliveryEmailOf(int userId) const {
    const User *u = d->users.byId(userId);
    return u ? u->deliveryEmail : QString();
}

QString DevRealm::apiKeyOf(int userId) const {
    const User *u = d->users.byId(userId);
    return u ? QString::fromLatin1(u->apiKey) : QString();
}

QString DevRealm::fullNameOf(int userId) const {
    const User *u = d->users.byId(userId);
    return u ? u->fullName : QString();
}

bool DevRealm::isBot(int userId) const {
    const User *u = d->users.byId(userId);
    return u && u->isBot;
}

bool DevRealm::isActive(int userId) const {
    const User *u = d->users.byId(userId);
    return u && u->isActive;
}

qint64 DevRealm::dateJoinedMs(int userId) const {
    const User *u = d->users.byId(userId);
    return u ? u->dateJoinedMs : 0;
}

qint64 DevRealm::realmNowMs() const {
    return d->now();
}

double DevRealm::clockOffsetSecs() const {
    return double(d->clockOffsetMs) / 1000.0;
}

void DevRealm::setClockOffsetSecs(double offset) {
    d->clockOffsetMs = qint64(offset * 1000);
}

ReportOutcome DevRealm::reportPresence(int userId, PresenceStatus status, double atOffsetSecs) {
    return d->report(userId, status == PresenceStatus::Active,
                     d->now() + qint64(atOffsetSecs * 1000));
}

ReportOutcome DevRealm::reportPresenceAt(int userId, PresenceStatus status, qint64 realmMs) {
    return d->report(userId, status == PresenceStatus::Active, realmMs);
}

void DevRealm::setPresenceRow(int userId, std::optional<qint64> lastActiveMs,
                              std::optional<qint64> lastConnectedMs) {
    if (hasUser(userId))
        d->presence.setRow(userId, lastActiveMs.value_or(kNoTime),
                           lastConnectedMs.value_or(kNoTime));
}

void DevRealm::clearPresenceRow(int userId) {
    if (hasUser(userId))
        d->presence.clearRow(userId);
}

std::optional<PresenceRowInfo> DevRealm::presenceRow(int userId) const {
    const PresenceRow *r = d->presence.row(userId);
    if (!r)
        return std::nullopt;
    return PresenceRowInfo{fromRowTime(r->lastActiveMs), fromRowTime(r->lastConnectedMs),
                           r->lastUpdateId};
}

qint64 DevRealm::presenceSequence() const {
    return d->presence.sequence();
}

void DevRealm::setPresenceEnabled(int userId, bool enabled) {
    if (User *u = d->users.byId(userId))
        d->changePresenceEnabled(*u, enabled);
}

bool DevRealm::presenceEnabled(int userId) const {
    const User *u = d->users.byId(userId);
    return u && u->presenceEnabled;
}

void DevRealm::setRealmPresenceDisabled(bool disabled) {
    d->setRealmPresenceDisabled(disabled);
}

bool DevRealm::realmPresenceDisabled() const {
    return d->realmPresenceDisabled;
}

int DevRealm::addUser(const QString &fullName, bool isBot) {
    return d->addUser(fullName, isBot).id;
}

void DevRealm::deactivateUser(int userId) {
    if (User *u = d->users.byId(userId))
        d->setUserActive(*u, false);
}

void DevRealm::reactivateUser(int userId) {
    if (User *u = d->users.byId(userId))
        d->setUserActive(*u, true);
}

void DevRealm::renameUser(int userId, const QString &fullName) {
    if (User *u = d->users.byId(userId))
        d->renameUser(*u, fullName);
}

void DevRealm::changeApiEmail(int userId, const QString &email) {
    if (User *u = d->users.byId(userId))
        d->changeApiEmail(*u, email);
}

void DevRealm::sendRestartEvent() {
    d->sendRestartEvent();
}

void DevRealm::expireAllQueues() {
    d->queues->removeAll();
}

int DevRealm::queueCount() const {
    return d->queues->count();
}

int DevRealm::heldPollCount() const {
    return d->queues->heldCount();
}

void DevRealm::injectFault(const FaultSpec &fault) {
    d->faults.add(fault);
}

void DevRealm::clearFaults() {
    d->faults.clear();
}

int DevRealm::pendingFaultCount() const {
    return d->faults.pending();
}

QList<RequestLogEntry> DevRealm::requestLog() const {
    return d->log.entries();
}

void DevRealm::clearRequestLog() {
    d->log.clear();
}

void DevRealm::resetRateLimits() {
    d->rateLimiter.reset();
}

} // namespace zp::devrealm
