#pragma once

#include "agent/PresenceAgent.h"
#include "presence/CoworkerList.h"

#include <QAbstractListModel>
#include <QHash>
#include <QTimer>

namespace zp {

class AvatarLoader;

// The popup's rows in buddy-list order: your own entry first, then active, idle and offline
// coworkers, each by name as your language sorts names. Updates are applied as the smallest
// model changes (inserts, removes, a moved layout, changed rows), never a reset, so the
// selection, the current row and the scroll position survive every presence change.
class CoworkerListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        UserIdRole = Qt::UserRole + 1,
        StatusRole,   // zp::PresenceStatus as int
        LastSeenRole, // "Active 5 minutes ago"
        EmailRole,
        SearchTextRole, // case-folded "name email"
        IsSelfRole,
        AvatarRole, // QImage, null until loaded (the delegate then draws initials)
    };

    struct Row {
        Coworker person;
        bool isSelf = false;
        // Cached, since painting 10 000 rows must not format dates; rows with the same words
        // share one string.
        QString lastSeen;
    };

    explicit CoworkerListModel(PresenceAgent *agent, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    const Row &row(int index) const { return m_rows.at(index); }
    // Coworkers in each state; your own entry is not counted.
    int count(PresenceStatus status) const;
    // The row of a user, -1 when not listed.
    int rowOf(qint64 userId) const { return m_rowById.value(userId, -1); }

    // Avatars are drawn once loaded; without a loader rows show initials only.
    void setAvatarLoader(AvatarLoader *loader);

    // "Ada Lovelace (you)" for your own row, the name for everyone else.
    static QString displayName(const Row &row);

    // Rebuild now (normally done on the agent's signals, coalesced).
    void refresh();
    // Re-word "Active 5 minutes ago" for the current time (done every minute).
    void refreshLastSeen();

Q_SIGNALS:
    void countsChanged();

private:
    QList<Row> buildRows() const;
    void applyRows(QList<Row> next);
    void scheduleRefresh();

    PresenceAgent *m_agent;
    AvatarLoader *m_avatars = nullptr;
    QList<Row> m_rows;
    QHash<qint64, int> m_rowById;
    // Which user asked for an avatar still loading, so its row alone is repainted.
    mutable QHash<QUrl, qint64> m_avatarOwner;
    int m_counts[3] = {0, 0, 0};
    // Bursts of presence events (a poll answer, many events) cost one rebuild.
    QTimer m_refreshTimer;
    // "Active 5 minutes ago" ages even when no dot changes.
    QTimer m_minuteTimer;
};

} // namespace zp
