#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;

namespace zp {

class CoworkerListModel;
class PresenceAgent;

// The list of coworkers with their dots, a search box and a footer that says which account
// and server this is and what went wrong, if anything. Opens as a popup by the tray icon, or
// as an ordinary window where there is no tray.
class PopupWindow : public QWidget {
    Q_OBJECT
public:
    PopupWindow(PresenceAgent *agent, CoworkerListModel *model, QWidget *parent = nullptr);

    // Popup beside the tray (frameless, closes on outside click) or an ordinary window.
    void setWindowMode(bool ordinaryWindow);
    // Shows it next to `anchor` (the tray icon's rectangle), or next to the cursor when the
    // platform does not say where the icon is, kept inside the screen's available area.
    void showNear(const QRect &anchor);

    QListView *listView() const { return m_list; }
    QLineEdit *searchBox() const { return m_search; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }

Q_SIGNALS:
    void personActivated(qint64 userId);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateFooter();
    void updateHeader();

    PresenceAgent *m_agent;
    CoworkerListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLabel *m_header;
    QLineEdit *m_search;
    QListView *m_list;
    QLabel *m_footer;
};

} // namespace zp
