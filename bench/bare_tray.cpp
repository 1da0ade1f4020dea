// The yardstick of the memory target: a Qt Widgets tray icon with a menu and a popup list of
// 40 names, nothing else. bench/agent-memory.sh measures it beside the agent, on the same X
// server and tray, so "the agent costs N MB more than a bare Qt tray app" is one machine's fact.
// Built a second time as bench_bare_tray_fetch, which with --fetch URL [--ca PEM] also makes one
// GET with QNetworkAccessManager, as any Qt tray app that talks to a server must: the floor
// under the memory of any networked Qt agent. (Only that one links QtNetwork, whose mere
// loading costs 2 MB.)
#include <QApplication>
#include <QListWidget>
#include <QMenu>
#ifdef ZP_BARE_TRAY_FETCH
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#endif
#include <QPainter>
#include <QPixmap>
#include <QSystemTrayIcon>

#include <cstdio>

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

#ifdef ZP_BARE_TRAY_FETCH
    QNetworkAccessManager network;
    const QStringList args = app.arguments();
    if (const qsizetype at = args.indexOf(QStringLiteral("--fetch"));
        at > 0 && at + 1 < args.size()) {
        QNetworkRequest request{QUrl(args.at(at + 1))};
        if (const qsizetype ca = args.indexOf(QStringLiteral("--ca"));
            ca > 0 && ca + 1 < args.size()) {
            QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
            ssl.addCaCertificates(QSslCertificate::fromPath(args.at(ca + 1)));
            request.setSslConfiguration(ssl);
        }
        QNetworkReply *reply = network.get(request);
        QObject::connect(reply, &QNetworkReply::finished, reply, [reply] {
            std::fprintf(stderr, "fetch: HTTP %d, %lld bytes\n",
                         reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                         qlonglong(reply->readAll().size()));
            reply->deleteLater();
        });
    }
#endif
    return app.exec();
}
