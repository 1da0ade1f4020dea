// The popup with a real agent against the dev realm: sort order, filtering as you type,
// keyboard navigation, activation opening the right URL, the context menu's copy actions, the
// "show offline" setting, updates that keep the selection, avatars, placement, screenshots.
#include "AvatarLoader.h"
#include "CoworkerFilterModel.h"
#include "CoworkerListModel.h"
#include "DevRealm.h"
#include "PopupWindow.h"
#include "StatusArt.h"
#include "Translations.h"
#include "TrayController.h"
#include "agent/PresenceAgent.h"
#include "notify/ComebackNotifier.h"
#include "secrets/SecretStore.h"
#include "settings/Settings.h"
#include "settings/SettingsController.h"
#include "settings/SettingsDialog.h"
#include "support/EndlessSender.h"
#include "support/ScriptedIdleBackend.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QCollator>
#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QDir>
#include <QHttpServer>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPainter>
#include <QScreen>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QToolButton>

using namespace zp;
using namespace std::chrono_literals;
using devrealm::DevRealm;
using devrealm::DevRealmOptions;

namespace {
// An 8x8 avatar of one colour, as a server would send it.
QByteArray pngOf(Qt::GlobalColor color) {
    QImage picture(8, 8, QImage::Format_RGB32);
    picture.fill(color);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    picture.save(&buffer, "PNG");
    return png;
}

// A static realm with quick cadence, as the popup's tests need.
DevRealmOptions quickStaticRealm(int users, quint64 seed) {
    DevRealmOptions options;
    options.users = users;
    options.seed = seed;
    options.staticRealm = true;
    options.initialHistory = false;
    options.pingIntervalSecs = 1;
    options.longpollTimeoutSecs = 2;
    return options;
}
// The realm's own user, as the agent would be set up for it.
Account ownAccount(const DevRealm &realm) {
    Account account;
    account.site = realm.baseUrl();
    account.email = realm.ownEmail();
    account.apiKey = realm.ownApiKey();
    return account;
}

} // namespace

// Receives the URLs QDesktopServices would hand to the browser.
class UrlCatcher : public QObject {
    Q_OBJECT
public:
    QList<QUrl> urls;
public Q_SLOTS:
    void open(const QUrl &url) { urls << url; }
};

class TestPopup : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void ownEntryFirstThenStatusThenLocaleName();
    void filtersAsYouType();
    void keyboardNavigationAndEnterOpenTheDirectMessage();
    void doubleClickOpensTheDirectMessage();
    void contextMenuCopiesNameAndEmail();
    void offlineHiddenWhenTheSettingIsOff();
    void presenceChangesKeepSelectionWithoutReset();
    void invisibleSelfStaysFirstAsOffline();
    void refusedAccountShowsYouAsNotReported();
    void reportsNotGettingThroughShowYouOffline();
    void narrowingSearchSurvivesReordering();
    void theChosenPersonStaysInSightAfterASearch();
    void avatarsLoadLazilyWithCredentialsOnlyForTheOwnOrigin();
    void avatarCredentialsGoOnlyToTheAccountOrigin();
    void avatarsTakeTheChosenProxy();
    void anEndlessAvatarIsCutOff();
    void anAvatarLeftOutComesByItsRedirect();
    void namesThatLookLikeMarkupReadAsTyped();
    void footerSaysAccountServerAndLastReport();
    void anUnusableAccountIsSaidOnScreen();
    void placementStaysOnScreen_data();
    void placementStaysOnScreen();
    void showNearKeepsThePopupInsideTheScreen();
    void screenshots();
    // Last: it moves the agent to another organization.
    void switchingAccountsForgetsTheOldOrganization();

private:
    QModelIndex proxyRowOf(qint64 userId) const;
    QList<qint64> visibleIds() const;
    QString screenshotDir() const;

    QTemporaryDir m_home;
    std::unique_ptr<DevRealm> m_realm;
    ZulipClient m_client;
    IdleMonitor m_idle;
    std::unique_ptr<PresenceAgent> m_agent;
    std::unique_ptr<TrayController> m_tray;
    UrlCatcher m_urls;
    PopupWindow *m_popup = nullptr;
    QList<int> m_active, m_idleIds, m_offline;
    int m_asa = 0, m_adam = 0, m_emile = 0;
};

void TestPopup::initTestCase() {
    // Avatars are cached under XDG_CACHE_HOME: a private one, so runs do not share a cache.
    qputenv("XDG_CACHE_HOME", m_home.filePath(QStringLiteral("cache")).toUtf8());
    QDesktopServices::setUrlHandler(QStringLiteral("http"), &m_urls, "open");
    // As the app does: the English catalogue supplies the plural forms ("10 minutes").
    QCOMPARE(installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English)),
             QStringLiteral("en"));

    const DevRealmOptions options = quickStaticRealm(30, 5);
    m_realm = std::make_unique<DevRealm>(options);
    QVERIFY(m_realm->listen(0) != 0);

    // Names a code-point sort would get wrong: lower case first letter, accented capitals.
    m_emile = m_realm->addUser(QStringLiteral("\u00c9mile Zola"));
    m_asa = m_realm->addUser(QStringLiteral("\u00c5sa \u00d6berg"));
    m_adam = m_realm->addUser(QStringLiteral("adam Ant"));
    const qint64 now = m_realm->realmNowMs();
    m_active = {m_emile, m_asa, m_adam};
    int n = 0;
    for (int id : m_realm->userIds()) {
        if (id == m_realm->ownUserId() || m_realm->isBot(id) || !m_realm->isActive(id) ||
            m_active.contains(id))
            continue;
        switch (n++ % 3) {
        case 0:
            m_active << id;
            break;
        case 1:
            m_idleIds << id;
            break;
        default:
            m_offline << id;
        }
    }
    for (int id : m_active)
        m_realm->setPresenceRow(id, now - 1000, now - 1000);
    for (int id : m_idleIds)
        m_realm->setPresenceRow(id, now - 3600 * 1000, now - 2000);
    for (int i = 0; i < m_offline.size(); ++i)
        m_realm->setPresenceRow(m_offline[i], now - (10 + i) * 60 * 1000,
                                now - (10 + i) * 60 * 1000);

    Account account;
    account.site = m_realm->baseUrl();
    account.email = m_realm->ownEmail();
    account.apiKey = m_realm->ownApiKey();
    QVERIFY(m_client.setAccount(account).isEmpty());
    auto backend = std::make_unique<test::ScriptedIdleBackend>();
    m_idle.startWith(std::move(backend), 5min);
    m_agent = std::make_unique<PresenceAgent>(&m_client, &m_idle);
    m_tray = std::make_unique<TrayController>(m_agent.get());
    m_popup = m_tray->popup();
    m_agent->start();
    // Own entry plus every listed coworker.
    const int expected = 1 + int(m_active.size() + m_idleIds.size() + m_offline.size());
    QTRY_COMPARE_WITH_TIMEOUT(m_tray->model()->rowCount(), expected, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_tray->model()->count(PresenceStatus::Active), int(m_active.size()),
                              10000);
    m_popup->setWindowMode(true); // an ordinary window: no popup grab fighting the test
    m_popup->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_popup));
}

