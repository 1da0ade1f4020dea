#include "CoworkerListModel.h"

namespace zp {

CoworkerListModel::CoworkerListModel(PresenceAgent *agent, QObject *parent)
    : QAbstractListModel(parent), m_agent(agent) {
    connect(&agent->presence(), &PresenceModel::changed, this, &CoworkerListModel::refresh);
    connect(agent, &PresenceAgent::rosterChanged, this, &CoworkerListModel::refresh);
    m_minuteTimer.setInterval(60 * 1000);
    m_minuteTimer.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_minuteTimer, &QTimer::timeout, this, [this] {
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1),
                               {LastSeenRole, Qt::ToolTipRole});
    });
    m_minuteTimer.start();
    refresh();
}

void CoworkerListModel::refresh() {
    beginResetModel();
    m_serverNow = m_agent->presence().serverNow();
    m_rows = listCoworkers(m_agent->roster(), m_agent->presence(), m_serverNow);
    endResetModel();
    Q_EMIT countsChanged();
}

int CoworkerListModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CoworkerListModel::count(PresenceStatus status) const {
    return int(std::count_if(m_rows.begin(), m_rows.end(),
                             [status](const Coworker &c) { return c.verdict.status == status; }));
}

QVariant CoworkerListModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Coworker &c = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return c.fullName;
    case UserIdRole:
        return c.userId;
    case StatusRole:
        return int(c.verdict.status);
    case LastSeenRole:
        return lastSeenText(c.verdict, m_agent->presence().serverNow());
    case EmailRole:
        return c.email;
    case SearchTextRole:
        return c.fullName + QLatin1Char(' ') + c.email;
    case Qt::ToolTipRole:
        return QStringLiteral("%1\n%2").arg(
            c.fullName, lastSeenText(c.verdict, m_agent->presence().serverNow()));
    case Qt::AccessibleTextRole:
        return tr("%1, %2").arg(c.fullName,
                                lastSeenText(c.verdict, m_agent->presence().serverNow()));
    default:
        return {};
    }
}

QHash<int, QByteArray> CoworkerListModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(UserIdRole, "userId");
    names.insert(StatusRole, "status");
    names.insert(LastSeenRole, "lastSeen");
    names.insert(EmailRole, "email");
    return names;
}

} // namespace zp
