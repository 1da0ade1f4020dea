#include "Translations.h"

#include <QCoreApplication>
#include <QTranslator>

namespace zp {

QString installTranslations(QCoreApplication &app, const QLocale &locale) {
    auto *translator = new QTranslator(&app);
    if (translator->load(locale, QStringLiteral("zulip-presence"), QStringLiteral("_"),
                         QStringLiteral(":/i18n"))) {
        app.installTranslator(translator);
        return translator->language().section(QLatin1Char('_'), 0, 0);
    }
    if (translator->load(QStringLiteral(":/i18n/zulip-presence_en.qm"))) {
        app.installTranslator(translator);
        return QStringLiteral("en");
    }
    delete translator;
    return {};
}

} // namespace zp
