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
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    // Selection and hover backgrounds come from the platform style.
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const QRect r = option.rect.adjusted(10, 5, -10, -5);
    const int line = option.fontMetrics.height();
    const int dotSize = std::max(10, line * 2 / 3);
    const QRectF dot(r.left(), r.top() + (line - dotSize) / 2.0 + 1, dotSize, dotSize);
    paintPresenceDot(*painter, dot,
                     PresenceStatus(index.data(CoworkerListModel::StatusRole).toInt()));

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorRole textRole = selected ? QPalette::HighlightedText : QPalette::Text;
    const int textLeft = r.left() + dotSize + 10;
    QRect nameRect(textLeft, r.top(), r.right() - textLeft, line);
    painter->save();
    painter->setPen(option.palette.color(textRole));
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                      option.fontMetrics.elidedText(index.data(Qt::DisplayRole).toString(),
                                                    Qt::ElideRight, nameRect.width()));
    QFont small = option.font;
    small.setPointSizeF(option.font.pointSizeF() * 0.88);
    painter->setFont(small);
    QColor secondary = option.palette.color(textRole);
    secondary.setAlphaF(0.7f);
    painter->setPen(secondary);
    painter->drawText(QRect(textLeft, r.top() + line, nameRect.width(), line),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      index.data(CoworkerListModel::LastSeenRole).toString());
    painter->restore();
}

} // namespace zp
