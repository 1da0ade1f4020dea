#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace zp {

QString installTranslations(QCoreApplication &app, const QLocale &locale) {
    auto *translator = new QTranslator(&app);
    if (translator->load(locale, QStringLiteral("zulip-presence"), QStringLiteral("_"),
                         QStringLiteral(":/i18n"))) {
        app.installTranslator(translator);
        const QString language = translator->language().section(QLatin1Char('_'), 0, 0);
        // Qt's own words (the Close button, a line edit's menu) in the same language, where
        // the system has them (Debian: qt6-translations-l10n); only for a language of ours,
        // so a dialog never mixes ours in English with Qt's in another.
        auto *qtWords = new QTranslator(&app);
        if (language != QLatin1String("en") &&
            qtWords->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            app.installTranslator(qtWords);
        else
            delete qtWords;
        return language;
    }
    if (translator->load(QStringLiteral(":/i18n/zulip-presence_en.qm"))) {
        app.installTranslator(translator);
        return QStringLiteral("en");
    }
    delete translator;
    return {};
}

} // namespace zp