void TestPopup::cleanupTestCase() {
    QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
    m_tray.reset();
    m_agent.reset();
    m_realm.reset();
}

void TestPopup::switchingAccountsForgetsTheOldOrganization() {
    // Until the new server answers, nothing of the old organization may show (nor its
    // avatars, whose paths are relative to a server, be asked of the new one).
    const DevRealmOptions options = quickStaticRealm(6, 9);
    DevRealm other(options);
    QVERIFY(other.listen(0) != 0);
    devrealm::FaultSpec slowRegister;
    slowRegister.kind = devrealm::FaultSpec::Kind::Delay;
    slowRegister.path = QStringLiteral("/api/v1/register");
    slowRegister.delayMs = 1500;
    other.injectFault(slowRegister);

    Settings settings(m_home.filePath(QStringLiteral("switch.conf")));
    const QString oldAccount = Settings::accountId(m_realm->baseUrl(), m_realm->ownEmail());
    settings.setWatchedUserIds({m_asa}, oldAccount); // watched in the old organization
    SecretStore secrets(QStringLiteral("zulip-presence-tst-popup"));
    // No proxy: the avatars take the same route as the agent.
    settings.setProxy(Settings::ProxyMode::None);
    SettingsController controller(m_agent.get(), &m_client, &m_idle, &settings, &secrets,
                                  m_tray.get());
    QCOMPARE(m_tray->avatars()->proxy().type(), QNetworkProxy::NoProxy);
    CoworkerListModel *model = m_tray->model();
    QVERIFY(model->rowOf(m_asa) >= 0);
    QCOMPARE(controller.comebacks()->watchedUserIds(), QList<qint64>{m_asa});
    Account account;
    account.site = other.baseUrl();
    account.email = other.ownEmail();
    account.apiKey = other.ownApiKey();
    QCOMPARE(controller.switchAccount(account), QString());
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 0, 1000);
    // Nothing said about the old server is shown as the new one's, and the same user id is
    // somebody else there: not watched any more.
    QVERIFY(m_agent->realmName().isEmpty());
    QVERIFY(!m_agent->lastSuccessfulReport().isValid());
    QCOMPARE(controller.comebacks()->watchedUserIds(), QList<qint64>());
    QCOMPARE(settings.watchedUserIds(Settings::accountId(other.baseUrl(), other.ownEmail())),
             QList<qint64>());
    QCOMPARE(settings.watchedUserIds(oldAccount), QList<qint64>{m_asa}); // kept for going back
    for (const devrealm::RequestLogEntry &entry : other.requestLog())
        QVERIFY2(entry.path.startsWith(QLatin1String("/api/")), qPrintable(entry.path));
    // Then the new organization's people, and none of the old.
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 1, 10000);
    QVERIFY(model->rowOf(m_asa) < 0 || other.userIds().contains(m_asa));
    QCOMPARE(model->row(0).person.email, other.ownEmail());
}

QModelIndex TestPopup::proxyRowOf(qint64 userId) const {
    const auto *proxy = m_popup->proxy();
    for (int r = 0; r < proxy->rowCount(); ++r)
        if (proxy->index(r, 0).data(CoworkerListModel::UserIdRole).toLongLong() == userId)
            return proxy->index(r, 0);
    return {};
}

QList<qint64> TestPopup::visibleIds() const {
    QList<qint64> ids;
    const auto *proxy = m_popup->proxy();
    for (int r = 0; r < proxy->rowCount(); ++r)
        ids << proxy->index(r, 0).data(CoworkerListModel::UserIdRole).toLongLong();
    return ids;
}

