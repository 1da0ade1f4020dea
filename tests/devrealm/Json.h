// Small JSON helpers for the dev realm.
//
// Responses are written with JsonWriter rather than QJsonObject: a presence snapshot or a user
// list of 100 000 entries must be built in milliseconds, and Zulip's float fields such as
// server_timestamp must keep their decimal point (QJsonDocument prints 1700000000.0 as an
// integer).
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <vector>

namespace zp::devrealm {

class JsonWriter {
public:
    JsonWriter &beginObject();
    JsonWriter &endObject();
    JsonWriter &beginArray();
    JsonWriter &endArray();
    JsonWriter &key(QStringView name);
    JsonWriter &key(const char *name);
    JsonWriter &value(QStringView text);
    JsonWriter &value(const char *text);
    JsonWriter &value(qint64 number);
    JsonWriter &value(int number) { return value(qint64(number)); }
    JsonWriter &value(bool flag);
    JsonWriter &null();
    // A UNIX time in milliseconds written as float seconds, always with a decimal point.
    JsonWriter &timestampValue(qint64 unixMs);
    // An already serialized JSON value.
    JsonWriter &raw(const QByteArray &json);
    // Every member of a serialized JSON object, spliced into the object being written.
    JsonWriter &members(const QByteArray &objectJson);

    template <typename T> JsonWriter &field(const char *name, const T &v) {
        key(name);
        return value(v);
    }

    QByteArray take();
    qsizetype size() const { return m_out.size(); }

private:
    void separate();

    QByteArray m_out;
    std::vector<bool> m_hasItems; // one entry per open container
    bool m_afterKey = false;
};

void appendJsonString(QByteArray &out, QStringView text);
QByteArray formatTimestamp(qint64 unixMs);
QByteArray compactJson(const QJsonObject &object);

} // namespace zp::devrealm
