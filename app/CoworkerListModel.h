#pragma once

#include "agent/PresenceAgent.h"
#include "presence/CoworkerList.h"

#include <QAbstractListModel>
#include <QTimer>

namespace zp {

// The popup's rows: every listed coworker with their dot and "last seen" words, in buddy-list
// order, rebuilt whenever the agent's data or the passage of time changes a dot.
class CoworkerListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        UserIdRole = Qt::UserRole + 1,
        StatusRole,   // zp::PresenceStatus as int
        LastSeenRole, // "Active 5 minutes ago"
        EmailRole,
        SearchTextRole, // name and email, for the filter
    };

    explicit CoworkerListModel(PresenceAgent *agent, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    const QList<Coworker> &coworkers() const { return m_rows; }
    int count(PresenceStatus status) const;

    // Rebuild now (normally done on the agent's signals).
    void refresh();

Q_SIGNALS:
    void countsChanged();

private:
    PresenceAgent *m_agent;
    QList<Coworker> m_rows;
    double m_serverNow = 0;
    // "Active 5 minutes ago" ages even when no dot changes: refresh the words each minute
    // while someone may be looking.
    QTimer m_minuteTimer;
};

} // namespace zp