void TestPopup::ownEntryFirstThenStatusThenLocaleName() {
    const CoworkerListModel *model = m_tray->model();
    QCOMPARE(model->row(0).isSelf, true);
    QCOMPARE(model->row(0).person.userId, qint64(m_realm->ownUserId()));
    QCOMPARE(model->row(0).person.verdict.status, PresenceStatus::Active);
    QCOMPARE(model->data(model->index(0), Qt::AccessibleTextRole).toString(),
             QStringLiteral("%1 (you), Active, Active now")
                 .arg(m_realm->fullNameOf(m_realm->ownUserId())));

    // Then every active coworker, every idle one, every offline one.
    QList<PresenceStatus> statuses;
    for (int r = 1; r < model->rowCount(); ++r)
        statuses << model->row(r).person.verdict.status;
    const int a = int(m_active.size()), i = int(m_idleIds.size()), o = int(m_offline.size());
    QCOMPARE(statuses, QList<PresenceStatus>(a, PresenceStatus::Active) +
                           QList<PresenceStatus>(i, PresenceStatus::Idle) +
                           QList<PresenceStatus>(o, PresenceStatus::Offline));
    // Within a group, by name as people read them: "adam" before "Åsa" before "Émile".
    const int adam = model->rowOf(m_adam), asa = model->rowOf(m_asa), emile = model->rowOf(m_emile);
    QVERIFY2(adam < asa && asa < emile,
             qPrintable(QStringLiteral("%1 %2 %3").arg(adam).arg(asa).arg(emile)));
    QCollator collator{QLocale(QLocale::English)};
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    for (int r = 2; r < model->rowCount(); ++r) {
        if (model->row(r).person.verdict.status != model->row(r - 1).person.verdict.status)
            continue;
        QVERIFY2(
            collator.compare(model->row(r - 1).person.fullName, model->row(r).person.fullName) <= 0,
            qPrintable(model->row(r).person.fullName));
    }
    // The words Zulip uses.
    QCOMPARE(model->row(model->rowOf(m_idleIds.first())).lastSeen, QStringLiteral("Idle"));
    QCOMPARE(model->row(model->rowOf(m_offline.first())).lastSeen,
             QStringLiteral("Active 10 minutes ago"));
}

void TestPopup::filtersAsYouType() {
    QLineEdit *search = m_popup->searchBox();
    search->setFocus();
    QTest::keyClicks(search, QStringLiteral("\u00e5sa"));
    QCOMPARE(visibleIds(), QList<qint64>{m_asa});
    // Each word must match, in any order, name or email.
    search->clear();
    QTest::keyClicks(search, QStringLiteral("ant AD"));
    QCOMPARE(visibleIds(), QList<qint64>{m_adam});
    search->clear();
    QTest::keyClicks(search, m_realm->emailOf(m_offline.first()));
    QCOMPARE(visibleIds(), QList<qint64>{m_offline.first()});
    search->clear();
    QTest::keyClicks(search, QStringLiteral("no such person xyz"));
    QCOMPARE(m_popup->proxy()->rowCount(), 0);
    search->clear();
    QCOMPARE(m_popup->proxy()->rowCount(), m_tray->model()->rowCount());

    // The clear button shows only while there is something to clear, and a click on it
    // brings everyone back with the focus still in the search box.
    auto *clearAction = search->findChild<QAction *>(QStringLiteral("clearSearch"));
    QVERIFY(clearAction);
    QVERIFY(!clearAction->isVisible());
    QTest::keyClicks(search, QStringLiteral("\u00e5sa"));
    QVERIFY(clearAction->isVisible());
    QToolButton *clearButton = nullptr;
    for (QToolButton *button : search->findChildren<QToolButton *>())
        if (button->defaultAction() == clearAction)
            clearButton = button;
    QVERIFY(clearButton);
    QTRY_VERIFY(clearButton->isVisible());
    QTest::mouseClick(clearButton, Qt::LeftButton);
    QCOMPARE(search->text(), QString());
    QCOMPARE(m_popup->proxy()->rowCount(), m_tray->model()->rowCount());
    QVERIFY(!clearAction->isVisible());
    QCOMPARE(m_popup->focusWidget(), search);
}

void TestPopup::keyboardNavigationAndEnterOpenTheDirectMessage() {
    m_urls.urls.clear();
    QLineEdit *search = m_popup->searchBox();
    search->clear();
    m_popup->listView()->setCurrentIndex({});
    search->setFocus();
    QTest::keyClick(search, Qt::Key_Down);
    QCOMPARE(m_popup->listView()->currentIndex().row(), 0);
    QTest::keyClick(search, Qt::Key_Down);
    QTest::keyClick(search, Qt::Key_Down);
    QCOMPARE(m_popup->listView()->currentIndex().row(), 2);
    QTest::keyClick(search, Qt::Key_Up);
    QCOMPARE(m_popup->listView()->currentIndex().row(), 1);
    const qint64 chosen =
        m_popup->listView()->currentIndex().data(CoworkerListModel::UserIdRole).toLongLong();
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(m_urls.urls.size(), 1);
    QCOMPARE(m_urls.urls.first(), m_tray->directMessageUrl(chosen));

    // Typing a name and pressing Enter opens that person, whatever was selected before.
    m_urls.urls.clear();
    m_popup->listView()->setCurrentIndex({});
    QTest::keyClicks(search, QStringLiteral("adam"));
    QTest::keyClick(search, Qt::Key_Enter);
    QCOMPARE(m_urls.urls.size(), 1);
    QUrl expected = m_realm->baseUrl();
    expected.setFragment(QStringLiteral("narrow/dm/%1-adam-Ant").arg(m_adam));
    QCOMPARE(m_urls.urls.first(), expected);
    search->clear();
}

void TestPopup::doubleClickOpensTheDirectMessage() {
    m_urls.urls.clear();
    const QModelIndex index = proxyRowOf(m_asa);
    QVERIFY(index.isValid());
    QListView *list = m_popup->listView();
    list->scrollTo(index);
    const QPoint centre = list->visualRect(index).center();
    // A double click in Qt Test: press/release, then the double-click event.
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, centre);
    QTRY_COMPARE(m_urls.urls.size(), 1);
    QUrl expected = m_realm->baseUrl();
    expected.setFragment(QStringLiteral("narrow/dm/%1-\u00c5sa-\u00d6berg").arg(m_asa));
    QCOMPARE(m_urls.urls.first(), expected);
}

void TestPopup::contextMenuCopiesNameAndEmail() {
    QListView *list = m_popup->listView();
    const QModelIndex index = proxyRowOf(m_emile);
    list->scrollTo(index);
    const QPoint pos = list->visualRect(index).center();
    for (const QString &which : {QStringLiteral("Copy name"), QStringLiteral("Copy email")}) {
        QContextMenuEvent event(QContextMenuEvent::Mouse, pos, list->viewport()->mapToGlobal(pos));
        QApplication::sendEvent(list->viewport(), &event);
        QMenu *menu = m_popup->contextMenu();
        QVERIFY(menu);
        QVERIFY(QTest::qWaitForWindowExposed(menu));
        QAction *action = nullptr;
        for (QAction *a : menu->actions())
            if (a->text() == which)
                action = a;
        QVERIFY2(action, qPrintable(which));
        QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(action).center());
        QTRY_VERIFY(!menu->isVisible());
        QCOMPARE(QGuiApplication::clipboard()->text(), which == QStringLiteral("Copy name")
                                                           ? QStringLiteral("\u00c9mile Zola")
                                                           : m_realm->emailOf(m_emile));
    }
}

