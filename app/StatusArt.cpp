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

// The application icon's speech bubble, filling a size x size square: the shape says "Zulip
// presence" among the other tray icons, its fill and mark say the state.
QPainterPath bubblePath(qreal size, qreal outline) {
    const qreal m = outline;
    const QRectF body(m, m, size - 2 * m, (size - 2 * m) * 0.78);
    QPainterPath bubble;
    bubble.addRoundedRect(body, size * 0.2, size * 0.2);
    QPainterPath tail;
    tail.moveTo(body.left() + body.width() * 0.2, body.bottom() - outline);
    tail.lineTo(body.left() + body.width() * 0.16, size - m);
    tail.lineTo(body.left() + body.width() * 0.48, body.bottom() - outline);
    tail.closeSubpath();
    return bubble.united(tail);
}

QPixmap trayPixmap(TrayState state, int size) {
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal outline = std::max<qreal>(1.0, size / 16.0);
    const QPainterPath bubble = bubblePath(size, outline);
    const QRectF body = bubble.boundingRect().adjusted(0, 0, 0, -size * 0.2);

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
        break; // three dots, drawn below: a font's ellipsis sits on the baseline
    }
    // A white halo under a dark outline: visible on both light and dark panels.
    p.setPen(
        QPen(QColor(255, 255, 255, 230), outline * 2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(Qt::NoBrush);
    p.drawPath(bubble);
    p.setPen(Qt::NoPen);
    p.setBrush(fill);
    p.drawPath(bubble);

    if (state == TrayState::Idle) {
        // Idle: the upper half pale, so the shape says "half here" like the list's dots.
        p.save();
        p.setClipPath(bubble);
        p.fillRect(QRectF(0, 0, size, body.center().y()), QColor(255, 255, 255, 200));
        p.restore();
    } else if (state == TrayState::Invisible) {
        // Invisible: pale, with a slash.
        p.setPen(QPen(QColor(30, 30, 30, 230), std::max<qreal>(1.5, size / 10.0), Qt::SolidLine,
                      Qt::RoundCap));
        const qreal inset = body.height() * 0.18;
        p.drawLine(QPointF(body.left() + body.width() * 0.3, body.bottom() - inset),
                   QPointF(body.right() - body.width() * 0.3, body.top() + inset));
    }
    p.setPen(QPen(QColor(30, 30, 30, 230), outline, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(Qt::NoBrush);
    p.drawPath(bubble);
    if (state == TrayState::Connecting) {
        const qreal radius = std::max<qreal>(1.0, body.height() * 0.1);
        const qreal gap = body.width() * 0.22;
        p.setPen(Qt::NoPen);
        p.setBrush(Qt::white);
        for (int i = -1; i <= 1; ++i)
            p.drawEllipse(QPointF(body.center().x() + i * gap, body.center().y()), radius, radius);
    }
    if (!glyph.isEmpty()) {
        QFont font = p.font();
        font.setBold(true);
        font.setPixelSize(std::max(7, int(body.height() * 0.85)));
        p.setFont(font);
        p.setPen(Qt::white);
        p.drawText(body, Qt::AlignCenter, glyph);
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
