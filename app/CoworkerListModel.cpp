#include "CoworkerListModel.h"

#include "AvatarLoader.h"
#include "StatusArt.h"

#include <QSet>
#include <QTextDocument>

namespace zp {

CoworkerListModel::CoworkerListModel(PresenceAgent *agent, QObject *parent)
    : QAbstractListModel(parent), m_agent(agent) {
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(0);
    connect(&m_refreshTimer, &QTimer::timeout, this, &CoworkerListModel::refresh);
    connect(&agent->presence(), &PresenceModel::changed, this, &CoworkerListModel::scheduleRefresh);
    connect(agent, &PresenceAgent::rosterChanged, this, &CoworkerListModel::scheduleRefresh);
    connect(agent, &PresenceAgent::ownPresenceEnabledChanged, this,
            &CoworkerListModel::scheduleRefresh);
    // Your own row says whether you are being reported at all.
    connect(agent, &PresenceAgent::stateChanged, this, &CoworkerListModel::scheduleRefresh);
    connect(agent, &PresenceAgent::dataStaleChanged, this, &CoworkerListModel::scheduleRefresh);
    m_minuteTimer.setInterval(60 * 1000);
    m_minuteTimer.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_minuteTimer, &QTimer::timeout, this, &CoworkerListModel::refreshLastSeen);
    m_minuteTimer.start();
    refresh();
}

void CoworkerListModel::setAvatarLoader(AvatarLoader *loader) {
    m_avatars = loader;
    connect(loader, &AvatarLoader::avatarReady, this, [this](const QUrl &url) {
        const qint64 userId = m_avatarOwner.take(url);
        if (const int r = rowOf(userId); r >= 0)
            Q_EMIT dataChanged(index(r), index(r), {AvatarRole, Qt::DecorationRole});
    });
}

void CoworkerListModel::scheduleRefresh() {
    m_refreshTimer.start();
}

namespace {
// Thousands of offline rows say the same few words ("Active 3 days ago"); one string each
// instead of one per row.
QString sharedWords(QSet<QString> &pool, QString text) {
    if (auto it = pool.constFind(text); it != pool.constEnd())
        return *it;
    pool.insert(text);
    return text;
}
} // namespace

QList<CoworkerListModel::Row> CoworkerListModel::buildRows() const {
    const double now = m_agent->presence().serverNow();
    const QList<Coworker> people = listCoworkers(m_agent->roster(), m_agent->presence(), now);
    const QTimeZone zone = QTimeZone::systemTimeZone();
    const int historyDays = m_agent->presenceHistoryDays();
    QList<Row> rows;
    rows.reserve(people.size() + 1);
    const RealmUser *self = m_agent->roster().find(m_agent->roster().ownUserId());
    if (self) {
        // Zulip shows you as active while you share your availability and offline when
        // you are invisible, whatever the data says (PRESENCE.md §10.3).
        Row own;
        own.isSelf = true;
        own.person = {self->userId, self->fullName, self->email, self->avatarUrl, {}};
        // A refused account sends nothing, and reports that have not got through for the
        // offline threshold are as good as none: coworkers see you offline then, and your
        // own row must not say otherwise.
        const bool reporting = m_agent->state() != PresenceAgent::State::CredentialsRejected &&
                               m_agent->state() != PresenceAgent::State::Stopped;
        const bool reaching = reporting && !m_agent->dataIsStale();
        own.person.verdict.status = m_agent->ownPresenceEnabled() && reaching
                                        ? PresenceStatus::Active
                                        : PresenceStatus::Offline;
        own.lastSeen = !reporting                      ? tr("Not reporting your presence")
                       : !reaching                     ? tr("Not reaching the server")
                       : m_agent->ownPresenceEnabled() ? lastSeenText(own.person.verdict, now)
                                                       : tr("Invisible to others");
        rows.append(std::move(own));
    }
    QSet<QString> words;
    for (const Coworker &c : people) {
        Row row;
        row.person = c;
        row.lastSeen = sharedWords(words, lastSeenText(c.verdict, now, zone, historyDays));
        rows.append(std::move(row));
    }
    return rows;
}

void CoworkerListModel::refresh() {
    m_refreshTimer.stop();
    applyRows(buildRows());
}

namespace {
bool sameContent(const CoworkerListModel::Row &a, const CoworkerListModel::Row &b) {
    return a.person.verdict.status == b.person.verdict.status && a.lastSeen == b.lastSeen &&
           a.person.fullName == b.person.fullName && a.person.email == b.person.email &&
           a.person.avatarUrl == b.person.avatarUrl && a.isSelf == b.isSelf;
}
} // namespace

