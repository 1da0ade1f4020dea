#include "CoworkerFilterModel.h"

#include "CoworkerListModel.h"

namespace zp {

CoworkerFilterModel::CoworkerFilterModel(CoworkerListModel *source, QObject *parent)
    : QSortFilterProxyModel(parent), m_source(source) {
    setSourceModel(source);
    // Row numbers or contents changed: what was ruled out says nothing any more.
    const auto forget = [this] { m_mayMatchValid = false; };
    connect(source, &QAbstractItemModel::rowsAboutToBeInserted, this, forget);
    connect(source, &QAbstractItemModel::rowsAboutToBeRemoved, this, forget);
    connect(source, &QAbstractItemModel::layoutAboutToBeChanged, this, forget);
    connect(source, &QAbstractItemModel::modelAboutToBeReset, this, forget);
    // Avatars arriving and "last seen" words ageing name their roles and leave names alone.
    connect(source, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &, const QModelIndex &, const QList<int> &roles) {
                if (roles.isEmpty() || roles.contains(Qt::DisplayRole) ||
                    roles.contains(CoworkerListModel::EmailRole))
                    m_mayMatchValid = false;
            });
}

namespace {
// Whether every row matching `next` also matches `previous`: each earlier word lives on
// inside one of the new ones ("ad" -> "ada", or "ada" -> "ada lo").
bool narrows(const QStringList &next, const QStringList &previous) {
    for (const QString &old : previous) {
        bool kept = false;
        for (const QString &term : next)
            kept = kept || term.contains(old);
        if (!kept)
            return false;
    }
    return true;
}
} // namespace

void CoworkerFilterModel::setSearchText(const QString &text) {
    const QStringList terms = text.toCaseFolded().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (terms == m_terms)
        return;
    const auto rows = size_t(m_source->rowCount());
    m_narrowing = m_mayMatchValid && m_mayMatch.size() == rows && narrows(terms, m_terms);
    if (!m_narrowing)
        m_mayMatch.assign(rows, 1);
    m_terms = terms;
    // Narrowing removes rows, which the view takes in its stride. Widening (Backspace) would
    // insert the returning rows range by range, thousands of signals for 10 000 rows: one
    // re-layout is cheaper (Backspace to empty: 8-15 ms -> 4 ms). The current row and the
    // selection survive both, through persistent indexes.
    if (m_narrowing)
        invalidateFilter();
    else
        invalidate();
    m_narrowing = false;
    m_mayMatchValid = true;
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
    const auto index = size_t(sourceRow);
    const bool tracked = index < m_mayMatch.size();
    if (m_narrowing && tracked && !m_mayMatch[index])
        return false;
    const bool match = matchesTerms(sourceRow);
    if (tracked)
        m_mayMatch[index] = match;
    return match;
}

namespace {
// Whether `text` contains `foldedTerm` (already case-folded), folding `text` as it goes: as
// QString::contains(..., Qt::CaseInsensitive), without its per-character table lookups for
// the ASCII that most names and every email are made of. Surrogates take Qt's way.
bool containsFolded(QStringView text, QStringView foldedTerm) {
    const qsizetype n = text.size(), m = foldedTerm.size();
    if (m == 0)
        return true;
    const auto fold = [](char16_t c) -> char16_t {
        if (c < 0x80)
            return (c >= u'A' && c <= u'Z') ? char16_t(c + 32) : c;
        return QChar::toCaseFolded(c); // surrogates never get here (below)
    };
    for (qsizetype i = 0; i + m <= n; ++i) {
        qsizetype j = 0;
        while (j < m) {
            const char16_t c = text[i + j].unicode();
            if (QChar::isSurrogate(c))
                return text.contains(foldedTerm, Qt::CaseInsensitive);
            if (fold(c) != foldedTerm[j].unicode())
                break;
            ++j;
        }
        if (j == m)
            return true;
    }
    return false;
}
} // namespace

bool CoworkerFilterModel::matchesTerms(int sourceRow) const {
    const CoworkerListModel::Row &row = m_source->row(sourceRow);
    // Terms hold no spaces, so matching name and email apart equals matching "name email";
    // case-insensitive matching folds case as toCaseFolded() does, without a copy per row.
    for (const QString &term : m_terms)
        if (!containsFolded(row.person.fullName, term) && !containsFolded(row.person.email, term))
            return false;
    return true;
}

} // namespace zp
