#include "PopupWindow.h"

#include "CoworkerDelegate.h"
#include "CoworkerFilterModel.h"
#include "CoworkerListModel.h"
#include "StatusArt.h"
#include "agent/PresenceAgent.h"

#include <QAction>
#include <QClipboard>
#include <QCursor>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QScreen>
#include <QVBoxLayout>

namespace zp {

namespace {

// Another part of the agent may say its data is old (a long network outage); older builds of
// the agent do not know yet, and then the footer just does not say it.
template <typename Agent> bool dataIsStale(const Agent &agent) {
    if constexpr (requires { agent.dataIsStale(); })
        return agent.dataIsStale();
    else
        return false;
}

QString reportedAgo(const QDateTime &last) {
    if (!last.isValid())
        return PopupWindow::tr("Not reported yet");
    const qint64 seconds = std::max<qint64>(0, last.secsTo(QDateTime::currentDateTimeUtc()));
    if (seconds < 60)
        return PopupWindow::tr("Reported %1 s ago").arg(seconds);
    if (seconds < 3600)
        return PopupWindow::tr("Reported %n minute(s) ago", nullptr, int(seconds / 60));
    return PopupWindow::tr("Last report at %1")
        .arg(QLocale().toString(last.toLocalTime().time(), QLocale::ShortFormat));
}

} // namespace

QPoint popupPosition(const QRect &anchor, const QPoint &cursor, const QSize &size,
                     const QRect &available) {
    QPoint topLeft;
    if (anchor.isValid() && !anchor.isEmpty()) {
        // Open away from the panel: below an icon in the top half, above one in the bottom.
        const bool below = anchor.center().y() < available.center().y();
        topLeft = QPoint(anchor.center().x() - size.width() / 2,
                         below ? anchor.bottom() + 5 : anchor.top() - size.height() - 4);
    } else {
        // Beside the cursor, above it when it is in the lower half (a bottom panel).
        const bool below = cursor.y() < available.center().y();
        topLeft = QPoint(cursor.x() - size.width() / 2,
                         below ? cursor.y() + 8 : cursor.y() - size.height() - 8);
    }
    topLeft.setX(std::clamp(topLeft.x(), available.left(),
                            std::max(available.left(), available.right() + 1 - size.width())));
    topLeft.setY(std::clamp(topLeft.y(), available.top(),
                            std::max(available.top(), available.bottom() + 1 - size.height())));
    return topLeft;
}

PopupWindow::PopupWindow(PresenceAgent *agent, CoworkerListModel *model, QWidget *parent)
    : QWidget(parent), m_agent(agent), m_model(model) {
    setObjectName(QStringLiteral("popup"));
    setWindowTitle(tr("Zulip presence"));
    resize(340, 480);

    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("header"));
    // The organization's name and the server's errors are shown, never interpreted as markup.
    m_header->setTextFormat(Qt::PlainText);
    QFont bold = m_header->font();
    bold.setBold(true);
    m_header->setFont(bold);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setPlaceholderText(tr("Search people"));
    // Qt's own clear button looks its icon up in the icon theme, which loads every image
    // plugin (0.9 MB for the life of the agent); this one is drawn, crisp at any scale.
    // Drawn from the palette, so it is drawn again when the palette changes (changeEvent).
    QAction *clearSearch = m_clearSearch =
        m_search->addAction(clearSearchIcon(m_search->palette()), QLineEdit::TrailingPosition);
    clearSearch->setObjectName(QStringLiteral("clearSearch"));
    clearSearch->setText(tr("Clear search"));
    clearSearch->setToolTip(tr("Clear search"));
    clearSearch->setVisible(false);
    connect(clearSearch, &QAction::triggered, m_search, [this] {
        m_search->clear();
        m_search->setFocus();
    });
    connect(m_search, &QLineEdit::textChanged, clearSearch,
            [clearSearch](const QString &text) { clearSearch->setVisible(!text.isEmpty()); });
    m_search->setAccessibleName(tr("Search people"));
    m_search->installEventFilter(this);

    m_proxy = new CoworkerFilterModel(model, this);
    connect(m_search, &QLineEdit::textChanged, m_proxy, &CoworkerFilterModel::setSearchText);

    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("coworkers"));
    m_list->setModel(m_proxy);
    m_list->setItemDelegate(new CoworkerDelegate(m_list));
    // Every row has the same height: the view lays out 10 000 rows without asking each one.
    m_list->setUniformItemSizes(true);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setAccessibleName(tr("Coworkers"));
    m_list->setAccessibleDescription(tr("Filled green dot: active. Half-filled orange dot: "
                                        "idle. Hollow grey ring: offline."));
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_list, &QListView::customContextMenuRequested, this, &PopupWindow::openContextMenu);
    // After each search the chosen person stays in sight (clearing the search brings back
    // thousands of rows above them); with nobody chosen, the list starts at the top.
    connect(m_search, &QLineEdit::textChanged, m_list, [this] {
        if (m_list->currentIndex().isValid())
            m_list->scrollTo(m_list->currentIndex());
        else
            m_list->scrollToTop();
    });
    connect(m_list, &QListView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT personActivated(index.data(CoworkerListModel::UserIdRole).toLongLong());
    });

    m_footer = new QLabel(this);
    m_footer->setObjectName(QStringLiteral("footer"));
    m_footer->setWordWrap(true);
    m_footer->setTextFormat(Qt::PlainText);
    QFont small = m_footer->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_footer->setFont(small);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(m_header);
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_footer);

    m_footerTimer.setInterval(1000);
    connect(&m_footerTimer, &QTimer::timeout, this, &PopupWindow::updateFooter);
    connect(agent, &PresenceAgent::errorChanged, this, &PopupWindow::updateFooter);
    connect(agent, &PresenceAgent::stateChanged, this, &PopupWindow::updateFooter);
    connect(agent, &PresenceAgent::reportCompleted, this, &PopupWindow::updateFooter);
    connect(agent, &PresenceAgent::realmPresenceDisabledChanged, this, &PopupWindow::updateFooter);
    connect(model, &CoworkerListModel::countsChanged, this, &PopupWindow::updateHeader);
    updateHeader();
    updateFooter();
}

