// Event queues as Zulip's Tornado keeps them: per-queue event ids, long polls that are held
// until an event arrives (or a heartbeat after a while), and garbage collection of queues
// nobody polls.
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <functional>
#include <optional>

class QTimer;

namespace zp::devrealm {

struct QueueSettings {
    int userId = 0;
    std::optional<QSet<QString>> eventTypes; // nullopt = every type
    bool slimPresence = false;               // presence events without `email`
    bool simplifiedPresenceEvents = false;   // modern presence events (feature level 419)
    bool userSettingsObject = false;         // no legacy update_global_notifications events
    bool clientGravatar = true;              // how user objects in realm_user events look
};

struct PollReply {
    bool badQueue = false; // the queue is unknown, expired or deleted
    QByteArray eventsJson; // a JSON array
};
using PollCallback = std::function<void(const PollReply &)>;

class EventQueues : public QObject {
    Q_OBJECT

public:
    EventQueues(qint64 heartbeatMs, qint64 queueTimeoutMs, QObject *parent = nullptr);
    ~EventQueues() override;

    QString registerQueue(const QueueSettings &settings);
    bool owns(const QString &queueId, int userId) const;
    // Deletes a queue; a held poll is answered with badQueue. False if unknown or not owned.
    bool remove(const QString &queueId, int userId);
    void removeAll();

    // Answers at once if events newer than lastEventId are queued or dontBlock is set; else
    // holds the poll until an event arrives or the heartbeat is due. Unknown queue: badQueue.
    void poll(const QString &queueId, int userId, std::optional<qint64> lastEventId, bool dontBlock,
              PollCallback callback);

    // Queues an event (a JSON object without "id") if the queue subscribed to its type.
    void push(const QString &queueId, const QString &type, const QByteArray &event);
    void forEachQueue(const std::function<void(const QString &, const QueueSettings &)> &f) const;

    int count() const { return int(m_queues.size()); }
    int heldCount() const;

private:
    struct Event {
        qint64 id;
        QByteArray json;
    };
    struct Queue {
        QueueSettings settings;
        QList<Event> events;
        qint64 nextEventId = 0;
        qint64 lastActivityMs = 0;
        PollCallback held;
        std::optional<qint64> heldLastEventId;
        QTimer *heartbeat = nullptr;
        bool deliveryScheduled = false;
    };

    void answer(Queue &q);
    void scheduleDelivery(const QString &queueId);
    void collectGarbage();
    void cancelHeartbeat(Queue &q);

    qint64 m_heartbeatMs;
    qint64 m_queueTimeoutMs;
    QElapsedTimer m_clock;
    QHash<QString, Queue> m_queues;
    qint64 m_nextQueueNumber = 1;
    QTimer *m_gcTimer;
};

} // namespace zp::devrealm
