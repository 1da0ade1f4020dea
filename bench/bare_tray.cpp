// The yardstick of the memory target: a Qt Widgets tray icon with a menu and a popup list of
// 40 names, nothing else. bench/agent-memory.sh measures it beside the agent, on the same X
// server and tray, so "the agent costs N MB more than a bare Qt tray app" is one machine's fact.
#include <QApplication>
#include <QListWidget>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QSystemTrayIcon>

int main(int argc, char **argv) {
    QApplication app(argc, argv);
    QPixmap dot(22, 22);
    dot.fill(Qt::transparent);
    {
        QPainter painter(&dot);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setBrush(Qt::darkGreen);
        painter.drawEllipse(2, 2, 18, 18);
    }
    QSystemTrayIcon tray{QIcon(dot)};
    QMenu menu;
    menu.addAction(QStringLiteral("Open"));
    menu.addAction(QStringLiteral("Quit"), &app, &QApplication::quit);
    tray.setContextMenu(&menu);
    QListWidget list;
    list.setWindowFlag(Qt::Popup);
    for (int i = 0; i < 40; ++i)
        list.addItem(QStringLiteral("Person %1").arg(i));
    QObject::connect(&tray, &QSystemTrayIcon::activated, &list, [&list] {
        list.resize(360, 520);
        list.show();
    });
    tray.show();
    return app.exec();
}