void TestPopup::offlineHiddenWhenTheSettingIsOff() {
    m_popup->setShowOffline(false);
    const QList<qint64> ids = visibleIds();
    QCOMPARE(ids.size(), 1 + m_active.size() + m_idleIds.size());
    QCOMPARE(ids.first(), qint64(m_realm->ownUserId()));
    for (int id : m_offline)
        QVERIFY(!ids.contains(id));
    // The filter still works on what is left, and offline people stay hidden while searching.
    QTest::keyClicks(m_popup->searchBox(), m_realm->emailOf(m_offline.first()));
    QCOMPARE(m_popup->proxy()->rowCount(), 0);
    m_popup->searchBox()->clear();
    m_popup->setShowOffline(true);
    QCOMPARE(m_popup->proxy()->rowCount(), m_tray->model()->rowCount());
}

void TestPopup::presenceChangesKeepSelectionWithoutReset() {
    CoworkerListModel *model = m_tray->model();
    QListView *list = m_popup->listView();
    // Select someone near the end and scroll there.
    const qint64 selected = m_offline.last();
    const QModelIndex index = proxyRowOf(selected);
    list->setCurrentIndex(index);
    list->scrollTo(index);
    const int rowBefore = index.row();
    const int comer = m_offline.first();
    const bool comerBelow = proxyRowOf(comer).row() > rowBefore;
    QSignalSpy resets(model, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy layouts(model, &QAbstractItemModel::layoutChanged);

    // An offline coworker above the selection comes online: they move up into the active
    // group and the selected person moves down by one row... or stays, if above; the
    // selection must follow the person either way.
    m_realm->reportPresence(comer, devrealm::PresenceStatus::Active);
    QTRY_COMPARE_WITH_TIMEOUT(model->row(model->rowOf(comer)).person.verdict.status,
                              PresenceStatus::Active, 10000);
    QCOMPARE(resets.count(), 0);
    QVERIFY(layouts.count() >= 1);
    QCOMPARE(list->currentIndex().data(CoworkerListModel::UserIdRole).toLongLong(), selected);
    // Someone from below moving up pushes the selected person down one row; from above, not.
    QCOMPARE(list->currentIndex().row(), rowBefore + (comerBelow ? 1 : 0));
    QVERIFY(list->viewport()->rect().intersects(list->visualRect(list->currentIndex())));
    m_active << comer;
    m_offline.removeFirst();
}

void TestPopup::theChosenPersonStaysInSightAfterASearch() {
    // Found by searching, then the search is cleared: everyone comes back above them, and the
    // list must not leave them scrolled out of sight.
    QListView *list = m_popup->listView();
    QLineEdit *search = m_popup->searchBox();
    search->clear();
    const QModelIndex last = m_popup->proxy()->index(m_popup->proxy()->rowCount() - 1, 0);
    const qint64 chosen = last.data(CoworkerListModel::UserIdRole).toLongLong();
    const QString name = m_tray->model()->row(m_tray->model()->rowOf(chosen)).person.fullName;
    list->scrollToTop();
    QVERIFY(!list->viewport()->rect().intersects(list->visualRect(last))); // out of sight
    search->setFocus();
    QTest::keyClicks(search, name);
    QVERIFY(visibleIds().contains(chosen));
    list->setCurrentIndex(proxyRowOf(chosen));
    search->clear();
    QCOMPARE(list->currentIndex().data(CoworkerListModel::UserIdRole).toLongLong(), chosen);
    QVERIFY(list->viewport()->rect().intersects(list->visualRect(list->currentIndex())));
    // Nobody chosen: a new search starts at the top.
    list->setCurrentIndex({});
    QTest::keyClicks(search, QStringLiteral("a"));
    search->clear();
    QCOMPARE(list->indexAt(QPoint(1, 1)).row(), 0);
}

void TestPopup::narrowingSearchSurvivesReordering() {
    // Typing on only searches rows the shorter text left; a person who moves meanwhile (comes
    // online, so their row moves up) must still be found by the longer text.
    CoworkerListModel *model = m_tray->model();
    const qint64 mover = m_offline.last();
    const QString name = model->row(model->rowOf(mover)).person.fullName;
    QVERIFY(name.size() >= 4);
    // What a search from scratch shows: every word in "name email", ignoring case.
    const auto expected = [&](const QString &text) {
        const QStringList terms = text.toCaseFolded().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        QList<qint64> ids;
        for (int r = 0; r < model->rowCount(); ++r) {
            const CoworkerListModel::Row &row = model->row(r);
            const QString hay =
                (row.person.fullName + QLatin1Char(' ') + row.person.email).toCaseFolded();
            bool all = true;
            for (const QString &t : terms)
                all = all && hay.contains(t);
            if (all)
                ids << row.person.userId;
        }
        return ids;
    };
    QLineEdit *search = m_popup->searchBox();
    search->clear();
    search->setFocus();
    for (int i = 0; i < 2; ++i) {
        QTest::keyClicks(search, QString(name.at(i)));
        QCOMPARE(visibleIds(), expected(search->text()));
    }
    m_realm->reportPresence(mover, devrealm::PresenceStatus::Active);
    QTRY_COMPARE_WITH_TIMEOUT(model->row(model->rowOf(mover)).person.verdict.status,
                              PresenceStatus::Active, 10000);
    m_active << mover;
    m_offline.removeLast();
    search->setText(name.left(4));
    QCOMPARE(visibleIds(), expected(search->text()));
    QVERIFY(visibleIds().contains(mover));
    // Backspace widens again; a second word narrows.
    QTest::keyClick(search, Qt::Key_Backspace);
    QCOMPARE(visibleIds(), expected(search->text()));
    QTest::keyClicks(search, QStringLiteral(" ") + name.mid(3, 1));
    QCOMPARE(visibleIds(), expected(search->text()));
    search->clear();
}

void TestPopup::invisibleSelfStaysFirstAsOffline() {
    CoworkerListModel *model = m_tray->model();
    m_realm->setPresenceEnabled(m_realm->ownUserId(), false);
    QTRY_COMPARE_WITH_TIMEOUT(model->row(0).person.verdict.status, PresenceStatus::Offline, 10000);
    QCOMPARE(model->row(0).isSelf, true);
    QCOMPARE(model->row(0).lastSeen, QStringLiteral("Invisible to others"));
    m_popup->setShowOffline(false);
    QCOMPARE(visibleIds().first(), qint64(m_realm->ownUserId()));
    m_popup->setShowOffline(true);
    QCOMPARE(m_tray->trayState(), TrayState::Invisible);
    m_realm->setPresenceEnabled(m_realm->ownUserId(), true);
    QTRY_COMPARE_WITH_TIMEOUT(model->row(0).person.verdict.status, PresenceStatus::Active, 10000);
}

void TestPopup::refusedAccountShowsYouAsNotReported() {
    // The key is revoked (the next report gets 401): nothing is sent any more, so your own
    // row must stop saying "Active now" while coworkers already see you go offline.
    CoworkerListModel *model = m_tray->model();
    QCOMPARE(model->row(0).lastSeen, QStringLiteral("Active now"));
    m_realm->injectFault(devrealm::FaultSpec::zulipError(
        QStringLiteral("/api/v1/users/me/presence"), 401, {}, {}, 1));
    m_agent->sendReportNow();
    QTRY_COMPARE_WITH_TIMEOUT(m_agent->state(), PresenceAgent::State::CredentialsRejected, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(model->row(0).lastSeen, QStringLiteral("Not reporting your presence"),
                              2000);
    QCOMPARE(model->row(0).person.verdict.status, PresenceStatus::Offline);
    QCOMPARE(model->row(0).isSelf, true);
    // A new key (here: the fault is used up) brings it back.
    m_agent->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_agent->state(), PresenceAgent::State::Running, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(model->row(0).lastSeen, QStringLiteral("Active now"), 5000);
}

void TestPopup::reportsNotGettingThroughShowYouOffline() {
    // The server fails every report for longer than its offline threshold (2 s here):
    // coworkers see you offline by then, so your own row says so, and comes back with the
    // first report that gets through.
    DevRealmOptions options = quickStaticRealm(4, 3);
    options.offlineThresholdSecs = 2;
    DevRealm realm(options);
    QVERIFY(realm.listen(0) != 0);
    ZulipClient client;
    const Account account = ownAccount(realm);
    QVERIFY(client.setAccount(account).isEmpty());
    PresenceAgent agent(&client, nullptr);
    CoworkerListModel model(&agent);
    agent.start();
    QTRY_COMPARE_WITH_TIMEOUT(agent.state(), PresenceAgent::State::Running, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > 0 && model.row(0).isSelf, 5000);
    QCOMPARE(model.row(0).lastSeen, QStringLiteral("Active now"));
    realm.injectFault(devrealm::FaultSpec::zulipError(QStringLiteral("/api/v1/users/me/presence"),
                                                      500, {}, {}, 1000));
    agent.sendReportNow();
    QTRY_COMPARE_WITH_TIMEOUT(model.row(0).lastSeen, QStringLiteral("Not reaching the server"),
                              8000);
    QCOMPARE(model.row(0).person.verdict.status, PresenceStatus::Offline);
    realm.clearFaults();
    agent.sendReportNow();
    QTRY_COMPARE_WITH_TIMEOUT(model.row(0).lastSeen, QStringLiteral("Active now"), 8000);
    agent.stop();
}

void TestPopup::avatarsLoadLazilyWithCredentialsOnlyForTheOwnOrigin() {
    m_popup->listView()->scrollToTop();
    m_popup->listView()->viewport()->update();
    AvatarLoader *loader = m_tray->avatars();
    const auto avatarRequests = [this] {
        QList<devrealm::RequestLogEntry> out;
        for (const auto &e : m_realm->requestLog())
            if (e.path.startsWith(QStringLiteral("/user_avatars/")))
                out << e;
        return out;
    };
    QTRY_VERIFY_WITH_TIMEOUT(!avatarRequests().isEmpty(), 5000);
    // Only rows on screen asked for their picture.
    const int visibleRows =
        m_popup->listView()->viewport()->height() / m_popup->listView()->sizeHintForRow(0) + 2;
    QVERIFY2(loader->requestsStarted() <= visibleRows,
             qPrintable(QStringLiteral("%1 requests for %2 visible rows")
                            .arg(loader->requestsStarted())
                            .arg(visibleRows)));
    const QModelIndex first = m_tray->model()->index(0);
    QTRY_VERIFY_WITH_TIMEOUT(!first.data(CoworkerListModel::AvatarRole).value<QImage>().isNull(),
                             5000);
    // Kept on disk under the XDG cache directory.
    QVERIFY(loader->cacheDirectory().startsWith(m_home.path()));
    QTRY_VERIFY(
        !QDir(loader->cacheDirectory()).entryList(QDir::AllDirs | QDir::NoDotAndDotDot).isEmpty());
}

void TestPopup::avatarCredentialsGoOnlyToTheAccountOrigin() {
    // Two loopback servers: the account's own, and a stranger (a CDN, Gravatar) that the own
    // server redirects one avatar to.
    struct Origin {
        QHttpServer server;
        quint16 port = 0;
        QList<QByteArray> authorizations; // one per request, empty when none was sent
    };
    Origin own, stranger;
    const QByteArray png = pngOf(Qt::red);
    for (Origin *o : {&own, &stranger}) {
        o->server.route(QStringLiteral("/avatar/<arg>"),
                        [o, png](const QString &, const QHttpServerRequest &request) {
                            o->authorizations << request.value("Authorization");
                            return QHttpServerResponse("image/png", png);
                        });
        o->port = o->server.listen(QHostAddress::LocalHost, 0);
        QVERIFY(o->port != 0);
    }
    // The own server's redirect points at the stranger.
    own.server.route(
        QStringLiteral("/moved"), [&own, &stranger](const QHttpServerRequest &request) {
            own.authorizations << request.value("Authorization");
            QHttpServerResponse moved(QHttpServerResponder::StatusCode::Found);
            moved.setHeader(
                "Location",
                QStringLiteral("http://127.0.0.1:%1/avatar/y.png").arg(stranger.port).toUtf8());
            return moved;
        });

    QTemporaryDir cache;
    AvatarLoader loader(nullptr, cache.path());
    Account account;
    account.site = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(own.port));
    account.email = QStringLiteral("ada@example.test");
    account.apiKey = QStringLiteral("abcdefghijklmnopqrstuvwxyz012345");
    loader.setAccount(account);
    const QByteArray expectedAuth =
        "Basic " + QByteArray("ada@example.test:abcdefghijklmnopqrstuvwxyz012345").toBase64();

    QSignalSpy ready(&loader, &AvatarLoader::avatarReady);
    const QUrl ownUrl(QStringLiteral("http://127.0.0.1:%1/avatar/a.png").arg(own.port));
    const QUrl strangerUrl(QStringLiteral("http://127.0.0.1:%1/avatar/b.png").arg(stranger.port));
    const QUrl redirected(QStringLiteral("http://127.0.0.1:%1/moved").arg(own.port));
    // Never blocks: null now, the image once the fetch is done.
    QVERIFY(loader.avatar(ownUrl).isNull());
    QVERIFY(loader.avatar(strangerUrl).isNull());
    QVERIFY(loader.avatar(redirected).isNull());
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 3, 5000);
    QCOMPARE(loader.avatar(ownUrl).pixel(0, 0), QColor(Qt::red).rgb());
    QVERIFY(!loader.avatar(redirected).isNull());
    QCOMPARE(own.authorizations, (QList<QByteArray>{expectedAuth, expectedAuth}));
    // The stranger got two requests (direct and redirected), neither with credentials.
    QCOMPARE(stranger.authorizations, (QList<QByteArray>{QByteArray(), QByteArray()}));
    // Asked again: from memory, no new request.
    const int requests = loader.requestsStarted();
    QVERIFY(!loader.avatar(ownUrl).isNull());
    QCOMPARE(loader.requestsStarted(), requests);
}

