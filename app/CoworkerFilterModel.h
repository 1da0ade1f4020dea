#pragma once

#include <QSortFilterProxyModel>
#include <QStringList>

#include <vector>

namespace zp {

class CoworkerListModel;

// What the popup shows of the list: people matching every word typed in the search box (in
// their name or email, ignoring case), and offline coworkers only if the person wants them.
// Your own entry is never hidden by the offline setting. It keeps the source's order.
class CoworkerFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit CoworkerFilterModel(CoworkerListModel *source, QObject *parent = nullptr);

    void setSearchText(const QString &text);
    void setShowOffline(bool show);
    bool showOffline() const { return m_showOffline; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool matchesTerms(int sourceRow) const;

    CoworkerListModel *m_source;
    QStringList m_terms; // case-folded
    bool m_showOffline = true;
    // Typing on narrows the search: a row that failed the shorter words fails the longer ones,
    // so only rows not yet ruled out are searched again (at 100 000 rows most keys then touch
    // a few hundred). Per source row, 0 = known not to match m_terms, 1 = may match. Valid
    // until the source's rows change; used only while setSearchText() refilters.
    mutable std::vector<quint8> m_mayMatch;
    bool m_mayMatchValid = false;
    bool m_narrowing = false;
};

} // namespace zp
