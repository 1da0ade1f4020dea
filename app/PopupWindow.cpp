#include "PopupWindow.h"

#include "CoworkerDelegate.h"
#include "CoworkerListModel.h"
#include "agent/PresenceAgent.h"

#include <QCursor>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QScreen>
#include <QSortFilterProxyModel>
#include <QVBoxLayout>

namespace zp {

PopupWindow::PopupWindow(PresenceAgent *agent, CoworkerListModel *model, QWidget *parent)
    : QWidget(parent), m_agent(agent), m_model(model) {
    setObjectName(QStringLiteral("popup"));
    setWindowTitle(tr("Zulip presence"));
    resize(340, 480);

    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("header"));
    QFont bold = m_header->font();
    bold.setBold(true);
    m_header->setFont(bold);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setPlaceholderText(tr("Search people"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search people"));
    m_search->installEventFilter(this);

    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(model);
    m_proxy->setFilterRole(CoworkerListModel::SearchTextRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    connect(m_search, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);

    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("coworkers"));
    m_list->setModel(m_proxy);
    m_list->setItemDelegate(new CoworkerDelegate(m_list));
    m_list->setUniformItemSizes(true);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setAccessibleName(tr("Coworkers"));
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

void PopupWindow::showNear(const QRect &anchor) {
    const QPoint cursor = QCursor::pos();
    const QPoint reference = anchor.isValid() ? anchor.center() : cursor;
    QScreen *screen = QGuiApplication::screenAt(reference);
    if (!screen)
        screen = QGuiApplication::primaryScreen();
    const QRect avail = screen->availableGeometry();
    const QSize size = sizeHint().expandedTo(this->size());

    QPoint topLeft;
    if (anchor.isValid()) {
        // Open away from the panel: below an icon in the top half, above one in the bottom.
        const bool below = anchor.center().y() < avail.center().y();
        topLeft = QPoint(anchor.center().x() - size.width() / 2,
                         below ? anchor.bottom() + 4 : anchor.top() - size.height() - 4);
    } else {
        topLeft = cursor - QPoint(size.width() / 2, 0);
    }
    topLeft.setX(std::clamp(topLeft.x(), avail.left(),
                            std::max(avail.left(), avail.right() - size.width())));
    topLeft.setY(std::clamp(topLeft.y(), avail.top(),
                            std::max(avail.top(), avail.bottom() - size.height())));
    move(topLeft);
    show();
    raise();
    activateWindow();
    m_search->setFocus();
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
        lines << tr("%1 on %2")
                     .arg(account.email, account.site.host() +
                                             (account.site.port() > 0
                                                  ? QStringLiteral(":%1").arg(account.site.port())
                                                  : QString()));
    if (!m_agent->lastError().isEmpty())
        lines << m_agent->lastError();
    if (m_agent->realmPresenceDisabled())
        lines << tr("Your organization has turned presence off; nobody's status is shown.");
    const QDateTime last = m_agent->lastSuccessfulReport();
    lines << (last.isValid()
                  ? tr("Last report: %1")
                        .arg(QLocale().toString(last.toLocalTime().time(), QLocale::ShortFormat))
                  : tr("Not reported yet"));
    m_footer->setText(lines.join(QLatin1Char('\n')));
}

} // namespace zp