void TestPopup::avatarsTakeTheChosenProxy() {
    QHttpServer server;
    int served = 0;
    const QByteArray png = pngOf(Qt::blue);
    server.route(QStringLiteral("/avatar/<arg>"), [&served, png](const QString &) {
        ++served;
        return QHttpServerResponse("image/png", png);
    });
    const quint16 port = server.listen(QHostAddress::LocalHost, 0);
    QVERIFY(port != 0);
    QTemporaryDir cache;
    AvatarLoader loader(nullptr, cache.path());
    Account account;
    account.site = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    account.email = QStringLiteral("ada@example.test");
    account.apiKey = QStringLiteral("abcdefghijklmnopqrstuvwxyz012345");
    loader.setAccount(account);
    // A manual proxy that is not there: the avatar must not go around it.
    loader.setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), 9));
    QSignalSpy ready(&loader, &AvatarLoader::avatarReady);
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/avatar/a.png").arg(port));
    QVERIFY(loader.avatar(url).isNull());
    QTRY_COMPARE_WITH_TIMEOUT(loader.requestsStarted(), 1, 2000);
    QTest::qWait(1000);
    QCOMPARE(served, 0);
    QCOMPARE(ready.count(), 0);
    // A new route: what failed on the old one is tried again.
    loader.setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
    QVERIFY(loader.avatar(url).isNull());
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 5000);
    QCOMPARE(served, 1);
}

