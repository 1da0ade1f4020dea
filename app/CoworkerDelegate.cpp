#include "CoworkerDelegate.h"

#include "CoworkerListModel.h"
#include "StatusArt.h"

#include <QApplication>
#include <QPainter>

namespace zp {

QSize CoworkerDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const {
    const int line = option.fontMetrics.height();
    return {200, line * 2 + 10};
}

void CoworkerDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const {
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    opt.icon = QIcon();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    // Selection and hover backgrounds come from the platform style.
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    // Everything below is drawn as vectors (or a smoothly scaled image) in logical pixels, so
    // it stays sharp at any device pixel ratio.
    const QRect r = option.rect.adjusted(8, 5, -10, -5);
    const int line = option.fontMetrics.height();
    const int avatarSize = r.height();
    const QRectF avatarRect(r.left(), r.top(), avatarSize, avatarSize);
    const QImage avatar = index.data(CoworkerListModel::AvatarRole).value<QImage>();
    const QString name = index.data(Qt::DisplayRole).toString();
    if (avatar.isNull())
        paintInitialsAvatar(*painter, avatarRect, name,
                            index.data(CoworkerListModel::UserIdRole).toLongLong());
    else
        paintAvatarImage(*painter, avatarRect, avatar);

    const int dotSize = std::max(10, line * 2 / 3);
    const int dotLeft = r.left() + avatarSize + 8;
    const QRectF dot(dotLeft, r.top() + (line - dotSize) / 2.0 + 1, dotSize, dotSize);
    paintPresenceDot(*painter, dot,
                     PresenceStatus(index.data(CoworkerListModel::StatusRole).toInt()));

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorRole textRole = selected ? QPalette::HighlightedText : QPalette::Text;
    const int textLeft = dotLeft + dotSize + 8;
    const QRect nameRect(textLeft, r.top(), r.right() - textLeft, line);
    const QString shownName = index.data(CoworkerListModel::IsSelfRole).toBool()
                                  ? CoworkerListModel::tr("%1 (you)").arg(name)
                                  : name;
    painter->save();
    painter->setPen(option.palette.color(textRole));
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                      option.fontMetrics.elidedText(shownName, Qt::ElideRight, nameRect.width()));
    QFont small = option.font;
    small.setPointSizeF(option.font.pointSizeF() * 0.88);
    painter->setFont(small);
    QColor secondary = option.palette.color(textRole);
    secondary.setAlphaF(0.72f);
    painter->setPen(secondary);
    painter->drawText(QRect(textLeft - dotSize - 8, r.top() + line, r.right() - dotLeft, line),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      index.data(CoworkerListModel::LastSeenRole).toString());
    painter->restore();
}

} // namespace zp
