// The REST API under /api/v1: routing and one handler per endpoint. Field names, types, error
// shapes and feature-level differences follow zulip.yaml and PRESENCE.md.
#include "DevRealmPrivate.h"

namespace zp::devrealm {

namespace {

HttpResponse ok(const QByteArray &body) {
    return HttpResponse{200, body, "application/json", {}, {}};
}

ApiError badQueue(const QString &queueId) {
    return ApiError{400,
                    QStringLiteral("BAD_EVENT_QUEUE_ID"),
                    QStringLiteral("Bad event queue ID: %1").arg(queueId),
                    QJsonObject{{"queue_id", queueId}},
                    {}};
}

std::optional<QSet<QString>> stringSet(const RequestParams &p, const QString &name) {
    const auto list = p.jsonList(name);
    if (!list)
        return std::nullopt;
    QSet<QString> set;
    for (qsizetype i = 0; i < list->size(); ++i) {
        if (!list->at(i).isString())
            throw ApiError::badRequest(QStringLiteral("%1[%2] is not a string").arg(name).arg(i));
        set.insert(list->at(i).toString());
    }
    return set;
}

} // namespace

void DevRealmPrivate::registerEndpoints() {
    auto add = [this](const QString &path, const QString &method, bool authenticated,
                      Handler handler) {
        endpoints.push_back({QRegularExpression(QStringLiteral("^%1$").arg(path)), method,
                             authenticated, std::move(handler)});
    };
    add(QStringLiteral("server_settings"), QStringLiteral("GET"), false,
        [this](const ExchangePtr &ex, User *, const QStringList &) { return serverSettings(ex); });
    add(QStringLiteral("fetch_api_key"), QStringLiteral("POST"), false,
        [this](const ExchangePtr &ex, User *, const QStringList &) { return fetchApiKey(ex); });
    add(QStringLiteral("register"), QStringLiteral("POST"), true,
        [this](const ExchangePtr &ex, User *u, const QStringList &) {
            return registerQueue(ex, *u);
        });
    add(QStringLiteral("events"), QStringLiteral("GET"), true,
        [this](const ExchangePtr &ex, User *u, const QStringList &) { return getEvents(ex, *u); });
    add(QStringLiteral("events"), QStringLiteral("DELETE"), true,
        [this](const ExchangePtr &ex, User *u, const QStringList &) {
            return deleteQueue(ex, *u);
        });
    // Like Zulip's URL table, the first pattern matching the path decides (then the method),
    // so GET users/me/presence is a 405, not a lookup of the user "me".
    add(QStringLiteral("users/me/presence"), QStringLiteral("POST"), true,
        [this](const ExchangePtr &ex, User *u, const QStringList &) {
            return updatePresence(ex, *u);
        });
    add(QStringLiteral("users/me"), QStringLiteral("GET"), true,
        [this](const ExchangePtr &ex, User *u, const QStringList &) { return ownUser(ex, *u); });
    add(QStringLiteral("users"), QStringLiteral("GET"), true,
        [this](const ExchangePtr &ex, User *u, const QStringList &) { return listUsers(ex, *u); });
    add(QStringLiteral("users/([^/]+)/presence"), QStringLiteral("GET"), true,
        [this](const ExchangePtr &ex, User *u, const QStringList &c) {
            return userPresence(ex, *u, c.value(1));
        });
    add(QStringLiteral("users/([^/]+)"), QStringLiteral("GET"), true,
        [this](const ExchangePtr &ex, User *u, const QStringList &c) {
            return getUser(ex, *u, c.value(1));
        });
    add(QStringLiteral("realm/presence"), QStringLiteral("GET"), true,
        [this](const ExchangePtr &ex, User *u, const QStringList &) {
            return realmPresence(ex, *u);
        });
    add(QStringLiteral("settings"), QStringLiteral("PATCH"), true,
        [this](const ExchangePtr &ex, User *u, const QStringList &) {
            return updateSettings(ex, *u, false);
        });
    // Where notification settings (presence_enabled among them) lived before feature level 80;
    // a deprecated alias of PATCH /settings since.
    add(QStringLiteral("settings/notifications"), QStringLiteral("PATCH"), true,
        [this](const ExchangePtr &ex, User *u, const QStringList &) {
            return updateSettings(ex, *u, true);
        });
}

void DevRealmPrivate::routeApi(const ExchangePtr &ex, const QString &apiPath) {
    QString pattern;
    QStringList allowed;
    const Endpoint *endpoint = nullptr;
    QStringList captures;
    for (const Endpoint &e : endpoints) {
        const QRegularExpressionMatch m = e.path.match(apiPath);
        if (!m.hasMatch() || (!pattern.isEmpty() && e.path.pattern() != pattern))
            continue;
        pattern = e.path.pattern();
        allowed.append(e.method);
        if (e.method == ex->request.method) {
            endpoint = &e;
            captures = m.capturedTexts();
        }
    }
    if (pattern.isEmpty())
        throw ApiError{
            404, QStringLiteral("BAD_REQUEST"), QStringLiteral("Endpoint not found"), {}, {}};
    if (!endpoint) {
        ApiError error{405,
                       {},
                       QStringLiteral("Method Not Allowed"),
                       QJsonObject{{"allowed_methods", QJsonArray::fromStringList(allowed)}},
                       {{"Allow", allowed.join(QStringLiteral(", ")).toLatin1()}}};
        error.omitCode = true; // Zulip's 405 body has no code
        throw error;
    }
    User *caller = nullptr;
    if (endpoint->authenticated) {
        caller = &authenticate(ex);
        applyRateLimit(ex, *caller);
    }
    if (const std::optional<HttpResponse> response = endpoint->handler(ex, caller, captures))
        send(ex, *response);
}

std::optional<HttpResponse> DevRealmPrivate::serverSettings(const ExchangePtr &) {
    const QString base = baseUrl();
    return ok(success([&](JsonWriter &w) {
        w.key("authentication_methods").beginObject();
        for (const char *method : {"password", "dev", "email"})
            w.field(method, true);
        for (const char *method : {"ldap", "remoteuser", "github", "azuread", "gitlab", "apple",
                                   "google", "saml", "openid connect"})
            w.field(method, false);
        w.endObject();
        w.key("external_authentication_methods").beginArray().endArray();
        if (atLeast(1))
            w.field("zulip_feature_level", featureLevel());
        w.field("zulip_version", zulipVersion());
        if (atLeast(88))
            w.field("zulip_merge_base", zulipVersion());
        w.field("push_notifications_enabled", false);
        w.field("is_incompatible", false);
        w.field("email_auth_enabled", true);
        w.field("require_email_format_usernames", true);
        w.field("realm_uri", base);
        if (atLeast(257))
            w.field("realm_url", base);
        w.field("realm_name", "Zulip Dev Realm");
        w.field("realm_icon", base + QStringLiteral("/user_avatars/2/realm/icon.png?version=1"));
        w.field("realm_description", "<p>A local Zulip realm for tests and demos.</p>");
        if (atLeast(116))
            w.field("realm_web_public_access_enabled", false);
    }));
}

std::optional<HttpResponse> DevRealmPrivate::fetchApiKey(const ExchangePtr &ex) {
    const RequestParams &p = ex->request.params;
    const QString username = p.requiredString(QStringLiteral("username"));
    const QString password = p.requiredString(QStringLiteral("password"));
    const User *u = users.byDeliveryEmail(username.trimmed());
    if (!u || u->isBot || password != options.password)
        throw ApiError{401,
                       QStringLiteral("AUTHENTICATION_FAILED"),
                       QStringLiteral("Your username or password is incorrect"),
                       {},
                       {}};
    if (!u->isActive) // 403 before feature level 76
        throw ApiError{atLeast(76) ? 401 : 403,
                       QStringLiteral("USER_DEACTIVATED"),
                       QStringLiteral("Account is deactivated"),
                       {},
                       {}};
    const QStringList ignored =
        ignoredParams(ex->request, {QStringLiteral("username"), QStringLiteral("password")});
    return ok(success(
        [&](JsonWriter &w) {
            w.field("api_key", QString::fromLatin1(u->apiKey)).field("email", u->email);
            if (atLeast(171))
                w.field("user_id", u->id);
        },
        ignored));
}

void DevRealmPrivate::writePresences(JsonWriter &w, const std::vector<int> &userIds,
                                     bool modern) const {
    w.key("presences").beginObject();
    for (const int id : userIds) {
        const User &u = *users.byId(id);
        const PresenceRow &row = *presence.row(id);
        if (modern) {
            w.key(QString::number(id));
            presence.writeModernEntry(w, row, u);
        } else {
            w.key(u.email);
            presence.writeLegacyEntry(w, row, u);
        }
    }
    w.endObject();
}

std::optional<HttpResponse> DevRealmPrivate::registerQueue(const ExchangePtr &ex, User &caller) {
    const RequestParams &p = ex->request.params;
    QStringList known = {
        "apply_markdown",     "client_gravatar",     "include_subscribers", "event_types",
        "all_public_streams", "client_capabilities", "fetch_event_types",   "narrow",
        "queue_lifespan_secs"};
    // Validated like Zulip does, though they change nothing here.
    p.jsonBool(QStringLiteral("apply_markdown"));
    p.jsonBool(QStringLiteral("include_subscribers"));
    p.jsonBool(QStringLiteral("all_public_streams"));
    p.jsonList(QStringLiteral("narrow"));
    p.jsonInt(QStringLiteral("queue_lifespan_secs"));
    const bool clientGravatar = p.jsonBool(QStringLiteral("client_gravatar")).value_or(atLeast(92));
    const auto eventTypes = stringSet(p, QStringLiteral("event_types"));
    auto fetchTypes = stringSet(p, QStringLiteral("fetch_event_types"));
    if (!fetchTypes)
        fetchTypes = eventTypes;
    bool slim = false;
    if (atLeast(1)) { // slim_presence came with Zulip 3.0
        known << QStringLiteral("slim_presence");
        slim = p.jsonBool(QStringLiteral("slim_presence")).value_or(false);
    }
    std::optional<qint64> historyDays;
    if (atLeast(288)) {
        known << QStringLiteral("presence_history_limit_days");
        historyDays = p.jsonInt(QStringLiteral("presence_history_limit_days"));
    }
    const QJsonObject caps =
        p.jsonDict(QStringLiteral("client_capabilities")).value_or(QJsonObject());
    const bool settingsObject = atLeast(89) && caps.value("user_settings_object").toBool();
    const bool simplified = atLeast(419) && caps.value("simplified_presence_events").toBool();
    const bool avatarOptional =
        atLeast(18) && caps.value("user_avatar_url_field_optional").toBool();
    auto want = [&](const char *type) {
        return !fetchTypes || fetchTypes->contains(QString::fromLatin1(type));
    };

    const QString queueId = queues->registerQueue(
        QueueSettings{caller.id, eventTypes, slim, simplified, settingsObject, clientGravatar});
    const qint64 t = now();
    const QString base = baseUrl();
    const QByteArray body = success(
        [&](JsonWriter &w) {
            w.field("queue_id", queueId).field("last_event_id", -1);
            w.field("zulip_version", zulipVersion());
            if (atLeast(1))
                w.field("zulip_feature_level", featureLevel());
            if (atLeast(88))
                w.field("zulip_merge_base", zulipVersion());
            if (want("presence")) {
                const PresenceResult r =
                    realmPresenceDisabled
                        ? PresenceResult{{}, -1}
                        : presence.query({t, std::nullopt, historyDays},
                                         [this](int id) { return presenceEligible(id); });
                writePresences(w, r.userIds, slim && atLeast(1));
                if (atLeast(70))
                    w.key("server_timestamp").timestampValue(t);
                if (atLeast(263))
                    w.field("presence_last_update_id", r.presenceLastUpdateId);
            }
            if (want("realm")) {
                w.field("realm_name", "Zulip Dev Realm");
                w.field("realm_uri", base);
                if (atLeast(257))
                    w.field("realm_url", base);
                w.field("realm_description", "<p>A local Zulip realm for tests and demos.</p>");
                w.field("realm_presence_disabled", realmPresenceDisabled);
                if (atLeast(164)) {
                    w.field("server_presence_ping_interval_seconds", options.pingIntervalSecs);
                    w.field("server_presence_offline_threshold_seconds",
                            options.offlineThresholdSecs);
                }
                if (atLeast(74))
                    w.field("event_queue_longpoll_timeout_seconds",
                            int(std::ceil(options.longpollTimeoutSecs)));
                w.field("server_generation", startMs / 1000);
            }
            if (want("realm_user")) {
                const UserJsonOptions o = userOptions(&caller, clientGravatar, true);
                UserJsonOptions listed = o;
                listed.includeIsActive = false; // implied by the list a user is in
                if (avatarOptional) {
                    // Whoever asks is back, as Zulip's soft reactivation makes them.
                    listed.isLongTermIdle = [this, t, &caller](const User &u) {
                        return u.id != caller.id && isLongTermIdle(u, t);
                    };
                }
                for (const bool active : {true, false}) {
                    w.key(active ? "realm_users" : "realm_non_active_users").beginArray();
                    for (const User &u : users.all()) {
                        if (u.isActive == active)
                            users.writeUser(w, u, listed);
                    }
                    w.endArray();
                }
                const QString avatar =
                    UserDirectory::avatarUrl(caller, userOptions(&caller, false, false));
                w.field("avatar_source", caller.avatar == AvatarSource::Gravatar ? "G" : "U");
                w.field("avatar_url", avatar).field("avatar_url_medium", avatar);
                w.field("is_admin", caller.role == Role::Owner || caller.role == Role::Admin);
                w.field("is_owner", caller.role == Role::Owner);
                w.field("is_moderator", caller.role == Role::Moderator);
                w.field("is_guest", caller.role == Role::Guest);
                w.field("user_id", caller.id).field("email", caller.email);
                w.field("delivery_email", caller.deliveryEmail).field("full_name", caller.fullName);
                w.key("cross_realm_bots").beginArray().endArray();
            }
            if (want("user_settings") && atLeast(89)) {
                w.key("user_settings").beginObject();
                w.field("presence_enabled", caller.presenceEnabled);
                w.field("twenty_four_hour_time", true);
                w.field("timezone", caller.timezone);
                w.field("default_language", "en");
                w.field("send_private_typing_notifications", true);
                w.endObject();
            }
            if (want("update_global_notifications") && !settingsObject) // the deprecated copy
                w.field("presence_enabled", caller.presenceEnabled);
        },
        ignoredParams(ex->request, known));
    return ok(body);
}

std::optional<HttpResponse> DevRealmPrivate::getEvents(const ExchangePtr &ex, User &caller) {
    const RequestParams &p = ex->request.params;
    const QString queueId = p.requiredString(QStringLiteral("queue_id"));
    const auto lastEventId = p.jsonInt(QStringLiteral("last_event_id"));
    const bool dontBlock = p.jsonBool(QStringLiteral("dont_block")).value_or(false);
    if (!queues->owns(queueId, caller.id))
        throw badQueue(queueId);
    const QStringList ignored =
        ignoredParams(ex->request, {QStringLiteral("queue_id"), QStringLiteral("last_event_id"),
                                    QStringLiteral("dont_block")});
    queues->poll(queueId, caller.id, lastEventId, dontBlock,
                 [this, ex, queueId, ignored](const PollReply &reply) {
                     if (reply.badQueue) {
                         send(ex, errorResponse(badQueue(queueId)));
                         return;
                     }
                     send(ex,
                          ok(success([&](JsonWriter &w) { w.key("events").raw(reply.eventsJson); },
                                     ignored)));
                 });
    return std::nullopt;
}

std::optional<HttpResponse> DevRealmPrivate::deleteQueue(const ExchangePtr &ex, User &caller) {
    const QString queueId = ex->request.params.requiredString(QStringLiteral("queue_id"));
    if (!queues->remove(queueId, caller.id))
        throw badQueue(queueId);
    return ok(success({}, ignoredParams(ex->request, {QStringLiteral("queue_id")})));
}

std::optional<HttpResponse> DevRealmPrivate::updatePresence(const ExchangePtr &ex, User &caller) {
    if (caller.isBot)
        throw ApiError::badRequest(QStringLiteral("This endpoint does not accept bot requests."));
    const RequestParams &p = ex->request.params;
    QStringList known = {QStringLiteral("status"), QStringLiteral("ping_only"),
                         QStringLiteral("new_user_input")};
    const QString status = p.requiredString(QStringLiteral("status"));
    const bool pingOnly = p.jsonBool(QStringLiteral("ping_only")).value_or(false);
    p.jsonBool(QStringLiteral("new_user_input")); // usage statistics are not simulated
    bool slim = false;
    if (atLeast(1)) {
        known << QStringLiteral("slim_presence");
        slim = p.jsonBool(QStringLiteral("slim_presence")).value_or(false);
    }
    std::optional<qint64> lastUpdateId;
    std::optional<qint64> historyDays;
    if (atLeast(263)) {
        known << QStringLiteral("last_update_id");
        lastUpdateId = p.jsonInt(QStringLiteral("last_update_id"));
    }
    if (atLeast(288)) {
        known << QStringLiteral("history_limit_days");
        historyDays = p.jsonInt(QStringLiteral("history_limit_days"));
    }
    if (status != u"active" && status != u"idle")
        throw ApiError::badRequest(QStringLiteral("Invalid status: %1").arg(status));

    const qint64 t = now();
    report(caller.id, status == u"active", t);
    const QStringList ignored = ignoredParams(ex->request, known);
    if (pingOnly)
        return ok(success({}, ignored));
    // last_update_id forces the modern format, whatever slim_presence says.
    const bool modern = lastUpdateId.has_value() || slim;
    const PresenceResult r = realmPresenceDisabled
                                 ? PresenceResult{{}, -1}
                                 : presence.query({t, lastUpdateId, historyDays},
                                                  [this](int id) { return presenceEligible(id); });
    return ok(success(
        [&](JsonWriter &w) {
            writePresences(w, r.userIds, modern);
            w.key("server_timestamp").timestampValue(t);
            if (atLeast(263))
                w.field("presence_last_update_id", r.presenceLastUpdateId);
        },
        ignored));
}

std::optional<HttpResponse> DevRealmPrivate::realmPresence(const ExchangePtr &ex, User &) {
    const qint64 t = now();
    const PresenceResult r = realmPresenceDisabled
                                 ? PresenceResult{{}, -1}
                                 : presence.query({t, std::nullopt, std::nullopt},
                                                  [this](int id) { return presenceEligible(id); });
    return ok(success(
        [&](JsonWriter &w) {
            writePresences(w, r.userIds, false); // legacy only
            w.key("server_timestamp").timestampValue(t);
        },
        ignoredParams(ex->request, {})));
}

std::optional<HttpResponse> DevRealmPrivate::userPresence(const ExchangePtr &ex, User &,
                                                          const QString &idOrEmail) {
    bool isId = false;
    const qint64 id = idOrEmail.toLongLong(&isId);
    const User *target = isId ? users.byId(id) : users.byApiEmail(idOrEmail);
    if (!target || !target->isActive)
        throw ApiError::badRequest(QStringLiteral("No such user"));
    if (target->isBot)
        throw ApiError::badRequest(QStringLiteral("Presence is not supported for bot users."));
    const PresenceRow *row = presence.row(target->id);
    if (!row)
        throw ApiError::badRequest(QStringLiteral("No presence data for %1").arg(idOrEmail));
    const LegacyStatus s = presence.legacyStatus(*row, *target);
    // Only this endpoint judges "offline" on the server: older than the threshold.
    const bool offline = now() / 1000 - s.timestampSecs > options.offlineThresholdSecs;
    const char *status = s.active ? "active" : "idle";
    return ok(success(
        [&](JsonWriter &w) {
            w.key("presence").beginObject();
            w.key("website").beginObject().field("status", status);
            w.field("timestamp", s.timestampSecs).endObject();
            w.key("aggregated").beginObject().field("status", offline ? "offline" : status);
            w.field("timestamp", s.timestampSecs).endObject();
            w.endObject();
        },
        ignoredParams(ex->request, {})));
}

std::optional<HttpResponse> DevRealmPrivate::listUsers(const ExchangePtr &ex, User &caller) {
    const RequestParams &p = ex->request.params;
    QStringList known = {QStringLiteral("client_gravatar"),
                         QStringLiteral("include_custom_profile_fields")};
    const bool gravatar = p.jsonBool(QStringLiteral("client_gravatar")).value_or(atLeast(92));
    const bool profile =
        p.jsonBool(QStringLiteral("include_custom_profile_fields")).value_or(false);
    std::optional<QList<int>> wanted;
    if (atLeast(384)) {
        known << QStringLiteral("user_ids");
        if (const auto list = p.jsonList(QStringLiteral("user_ids"))) {
            wanted.emplace();
            for (qsizetype i = 0; i < list->size(); ++i) {
                const QJsonValue v = list->at(i);
                if (!v.isDouble() || v.toDouble() != double(v.toInteger()))
                    throw ApiError::badRequest(
                        QStringLiteral("user_ids[%1] is not an integer").arg(i));
                if (!users.byId(v.toInteger()))
                    throw ApiError::badRequest(
                        QStringLiteral("Invalid user ID: %1").arg(v.toInteger()));
                wanted->append(int(v.toInteger()));
            }
        }
    }
    const UserJsonOptions o = userOptions(&caller, gravatar, profile);
    return ok(success(
        [&](JsonWriter &w) {
            w.key("members").beginArray();
            for (const User &u : users.all()) {
                if (!wanted || wanted->contains(u.id))
                    users.writeUser(w, u, o);
            }
            w.endArray();
        },
        ignoredParams(ex->request, known)));
}

std::optional<HttpResponse> DevRealmPrivate::getUser(const ExchangePtr &ex, User &caller,
                                                     const QString &idOrEmail) {
    const RequestParams &p = ex->request.params;
    bool isId = false;
    const qint64 id = idOrEmail.toLongLong(&isId);
    const User *target = isId ? users.byId(id) : users.byApiEmail(idOrEmail);
    if (!target)
        throw ApiError::badRequest(QStringLiteral("No such user"));
    const UserJsonOptions o =
        userOptions(&caller, p.jsonBool(QStringLiteral("client_gravatar")).value_or(atLeast(92)),
                    p.jsonBool(QStringLiteral("include_custom_profile_fields")).value_or(false));
    return ok(success(
        [&](JsonWriter &w) {
            w.key("user");
            users.writeUser(w, *target, o);
        },
        ignoredParams(ex->request, {QStringLiteral("client_gravatar"),
                                    QStringLiteral("include_custom_profile_fields")})));
}

std::optional<HttpResponse> DevRealmPrivate::ownUser(const ExchangePtr &ex, User &caller) {
    // The caller's own user object, flat at the top level, with the real avatar URL.
    const QByteArray self = userJson(caller, userOptions(&caller, false, true));
    return ok(success(
        [&](JsonWriter &w) {
            w.members(self);
            w.field("max_message_id", 0);
        },
        ignoredParams(ex->request, {})));
}

std::optional<HttpResponse> DevRealmPrivate::updateSettings(const ExchangePtr &ex, User &caller,
                                                            bool notificationsEndpoint) {
    // zulip.yaml update-settings: before feature level 80 PATCH /settings took only names and
    // passwords, presence_enabled belonging to PATCH /settings/notifications. Before 78 both
    // ignored what they did not support without a word, and echoed back what they changed;
    // from 78 PATCH /settings names what it ignored (other endpoints only from 167).
    const auto enabled = ex->request.params.jsonBool(QStringLiteral("presence_enabled"));
    const bool supported = notificationsEndpoint || atLeast(80);
    const bool changed = enabled && supported && *enabled != caller.presenceEnabled;
    if (enabled && supported)
        changePresenceEnabled(caller, *enabled);
    JsonWriter w;
    w.beginObject().field("result", "success").field("msg", "");
    if (!atLeast(78)) {
        if (changed)
            w.field("presence_enabled", *enabled);
    } else {
        const QStringList ignored =
            ignoredParams(ex->request, supported ? QStringList{QStringLiteral("presence_enabled")}
                                                 : QStringList{});
        if (!ignored.isEmpty()) {
            w.key("ignored_parameters_unsupported").beginArray();
            for (const QString &name : ignored)
                w.value(name);
            w.endArray();
        }
    }
    w.endObject();
    return ok(w.take() + '\n');
}

} // namespace zp::devrealm
