#include "CoworkerFilterModel.h"

#include "CoworkerListModel.h"

namespace zp {

CoworkerFilterModel::CoworkerFilterModel(CoworkerListModel *source, QObject *parent)
    : QSortFilterProxyModel(parent), m_source(source) {
    setSourceModel(source);
}

void CoworkerFilterModel::setSearchText(const QString &text) {
    const QStringList terms = text.toCaseFolded().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (terms == m_terms)
        return;
    m_terms = terms;
    invalidateFilter();
}

void CoworkerFilterModel::setShowOffline(bool show) {
    if (show == m_showOffline)
        return;
    m_showOffline = show;
    invalidateFilter();
}

bool CoworkerFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const {
    // Reads the row directly: 10 000 rows per keystroke must not build QVariants.
    const CoworkerListModel::Row &row = m_source->row(sourceRow);
    if (!m_showOffline && !row.isSelf && row.person.verdict.status == PresenceStatus::Offline)
        return false;
    // Terms hold no spaces, so matching name and email apart equals matching "name email";
    // case-insensitive matching folds case as toCaseFolded() does, without a copy per row.
    for (const QString &term : m_terms)
        if (!row.person.fullName.contains(term, Qt::CaseInsensitive) &&
            !row.person.email.contains(term, Qt::CaseInsensitive))
            return false;
    return true;
}

} // namespace zp
