#include "account/Zuliprc.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>

namespace zp {

namespace {

QString unquote(QString value) {
    if (value.size() >= 2 &&
        (value.front() == QLatin1Char('"') || value.front() == QLatin1Char('\'')) &&
        value.back() == value.front())
        return value.mid(1, value.size() - 2);
    return value;
}

bool isTrue(const QString &value) {
    const QString v = value.toLower();
    return v == QLatin1String("true") || v == QLatin1String("yes") || v == QLatin1String("on") ||
           v == QLatin1String("1");
}

} // namespace

ZuliprcResult parseZuliprc(const QByteArray &contents, const QString &sourceName) {
    // Some Windows editors save as UTF-16: every other byte is NUL. Said as such, rather than
    // "no [api] section" in a file that visibly has one.
    if (contents.startsWith("\xff\xfe") || contents.startsWith("\xfe\xff") ||
        contents.left(64).count('\0') >= 8)
        return {std::nullopt,
                QCoreApplication::translate("zp::Zuliprc",
                                            "%1 is not UTF-8 text (it looks like UTF-16); save it "
                                            "as UTF-8.")
                    .arg(sourceName)};
    QHash<QString, QString> api;
    QString section;
    bool sawApi = false;
    int lineNumber = 0;
    for (QByteArray rawLine : contents.split('\n')) {
        ++lineNumber;
        const QString line = QString::fromUtf8(rawLine).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) ||
            line.startsWith(QLatin1Char(';')))
            continue;
        if (line.startsWith(QLatin1Char('['))) {
            if (!line.endsWith(QLatin1Char(']')))
                return {std::nullopt,
                        QCoreApplication::translate(
                            "zp::Zuliprc", "%1, line %2: a section header must end with ']'.")
                            .arg(sourceName)
                            .arg(lineNumber)};
            section = line.mid(1, line.size() - 2).trimmed().toLower();
            // Zulip's own tools (Python's strict configparser) refuse a file with two [api]
            // sections or a name given twice; taking the last one silently could report
            // with a key the person thinks they replaced.
            if (section == QLatin1String("api") && sawApi)
                return {std::nullopt,
                        QCoreApplication::translate(
                            "zp::Zuliprc", "%1, line %2: a second [api] section; keep one.")
                            .arg(sourceName)
                            .arg(lineNumber)};
            sawApi = sawApi || section == QLatin1String("api");
            continue;
        }
        if (section != QLatin1String("api"))
            continue;
        const qsizetype eq = [&] {
            const qsizetype e = line.indexOf(QLatin1Char('='));
            const qsizetype c = line.indexOf(QLatin1Char(':'));
            if (e < 0)
                return c;
            return c < 0 ? e : std::min(e, c);
        }();
        if (eq <= 0)
            return {std::nullopt, QCoreApplication::translate(
                                      "zp::Zuliprc", "%1, line %2: expected 'name = value'.")
                                      .arg(sourceName)
                                      .arg(lineNumber)};
        const QString name = line.left(eq).trimmed().toLower();
        if (api.contains(name))
            return {std::nullopt,
                    QCoreApplication::translate("zp::Zuliprc",
                                                "%1, line %2: '%3' is given twice in [api]; keep "
                                                "one.")
                        .arg(sourceName)
                        .arg(lineNumber)
                        .arg(name)};
        api.insert(name, unquote(line.mid(eq + 1).trimmed()));
    }

    if (!sawApi)
        return {
            std::nullopt,
            QCoreApplication::translate("zp::Zuliprc", "%1 has no [api] section.").arg(sourceName)};
    QStringList missing;
    for (const char *key : {"email", "key", "site"}) {
        if (api.value(QString::fromLatin1(key)).isEmpty())
            missing << QString::fromLatin1(key);
    }
    if (!missing.isEmpty())
        return {std::nullopt,
                QCoreApplication::translate("zp::Zuliprc", "%1: the [api] section lacks %2.")
                    .arg(sourceName, missing.join(QStringLiteral(", ")))};

    Account account;
    QString site = api.value(QStringLiteral("site"));
    if (!site.contains(QLatin1String("://")))
        site.prepend(QLatin1String("https://"));
    while (site.endsWith(QLatin1Char('/')))
        site.chop(1);
    account.site = QUrl(site, QUrl::StrictMode);
    if (!account.site.isValid() || account.site.host().isEmpty())
        return {std::nullopt,
                QCoreApplication::translate("zp::Zuliprc", "%1: site is not a valid URL.")
                    .arg(sourceName)};
    account.email = api.value(QStringLiteral("email"));
    account.apiKey = api.value(QStringLiteral("key"));
    account.caBundle = api.value(QStringLiteral("cert_bundle"));
    account.insecureRequested = isTrue(api.value(QStringLiteral("insecure")));
    return {account, {}};
}

ZuliprcResult readZuliprc(const QString &path) {
    QFile file(path);
    if (!file.exists())
        return {std::nullopt, QCoreApplication::translate("zp::Zuliprc", "%1 does not exist.")
                                  .arg(QDir::toNativeSeparators(path))};
    // A directory, a device (/dev/zero) or a pipe would be read forever, or never.
    if (!QFileInfo(path).isFile())
        return {std::nullopt,
                QCoreApplication::translate("zp::Zuliprc",
                                            "%1 is not a regular file, so it cannot be a zuliprc "
                                            "file.")
                    .arg(QDir::toNativeSeparators(path))};
    if (!file.open(QIODevice::ReadOnly))
        return {std::nullopt, QCoreApplication::translate("zp::Zuliprc", "%1 cannot be read: %2.")
                                  .arg(QDir::toNativeSeparators(path), file.errorString())};
    // A zuliprc is a few hundred bytes; refuse anything absurd rather than read it all.
    if (file.size() > 1024 * 1024)
        return {std::nullopt,
                QCoreApplication::translate("zp::Zuliprc", "%1 is too large to be a zuliprc file.")
                    .arg(QDir::toNativeSeparators(path))};
    ZuliprcResult result = parseZuliprc(file.readAll(), QDir::toNativeSeparators(path));
    // "~/ca.pem" is the home's; a relative path is the zuliprc's neighbour, wherever the agent
    // runs from (autostart starts it in "/"), and it is saved as an absolute one.
    if (result.account && !result.account->caBundle.isEmpty()) {
        QString bundle = result.account->caBundle;
        if (bundle == QLatin1String("~") || bundle.startsWith(QLatin1String("~/")))
            bundle = QDir::home().filePath(bundle.mid(2));
        result.account->caBundle = QFileInfo(path).absoluteDir().absoluteFilePath(bundle);
    }
    return result;
}

QString defaultZuliprcPath() {
    return QDir::home().filePath(QStringLiteral(".zuliprc"));
}

} // namespace zp