void TestPopup::anAvatarLeftOutComesByItsRedirect() {
    // A realm where nobody has been around for weeks: with user_avatar_url_field_optional
    // the server sends no avatar address for them, and GET /avatar/{id} leads to it.
    DevRealm realm(quickStaticRealm(6, 9));
    QVERIFY(realm.listen(0) != 0);
    ZulipClient client;
    const Account account = ownAccount(realm);
    QVERIFY(client.setAccount(account).isEmpty());
    PresenceAgent agent(&client, nullptr);
    CoworkerListModel model(&agent);
    QTemporaryDir cache;
    AvatarLoader avatars(nullptr, cache.path());
    avatars.setAccount(account);
    model.setAvatarLoader(&avatars);
    agent.start();
    QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > 1, 5000);
    const auto registered = realm.requestLog();
    const auto asked = std::find_if(registered.begin(), registered.end(), [](const auto &e) {
        return e.path == QStringLiteral("/api/v1/register");
    });
    QVERIFY(asked != registered.end());
    QVERIFY(asked->form.value(QStringLiteral("client_capabilities"))
                .toString()
                .contains(QStringLiteral("\"user_avatar_url_field_optional\":true")));

    int row = -1;
    for (int i = 0; i < model.rowCount() && row < 0; ++i)
        if (!model.row(i).isSelf && model.row(i).person.avatarUrl.isEmpty())
            row = i;
    QVERIFY2(row >= 0, "every coworker came with an avatar address");
    const qint64 id = model.row(row).person.userId;
    const QModelIndex index = model.index(row);
    QTRY_VERIFY_WITH_TIMEOUT(!index.data(CoworkerListModel::AvatarRole).value<QImage>().isNull(),
                             5000);
    const QString redirect = QStringLiteral("/avatar/%1").arg(id);
    QStringList avatarPaths;
    QString askedBy;
    for (const auto &e : realm.requestLog()) {
        if (e.path.startsWith(QStringLiteral("/avatar/")) ||
            e.path.startsWith(QStringLiteral("/gravatar/")) ||
            e.path.startsWith(QStringLiteral("/user_avatars/")))
            avatarPaths << e.path;
        if (e.path == redirect)
            askedBy = e.user;
    }
    QVERIFY2(avatarPaths.size() >= 2 && avatarPaths.first() == redirect,
             qPrintable(avatarPaths.join(u' ')));
    QCOMPARE(askedBy, realm.ownEmail()); // the redirect needs the account's credentials
    agent.stop();
}

