#include "Json.h"

#include <QJsonDocument>

namespace zp::devrealm {

namespace {
void appendEscapedUtf8(QByteArray &out, const char *data, qsizetype size) {
    static const char hex[] = "0123456789abcdef";
    out.append('"');
    for (qsizetype i = 0; i < size; ++i) {
        const char c = data[i];
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out.append('\\').append(c);
        } else if (u < 0x20) {
            switch (c) {
            case '\n':
                out.append("\\n");
                break;
            case '\r':
                out.append("\\r");
                break;
            case '\t':
                out.append("\\t");
                break;
            default:
                out.append("\\u00").append(hex[u >> 4]).append(hex[u & 0xf]);
            }
        } else {
            out.append(c);
        }
    }
    out.append('"');
}
} // namespace

void appendJsonString(QByteArray &out, QStringView text) {
    const QByteArray utf8 = text.toUtf8();
    appendEscapedUtf8(out, utf8.constData(), utf8.size());
}

QByteArray formatTimestamp(qint64 unixMs) {
    // Python's time.time() prints as a float; keep at least one decimal.
    const bool negative = unixMs < 0;
    const qint64 magnitude = negative ? -unixMs : unixMs;
    QByteArray text = QByteArray::number(magnitude / 1000);
    QByteArray fraction = QByteArray::number(magnitude % 1000).rightJustified(3, '0');
    while (fraction.size() > 1 && fraction.endsWith('0'))
        fraction.chop(1);
    text.append('.').append(fraction);
    return negative ? "-" + text : text;
}

QByteArray compactJson(const QJsonObject &object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

void JsonWriter::separate() {
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_hasItems.empty()) {
        if (m_hasItems.back())
            m_out.append(',');
        m_hasItems.back() = true;
    }
}

JsonWriter &JsonWriter::beginObject() {
    separate();
    m_out.append('{');
    m_hasItems.push_back(false);
    return *this;
}

JsonWriter &JsonWriter::endObject() {
    m_out.append('}');
    m_hasItems.pop_back();
    return *this;
}

JsonWriter &JsonWriter::beginArray() {
    separate();
    m_out.append('[');
    m_hasItems.push_back(false);
    return *this;
}

JsonWriter &JsonWriter::endArray() {
    m_out.append(']');
    m_hasItems.pop_back();
    return *this;
}

JsonWriter &JsonWriter::key(QStringView name) {
    separate();
    appendJsonString(m_out, name);
    m_out.append(':');
    m_afterKey = true;
    return *this;
}

JsonWriter &JsonWriter::key(const char *name) {
    separate();
    appendEscapedUtf8(m_out, name, qsizetype(qstrlen(name)));
    m_out.append(':');
    m_afterKey = true;
    return *this;
}

JsonWriter &JsonWriter::value(QStringView text) {
    separate();
    appendJsonString(m_out, text);
    return *this;
}

JsonWriter &JsonWriter::value(const char *text) {
    separate();
    appendEscapedUtf8(m_out, text, qsizetype(qstrlen(text)));
    return *this;
}

JsonWriter &JsonWriter::value(qint64 number) {
    separate();
    m_out.append(QByteArray::number(number));
    return *this;
}

JsonWriter &JsonWriter::value(bool flag) {
    separate();
    m_out.append(flag ? "true" : "false");
    return *this;
}

JsonWriter &JsonWriter::null() {
    separate();
    m_out.append("null");
    return *this;
}

JsonWriter &JsonWriter::timestampValue(qint64 unixMs) {
    separate();
    m_out.append(formatTimestamp(unixMs));
    return *this;
}

JsonWriter &JsonWriter::raw(const QByteArray &json) {
    separate();
    m_out.append(json);
    return *this;
}

JsonWriter &JsonWriter::members(const QByteArray &objectJson) {
    const QByteArray inner = objectJson.trimmed().mid(1).chopped(1).trimmed();
    if (inner.isEmpty())
        return *this;
    separate();
    m_out.append(inner);
    return *this;
}

QByteArray JsonWriter::take() {
    m_hasItems.clear();
    m_afterKey = false;
    return std::exchange(m_out, {});
}

} // namespace zp::devrealm
