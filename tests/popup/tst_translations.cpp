// The translation pipeline end to end: the German catalogue is built from its .ts file,
// installed like the app installs it, and its plural forms are right.
#include "StatusArt.h"
#include "Translations.h"
#include "presence/CoworkerList.h"

#include <QCoreApplication>
#include <QTest>
#include <QTranslator>

using namespace zp;

class TestTranslations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void germanIsCompleteWithPlurals();
    void englishFillsInThePlurals();
};

namespace {
StatusVerdict offlineSince(double now, qint64 secondsAgo) {
    StatusVerdict v;
    v.status = PresenceStatus::Offline;
    v.lastActive = qint64(now) - secondsAgo;
    return v;
}
} // namespace

void TestTranslations::germanIsCompleteWithPlurals() {
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QCOMPARE(installTranslations(*QCoreApplication::instance(), QLocale(QLocale::German)),
             QStringLiteral("de"));
    const double now = 1700000000;
    const QTimeZone utc = QTimeZone::utc();
    QCOMPARE(lastSeenText(offlineSince(now, 5 * 60), now, utc),
             QStringLiteral("Vor 5 Minuten aktiv"));
    QCOMPARE(lastSeenText(offlineSince(now, 60), now, utc), QStringLiteral("Vor 1 Minute aktiv"));
    QCOMPARE(lastSeenText(offlineSince(now, 3 * 3600), now, utc),
             QStringLiteral("Vor 3 Stunden aktiv"));
    QCOMPARE(lastSeenText(offlineSince(now, 3600), now, utc),
             QStringLiteral("Vor einer Stunde aktiv"));
    QCOMPARE(lastSeenText(offlineSince(now, 3 * 86400), now, utc),
             QStringLiteral("Vor 3 Tagen aktiv"));
    StatusVerdict active;
    active.status = PresenceStatus::Active;
    QCOMPARE(lastSeenText(active, now, utc), QStringLiteral("Jetzt aktiv"));
    QCOMPARE(statusWord(PresenceStatus::Idle), QStringLiteral("Abwesend"));
    QCOMPARE(QCoreApplication::translate("zp::PopupWindow", "Search people"),
             QStringLiteral("Personen suchen"));
    QLocale::setDefault(QLocale::c());
}

void TestTranslations::englishFillsInThePlurals() {
    // Zulip's web app says "1 minutes"; our English catalogue says it right.
    for (QTranslator *t : QCoreApplication::instance()->findChildren<QTranslator *>())
        QCoreApplication::removeTranslator(t);
    QCOMPARE(installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English)),
             QStringLiteral("en"));
    const double now = 1700000000;
    QCOMPARE(lastSeenText(offlineSince(now, 60), now, QTimeZone::utc()),
             QStringLiteral("Active 1 minute ago"));
    QCOMPARE(lastSeenText(offlineSince(now, 5 * 60), now, QTimeZone::utc()),
             QStringLiteral("Active 5 minutes ago"));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
