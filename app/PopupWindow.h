#pragma once

#include <QTimer>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QListView;
class QMenu;

namespace zp {

class CoworkerFilterModel;
class CoworkerListModel;
class PresenceAgent;

// Where the popup goes: beside the tray icon (`anchor`, away from the panel) when the platform
// says where the icon is, else next to the cursor; always inside `available`.
QPoint popupPosition(const QRect &anchor, const QPoint &cursor, const QSize &size,
                     const QRect &available);

// The list of coworkers with their dots, a search box and a footer that says which account
// and server this is, when the last report went through, and what went wrong, if anything.
// Opens as a popup by the tray icon, or as an ordinary window where there is no tray.
class PopupWindow : public QWidget {
    Q_OBJECT
public:
    PopupWindow(PresenceAgent *agent, CoworkerListModel *model, QWidget *parent = nullptr);

    // Popup beside the tray (frameless, closes on outside click) or an ordinary window.
    void setWindowMode(bool ordinaryWindow);
    bool isOrdinaryWindow() const { return !(windowFlags() & Qt::Popup); }
    // Shows it next to `anchor` (the tray icon's rectangle), or next to the cursor when the
    // platform does not say where the icon is, kept inside the screen's available area.
    void showNear(const QRect &anchor);

    // "Show offline coworkers": off lists only active and idle people (and you).
    void setShowOffline(bool show);

    QListView *listView() const { return m_list; }
    QLineEdit *searchBox() const { return m_search; }
    CoworkerFilterModel *proxy() const { return m_proxy; }
    QLabel *footer() const { return m_footer; }
    // The context menu last opened on a row (for tests and accessibility tools).
    QMenu *contextMenu() const { return m_contextMenu; }

    void updateFooter();

Q_SIGNALS:
    void personActivated(qint64 userId);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateHeader();
    void openContextMenu(const QPoint &pos);

    PresenceAgent *m_agent;
    CoworkerListModel *m_model;
    CoworkerFilterModel *m_proxy;
    QLabel *m_header;
    QLineEdit *m_search;
    QAction *m_clearSearch;
    QListView *m_list;
    QLabel *m_footer;
    QMenu *m_contextMenu = nullptr;
    // "Reported 20 s ago" counts up while the popup is on screen, and costs nothing otherwise.
    QTimer m_footerTimer;
};

} // namespace zp
