#include "presence/FastPresenceParser.h"

#include <QJsonDocument>

#include <simdjson.h>

#include <cmath>
#include <string_view>

namespace zp {

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

constexpr double maxTimestamp = 1e12; // as in PresenceParser.cpp

// One parser per thread, so its buffers are allocated once and reused for every answer.
simdjson::dom::parser &threadParser() {
    thread_local simdjson::dom::parser parser;
    return parser;
}

bool isNumber(const element &e) {
    const element_type t = e.type();
    return t == element_type::INT64 || t == element_type::UINT64 || t == element_type::DOUBLE;
}

// A user id key the fast path can decide on its own: 1 to 18 ASCII digits, not all zeros.
std::optional<qint64> plainUserId(std::string_view key) {
    if (key.empty() || key.size() > 18)
        return std::nullopt;
    qint64 id = 0;
    for (const char c : key) {
        if (c < '0' || c > '9')
            return std::nullopt;
        id = id * 10 + (c - '0');
    }
    return id > 0 ? std::optional(id) : std::nullopt;
}

// A timestamp the QJsonDocument path would accept (a number, finite, 0..maxTimestamp).
std::optional<qint64> plainTimestamp(const element &e) {
    if (!isNumber(e))
        return std::nullopt;
    const double d = double(e);
    if (!std::isfinite(d) || d < 0 || d > maxTimestamp)
        return std::nullopt;
    return qint64(d);
}

// A modern entry exactly as rawFromModernEntry reads it, or nullopt for "let the slow path
// decide" (bad value, duplicate key, neither timestamp in a non-empty entry).
std::optional<RawPresence> plainModernEntry(const element &value) {
    simdjson::dom::object entry;
    if (value.get(entry) != simdjson::SUCCESS)
        return std::nullopt;
    RawPresence raw;
    bool seenActive = false, seenIdle = false, any = false;
    for (const auto field : entry) {
        any = true;
        const bool isActive = field.key == "active_timestamp";
        if (!isActive && field.key != "idle_timestamp")
            continue;
        bool &seen = isActive ? seenActive : seenIdle;
        if (seen)
            return std::nullopt; // duplicate key: QJsonObject keeps the last; let it decide
        seen = true;
        if (field.value.is_null())
            continue;
        const std::optional<qint64> ts = plainTimestamp(field.value);
        if (!ts)
            return std::nullopt;
        (isActive ? raw.activeTimestamp : raw.idleTimestamp) = *ts;
    }
    if (any && !seenActive && !seenIdle)
        return std::nullopt;
    return raw;
}

std::optional<PresenceSnapshot> fastPath(const QByteArray &body) {
    element doc;
    if (threadParser().parse(body.constData(), size_t(body.size())).get(doc) != simdjson::SUCCESS)
        return std::nullopt;
    simdjson::dom::object top;
    if (doc.get(top) != simdjson::SUCCESS)
        return std::nullopt;
    std::optional<element> presences, serverTimestamp, lastUpdateId;
    for (const auto field : top) {
        std::optional<element> *slot = field.key == "presences"                 ? &presences
                                       : field.key == "server_timestamp"        ? &serverTimestamp
                                       : field.key == "presence_last_update_id" ? &lastUpdateId
                                                                                : nullptr;
        if (!slot)
            continue;
        if (*slot)
            return std::nullopt; // duplicate key
        *slot = field.value;
    }
    simdjson::dom::object map;
    if (!presences || presences->get(map) != simdjson::SUCCESS)
        return std::nullopt;

    PresenceSnapshot snapshot;
    if (serverTimestamp) {
        if (!isNumber(*serverTimestamp))
            return std::nullopt;
        const double ts = double(*serverTimestamp);
        if (!std::isfinite(ts) || ts <= 0 || ts > maxTimestamp)
            return std::nullopt;
        snapshot.serverTimestamp = ts;
    }
    if (lastUpdateId) {
        if (!isNumber(*lastUpdateId))
            return std::nullopt;
        const double id = double(*lastUpdateId);
        if (!std::isfinite(id) || id < -1 || id > 9e15 || id != std::floor(id))
            return std::nullopt;
        snapshot.lastUpdateId = qint64(id);
    }

    snapshot.byUserId.reserve(qsizetype(map.size()));
    for (const auto field : map) {
        const std::optional<qint64> userId = plainUserId(field.key);
        if (!userId)
            return std::nullopt; // emails (legacy), odd keys: the slow path's business
        const std::optional<RawPresence> raw = plainModernEntry(field.value);
        if (!raw)
            return std::nullopt;
        const qsizetype before = snapshot.byUserId.size();
        snapshot.byUserId.insert(*userId, *raw);
        if (snapshot.byUserId.size() == before)
            return std::nullopt; // "12" twice, or "12" and "012": QJsonObject's order decides
    }
    return snapshot;
}

} // namespace

std::optional<PresenceSnapshot> parsePresenceBody(const QByteArray &body, QString *error,
                                                  bool *usedFallback) {
    if (std::optional<PresenceSnapshot> snapshot = fastPath(body)) {
        if (usedFallback)
            *usedFallback = false;
        return snapshot;
    }
    if (usedFallback)
        *usedFallback = true;
    return parsePresenceAnswer(QJsonDocument::fromJson(body).object(), error);
}

std::optional<QJsonObject> jsonEnvelope(const QByteArray &body) {
    element doc;
    if (threadParser().parse(body.constData(), size_t(body.size())).get(doc) != simdjson::SUCCESS) {
        // simdjson is stricter in a few corners (e.g. very deep nesting): let Qt decide.
        const QJsonDocument qt = QJsonDocument::fromJson(body);
        return qt.isObject() ? std::optional(qt.object()) : std::nullopt;
    }
    simdjson::dom::object top;
    if (doc.get(top) != simdjson::SUCCESS)
        return std::nullopt;
    QJsonObject out;
    for (const auto field : top) {
        const QString key = QString::fromUtf8(field.key.data(), qsizetype(field.key.size()));
        switch (field.value.type()) {
        case element_type::STRING: {
            const std::string_view s(field.value);
            out.insert(key, QString::fromUtf8(s.data(), qsizetype(s.size())));
            break;
        }
        case element_type::INT64:
        case element_type::UINT64:
        case element_type::DOUBLE:
            out.insert(key, double(field.value));
            break;
        case element_type::BOOL:
            out.insert(key, bool(field.value));
            break;
        case element_type::NULL_VALUE:
            out.insert(key, QJsonValue::Null);
            break;
        case element_type::ARRAY:
        case element_type::OBJECT:
            break; // left to the caller's own parser of the raw body
        }
    }
    return out;
}

} // namespace zp