void PopupWindow::setWindowMode(bool ordinaryWindow) {
    const bool visible = isVisible();
    setWindowFlags(ordinaryWindow ? Qt::Window : (Qt::Popup | Qt::FramelessWindowHint));
    if (visible)
        show();
}

void PopupWindow::setShowOffline(bool show) {
    m_proxy->setShowOffline(show);
}

void PopupWindow::showNear(const QRect &anchor) {
    const QPoint cursor = QCursor::pos();
    const QPoint reference = anchor.isValid() ? anchor.center() : cursor;
    QScreen *screen = QGuiApplication::screenAt(reference);
    if (!screen)
        screen = QGuiApplication::primaryScreen();
    const QSize size = sizeHint().expandedTo(this->size());
    move(popupPosition(anchor, cursor, size, screen->availableGeometry()));
    show();
    raise();
    activateWindow();
    m_search->setFocus();
}

void PopupWindow::changeEvent(QEvent *event) {
    // A switch between light and dark themes reaches us as a palette change. The search box
    // inherits our palette and may not have been told yet.
    if (event->type() == QEvent::PaletteChange)
        m_clearSearch->setIcon(clearSearchIcon(palette()));
    QWidget::changeEvent(event);
}

void PopupWindow::showEvent(QShowEvent *event) {
    updateFooter();
    m_footerTimer.start();
    QWidget::showEvent(event);
}

void PopupWindow::hideEvent(QHideEvent *event) {
    m_footerTimer.stop();
    QWidget::hideEvent(event);
}

void PopupWindow::keyPressEvent(QKeyEvent *event) {
    if (event->key() == Qt::Key_Escape && (windowFlags() & Qt::Popup)) {
        close();
        return;
    }
    QWidget::keyPressEvent(event);
}

bool PopupWindow::eventFilter(QObject *watched, QEvent *event) {
    // Arrow keys and Enter in the search box move through and open the list, so the whole
    // popup works from the keyboard.
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up ||
            key->key() == Qt::Key_PageDown || key->key() == Qt::Key_PageUp) {
            if (!m_list->currentIndex().isValid() && m_proxy->rowCount() > 0)
                m_list->setCurrentIndex(m_proxy->index(0, 0));
            else
                QCoreApplication::sendEvent(m_list, event);
            return true;
        }
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            m_proxy->rowCount() > 0) {
            const QModelIndex current =
                m_list->currentIndex().isValid() ? m_list->currentIndex() : m_proxy->index(0, 0);
            Q_EMIT personActivated(current.data(CoworkerListModel::UserIdRole).toLongLong());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void PopupWindow::openContextMenu(const QPoint &pos) {
    const QModelIndex index = m_list->indexAt(pos);
    if (!index.isValid())
        return;
    const qint64 userId = index.data(CoworkerListModel::UserIdRole).toLongLong();
    const QString name = index.data(Qt::DisplayRole).toString();
    const QString email = index.data(CoworkerListModel::EmailRole).toString();
    delete m_contextMenu;
    m_contextMenu = new QMenu(this);
    m_contextMenu->setObjectName(QStringLiteral("personMenu"));
    m_contextMenu->addAction(tr("Send a direct message"), this,
                             [this, userId] { Q_EMIT personActivated(userId); });
    m_contextMenu->addSeparator();
    m_contextMenu->addAction(tr("Copy name"), this,
                             [name] { QGuiApplication::clipboard()->setText(name); });
    m_contextMenu->addAction(tr("Copy email"), this,
                             [email] { QGuiApplication::clipboard()->setText(email); });
    // Not exec(): the popup stays responsive and nothing blocks while the menu is open.
    m_contextMenu->popup(m_list->viewport()->mapToGlobal(pos));
}

void PopupWindow::updateHeader() {
    const QString realm = m_agent->realmName().isEmpty() ? tr("Zulip") : m_agent->realmName();
    m_header->setText(tr("%1 \u2014 %2 active, %3 idle")
                          .arg(realm)
                          .arg(m_model->count(PresenceStatus::Active))
                          .arg(m_model->count(PresenceStatus::Idle)));
}

void PopupWindow::updateFooter() {
    QStringList lines;
    const Account &account = m_agent->account();
    if (account.isComplete())
        lines << tr("%1 on %2").arg(account.email, ZulipClient::serverLabel(account.site));
    else
        lines << tr("No Zulip account in use; add one in Settings.");
    if (!m_agent->lastError().isEmpty())
        lines << m_agent->lastError();
    if (dataIsStale(*m_agent))
        lines << tr("The data is stale: the dots may be out of date.");
    if (m_agent->realmPresenceDisabled())
        lines << tr("Your organization has turned presence off; nobody's status is shown.");
    lines << reportedAgo(m_agent->lastSuccessfulReport());
    const QString text = lines.join(QLatin1Char('\n'));
    if (text != m_footer->text())
        m_footer->setText(text);
}

} // namespace zp
