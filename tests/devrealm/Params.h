// Request parameters and API errors, decoded the way Zulip's REST layer does it.
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <optional>

namespace zp::devrealm {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// Thrown by handlers; turned into Zulip's error envelope {result, msg, code, ...extra}.
struct ApiError {
    int status = 400;
    QString code = QStringLiteral("BAD_REQUEST");
    QString msg;
    QJsonObject extra;
    HeaderList headers;
    bool omitCode = false; // a few old-server errors carry no code

    static ApiError badRequest(const QString &msg) { return {400, "BAD_REQUEST", msg, {}, {}}; }
    static ApiError missing(const QString &name);
};

// Decodes application/x-www-form-urlencoded text ('+' is a space, unlike QUrlQuery).
QList<QPair<QString, QString>> parseFormEncoded(const QByteArray &encoded);

// Query and body parameters of one request. Zulip reads both; the body wins.
class RequestParams {
public:
    void add(const QList<QPair<QString, QString>> &pairs);

    bool has(const QString &name) const { return m_values.contains(name); }
    QStringList names() const { return m_order; }
    QString string(const QString &name) const { return m_values.value(name); }
    QString requiredString(const QString &name) const;

    // Parameters declared Json[...] by Zulip: the form value is JSON text.
    std::optional<bool> jsonBool(const QString &name) const;
    std::optional<qint64> jsonInt(const QString &name) const;
    std::optional<QJsonArray> jsonList(const QString &name) const;
    std::optional<QJsonObject> jsonDict(const QString &name) const;

    // For the request log; values of the named parameters are masked.
    QJsonObject toJson(const QStringList &masked) const;

private:
    QJsonValue parseJson(const QString &name) const;

    QHash<QString, QString> m_values;
    QStringList m_order;
};

} // namespace zp::devrealm
