#include "StatusArt.h"

#include <QCoreApplication>
#include <QPainterPath>
#include <QPixmap>

namespace zp {

// The translation context of the status words (lupdate files StatusArt::tr under it).
struct StatusArt {
    Q_DECLARE_TR_FUNCTIONS(zp::StatusArt)
};

QString statusWord(PresenceStatus status) {
    switch (status) {
    case PresenceStatus::Active:
        return StatusArt::tr("Active");
    case PresenceStatus::Idle:
        return StatusArt::tr("Idle");
    case PresenceStatus::Offline:
        break;
    }
    return StatusArt::tr("Offline");
}

QString dotDescription(PresenceStatus status) {
    switch (status) {
    case PresenceStatus::Active:
        return StatusArt::tr("Filled green dot: active");
    case PresenceStatus::Idle:
        return StatusArt::tr("Half-filled orange dot: idle");
    case PresenceStatus::Offline:
        break;
    }
    return StatusArt::tr("Hollow grey ring: offline");
}

void paintInitialsAvatar(QPainter &painter, const QRectF &rect, const QString &name, qint64 seed) {
    QString initials;
    for (const QString &word : name.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (initials.size() >= 2)
            break;
        initials += word.at(0).toUpper();
    }
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    // Mid-tone hues with white text: legible on light and dark rows alike.
    const QColor background = QColor::fromHsl(int((seed * 47) % 360), 110, 105);
    painter.setPen(Qt::NoPen);
    painter.setBrush(background);
    painter.drawEllipse(rect);
    QFont font = painter.font();
    font.setBold(true);
    font.setPixelSize(std::max(6, int(rect.height() * 0.4)));
    painter.setFont(font);
    painter.setPen(Qt::white);
    painter.drawText(rect, Qt::AlignCenter, initials);
    painter.restore();
}

void paintAvatarImage(QPainter &painter, const QRectF &rect, const QImage &image) {
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    QPainterPath circle;
    circle.addEllipse(rect);
    painter.setClipPath(circle);
    painter.drawImage(rect, image);
    painter.restore();
}

QColor statusColor(PresenceStatus status) {
    switch (status) {
    case PresenceStatus::Active:
        return QColor(0x2e, 0x9e, 0x4f);
    case PresenceStatus::Idle:
        return QColor(0xf0, 0x8c, 0x1a);
    case PresenceStatus::Offline:
        break;
    }
    return QColor(0x8a, 0x8f, 0x98);
}

void paintPresenceDot(QPainter &painter, const QRectF &rect, PresenceStatus status) {
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor color = statusColor(status);
    const qreal ring = std::max<qreal>(1.5, rect.width() / 7.0);
    const QRectF inner = rect.adjusted(ring / 2, ring / 2, -ring / 2, -ring / 2);
    switch (status) {
    case PresenceStatus::Active:
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawEllipse(rect);
        break;
    case PresenceStatus::Idle: {
        painter.setPen(QPen(color, ring));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(inner);
        // The lower half filled, like Zulip's half-moon idle dot.
        QPainterPath half;
        half.moveTo(inner.center());
        half.arcTo(inner, 180, 180);
        half.closeSubpath();
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawPath(half);
        break;
    }
    case PresenceStatus::Offline:
        painter.setPen(QPen(color, ring));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(inner);
        break;
    }
    painter.restore();
}

namespace {

QPixmap trayPixmap(TrayState state, int size) {
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal outline = std::max<qreal>(1.0, size / 16.0);
    const QRectF disc = QRectF(0, 0, size, size).adjusted(outline, outline, -outline, -outline);

    // A white halo under a dark outline: visible on both light and dark panels.
    p.setPen(QPen(QColor(255, 255, 255, 230), outline * 2));
    p.setBrush(Qt::NoBrush);
    p.drawEllipse(disc);
    p.setPen(QPen(QColor(30, 30, 30, 230), outline));

    QColor fill;
    QString glyph;
    switch (state) {
    case TrayState::Active:
        fill = statusColor(PresenceStatus::Active);
        break;
    case TrayState::Idle:
        fill = statusColor(PresenceStatus::Idle);
        break;
    case TrayState::Invisible:
        fill = QColor(0xd0, 0xd3, 0xd8);
        break;
    case TrayState::Error:
        fill = QColor(0xc8, 0x2a, 0x2a);
        glyph = QStringLiteral("!");
        break;
    case TrayState::NotConfigured:
        fill = QColor(0x8a, 0x8f, 0x98);
        glyph = QStringLiteral("?");
        break;
    case TrayState::Connecting:
        fill = QColor(0x8a, 0x8f, 0x98);
        glyph = QStringLiteral("\u2026");
        break;
    }
    p.setBrush(fill);
    p.drawEllipse(disc);

    if (state == TrayState::Idle) {
        // Idle: the upper half pale, so the shape says "half here" like the list's dots.
        QPainterPath upper;
        upper.moveTo(disc.center());
        upper.arcTo(disc, 0, 180);
        upper.closeSubpath();
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(255, 255, 255, 200));
        p.drawPath(upper);
    } else if (state == TrayState::Invisible) {
        // Invisible: a hollow ring with a slash.
        p.setPen(QPen(QColor(30, 30, 30, 230), std::max<qreal>(1.5, size / 10.0), Qt::SolidLine,
                      Qt::RoundCap));
        const qreal m = size * 0.28;
        p.drawLine(QPointF(m, size - m), QPointF(size - m, m));
    }
    if (!glyph.isEmpty()) {
        QFont font = p.font();
        font.setBold(true);
        font.setPixelSize(int(size * 0.7));
        p.setFont(font);
        p.setPen(Qt::white);
        p.drawText(disc, Qt::AlignCenter, glyph);
    }
    return pixmap;
}

} // namespace

QIcon trayIcon(TrayState state) {
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48, 64, 128})
        icon.addPixmap(trayPixmap(state, size));
    return icon;
}

QIcon clearSearchIcon(const QPalette &palette) {
    // A cross in a soft disc, like the clear buttons of desktop search fields; the line edit
    // draws it at 16 px (32 on a 2x screen).
    QIcon icon;
    for (int size : {16, 24, 32, 48}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        const qreal unit = size / 16.0;
        QColor disc = palette.color(QPalette::PlaceholderText);
        p.setPen(Qt::NoPen);
        p.setBrush(disc);
        p.drawEllipse(QRectF(1, 1, size - 2, size - 2));
        p.setPen(QPen(palette.color(QPalette::Base), 1.6 * unit, Qt::SolidLine, Qt::RoundCap));
        const qreal a = 5.2 * unit, b = size - 5.2 * unit;
        p.drawLine(QPointF(a, a), QPointF(b, b));
        p.drawLine(QPointF(a, b), QPointF(b, a));
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace zp
