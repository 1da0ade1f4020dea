#include "presence/FastPresenceParser.h"

#include "zulip/ZulipClient.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <utility>
#include <vector>

namespace zp {

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using ParseResult = simdjson::simdjson_result<element>;

constexpr double maxTimestamp = 1e12; // as in PresenceParser.cpp

// Answers up to this size share one parser per thread, so its buffers are allocated once and
// reused every minute. A larger one (the register answer: about 5 MB for 10 000 people) gets a
// parser of its own that goes with it: the shared one would keep that much forever.
constexpr size_t sharedParserLimit = 1024 * 1024;

static_assert(answerSpareBytes >= qsizetype(simdjson::SIMDJSON_PADDING));

// Parses `body` and hands the document to `use`, which must not keep any part of it.
template <typename Use> auto withDocument(const QByteArray &body, Use use) {
    const size_t size = size_t(body.size());
    // simdjson reads past the end in blocks; it copies the body unless that memory is ours.
    // ZulipClient allocates answers with the room to spare. simdjson never writes there.
    // (data_ptr() is only a reference to the array's header; taking it changes nothing.)
    const bool mustCopy = const_cast<QByteArray &>(body).data_ptr().freeSpaceAtEnd() <
                          qsizetype(simdjson::SIMDJSON_PADDING);
    if (size <= sharedParserLimit) {
        thread_local simdjson::dom::parser shared;
        return use(shared.parse(body.constData(), size, mustCopy));
    }
    simdjson::dom::parser own;
    return use(own.parse(body.constData(), size, mustCopy));
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

// The presence part of an answer's top-level object (POST /users/me/presence or /register).
std::optional<PresenceSnapshot> fastPresence(simdjson::dom::object top) {
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

std::optional<PresenceSnapshot> fastPath(const QByteArray &body) {
    return withDocument(body, [](ParseResult parsed) {
        simdjson::dom::object top;
        if (parsed.get(top) != simdjson::SUCCESS)
            return std::optional<PresenceSnapshot>();
        return fastPresence(top);
    });
}

// A number as QJsonDocument reads it: a whole number that fits in 64 bits is an integer,
// however it is written (1e3, 1000.0), anything else a double.
QJsonValue toJsonNumber(const element &e) {
    switch (e.type()) {
    case element_type::INT64:
        return qint64(int64_t(e));
    case element_type::UINT64:
        return double(uint64_t(e)); // above 2^63 - 1: only a double holds it
    default:
        break;
    }
    const double d = double(e);
    if (d == std::floor(d) && d >= -0x1p63 && d < 0x1p63)
        return qint64(d);
    return d;
}

using Members = std::vector<std::pair<QString, QJsonValue>>;

// QJsonObject keeps its keys sorted and moves every later member on each insert, so members
// inserted as they come cost quadratic time: a server's 200 000-key object in descending
// order took 8 s. Sorted first (stable, so of a repeated key the last still wins, as in Qt),
// each insert lands at the end.
QJsonObject objectOf(Members &&members) {
    std::stable_sort(members.begin(), members.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    QJsonObject object;
    for (auto &[key, value] : members)
        object.insert(key, value);
    return object;
}

QString keyOf(std::string_view key) {
    return QString::fromUtf8(key.data(), qsizetype(key.size()));
}

// Any JSON value as QJsonDocument would have read it.
QJsonValue toJsonValue(const element &e) {
    switch (e.type()) {
    case element_type::ARRAY: {
        QJsonArray array;
        for (const element item : simdjson::dom::array(e))
            array.append(toJsonValue(item));
        return array;
    }
    case element_type::OBJECT: {
        const simdjson::dom::object object(e);
        Members members;
        members.reserve(object.size());
        for (const auto field : object)
            members.emplace_back(keyOf(field.key), toJsonValue(field.value));
        return objectOf(std::move(members));
    }
    case element_type::STRING: {
        const std::string_view s(e);
        return QString::fromUtf8(s.data(), qsizetype(s.size()));
    }
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
        return toJsonNumber(e);
    case element_type::BOOL:
        return bool(e);
    case element_type::NULL_VALUE:
        break;
    }
    return QJsonValue::Null;
}

// realmUserFields() for an entry simdjson read; a member of the wrong type reads as
// QJsonValue reads it, and a repeated one as the last of them, as QJsonDocument keeps it.
RealmUserFields realmUserFields(const element &e) {
    RealmUserFields fields;
    simdjson::dom::object person;
    if (e.get(person) != simdjson::SUCCESS)
        return fields;
    const auto text = [](const element &value) {
        std::string_view s;
        return value.get(s) == simdjson::SUCCESS ? s : std::string_view();
    };
    const auto qtext = [&text](const element &value) {
        const std::string_view s = text(value);
        return QString::fromUtf8(s.data(), qsizetype(s.size()));
    };
    const auto flag = [](const element &value) {
        bool b = false;
        return value.get(b) == simdjson::SUCCESS && b;
    };
    for (const auto field : person) {
        if (field.key == "user_id") {
            fields.userId =
                isNumber(field.value) ? exactInteger(double(field.value)).value_or(0) : 0;
        } else if (field.key == "full_name") {
            fields.fullName = qtext(field.value);
        } else if (field.key == "email") {
            fields.email = qtext(field.value);
        } else if (field.key == "avatar_url") {
            const std::string_view s = text(field.value);
            fields.avatarUrl = QByteArray(s.data(), qsizetype(s.size()));
        } else if (field.key == "is_bot") {
            fields.isBot = flag(field.value);
        } else if (field.key == "is_active") {
            fields.isActive = flag(field.value);
        } else if (field.key == "date_joined") {
            fields.dateJoined = unixSecondsFromIso(qtext(field.value));
        }
    }
    return fields;
}

// Takes the people out of a register answer QJsonDocument read, for the fallback path.
QList<RealmUserFields> takePeople(QJsonObject &fields, QLatin1String key) {
    QList<RealmUserFields> people;
    const QJsonValue value = fields.value(key);
    if (!value.isArray())
        return people; // missing, or left in `fields` for the caller to refuse
    const QJsonArray array = value.toArray();
    for (const QJsonValue &person : array) {
        RealmUserFields entry = zp::realmUserFields(person.toObject());
        if (entry.userId > 0)
            people.append(std::move(entry));
    }
    fields.remove(key);
    return people;
}

// The top-level members that are not objects or arrays.
QJsonObject scalarMembers(simdjson::dom::object top) {
    Members members;
    for (const auto field : top) {
        const element_type type = field.value.type();
        if (type != element_type::ARRAY && type != element_type::OBJECT)
            members.emplace_back(keyOf(field.key), toJsonValue(field.value));
        // (objects and arrays are left to the caller's own parser of the raw body)
    }
    return objectOf(std::move(members));
}

} // namespace

std::optional<RegisterAnswer> parseRegisterBody(const QByteArray &body, bool *usedFallback) {
    std::optional<RegisterAnswer> fast = withDocument(body, [](ParseResult parsed) {
        simdjson::dom::object top;
        if (parsed.get(top) != simdjson::SUCCESS)
            return std::optional<RegisterAnswer>();
        RegisterAnswer answer;
        answer.presence = fastPresence(top);
        Members fields;
        bool seenActive = false, seenNonActive = false;
        for (const auto field : top) {
            const bool active = field.key == "realm_users";
            if ((active || field.key == "realm_non_active_users") && field.value.is_array()) {
                bool &seen = active ? seenActive : seenNonActive;
                if (seen)
                    return std::optional<RegisterAnswer>(); // twice: Qt's rule decides
                seen = true;
                QList<RealmUserFields> &people =
                    active ? answer.activeUsers : answer.nonActiveUsers;
                // Entries without a user id are no one, and are counted before anything is
                // reserved: a hostile list of ten million zeros must not cost a gigabyte.
                const simdjson::dom::array array(field.value);
                people.reserve(std::count_if(array.begin(), array.end(), [](element person) {
                    simdjson::dom::object entry;
                    return person.get(entry) == simdjson::SUCCESS &&
                           entry.at_key("user_id").is_number();
                }));
                for (const element person : array)
                    if (RealmUserFields entry = realmUserFields(person); entry.userId > 0)
                        people.append(std::move(entry));
                continue;
            }
            if (field.key == "presences" && answer.presence)
                continue;
            fields.emplace_back(keyOf(field.key), toJsonValue(field.value));
        }
        answer.fields = objectOf(std::move(fields));
        // A people list followed by a same-named member of another type: Qt keeps the last.
        if ((seenActive && answer.fields.contains(QLatin1String("realm_users"))) ||
            (seenNonActive && answer.fields.contains(QLatin1String("realm_non_active_users"))))
            return std::optional<RegisterAnswer>();
        return std::optional(std::move(answer));
    });
    if (usedFallback)
        *usedFallback = !fast;
    if (fast)
        return fast;
    // simdjson refuses a few things Qt takes (lone surrogate escapes, integers below -2^63):
    // let Qt read it.
    const QJsonDocument qt = QJsonDocument::fromJson(body);
    if (!qt.isObject())
        return std::nullopt;
    RegisterAnswer answer;
    answer.fields = qt.object();
    answer.activeUsers = takePeople(answer.fields, QLatin1String("realm_users"));
    answer.nonActiveUsers = takePeople(answer.fields, QLatin1String("realm_non_active_users"));
    return answer;
}

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
    bool parsed = true;
    std::optional<QJsonObject> envelope = withDocument(body, [&parsed](ParseResult result) {
        element doc;
        if (result.get(doc) != simdjson::SUCCESS) {
            parsed = false;
            return std::optional<QJsonObject>();
        }
        simdjson::dom::object top;
        if (doc.get(top) != simdjson::SUCCESS)
            return std::optional<QJsonObject>();
        return std::optional(scalarMembers(top));
    });
    if (!parsed) {
        // simdjson is stricter in a few corners (e.g. very deep nesting): let Qt decide.
        const QJsonDocument qt = QJsonDocument::fromJson(body);
        return qt.isObject() ? std::optional(qt.object()) : std::nullopt;
    }
    return envelope;
}

} // namespace zp
