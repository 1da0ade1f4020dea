// The control API under /devrealm/: drive the realm and inject faults from tests or a shell.
// Parameters are plain form or query values (not JSON-encoded); see README.md.
#include "DevRealmPrivate.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace zp::devrealm {

namespace {

ApiError controlError(const QString &msg) {
    return ApiError::badRequest(msg);
}

bool boolParam(const RequestParams &p, const QString &name) {
    const QString v = p.requiredString(name).trimmed().toLower();
    if (v == u"true" || v == u"1" || v == u"yes")
        return true;
    if (v == u"false" || v == u"0" || v == u"no")
        return false;
    throw controlError(QStringLiteral("%1 must be true or false").arg(name));
}

double numberParam(const RequestParams &p, const QString &name, std::optional<double> fallback) {
    if (!p.has(name)) {
        if (fallback)
            return *fallback;
        throw ApiError::missing(name);
    }
    bool ok = false;
    const double v = p.string(name).toDouble(&ok);
    if (!ok)
        throw controlError(QStringLiteral("%1 must be a number").arg(name));
    return v;
}

QJsonValue timeJson(qint64 ms) {
    return ms == kNoTime ? QJsonValue() : QJsonValue(double(ms) / 1000.0);
}

HttpResponse json(const QJsonObject &object) {
    QJsonObject body{{"result", "success"}, {"msg", ""}};
    for (auto it = object.begin(); it != object.end(); ++it)
        body.insert(it.key(), it.value());
    return HttpResponse{200, compactJson(body) + '\n', "application/json", {}, {}};
}

} // namespace

QJsonObject DevRealmPrivate::stateJson() const {
    return QJsonObject{
        {"base_url", baseUrl()},
        {"realm_now", double(now()) / 1000.0},
        {"clock_offset", double(clockOffsetMs) / 1000.0},
        {"feature_level", featureLevel()},
        {"zulip_version", zulipVersion()},
        {"users", int(users.all().size())},
        {"active_users", users.activeCount()},
        {"own_user_id", UserDirectory::kOwnId},
        {"own_email", users.byId(UserDirectory::kOwnId)->email},
        {"own_api_key", QString::fromLatin1(users.byId(UserDirectory::kOwnId)->apiKey)},
        {"bot_user_id", UserDirectory::kBotId},
        {"deactivated_user_id", UserDirectory::kDeactivatedId},
        {"presence_disabled_user_id", UserDirectory::kPresenceDisabledId},
        {"restricted_email_user_id", UserDirectory::kRestrictedEmailId},
        {"presence_sequence", presence.sequence()},
        {"realm_presence_disabled", realmPresenceDisabled},
        {"queues", queues->count()},
        {"held_polls", queues->heldCount()},
        {"pending_faults", faults.pending()},
        {"log_entries", int(log.entries().size())},
    };
}

