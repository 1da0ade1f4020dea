#include "Params.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace zp::devrealm {

ApiError ApiError::missing(const QString &name) {
    return {400,
            QStringLiteral("REQUEST_VARIABLE_MISSING"),
            QStringLiteral("Missing '%1' argument").arg(name),
            QJsonObject{{"var_name", name}},
            {}};
}

QList<QPair<QString, QString>> parseFormEncoded(const QByteArray &encoded) {
    QList<QPair<QString, QString>> pairs;
    for (QByteArray part : encoded.split('&')) {
        if (part.isEmpty())
            continue;
        part.replace('+', ' ');
        const qsizetype eq = part.indexOf('=');
        const QByteArray name = eq < 0 ? part : part.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : part.mid(eq + 1);
        pairs.append({QString::fromUtf8(QByteArray::fromPercentEncoding(name)),
                      QString::fromUtf8(QByteArray::fromPercentEncoding(value))});
    }
    return pairs;
}

void RequestParams::add(const QList<QPair<QString, QString>> &pairs) {
    for (const auto &[name, value] : pairs) {
        if (!m_values.contains(name))
            m_order.append(name);
        m_values.insert(name, value);
    }
}

QString RequestParams::requiredString(const QString &name) const {
    if (!has(name))
        throw ApiError::missing(name);
    return string(name);
}

QJsonValue RequestParams::parseJson(const QString &name) const {
    // QJsonDocument only parses containers, so wrap the scalar in an array.
    QJsonParseError error{};
    const QByteArray text = "[" + m_values.value(name).toUtf8() + "]";
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1)
        throw ApiError::badRequest(QStringLiteral("Argument \"%1\" is not valid JSON.").arg(name));
    return doc.array().first();
}

std::optional<bool> RequestParams::jsonBool(const QString &name) const {
    if (!has(name))
        return std::nullopt;
    const QJsonValue v = parseJson(name);
    if (!v.isBool())
        throw ApiError::badRequest(QStringLiteral("%1 is not a boolean").arg(name));
    return v.toBool();
}

std::optional<qint64> RequestParams::jsonInt(const QString &name) const {
    if (!has(name))
        return std::nullopt;
    const QJsonValue v = parseJson(name);
    // JSON has one number type; Python tells 5 from 5.0 by the spelling, so do the same.
    static const QRegularExpression integer(QStringLiteral("^\\s*-?(0|[1-9][0-9]{0,17})\\s*$"));
    if (!v.isDouble() || !integer.match(m_values.value(name)).hasMatch())
        throw ApiError::badRequest(QStringLiteral("%1 is not an integer").arg(name));
    return m_values.value(name).trimmed().toLongLong();
}

std::optional<QJsonArray> RequestParams::jsonList(const QString &name) const {
    if (!has(name))
        return std::nullopt;
    const QJsonValue v = parseJson(name);
    if (v.isNull())
        return std::nullopt;
    if (!v.isArray())
        throw ApiError::badRequest(QStringLiteral("%1 is not a list").arg(name));
    return v.toArray();
}

std::optional<QJsonObject> RequestParams::jsonDict(const QString &name) const {
    if (!has(name))
        return std::nullopt;
    const QJsonValue v = parseJson(name);
    if (!v.isObject())
        throw ApiError::badRequest(QStringLiteral("%1 is not a dict").arg(name));
    return v.toObject();
}

QJsonObject RequestParams::toJson(const QStringList &masked) const {
    QJsonObject out;
    for (const QString &name : m_order)
        out.insert(name, masked.contains(name) ? QStringLiteral("***") : m_values.value(name));
    return out;
}

} // namespace zp::devrealm
