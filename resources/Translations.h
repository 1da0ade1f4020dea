#pragma once

#include <QLocale>

class QCoreApplication;

namespace zp {

// Installs the translation for `locale` (falling back to English, which carries the plural
// forms) into the application. Returns the language actually loaded, e.g. "de" or "en".
QString installTranslations(QCoreApplication &app, const QLocale &locale = QLocale());

} // namespace zp