void CoworkerListModel::applyRows(QList<Row> next) {
    QSet<qint64> nextIds;
    nextIds.reserve(next.size());
    for (const Row &r : next)
        nextIds.insert(r.person.userId);

    // 1. People who left: removed in contiguous blocks, from the bottom up.
    for (int i = int(m_rows.size()) - 1; i >= 0;) {
        if (nextIds.contains(m_rows[i].person.userId)) {
            --i;
            continue;
        }
        const int last = i;
        while (i >= 0 && !nextIds.contains(m_rows[i].person.userId))
            --i;
        beginRemoveRows({}, i + 1, last);
        m_rows.remove(i + 1, last - i);
        endRemoveRows();
    }
    m_rowById.clear();
    m_rowById.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_rowById.insert(m_rows[i].person.userId, i);

    // 2. Newcomers: appended, then moved into place with everyone else below.
    QList<Row> added;
    for (const Row &r : next)
        if (!m_rowById.contains(r.person.userId))
            added.append(r);
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (int i = 0; i < added.size(); ++i)
            m_rowById.insert(added[i].person.userId, first + i);
        m_rows.append(std::move(added));
        endInsertRows();
    }

    // 3. Order: unchanged → only the changed rows are announced; changed → one layout change
    // that carries the selection and the current row to their new places.
    bool sameOrder = true;
    for (int i = 0; i < next.size() && sameOrder; ++i)
        sameOrder = m_rows[i].person.userId == next[i].person.userId;
    if (sameOrder) {
        int first = -1, last = -1;
        for (int i = 0; i < next.size(); ++i) {
            if (!sameContent(m_rows[i], next[i])) {
                if (first < 0)
                    first = i;
                last = i;
            }
        }
        m_rows = std::move(next);
        if (first >= 0)
            Q_EMIT dataChanged(index(first), index(last));
    } else {
        Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        QHash<qint64, int> nextRowById;
        nextRowById.reserve(next.size());
        for (int i = 0; i < next.size(); ++i)
            nextRowById.insert(next[i].person.userId, i);
        const QModelIndexList from = persistentIndexList();
        QModelIndexList to;
        to.reserve(from.size());
        for (const QModelIndex &old : from)
            to.append(index(nextRowById.value(m_rows[old.row()].person.userId)));
        m_rows = std::move(next);
        m_rowById = std::move(nextRowById);
        changePersistentIndexList(from, to);
        Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    }

    std::fill(std::begin(m_counts), std::end(m_counts), 0);
    for (const Row &r : m_rows)
        if (!r.isSelf)
            ++m_counts[int(r.person.verdict.status)];
    Q_EMIT countsChanged();
}

void CoworkerListModel::refreshLastSeen() {
    const double now = m_agent->presence().serverNow();
    const QTimeZone zone = QTimeZone::systemTimeZone();
    const int historyDays = m_agent->presenceHistoryDays();
    int first = -1, last = -1;
    QSet<QString> words;
    for (int i = 0; i < m_rows.size(); ++i) {
        Row &r = m_rows[i];
        if (r.isSelf || r.person.verdict.status != PresenceStatus::Offline)
            continue;
        QString text = lastSeenText(r.person.verdict, now, zone, historyDays);
        if (text != r.lastSeen) {
            r.lastSeen = sharedWords(words, std::move(text));
            if (first < 0)
                first = i;
            last = i;
        }
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first), index(last),
                           {LastSeenRole, Qt::ToolTipRole, Qt::AccessibleTextRole});
}

int CoworkerListModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CoworkerListModel::count(PresenceStatus status) const {
    return m_counts[int(status)];
}

QVariant CoworkerListModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows.at(index.row());
    const Coworker &c = r.person;
    switch (role) {
    case Qt::DisplayRole:
        return c.fullName;
    case UserIdRole:
        return c.userId;
    case StatusRole:
        return int(c.verdict.status);
    case LastSeenRole:
        return r.lastSeen;
    case EmailRole:
        return c.email;
    case SearchTextRole:
        return (c.fullName + QLatin1Char(' ') + c.email).toCaseFolded();
    case IsSelfRole:
        return r.isSelf;
    case AvatarRole:
        if (m_avatars) {
            // Resolved only for the rows being painted.
            const QUrl url = m_agent->avatarUrlOf(c.userId, c.avatarUrl);
            const QImage image = url.isValid() ? m_avatars->avatar(url) : QImage();
            if (image.isNull() && url.isValid())
                m_avatarOwner.insert(url, c.userId);
            return image;
        }
        return QImage();
    case Qt::ToolTipRole: {
        // Tooltips take text that looks like markup for markup; a coworker named "<b>Al</b>"
        // reads as typed.
        const QString tip = QStringLiteral("%1\n%2").arg(displayName(r), r.lastSeen);
        return Qt::mightBeRichText(tip) ? Qt::convertFromPlainText(tip) : tip;
    }
    case Qt::AccessibleTextRole:
        // A screen reader hears the name, what the dot means, and the words under the name.
        return tr("%1, %2, %3").arg(displayName(r), statusWord(c.verdict.status), r.lastSeen);
    case Qt::AccessibleDescriptionRole:
        return dotDescription(c.verdict.status);
    default:
        return {};
    }
}

QString CoworkerListModel::displayName(const Row &row) {
    return row.isSelf ? tr("%1 (you)").arg(row.person.fullName) : row.person.fullName;
}

QHash<int, QByteArray> CoworkerListModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(UserIdRole, "userId");
    names.insert(StatusRole, "status");
    names.insert(LastSeenRole, "lastSeen");
    names.insert(EmailRole, "email");
    names.insert(IsSelfRole, "isSelf");
    return names;
}

} // namespace zp
