// The translation pipeline end to end: the German catalogue is built from its .ts file,
// installed like the app installs it, and its plural forms are right.
#include "StatusArt.h"
#include "Translations.h"
#include "presence/CoworkerList.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace zp;

class TestTranslations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void germanIsCompleteWithPlurals();
    void germanCatalogueLeavesNothingOut();
    void catalogueHoldsEveryStringOfTheCode();
    void englishFillsInThePlurals();
};

namespace {
StatusVerdict offlineSince(double now, qint64 secondsAgo) {
    StatusVerdict v;
    v.status = PresenceStatus::Offline;
    v.lastActive = qint64(now) - secondsAgo;
    return v;
}
// "context / source" of every message in a .ts file.
QSet<QString> catalogueMessages(const QString &path) {
    QSet<QString> out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return out;
    QXmlStreamReader xml(&file);
    QString context;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("name"))
            context = xml.readElementText();
        else if (xml.name() == QLatin1String("source"))
            out.insert(context + QStringLiteral(" / ") + xml.readElementText());
    }
    return out;
}
} // namespace

void TestTranslations::germanIsCompleteWithPlurals() {
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QCOMPARE(installTranslations(*QCoreApplication::instance(), QLocale(QLocale::German)),
             QStringLiteral("de"));
    // Qt's own words too (qt6-translations-l10n, installed with the rest): a German dialog
    // with an English Close button looks half done.
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Close"), QStringLiteral("Schließen"));
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
    // The command line's own sentences too (main.cpp's context).
    QCOMPARE(
        QCoreApplication::translate(
            "zp::Main", "no Zulip account set up yet; the settings window is open to add one."),
        QStringLiteral("noch kein Zulip-Konto eingerichtet; das Einstellungsfenster ist "
                       "geöffnet, um eines hinzuzufügen."));
    QLocale::setDefault(QLocale::c());
}

void TestTranslations::germanCatalogueLeavesNothingOut() {
    // Every message of the catalogue (lupdate writes all of the code's strings into it) is
    // translated, and keeps the source's placeholders: a new string without a German text,
    // or a lost "%1", fails here.
    QFile file(QStringLiteral(ZP_SOURCE_DIR "/resources/translations/zulip-presence_de.ts"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QXmlStreamReader xml(&file);
    static const QRegularExpression placeholder(QStringLiteral("%(n|L?\\d+)"));
    const auto placeholders = [](const QString &text) {
        QStringList found;
        for (auto it = placeholder.globalMatch(text); it.hasNext();)
            found << it.next().captured(0);
        found.sort();
        found.removeDuplicates();
        return found;
    };
    int messages = 0;
    QString source;
    QStringList forms;
    bool numerus = false;
    bool unfinished = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement() && !xml.isEndElement())
            continue;
        const auto name = xml.name();
        if (xml.isStartElement() && name == QLatin1String("message")) {
            numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            source.clear();
            forms.clear();
        } else if (xml.isStartElement() && name == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.isStartElement() && name == QLatin1String("translation")) {
            // "unfinished", "vanished" and "obsolete" all mean: not shipped as it stands.
            unfinished = xml.attributes().hasAttribute(QLatin1String("type"));
            if (!numerus)
                forms << xml.readElementText();
        } else if (xml.isStartElement() && name == QLatin1String("numerusform")) {
            forms << xml.readElementText();
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            ++messages;
            forms.removeAll(QString());
            QVERIFY2(!unfinished && !forms.isEmpty(),
                     qPrintable(QStringLiteral("untranslated: ") + source));
            const QStringList wanted = placeholders(source);
            for (qsizetype i = 0; i < forms.size(); ++i) {
                const QString &form = forms.at(i);
                const QStringList got = placeholders(form);
                // A singular may say "einer Stunde" instead of "%n"; the plural may not, and
                // nothing else may go.
                QStringList expected = wanted;
                if (numerus && i + 1 < forms.size() && !got.contains(QStringLiteral("%n")))
                    expected.removeAll(QStringLiteral("%n"));
                QVERIFY2(got == expected, qPrintable(QStringLiteral("placeholders differ: ") +
                                                     source + " / " + form));
            }
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(messages > 150);
}

void TestTranslations::catalogueHoldsEveryStringOfTheCode() {
    // The test above checks the catalogue as committed; this one checks it is current. lupdate
    // runs over the code into a copy, and whatever it adds is a string nobody translated.
    const QString committed =
        QStringLiteral(ZP_SOURCE_DIR "/resources/translations/zulip-presence_de.ts");
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("de.ts"));
    QVERIFY(QFile::copy(committed, copy));
    QProcess lupdate;
    // The same sources and include paths as the zp_resources_lupdate target (a fresh build
    // tree has not written that target's project file), so contexts come out the same.
    const QString core = QStringLiteral(ZP_SOURCE_DIR "/core");
    const QString app = QStringLiteral(ZP_SOURCE_DIR "/app");
    lupdate.start(QStringLiteral(ZP_LUPDATE),
                  {QStringLiteral("-silent"), QStringLiteral("-no-obsolete"),
                   QStringLiteral("-locations"), QStringLiteral("none"),
                   QStringLiteral("-extensions"), QStringLiteral("cpp,h"), QStringLiteral("-I"),
                   core, QStringLiteral("-I"), app, core, app, QStringLiteral("-ts"), copy});
    QVERIFY(lupdate.waitForFinished(60000));
    QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());
    const QSet<QString> before = catalogueMessages(committed);
    const QSet<QString> after = catalogueMessages(copy);
    QVERIFY(after.size() > 150);
    QStringList missing = (after - before).values();
    missing.sort();
    QVERIFY2(missing.isEmpty(),
             qPrintable(QStringLiteral("not in the catalogue (run: cmake --build build --target "
                                       "zp_resources_lupdate, then translate):\n") +
                        missing.join(QLatin1Char('\n'))));
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