void TestPopup::anEndlessAvatarIsCutOff() {
    // An avatar address (or a redirect from it) may point anywhere: an answer that never ends
    // must not fill the agent's memory, nor be read from once it was cut off.
    QTest::failOnWarning(
        QRegularExpression(QStringLiteral("device not open|must only be called once")));
    test::EndlessSender sender("image/png", "\x89PNG\r\n\x1a\n");
    QVERIFY(sender.listening());
    sender.start();
    QTemporaryDir cache;
    AvatarLoader loader(nullptr, cache.path());
    Account account;
    account.site = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(sender.port()));
    account.email = QStringLiteral("ada@example.test");
    account.apiKey = QStringLiteral("abcdefghijklmnopqrstuvwxyz012345");
    loader.setAccount(account);
    loader.setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/avatar/a.png").arg(sender.port()));
    QVERIFY(loader.avatar(url).isNull());
    QTRY_COMPARE_WITH_TIMEOUT(loader.requestsInFlight(), 0, 10000);
    QVERIFY(sender.wait(15000));
    qInfo("the sender got %lld bytes out before the agent stopped reading", sender.sent());
    // The cap plus what Qt and loopback had buffered when it was reached.
    QVERIFY2(sender.sent() < 32 * 1024 * 1024, qPrintable(QString::number(sender.sent())));
    QVERIFY(loader.avatar(url).isNull()); // initials stay; not fetched again
    QCOMPARE(loader.requestsStarted(), 1);
}

void TestPopup::namesThatLookLikeMarkupReadAsTyped() {
    // Tooltips take anything that looks like markup for markup.
    const int id = m_idleIds.first();
    const QString before = m_realm->fullNameOf(id);
    const QString typed = QStringLiteral("<b>Al</b> & <i>Co</i>");
    m_realm->renameUser(id, typed);
    QTRY_VERIFY_WITH_TIMEOUT(
        proxyRowOf(id).data(Qt::ToolTipRole).toString().contains(QLatin1String("Al")), 10000);
    const QString tip = proxyRowOf(id).data(Qt::ToolTipRole).toString();
    QTextDocument shown;
    if (Qt::mightBeRichText(tip))
        shown.setHtml(tip);
    else
        shown.setPlainText(tip);
    QVERIFY2(shown.toPlainText().startsWith(typed), qPrintable(tip));
    m_realm->renameUser(id, before);
    QTRY_VERIFY_WITH_TIMEOUT(proxyRowOf(id).data(Qt::ToolTipRole).toString().startsWith(before),
                             10000);
}

void TestPopup::anUnusableAccountIsSaidOnScreen() {
    // Started from the menu, nobody reads stderr: a zuliprc that cannot be read is said in the
    // settings window that opens, and the list says no account is in use.
    ZulipClient client;
    PresenceAgent agent(&client, nullptr);
    TrayController tray(&agent);
    Settings settings(m_home.filePath(QStringLiteral("unusable.conf")));
    SecretStore secrets(QStringLiteral("zulip-presence-tst-popup"));
    SettingsController controller(&agent, &client, &m_idle, &settings, &secrets, &tray);
    const QString problem = QStringLiteral("The zuliprc given does not exist.");
    controller.setAccountProblem(problem);
    controller.openDialog(0);
    QVERIFY(controller.dialog());
    QCOMPARE(controller.dialog()->accountStatus(), problem);
    tray.openPopup();
    QVERIFY(tray.popup());
    QVERIFY2(tray.popup()->footer()->text().contains(
                 QLatin1String("No Zulip account in use; add one in Settings.")),
             qPrintable(tray.popup()->footer()->text()));
    controller.dialog()->close();
    tray.popup()->hide();
}

void TestPopup::footerSaysAccountServerAndLastReport() {
    QTRY_VERIFY_WITH_TIMEOUT(m_agent->lastSuccessfulReport().isValid(), 5000);
    m_popup->updateFooter();
    const QString text = m_popup->footer()->text();
    QVERIFY2(text.contains(QStringLiteral("%1 on 127.0.0.1:%2")
                               .arg(m_realm->ownEmail())
                               .arg(m_realm->baseUrl().port())),
             qPrintable(text));
    QVERIFY2(text.contains(QRegularExpression(QStringLiteral("Reported \\d+ s ago"))),
             qPrintable(text));
    QVERIFY(!text.contains(m_realm->ownApiKey()));
}

void TestPopup::placementStaysOnScreen_data() {
    QTest::addColumn<QRect>("anchor");
    QTest::addColumn<QPoint>("cursor");
    QTest::addColumn<QPoint>("expected");
    // Popup 340x480 on a 1280x800 screen whose top 28 px are a panel: available (0,28 1280x772).
    QTest::newRow("top-right icon: below it, flush right")
        << QRect(1250, 2, 24, 24) << QPoint() << QPoint(1280 - 340, 26 + 4);
    QTest::newRow("top-middle icon: centred below it")
        << QRect(628, 2, 24, 24) << QPoint() << QPoint(639 - 170, 26 + 4);
    QTest::newRow("bottom-left icon: above it, flush left")
        << QRect(4, 776, 24, 24) << QPoint() << QPoint(0, 776 - 480 - 4);
    QTest::newRow("no icon geometry: below the cursor")
        << QRect() << QPoint(600, 100) << QPoint(430, 108);
    QTest::newRow("no icon geometry, cursor in the bottom-right corner: above it, clamped")
        << QRect() << QPoint(1279, 799) << QPoint(1280 - 340, 799 - 480 - 8);
    QTest::newRow("icon off screen: clamped into the available area")
        << QRect(2000, -50, 24, 24) << QPoint() << QPoint(1280 - 340, 28);
}

