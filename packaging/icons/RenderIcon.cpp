// Build-time tool: renders the SVG application icon to the PNG sizes a desktop needs, so the
// build needs nothing beyond Qt (librsvg is not a build dependency).
//
//   zp-render-icon ICON.svg OUT_DIR NAME SIZE...   writes OUT_DIR/SIZExSIZE/apps/NAME.png
//   zp-render-icon ICON.svg OUT.ico SIZE           writes one Windows icon of that size

#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

namespace {

QImage render(QSvgRenderer &svg, int size) {
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    svg.render(&painter, QRectF(0, 0, size, size));
    return image;
}

bool save(const QImage &image, const QString &path) {
    if (!QDir().mkpath(QFileInfo(path).absolutePath()) || !image.save(path)) {
        std::fprintf(stderr, "zp-render-icon: cannot write %s\n", qPrintable(path));
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char **argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: zp-render-icon ICON.svg OUT_DIR NAME SIZE...\n"
                             "       zp-render-icon ICON.svg OUT.ico SIZE\n");
        return 2;
    }
    QSvgRenderer svg(QString::fromLocal8Bit(argv[1]));
    if (!svg.isValid()) {
        std::fprintf(stderr, "zp-render-icon: %s is not a readable SVG file\n", argv[1]);
        return 1;
    }
    const QString out = QString::fromLocal8Bit(argv[2]);
    if (out.endsWith(QStringLiteral(".ico")))
        return save(render(svg, QByteArray(argv[3]).toInt()), out) ? 0 : 1;
    if (argc < 5)
        return 2;
    const QString name = QString::fromLocal8Bit(argv[3]);
    for (int i = 4; i < argc; ++i) {
        const int size = QByteArray(argv[i]).toInt();
        if (size < 1 || size > 1024) {
            std::fprintf(stderr, "zp-render-icon: %s is not an icon size\n", argv[i]);
            return 2;
        }
        const QString path = QStringLiteral("%1/%2x%2/apps/%3.png").arg(out).arg(size).arg(name);
        if (!save(render(svg, size), path))
            return 1;
    }
    return 0;
}
