#include "EventQueues.h"

#include <QDateTime>
#include <QTimer>
#include <algorithm>

namespace zp::devrealm {

EventQueues::EventQueues(qint64 heartbeatMs, qint64 queueTimeoutMs, QObject *parent)
    : QObject(parent), m_heartbeatMs(heartbeatMs), m_queueTimeoutMs(queueTimeoutMs),
      m_gcTimer(new QTimer(this)) {
    m_clock.start();
    m_gcTimer->setInterval(int(std::clamp<qint64>(queueTimeoutMs / 4, 50, 10'000)));
    connect(m_gcTimer, &QTimer::timeout, this, &EventQueues::collectGarbage);
    m_gcTimer->start();
}

EventQueues::~EventQueues() = default;

QString EventQueues::registerQueue(const QueueSettings &settings) {
    // Zulip's ids look like UUIDs; these are unique per run and readable in logs.
    const QString id =
        QStringLiteral("%1-dev0-4000-8000-%2")
            .arg(QDateTime::currentSecsSinceEpoch() & 0xffffffff, 8, 16, QLatin1Char('0'))
            .arg(m_nextQueueNumber++, 12, 10, QLatin1Char('0'));
    Queue q;
    q.settings = settings;
    q.lastActivityMs = m_clock.elapsed();
    m_queues.insert(id, q);
    return id;
}

bool EventQueues::owns(const QString &queueId, int userId) const {
    const auto it = m_queues.constFind(queueId);
    return it != m_queues.cend() && it->settings.userId == userId;
}

void EventQueues::cancelHeartbeat(Queue &q) {
    if (q.heartbeat) {
        q.heartbeat->deleteLater();
        q.heartbeat = nullptr;
    }
}

bool EventQueues::remove(const QString &queueId, int userId) {
    if (!owns(queueId, userId))
        return false;
    Queue q = m_queues.take(queueId);
    cancelHeartbeat(q);
    if (q.held)
        q.held(PollReply{true, {}});
    return true;
}

void EventQueues::removeAll() {
    const QStringList ids = m_queues.keys();
    for (const QString &id : ids)
        remove(id, m_queues.value(id).settings.userId);
}

void EventQueues::poll(const QString &queueId, int userId, std::optional<qint64> lastEventId,
                       bool dontBlock, PollCallback callback) {
    auto it = m_queues.find(queueId);
    if (it == m_queues.end() || it->settings.userId != userId) {
        callback(PollReply{true, {}});
        return;
    }
    Queue &q = *it;
    if (q.held) // a newer poll replaces the held one, which gets what is there (usually nothing)
        answer(q);
    q.lastActivityMs = m_clock.elapsed();
    if (lastEventId) { // acknowledged events are gone for good
        q.events.erase(std::remove_if(q.events.begin(), q.events.end(),
                                      [&](const Event &e) { return e.id <= *lastEventId; }),
                       q.events.end());
    }
    q.held = std::move(callback);
    q.heldLastEventId = lastEventId;
    if (!q.events.isEmpty() || dontBlock) {
        answer(q);
        return;
    }
    q.heartbeat = new QTimer(this);
    q.heartbeat->setSingleShot(true);
    connect(q.heartbeat, &QTimer::timeout, this, [this, queueId] {
        if (m_queues.contains(queueId))
            push(queueId, QStringLiteral("heartbeat"), "{\"type\":\"heartbeat\"}");
    });
    q.heartbeat->start(int(m_heartbeatMs));
}

void EventQueues::answer(Queue &q) {
    cancelHeartbeat(q);
    QByteArray json = "[";
    for (const Event &e : std::as_const(q.events)) {
        if (q.heldLastEventId && e.id <= *q.heldLastEventId)
            continue;
        if (json.size() > 1)
            json.append(',');
        json.append(e.json);
    }
    json.append(']');
    PollCallback callback = std::exchange(q.held, nullptr);
    q.heldLastEventId.reset();
    q.lastActivityMs = m_clock.elapsed();
    callback(PollReply{false, json});
}

void EventQueues::push(const QString &queueId, const QString &type, const QByteArray &event) {
    auto it = m_queues.find(queueId);
    if (it == m_queues.end())
        return;
    Queue &q = *it;
    const bool always = type == u"heartbeat" || type == u"restart";
    if (!always && q.settings.eventTypes && !q.settings.eventTypes->contains(type))
        return;
    const qint64 id = q.nextEventId++;
    QByteArray json = event.trimmed();
    json.chop(1);
    if (json.size() > 1)
        json.append(',');
    json.append("\"id\":").append(QByteArray::number(id)).append('}');
    q.events.append({id, json});
    if (q.held)
        scheduleDelivery(queueId);
}

void EventQueues::scheduleDelivery(const QString &queueId) {
    // Deliver on the next turn of the event loop, so that the events of one action
    // (a setting change and its presence event) arrive in one response.
    Queue &q = m_queues[queueId];
    if (q.deliveryScheduled)
        return;
    q.deliveryScheduled = true;
    QTimer::singleShot(0, this, [this, queueId] {
        auto it = m_queues.find(queueId);
        if (it == m_queues.end())
            return;
        it->deliveryScheduled = false;
        if (it->held)
            answer(*it);
    });
}

void EventQueues::forEachQueue(
    const std::function<void(const QString &, const QueueSettings &)> &f) const {
    for (auto it = m_queues.cbegin(); it != m_queues.cend(); ++it)
        f(it.key(), it->settings);
}

int EventQueues::heldCount() const {
    return int(std::count_if(m_queues.cbegin(), m_queues.cend(),
                             [](const Queue &q) { return bool(q.held); }));
}

void EventQueues::collectGarbage() {
    const qint64 now = m_clock.elapsed();
    QStringList expired;
    for (auto it = m_queues.cbegin(); it != m_queues.cend(); ++it) {
        if (!it->held && now - it->lastActivityMs > m_queueTimeoutMs)
            expired.append(it.key());
    }
    for (const QString &id : expired)
        m_queues.remove(id);
}

} // namespace zp::devrealm
