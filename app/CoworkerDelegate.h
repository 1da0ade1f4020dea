#pragma once

#include <QStyledItemDelegate>

namespace zp {

// Draws one coworker row: the shaped status dot, the name, and the "last seen" words.
class CoworkerDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace zp