void TestPopup::placementStaysOnScreen() {
    QFETCH(QRect, anchor);
    QFETCH(QPoint, cursor);
    QFETCH(QPoint, expected);
    const QRect available(0, 28, 1280, 772);
    const QSize size(340, 480);
    const QPoint at = popupPosition(anchor, cursor, size, available);
    QCOMPARE(at, expected);
    QVERIFY(available.contains(QRect(at, size)));
}

void TestPopup::showNearKeepsThePopupInsideTheScreen() {
    // The real window, as the tray opens it, with the icon at the screen's top-right corner.
    const QRect avail = QGuiApplication::primaryScreen()->availableGeometry();
    m_popup->hide();
    m_popup->setWindowMode(false);
    m_popup->showNear(QRect(avail.right() - 20, avail.top(), 20, 20));
    QVERIFY(QTest::qWaitForWindowExposed(m_popup));
    QVERIFY2(avail.contains(m_popup->frameGeometry()), qPrintable(QStringLiteral("%1,%2 %3x%4")
                                                                      .arg(m_popup->x())
                                                                      .arg(m_popup->y())
                                                                      .arg(m_popup->width())
                                                                      .arg(m_popup->height())));
    QCOMPARE(m_popup->frameGeometry().right(), avail.right());
    QVERIFY(m_popup->searchBox()->hasFocus());
    m_popup->close();
    m_popup->setWindowMode(true);
    m_popup->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_popup));
}

QString TestPopup::screenshotDir() const {
    const QString dir = QStringLiteral(ZP_BINARY_DIR "/screenshots");
    QDir().mkpath(dir);
    return dir;
}

void TestPopup::screenshots() {
    m_popup->listView()->setCurrentIndex(proxyRowOf(m_asa));
    m_popup->listView()->scrollToTop();
    QTest::qWait(300); // avatars of the visible rows
    const QImage light = m_popup->grab().toImage();
    QVERIFY(light.save(screenshotDir() + QStringLiteral("/popup-light.png")));

    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    dark.setColor(QPalette::AlternateBase, QColor(0x2b, 0x2d, 0x31));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Button, QColor(0x2b, 0x2d, 0x31));
    dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x5a, 0x9e));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion"));
    const QPalette oldPalette = QApplication::palette();
    QApplication::setPalette(dark);
    for (QWidget *w : m_popup->findChildren<QWidget *>())
        w->setStyle(fusion);
    m_popup->setStyle(fusion);
    QTest::qWait(100);
    // The search box's drawn clear button follows the palette, as the text around it does:
    // its disc is the placeholder colour of the palette now in use, not the one at start.
    auto *clearAction = m_popup->searchBox()->findChild<QAction *>(QStringLiteral("clearSearch"));
    QVERIFY(clearAction);
    const QImage clearIcon = clearAction->icon().pixmap(16, 16).toImage();
    QCOMPARE(QColor(clearIcon.pixel(8, 2)).name(), dark.color(QPalette::PlaceholderText).name());
    const QImage darkShot = m_popup->grab().toImage();
    QVERIFY(darkShot.save(screenshotDir() + QStringLiteral("/popup-dark.png")));
    // The dark palette reached the list: its background is dark.
    const QPoint listPoint = m_popup->listView()->mapTo(
        m_popup, QPoint(m_popup->listView()->width() - 12, m_popup->listView()->height() - 6));
    QVERIFY(qGray(darkShot.pixel(listPoint)) < 80);
    QVERIFY(qGray(light.pixel(listPoint)) > 180);
    QApplication::setPalette(oldPalette);

    // Tray icon states at the sizes panels use, on light and dark panels.
    const QList<TrayState> states = {TrayState::Active,        TrayState::Idle,
                                     TrayState::Invisible,     TrayState::Error,
                                     TrayState::NotConfigured, TrayState::Connecting};
    const QList<int> sizes = {16, 22, 32, 48};
    QImage sheet(states.size() * 56 + 8, 2 * sizes.size() * 56 + 8, QImage::Format_RGB32);
    sheet.fill(Qt::white);
    QPainter p(&sheet);
    for (int bg = 0; bg < 2; ++bg) {
        const QColor panel = bg == 0 ? QColor(0xee, 0xee, 0xee) : QColor(0x20, 0x20, 0x24);
        for (int s = 0; s < sizes.size(); ++s) {
            const int y = 4 + (bg * sizes.size() + s) * 56;
            p.fillRect(0, y - 4, sheet.width(), 56, panel);
            for (int i = 0; i < states.size(); ++i) {
                const QPixmap pm = trayIcon(states[i]).pixmap(sizes[s], sizes[s]);
                QCOMPARE(pm.size(), QSize(sizes[s], sizes[s]));
                p.drawPixmap(4 + i * 56 + (48 - sizes[s]) / 2, y + (48 - sizes[s]) / 2, pm);
            }
        }
    }
    p.end();
    QVERIFY(sheet.save(screenshotDir() + QStringLiteral("/tray-icons.png")));
    // Every state looks different from every other at 16 px.
    for (int i = 0; i < states.size(); ++i)
        for (int j = i + 1; j < states.size(); ++j)
            QVERIFY(trayIcon(states[i]).pixmap(16, 16).toImage() !=
                    trayIcon(states[j]).pixmap(16, 16).toImage());
}

QTEST_MAIN(TestPopup)
#include "tst_popup.moc"
