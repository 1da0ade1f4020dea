#include "RequestLog.h"

#include "Json.h"

#include <QJsonDocument>

namespace zp::devrealm {

QJsonObject RequestLogEntry::toJson() const {
    QJsonObject o{{"mono_ms", monotonicMs},
                  {"wall", wallTime.toUTC().toString(Qt::ISODateWithMs)},
                  {"method", method},
                  {"path", path},
                  {"query", query},
                  {"form", form},
                  {"user", user.isEmpty() ? QJsonValue() : QJsonValue(user)},
                  {"status", status},
                  {"bytes", responseBytes}};
    if (!errorCode.isEmpty())
        o.insert("code", errorCode);
    if (!fault.isEmpty())
        o.insert("fault", fault);
    if (!contentEncoding.isEmpty())
        o.insert("encoding", contentEncoding);
    if (!responseBody.isEmpty()) {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(responseBody, &error);
        o.insert("response", error.error == QJsonParseError::NoError && doc.isObject()
                                 ? QJsonValue(doc.object())
                                 : QJsonValue(QString::fromUtf8(responseBody)));
    }
    return o;
}

bool RequestLog::openFile(const QString &path) {
    m_file.setFileName(path);
    return m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text);
}

void RequestLog::append(const RequestLogEntry &entry) {
    m_entries.append(entry);
    if (m_file.isOpen()) {
        m_file.write(compactJson(entry.toJson()) + '\n');
        m_file.flush();
    }
}

} // namespace zp::devrealm
