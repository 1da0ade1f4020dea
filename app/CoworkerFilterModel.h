#pragma once

#include <QSortFilterProxyModel>
#include <QStringList>

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
    CoworkerListModel *m_source;
    QStringList m_terms; // case-folded
    bool m_showOffline = true;
};

} // namespace zp