HttpResponse DevRealmPrivate::control(const ExchangePtr &ex, const QString &path) {
    const RequestParams &p = ex->request.params;
    const QString &method = ex->request.method;
    auto userParam = [&]() -> User & {
        const qint64 id = qint64(numberParam(p, QStringLiteral("user_id"), std::nullopt));
        User *u = users.byId(id);
        if (!u)
            throw controlError(QStringLiteral("No such user: %1").arg(id));
        return *u;
    };
    auto rowJson = [&](int userId) {
        const PresenceRow *r = presence.row(userId);
        if (!r)
            return QJsonObject{{"user_id", userId}, {"row", QJsonValue()}};
        return QJsonObject{{"user_id", userId},
                           {"row", QJsonObject{{"last_active", timeJson(r->lastActiveMs)},
                                               {"last_connected", timeJson(r->lastConnectedMs)},
                                               {"last_update_id", r->lastUpdateId}}}};
    };

    if (path == u"state" && method == u"GET")
        return json(stateJson());

    if (path == u"presence" && method == u"POST") {
        User &u = userParam();
        const QString status = p.requiredString(QStringLiteral("status"));
        if (status != u"active" && status != u"idle")
            throw controlError(QStringLiteral("Invalid status: %1").arg(status));
        const qint64 at = now() + qint64(numberParam(p, QStringLiteral("at"), 0.0) * 1000);
        const ReportOutcome o = report(u.id, status == u"active", at);
        QJsonObject out = rowJson(u.id);
        out.insert("created", o.created);
        out.insert("wrote", o.wrote);
        out.insert("event_sent", o.eventSent);
        return json(out);
    }

    if (path == u"presence_row") {
        User &u = userParam();
        if (method == u"GET")
            return json(rowJson(u.id));
        if (method == u"DELETE") {
            presence.clearRow(u.id);
            return json(rowJson(u.id));
        }
        // Offsets in seconds from the realm's now, or "null".
        auto timeParam = [&](const QString &name) {
            if (p.string(name).trimmed() == u"null")
                return kNoTime;
            return now() + qint64(numberParam(p, name, std::nullopt) * 1000);
        };
        presence.setRow(u.id, timeParam(QStringLiteral("active")),
                        timeParam(QStringLiteral("connected")));
        return json(rowJson(u.id));
    }

    if (path == u"presence_enabled" && method == u"POST") {
        User &u = userParam();
        changePresenceEnabled(u, boolParam(p, QStringLiteral("value")));
        return json(rowJson(u.id));
    }

    if (path == u"realm_presence_disabled" && method == u"POST") {
        setRealmPresenceDisabled(boolParam(p, QStringLiteral("value")));
        return json(stateJson());
    }

    if (path == u"clock" && method == u"POST") {
        if (p.has(QStringLiteral("advance")))
            clockOffsetMs += qint64(numberParam(p, QStringLiteral("advance"), 0.0) * 1000);
        else
            clockOffsetMs = qint64(numberParam(p, QStringLiteral("offset"), std::nullopt) * 1000);
        return json(stateJson());
    }

    if (path == u"users" && method == u"POST") {
        const bool bot = p.has(QStringLiteral("is_bot")) && boolParam(p, QStringLiteral("is_bot"));
        const User &u = addUser(p.requiredString(QStringLiteral("full_name")), bot);
        return json(
            {{"user_id", u.id}, {"email", u.email}, {"api_key", QString::fromLatin1(u.apiKey)}});
    }

    static const QRegularExpression userAction(QStringLiteral("^users/(\\d+)/(\\w+)$"));
    if (const auto m = userAction.match(path); m.hasMatch() && method == u"POST") {
        User *u = users.byId(m.captured(1).toLongLong());
        if (!u)
            throw controlError(QStringLiteral("No such user: %1").arg(m.captured(1)));
        const QString action = m.captured(2);
        if (action == u"deactivate")
            setUserActive(*u, false);
        else if (action == u"reactivate")
            setUserActive(*u, true);
        else if (action == u"rename")
            renameUser(*u, p.requiredString(QStringLiteral("full_name")));
        else
            throw controlError(QStringLiteral("Unknown action: %1").arg(action));
        return json({{"user_id", u->id}, {"is_active", u->isActive}, {"full_name", u->fullName}});
    }

    if (path == u"restart" && method == u"POST") {
        sendRestartEvent();
        return json(stateJson());
    }

    if (path == u"expire_queues" && method == u"POST") {
        queues->removeAll();
        return json(stateJson());
    }

    if (path == u"faults") {
        if (method == u"DELETE") {
            faults.clear();
            return json(stateJson());
        }
        if (method == u"GET") {
            QJsonArray list;
            for (const FaultSpec &f : faults.faults())
                list.append(QJsonObject{{"kind", FaultInjector::kindName(f.kind)},
                                        {"path", f.path},
                                        {"method", f.method},
                                        {"count", f.count},
                                        {"status", f.httpStatus}});
            return json({{"faults", list}});
        }
        const QString kindName = p.has(QStringLiteral("kind")) ? p.string(QStringLiteral("kind"))
                                                               : QStringLiteral("error");
        const auto kind = FaultInjector::kindFromName(kindName);
        if (!kind)
            throw controlError(QStringLiteral("Unknown fault kind: %1").arg(kindName));
        const QString faultPath = p.requiredString(QStringLiteral("path"));
        const int status = int(numberParam(p, QStringLiteral("status"), 0.0));
        const int count = int(numberParam(p, QStringLiteral("count"), 1.0));
        FaultSpec f;
        if (*kind == FaultSpec::Kind::HttpError && !p.has(QStringLiteral("body"))) {
            f = FaultSpec::zulipError(faultPath, status ? status : 500,
                                      p.string(QStringLiteral("code")),
                                      p.string(QStringLiteral("msg")), count,
                                      numberParam(p, QStringLiteral("retry_after"), -1.0));
        } else {
            f.kind = *kind;
            f.path = faultPath;
            f.count = count;
            f.httpStatus = status;
            f.body = p.string(QStringLiteral("body")).toUtf8();
            f.contentType = p.string(QStringLiteral("content_type")).toUtf8();
        }
        f.method = p.string(QStringLiteral("method")).toUpper();
        f.delayMs = int(numberParam(p, QStringLiteral("delay_ms"), 0.0));
        if (p.has(QStringLiteral("headers"))) { // a JSON object of extra response headers
            const QJsonObject extra =
                QJsonDocument::fromJson(p.string(QStringLiteral("headers")).toUtf8()).object();
            for (auto it = extra.begin(); it != extra.end(); ++it)
                f.headers.append(qMakePair(it.key().toLatin1(), it.value().toString().toUtf8()));
        }
        faults.add(f);
        return json(stateJson());
    }

    if (path == u"log" && method == u"GET") {
        const qsizetype since = qsizetype(numberParam(p, QStringLiteral("since"), 0.0));
        QJsonArray entries;
        const QList<RequestLogEntry> &all = log.entries();
        for (qsizetype i = std::max<qsizetype>(0, since); i < all.size(); ++i)
            entries.append(all[i].toJson());
        return json({{"entries", entries}, {"next", int(all.size())}});
    }

    if (path == u"log/clear" && method == u"POST") {
        log.clear();
        return json(stateJson());
    }

    if (path == u"rate_limit/reset" && method == u"POST") {
        rateLimiter.reset();
        return json(stateJson());
    }

    throw ApiError{404,
                   QStringLiteral("BAD_REQUEST"),
                   QStringLiteral("Unknown control endpoint: %1 /devrealm/%2").arg(method, path),
                   {},
                   {}};
}

} // namespace zp::devrealm
